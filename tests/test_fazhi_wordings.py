"""Common wordings of the plans and shortcomings parts, found by an audit to raise
false "missing part" errors, and the near misses that must still be reported."""

from __future__ import annotations

import pytest

from lawlint.linter import FAZHI, Selection, lint_source
from lawlint.source import Source
from tests.conftest import all_rules

CODES = ("S201", "S202", "S203", "S204", "S205", "S206", "S207", "S208", "Y301")
FAZHI_RULES = [r for r in all_rules() if r.code in CODES]

# A complete 2025 report: every fazhi rule passes it (see the first test).
REPORT = """\
某某县市场监督管理局2025年度法治政府建设情况报告

2025年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设。现将2025年度法治政府建设情况报告如下：

一、2025年度推进法治政府建设的主要举措和成效
（一）健全依法决策机制。重大行政决策全部经过合法性审核，全年审核规范性文件9件。
（二）规范行政执法行为。全年开展“双随机、一公开”抽查46次，办理行政处罚案件73件。

二、存在的不足和原因
一是基层执法人员专业能力不强；二是普法宣传覆盖面不够广。究其原因，主要是培训投入不足。

三、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人带头会前学法6次，主持召开党组会研究部署法治建设工作3次，听取法治工作汇报2次。

四、2026年度推进法治政府建设的主要安排
（一）持续深化法治学习。（二）严格规范执法行为。
"""
PLANS = "四、2026年度推进法治政府建设的主要安排"
SHORTCOMINGS = "二、存在的不足和原因"


def findings(text: str) -> list[tuple[int, int, str]]:
    result = lint_source(Source(path="t.txt", text=text), Selection(FAZHI_RULES, FAZHI))
    found = []
    for diagnostic in result.diagnostics:
        position = result.source.position(diagnostic.start)
        found.append((position.line, position.column, diagnostic.code))
    return found


def codes(text: str) -> list[str]:
    return [code for _, _, code in findings(text)]


def test_the_report_is_clean():
    assert findings(REPORT) == []


@pytest.mark.parametrize(
    "heading",
    [
        "四、2026年工作重点",
        "四、2026年重点工作",
        "四、2026年工作要点",
        "四、2026年主要任务",
        "四、2026年重点任务",
        "四、2026年法治政府建设工作要点",
        "四、2026年推进法治政府建设的工作举措",
        "四、2026年度推进法治政府建设的主要举措",
        "四、二〇二六年工作重点",
        "四、2026 年重点工作",
    ],
)
def test_a_top_level_heading_naming_next_year_and_a_plan_is_the_plans_part(heading):
    assert codes(REPORT.replace(PLANS, heading)) == []


def test_the_plans_heading_after_the_first_responsible_part_counts_too():
    text = REPORT.replace(PLANS, "四、2026年工作重点").replace(
        "三、党政主要负责人", "三、本局主要负责人"
    )
    assert codes(text) == []


@pytest.mark.parametrize(
    "heading",
    [
        "四、2025年工作重点",  # the report year: not next year's plans
        "四、2027年工作重点",  # not the year after the report year
        "四、2026年主要举措和成效",  # results: a wrongly dated measures heading
        "四、认真落实《2026年法治政府建设工作要点》",  # a cited title, not this report's year
        "四、2026年上半年执法检查",  # names next year but no plans word
    ],
)
def test_a_heading_that_is_not_the_plans_part_leaves_it_missing(heading):
    assert "S206" in codes(REPORT.replace(PLANS, heading))


def test_a_next_year_sub_heading_is_not_the_plans_part():
    text = REPORT.replace(
        PLANS + "\n（一）持续深化法治学习。（二）严格规范执法行为。\n", ""
    ).replace("（二）规范行政执法行为。", "（二）2026年工作重点。")
    assert "S206" in codes(text)


def test_without_a_report_year_a_year_in_a_heading_says_nothing():
    text = REPORT.replace("2025年度法治政府建设情况报告", "法治政府建设情况报告")
    text = text.replace("2025年，我局", "我局").replace("现将2025年度", "现将本年度")
    assert "S206" in codes(text.replace(PLANS, "四、2026年工作重点"))


def test_a_wrongly_dated_first_heading_is_still_the_measures_part():
    # the plans part is there; 一、 names 2026 for the year reported on
    text = REPORT.replace("一、2025年度推进法治政府建设的主要举措和成效", "一、2026年度主要举措")
    assert findings(text) == [(5, 3, "Y301")]


def test_with_a_named_plans_part_a_next_year_on_another_part_is_a_wrong_date():
    # 二、 is a measures part dated with the next year by mistake; 四、 is the plans part
    text = REPORT.replace(SHORTCOMINGS, "二、2026年度推进法治政府建设的工作举措", 1)
    assert "Y301" in codes(text) and "S206" not in codes(text)


