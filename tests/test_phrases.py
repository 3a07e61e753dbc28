"""The text rules on texts written to break them: fixed-phrase, instrument-name,
conversion-artifact and template-placeholder.

Each rule is run alone on short realistic sentences: the defects it must flag
(with the exact span and what its fix makes of the text) and the near misses it
must leave alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lawlint.diagnostics import Diagnostic
from lawlint.linter import Selection, lint_source
from lawlint.registry import RuleFileError, load_rule_file
from lawlint.source import Source
from tests.conftest import lint_text, rule


def diagnostics(text: str, name: str, profile: str = "generic") -> list[Diagnostic]:
    return [d for d in lint_text(text, only=name, profile=profile).diagnostics if d.rule == name]


def fixed(text: str, diagnostic: Diagnostic) -> str:
    """The text after applying the diagnostic's fix (edits from the end backwards)."""
    for edit in sorted(diagnostic.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def only(text: str, name: str) -> Diagnostic:
    found = diagnostics(text, name)
    assert len(found) == 1, found
    return found[0]


# --- fixed-phrase -----------------------------------------------------------

PHRASE_FIXES = [
    ("推进法制政府建设。", "法制政府", "推进法治政府建设。"),
    ("以法制思维推动工作。", "法制思维", "以法治思维推动工作。"),
    ("宣传学习近平总书记重要指示。", "学习近平", "宣传学习习近平总书记重要指示。"),
    ("认真学习近平法治思想。", "学习近平", "认真学习习近平法治思想。"),
    ("巩固扫黑除恶专项争斗成果。", "扫黑除恶专项争斗", "巩固扫黑除恶专项斗争成果。"),
    ("制定扫黑除恶争斗整治方案。", "扫黑除恶争斗", "制定扫黑除恶斗争整治方案。"),
    ("学习二十大三中全会精神。", "二十大三中全会", "学习二十届三中全会精神。"),
    ("贯彻十九大四中全会精神。", "十九大四中全会", "贯彻十九届四中全会精神。"),
    ("学习党的二十届大精神。", "党的二十届大", "学习党的二十大精神。"),
    ("贯彻二十届三种全会精神。", "二十届三种全会", "贯彻二十届三中全会精神。"),
    (
        "以习近平新时代特色社会主义思想为指导。",
        "习近平新时代特色社会主义思想",
        "以习近平新时代中国特色社会主义思想为指导。",
    ),
    (
        "以习近平中国特色社会主义思想为指导。",
        "习近平中国特色社会主义思想",
        "以习近平新时代中国特色社会主义思想为指导。",
    ),
    ("深入学习习近平法制思想。", "习近平法制思想", "深入学习习近平法治思想。"),
    ("落实法治审核制度。", "法治审核", "落实法制审核制度。"),
    ("做到“二个维护”。", "二个维护", "做到“两个维护”。"),
]


@pytest.mark.parametrize(("text", "wrong", "right"), PHRASE_FIXES, ids=[c[1] for c in PHRASE_FIXES])
def test_fixed_phrase_is_flagged_where_it_is_and_fixed_safely(
    text: str, wrong: str, right: str
) -> None:
    diagnostic = only(text, "fixed-phrase")
    assert text[diagnostic.start : diagnostic.end] == wrong
    assert diagnostic.fix.safe
    assert fixed(text, diagnostic) == right


PHRASE_NEAR_MISSES = [
    "严格落实重大执法决定法制审核制度，发挥法制机构作用。",
    "在区法制办的指导下，落实学法用法制度和会前学法制度。",
    "加强社会主义法制建设，增强全民法制观念，开展法制宣传教育。",  # the pre-1997 term
    "把国家各项工作纳入法制化轨道，建设社会主义法制国家。",
    "深入学习习近平法治思想，学习贯彻习近平新时代中国特色社会主义思想。",
    "邀请清华大学习近平新时代中国特色社会主义思想研究院专家授课。",
    "局长领学习近平总书记重要讲话，干部自学习近平法治思想学习纲要。",
    "学习贯彻习近平经济思想、习近平生态文明思想、习近平强军思想。",
    "坚定“三个自信”（2016年以前的提法），增强“四个意识”、坚定“四个自信”。",
    "做到“两个维护”，深刻领悟“两个确立”的决定性意义。",
    "回顾党的十一届三中全会以来的历程，贯彻二十届三中全会精神。",
    "巩固扫黑除恶专项斗争成果，防止社会争斗。",
    "两个维度、四个方面的意识形态工作。",
]


@pytest.mark.parametrize("text", PHRASE_NEAR_MISSES)
def test_fixed_phrase_leaves_right_forms_alone(text: str) -> None:
    assert diagnostics(text, "fixed-phrase") == []


def test_fixed_phrase_with_an_uncertain_right_form_has_an_unsafe_fix() -> None:
    diagnostic = only("增强“四个意识”、做到“四个维护”。", "fixed-phrase")
    assert "两个维护" in diagnostic.message
    assert not diagnostic.fix.safe


def test_fixed_phrase_split_by_pdf_extraction_is_found_and_fixed_without_joining_lines() -> None:
    text = "一、主要举措\n扎实推进法制政\n\n府建设，取得成效。\n"
    diagnostic = only(text, "fixed-phrase")
    assert lint_text(text).source.position(diagnostic.start).line == 2
    assert text[diagnostic.start : diagnostic.end] == "法制政\n\n府"
    assert fixed(text, diagnostic) == "一、主要举措\n扎实推进法治政\n\n府建设，取得成效。\n"


def test_dropped_xi_at_a_line_break_is_inserted_on_the_second_line() -> None:
    text = "2024年，我局开展学法活动。\n通过微信工作群宣传学习\n近平总书记重要指示。\n"
    diagnostic = only(text, "fixed-phrase")
    assert fixed(text, diagnostic) == text.replace("\n近平", "\n习近平")


def test_text_rules_read_past_invisible_characters() -> None:
    text = (
        "2024年，我局开展学法。\n推进法制\u200b政府建设，"
        "落实《党政主要负责人履行推进法治政府\u00ad建设第一责任人职责规定》，XX\u200b局负责。\n"
    )
    found = {d.rule: d for d in lint_text(text).diagnostics}
    assert text[found["fixed-phrase"].start : found["fixed-phrase"].end] == "法制\u200b政府"
    assert fixed(text, found["fixed-phrase"]).startswith(
        "2024年，我局开展学法。\n推进法治\u200b政府"
    )
    assert text[found["instrument-name"].start] == "《"
    assert text[found["template-placeholder"].start : found["template-placeholder"].end] == "XX"
    artifacts = [d for d in lint_text(text).diagnostics if d.rule == "conversion-artifact"]
    assert len(artifacts) == 3


def test_a_line_of_zero_width_characters_does_not_hide_a_broken_phrase() -> None:
    text = "2024年，我局开展学法。\n推进法制政\n\u200b\n府建设。\n"
    diagnostic = only(text, "fixed-phrase")
    assert fixed(text, diagnostic) == text.replace("法制", "法治")


def test_fixed_phrase_in_a_heading_title_is_found() -> None:
    text = "一、推进法制政府建设的主要举措\n（一）强化组织领导。我局成立领导小组。\n"
    diagnostic = only(text, "fixed-phrase")
    assert text[diagnostic.start : diagnostic.end] == "法制政府"


def test_users_extend_the_phrase_list_with_exceptions() -> None:
    base = rule("fixed-phrase")
    extended = base.with_options(
        phrases=[
            *base.options.phrases,
            {"wrong": "法普宣传", "right": "普法宣传", "exceptions": ["司法普法宣传"]},
        ]
    )
    text = "深入开展法普宣传工作，推进法制政府建设。"
    result = lint_source(Source("t.txt", text), Selection([extended], "generic"))
    assert [text[d.start : d.end] for d in result.diagnostics] == ["法普宣传", "法制政府"]
    excepted = "加强司法普法宣传工作。"
    result = lint_source(Source("t.txt", excepted), Selection([extended], "generic"))
    assert result.diagnostics == []


@pytest.mark.parametrize(
    "patterns",
    [
        ["法制(政府|思维)", "法制政", "法治审核|学习近平", "扫黑除恶(专项)?争斗"],
        ["专项?争斗", "(?<=[“])二个(维护|确立)", "[一二三十][一二三十]{0,2}大[一二三]中全会"],
        ["\\d{1,3}个维护", "法制政府"],  # \d can start with any digit: no first-character class
    ],
)
def test_merged_scan_finds_what_each_pattern_finds_alone(patterns: list[str]) -> None:
    text = (
        "推进法制政府建设，以法制思维，落实法治审核，宣传学习近平讲话，扫黑除恶专项争斗，"
        "扫黑除恶争斗，专争斗，做到“二个维护”“二个确立”，二十大三中全会，十大一中全会，3个维护。"
    )
    phrases = [{"wrong": pattern, "right": "X"} for pattern in patterns]
    merged = rule("fixed-phrase").with_options(phrases=phrases)
    result = lint_source(Source("t.txt", text), Selection([merged], "generic"))
    found = [(d.start, d.end) for d in result.diagnostics]
    expected, position = [], 0
    while position < len(text):
        hit = next(
            (m for p in patterns if (m := re.compile(p).match(text, position)) is not None), None
        )
        if hit:
            expected.append((hit.start(), hit.end()))
        position = hit.end() if hit else position + 1
    assert found == expected
    assert len(found) >= 2


def _rule_file(tmp_path: Path, phrases: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "rules:\n"
        "  - name: my-phrase\n"
        "    code: X501\n"
        "    kind: fixed_phrase\n"
        "    severity: error\n"
        "    profiles: [generic]\n"
        "    message: m\n"
        "    help: h\n"
        "    rationale: r\n"
        "    source: s\n"
        f"    options:\n      phrases: {phrases}\n"
        "    examples: {flag: [a], ok: [b]}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("phrases", "reason"),
    [
        ("[{wrong: '法制(', right: 'x'}]", "phrases[0]"),
        ("[{wrong: '法制', right: '\\2'}]", "invalid group reference"),
        ("[{wrong: '法?', right: 'x'}]", "matches the empty text"),
        ("[{wrong: '(?s)法.制', right: 'x'}]", "use (?i:…)"),  # re.error when merged
        ("[{wrong: '法制', right: 'x', typo: 1}]", "unknown key"),
        ("[{wrong: '法制'}]", "'wrong' and 'right'"),
        ("[]", "non-empty list"),
    ],
)
def test_a_bad_phrase_entry_is_a_rule_file_error(tmp_path: Path, phrases: str, reason: str) -> None:
    with pytest.raises(RuleFileError, match=re.escape(reason)) as error:
        load_rule_file(_rule_file(tmp_path, phrases))
    assert str(error.value).startswith(f"{tmp_path / 'mine.yaml'}:2:")


# --- instrument-name --------------------------------------------------------

INSTRUMENT_SLIPS = [
    (
        "认真落实《党政主要负责人履行推进法治政府建设第一责任人职责规定》，",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
        False,
    ),
    (
        "认真落实《党政主要负责人履行推进法治建设第一责任人职责的规定》，",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
        False,
    ),
    ("对照《法治政府建设实施纲要(2021-2025年)》，", "法治政府建设实施纲要（2021—2025年）", True),
    ("对照《法治政府建设实施纲要（2021-2025年）》，", "法治政府建设实施纲要（2021—2025年）", True),
    ("对照《法治政府建设实施纲要（2021—2025）》，", "法治政府建设实施纲要（2021—2025年）", False),
    ("贯彻《法治政府建设与责任落实督查工作规定》，", "法治政府建设与责任落实督察工作规定", False),
    ("依据《中华人民共和国政府信息公开条列》，", "中华人民共和国政府信息公开条例", False),
]


@pytest.mark.parametrize(("text", "right", "safe"), INSTRUMENT_SLIPS)
def test_instrument_slip_is_flagged_with_the_known_title(text: str, right: str, safe: bool) -> None:
    diagnostic = only(text, "instrument-name")
    assert text[diagnostic.start] == "《" and text[diagnostic.end - 1] == "》"
    assert diagnostic.fix.safe is safe
    assert f"《{right}》" in fixed(text, diagnostic)


INSTRUMENT_NEAR_MISSES = [
    "落实《党政主要负责人履行推进法治建设第一责任人职责规定》和《法治政府建设与责任落实督察工作规定》。",
    "对照《法治政府建设实施纲要（2021—2025年）》和《法治政府建设实施纲要（2015—2020年）》。",
    "学习《行政处罚法》《中华人民共和国行政处罚法》《统计法》《审计法》《行政复议法》。",
    "制定了《党政主要负责人履行推进法治建设第一责任人职责清单》。",  # another document
    "印发《南岭市法治政府建设实施方案（2021—2025年）》。",  # a local plan
    "对照《法治政府建设实施纲要》逐项落实。",  # short citation without the period
    "学习《习近平法治思想学习纲要》和《习近平谈治国理政》。",
]


@pytest.mark.parametrize("text", INSTRUMENT_NEAR_MISSES)
def test_instrument_name_leaves_other_documents_alone(text: str) -> None:
    assert diagnostics(text, "instrument-name") == []


def test_normalised_web_text_is_not_told_about_punctuation_but_about_words() -> None:
    text = (
        "对照《法治政府建设实施纲要(2021-2025年)》,落实"
        "《党政主要负责人履行推进法治政府建设第一责任人职责规定》。"
    )
    found = diagnostics(text, "instrument-name")
    assert [text[d.start + 1 : d.start + 7] for d in found] == ["党政主要负责"]


# --- conversion-artifact ----------------------------------------------------

ARTIFACTS = [
    ("[bookmark: _GoBack]（一）加强组织领导。\n", "[bookmark: _GoBack]", "（一）加强组织领导。\n"),
    (
        "一、举措\n[bookmark: _Toc1234]\n（一）领导。\n",
        "[bookmark: _Toc1234]",
        "一、举措\n（一）领导。\n",
    ),
    (
        "发放资料3000余份。[image: media/image1.png]\n",
        "[image: media/image1.png]",
        "发放资料3000余份。\n",
    ),
    ("\f（四）推进执法规范化。\n", "\f", "（四）推进执法规范化。\n"),
    ("执法人员对新\u00ad业态监管。\n", "\u00ad", "执法人员对新业态监管。\n"),
    ("法治\u200b政府建设。\n", "\u200b", "法治政府建设。\n"),
    ('详见 HYPERLINK "http://a.gov.cn" 网站。\n', 'HYPERLINK "http://a.gov.cn"', "详见网站。\n"),
    ("第一行\x0b第二行。\n", "\x0b", "第一行\n第二行。\n"),
    ("纲要（2021\x1e2025年）\n", "\x1e", "纲要（2021-2025年）\n"),
    ("执法\x07检查。\n", "\x07", "执法检查。\n"),
]


@pytest.mark.parametrize(("text", "artifact", "after"), ARTIFACTS, ids=range(len(ARTIFACTS)))
def test_conversion_artifact_is_flagged_and_removed(text: str, artifact: str, after: str) -> None:
    diagnostic = only(text, "conversion-artifact")
    assert text[diagnostic.start : diagnostic.end] == artifact
    assert diagnostic.fix.safe
    assert fixed(text, diagnostic) == after


@pytest.mark.parametrize("text", ["执法\ufffd检查。\n", "组织\uf06c学习。\n", "执法\x85检查。\n"])
def test_lost_characters_have_no_fix(text: str) -> None:
    assert only(text, "conversion-artifact").fix is None


def test_bookmark_before_a_heading_keeps_the_heading_and_its_indent() -> None:
    text = "一、主要举措\n[bookmark: _GoBack]   （一）规范执法。\n"
    result = lint_text(text)
    assert [s.heading.title for s in result.outline.walk()] == ["主要举措", "规范执法"]
    diagnostic = only(text, "conversion-artifact")
    assert fixed(text, diagnostic) == "一、主要举措\n   （一）规范执法。\n"


ARTIFACT_NEAR_MISSES = [
    "依据《行政处罚法》第三十二条[注]规定，从轻处罚[1]。\n",
    "[附件1] 2024年度行政执法统计表，【典型案例】见后。\n",
    "各位代表：\u200d\n\u200b\n现在报告工作。\n",  # invisible, but not inside words
    "Use the image: tag [img src] in HTML.\n",
]


@pytest.mark.parametrize("text", ARTIFACT_NEAR_MISSES)
def test_conversion_artifact_leaves_ordinary_brackets_alone(text: str) -> None:
    assert diagnostics(text, "conversion-artifact") == []


# --- template-placeholder ---------------------------------------------------

PLACEHOLDERS = [
    ("XX局2024年度法治政府建设情况报告\n", ["XX"]),
    ("于2024年X月X日召开专题会议。\n", ["X月X日"]),
    ("于20XX年XX月XX日召开专题会议。\n", ["20XX年XX月XX日"]),
    ("四、202X年度推进法治政府建设的主要安排\n", ["202X年"]),
    ("全年办理案件【填写】件，【单位名称】负责。\n", ["【填写】", "【单位名称】"]),
    ("××同志任组长，○○科室负责具体工作。\n", ["××", "○○"]),
    ("ＸＸ县人民政府文件〔2024〕X号\n", ["ＸＸ", "X号"]),
    ("听取汇报（此处填写次数），共X件。\n", ["（此处填写次数）", "X"]),
]


@pytest.mark.parametrize(("text", "found"), PLACEHOLDERS)
def test_template_placeholder_is_flagged(text: str, found: list[str]) -> None:
    result = diagnostics(text, "template-placeholder")
    assert [text[d.start : d.end] for d in result] == found
    assert all(d.fix is None for d in result)


PLACEHOLDER_NEAR_MISSES = [
    "采购XXL号服装，使用XX-Net工具，学习XXI世纪课程。\n",
    "配备X射线安检机和X光机，the XX files.\n",
    "展板面积为3×4平方米。\n",
    "一九八三年提出到二○○○年的目标，二〇一〇年实现。\n",
    "对当事人张某某处以罚款。\n",
    "【典型案例】某公司未按规定悬挂许可证（此处指娱乐场所）。\n",
]


@pytest.mark.parametrize("text", PLACEHOLDER_NEAR_MISSES)
def test_template_placeholder_leaves_names_numbers_and_labels_alone(text: str) -> None:
    assert diagnostics(text, "template-placeholder") == []
