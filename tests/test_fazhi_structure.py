"""The fazhi item classification and the structure and year rules built on it."""

from __future__ import annotations

import pytest

from lawlint.fazhi_items import ORDER, classify, compile_wordings, parse_items
from lawlint.linter import FAZHI, Selection, detect_profile, lint_source
from lawlint.outline import build_outline
from lawlint.registry import RuleFileError, load_rule_file
from lawlint.source import Source
from tests.conftest import FIXTURES, ROOT, all_rules, lint_text, rule

SPECS = rule("missing-measures-section").options.specs
CODES = ("S201", "S202", "S203", "S204", "S205", "S206", "S207", "S208", "Y301")
FAZHI_RULES = [r for r in all_rules() if r.code in CODES]


def outline_of(text: str):
    return build_outline(Source(path="t.txt", text=text))


def found(text: str):
    return classify(outline_of(text), SPECS).found


def at(result, offset: int) -> tuple[int, int]:
    position = result.source.position(offset)
    return position.line, position.column


def hits(text: str, name: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each diagnostic of rule ``name``."""
    result = lint_text(text, only=name)
    return [(*at(result, d.start), d.message) for d in result.diagnostics if d.rule == name]


def where(text: str, name: str) -> list[tuple[int, int]]:
    return [(line, column) for line, column, _ in hits(text, name)]


FULL = """\
2024年法治政府建设情况报告
2024年，我局认真落实法治政府建设各项部署。现将2024年度法治政府建设情况报告如下：
一、2024年推进法治政府建设的主要举措和成效
（一）强化组织领导。成立法治政府建设领导小组。
（二）规范行政执法。全年开展执法检查120次。
二、存在的不足和原因
执法力量不足。究其原因，主要是人员编制少。
三、主要负责人履行推进法治建设第一责任人职责情况
局长带头会前学法8次，主持研究部署法治建设工作3次，听取执法工作汇报2次。
四、2025年推进法治政府建设的主要安排
2025年，我局将加强执法队伍建设。
"""


def without(text: str, heading: str, renumber: dict[str, str] | None = None) -> str:
    """``text`` without the part that starts at ``heading`` (up to the next 一、-level heading)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][1:2] == "、"), len(lines))
    result = "".join(lines[:start] + lines[end:])
    for old, new in (renumber or {}).items():
        result = result.replace(old, new, 1)
    return result


# --- classification -----------------------------------------------------------------


def test_every_item_of_a_full_report_is_found_by_its_heading():
    items = found(FULL)
    titles = {key: [s.heading.title for s in items[key].sections] for key in ORDER}
    assert titles == {
        "measures": ["2024年推进法治政府建设的主要举措和成效"],
        "shortcomings": ["存在的不足和原因"],
        "responsible": ["主要负责人履行推进法治建设第一责任人职责情况"],
        "plans": ["2025年推进法治政府建设的主要安排"],
        "other": [],
    }
    assert not any(items[key].thematic for key in ORDER)


@pytest.mark.parametrize(
    ("title", "item"),
    [
        ("主要举措和成效", "measures"),
        ("主要措施及成效", "measures"),
        ("法治政府工作开展情况", "measures"),
        ("基本情况和主要成效", "measures"),
        ("2024 年度推进法治政府建设的主要举措和成效", "measures"),
        ("存在的不足和原因", "shortcomings"),
        ("存在的问题", "shortcomings"),
        ("存在问题和不足", "shortcomings"),
        ("问题和不足", "shortcomings"),
        ("短板弱项", "shortcomings"),
        ("主要负责人履行推进法治建设第一责任人职责，加强法治政府建设有关情况", "responsible"),
        ("局主要负责同志推进法治建设情况", "responsible"),
        ("局主要负责人履职情况", "responsible"),
        ("正视差距，补足短板", "shortcomings"),
        ("下一年度推进法治政府建设的主要安排", "plans"),
        ("2025年度推进法治政府建设的主要安排", "plans"),
        ("下一步工作打算", "plans"),
        ("下步工作打算", "plans"),
        ("下一步工作措施", "plans"),
        ("2025年工作计划", "plans"),
        ("其他需要报告的情况", "other"),
        ("强化组织领导", None),
        ("着力解决群众反映强烈的突出问题", None),
    ],
)
def test_heading_wordings(title, item):
    from lawlint.fazhi_items import heading_item

    assert heading_item(title, SPECS) == item


