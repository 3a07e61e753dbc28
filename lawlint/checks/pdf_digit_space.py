"""pdf-digit-space: a space that PDF extraction left between a number and Chinese (2024 年度).

Chinese running text has no spaces between characters; a PDF converter puts one
on each side of every run of Latin characters it met, so 会议6场 comes out as
会议 6 场. Only a single space next to a Han character counts, and a number that
belongs to a Latin token (Windows 10, 5 G), a letter-spaced number (1 9 9 3, 2 ．5) or
a clause number at the start of a line (3.1 术语) is left alone: there the
spacing was meant, or the defect is a different one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import islice

from lawlint import regex_memo
from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.outline import Outline

_LATIN = regex_memo.compile(r"[A-Za-z]")
# Every byte but the ASCII letters: deleting them from the text's ASCII bytes
# counts its Latin letters in C, many times faster than a regex list of them.
_NOT_LATIN = bytes(byte for byte in range(256) if not (byte < 128 and chr(byte).isalpha()))
# A space with a digit on one side: Chinese running text has almost none, so
# most reports are done after these searches. One pattern per kind of space,
# because the engine skips to a literal character several times faster than to
# a class; a substring test first skips the search for a space the text lacks
# (most reports have no no-break space, many no space). The Han character
# beyond is tested in Python (see ``_is_han``).
_SPACES_BY_DIGIT = {
    space: regex_memo.compile(rf"{space}(?:(?<=[0-9%％]{space})|(?=[0-9]))")
    for space in (" ", "\u00a0")
}
_NUMBER = regex_memo.compile(r"(?<![0-9A-Za-z.])[0-9]+(?:\.[0-9]+)?[%％]?(?![0-9A-Za-z])")
_NUMBER_CHARS = frozenset("0123456789.%％")
_NUMBER_END = frozenset("0123456789%％")
# A number that opens a line and is followed by a space is a clause number
# (1 总则, 3.1 术语), as standards and rules number their clauses.
_CLAUSE_NUMBER = regex_memo.compile(r"[0-9]{1,2}(?:\.[0-9]{1,2})*")
_SPACES = frozenset(" \u00a0")
_POINTS = frozenset(".．")
_LINE_START_BLANKS = " \t\u3000\u00a0\ufeff"


def check(outline: Outline, options: None) -> Iterator[Finding]:
    text = outline.source.text
    numbers = _spaced_numbers(text)
    if not numbers or not is_chinese(text):
        return
    for start, end in numbers:
        finding = _finding(text, start, end)
        if finding:
            yield finding


def _spaced_numbers(text: str) -> list[tuple[int, int]]:
    """The numbers (start, end) with a single space and a Han character on one side, in order.

    Only these can be reported (a finding removes such a space), so the rest of
    the text's numbers are never looked at.
    """
    spans = set()
    spaces = (
        found.start()
        for space, pattern in _SPACES_BY_DIGIT.items()
        if space in text
        for found in pattern.finditer(text)
    )
    for at in spaces:
        if at and text[at - 1] in _NUMBER_END and _is_han(_char(text, at + 1)):
            number = _number_ending(text, at)
            if number:
                spans.add(number)
        if _is_han(_char(text, at - 1)):
            number = _NUMBER.match(text, at + 1)
            if number:
                spans.add(number.span())
    return sorted(spans)


def _number_ending(text: str, end: int) -> tuple[int, int] | None:
    """The ``_NUMBER`` match that ends at ``end``, if one does.

    A number is made of the characters in ``_NUMBER_CHARS`` only, and no match
    starts inside another, so matching from the start of that run of characters
    finds exactly the matches a scan from the start of the text finds. The
    scan stops at ``end`` (a space, which ends a number as the end of the text
    does): where no number ends there (A4 纸), it would otherwise run on to the
    next number in the text, or to its end.
    """
    run = end
    while run and text[run - 1] in _NUMBER_CHARS:
        run -= 1
    for match in _NUMBER.finditer(text, run, end):
        if match.end() == end:
            return match.span()
    return None


def _is_han(char: str) -> bool:
    """A Han ideograph (basic block or extension A), as ``_han`` matches."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def is_chinese(text: str) -> bool:
    """Whether Han characters outnumber Latin letters: only there is a space out of place.

    Han characters are counted only as far as needed: a list of every one was the
    rule's main cost on a Chinese report.
    """
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_LATIN))
    return next(islice(_han().finditer(text), latin, None), None) is not None


@cache
def _han() -> re.Pattern[str]:
    """Compiled on first use: the class costs ~2 ms to compile (without the regex memo) and most
    reports need none."""
    return regex_memo.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _finding(text: str, start: int, end: int) -> Finding | None:
    before, after = _char(text, start - 1), _char(text, end)
    if _LATIN.match(before) or _is_latin_side(text, start - 2, before):
        return None
    if _is_latin_side(text, end + 1, after) or _spaced_digit(text, start - 2, before):
        return None
    if _spaced_digit(text, end + 1, after) or _clause_number(text, start, end, after):
        return None
    if before in _POINTS or after in _POINTS:
        return None
    edits = []
    if before in _SPACES and _is_han(_char(text, start - 2)):
        edits.append(Edit(start - 1, start, ""))
    if after in _SPACES and _is_han(_char(text, end + 1)):
        edits.append(Edit(end, end + 1, ""))
    if not edits:
        return None
    shown_start = start - 2 if edits[0].start < start else start
    shown_end = end + 2 if edits[-1].end > end else end
    found = text[shown_start:shown_end]
    expected = found.replace(" ", "").replace("\u00a0", "")
    return Finding(
        edits[0].start,
        edits[-1].end,
        {"found": found, "expected": expected},
        Fix(f"删除空格，改为“{expected}”", tuple(edits)),
    )


def _char(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def _is_latin_side(text: str, beyond: int, next_to: str) -> bool:
    """A space or hyphen, then a Latin letter: the number belongs to a Latin token."""
    return (next_to in _SPACES or next_to == "-") and bool(_LATIN.match(_char(text, beyond)))


def _spaced_digit(text: str, beyond: int, next_to: str) -> bool:
    """A space, then a digit or point: a letter-spaced number (1 9 9 3, 2 ．5)."""
    following = _char(text, beyond)
    return next_to in _SPACES and (following.isdigit() or following in _POINTS)


def _clause_number(text: str, start: int, end: int, after: str) -> bool:
    if after not in _SPACES or not _CLAUSE_NUMBER.fullmatch(text[start:end]):
        return False
    # Only blanks before it on its line, read backwards: a line may be a megabyte long.
    at = start - 1
    while at >= 0 and text[at] in _LINE_START_BLANKS:
        at -= 1
    return at < 0 or text[at] in "\r\n"
