"""One parser checks a stored entry's shape and types for every reader of its rows."""

from __future__ import annotations

import pytest

from lawlint import cache

GOOD = ["fazhi", "utf-8", "[[],[]]", "/", None, None]

DAMAGED = {
    "not-a-list": {"profile": "fazhi"},
    "short": GOOD[:3],
    "long": [*GOOD, None],
    "profile-number": [5, *GOOD[1:]],
    "unit-none": [GOOD[0], None, *GOOD[2:]],
    "rows-not-text": [*GOOD[:2], [[], []], *GOOD[3:]],
    "rows-not-json": [*GOOD[:2], "[[],", *GOOD[3:]],
    "rows-not-a-pair": [*GOOD[:2], "[[]]", *GOOD[3:]],
    "rows-a-number": [*GOOD[:2], "5", *GOOD[3:]],
    "rows-a-mapping": [*GOOD[:2], '{"a": 1, "b": 2}', *GOOD[3:]],
    "rows-nested": [*GOOD[:2], "[" * 100_000 + "]" * 100_000, *GOOD[3:]],
}


def test_a_sound_entry_is_parsed() -> None:
    assert cache._parsed(GOOD) == ("fazhi", "utf-8", [], [])


@pytest.mark.parametrize("entry", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_entry_is_refused_by_every_reader(entry: object) -> None:
    assert cache._parsed(entry) is None
    assert cache._result(entry, {}, None, 0) is None
    assert cache._recalled_rows("a.txt", entry, None, "k") is None
    assert cache._kept([], {"k": entry}, {"k"}, "") == {}
