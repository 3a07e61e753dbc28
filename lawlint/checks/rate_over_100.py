"""rate-over-100: a completion-type rate (办结率, 合格率, 满意度…) stated above 100%.

A share of cases closed, people who passed or people satisfied cannot exceed
the whole. Growth rates (增长率, 增速, 同比) and ratios against a plan, target
or quota (计划完成率, 预算执行率, 税收收入完成率) can, so only names ending in
a completion-type stem count, and a plan/target/growth qualifier in the name
takes the rate out.
"""

from __future__ import annotations

from collections.abc import Iterator

from lawlint.checks._numbers import finding as make_finding
from lawlint.checks._numbers import rate_sentences, rates
from lawlint.diagnostics import Finding
from lawlint.numerals import Quantity, format_decimal
from lawlint.outline import Outline

# The part of a rate's name before 率 that makes it a share of a whole.
_COMPLETION_STEMS = (
    "办结", "结案", "审结", "完成", "参与", "参加", "参训", "参考", "参学", "合格", "及格",
    "满意", "好评", "覆盖", "执行", "化解", "成功", "通过", "回复", "答复", "回访", "受理",
    "公开", "公示", "知晓", "达标", "落实", "到位", "整改", "销号", "出勤", "持证", "审查",
    "审核", "备案", "兑现", "履约", "签约", "正确", "准确", "处置", "解决", "查处", "纠错",
    "胜诉", "败诉", "维持", "撤销", "录入", "入库", "上线", "建档", "按时", "及时",
)  # fmt: skip
# A rate measured against a plan, budget or earlier figure may pass 100%.
# Economic targets (收入, 税收, 投资, 招商…) are met and exceeded: 税收收入完成率103%.
_OPEN_ENDED = (
    "计划", "目标", "预算", "指标", "任务", "收入", "税", "投资", "招商", "产值", "销售",
    "增长", "增速", "同比", "环比", "毛",
)  # fmt: skip


def check(outline: Outline, options: None) -> Iterator[Finding]:
    for sentence in rate_sentences(outline):
        over: dict[Quantity, list[str]] = {}
        for rate in rates(sentence):
            if rate.figure.value > 100 and _is_completion_rate(rate.name):
                over.setdefault(rate.figure, []).append(rate.name)
        for figure, names in over.items():
            args = {"name": "、".join(names), "value": format_decimal(figure.value)}
            yield make_finding(sentence, figure, args)


def _is_completion_rate(name: str) -> bool:
    """Whether ``name`` is a share of a whole: 办结率, 调解成功率, 群众满意度."""
    stem = name.removesuffix("率").removesuffix("度")
    if any(word in name for word in _OPEN_ENDED):
        return False
    return stem.endswith(_COMPLETION_STEMS)
