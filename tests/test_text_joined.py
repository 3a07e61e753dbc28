"""One search of the joined paragraphs finds what a search of each paragraph finds.

fixed-phrase and instrument-name search a report's paragraphs joined by line
breaks (``_text.Joined``) and map each place found back to its paragraph. The
trap is a paragraph's edge: alone, a look-around or anchor there meets the end
of the text; joined, it meets a line break. A phrase list with such a pattern
is searched paragraph by paragraph (``fixed_phrase._joinable``). These tests
hold the joined search to a plain scan of each paragraph, on text built from
the characters at stake and on the real reports.
"""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import _text, fixed_phrase, instrument_name
from lawlint.outline import build_outline
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds, rule


def _plain_scan(paragraphs: tuple, options: fixed_phrase.Options) -> list[tuple[int, int]]:
    """Each paragraph tried at every position, phrase by phrase in list order."""
    found = []
    for paragraph in paragraphs:
        text, position = paragraph.text, 0
        while position < len(text):
            hit = next(
                (
                    (phrase, match)
                    for phrase in options.compiled
                    if (match := re.compile(phrase.wrong).match(text, position))
                ),
                None,
            )
            if hit is None:
                position += 1
                continue
            phrase, match = hit
            start, end = match.span()
            excepted = phrase.exceptions and fixed_phrase._excepted(
                re.compile(phrase.exceptions), text, start, end
            )
            if not excepted:
                found.append(_text.span(paragraph, start, end))
            position = position + 1 if excepted else max(end, position + 1)
    return found


def _spans(text: str, options: fixed_phrase.Options) -> list[tuple[int, int]]:
    return [
        (f.start, f.end) for f in fixed_phrase.check(build_outline(Source("t.txt", text)), options)
    ]


def _options(patterns: list[str]) -> fixed_phrase.Options:
    return fixed_phrase.Options([{"wrong": pattern, "right": "对"} for pattern in patterns])


SHIPPED = rule("fixed-phrase").options

# User phrases whose assertions or classes meet the line break between paragraphs.
EDGE_PATTERNS = [
    "^政府",
    "政府$",
    "(?<!\\S)政府",
    "(?<![^学])习近平",
    "法制(?!\\s)",
    "(?<=\\n)政府",
    "\\A法制|法制\\Z",
    "(?s:(?<=.))法制",
    "(?m:^政府)",
]
# Joinable, but a match can run across the line break in the joined text.
ACROSS_PATTERNS = ["法制\\s{0,1}政府", "法制[^治]政府", "府.{0,1}法"]

_PIECES = st.sampled_from(
    [*"法制政府学习近平大二个“”维护确立治\n 。", "\n\n", "十九大三中全会", "二十届二中全会"]
)


@pytest.mark.parametrize(
    ("pattern", "joinable"),
    [
        ("法制(政府|思维)", True),
        ('二(?<=[“"「]二)个(维护|确立)(?=[”"」])', True),
        ("习近平(?!新时代中国特色社会主义思想)[新时代]{4,12}思想", True),
        ("\\b法制\\B", True),
        ("法制\\s{0,1}政府", True),  # a match, not an assertion, holds the line break
        ("(?<=[^学])习近平", False),
        ("(?!\\d)法", True),
        ("(?!\\D)法", False),
        ("(?=.)法", True),
        ("(?s:(?=.))法", False),
        ("(?=(?-s:.))法", True),
        ("^法", False),
        ("法$", False),
        ("(?<=\\w)法", True),
        ("(?<=\\W)法", False),
    ],
)
def test_joinable_patterns_are_those_blind_to_the_line_break(pattern: str, joinable: bool) -> None:
    assert _options([pattern]).joinable is joinable


def test_the_shipped_phrases_are_searched_joined() -> None:
    assert SHIPPED.joinable


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_joined_search_finds_what_the_plain_scan_finds(text: str) -> None:
    paragraphs = _text.paragraphs(build_outline(Source("t.txt", text)))
    for options in (SHIPPED, _options(ACROSS_PATTERNS), _options(EDGE_PATTERNS)):
        assert _spans(text, options) == _plain_scan(paragraphs, options)


@pytest.mark.parametrize(
    "text",
    [
        "推进法制\n\n政府建设。\n",  # two paragraphs: 法制\n政府 when joined
        "加强法制。\n政府建设。\n",
        "政府\n\n法制。\n",
        "学\n\n习近平讲话。\n",  # 学 ends the paragraph before
        "做到“二\n\n个维护”。\n",
    ],
)
def test_nothing_is_found_across_a_paragraph_edge(text: str) -> None:
    paragraphs = _text.paragraphs(build_outline(Source("t.txt", text)))
    assert len(paragraphs) == 2
    for options in (SHIPPED, _options(ACROSS_PATTERNS), _options(EDGE_PATTERNS)):
        assert _spans(text, options) == _plain_scan(paragraphs, options)


def test_an_edge_pattern_still_finds_its_match_at_each_paragraph_start() -> None:
    options = _options(["^政府", "(?<![^学])习近平"])
    assert not options.joinable
    text = "政府工作。\n\n习近平讲话。\n"
    assert [text[start:end] for start, end in _spans(text, options)] == ["政府", "习近平"]


def _the_two_ways(text: str) -> None:
    paragraphs = _text.paragraphs(build_outline(Source("t.txt", text)))
    per_paragraph = copy.copy(SHIPPED)
    per_paragraph.joinable = False
    assert _spans(text, SHIPPED) == _spans(text, per_paragraph) == _plain_scan(paragraphs, SHIPPED)


@needs_seeds
def test_seeds_give_the_same_phrases_joined_or_per_paragraph() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _the_two_ways(read_source(path).text)


@needs_corpus
def test_corpus_gives_the_same_phrases_joined_or_per_paragraph() -> None:
    for row in corpus():
        _the_two_ways(row["content"])


_TITLE_PIECES = st.sampled_from([*"《》法规定\n。 ", "\n\n", "中华人民共和国"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_TITLE_PIECES, max_size=30).map("".join))
def test_titles_found_joined_are_those_in_each_paragraph(text: str) -> None:
    joined = _text.joined(build_outline(Source("t.txt", text)))
    mapped = [
        (*joined.locate(match.start()), match.group())
        for match in instrument_name._TITLE.finditer(joined.text)
    ]
    each = [
        (index, match.start(), match.group())
        for index, paragraph in enumerate(joined.paragraphs)
        for match in instrument_name._TITLE.finditer(paragraph.text)
    ]
    assert mapped == each
