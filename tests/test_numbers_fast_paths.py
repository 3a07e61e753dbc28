"""The numeric and year rules' shortcuts agree with the plain readings they skip.

The rules read the figures of a sentence only where a finding may stand:
sum-mismatch skips a 其中/包括 that follows no measure word, count-mismatch a
共 whose sentence opens no list and takes the colon before a first item from
the item's place. Cue words are found by one literal pattern each, and years
by a pattern behind its first character's class. Each shortcut is held here to
the reading without it, on crafted and real text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint import numerals
from lawlint.checks import _numbers, count_mismatch, sum_mismatch, year_mismatch
from lawlint.outline import build_outline
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds

_CUE_SETS = [("其中", "分别", "包括"), ("率", "满意度"), ("共",), ("一是", "第一")]


def _found_plainly(text: str, words: tuple[str, ...]) -> list[int]:
    return sorted(at for word in words for at in range(len(text)) if text.startswith(word, at))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"其中分别包括率满意度共一是第", "一是", "第一", "。"]), max_size=40)
)
def test_cue_words_found_as_by_a_plain_search(pieces: list[str]) -> None:
    text = "".join(pieces)
    for words in _CUE_SETS:
        assert sorted(_numbers.occurrences(text, words)) == _found_plainly(text, words)


# Pieces of breakdowns and counted lists, with the near misses that defeat them.
_NUMBER_PIECES = st.sampled_from(
    [
        *"0123456789",
        "三",
        "两",
        "十",
        *"件条项家人个次%",
        "人次",
        "家/次",
        "其中",
        "分别为",
        "分别是",
        "包括",
        "共",
        "合计",
        "累计",
        *"，,：:（()）、和及。；\n",
        " ",
        "\u3000",
        "投诉",
        "办结",
        "比上年增加",
        "余",
        "等",
        "一是",
        "二是",
        "三是",
        "方面",
        "“",
        "”",
    ]
)


def _findings(check, text: str) -> list[tuple[int, int, tuple]]:
    outline = build_outline(Source(path="t.txt", text=text))
    return [(f.start, f.end, tuple(sorted(f.args.items()))) for f in check(outline, None)]


def _agree_without_shortcut(module, shortcut: str, text: str) -> None:
    """``module`` finds the same with ``shortcut`` letting everything through."""
    found = _findings(module.check, text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, shortcut, _EVERYTHING[shortcut])
        assert found == _findings(module.check, text)


_EVERYTHING = {
    "_after_measure_word": lambda text, at: True,
    "_opening_lists": lambda text, hits: hits,
}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("共收到诉求300条，其中投诉211件、求助68件、咨询28件。", 1),
        ("共收到诉求300条 ，其中投诉211件、求助68件、咨询28件。", 0),
        ("共检查10家次（其中甲4家次、乙7家次）；其中，另有3件。", 1),
        ("共办理12件，\u3000分别为甲5件、乙8件。包括3项。", 1),
        ("其中投诉5件、求助6件，共10件，其中甲6件、乙5件", 1),
    ],
)
def test_sum_mismatch_reads_the_sentences_it_needs(text: str, count: int) -> None:
    assert len(_findings(sum_mismatch.check, text)) == count
    _agree_without_shortcut(sum_mismatch, "_after_measure_word", text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NUMBER_PIECES, max_size=40).map("".join))
def test_sum_mismatch_shortcut_agrees_on_any_mix(text: str) -> None:
    _agree_without_shortcut(sum_mismatch, "_after_measure_word", text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("县属事业单位共5家，分别是甲、乙、丙。", 1),
        ("县属事业单位共3家，分别是甲、乙、丙和丁。", 0),
        ("共3家。分别是甲、乙。共4项工作：一是学法，二是用法。", 1),
        ("包括以下四个方面：一是甲，二是乙。共2人", 1),
    ],
)
def test_count_mismatch_reads_the_sentences_it_needs(text: str, count: int) -> None:
    assert len(_findings(count_mismatch.check, text)) == count
    _agree_without_shortcut(count_mismatch, "_opening_lists", text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NUMBER_PIECES, max_size=40).map("".join))
def test_count_mismatch_shortcut_agrees_on_any_mix(text: str) -> None:
    _agree_without_shortcut(count_mismatch, "_opening_lists", text)


def _real_texts() -> list[str]:
    texts = [read_source(path).text for path in sorted(SEEDS.glob("*.txt"))]
    return texts + [report["content"] for report in corpus()]


@needs_seeds
@needs_corpus
def test_shortcuts_agree_on_the_real_texts() -> None:
    for text in _real_texts():
        _agree_without_shortcut(sum_mismatch, "_after_measure_word", text)
        _agree_without_shortcut(count_mismatch, "_opening_lists", text)


_PLAIN_TITLE_YEAR = re.compile(year_mismatch._YEAR)
_PLAIN_TEXT_YEAR = re.compile(year_mismatch._YEAR + r"(?=\s*年)")
_YEAR_PIECES = st.sampled_from(
    [
        *"0123456789１２０９",
        *"一二九〇○零三四",
        "年",
        "度",
        " ",
        "—",
        "至",
        "《",
        "》",
        "2024",
        "二〇二四",
    ]
)


def _years(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span("year") for match in pattern.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(_YEAR_PIECES, max_size=30).map("".join))
def test_year_patterns_find_what_the_plain_patterns_find(text: str) -> None:
    assert _years(year_mismatch._TITLE_YEAR, text) == _years(_PLAIN_TITLE_YEAR, text)
    assert _years(year_mismatch._TEXT_YEAR, text) == _years(_PLAIN_TEXT_YEAR, text)


@needs_seeds
@needs_corpus
def test_year_patterns_on_the_real_texts() -> None:
    for text in _real_texts():
        assert _years(year_mismatch._TITLE_YEAR, text) == _years(_PLAIN_TITLE_YEAR, text)
        assert _years(year_mismatch._TEXT_YEAR, text) == _years(_PLAIN_TEXT_YEAR, text)


_FIRST_ITEM_AFTER_COLON = re.compile(rf"[：:。]\s*(?:{'|'.join(count_mismatch._FIRST_ITEMS)})")


def _colons_from_items(text: str) -> list[int]:
    """The colons count-mismatch takes from the places of 一是 and 第一."""
    hits = sorted(_numbers.occurrences(text, ("一是", "第一")))
    return [colon for at in hits if (colon := count_mismatch._colon_before(text, at)) >= 0]


@pytest.mark.parametrize(
    "text", ["包括三个方面：一是甲，二是乙", "三项。 第一，甲；：\u3000第一是", "：第一是一是"]
)
def test_colons_before_first_items_as_a_plain_scan_finds(text: str) -> None:
    found = _colons_from_items(text)
    assert found
    assert found == [match.start() for match in _FIRST_ITEM_AFTER_COLON.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"：:。，、 \u3000\t一是第二", "一是", "第一"]), max_size=30))
def test_colons_before_first_items_agree_on_any_mix(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _colons_from_items(text) == [
        match.start() for match in _FIRST_ITEM_AFTER_COLON.finditer(text)
    ]


def _named_figure_plainly(text: str, at: int) -> bool:
    """The rate word at ``at``, then the first digit or numeral within a link's reach, then
    a link that fills exactly the text between."""
    end = at + (1 if text[at] == "率" else 3)
    figure = numerals.FIGURE_CHARACTER.search(text, end, end + _numbers._LINK_LENGTH + 1)
    return figure is not None and bool(_numbers._RATE_LINK.fullmatch(text, end, figure.start()))


def _rate_words(text: str) -> list[int]:
    return sorted(_numbers.occurrences(text, _numbers.RATE_CUES))


_RATE_WORDS = ["率", "满意度", "达到了", "提高到", "始终", "百分之"]
_RATE_PIECES = st.sampled_from([*_RATE_WORDS, *"均达了为5五%，"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_RATE_PIECES, max_size=20).map("".join))
def test_a_figure_after_a_rate_word_as_the_plain_search_finds_it(text: str) -> None:
    for at in _rate_words(text):
        assert _numbers.figure_after_rate_word(text, at) == _named_figure_plainly(text, at)


@needs_seeds
@needs_corpus
def test_a_figure_after_a_rate_word_in_the_real_texts() -> None:
    compared = 0
    for text in _real_texts():
        for at in _rate_words(text):
            got = _numbers.figure_after_rate_word(text, at)
            assert got == _named_figure_plainly(text, at), text[at : at + 12]
            compared += got
    assert compared > 50  # the real texts do state rates
