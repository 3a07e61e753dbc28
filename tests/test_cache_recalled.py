"""Recalled results (files the cache vouches for unread) are checked and read out from rows.

A recalled file's diagnostics stay as the stored rows (``StoredDiagnostics``)
until something asks for Diagnostic objects; these tests hold what they give
(JSON text, counts) to the ordinary diagnostics on hostile strings, and hold
the checks of recalled entries to those of looked-up ones. (A run that writes
JSON recalls the stored JSON text instead: tests/test_cache_json_text.py.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lawlint.cache import ResultCache, StoredDiagnostics, content_key
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.fixer import fixable
from lawlint.render import FileReport, Tally, json_format
from lawlint.render.json_format import DiagnosticText
from lawlint.source import Source, read_source
from tests.test_cache import (
    FORMAT,
    GOOD,
    REPORT,
    _bad_entries,
    _entry,
    stored_entry,
    write_results,
)
from tests.test_json_text import file_texts

# Strings JSON must escape: quotes, backslashes, controls, U+2028, astral and lone surrogates.
HOSTILE = ['rule"q', "C\\1", 'm\n\t"\\\x00\x1f', "h\u2028\U0001f600", "t\ud800", "</x>"]


def _recall(folder: Path, entry: object, strings: list[str]):
    """Recall ``entry`` for a file whose stored stamp names it."""
    path = folder / "r.txt"
    folder.mkdir(exist_ok=True)
    path.write_text(REPORT, encoding="utf-8")
    info = path.stat()
    key = content_key(read_source(path))  # a file read for a code frame must match it
    stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, key]
    cache = ResultCache(folder / "cache", "k")
    folder.joinpath("cache").mkdir()
    documents: dict[Path, dict] = {}
    for name, part, value in ((str(path), "files", stamp), (key, "entries", entry)):
        document = documents.setdefault(
            cache.path_for(name), {"format": FORMAT, "strings": strings, "entries": {}, "files": {}}
        )
        document[part][name] = value
    for file, document in documents.items():
        write_results(file, document)
    return cache.recall(str(path))


@pytest.mark.parametrize(
    ("name", "entry"), list(_bad_entries()), ids=[n for n, _ in _bad_entries()]
)
def test_a_corrupt_recalled_entry_is_a_miss(tmp_path: Path, name: str, entry) -> None:
    strings = ["heading-sequence", "H103", "msg", "help", "t", "x"]
    assert _recall(tmp_path, _entry(GOOD), strings) is not None, "the good entry must be a hit"
    assert _recall(tmp_path / "bad", entry, strings) is None


def _hostile_entry() -> list:
    fix_safe = [4, True, [[0, 1, 5], [3, 3, 0]]]
    fix_unsafe = [5, False, [[1, 3, 4]]]
    rows = [
        [0, 1, 2, 2, 3, 0, 3, None],
        [1, 0, 1, 3, 2, 1, 3, fix_safe],
        [0, 1, 3, 4, 5, 3, 3, fix_unsafe],
    ]
    return stored_entry("generic", "line", rows, [0, 1, 1, 1, 1, 2, 3, 2, 1])


def _hostile_diagnostics() -> list[Diagnostic]:
    """The diagnostics `_hostile_entry` stores, written out by hand: what was stored."""
    fix_safe = Fix(HOSTILE[4], (Edit(0, 1, HOSTILE[5]), Edit(3, 3, HOSTILE[0])), True)
    fix_unsafe = Fix(HOSTILE[5], (Edit(1, 3, HOSTILE[4]),), False)
    return [
        Diagnostic(HOSTILE[0], HOSTILE[1], Severity.WARNING, HOSTILE[2], HOSTILE[3], 0, 3),
        Diagnostic(HOSTILE[1], HOSTILE[0], Severity.INFO, HOSTILE[3], HOSTILE[2], 1, 3, fix_safe),
        Diagnostic(
            HOSTILE[0], HOSTILE[1], Severity.ERROR, HOSTILE[4], HOSTILE[5], 3, 3, fix_unsafe
        ),
    ]


def _written(path: str, source: Source, diagnostics: list[Diagnostic]) -> list[str]:
    """Each diagnostic's JSON as json.dumps writes its data (lone surrogates escaped, as
    the JSON formats write them), apart from the cache's code."""
    return [
        json_format.escaped_surrogates(
            json.dumps(json_format.diagnostic_data(path, source, d), ensure_ascii=False)
        )
        for d in diagnostics
    ]


def test_recalled_rows_write_the_json_of_the_diagnostics_stored(tmp_path: Path) -> None:
    hit = _recall(tmp_path, _hostile_entry(), HOSTILE)
    assert hit is not None and isinstance(hit.diagnostics, StoredDiagnostics)
    recalled = file_texts(DiagnosticText(), 'a\\"b.txt', hit.source, hit.diagnostics)
    # Offsets 0, 1 and 3 where `_hostile_entry` places them: (1, 1), (1, 2) and (2, 1).
    placed = Source("r.txt", "ab\ncd")
    assert recalled == _written('a\\"b.txt', placed, _hostile_diagnostics())
    [first, second, third] = [json.loads(text) for text in recalled]
    place = (second["line"], second["column"], second["end_line"], second["end_column"])
    assert place == (1, 2, 2, 1) and first["path"] == 'a\\"b.txt'
    assert second["fix"]["edits"][1]["content"] == HOSTILE[0]
    assert third["severity"] == str(Severity.ERROR) and third["fix"]["applicability"] == "unsafe"


def test_recalled_rows_count_as_the_diagnostics_stored(tmp_path: Path) -> None:
    hit = _recall(tmp_path, _hostile_entry(), HOSTILE)
    assert hit is not None
    stored = type(hit)(hit.source, None, hit.profile, _hostile_diagnostics(), cached=True)
    counts = []
    for result in (hit, stored):
        tally = Tally()
        tally.add(FileReport("r.txt", result))
        counts.append((tally.severities, tally.flagged, fixable([FileReport("r.txt", result)])))
    assert counts[0] == counts[1]
    assert counts[0][2] == (1, 1) and sum(counts[0][0].values()) == 3
    assert hit.diagnostics == stored.diagnostics and len(hit.diagnostics) == 3
    assert hit.diagnostics[1].fix.edits[1].replacement == HOSTILE[0]


def test_an_offset_without_a_stored_place_is_read_from_the_file(tmp_path: Path) -> None:
    entry = _hostile_entry()
    rows = json.loads(entry[2])[0]
    entry[2] = json.dumps([rows, [0, 1, 1, 3, 1, 4]])  # offset 1 has no stored place
    hit = _recall(tmp_path, entry, HOSTILE)
    assert hit is not None
    recalled = file_texts(DiagnosticText(), "r.txt", hit.source, hit.diagnostics)
    # The file holds REPORT: its offsets 0 and 3 are where the entry places them.
    assert recalled == _written("r.txt", Source("r.txt", REPORT), _hostile_diagnostics())
    assert json.loads(recalled[1])["column"] == 2, "offset 1 is the second character of line 1"


def test_a_recalled_file_is_stamped_as_the_file_on_disk(tmp_path: Path) -> None:
    hit = _recall(tmp_path, _hostile_entry(), HOSTILE)
    assert hit is not None and hit.cached
    os.utime(tmp_path / "r.txt", ns=(10**18, 10**18))
    again = ResultCache(tmp_path / "cache", "k")
    assert again.recall(str(tmp_path / "r.txt")) is None, "a changed stamp must be a miss"