def test_thematic_headings_count_as_measures():
    text = """\
2024年法治政府建设情况报告
一、强化组织领导
成立领导小组。
二、规范行政执法
全年开展执法检查120次。
三、存在的问题
执法力量不足。
"""
    measures = found(text)["measures"]
    assert measures.thematic
    assert [s.heading.title for s in measures.sections] == ["强化组织领导", "规范行政执法"]


def test_opening_prose_counts_as_measures_only_when_it_is_an_account():
    heading_only = (
        "2024年法治政府建设情况报告\n2024年，我局推进依法行政。\n一、存在的问题\n执法力量不足。\n"
    )
    assert not found(heading_only)["measures"].present
    account = heading_only.replace(
        "一、存在的问题",
        "全年开展执法检查120次，办理行政处罚案件31件，无行政复议被纠错案件；"
        "镇村两级建成公共法律服务站点15个，聘请法律顾问覆盖全部村（社区），"
        "开展普法宣传活动37场，调解矛盾纠纷142件，调解成功率98.6%，"
        "行政规范性文件全部经过合法性审核并按时报备。\n一、存在的问题",
    )
    assert found(account)["measures"].mention is not None


def test_shallowest_heading_wins_and_closed_parts_keep_their_sub_headings():
    text = """\
2024年法治政府建设情况报告
一、主要举措和成效
（一）解决存在的突出问题。整改问题12个。
二、存在的不足和原因
执法力量不足，主要原因是编制少。
三、下一步工作打算
（一）落实第一责任人职责。继续带头学法。
"""
    items = found(text)
    assert [s.heading.title for s in items["shortcomings"].sections] == ["存在的不足和原因"]
    # a plan to perform the duty is not a report on how it was performed
    assert items["responsible"].sections == []
    assert items["responsible"].mention is not None


def test_an_item_nested_under_the_measures_counts():
    text = """\
2024年法治政府建设情况报告
一、2024年工作开展情况
（一）主要负责人履行第一责任人职责情况。局长带头学法。
（二）存在的问题。执法力量不足。
二、下一步工作打算
加强培训。
"""
    items = found(text)
    assert [s.heading.title for s in items["responsible"].sections] == [
        "主要负责人履行第一责任人职责情况"
    ]
    assert [s.heading.title for s in items["shortcomings"].sections] == ["存在的问题"]


def test_a_heading_that_names_two_items_is_a_mention_of_the_second():
    text = FULL.replace("四、2025年推进法治政府建设的主要安排", "四、存在的问题及下一步打算")
    text = without(text, "二、", {"三、": "二、", "四、": "三、"})
    items = found(text)
    assert [s.heading.title for s in items["shortcomings"].sections] == ["存在的问题及下一步打算"]
    mention = items["plans"].mention
    assert mention is not None and mention.paragraph.text == "存在的问题及下一步打算"
    assert hits(text, "missing-plans-section") == []


