"""The bounded look-ups of the number rules against the plain scans they replace.

The guards against crafted sentences (tests/test_bad_input.py) changed how a
rate's names, a list's end and a numbered item are found; on any input within
the bounds they must find what the whole-sentence scans found.
"""

from __future__ import annotations

import random
import re

import pytest

from lawlint.checks import _numbers, count_mismatch, sum_mismatch
from lawlint.checks._numbers import Rate
from lawlint.numerals import quantities
from tests.conftest import lint_text

PIECES = [
    *("率", "满意度", "度", "和", "、", "及", "均", "达", "到了", "是"),
    *("办结", "群众", "100%", "9", "，", "的", "百分之九十"),
]


def _reference_names(text: str, floor: int, figure) -> list[Rate]:
    """The rate names before ``figure`` as first written: every rate word of the sentence listed."""
    before = text[floor : figure.start]
    words = list(re.finditer("率|满意度", before))
    if not words or not _numbers._RATE_LINK.fullmatch(before[words[-1].end() :]):
        return []
    found: list[Rate] = []
    for word in reversed(words):
        if found and word.end() != found[-1].name_start - floor - 1:
            break
        start = word.start()
        while start > 0 and _numbers._is_han_not_rate(before[start - 1]):
            start -= 1
        joined = before[start] in "和、及与" and start > 0 and before[start - 1] in "率度"
        start += joined
        start += _numbers._lead_in_length(before[start : word.start()])
        found.append(Rate(before[start : word.end()], floor + start, figure))
        if not joined:
            break
    return list(reversed(found))


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30))) for _ in range(count)]


def test_rate_names_match_the_whole_sentence_scan() -> None:
    compared = 0
    for text in _random_texts(5, 20_000):
        for figure in quantities(text):
            if figure.is_percent:
                for floor in (0, figure.start // 2):
                    got = list(_numbers._names_before(text, floor, figure))
                    assert got == _reference_names(text, floor, figure), text
                    compared += bool(got)
    assert compared > 500  # the random texts do state rates


LIST_PIECES = ["甲", "、", "和", "“", "”", "《", "》", "（", "）", "，", "。", "乙局"]


@pytest.mark.parametrize("seed", range(3))
def test_list_end_matches_masking_the_whole_sentence(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(5_000):
        text = "".join(rng.choice(LIST_PIECES) for _ in range(rng.randint(0, 40)))
        masked = count_mismatch._mask_quoted(text)
        found = count_mismatch._LIST_END.search(masked)
        expected = found.start() if found else len(text)
        assert count_mismatch._end_of_list(text, 0, len(text)) == expected, text


def test_a_list_running_past_the_reach_is_not_read() -> None:
    text = "“" + "甲、" * count_mismatch._LIST_REACH + "。"
    assert count_mismatch._end_of_list(text, 0, len(text)) is None


def test_item_and_goes_on_lookups_match_str_find_and_search() -> None:
    rng = random.Random(7)
    for _ in range(2_000):
        text = "".join(rng.choice(["一是", "二是", "另", "其他", "甲", "还有"]) for _ in range(20))
        for at in range(len(text) + 1):
            assert count_mismatch._next(text, "二是", at) == text.find("二是", at)
            goes_on = re.search("还有|另|此外|其他|其余", text[at:]) is not None
            assert (count_mismatch._last_goes_on(text) >= at) == goes_on


def test_a_clause_is_read_back_to_its_break() -> None:
    text = "全年受理案件40件，办结35件、其中当场办结20件"
    read = {q.start: _numbers.clause_before(text, q) for q in quantities(text)}
    assert list(read.values()) == ["全年受理案件", "办结", "其中当场办结"]


@pytest.mark.parametrize("connector", ["分别为", "其中"])
@pytest.mark.parametrize(
    "parts", [sum_mismatch._MAX_FOLLOWING - 1, sum_mismatch._MAX_FOLLOWING + 1]
)
def test_a_total_with_more_parts_than_are_read_is_not_flagged(connector: str, parts: int) -> None:
    """A correct sum whose list runs past the bound is skipped, never summed in part."""
    text = f"全年共受理行政复议案件{parts}件，{connector}" + "甲类1件，" * parts + "均已办结。"
    assert lint_text(text, only="sum-mismatch").diagnostics == []


def test_a_wrong_total_within_the_bound_is_still_flagged() -> None:
    parts = sum_mismatch._MAX_FOLLOWING - 1
    text = f"全年共受理行政复议案件{parts + 5}件，分别为" + "甲类1件，" * parts + "均已办结。"
    assert [d.rule for d in lint_text(text, only="sum-mismatch").diagnostics] == ["sum-mismatch"]