def test_a_plans_heading_naming_the_wrong_year_is_still_flagged():
    assert findings(REPORT.replace(PLANS, "四、2025年度推进法治政府建设的主要安排")) == [
        (15, 3, "Y301")
    ]


@pytest.mark.parametrize("heading", ["二、短板和不足", "二、问题短板", "二、不足与短板"])
def test_common_shortcomings_headings_are_the_shortcomings_part(heading):
    assert codes(REPORT.replace(SHORTCOMINGS, heading)) == []


@pytest.mark.parametrize(
    "heading",
    ["（三）着力解决群众反映的困难和问题", "（三）帮助企业解决存在的困难", "（三）化解问题和困难"],
)
def test_a_measure_that_solves_difficulties_is_not_the_shortcomings_part(heading):
    """困难和问题 is what measures solve as often as what a report admits: not taken as the
    part (so 三、困难和问题 as the part itself is missed, a known limit)."""
    body = "一是基层执法人员专业能力不强；二是普法宣传覆盖面不够广。究其原因，主要是培训投入不足。"
    text = REPORT.replace(f"{SHORTCOMINGS}\n{body}\n", "")
    measures = "办理行政处罚案件73件。\n"
    text = text.replace(measures, f"{measures}{heading}\n组织专项行动2次。\n", 1)
    assert heading in text and "S202" in codes(text) and "S207" not in codes(text)


def test_shortcomings_without_causes_are_still_flagged_under_the_new_wordings():
    text = REPORT.replace(SHORTCOMINGS, "二、短板和不足").replace(
        "究其原因，主要是培训投入不足。", ""
    )
    assert findings(text) == [(9, 1, "S207")]


def test_a_thematic_heading_is_not_the_shortcomings_part():
    body = "一是基层执法人员专业能力不强；二是普法宣传覆盖面不够广。究其原因，主要是培训投入不足。"
    text = REPORT.replace(
        f"{SHORTCOMINGS}\n{body}\n", "二、强化执法能力建设\n组织执法人员培训4次。\n"
    )
    assert "S202" in codes(text)


# --- a report without headings -----------------------------------------------------

FLAT = """\
某某县自然资源局2025年度法治政府建设情况报告

2025年，我局扎实推进法治政府建设，全年办理行政许可事项320件，开展执法检查56次，办结信访事项41件，重大行政决策全部经过合法性审核。

局主要负责人认真履行推进法治建设第一责任人职责，带头学法4次，主持研究部署法治工作3次，听取汇报2次。

工作中还存在一些不足：执法人员专业能力有待提高。究其原因，主要是培训投入不足。

{plans}
"""


def test_a_paragraph_opening_with_next_year_and_what_will_be_done_is_the_plans():
    text = FLAT.format(plans="2026年，我局将继续深化普法宣传，规范执法行为。")
    assert "S206" not in codes(text)


@pytest.mark.parametrize(
    "plans",
    [
        "2025年，我局将继续深化普法宣传。",  # the report year
        "2026年1月，我局将开展执法检查。",  # a date, not the year's plans
        "2026年，是“十五五”开局之年。",  # names the year, says nothing will be done
        "2027年，我局将实现执法人员全员持证。",  # not the next year
    ],
)
def test_other_paragraphs_naming_a_year_are_not_the_plans(plans):
    assert "S206" in codes(FLAT.format(plans=plans))


# --- where a missing part is reported ----------------------------------------------


def test_missing_plans_go_after_the_part_the_document_ends_with():
    # 第一责任人 before the shortcomings: the plans belong after the shortcomings
    text = REPORT.replace(PLANS, "四、其他需要报告的情况").replace(
        "（一）持续深化法治学习。（二）严格规范执法行为。", "无。"
    )
    moved = text.split("\n\n")
    moved[3], moved[4] = moved[4], moved[3]
    text = "\n\n".join(moved)
    assert [f for f in findings(text) if f[2] == "S206"] == [(15, 1, "S206")]
    text = "\n\n".join(moved[:5]) + "\n"
    # the last character of the shortcomings part (line 13 has 43 characters)
    assert [f for f in findings(text) if f[2] == "S206"] == [(13, 43, "S206")]


def test_missing_shortcomings_go_before_the_first_later_part_in_the_document():
    # the order is measures, plans, 第一责任人: the shortcomings belong before the plans
    parts = REPORT.split("\n\n")
    text = "\n\n".join([parts[0], parts[1], parts[2], parts[5], parts[4]])
    assert [f for f in findings(text) if f[2] == "S202"] == [(9, 1, "S202")]