def test_wordings_are_literal_with_an_ellipsis_for_a_short_gap_inside_a_clause():
    pattern = compile_wordings(["举措…成效"], "test")
    assert pattern.search("主要工作举措和成效")
    assert not pattern.search("举措。成效")
    assert not pattern.search("举措" + "很" * 13 + "成效")
    literal = compile_wordings(["下一步，"], "test")
    assert literal.search("下一步，我局将") and not literal.search("为下一步工作奠定基础")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ({}, "exactly these keys"),
        ({key: {"label": "x"} for key in ORDER[:4]}, "exactly these keys"),
        ({key: {"headings": []} for key in ORDER}, "'label'"),
        ({key: {"label": "x", "synonyms": []} for key in ORDER}, "unknown key"),
        ({key: {"label": "x", "headings": "主要举措"} for key in ORDER}, "list"),
        ({key: {"label": "x", "headings": ["…"]} for key in ORDER}, "non-empty"),
    ],
)
def test_malformed_item_wordings_are_rejected(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse_items(raw)


def test_a_malformed_option_names_the_rule_file_and_line(tmp_path):
    text = (ROOT / "rules" / "fazhi.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "fazhi.yaml"
    broken.write_text(text.replace("minimum: 2", "minimum: 0"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"fazhi\.yaml:\d+: rule 'responsible-content-thin'"):
        load_rule_file(broken)
    broken.write_text(text.replace("{item: plans,", "{item: plan,"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="item must be one of"):
        load_rule_file(broken)


def test_users_extend_the_wordings_through_the_options():
    text = "2024年法治政府建设情况报告\n一、主要举措和成效\n检查120次。\n二、今后重点\n加强培训。\n"
    base = rule("missing-plans-section")
    assert hits(text, "missing-plans-section")
    items = {key: dict(value) for key, value in base.options.items.items()}
    items["plans"] = {**items["plans"], "headings": [*items["plans"]["headings"], "今后重点"]}
    extended = base.with_options(items=items)
    result = lint_source(Source(path="t.txt", text=text), Selection([extended], FAZHI))
    assert result.diagnostics == []


# --- missing parts: where they are reported and what the message says ------------------


def test_missing_shortcomings_is_reported_before_the_part_that_follows():
    text = without(FULL, "二、", {"三、": "二、", "四、": "三、"})
    result = lint_text(text, only="missing-shortcomings-section")
    [diagnostic] = result.diagnostics
    assert at(result, diagnostic.start) == (6, 1)  # 二、主要负责人…
    # one short line; the wordings searched for are in the help
    assert diagnostic.message == "缺少“存在的不足和原因”部分"
    assert "“存在…问题”" in diagnostic.help and "“仍存在”" in diagnostic.help


def test_missing_plans_with_nothing_after_is_reported_at_the_end_of_the_previous_part():
    text = without(FULL, "四、")
    [(line, column, _)] = hits(text, "missing-plans-section")
    last = text.splitlines()[line - 1]
    assert line == 9 and column == len(last)  # the final 。 of the 第一责任人 part


def test_missing_measures_is_reported_before_the_shortcomings():
    text = without(FULL, "一、", {"二、": "一、", "三、": "二、", "四、": "三、"})
    assert where(text, "missing-measures-section") == [(3, 1)]


def test_a_report_with_no_parts_at_all_is_flagged_at_its_end_not_line_one():
    text = "2024年法治政府建设情况报告\n我局推进依法行政。\n全年检查120次。\n"
    positions = {name: where(text, name) for name in ("missing-shortcomings-section",)}
    assert positions == {"missing-shortcomings-section": [(3, 9)]}


def test_missing_responsible_only_when_nothing_mentions_it():
    gone = without(FULL, "三、", {"四、": "三、"})
    assert where(gone, "missing-responsible-section") == [(8, 1)]
    assert where(gone, "responsible-not-sectioned") == []
    mentioned = gone.replace("成立法治政府建设领导小组。", "局长履行推进法治建设第一责任人职责。")
    assert where(mentioned, "missing-responsible-section") == []
    assert where(mentioned, "responsible-not-sectioned") == [(4, 11)]


def test_plans_mentioned_in_the_text_are_enough():
    text = without(FULL, "四、").replace(
        "听取执法工作汇报2次。", "听取执法工作汇报2次。下一步，我局将加强培训。"
    )
    assert hits(text, "missing-plans-section") == []
    text = without(FULL, "四、").replace("听取执法工作汇报2次。", "为下一步工作奠定了基础。")
    assert where(text, "missing-plans-section") != []


# --- S204 / S205 / S207 ------------------------------------------------------------------


def test_buried_responsible_quotes_the_whole_sentence():
    text = without(FULL, "三、", {"四、": "三、"}).replace(
        "（一）强化组织领导。成立",
        "（一）强化组织领导。持续贯彻落实党政主要负责人履行推进法治建设第一责任人的职责，成立",
    )
    [(line, column, message)] = hits(text, "responsible-not-sectioned")
    assert (line, column) == (4, 11)
    # the sentence from its start, shortened to 40 characters
    assert (
        "（“持续贯彻落实党政主要负责人履行推进法治建设第一责任人的职责，成立法治政府建设领…”）"
        in message
    )


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("局长切实履行第一责任人职责，推动法治政府建设取得新成效。", True),
        ("局长带头学法，全年会前学法8次。", True),
        ("局长带头学法，全年会前学法8次；年终向县委述法。", False),
        ("局长定期听取法治建设工作汇报，及时研究解决执法人员不足等重大问题。", False),
    ],
)
def test_responsible_content_counts_named_duties(body, flagged):
    text = FULL.replace(
        "局长带头会前学法8次，主持研究部署法治建设工作3次，听取执法工作汇报2次。", body
    )
    assert bool(hits(text, "responsible-content-thin")) is flagged


def test_responsible_content_reads_the_sub_sections_and_reports_at_the_heading():
    text = FULL.replace(
        "局长带头会前学法8次，主持研究部署法治建设工作3次，听取执法工作汇报2次。",
        "（一）带头学法。全年会前学法8次。\n（二）带头述法。年终向县委述法。",
    )
    assert hits(text, "responsible-content-thin") == []
    thin = rule("responsible-content-thin").with_options(minimum=3)
    result = lint_source(Source(path="t.txt", text=text), Selection([thin], FAZHI))
    [diagnostic] = result.diagnostics
    assert at(result, diagnostic.start) == (8, 1)
    assert "2项具体职责（学法、述法），少于3项" in diagnostic.message


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("一是执法力量不足。二是普法形式单一。", True),
        ("执法力量不足，严重影响执法工作开展。", True),
        ("执法力量不足。究其原因，主要是编制少。", False),
        ("执法力量不足，主要原因是编制少。", False),
        ("执法力量不足，根源在于投入不够。", False),
        ("由于编制少，执法力量不足。", False),
        ("（一）主要问题\n执法力量不足。\n（二）原因分析\n编制少，投入不足。", False),
    ],
)
def test_shortcomings_need_a_cause(body, flagged):
    text = FULL.replace("执法力量不足。究其原因，主要是人员编制少。", body)
    assert where(text, "shortcomings-without-causes") == ([(6, 1)] if flagged else [])


