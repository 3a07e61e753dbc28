"""Word's automatic numbering (numbering.xml), rendered as Word shows it.

A paragraph is numbered through ``w:numPr`` on itself or on its style (or a
style it is based on): ``numId`` picks a ``w:num``, which points to an
``w:abstractNum`` holding one ``w:lvl`` per level with its start, format
(``numFmt``) and text (``lvlText`` such as ``%1、`` or ``（%1）``). Counters are
kept per abstract list, as Word does, unless a ``w:num`` restarts them with a
``startOverride``; a level's counter restarts when a shallower level counts on.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lawlint import regex_memo

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_VAL = f"{{{_W}}}val"
_PLACEHOLDER = regex_memo.compile(r"%([1-9])")
_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_LEVELS = 9


class Level(NamedTuple):
    """One ``w:lvl``: where it starts, how its number looks, its text template."""

    start: int
    fmt: str
    text: str


def chinese_number(number: int, digits: str = _CN_DIGITS) -> str:
    """十一, 二十, 一百零五: how Word's chineseCounting(Thousand) write a number."""
    if number < 10:
        return digits[number]
    if number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(number, 100)
    if not rest:
        tail = ""
    elif rest < 10:
        tail = digits[0] + digits[rest]
    else:
        tail = digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else "")
    return digits[hundreds] + "百" + tail if number < 1000 else str(number)


def _roman(number: int) -> str:
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _letter(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """``number`` in the Word number format ``fmt`` (decimal for formats not listed)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCountingThousand"):
        return chinese_number(number)
    if fmt == "chineseLegalSimplified":
        return chinese_number(number, _CN_LEGAL).replace("十", "拾").replace("百", "佰")
    if fmt == "ideographTraditional" and 1 <= number <= 10:
        return _STEMS[number - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if fmt == "decimalEnclosedParen" and 1 <= number <= 20:
        return chr(0x2474 + number - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= number <= 20:
        return chr(0x2488 + number - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{number:02d}"
    simple = {
        "lowerRoman": _roman,
        "upperRoman": lambda n: _roman(n).upper(),
        "lowerLetter": _letter,
        "upperLetter": lambda n: _letter(n).upper(),
    }
    return simple.get(fmt, str)(number)


class Numbering:
    """The numbering definitions of one document and the running counters."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_numbering = _style_numbering(document)
        # (abstractNumId, styleId) -> level, for levels linked to a style (Heading 1…)
        self.style_levels: dict[tuple[str, str], int] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[str] = set()
        root = _numbering_root(document)
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for abstract in root.iterfind("w:abstractNum", _NS):
            key = abstract.get(f"{{{_W}}}abstractNumId")
            self.levels[key] = {
                int(lvl.get(f"{{{_W}}}ilvl", "0")): _level(lvl)
                for lvl in abstract.iterfind("w:lvl", _NS)
            }
            for lvl in abstract.iterfind("w:lvl", _NS):
                style = lvl.find("w:pStyle", _NS)
                if style is not None:
                    self.style_levels[key, style.get(_VAL)] = int(lvl.get(f"{{{_W}}}ilvl", "0"))
        for num in root.iterfind("w:num", _NS):
            abstract = num.find("w:abstractNumId", _NS)
            starts = {
                int(override.get(f"{{{_W}}}ilvl", "0")): int(start.get(_VAL))
                for override in num.iterfind("w:lvlOverride", _NS)
                if (start := override.find("w:startOverride", _NS)) is not None
            }
            if abstract is not None:
                self.nums[num.get(f"{{{_W}}}numId")] = (abstract.get(_VAL), starts)

    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` ('' when it has none)."""
        num_id, ilvl, style_id = self._num_pr(paragraph)
        if num_id not in self.nums:
            return ""
        abstract, starts = self.nums[num_id]
        if ilvl is None:
            ilvl = self.style_levels.get((abstract, style_id), 0)
        levels = self.levels.get(abstract, {})
        if ilvl not in levels or levels[ilvl].fmt in ("bullet", "none"):
            return ""
        counts = self._advance(num_id, abstract, starts, ilvl, levels[ilvl].start)

        def fill(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            defined = levels.get(level, Level(1, "decimal", ""))
            value = counts[level] if counts[level] is not None else defined.start
            return format_number(value, defined.fmt)

        return _PLACEHOLDER.sub(fill, levels[ilvl].text)

    def _advance(
        self, num_id: str, abstract: str, starts: dict[int, int], ilvl: int, start: int
    ) -> list[int | None]:
        """Count one more at ``ilvl`` and restart the deeper levels; return the counters."""
        counts = self.counters.setdefault(num_id if starts else abstract, [None] * _LEVELS)
        if num_id not in self.seen and starts:
            self.seen.add(num_id)
            counts[:] = [None] * _LEVELS
        counts[ilvl] = starts.get(ilvl, start) if counts[ilvl] is None else counts[ilvl] + 1
        counts[ilvl + 1 :] = [None] * (_LEVELS - ilvl - 1)
        return counts

    def _num_pr(self, paragraph) -> tuple[str | None, int | None, str]:
        """(numId, level or None when nothing sets it, style id) of a paragraph."""
        num_pr = paragraph.find("w:pPr/w:numPr", _NS)
        style = paragraph.find("w:pPr/w:pStyle", _NS)
        style_id = style.get(_VAL, "") if style is not None else ""
        num_id, ilvl = self.style_numbering.get(style_id, (None, None))
        if num_pr is not None:
            own_id = num_pr.find("w:numId", _NS)
            own_level = num_pr.find("w:ilvl", _NS)
            num_id = own_id.get(_VAL) if own_id is not None else num_id
            ilvl = int(own_level.get(_VAL)) if own_level is not None else ilvl
        return num_id, ilvl, style_id


def _level(lvl) -> Level:
    def value(name: str, default: str) -> str:
        node = lvl.find(f"w:{name}", _NS)
        return node.get(_VAL, default) if node is not None else default

    return Level(int(value("start", "1")), value("numFmt", "decimal"), value("lvlText", ""))


def _numbering_root(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _style_numbering(document) -> dict[str, tuple[str | None, int | None]]:
    """Each paragraph style's (numId, ilvl), following ``basedOn`` to the style that sets it."""
    styles = {
        style.get(f"{{{_W}}}styleId"): style
        for style in document.styles.element.iterfind("w:style", _NS)
    }

    def resolve(style_id: str, depth: int = 0) -> tuple[str | None, int | None]:
        style = styles.get(style_id)
        if style is None or depth > 10:
            return None, None
        num_pr = style.find("w:pPr/w:numPr", _NS)
        if num_pr is not None and num_pr.find("w:numId", _NS) is not None:
            level = num_pr.find("w:ilvl", _NS)
            num_id = num_pr.find("w:numId", _NS).get(_VAL)
            return num_id, int(level.get(_VAL)) if level is not None else None
        based = style.find("w:basedOn", _NS)
        return resolve(based.get(_VAL), depth + 1) if based is not None else (None, None)

    return {style_id: resolve(style_id) for style_id in styles}
