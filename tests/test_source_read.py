"""read_source reads a file whole through its descriptor, pipes included."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from lawlint import source
from lawlint.source import SourceError, read_source


def test_a_regular_file_is_read_whole_and_unchanged(tmp_path: Path) -> None:
    text = "一、总体情况\r\n法治政府建设取得新进展。\r" * 3000 + "最后一行"
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("utf-8"))
    assert read_source(path).text == text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_read_to_its_end_though_its_size_is_zero(tmp_path: Path) -> None:
    """A pipe stats as empty and arrives in chunks: all of them are read."""
    text = "（一）依法行政。推进严格规范公正文明执法。\n" * 20000  # ~1 MB, many chunks
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    writer = threading.Thread(target=path.write_bytes, args=(text.encode("utf-8"),))
    writer.start()
    try:
        assert read_source(path).text == text
    finally:
        writer.join()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_without_end_is_refused_once_past_the_limit(monkeypatch) -> None:
    """/dev/zero stats as empty and never ends: what is read counts against the limit."""
    monkeypatch.setattr(source, "MAX_BYTES", 1 << 20)
    with pytest.raises(SourceError, match="file too large"):
        read_source("/dev/zero")