def test_the_heading_s_own_原因_is_not_a_cause():
    text = FULL.replace("执法力量不足。究其原因，主要是人员编制少。", "执法力量不足。")
    assert "原因" in text.splitlines()[5]
    [(line, column, message)] = hits(text, "shortcomings-without-causes")
    assert (line, column) == (6, 1)
    assert message == "“存在的不足和原因”部分只列了问题，没有分析原因"


# --- S208 -------------------------------------------------------------------------------


def test_section_order_reports_only_the_part_out_of_place():
    text = (FIXTURES / "fazhi" / "responsible_first.txt").read_text(encoding="utf-8")
    [(line, column, message)] = hits(text, "section-order")
    assert (line, column) == (5, 1)
    assert message.endswith("应排在“存在的不足和原因”之后")
    assert hits(FULL, "section-order") == []
    assert not rule("section-order").enabled


# --- Y301 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "position", "expected"),
    [
        ("现将2024年度", "现将2023年度", (2, 26), "2024"),
        ("一、2024年推进", "一、2023年推进", (3, 3), "2024"),
        ("四、2025年推进", "四、2026年推进", (10, 3), "2025"),
        ("四、2025年推进", "四、2024年推进", (10, 3), "2025"),
        ("\n2025年，我局将", "\n2024年，我局将", (11, 1), "2025"),
        ("2024年法治政府建设情况报告", "2023年法治政府建设情况报告", (1, 1), "2024"),
    ],
)
def test_year_mismatch(old, new, position, expected):
    text = FULL.replace(old, new, 1)
    result = lint_text(text, only="year-mismatch")
    [diagnostic] = result.diagnostics
    assert at(result, diagnostic.start) == position
    assert diagnostic.fix.edits[0].replacement == expected and not diagnostic.fix.safe


def test_year_in_chinese_numerals_and_pdf_spaces():
    text = FULL.replace("2024年法治政府", "二〇二四年法治政府").replace("一、2024年", "一、2024 年")
    assert hits(text, "year-mismatch") == []
    wrong = text.replace("现将2024年度", "现将二〇二三年度")
    result = lint_text(wrong, only="year-mismatch")
    [diagnostic] = result.diagnostics
    assert diagnostic.fix.edits[0].replacement == "二〇二四"


def test_title_without_年_still_names_the_year():
    text = FULL.replace("2024年法治政府建设情况报告", "卫东区文旅局2023法治政府\n建设情况工作报告")
    # title 2023 against opening, self-reference and headings 2024: the title is the odd one
    assert where(text, "year-mismatch") == [(1, 7)]


