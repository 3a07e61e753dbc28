"""The result cache keys a file's stamp by its absolute path, found without a system call."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lawlint.cache import ResultCache


@pytest.mark.parametrize("cwd", ["/work/docs", "/", "/a b/报告"])
def test_absolute_paths_are_what_abspath_gives(monkeypatch: pytest.MonkeyPatch, cwd: str) -> None:
    """The shortcut for paths that need no normalising, against os.path.abspath itself."""
    monkeypatch.setattr(os, "getcwd", lambda: cwd)
    cache = ResultCache(Path("unused"), "k")
    paths = [
        *("a.txt", "sub/a.txt", "/abs/a.txt", "报告/年度.txt", ".hidden", "sub/.hidden/a"),
        *("./a.txt", "../a.txt", "sub/../a.txt", "sub/./a", "sub//a", "sub/", "/", "//a"),
        *("///a", "/a/.", "/a/..", "a/.", "..", ".", "", "...", "a/.../b", "/a//b/"),
    ]
    for path in paths:
        assert cache._absolute(path) == os.path.abspath(os.path.join(cwd, path)), path
