"""Saving a results file: merged with what other runs wrote, read again only if they did."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint import cache, cache_dir
from lawlint.cache import ResultCache
from lawlint.linter import lint_source
from lawlint.source import Source
from tests.conftest import ROOT
from tests.test_cache import REPORT, _copies, _selection, _settled


def _text(number: int) -> str:
    return REPORT.replace("12次", f"{number}次")


def _numbers_in_one_file(count: int) -> list[int]:
    """Numbers of ``count`` texts whose entries share a results file, so that runs meet in it."""
    by_file: dict[int, list[int]] = {}
    for number in range(1000):
        key = cache.content_key(Source("r.txt", _text(number)))
        found = by_file.setdefault(cache._shard_number(key), [])
        found.append(number)
        if len(found) == count:
            return found
    raise AssertionError("no results file holds that many of these texts")


SHARED = _numbers_in_one_file(4)


def _result(index: int):
    return lint_source(Source("r.txt", _text(SHARED[index])), _selection())


def _counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    loads: list[Path] = []
    real_load = cache._load
    monkeypatch.setattr(cache, "_load", lambda path: loads.append(path) or real_load(path))
    return loads


def test_a_file_no_other_run_wrote_since_it_was_loaded_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ResultCache(tmp_path, "k")
    first.store([_result(1)])
    first.save()
    loads = _counted_loads(monkeypatch)
    later = ResultCache(tmp_path, "k")
    assert later.lookup(_result(2).source) is None  # a miss: the file is loaded
    later.store([_result(2)])
    later.save()
    assert len(loads) == 1
    again = ResultCache(tmp_path, "k")
    assert all(again.lookup(_result(n).source) is not None for n in (1, 2))


@pytest.mark.parametrize("first_there", [True, False], ids=["replaced", "made"])
def test_a_save_keeps_what_another_run_saved_after_this_one_loaded(
    tmp_path: Path, first_there: bool
) -> None:
    """Two runs load the file (or find none), one saves, then the other: both entries stay."""
    if first_there:
        seeded = ResultCache(tmp_path, "k")
        seeded.store([_result(0)])
        seeded.save()
    mine, theirs = ResultCache(tmp_path, "k"), ResultCache(tmp_path, "k")
    for cache_, number in ((mine, 1), (theirs, 2)):
        assert cache_.lookup(_result(number).source) is None
    theirs.store([_result(2)])
    theirs.save()
    mine.store([_result(1)])
    mine.save()
    again = ResultCache(tmp_path, "k")
    numbers = (0, 1, 2) if first_there else (1, 2)
    assert all(again.lookup(_result(n).source) is not None for n in numbers)


def test_a_second_save_of_the_same_cache_reads_the_file_again(tmp_path: Path) -> None:
    seeded = ResultCache(tmp_path, "k")  # so that ``mine`` loads a file, not none
    seeded.store([_result(0)])
    seeded.save()
    mine = ResultCache(tmp_path, "k")
    assert mine.lookup(_result(1).source) is None
    mine.store([_result(1)])
    mine.save()
    other = ResultCache(tmp_path, "k")
    other.store([_result(2)])
    other.save()
    mine.store([_result(3)])
    mine.save()
    again = ResultCache(tmp_path, "k")
    assert all(again.lookup(_result(n).source) is not None for n in (0, 1, 2, 3))


def test_a_file_replaced_since_it_was_loaded_is_read_again_whatever_its_stats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file replaced twice can get back the first one's inode and, where times are kept
    to the second, its times and size: the stats are not what decides."""
    seeded = ResultCache(tmp_path, "k")
    seeded.store([_result(0)])
    seeded.save()
    mine = ResultCache(tmp_path, "k")
    assert mine.lookup(_result(1).source) is None
    [path] = tmp_path.glob("results-*.json")
    as_loaded = os.stat(path)
    theirs = ResultCache(tmp_path, "k")
    theirs.store([_result(2)])
    theirs.save()
    real_stat = os.stat

    def stat_as_loaded(name, *args, **kwargs):
        return as_loaded if Path(name) == path else real_stat(name, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_as_loaded)
    mine.store([_result(1)])
    mine.save()
    monkeypatch.undo()
    again = ResultCache(tmp_path, "k")
    assert all(again.lookup(_result(n).source) is not None for n in (0, 1, 2))


def test_a_run_on_some_files_keeps_the_stamps_of_files_gone_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run on one file does not stat every path its results files name: only a run that
    reads every results file drops them (test_cache: ..._drops_what_no_file_needs)."""
    paths = _copies(tmp_path / "in", 3)
    _settled(paths)
    folder = tmp_path / "cache"
    first = ResultCache(folder, "k")
    for path in paths[:2]:
        assert first.recall(path) is None
        first.store(
            [lint_source(Source(path, Path(path).read_text(encoding="utf-8")), _selection())]
        )
    first.save()
    Path(paths[0]).unlink()
    monkeypatch.setattr(cache.os.path, "lexists", _no_stat)
    later = ResultCache(folder, "k")
    assert later.recall(paths[2]) is None
    later.store(
        [lint_source(Source(paths[2], Path(paths[2]).read_text(encoding="utf-8")), _selection())]
    )
    later.save()
    monkeypatch.undo()
    stamped = {path for file in folder.glob("results-k-*.json") for path in cache._load(file)[2]}
    assert stamped == {os.path.abspath(path) for path in paths}


def _no_stat(path: str) -> bool:
    raise AssertionError(f"{path} was stat'ed by a run on one file")


def test_write_replaces_the_file_for_its_owner_only_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "results-k-00.json"
    cache_dir.write(target, "一")
    cache_dir.write(target, b"\x00two")
    assert target.read_bytes() == b"\x00two"
    assert sorted(path.name for path in target.parent.iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        "results-k-00.json",
    ]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_write_does_not_import_tempfile(tmp_path: Path) -> None:
    """tempfile brings random, shutil and more (~5 ms) where site has not imported it already."""
    code = (
        "import sys; from pathlib import Path; from lawlint import cache_dir;"
        f"cache_dir.write(Path({str(tmp_path / 'c' / 'x.json')!r}), 'x');"
        "print('tempfile' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-S", "-c", code],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "False"
