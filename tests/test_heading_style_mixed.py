"""heading-style-mixed follows the GB/T 9704 form for the level, not the majority."""

from __future__ import annotations

import pytest

from tests.conftest import lint_text

RULE = "heading-style-mixed"

CASES = [
    # The audit's case (seed 003): （三） is right under 二、, （1）（2） are not.
    (
        "二、存在的不足和原因\n（1）学习不到位。\n（2）执法能力不足。\n（三）普法形式单一。\n",
        [2, 3],
        ["这一层级应为“（一）”", "这一层级应为“（二）”"],
    ),
    # Level 3 under （一）, with the space after （1） that H104 reports as well.
    (
        "一、主要举措\n（一）强化组织领导\n（1） 成立领导小组。\n（2）制定方案。\n3.开展督查。\n",
        [3, 4],
        ["这一层级应为“1.”", "这一层级应为“2.”"],
    ),
    # No style is the standard one for the level: the majority still decides.
    (
        "一、主要举措\n（1）成立领导小组。\n（2）制定工作方案。\n3.开展督查。\n",
        [4],
        ["按同级的写法应为“（3）”"],
    ),
    # The top level's standard form is 一、.
    (
        "1.主要举措\n正文。\n2.存在问题\n正文。\n三、下一步安排\n正文。\n",
        [1, 3],
        ["这一层级应为“一、”", "这一层级应为“二、”"],
    ),
]


@pytest.mark.parametrize(("text", "lines", "advice"), CASES)
def test_expected_style(text: str, lines: list[int], advice: list[str]) -> None:
    result = lint_text(text, only=RULE)
    found = [(result.source.position(d.start).line, d.help) for d in result.diagnostics]
    assert [line for line, _ in found] == lines
    for (_, help_text), wanted in zip(found, advice, strict=True):
        assert wanted in help_text


def test_one_style_is_not_flagged() -> None:
    text = "二、存在的不足和原因\n（一）学习不到位。\n（二）执法能力不足。\n（三）普法形式单一。\n"
    assert lint_text(text, only=RULE).diagnostics == []
