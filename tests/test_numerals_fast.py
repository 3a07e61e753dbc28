"""The number reader's fast paths agree with the plain readings they replace.

The numeric rules read only the sentences where their cue words stand, one
sentence at a time; a sentence must read as it does within its paragraph.

lawlint.numerals finds quantities by trying its pattern only where a run of
digits or of Chinese numerals starts, instead of at every position as
``finditer`` does. That is exact only because the pattern cannot match inside
a run where it failed at the run's start, and because no match ends inside a
run; these tests hold the fast scan to ``finditer`` of the plain pattern on crafted and
real text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint import numerals
from lawlint.checks._numbers import _SENTENCE_END
from lawlint.source import read_source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds

_QUANTITY = re.compile(numerals.QUANTITY)


def _plain(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(match.span(), match.groupdict()) for match in _QUANTITY.finditer(text)]


def _fast(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [
        ((match.start(), match.end("unit")), match.groupdict())
        for match in numerals._quantity_matches(text)
    ]


def _without_percent_words(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    """The plain reading less the numerals of 百分之五十, which the fast scan leaves out."""
    return [
        (span, groups)
        for span, groups in _plain(text)
        if not (groups["cn"] and text[: span[0]].endswith("百分之"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "十2个",  # a digit run inside a numeral run starts a quantity of its own
        "2十个",
        "1,234年共5件",  # fails at 1, and at 2 after the comma
        "１，０００元",  # a full-width comma is not a thousands separator
        "2.3万元，3.5亿元",
        "二十余次，两万余人次，一千零九十二个",
        "5千米，三千瓦时，2千元",
        "12345678901234567890项",
        "一二三四五六七八九十个",
        "进一步统一，一是二是",
        "百分之五十，百分之三点五",
        "共出动1776余人次，检查109家/次，发放 7.2 万余张",
        "第3次每5人1/3个2.5个",
    ],
)
def test_run_start_scan_finds_what_finditer_finds(text: str) -> None:
    assert _fast(text) == _without_percent_words(text)


_PIECES = st.sampled_from(
    [
        *"0123456789０１２３４５６７８９",
        *"零〇○一二两三四五六七八九十百千万亿萬億",
        *",.．、，。 \u3000",
        *"余多几来约近第每/“”《》",
        "家/次",
        "平方公里",
        "千瓦时",
        "千米",
        "人次",
        "百分之",
        *"个件条项家次人名元%％年月是",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_run_start_scan_agrees_on_any_mix(text: str) -> None:
    assert _fast(text) == _without_percent_words(text)


def test_no_measure_word_ends_inside_a_number_run() -> None:
    """The scan's premise: a match ends on a measure word, never on a digit or numeral."""
    number = re.compile(rf"[0-9０-９{numerals.CN_CHARACTERS}]$")
    assert [unit for unit in (*numerals.UNITS, "家/次", "％") if number.search(unit)] == []


@needs_seeds
def test_run_start_scan_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = read_source(path).text
        assert _fast(text) == _without_percent_words(text), path.name


@needs_corpus
def test_run_start_scan_on_the_corpus() -> None:
    for report in corpus():
        text = report["content"]
        assert _fast(text) == _without_percent_words(text), report["title"]


def _by_sentence(text: str) -> tuple[numerals.Quantity, ...]:
    """The quantities of ``text`` read one sentence at a time, as the numeric rules read them."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text)] + [len(text)]
    starts = [0, *ends[:-1]]
    return tuple(
        q for a, b in zip(starts, ends, strict=True) for q in numerals.quantities(text, a, b)
    )


@pytest.mark.parametrize(
    "text",
    [
        "共5件。约3件；“十个！两个”共2个",  # a quotation spans a sentence end
        "百分之五。百分之十点五！达95%",
        "统一。一个？约\n3件",
        "1,234。567件",
    ],
)
def test_a_sentence_reads_as_in_its_paragraph(text: str) -> None:
    assert _by_sentence(text) == numerals.quantities(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.sampled_from([*"。；;！？!?\n"])), max_size=40).map("".join))
def test_sentences_read_alone_agree_on_any_mix(text: str) -> None:
    assert _by_sentence(text) == numerals.quantities(text)


@needs_corpus
def test_sentences_read_alone_agree_on_the_corpus() -> None:
    for report in corpus():
        for paragraph in report["content"].split("\n"):
            assert _by_sentence(paragraph) == numerals.quantities(paragraph), report["title"]
