"""A plain `pip install .` gives a `lawlint` that finds its rules and grammar from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("lawlint-*.whl"))


def test_wheel_ships_rules_and_grammar(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_rules = {name.rsplit("/", 1)[1] for name in names if "/_data/rules/" in name}
    assert {path.name for path in (ROOT / "rules").glob("*.yaml")} <= shipped_rules
    assert "lawlint/_data/grammars/heading.lark" in names


def test_installed_lawlint_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # System site-packages provide lark, rich and PyYAML, so no download is needed;
    # lawlint itself comes only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], check=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "r.txt").write_text("一、总则\n(一)目标，任务。\n", encoding="utf-8")
    where = subprocess.run(
        [python, "-c", "import lawlint.resources as r; print(r.data_dir('rules'))"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in where.stdout
    result = subprocess.run(
        [venv / "bin" / "lawlint", "--format", "concise", "r.txt"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "r.txt:2:1: H101 [heading-bracket-width]" in result.stdout
