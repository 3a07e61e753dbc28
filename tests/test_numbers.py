"""Number reading (lawlint.numerals) and the numeric rules N401–N404 on texts we wrote."""

from __future__ import annotations

import pytest

from lawlint.numerals import format_decimal, parse_chinese, quantities
from tests.conftest import lint_text

NUMERIC_RULES = ("sum-mismatch", "rate-mismatch", "rate-over-100", "count-mismatch")


def _read(text: str) -> list[tuple[str, str, str, bool]]:
    return [
        (text[q.start : q.end], format_decimal(q.value), q.unit, q.approximate)
        for q in quantities(text)
    ]


@pytest.mark.parametrize(
    ("numeral", "value", "place"),
    [
        ("一千零九十二", 1092, 1),
        ("二十", 20, 10),
        ("十二", 12, 1),
        ("两万", 20000, 10000),
        ("一千二", 1200, 100),
        ("一亿二千万", 120000000, 10000000),
        ("三百二十八萬億", 328 * 10**12, 10**12),
        ("一九八五", 1985, 1),
        ("二〇二四", 2024, 1),
    ],
)
def test_parse_chinese(numeral: str, value: int, place: int) -> None:
    assert parse_chinese(numeral) == (value, place)


@pytest.mark.parametrize("numeral", ["三四", "万", "一二十"])
def test_parse_chinese_rejects_ambiguous_or_malformed(numeral: str) -> None:
    assert parse_chinese(numeral) is None


def test_quantities_read_digits_magnitudes_and_measure_words() -> None:
    text = (
        "共出动1776余人次，检查109家/次，罚款1.365万元，发放宣传海报 7.2 万余张，办结率１０５％。"
    )
    assert _read(text) == [
        ("1776余人次", "1776", "人次", True),
        ("109家/次", "109", "家次", False),
        ("1.365万元", "13650", "元", False),
        ("7.2 万余张", "72000", "张", True),
        ("１０５％", "105", "%", False),
    ]


def test_quantities_read_chinese_numerals_and_skip_names() -> None:
    text = "开展二十余次，覆盖两万余人次，共三家，增强“四个意识”，落实“八五”普法，学习三中全会。"
    assert _read(text) == [
        ("二十余次", "20", "次", True),
        ("两万余人次", "20000", "人次", True),
        ("三家", "3", "家", False),
    ]


@pytest.mark.parametrize("text", ["进一步统一部署", "一起查办", "第三项", "每一件", "两三年"])
def test_numerals_inside_words_are_not_quantities(text: str) -> None:
    assert _read(text) == []


@pytest.mark.parametrize("text", ["约30件", "近40家", "逾百人", "1200人以上", "5件左右", "十余个"])
def test_approximate_quantities(text: str) -> None:
    read = _read(text)
    assert len(read) == 1
    assert read[0][3] is True


def test_percent_in_words() -> None:
    assert _read("满意度达百分之九十五点五") == [("百分之九十五点五", "95.5", "%", False)]


def test_sum_and_unit_equivalence() -> None:
    """条 and 件 count the same thing: 诉求307条 with parts in 件 is a breakdown."""
    text = "共收到诉求307条，其中投诉211件、求助68件、咨询30件。"
    (found,) = _numeric(text)
    assert found.rule == "sum-mismatch"
    assert found.message == "合计数307与所列分项之和309不符（211+68+30）"


def _numeric(text: str, profile: str = "generic"):
    return [d for d in lint_text(text, profile=profile).diagnostics if d.rule in NUMERIC_RULES]


