"""Resolver.settings_for_file finds a file's folder without os.path.dirname on POSIX.

The fast key (the path up to its last "/") must give the settings dirname's
folder gives, for every way a path may be spelt: relative, absolute, with
``..`` or ``.``, doubled or leading slashes, directly in the working directory,
and paths that do not exist (reported later, but planned like the rest).
"""

from __future__ import annotations

import os

import pytest

from lawlint import config
from lawlint.config import Resolver

PATHS = [
    "top.txt",
    "./top.txt",
    "sub/inner.txt",
    "sub//inner.txt",
    "./sub/./inner.txt",
    "sub/deeper/inner.txt",
    "sub/deeper/../inner.txt",
    "sub/../top.txt",
    "sub/deeper//",
    "sub/",
    "../outside.txt",
    "missing/none.txt",
    "/top.txt",
    "//top.txt",
    "///top.txt",
    "",
]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A root and a sub folder with different configurations; the cwd is the root."""
    root = tmp_path / "root"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "lawlint.toml").write_text('profile = "generic"\n', encoding="utf-8")
    (root / "sub" / "lawlint.toml").write_text('profile = "fazhi"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _by_dirname(resolver: Resolver, path: str) -> config.Settings:
    """The reference: the folder as os.path.dirname spells it."""
    return resolver._settings_in(os.path.dirname(path))


@pytest.mark.parametrize("path", [*PATHS, None])
def test_settings_for_file_matches_dirname(tree, path):
    path = str(tree / "sub" / "deeper" / "x.txt") if path is None else path
    resolver = Resolver()
    assert resolver.settings_for_file(path) is _by_dirname(resolver, path)


def test_the_paths_reach_different_settings(tree):
    """The comparison above would pass trivially if every path found the same settings."""
    resolver = Resolver()
    found = {id(resolver.settings_for_file(path)) for path in PATHS}
    assert len(found) == 3  # root, sub and none (outside the root and at "/")


def test_each_file_of_a_folder_shares_one_entry(tree):
    resolver = Resolver()
    first = resolver.settings_for_file("sub/a.txt")
    assert resolver.settings_for_file("sub/b.txt") is first
    assert resolver._settings_in("sub") is first


@pytest.mark.skipif(not config._SLASH_ONLY, reason="the fast key is POSIX only")
def test_fast_key_is_used(tree, monkeypatch):
    """On POSIX the per-file path never calls dirname (what plan() pays for per file)."""
    monkeypatch.setattr(config.os.path, "dirname", lambda path: pytest.fail("dirname called"))
    Resolver().settings_for_file("sub/inner.txt")
