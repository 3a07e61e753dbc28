"""_text lists the running text itself, a heading title kept as its section.

The text rules read ``_text.joined`` and ``_text.paragraphs``; they used to be
made from ``Outline.running_text()``, which makes a Paragraph of every heading
title up front. These tests hold the lazy list (``RunningText``) to that
reference on headings with and without titles, nested sections, a title and a
preamble, blank and CRLF text, invisible characters, and the real reports.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import _text
from lawlint.outline import Outline, Paragraph, build_outline
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds


def _reference(outline: Outline) -> list[Paragraph]:
    """The running text as the outline lists it, the report title first."""
    title = [outline.title] if outline.title else []
    return [*title, *outline.running_text()]


def _assert_as_the_outline_lists_it(text: str) -> None:
    outline = build_outline(Source("t.txt", text))
    joined = _text.joined(outline)
    expected = _reference(build_outline(Source("t.txt", text)))
    if not _text.rare_characters(outline).isdisjoint(_text.ZERO_WIDTH):
        expected = list(_text._readable(expected))
    assert list(joined.paragraphs) == expected
    assert [joined.paragraphs[i] for i in range(len(joined.paragraphs))] == expected
    assert list(joined.paragraphs[1::2]) == expected[1::2]
    assert joined.text == "\n".join(paragraph.text for paragraph in expected)
    assert list(_text.paragraphs(outline)) == expected


_PIECES = st.sampled_from(
    [
        "2024年法治政府建设情况报告\n",
        "一、",
        "（一）",
        "1.",
        "（1）",
        "主要举措",
        "加强领导。正文",
        "\n",
        "\n\n",
        "\r\n",
        "  ",
        "\u3000",
        "法治\u200b政府",
        "\ufeff",
        "。",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_running_text_is_the_outlines(text: str) -> None:
    _assert_as_the_outline_lists_it(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "一、\n二、\n",  # headings without titles
        "2024年法治政府建设情况报告\n现将情况报告如下。\n一、主要举措\n（一）加强领导。正文。\n正文二。\n",
        "一、甲\r\n（一）乙\r\n1.丙\r\n正文\r\n二、丁\r\n",
        "一、法治\u200b政府\n正\u00ad文\n",
    ],
)
def test_running_text_of_crafted_reports(text: str) -> None:
    _assert_as_the_outline_lists_it(text)


def test_a_title_is_the_sections_own_title_paragraph() -> None:
    outline = build_outline(Source("t.txt", "一、主要举措\n正文。\n"))
    joined = _text.joined(outline)
    assert joined.paragraphs[0] is outline.sections[0].title_paragraph


@needs_seeds
def test_running_text_of_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _assert_as_the_outline_lists_it(read_source(path).text)


@needs_corpus
def test_running_text_of_the_corpus() -> None:
    for row in corpus():
        _assert_as_the_outline_lists_it(row["content"])