# Each defective text names the rule and the figure it must be reported at.
DEFECTS = [
    (
        "共开展执法检查917家次，其中网吧420家次、娱乐场所343家次、电竞酒店164家次。",
        "sum-mismatch",
        "917家次",
    ),
    ("全年共办理复议案件12件，分别为维持7件、撤销3件、驳回1件。", "sum-mismatch", "12件"),
    (
        "项目共有一千一百八十五个，其中工业七百一十六个，农林二百八十五个，交通二百零六个。",
        "sum-mismatch",
        "一千一百八十五个",
    ),
    ("罚没款合计36.2万元，其中罚款30.5万元、没收违法所得6.9万元。", "sum-mismatch", "36.2万元"),
    ("行政立案31件，办结29件，办结率100%。", "rate-mismatch", "100%"),
    ("受理行政复议申请四十件，审结三十件，审结率90%。", "rate-mismatch", "90%"),
    ("受理信访事项38件，已按时办结35件，按时办结率95%。", "rate-mismatch", "95%"),
    ("办理信访事项27件，办结率达105%。", "rate-over-100", "105%"),
    ("参与率和考试合格率均达百分之一百零二。", "rate-over-100", "百分之一百零二"),
    ("全县人民调解成功率为100.8%。", "rate-over-100", "100.8%"),
    ("县属事业单位共4家，分别是文化馆、图书馆和博物馆。", "count-mismatch", "4家"),
    ("共建立3项制度，分别是执法公示制度、执法全过程记录制度。", "count-mismatch", "3项"),
    ("共修订制度5项，包括《议事规则》《考勤制度》《财务制度》。", "count-mismatch", "5项"),
    ("主要有四个方面：一是学法不深，二是力量不足，三是宣传单一。", "count-mismatch", "四个"),
    ("存在两个方面的问题。一是学法不深；二是力量不足；三是宣传单一。", "count-mismatch", "两个"),
    (
        "共办理各类案件56件，其中：行政处罚案件32件，行政许可案件24件，行政强制案件4件。",
        "sum-mismatch",
        "56件",
    ),
    ("受理案件32件，办结案件30件，结案率95%。", "rate-mismatch", "95%"),
    ("受理热线工单3560件，按时办结3542件，按时办结率100%。", "rate-mismatch", "100%"),
    ("共有5个工作组，分别是：综合组、执法组、宣传组、督查组。", "count-mismatch", "5个"),
    ("共3种方式，分别是“双随机、一公开”监管和信用监管。", "count-mismatch", "3种"),
    ("共4家，分别是甲公司（含乙分公司、丙分公司）、丁公司和戊公司。", "count-mismatch", "4家"),
    # counts of kinds by their measure word alone (项, 类, 种), the list inline,
    # in the paragraphs that follow, or as the sub-sections that follow
    ("制定三项制度：一是执法公示，二是全过程记录。", "count-mismatch", "三项"),
    ("出台四类清单：\n一是权力清单。\n二是责任清单。\n", "count-mismatch", "四类"),
    (
        "二、存在的不足\n主要有三种情形：\n（一）学法不深。\n（二）力量不足。\n",
        "count-mismatch",
        "三种",
    ),
    # a qualified rate is checked against a numerator with the same qualifier
    ("受理群众投诉50件，办结48件，其中按期办结45件，按期办结率100%。", "rate-mismatch", "100%"),
    ("受理申请60件，及时办结50件，及时办结率100%。", "rate-mismatch", "100%"),
    ("受理群众投诉50件，办结45件，办结率100%。", "rate-mismatch", "100%"),
    # parts all counted by procedure, or by one classifier, partition the cases
    ("共办理行政处罚案件100件，其中一般程序60件，简易程序55件。", "sum-mismatch", "100件"),
    ("共办理案件100件，其中适用一般程序案件60件、适用简易程序案件55件。", "sum-mismatch", "100件"),
    ("共办理案件100件，其中食品类60件、药品类55件。", "sum-mismatch", "100件"),
    ("共收到诉求100件，其中涉及投诉60件、求助55件。", "sum-mismatch", "100件"),
]


@pytest.mark.parametrize(("text", "rule", "figure"), DEFECTS)
def test_defect_is_reported_at_its_figure(text: str, rule: str, figure: str) -> None:
    found = _numeric(text)
    assert [d.rule for d in found] == [rule]
    assert text[found[0].start : found[0].end] == figure


