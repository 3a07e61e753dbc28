"""The probe that spares starting git for a folder no repository can hold."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lawlint import discovery


def _git_finds_a_work_tree(folder: Path) -> bool:
    command = ["git", "rev-parse", "--is-inside-work-tree"]
    return subprocess.run(command, cwd=folder, capture_output=True).returncode == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_probe_says_yes_wherever_git_finds_a_work_tree(tmp_path: Path) -> None:
    outside = tmp_path / "plain" / "deeper"
    outside.mkdir(parents=True)
    repository = tmp_path / "repo"
    nested = repository / "a" / "b"
    nested.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    linked = tmp_path / "link"
    linked.symlink_to(nested, target_is_directory=True)
    for folder in (outside, repository, nested, linked):
        if _git_finds_a_work_tree(folder):
            assert discovery._may_be_in_git(str(folder)), folder
    assert discovery._may_be_in_git(str(nested))
    assert discovery._may_be_in_git(str(linked))  # the physical path is inside the repository


def test_outside_any_repository_the_folder_is_walked_without_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if discovery._may_be_in_git(str(tmp_path)):
        pytest.skip("the temporary folder is inside a git repository")
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md"):
        (tmp_path / name).write_text("一、总体情况\n", encoding="utf-8")

    def no_git(*_arguments: str) -> None:
        raise AssertionError("git started for a folder outside any repository")

    monkeypatch.setattr(discovery, "_git", no_git)
    found = [path for path, _ in discovery.collect([str(tmp_path)], frozenset())]
    assert found == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]


def test_git_dir_in_the_environment_always_asks_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere.git"))
    assert discovery._may_be_in_git(str(tmp_path))
