"""template-placeholder: template text left unfilled (XX局, ××, X月X日, 【填写】, ○○).

Reports are written from last year's file or a template sent down by the 司法局,
and a placeholder that survives into the published text is the most visible
slip there is. What is not a placeholder: X inside a Latin word or code (XXL,
X射线 is a single X and not a date), Roman numerals (XXI), × between numbers
(3×4), ○ used as a zero in a Chinese year (二○○○年), and 张某某, which is how
case descriptions anonymise a party on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lawlint import regex_memo
from lawlint.checks._text import (
    PLACEHOLDER_START,
    joined,
    locator,
    matches,
    rare_characters,
    span,
    starts_cjk,
)
from lawlint.diagnostics import Finding
from lawlint.outline import Outline

_CN_DIGIT = "一二三四五六七八九十〇○零"
# Field names and instructions that only a template puts in brackets.
_INSTRUCTION = r"(?:填写|填入|请输入|待补充|待填|此处[填插添输写]|单位名称|部门名称|机关名称)"
# In round brackets only instructions: （此处指…） is an ordinary aside.
_ROUND_INSTRUCTION = r"(?:填写|填入|请输入|待补充|待填|此处[填插添输写])"
_ROUND_BRACKET = rf"[（(][^（）()\n]{{0,12}}{_ROUND_INSTRUCTION}[^（）()\n]{{0,12}}[）)]"
_PLACEHOLDER = (
    # Two or more placeholder letters standing alone, next to Chinese or digits:
    # XX局, 20XX年, ××同志, ＸＸ县.
    # A word or code that contains them (XXL, XX-Net, XXI) is not a placeholder.
    r"(?P<letters>(?<![A-Za-z])(?<![A-Za-z0-9][-_.])(?:[Xx]{2,}|×{2,}|[Ｘｘ]{2,})"
    r"(?![A-Za-z])(?![-_.][A-Za-z0-9]))"
    # ○○ and 〇〇 as a name, but not as zeros in a Chinese numeral (二○○○年).
    rf"|(?P<circles>(?<![{_CN_DIGIT}])[○〇]{{2,}}(?![{_CN_DIGIT}]))"
    # One placeholder letter in a date or a count: X月X日, 202X年, 〔2024〕X号, 共X件.
    rf"|(?P<single>(?<![A-Za-z×Ｘｘ])[Xx×Ｘｘ](?=[年月日号]|[名人次件项场家元万份条起个](?![A-Za-z])))"
    # A bracketed instruction: 【填写】, 【单位名称】, （此处填写金额）.
    rf"|(?P<bracket>【[^【】\n]{{0,12}}{_INSTRUCTION}[^【】\n]{{0,12}}】|{_ROUND_BRACKET})"
)
# The characters a placeholder can start with: the scan skips to them.
_BRACKETS = "（("
_RARE_STARTS = frozenset(PLACEHOLDER_START)
_DATE_UNITS = "年月日号"
_DIGITS = "0123456789"


def check(outline: Outline, options: None) -> Iterator[Finding]:
    # The paragraphs hold only the source's characters: look for those it has.
    rare = "".join(rare_characters(outline) & _RARE_STARTS)
    if not _any_placeholder(joined(outline).text, rare):
        return
    for paragraph in joined(outline).paragraphs:
        for start, end in _spans(paragraph.text):
            source_start, source_end = span(paragraph, start, end)
            yield Finding(source_start, source_end, {"found": paragraph.text[start:end]})


def _any_placeholder(text: str, rare: str) -> bool:
    """Whether a placeholder is in ``text``, tried only where a character of ``rare`` or ( is.

    Most reports hold no placeholder. A search for a class of characters
    tests each of them at every position; str.find skips to each one at
    once. ``text`` is the paragraphs joined by line breaks: no match holds
    one, and every look-around treats one as the edge of a text, so a
    placeholder is found here where a paragraph holds one. At a round
    bracket only a bracketed instruction can start: most reports test just
    that small pattern and never compile the whole one.
    """
    if rare and _found_at(text, rare, _locator()):
        return True
    return _found_at(text, _BRACKETS, _round_bracket())


def _found_at(text: str, chars: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` matches where one of ``chars`` is in ``text``."""
    for char in chars:
        at = text.find(char)
        while at != -1:
            if pattern.match(text, at):
                return True
            at = text.find(char, at + 1)
    return False


@cache
def _locator() -> re.Pattern[str]:
    """The scan to where a placeholder can start, compiled on first use (~2 ms without the memo)."""
    return locator(f"[{PLACEHOLDER_START}{_BRACKETS}]", _PLACEHOLDER)


@cache
def _round_bracket() -> re.Pattern[str]:
    """The bracketed instruction alone: of all placeholders, the one a round bracket starts."""
    return regex_memo.compile(_ROUND_BRACKET)


@cache
def _placeholder() -> re.Pattern[str]:
    """The pattern alone, compiled on first use: only a report with a placeholder needs it."""
    return regex_memo.compile(_PLACEHOLDER)


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Placeholder spans, with the parts of one date (X年X月X日) joined into one."""
    pending = None
    for match in matches(_locator(), _placeholder(), text):
        if match.lastgroup == "letters" and not _in_chinese(text, match.start(), match.end()):
            continue
        if match.lastgroup == "single" and not _single_in_context(text, match.start()):
            continue
        start, end = match.start(), match.end()
        if pending and start - pending[1] == 1 and text[pending[1]] in _DATE_UNITS:
            pending = (pending[0], end)
            continue
        if pending:
            yield _with_unit(text, *pending)
        pending = (start, end)
    if pending:
        yield _with_unit(text, *pending)


def _with_unit(text: str, start: int, end: int) -> tuple[int, int]:
    """Show a date placeholder whole: 202X年 and X月X日, not X and X月X."""
    while start and text[start - 1] in _DIGITS:
        start -= 1
    return start, end + (end < len(text) and text[end] in _DATE_UNITS)


def _in_chinese(text: str, start: int, end: int) -> bool:
    """A run of X counts only beside Chinese or digits: XX-Net and "XX" in English do not."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return _letters_context(before) or _letters_context(after)


def _single_in_context(text: str, start: int) -> bool:
    """A single X is a placeholder only after a digit, a date part or Chinese text (共X件)."""
    before = text[start - 1] if start else ""
    return not before or _letters_context(before)


def _letters_context(char: str) -> bool:
    """Chinese text or an ASCII digit: what a placeholder X stands beside (共X件, 202X)."""
    return bool(char) and ("0" <= char[0] <= "9" or starts_cjk(char))
