"""The heading rules' shortcuts skip only what the full check would pass.

heading-marker-form settles a marker with a standard separator and no space
without building anything; heading-bracket-width does nothing for a text with
no half-width bracket; heading-sequence and heading-style-mixed do nothing when
the builder saw every sibling list run in sequence (that flag is checked
against a plain reading in test_outline_reference.py). Each is checked here
against the full rule.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.checks import heading_marker_form, heading_sequence, heading_style_mixed
from lawlint.checks.heading_marker_form import _check_heading
from lawlint.markers import _common_marker_texts
from lawlint.outline import Outline, build_outline
from lawlint.source import Source
from tests.conftest import lint_text

MARKER_TEXTS = _common_marker_texts()
PIECES = [
    *MARKER_TEXTS[::7],
    "(一)",
    "(1)",
    "（一)",
    "(二）",
    " ",
    "\u3000",
    "标题",
    "。正文",
    "，",
]
TEXTS = st.lists(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join), max_size=12
).map("\n".join)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("path", ["r.txt", "r.md"])
def test_marker_form_settles_every_common_marker_as_the_full_check_does(path: str) -> None:
    lines = [
        written + space + title
        for written in MARKER_TEXTS
        for space in ("", " ", "\u3000")
        for title in ("标题", "")
    ]
    outline = build_outline(Source(path, "\n".join(lines) + "\n"))
    every = [_check_heading(section.heading, path.endswith(".md")) for section in outline.walk()]
    assert len(every) > len(MARKER_TEXTS)
    assert list(heading_marker_form.check(outline, None)) == [f for f in every if f]


@FAST
@given(TEXTS)
def test_marker_form_findings_are_the_full_check_of_every_heading(text: str) -> None:
    outline = build_outline(Source("r.txt", text))
    every = [_check_heading(section.heading, False) for section in outline.walk()]
    assert list(heading_marker_form.check(outline, None)) == [f for f in every if f]


@FAST
@given(TEXTS)
def test_a_bracket_width_finding_spans_a_half_width_bracket(text: str) -> None:
    # Why a text without ( or ) is skipped: every finding covers one of them.
    for diagnostic in lint_text(text, only="heading-bracket-width").diagnostics:
        span = text[diagnostic.start : diagnostic.end]
        assert "(" in span or ")" in span


def test_list_rules_look_into_an_outline_the_builder_did_not_make() -> None:
    built = build_outline(Source("r.txt", "一、甲\n（1）乙\n（2）丙\n（四）丁\n"))
    assert not built.lists_in_sequence
    made = Outline(built.source, built.title, built.preamble, built.sections)
    for check in (heading_sequence.check, heading_style_mixed.check):
        assert list(check(made, None)) == list(check(built, None)) != []


def test_list_rules_skip_an_outline_whose_lists_run_in_sequence() -> None:
    built = build_outline(Source("r.txt", "一、甲\n（一）乙\n（二）丙\n1.丁\n二、戊\n"))
    assert built.lists_in_sequence
    made = Outline(built.source, built.title, built.preamble, built.sections)
    for check in (heading_sequence.check, heading_style_mixed.check):
        assert list(check(made, None)) == list(check(built, None)) == []
