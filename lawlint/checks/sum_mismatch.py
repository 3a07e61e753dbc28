"""sum-mismatch: a stated total that its listed parts do not add up to.

The total is the count written directly before 其中, 分别为/分别是/分别有 or
包括; the parts are the counts in the same measure word that follow, up to the
end of the sentence (or of the bracket the connector opened). Two readings:

- 分别为/分别是/分别有 after a total marked by 共/合计/总计/累计 presents the
  parts as the whole breakdown: any difference is reported.
- 其中 and 包括 may introduce a subset (17名执法人员（其中2名差额6名自收自支）):
  only parts adding to more than the total are reported, since a subset cannot
  exceed the whole. Parts counted along cross-cutting attributes (女性, 党员,
  35岁以下, 本科, 涉企, 涉外) may overlap and are left alone, and so are parts
  of which some are counted by procedure (适用简易程序) and others are not
  (涉企案件60件，适用简易程序案件55件: two ways of dividing the same cases).
  Parts all counted by procedure (一般程序60件，简易程序55件) do partition.

The total is not read when its own clause compares (财政赤字13500亿元，比上年
增加1500亿元，其中…: the parts belong to the figure before). A list ends at a
new total (共, 合计) or at a clause counting an outcome (其中复议20件，办结38件:
办结 cuts across the categories). A list is not read when a part is approximate
(余, 多, 约), when a part's clause compares (比上年增加, 同比), or when a figure
in another measure word interrupts it. Plain integers are taken as exact; figures with a
magnitude or decimals (2.3万, 1.2亿元) are compared within half a unit of
their last written digit each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from lawlint import regex_memo
from lawlint.checks._numbers import Sentence, clause_before, paragraphs_with, sentences_in
from lawlint.checks._numbers import finding as make_finding
from lawlint.diagnostics import Finding
from lawlint.numerals import UNIT_ENDS, Quantity
from lawlint.outline import Outline

# The connector right after the total: （…）其中, ，分别为, ：包括.
_CONNECTOR_MARKS = "，,：:（("
_CONNECTOR = regex_memo.compile(
    rf"[{_CONNECTOR_MARKS}]?\s*(?P<word>其中|分别为|分别是|分别有|包括)"
)
_WHOLE = ("分别为", "分别是", "分别有")
_TOTAL_WORDS = ("共", "合计", "总计", "累计", "总数", "一共")
# 占 is left out: 占道经营类45件 is a category, and 占50% interrupts as a percentage.
_COMPARISON = regex_memo.compile(r"比(?!例|重|率)|增加|增长|减少|下降|提高|降低|同比|环比|超过|较")
_CROSS_CUTTING = regex_memo.compile(
    r"女|男|党员|民族|岁|本科|研究生|硕士|博士|大专|学历|职称|新增|同时|兼|涉(?!及)"
)
# The word that marks a part counted by procedure (一般程序, 简易程序, 听证程序).
_PROCEDURE = "程序"
# Progress verbs: a clause with one counts cases by outcome, across the categories.
_OUTCOME = regex_memo.compile(r"办结|结案|审结|化解|完成|整改|回复|答复|处置|调解成功")
_NEW_TOTAL = regex_memo.compile("|".join(_TOTAL_WORDS))
# A sentence without a connector has no total to check (分别 for 分别为/是/有:
# one look-up instead of three).
_CUES = ("其中", "分别", "包括")
# How many figures after a total are read for its parts: a total whose list may
# still be going on after that many is not checked (the most figures in one
# sentence of the seeds, the corpus and the fixtures is 15). Without a bound, a
# line of 其中5件，其中5件，… reads every later figure for every total: quadratic.
_MAX_FOLLOWING = 24


def check(outline: Outline, options: None) -> Iterator[Finding]:
    for sentence in _sentences(outline):
        for index, total in enumerate(sentence.quantities):
            args = _mismatch(sentence, index, total)
            if args is not None:
                yield make_finding(sentence, total, args)


def _sentences(outline: Outline) -> Iterator[Sentence]:
    """The sentences where a connector may follow a total, in document order.

    Most 其中 and 包括 follow no figure (其中，…; 包括经济体制改革…): their
    sentences are not read at all, and reading figures is the costly part.
    """
    for paragraph, hits in paragraphs_with(outline, _CUES, _after_measure_words):
        yield from sentences_in(outline, paragraph, [(at, at + 1) for at in hits])


def _after_measure_words(text: str, hits: list[int]) -> list[int]:
    return [at for at in hits if _after_measure_word(text, at)]


def _after_measure_word(text: str, at: int) -> bool:
    """Whether the connector at ``at`` may close a quantity, as _CONNECTOR reads it.

    ``text`` may be paragraphs joined by line breaks: none is passed over.
    """
    end = at
    while end > 0 and text[end - 1].isspace() and text[end - 1] != "\n":
        end -= 1
    if end > 0 and text[end - 1] in _CONNECTOR_MARKS:
        end -= 1
    return end > 0 and text[end - 1] in UNIT_ENDS


def _mismatch(sentence: Sentence, index: int, total: Quantity) -> dict[str, object] | None:
    text = sentence.paragraph.text
    connector = _CONNECTOR.match(text, total.end, sentence.end)
    if connector is None or total.approximate or total.is_percent:
        return None
    if _COMPARISON.search(clause_before(text, total)):
        return None  # 比上年增加1500亿元，其中…: the 其中 is about the figure before
    word = connector.group("word")
    whole = word in _WHOLE
    if whole and not any(marker in clause_before(text, total) for marker in _TOTAL_WORDS):
        return None
    following = sentence.quantities[index + 1 : index + 1 + _MAX_FOLLOWING + 1]
    reach = following[_MAX_FOLLOWING].start if len(following) > _MAX_FOLLOWING else sentence.end
    end = _list_end(text, connector, reach)
    if len(following) > _MAX_FOLLOWING and end == reach:
        return None  # the list may go on past what is read: its sum would be a guess
    parts = _parts(text, connector.end(), following, total, end)
    if parts is None or len(parts) < 2:
        return None
    if not whole and (
        _CROSS_CUTTING.search(text[connector.end() : parts[-1].end])
        or any(part.value == total.value for part in parts)
        or _mixed_procedure(text, parts)
    ):
        return None  # attributes that may overlap: 其中持证45名 of 45 is "all of them"
    stated, added = total.value, sum(part.value for part in parts)
    slack = _slack(total) + sum(_slack(part) for part in parts)
    if added - stated > slack or (whole and stated - added > slack):
        return {
            "total": total.display(),
            "sum": total.display(added),
            "parts": "+".join(part.display() for part in parts),
            "unit": total.unit,
        }
    return None


def _list_end(text: str, connector: re.Match[str], reach: int) -> int:
    """Where the parts may run to: the bracket 其中 opened, or ``reach`` (the sentence end)."""
    if connector.group(0)[0] in "（(":
        close = min(
            (
                at
                for at in (text.find(bracket, connector.end(), reach) for bracket in "）)")
                if at != -1
            ),
            default=reach,
        )
        return close
    return reach


def _parts(
    text: str, start: int, following: tuple[Quantity, ...], total: Quantity, end: int
) -> list[Quantity] | None:
    """The parts listed after the connector, or None when the list is not a plain breakdown."""
    parts: list[Quantity] = []
    other_since_part = False
    cursor = start
    for quantity in following:
        if quantity.start >= end:
            break
        between = text[cursor : quantity.start]
        if _NEW_TOTAL.search(between) or _OUTCOME.search(clause_before(text, quantity)):
            break
        if not quantity.same_unit(total):
            other_since_part = bool(parts)
            continue
        if other_since_part or quantity.approximate or _COMPARISON.search(between):
            return None
        parts.append(quantity)
        cursor = quantity.end
    return parts


def _mixed_procedure(text: str, parts: list[Quantity]) -> bool:
    """Whether some parts are counted by procedure and others by another attribute."""
    by_procedure = {_PROCEDURE in clause_before(text, part) for part in parts}
    return len(by_procedure) == 2


def _slack(quantity: Quantity) -> Decimal:
    """How far a written figure may be from the true one: nothing for a plain integer."""
    if quantity.precision <= 1 and quantity.value == quantity.value.to_integral_value():
        return Decimal(0)
    return quantity.precision / 2
