"""template-placeholder's one-search shortcut agrees with searching each paragraph.

The rule first asks whether any placeholder is in the report at all, with one
search over the paragraphs joined by line breaks, and reads paragraph by
paragraph only when one is. A placeholder at a paragraph's edge (a look-around
meeting the line break) must still be found.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import template_placeholder as placeholder
from tests.conftest import lint_text

_PIECES = st.sampled_from(
    [
        *"Xx×Ｘｘ○〇【】（）()",
        *"A1-_.二年月日号件局县",
        "填写",
        "此处填",
        "单位名称",
        "(此处填写)",
        "（此处填写）",
        "【单位名称】",
        " ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map("".join), min_size=1, max_size=5))
def test_one_search_agrees_with_a_search_per_paragraph(paragraphs: list[str]) -> None:
    joined = "\n".join(paragraphs)
    expected = any(placeholder._locator().search(text) for text in paragraphs)
    rare = "".join(char for char in placeholder.PLACEHOLDER_START if char in joined)
    assert placeholder._any_placeholder(joined, rare) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("XX局\n\n开展工作。\n", ["XX"]),  # at the start of the first paragraph
        ("开展工作。\n\n报告单位：XX\n", ["XX"]),  # at the very end
        ("开展工作。\n\n〇〇\n", ["〇〇"]),
        ("开展培训X次。\n", ["X"]),
        ("一、推进XX\nLED屏幕建设。\n", ["XX"]),  # joined without the break: XXLED
    ],
)
def test_placeholders_at_paragraph_edges_are_found(text: str, found: list[str]) -> None:
    result = lint_text(text, only="template-placeholder")
    assert [text[d.start : d.end] for d in result.diagnostics] == found


def test_a_report_without_placeholder_characters_is_clean() -> None:
    assert (
        lint_text("一、主要举措\n\n（一）加强领导。\n", only="template-placeholder").diagnostics
        == []
    )
