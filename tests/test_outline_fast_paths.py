"""The outline's fast paths agree with the plain definitions they shortcut.

build_outline tries a line as a heading only when its first non-blank character
can begin a marker and lists the sections in the order it opens them instead of
walking the tree; the running text is listed once. Each is checked here against
the slow, obvious form on text made of the characters markers and titles are
built from.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.outline import (
    _BLANK,
    _CANDIDATE,
    _HEADING_FIRST,
    Heading,
    Outline,
    Paragraph,
    Section,
    build_outline,
    match_heading,
)
from lawlint.readers.markdown_reader import markup
from lawlint.source import Source
from tests.conftest import SEEDS, needs_seeds

PIECES = [
    *("一、", "二、", "十一、", "（一）", "(二)", "（三)", "1.", "2、", "１２．", "（1）", "①"),
    *("一.", "一，", "（一）、", "一、二季度", "1.5万", "2024.3", "[bookmark: _GoBack]", "[x]"),
    *(" ", "\t", "\u3000", "\u00a0", "\ufeff", "。", "！", "？", "，", "：", "标题", "正文"),
    *("⑳", "#", "> "),
]
LINES = st.lists(st.sampled_from(PIECES) | st.text(max_size=2), max_size=6).map("".join)
TEXTS = st.lists(LINES, max_size=20).map("\n".join)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _preorder(sections: list[Section]) -> list[Section]:
    return [s for section in sections for s in (section, *_preorder(section.children))]


def _headings(outline: Outline) -> dict[int, object]:
    return {section.heading.line: section.heading for section in outline.walk()}


@FAST
@given(LINES)
def test_a_line_the_candidate_pattern_accepts_passes_the_first_character_test(line: str) -> None:
    unindented = line.lstrip(_BLANK)
    if _CANDIDATE.match(line):
        assert unindented[0] in _HEADING_FIRST


def test_every_character_that_can_begin_a_candidate_is_in_the_first_character_set() -> None:
    tails = ["、", "）", "一）", "1）", "1.", "一、", "bookmark: _GoBack]一、"]
    starts = {
        chr(code)
        for code in range(0x10000)
        if chr(code) not in _BLANK and any(_CANDIDATE.match(chr(code) + tail) for tail in tails)
    }
    assert starts - _HEADING_FIRST == set()


@FAST
@given(TEXTS)
def test_one_pass_finds_the_headings_a_line_by_line_match_finds(text: str) -> None:
    markdown = Source("r.md", text)
    markdown.markup = markup(markdown)
    for source in (Source("r.txt", text), markdown):
        matched = {line: match_heading(source, line) for line in range(source.line_count)}
        expected = {line: heading for line, heading in matched.items() if heading is not None}
        assert _headings(build_outline(source)) == expected


@FAST
@given(TEXTS)
def test_sections_listed_while_building_are_the_depth_first_walk(text: str) -> None:
    outline = build_outline(Source("r.txt", text))
    assert [id(s) for s in outline.walk()] == [id(s) for s in _preorder(outline.sections)]


def test_an_outline_made_without_the_builder_walks_its_tree() -> None:
    built = build_outline(Source("r.txt", "一、甲\n（一）乙\n1.丙\n（二）丁\n二、戊\n"))
    made = Outline(built.source, built.title, built.preamble, built.sections)
    assert [s.heading.title for s in made.walk()] == ["甲", "乙", "丙", "丁", "戊"]
    assert list(made.walk()) == list(built.walk())


@FAST
@given(TEXTS)
def test_running_text_listed_once_is_preamble_then_each_title_and_body(text: str) -> None:
    outline = build_outline(Source("r.txt", text))
    expected = [(p.text, p.pieces) for p in outline.preamble]
    for section in _preorder(outline.sections):
        if section.heading.title:
            expected.append((section.heading.title, ((0, section.heading.title_start),)))
        expected += [(p.text, p.pieces) for p in section.body]
    for _ in range(2):
        assert [(p.text, p.pieces) for p in outline.running_text()] == expected


@pytest.mark.parametrize(
    ("line", "title", "run_in"),
    [
        ("（一）\t", "", False),
        ("（一）标题。  ", "标题", False),
        ("（一）标题。正文", "标题", True),
        ("（一）标题。 \u3000正文 ", "标题", True),
        ("一、  标题 \u3000", "标题", False),
        ("1. 标题！正文？", "标题", True),
    ],
)
def test_title_ends_at_the_first_full_stop_or_the_last_non_blank(
    line: str, title: str, run_in: bool
) -> None:
    heading = build_outline(Source("r.txt", line + "\n")).sections[0].heading
    assert (heading.title, heading.run_in) == (title, run_in)
    assert heading.title_end - heading.title_start == len(title)
    assert heading.title_start >= heading.marker_end


def _made_by_the_builder(outline: Outline) -> list[tuple]:
    """Every Heading and Paragraph the builder made (it makes them with tuple.__new__)."""
    made: list[tuple] = [outline.title] if outline.title else []
    made += outline.preamble
    for section in outline.walk():
        made += [section.heading, section.title_paragraph, *section.body]
    return made


def _as_its_class_makes_it(item: tuple) -> bool:
    """tuple.__new__ checks no field count: the class's own constructor does."""
    kind = type(item)
    return kind in (Heading, Paragraph) and kind(*item) == item


@FAST
@given(TEXTS)
def test_headings_and_paragraphs_are_what_their_classes_make(text: str) -> None:
    for source in (Source("r.txt", text), Source("r.txt", text.replace("\n", "\r\n"))):
        assert all(map(_as_its_class_makes_it, _made_by_the_builder(build_outline(source))))


@needs_seeds
def test_headings_and_paragraphs_of_the_seeds_are_what_their_classes_make() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        outline = build_outline(Source(path.name, path.read_text(encoding="utf-8")))
        assert all(map(_as_its_class_makes_it, _made_by_the_builder(outline)))
