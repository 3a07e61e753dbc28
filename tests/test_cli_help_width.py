"""The help width the command line tells argparse is the one argparse would ask shutil for."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint import cli


@pytest.mark.parametrize(
    ("columns", "lines"),
    [(None, None), ("50", None), ("50", "20"), ("abc", None), ("-3", "20"), ("0", None)],
)
def test_the_width_is_shutils_less_argparses_margin(monkeypatch, columns, lines):
    for name, value in (("COLUMNS", columns), ("LINES", lines)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert cli._help_width() == shutil.get_terminal_size().columns - 2


def test_without_a_stdout_the_width_falls_back_as_shutils_does(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "__stdout__", None)
    assert cli._help_width() == shutil.get_terminal_size().columns - 2 == 78


def _python_as_in_a_fresh_venv(code: str, *args: str, env: dict | None = None):
    """Run ``code`` without site's start-up (.pth files here import shutil, pathlib and more).

    The package and its dependencies stay importable: this checkout and the
    site-packages folders are put on the path by hand.
    """
    paths = [str(Path(cli.__file__).parent.parent), *site.getsitepackages()]
    preamble = f"import sys; sys.path[:0] = {paths!r}\n"
    return subprocess.run(
        [sys.executable, "-S", "-c", preamble + code, *args],
        capture_output=True,
        text=True,
        env=env,
    )


_LINT = (
    "import runpy\n"
    "sys.argv = ['lawlint', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('lawlint', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
)


@pytest.mark.parametrize("columns", [50, 120])
def test_check_help_wraps_at_the_width_in_columns(columns):
    done = _python_as_in_a_fresh_venv(_LINT, "check", "--help", env={"COLUMNS": str(columns)})
    # Lines argparse can break: English words (a usage group, choices, Chinese can overrun).
    breakable = [
        line for line in done.stdout.splitlines() if line.isascii() and not set(line) & set("{[")
    ]
    assert len(breakable) > 20
    assert columns - 15 < max(map(len, breakable)) <= columns - 2


def test_a_run_without_the_cache_imports_no_shutil(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n依法行政。\n", encoding="utf-8")
    # An atexit handler: the command ends by os._exit, but runs those first.
    probe = "import atexit\n"
    probe += "atexit.register(lambda: print('shutil' in sys.modules, file=sys.stderr))\n" + _LINT
    done = _python_as_in_a_fresh_venv(probe, "--no-cache", str(report))
    assert "All checks passed" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "False"