NEAR_MISSES = [
    # approximate figures
    "共培训1200余人次，其中县直800余人次、乡镇500余人次。",
    "受理投诉约40件，办结35件，办结率90%。",
    "共开展宣传二十余场，其中进社区十二场、进企业十场。",
    # lists closed by 等
    "共4家，分别是文化馆、图书馆、博物馆等。",
    "共5家，分别是县文化馆、县图书馆、县博物馆等单位。",
    # other measure words in one sentence
    "共开展检查45次，其中检查经营户120户、出动执法人员90人次。",
    "共办理案件30件，其中行政处罚25件，罚款12万元，行政强制10项。",
    # a 其中 subset and overlapping attributes
    "17名执法人员（其中2名差额6名自收自支）平均年龄46岁。",
    "共有律师26名，其中女性11名、党员18名、35岁以下9名。",
    # the total's clause compares: the parts belong to the figure before
    "拟安排赤字13500亿元，比上年增加1500亿元，其中中央9500亿元，地方4000亿元。",
    # a part's clause compares
    "共受理案件20件，其中行政处罚15件，比上年增加8件。",
    # growth and target rates may pass 100%
    "投入资金120万元，同比增长120%。",
    "招商引资目标完成率达118%。",
    "全年税收收入完成率103%，招商引资任务完成率达120%。",
    "高中阶段毛入学率达到102%。",
    # a rate in another sentence or clause from the counts
    "受理投诉30件，办结28件；受理举报12件，办结率100%。",
    "报名52人。考试通过率90.4%。",
    # rates that agree within rounding or truncation
    "受理38件，办结35件，办结率92.1%。",
    "受理250件，办结249件，办结率100%。",
    "受理31件，办结29件，办结率93%。",
    # a rate with no numerator count
    "12345平台办件48件，均按时回复，办结率100%。",
    # several denominators: the rate agrees with one of them
    "受理案件40件，其中复议20件，办结38件，办结率95%。",
    # quoted names are not counts
    "增强“四个意识”、做到“两个维护”：一是学习，二是落实。",
    # 和 inside a name
    "县属事业单位共3家，分别是县文化和旅游服务中心、图书馆、博物馆。",
    # enumeration that goes on in another form
    "大体上有四种类型：一是指令性计划的。二是市场调节的。此外还有两类，一类是…另一类是…。",
    # 几 is not a count
    "主要有以下几个方面：一是学法不深，二是力量不足，三是宣传单一。",
    # breakdowns, rates and lists that agree, in the forms reports use
    "共办理各类案件56件，其中：行政处罚案件32件，行政许可案件20件，行政强制案件4件。",
    "共培训执法人员320人次，其中举办专题培训班4期、线上培训280人次、以会代训40人次。",
    "全年办理行政复议案件25件，其中新收22件，上年结转3件。",
    "受理案件32件，办结案件30件，结案率93.8%。",
    "检查企业200家，发现问题隐患50处，整改完成48处，整改率96%。",
    "全年受理12345热线工单3560件，按时办结3542件，按时办结率99.5%。",
    "共有5个工作组，分别是：综合组、执法组、宣传组、督查组、保障组。",
    "共3家，分别是甲公司（含乙分公司、丙分公司）、丁公司和戊公司。",
    "共3种方式，分别是“双随机、一公开”监管、信用监管和智慧监管。",
    "共有2家单位：县文化馆和县图书馆。",
    # an outcome or a nested count is not the numerator or a part
    "受理案件40件，办结35件，其中当场办结20件，办结率87.5%。",
    "共排查矛盾纠纷86起，其中化解84起，化解率97.7%。",
    # a part equal to the total is an attribute of all (其中持证45名), not a category
    "共有执法人员45名，其中具有法律职业资格12名，取得执法证45名。",
    # the rate's counts are not named: 采纳 and 参训 have no count
    "全年审查规范性文件25件，提出修改意见36条，采纳率100%。",
    "共组织30家单位参加培训，参训率100%。",
    # a count of events, not of kinds: the items may be its topics
    "召开党组会议4次：一是研究年度计划，二是听取工作汇报。",
    "局党组专题研究法治政府建设工作4次。一是研究年度计划，二是听取汇报。",
    # lists whose items hold figures or dates
    "共两批：第一批5家，第二批7家。",
    "共召开会议3次，分别是1月15日、4月20日和10月8日。",
    # a rate qualified by timeliness or manner whose base is not the counts given
    "受理群众投诉50件，办结45件，按期办结率100%。",
    "受理群众投诉50件，办结45件，按时办结率100%。",
    "受理群众来信50件，办结45件，及时办结率100%。",
    "受理政务服务事项500件，办结480件，一次性办结率98%。",
    "受理热线工单200件，办结190件，当场办结率60%。",
    # parts along different dimensions of the same cases may overlap
    "全年共办理行政处罚案件100件，其中涉企案件60件，适用简易程序案件55件。",
    "全年共办理行政处罚案件100件，其中适用简易程序案件55件，涉企案件60件。",
    "共办理行政处罚案件100件，其中涉企案件60件、涉外案件45件。",
    "共办理行政处罚案件100件，其中食品类案件60件，适用简易程序案件55件。",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_is_not_reported(text: str) -> None:
    assert _numeric(text) == []


def test_enumeration_over_paragraphs_counts_each_item() -> None:
    text = (
        "一、主要安排\n我们将抓好以下三项工作：\n一是学法。\n二是用法。\n"
        "要把学法用法结合起来。\n三是普法。\n"
    )
    assert _numeric(text) == []
    assert [d.rule for d in _numeric(text.replace("三项工作", "四项工作"))] == ["count-mismatch"]


def test_count_of_kinds_before_sub_headings_counts_the_sub_sections() -> None:
    text = (
        "二、存在的不足和原因\n对照要求，还存在三个方面的不足：\n"
        "（一）学法不够深入。\n（二）执法力量不足。\n"
    )
    (found,) = _numeric(text)
    assert found.message == "数目不符：文中说3个，实际列出2个"
    assert text[found.start : found.end] == "三个"
    assert _numeric(text + "（三）普法形式单一。\n") == []


def test_enumeration_with_nested_list_is_not_counted() -> None:
    """A paragraph opening a new 第一 inside the items makes the extent unknown."""
    text = (
        "我现在说三个问题。\n第一，农业问题。\n第二，工业问题，我提出以下几点：\n"
        "第一，增产。\n第二，节约。\n"
    )
    assert _numeric(text) == []


@pytest.mark.parametrize("profile", ["generic", "fazhi"])
def test_rules_run_in_both_profiles(profile: str) -> None:
    assert [d.rule for d in _numeric("行政立案31件，办结29件，办结率100%。", profile)] == [
        "rate-mismatch"
    ]


def test_position_maps_through_a_broken_paragraph() -> None:
    """A paragraph broken by PDF extraction is joined; the figure keeps its source position."""
    text = "一、成效\n全年行政立案31件，办结29\n\n件，办结率100%。\n"
    (found,) = _numeric(text)
    assert text[found.start : found.end] == "100%"


def test_messages_carry_the_computed_figures() -> None:
    (found,) = _numeric("行政立案31件，办结29件，办结率100%。")
    assert found.message == "办结率100%与所列数字不符：29÷31应为93.5%"
    (found,) = _numeric("共建立3项制度，分别是执法公示制度、执法全过程记录制度。")
    assert found.message == "数目不符：文中说3项，实际列出2项"


def test_decimal_sums_compare_within_the_written_precision() -> None:
    """1.2亿元 + 0.8亿元 against 2.0亿元 agrees; against 2.3亿元 it does not."""
    assert _numeric("共投入2.0亿元，分别为省级1.2亿元、县级0.8亿元。") == []
    (found,) = _numeric("共投入2.3亿元，分别为省级1.2亿元、县级0.8亿元。")
    assert found.message == "合计数2.3亿与所列分项之和2亿不符（1.2亿+0.8亿）"
