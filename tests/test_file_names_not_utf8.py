"""A report whose file name is not UTF-8 (a GBK name from a Windows zip unpacked on Linux).

Python gives such a name lone surrogates (os.fsdecode); every format written
to a file, the baseline and the cache must take it without a traceback, and
every output stays UTF-8: JSON writes the name as ``\\udcNN`` escapes that read
back as the name (tests/test_output_robustness.py checks every format).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lawlint.cli import main
from lawlint.render import FORMATS
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "reports" / "sample_with_defects.txt"
GBK_NAME = "报告".encode("gbk") + b".txt"


def gbk_named_report(tmp_path: Path) -> Path:
    """A folder under ``tmp_path`` holding the sample report under the GBK name."""
    inside = tmp_path / "in"
    inside.mkdir()
    (inside / os.fsdecode(GBK_NAME)).write_bytes(SAMPLE.read_bytes())
    return inside


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return gbk_named_report(tmp_path)


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_writes_it_to_the_output_file(folder: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    assert main(["--no-cache", "--format", name, "--output-file", str(out), str(folder)]) == 1
    assert out.stat().st_size > 0


def test_the_json_output_names_it_in_escapes_read_back_as_its_bytes(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    assert main(["--no-cache", "--format", "json", "--output-file", str(out), str(folder)]) == 1
    text = out.read_bytes().decode("utf-8")
    assert "\\udcb1\\udca8\\udcb8\\udce6.txt" in text
    assert os.fsencode(json.loads(text)[0]["path"]).endswith(b"/" + GBK_NAME)


def test_a_baseline_written_for_it_is_read_back(folder: Path, tmp_path: Path, capsys) -> None:
    baseline = tmp_path / "baseline.json"
    assert main(["--no-cache", "--write-baseline", str(baseline), str(folder)]) == 0
    baseline.read_bytes().decode("utf-8")  # still UTF-8: the name is written as JSON escapes
    assert main(["--no-cache", "--baseline", str(baseline), str(folder)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_the_cache_recalls_it(folder: Path, tmp_path: Path, capsys) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out.json"
    runs = []
    for _ in range(2):
        command = ["--cache-dir", str(cache), "--output-file", str(out), "--format", "json"]
        assert main([*command, str(folder)]) == 1
        runs.append(out.read_bytes())
    assert "Traceback" not in capsys.readouterr().err
    assert runs[0] == runs[1]
    assert any(cache.glob("results-*.json"))
