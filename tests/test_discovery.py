"""Folder search: default formats, --include/--exclude, .gitignore inside git, lock files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lawlint.discovery import collect, default_include

REPORT = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n"


def _tree(root: Path, names: list[str]) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(REPORT, encoding="utf-8")
    return root


def _found(root: Path, **options) -> list[str]:
    return [
        Path(path).relative_to(root).as_posix()
        for path, error in collect([str(root)], frozenset([".lawlint_cache"]), **options)
        if error is None
    ]


FILES = [
    "a.txt",
    "b.md",
    "c.docx",
    "d.pdf",
    "notes.csv",
    "sub/e.TXT",
    "drafts/f.txt",
    ".hidden/g.txt",
    "~$c.docx",
    "lawlint_cache/h.txt",
]


def test_default_formats_skip_hidden_folders_and_word_lock_files(tmp_path: Path) -> None:
    root = _tree(tmp_path / "reports", FILES)
    expected = {"a.txt", "b.md", "c.docx", "drafts/f.txt", "lawlint_cache/h.txt", "sub/e.TXT"}
    if "*.pdf" in default_include():
        expected.add("d.pdf")
    assert set(_found(root)) == expected
    assert _found(root) == sorted(_found(root))


def test_include_replaces_the_default_and_exclude_prunes(tmp_path: Path) -> None:
    root = _tree(tmp_path / "reports", FILES)
    assert _found(root, include=["*.txt"], exclude=["drafts"]) == [
        "a.txt",
        "lawlint_cache/h.txt",
        "sub/e.TXT",
    ]
    assert _found(root, include=["sub/*"]) == ["sub/e.TXT"]
    assert _found(root, exclude=["*.md", "sub/*", "drafts/f.txt"]) == [
        name for name in _found(root) if name not in ("b.md", "sub/e.TXT", "drafts/f.txt")
    ]


def test_named_files_and_stdin_are_passed_through(tmp_path: Path) -> None:
    _tree(tmp_path, ["notes.csv"])
    missing = str(tmp_path / "missing.txt")
    found = list(collect(["-", str(tmp_path / "notes.csv"), missing], frozenset()))
    assert found == [
        ("-", None),
        (str(tmp_path / "notes.csv"), None),
        (missing, "no such file or directory"),
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_is_respected_inside_a_work_tree(tmp_path: Path) -> None:
    root = _tree(tmp_path, ["kept.txt", "build/out.txt", "sub/draft.txt", "sub/final.txt"])
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    (root / "sub" / ".gitignore").write_text("draft.txt\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    assert _found(root) == ["kept.txt", "sub/final.txt"]
    assert _found(root / "sub") == ["final.txt"]
    # A tracked file stays linted even when an ignore pattern matches it, as in git.
    (root / "tracked.txt").write_text(REPORT, encoding="utf-8")
    subprocess.run(["git", "add", "tracked.txt"], cwd=root, check=True)
    (root / ".gitignore").write_text("build/\ntracked.txt\n", encoding="utf-8")
    assert "tracked.txt" in _found(root)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_ignored_folder_named_on_the_command_line_is_linted(tmp_path: Path) -> None:
    root = _tree(tmp_path, ["kept.txt", "incoming/a.txt", "incoming/sub/b.md"])
    (root / ".gitignore").write_text("incoming/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    assert _found(root) == ["kept.txt"]
    assert _found(root / "incoming") == ["a.txt", "sub/b.md"]


def test_outside_git_ignore_files_do_not_apply(tmp_path: Path) -> None:
    root = _tree(tmp_path / "plain", ["kept.txt", "build/out.txt"])
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    if subprocess.run(["git", "rev-parse"], cwd=root, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git work tree")
    assert _found(root) == ["build/out.txt", "kept.txt"]


def test_hidden_names_and_the_cache_folder_are_skipped_at_any_depth(tmp_path: Path) -> None:
    names = [
        ".draft.txt",
        "sub/.x.txt",
        "sub/deeper/.git/y.txt",
        "v1.2/i.txt",
        "a.b/c.d/j.txt",
        "mycache/k.txt",
        "sub/mycache/l.txt",
        "mycache.txt",
    ]
    root = _tree(tmp_path / "reports", names)
    found = [
        Path(path).relative_to(root).as_posix()
        for path, _ in collect([str(root)], frozenset(["mycache"]))
    ]
    assert found == ["a.b/c.d/j.txt", "mycache.txt", "v1.2/i.txt"]


def test_old_word_and_wps_files_are_found_and_said_to_be_unreadable(tmp_path: Path, capsys):
    """A folder of .doc files must not pass as '0 files' checked: each is named and why."""
    from lawlint.cli import main

    root = _tree(tmp_path / "reports", ["a.doc", "b.WPS", "~$c.doc", "d.txt"])
    assert set(_found(root)) == {"a.doc", "b.WPS", "d.txt"}
    assert main(["--no-cache", "--format", "concise", str(root)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[2] for line in errors] == [str(root / "a.doc"), str(root / "b.WPS")]
    assert all(line.endswith("save it as .docx to lint it") for line in errors)
