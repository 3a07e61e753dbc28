"""Find the quantities written in Chinese running text: 307条, 两万余人次, 1.365万元, 92.1%.

Reports mix Arabic digits (half- and full-width), Chinese numerals (二十余次,
一千零九十二个, 一九八五年), magnitudes (7.2万, 2.1亿) and approximation
markers (约, 近, 余, 多, 以上, 左右). Every numeric rule needs the same reading,
so it lives here once: a quantity carries its value, its measure word, whether
it is approximate, and the precision it was written to, so that sums and rates
can be compared within rounding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from lawlint import regex_memo

# Measure words (量词) a count or amount can carry; longest first so that 家次
# wins over 家. Time words (年, 月, 天, 岁) are deliberately absent: 五年 and
# 平均年龄46岁 are not counts that add up.
_UNIT_WORDS = (
    "平方公里 平方米 千瓦时 人次 家次 件次 场次 户次 车次 架次 批次 册次 班次 期次 课时 "
    "公里 千米 公顷 元 个 件 条 起 宗 项 家 次 人 名 位 场 期 批 户 所 座 处 台 辆 本 份 张 "
    "篇 部 套 册 卷 支 吨 亩 间 栋 类 种 门 节 堂 轮 组 根 块 盏 棵 株 %"
)
UNITS = tuple(_UNIT_WORDS.split())
# Measure words that count the same thing and are used interchangeably in one
# breakdown (共收到诉求307条，其中投诉211件…); 家/次 is written for 家次.
_SAME_UNIT = {"条": "件", "起": "件", "宗": "件", "家/次": "家次", "％": "%"}
# The last characters of the measure words: a quantity read from digits or a
# numeral with a measure word ends on one (百分之五十 is the exception).
UNIT_ENDS = frozenset(unit[-1] for unit in (*UNITS, "家/次", "％"))

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "三": 3,
    "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
    "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_LARGE = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CN_CHARACTERS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_LARGE)

_APPROX_BEFORE = (
    "大约", "将近", "接近", "超过", "不到", "不足", "约", "近", "逾", "超", "上", "数", "几",
)  # fmt: skip
_APPROX_AFTER = ("以上", "以下", "以内", "左右", "上下", "余", "多", "来", "几")
# What the markers end (before a number) or start with (after it): most
# figures have none of these beside them, and a set test is cheaper than
# comparing every marker.
_APPROX_BEFORE_ENDS = frozenset(marker[-1] for marker in _APPROX_BEFORE)
_APPROX_AFTER_STARTS = frozenset(marker[0] for marker in _APPROX_AFTER)

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_PERCENT_WORDS = regex_memo.compile(
    rf"百分之(?P<cn>[{CN_CHARACTERS}]+)(?:点(?P<frac>[{CN_CHARACTERS}]+))?"
)
_GAP = r"[ \t\u3000\u00a0]?"
# The one-character measure words as a class: the engine tests a class at once,
# an alternation one literal at a time.
_UNIT_PATTERN = "|".join(
    [
        *(re.escape(u) for u in ("家/次", *UNITS) if len(u) > 1),
        f"[{''.join(u for u in UNITS if len(u) == 1)}％]",
    ]
)
# A number, then its tail: 余/多, a magnitude (万, 亿), the measure word. One
# pattern, so that the many numerals in words (一是, 进一步) cost no Python work.
# Only compiled inside _QUANTITY_START (tests compile it alone to check that).
QUANTITY = (
    rf"(?:(?P<arabic>[0-9０-９]+(?:,[0-9]{{3}})*(?:[.．][0-9０-９]+)?)|(?P<cn>[{CN_CHARACTERS}]+))"
    rf"{_GAP}(?P<approx1>余|多|几|来)?{_GAP}(?P<magnitude>万亿|萬億|[万萬亿億千])?"
    rf"(?P<approx2>余|多)?{_GAP}(?P<unit>{_UNIT_PATTERN})"
)
_DIGIT = "[0-9０-９]"
_NUMERAL = f"[{CN_CHARACTERS}]"
# Where a quantity may start: the first digit of a run of digits, or the first
# numeral of a run of Chinese numerals. Where QUANTITY fails at a run's start
# it fails inside the run too (the same tails follow), and no match ends inside
# a run (a measure word ends it), so these starts find what finditer finds.
# The pattern sits in a look-behind behind one leading class: the engine skips
# fast only to a leading class, and tries any other pattern at every position.
_QUANTITY_START = regex_memo.compile(
    rf"[0-9０-９{CN_CHARACTERS}](?<=(?<!{_DIGIT}){_DIGIT}|(?<!{_NUMERAL}){_NUMERAL})"
    rf"(?<=(?={QUANTITY})[\s\S])"
)
# What a quantity's number starts and ends with: a rule may pass over text
# without one where its figure would have to stand.
FIGURE_CHARACTER = regex_memo.compile(f"[0-9０-９{CN_CHARACTERS}]")
_MAGNITUDES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "千": 1000}
# Chinese numerals inside fixed words are not numbers: 统一, 万一, 一些, 一起 (together).
_CN_WORD_BEFORE = "统单唯同专万第每周期初之"
_AFTER_ONE = "些切旦般致律道同起步带体流线批"


class Quantity(NamedTuple):
    """A number written in the text with its measure word.

    ``value`` is in units of ``unit`` (万 and 亿 are multiplied in; money keeps
    元); ``precision`` is the place value of the last digit written, so that
    7.2万 is known to within 1000 and 92.1% within 0.1.
    """

    start: int
    end: int
    value: Decimal
    unit: str
    approximate: bool
    precision: Decimal
    magnitude: str = ""

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def same_unit(self, other: Quantity) -> bool:
        """Whether two quantities count the same kind of thing (件 and 条 do)."""
        return self.unit == other.unit

    def display(self, value: Decimal | None = None) -> str:
        """``value`` (this quantity's by default) written as this one was: 307, 36.2万."""
        value = self.value if value is None else value
        return format_decimal(value / _scale(self.magnitude)) + self.magnitude


def format_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 13650, 92.1."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_chinese(text: str) -> tuple[int, int] | None:
    """The value of a Chinese numeral and the place value of its last digit.

    一千零九十二 → (1092, 1); 两万 → (20000, 10000); 一千二 → (1200, 100);
    一九八五 → (1985, 1) (read digit by digit, as years are). None when
    ``text`` is not a well-formed numeral or is ambiguous (三四).
    """
    if all(char in _CN_DIGITS for char in text):
        # 三四个 is "three or four", not 34; 一九八五 and 二〇二四 are years.
        if len(text) == 2 or (len(text) > 1 and text[0] in "两兩"):
            return None
        return int("".join(str(_CN_DIGITS[char]) for char in text)), 1
    total, section, place = 0, 0, 1
    digit: int | None = None
    previous = 0  # the multiplier written just before, for 一千二 (= 1200)
    for char in text:
        if char in _CN_DIGITS:
            if digit is not None:
                return None
            digit = _CN_DIGITS[char] or None
            previous = 0 if _CN_DIGITS[char] == 0 else previous
        elif char in _CN_SMALL:
            multiplier = _CN_SMALL[char]
            section += (1 if digit is None else digit) * multiplier
            digit, place, previous = None, multiplier, multiplier
        else:
            large = _CN_LARGE[char]
            if section == 0 and digit is None and total == 0:
                return None
            section += digit or 0
            place = place if digit is None else 1
            if large > 10**4 or section == 0:
                total = (total + section) * large
            else:
                total += section * large
            section, digit, place, previous = 0, None, place * large, large
    if digit is not None:
        multiplier = previous // 10 if previous >= 100 else 1
        section += digit * multiplier
        place = multiplier
    return total + section, place


def _parse_arabic(text: str) -> tuple[Decimal, Decimal]:
    if text.isdigit() and text.isascii():
        return Decimal(text), _ONE  # most figures: 46件, 2024年
    plain = text.translate(_FULL_WIDTH).replace(",", "")
    decimals = len(plain.partition(".")[2])
    return Decimal(plain), Decimal(1).scaleb(-decimals)


_ONE = Decimal(1)


def quantities(text: str, start: int = 0, end: int | None = None) -> tuple[Quantity, ...]:
    """Every quantity with a measure word in ``text[start:end]``, in order.

    Numbers without a measure word (years, dates, ordinals, 二十届三中全会) and
    numbers inside quotation marks or 书名号 (“八五”普法, “两个维护”) are not
    quantities. The rest of ``text`` is context (约, 统一, quotation marks):
    read between two sentence ends (which no quantity spans), a sentence gives
    what it gives within the whole paragraph.
    """
    end = len(text) if end is None else end
    found = [q for match in _quantity_matches(text, start, end) if (q := _quantity_at(text, match))]
    quoted = _quoted_spans(text) if found else ()
    if quoted:
        found = [q for q in found if not _inside(quoted, q.start)]
    if text.find("百分之", start, end) != -1:
        words = _PERCENT_WORDS.finditer(text, start, end)
        found += filter(None, (_percent_words(text, match) for match in words))
        found.sort(key=lambda q: q.start)
    return tuple(found)


def _quantity_matches(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """What QUANTITY's ``finditer`` finds, found from the run starts only (group spans exact)."""
    matched_to = 0
    for match in _QUANTITY_START.finditer(text, start, len(text) if end is None else end):
        if match.start() >= matched_to:
            matched_to = match.end("unit")
            if not (match.group("cn") and text.endswith("百分之", 0, match.start())):
                yield match


# A number right after these is an ordinal, a ratio or a decimal's tail: 第3次, 每5人, 1/3个.
_NOT_A_COUNT_AFTER = frozenset("第每/.．")


def _quantity_at(text: str, match: re.Match[str]) -> Quantity | None:
    start = match.start()
    before = text[start - 1] if start else ""
    if before in _NOT_A_COUNT_AFTER or before.isdigit():
        return None
    # QUANTITY's groups, in order (by position: by name costs a look-up each)
    arabic, cn, approx1, magnitude, approx2, unit = match.groups()
    if cn and _in_word(text, match, before):
        return None
    magnitude = magnitude or ""
    number = _number(arabic, cn, magnitude)
    if number is None:
        return None
    value, precision = number
    end = match.end("unit")
    approximate = bool(approx1 or approx2) or _approximate_around(text, start, end)
    # tuple.__new__: a NamedTuple's own __new__ is a Python function
    fields = (start, end, value, _SAME_UNIT.get(unit, unit), approximate, precision, magnitude)
    return tuple.__new__(Quantity, fields)


@lru_cache(maxsize=4096)
def _number(arabic: str | None, cn: str | None, magnitude: str) -> tuple[Decimal, Decimal] | None:
    """The value and precision of a number; cached, as 一个 and 100% recur in every report."""
    if arabic:
        value, precision = _parse_arabic(arabic)
    else:
        parsed = parse_chinese(cn)
        if parsed is None:
            return None
        # 九百 is as exact as 900; only 万 and 亿 mark a rounded figure (两万).
        value, place = parsed
        value, precision = Decimal(value), Decimal(place if place >= 10**4 else 1)
    if magnitude:
        value, precision = value * _scale(magnitude), precision * _scale(magnitude)
    return value, precision


def _scale(magnitude: str) -> Decimal:
    """10000 for 万, 10^12 for 万亿, 1 for none."""
    scale = Decimal(1)
    for char in magnitude:
        scale *= _MAGNITUDES[char]
    return scale


def _in_word(text: str, match: re.Match[str], before: str) -> bool:
    """Whether a Chinese-character run is part of a word (统一, 一些), not a numeral."""
    if before and before in _CN_WORD_BEFORE:
        return True
    after = text[match.end("cn") : match.end("cn") + 1]
    return match.group("cn") == "一" and bool(after) and after in _AFTER_ONE


def _percent_words(text: str, match: re.Match[str]) -> Quantity | None:
    whole = parse_chinese(match.group("cn"))
    if whole is None:
        return None
    value, precision = Decimal(whole[0]), Decimal(1)
    if match.group("frac"):
        digits = "".join(str(_CN_DIGITS.get(char, "")) for char in match.group("frac"))
        if not digits:
            return None
        value += Decimal("0." + digits)
        precision = Decimal(1).scaleb(-len(digits))
    approximate = _approximate_around(text, match.start(), match.end())
    return Quantity(match.start(), match.end(), value, "%", approximate, precision)


def _approximate_around(text: str, start: int, end: int) -> bool:
    marked_before = (
        start > 0
        and text[start - 1] in _APPROX_BEFORE_ENDS
        and text[max(start - 2, 0) : start].endswith(_APPROX_BEFORE)
    )
    return marked_before or (
        end < len(text)
        and text[end] in _APPROX_AFTER_STARTS
        and text.startswith(_APPROX_AFTER, end)
    )


# Quotation marks and 书名号 around a short span: “八五”, “两个维护”, 《十四五规划》.
_QUOTED = regex_memo.compile(
    r"“[^“”]{0,40}”|《[^《》]{0,40}》|‘[^‘’]{0,40}’|「[^「」]{0,40}」|\"[^\"]{0,40}\""
)


@lru_cache(maxsize=4)
def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans inside quotation marks and 书名号, where numbers are names.

    Remembered per paragraph: its sentences are read one call each, and a
    paragraph can be a whole 1 MB line (a str keeps its hash, so a hit is cheap).
    """
    if not any(mark in text for mark in _QUOTE_OPENERS):
        return ()
    return tuple(match.span() for match in _QUOTED.finditer(text))


_QUOTE_OPENERS = ("“", "《", "‘", "「", '"')


def _inside(spans: tuple[tuple[int, int], ...], position: int) -> bool:
    """Whether ``position`` lies in one of ``spans`` (in order, not overlapping)."""
    index = bisect_right(spans, position, key=_span_start) - 1
    return index >= 0 and position < spans[index][1]


def _span_start(span: tuple[int, int]) -> int:
    return span[0]
