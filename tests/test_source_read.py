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


class _CountedReads:
    """The os module as lawlint.source sees it, counting reads; fstat may understate."""

    def __init__(self, understate: int = 0) -> None:
        self.reads, self.understate = 0, understate

    def __getattr__(self, name: str):
        return getattr(os, name)

    def read(self, fd: int, size: int) -> bytes:
        self.reads += 1
        return os.read(fd, size)

    def fstat(self, fd: int) -> os.stat_result:
        stat = list(os.fstat(fd))
        stat[6] -= self.understate  # st_size: a file that grew after it was stated
        return os.stat_result(stat)


def test_a_regular_file_costs_one_read(tmp_path: Path, monkeypatch) -> None:
    """Less than asked comes back at the end of a file: no second read for nothing."""
    path = tmp_path / "report.txt"
    path.write_bytes("一、总体情况\n法治政府建设取得新进展。\n".encode())
    counted = _CountedReads()
    monkeypatch.setattr(source, "os", counted)
    assert read_source(path).text == "一、总体情况\n法治政府建设取得新进展。\n"
    assert counted.reads == 1


def test_a_file_longer_than_stated_is_read_to_its_end(tmp_path: Path, monkeypatch) -> None:
    """A file that grew between fstat and read fills the first read: the rest is read too."""
    text = "（一）依法行政。推进严格规范公正文明执法。\n" * 5000
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("utf-8"))
    counted = _CountedReads(understate=70_000)
    monkeypatch.setattr(source, "os", counted)
    assert read_source(path).text == text
    assert counted.reads > 2


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
