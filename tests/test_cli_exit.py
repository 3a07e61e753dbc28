"""The ``lawlint`` command ends without the interpreter's teardown, losing nothing on the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lawlint.cli import main
from tests.conftest import FIXTURES

# Output buffered as it is in a user's shell, so that what is not flushed is lost.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
REPORTS = sorted(str(path) for path in (FIXTURES / "reports").glob("*.txt"))


def _lawlint(*args: str, code: str = "") -> subprocess.CompletedProcess:
    """``python -m lawlint ARGS`` (after ``code``, run first in the same process)."""
    entry = f"import sys; sys.argv[1:] = {list(args)!r}\n{code}\nimport runpy\n"
    entry += "runpy.run_module('lawlint', run_name='__main__')"
    return subprocess.run([sys.executable, "-c", entry], capture_output=True, text=True, env=ENV)


def test_the_whole_output_and_the_status_reach_a_pipe(capsys, tmp_path: Path) -> None:
    args = ["--no-cache", "--format", "concise", *REPORTS, str(tmp_path / "missing.txt")]
    status = main(args)
    expected = capsys.readouterr()
    ended = _lawlint(*args)
    assert (ended.returncode, ended.stdout, ended.stderr) == (status, *expected)
    assert status == 2 and expected.out.count("\n") > 10 and "missing.txt" in expected.err


def test_atexit_handlers_still_run_after_the_report() -> None:
    code = "import atexit; atexit.register(print, 'handler ran')"
    ended = _lawlint("--no-cache", "--format", "concise", *REPORTS, code=code)
    assert ended.returncode == 1
    assert ended.stdout.endswith("handler ran\n") and ended.stdout.count("\n") > 10


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path) -> None:
    for number in range(300):  # more output than a pipe holds, so writing it fails
        (tmp_path / f"{number}.txt").write_bytes(Path(REPORTS[-1]).read_bytes())
    lawlint = f"{sys.executable} -m lawlint --no-cache --format concise {tmp_path}"
    ended = subprocess.run(
        ["sh", "-c", f"{lawlint} | head -1"], capture_output=True, text=True, env=ENV
    )
    assert ended.stdout.count("\n") == 1
    assert ended.stderr == ""


def test_a_closed_stdout_and_stderr_keep_the_status(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    clean = FIXTURES / "reports" / "clean_county_bureau.txt"
    lawlint = f"{sys.executable} -m lawlint --no-cache --format json --output-file {out} {clean}"
    ended = subprocess.run(["sh", "-c", f"{lawlint} >&- 2>&-"], env=ENV)
    assert ended.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("[")


def test_a_profiler_still_writes_its_report(tmp_path: Path) -> None:
    profile = tmp_path / "lawlint.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "lawlint", "--no-cache"]
    ended = subprocess.run([*command, *REPORTS], capture_output=True, env=ENV)
    assert ended.stderr == b""  # cProfile itself ends with status 0, whatever the run's
    assert profile.stat().st_size > 10_000