@pytest.mark.parametrize(
    "legitimate",
    [
        "对照《法治政府建设实施纲要（2021—2025年）》推进工作。",
        "落实2023年修订的《行政复议法》。",
        "2024年以来，全年开展执法检查120次。",
        "截至2024年底，持证人员64人。",
        "“八五”普法规划（2021-2025年）进入总结验收阶段。",
        "到2027年，实现执法人员全员持证。",
    ],
)
def test_years_that_legitimately_differ_are_left_alone(legitimate):
    text = FULL.replace("成立法治政府建设领导小组。", legitimate).replace(
        "加强执法队伍建设。", legitimate
    )
    assert hits(text, "year-mismatch") == []


def test_plans_heading_with_a_range_or_no_year_is_not_checked():
    ranged = FULL.replace(
        "四、2025年推进法治政府建设的主要安排", "四、2025—2027年法治政府建设主要安排"
    )
    assert hits(ranged, "year-mismatch") == []
    plain = FULL.replace("四、2025年推进法治政府建设的主要安排", "四、下一步工作打算").replace(
        "2025年，我局将", "我局将"
    )
    assert hits(plain, "year-mismatch") == []


def test_a_heading_naming_two_years_covers_two_items_and_is_not_checked():
    text = FULL.replace(
        "四、2025年推进法治政府建设的主要安排", "四、2024年工作情况和2025年工作打算"
    )
    assert hits(text, "year-mismatch") == []


def test_report_year_is_what_most_places_say():
    text = FULL.replace("2024年法治政府", "2023年法治政府").replace("现将2024年度", "现将2023年度")
    # title and self-reference say 2023; opening, measures heading and plans (2025-1) say 2024
    assert sorted(where(text, "year-mismatch")) == [(1, 1), (2, 26)]


# --- the profile ------------------------------------------------------------------------


def test_fazhi_fixtures_are_detected_as_fazhi_reports():
    for path in sorted((FIXTURES / "fazhi").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert detect_profile(outline_of(text)) == FAZHI, path.name


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("XX局2024年度法治政府建设年度报告\n正文。\n", "fazhi"),
        ("关于2024年度法治政府工作的报告\n正文。\n", "fazhi"),
        ("XX局2024年度依法行政工作报告\n正文。\n", "fazhi"),
        ("XX局\n2024年，我局推进依法行政。现将2024年度法治政府建设情况报告如下：\n", "fazhi"),
        ("关于报送2024年度法治政府建设情况报告的通知\n各单位：请于3月1日前报送。\n", "generic"),
        ("XX县2025年法治政府建设工作要点\n一、总体要求\n", "generic"),
        ("XX县法治政府建设实施方案（2021—2025年）\n一、总体要求\n", "generic"),
        ("XX县2024年政府工作报告\n各位代表：过去一年，我们推进法治政府建设。\n", "generic"),
    ],
)
def test_profile_detection(text, profile):
    assert detect_profile(outline_of(text)) == profile


def test_classification_is_computed_once_per_outline_and_wordings():
    outline = outline_of(FULL)
    first = classify(outline, SPECS)
    assert classify(outline, rule("year-mismatch").options.specs) is first
    assert classify(outline_of(FULL), SPECS) is not first
    items = dict(rule("year-mismatch").options.items)
    items["other"] = {**items["other"], "headings": ["附件"]}
    changed = rule("year-mismatch").with_options(items=items).options.specs
    assert classify(outline, changed) is not first


def test_fazhi_rules_run_only_under_the_fazhi_profile():
    assert len(FAZHI_RULES) == len(CODES)
    assert all(r.profiles == ("fazhi",) for r in FAZHI_RULES)
    text = "各位代表：\n一、存在的问题\n执法力量不足。\n"
    result = lint_source(Source(path="t.txt", text=text), Selection(all_rules()))
    assert result.profile == "generic"
    assert not [d for d in result.diagnostics if d.code in CODES]


def test_every_fazhi_rule_cites_its_instrument_without_unconfirmed_article_numbers():
    for r in FAZHI_RULES:
        assert "《法治政府建设与责任落实督察工作规定》" in r.source or "责任人职责规定" in r.source
        assert "第" not in r.source.replace("第一责任人", ""), r.name


def test_rule_options_are_one_shared_set_of_item_wordings():
    values = {str(r.options.items) for r in FAZHI_RULES}
    assert len(values) == 1
