"""The marker parses kept in the cache folder: a damaged file is treated as absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawlint.markers import MarkerTable, _grammar_key, _marker_to_row, _parse_with_grammar

RARE = "(十二)"  # not in the shipped table: parsed by the grammar, then kept in the memo
GOOD = _marker_to_row(_parse_with_grammar(RARE))
FORGED = _marker_to_row(_parse_with_grammar("（二）"))


def _rows(*rows: object) -> str:
    """A memo giving ``RARE`` each row in turn (the last one wins in json)."""
    return "{" + ", ".join(f"{json.dumps(RARE)}: {json.dumps(row)}" for row in rows) + "}"


DAMAGED = {
    "empty": "",
    "list": "[]",
    "null": "null",
    "string": '"x"',
    "number": "5",
    "row-number": _rows(5),
    "row-short": _rows([]),
    "row-unknown-kind": _rows(["X", *GOOD[1:]]),
    "row-list-kind": _rows([[], *GOOD[1:]]),
    "row-number-as-text": _rows([*GOOD[:1], "12", *GOOD[2:]]),
    "row-bool-number": _rows([*GOOD[:1], True, *GOOD[2:]]),
    "row-number-for-text": _rows([*GOOD[:2], 5, *GOOD[3:]]),
    "forged-then-damaged": "{" + f'{json.dumps(RARE)}: {json.dumps(FORGED)}, "b": [1]' + "}",
    "nested": '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",  # too deep for json
}


def _memo(folder: Path) -> Path:
    return folder / f"markers-{_grammar_key()}.json"


def test_kept_parses_are_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = MarkerTable()
    table.use_cache_dir(tmp_path)
    expected = table.parse(RARE)
    table.save()
    monkeypatch.setattr("lawlint.markers._parse_with_grammar", lambda text: 1 / 0)
    again = MarkerTable()
    again.use_cache_dir(tmp_path)
    assert again.parse(RARE) == expected


@pytest.mark.parametrize("text", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_memo_is_treated_as_absent(tmp_path: Path, text: str) -> None:
    _memo(tmp_path).write_text(text, encoding="utf-8")
    table = MarkerTable()
    table.use_cache_dir(tmp_path)
    assert table.parse(RARE) == _parse_with_grammar(RARE)
    table.save()  # and replaced by a sound one
    again = MarkerTable()
    again.use_cache_dir(tmp_path)
    assert again.parse(RARE) == _parse_with_grammar(RARE)
