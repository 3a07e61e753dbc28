"""The code files' hash noted in the cache folder: used only while every file stats as noted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lawlint import cache
from lawlint.linter import Selection
from lawlint.registry import load_rules

code_digest = cache._code_digest.__wrapped__  # without the per-process memo


@pytest.fixture
def code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Three stand-in code files, counted as settled at once (no two-second wait)."""
    files = []
    for name in ("a.py", "b.py", "rules.yaml"):
        path = tmp_path / "pkg" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"# {name}\n", encoding="utf-8")
        files.append(path)
    monkeypatch.setattr(cache, "_code_files", lambda: files)
    monkeypatch.setattr(cache, "_SETTLED_NS", -1)
    return files


def _fail(files: list[Path]) -> str:
    raise AssertionError("the files were read although they stat as noted")


def test_a_noted_hash_is_used_while_the_files_stat_as_noted(
    tmp_path: Path, code: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    first = code_digest(folder)
    assert first == cache._hash_code(code) == code_digest(None)
    assert list(folder.glob("code-*.json"))
    monkeypatch.setattr(cache, "_hash_code", _fail)
    assert code_digest(folder) == first


@pytest.mark.parametrize("change", ["content", "same-size-same-mtime", "removed", "added"])
def test_any_change_to_a_file_is_hashed_again(
    tmp_path: Path, code: list[Path], change: str
) -> None:
    folder = tmp_path / "cache"
    first = code_digest(folder)
    target = code[1]
    if change == "content":
        target.write_text("# changed, and longer\n", encoding="utf-8")
    elif change == "same-size-same-mtime":  # only the change time tells
        before = target.stat()
        target.write_text("# B.py\n", encoding="utf-8")
        os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert target.stat().st_size == before.st_size
    elif change == "removed":
        code.pop()
    else:
        extra = target.with_name("c.py")
        extra.write_text("x = 1\n", encoding="utf-8")
        code.append(extra)
    again = code_digest(folder)
    assert again == cache._hash_code(code) != first
    assert code_digest(folder) == again  # and noted anew


def test_files_changed_just_now_are_not_noted(
    tmp_path: Path, code: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_SETTLED_NS", 2_000_000_000)
    folder = tmp_path / "cache"
    code_digest(folder)
    assert not folder.exists() or not any(folder.glob("code-*.json"))


NESTED = "[" * 100_000 + "]" * 100_000  # too deep for json: RecursionError


@pytest.mark.parametrize(
    "text",
    [
        *["", "{", "[1, 2]", '["x"]', "[[], 5]", "null", '[{"a": 1}, "h"]', '[[[1]], "h"]'],
        pytest.param(NESTED, id="nested"),
    ],
)
def test_a_malformed_note_is_ignored_and_replaced(
    tmp_path: Path, code: list[Path], text: str
) -> None:
    folder = tmp_path / "cache"
    first = code_digest(folder)
    (note,) = folder.glob("code-*.json")
    note.write_text(text, encoding="utf-8")
    assert code_digest(folder) == first
    assert note.read_text(encoding="utf-8") != text


def test_a_note_of_other_stats_is_not_believed(tmp_path: Path, code: list[Path]) -> None:
    folder = tmp_path / "cache"
    code_digest(folder)
    (note,) = folder.glob("code-*.json")
    stamps, _ = cache.json.loads(note.read_text(encoding="utf-8"))
    stamps[0][2] += 1  # another mtime, with a forged hash
    note.write_text(cache.json.dumps([stamps, "forged"]), encoding="utf-8")
    assert code_digest(folder) == cache._hash_code(code)


def test_the_fingerprint_is_the_same_with_and_without_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    selection = Selection(load_rules())
    plain = cache.fingerprint(selection)
    monkeypatch.setattr(cache, "_code_digest", code_digest)  # each call reads the note
    monkeypatch.setattr(cache, "_SETTLED_NS", -1)  # noted even if a file was edited just now
    assert cache.fingerprint(selection, folder=tmp_path) == plain  # hashed, and noted
    assert list(tmp_path.glob("code-*.json"))
    monkeypatch.setattr(cache, "_hash_code", _fail)
    assert cache.fingerprint(selection, folder=tmp_path) == plain  # the note read back


def test_on_windows_the_files_are_hashed_every_run_and_nothing_is_noted(
    tmp_path: Path, code: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """There st_ctime is the creation time: an edit could restore size and mtime unseen."""
    monkeypatch.setattr(cache.sys, "platform", "win32")
    folder = tmp_path / "cache"
    assert code_digest(folder) == cache._hash_code(code)
    assert not folder.exists() or not any(folder.glob("code-*.json"))
