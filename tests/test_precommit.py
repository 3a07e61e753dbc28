"""The pre-commit hooks, run by the real ``pre-commit`` against a throw-away repository.

The hook repository is a fresh git repository holding a copy of this checkout's
package files (so the test needs no history and sees uncommitted work), pinned
by the commit's hash as ``rev`` the way users pin a tag. pre-commit builds
lawlint into its own virtualenv, which needs PyPI for lark, rich and pyyaml;
PRE_COMMIT_HOME is a temporary folder so nothing outside the test is touched.
The environment is built once for the module (about 20 s); the runs are quick.
Deselect with ``-m "not precommit"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

_PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
_PACKAGE_DIRS = ("lawlint", "rules", "grammars")

_CLEAN = """\
青山县司法局工作报告

一、主要工作
（一）强化组织领导。全年召开专题会议6场。
（二）规范行政执法。全年开展执法检查12次。
二、下一步打算
（一）加强队伍建设。
"""
# （三） where （二） belongs: heading-sequence, a warning.
_SKIPPED = _CLEAN.replace("（二）规范", "（三）规范")
# A space that PDF extraction left: pdf-digit-space, which --fix removes.
_PDF_SPACES = _CLEAN.replace("会议6场", "会议 6 场")


def _git(folder: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args]
    done = subprocess.run(command, cwd=folder, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _hook_repository(folder: Path) -> str:
    """Commit a copy of the package to ``folder``; return the commit hash."""
    folder.mkdir()
    for name in _PACKAGE_FILES:
        shutil.copy2(ROOT / name, folder / name)
    for name in _PACKAGE_DIRS:
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "lawlint under test")
    return _git(folder, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository of reports using both hooks, with pre-commit's environment built."""
    base = tmp_path_factory.mktemp("precommit")
    rev = _hook_repository(base / "hooks")
    work = base / "reports"
    work.mkdir()
    (work / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {(base / 'hooks').as_uri()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: lawlint\n"
        "        args: [--fail-on, warning]\n"
        "      - id: lawlint-fix\n"
        "        args: [--fail-on, warning]\n",
        encoding="utf-8",
    )
    _git(work, "init", "-q")
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "cache"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_COLOR": "1",
    }
    subprocess.run(
        ["pre-commit", "install-hooks"],
        cwd=work,
        env=environment,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return work, environment


def _run_hook(project: tuple[Path, dict[str, str]], hook: str, name: str, text: str):
    work, environment = project
    (work / name).write_text(text, encoding="utf-8")
    _git(work, "add", name)
    return subprocess.run(
        ["pre-commit", "run", hook, "--files", name],
        cwd=work,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_hook_fails_a_defective_report_and_shows_the_diagnostic(project) -> None:
    done = _run_hook(project, "lawlint", "skipped.txt", _SKIPPED)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "skipped.txt:5:1" in done.stdout
    assert "heading-sequence" in done.stdout


def test_hook_passes_a_clean_report(project) -> None:
    done = _run_hook(project, "lawlint", "clean.txt", _CLEAN)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_fix_hook_rewrites_the_report_and_fails_the_commit(project) -> None:
    done = _run_hook(project, "lawlint-fix", "spaces.txt", _PDF_SPACES)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "files were modified by this hook" in done.stdout
    assert "Fixed 1 problem (pdf-digit-space 1)." in done.stdout
    assert (project[0] / "spaces.txt").read_text(encoding="utf-8") == _CLEAN


def test_hook_cache_stays_out_of_git(project) -> None:
    done = _run_hook(project, "lawlint", "cached.txt", _CLEAN)
    assert done.returncode == 0, done.stdout + done.stderr
    work = project[0]
    assert (work / ".lawlint_cache" / "CACHEDIR.TAG").is_file()
    status = _git(work, "status", "--porcelain", "--untracked-files=all")
    assert ".lawlint_cache" not in status
