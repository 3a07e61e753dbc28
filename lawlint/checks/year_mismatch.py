"""The report names different years for the year it reports on, or a wrong plans year.

The title, the opening (2024年，…), the self-reference (现将2024年度…报告如下) and
the headings of the measures, shortcomings and 第一责任人 parts all name the
report year Y; a plans heading or plans paragraph that names a year names Y+1.
A wrong year is usually a copy of last year's report. Y is what most of them say
(the title breaks a tie), so the odd one out is flagged, even when it is the
title. Ranges (2021—2025年), years inside 《》 and dates elsewhere in the text
are not the report year and are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from lawlint import regex_memo
from lawlint.checks._text import locator
from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.fazhi_items import ItemOptions, classify
from lawlint.outline import Heading, Outline, Paragraph, Section

Options = ItemOptions

_CN_DIGITS = "〇一二三四五六七八九"
_TO_ASCII = str.maketrans(
    "０１２３４５６７８９○零" + _CN_DIGITS, "0123456789" + "00" + "0123456789"
)
# A year in arabic digits (19xx/20xx, half or full width), or in Chinese numerals
# (二〇二四, 二○二四, 二零二四) which are only taken when 年 follows.
_YEAR = (
    r"(?<![0-9０-９])(?P<year>(?:19|20|１９|２０)[0-9０-９]{2}(?![0-9０-９])"
    r"|(?:二[〇○零]|一九)[〇○零一二三四五六七八九]{2}(?=\s*年))"
)
# The year patterns are located by the class of a year's first character (see
# _text.locator). No two years overlap (a digit before a year fails it), so
# finditer finds the same years.
_YEAR_FIRST = "[12１２一二]"
_TITLE_YEAR = locator(_YEAR_FIRST, _YEAR)
_TEXT_YEAR = locator(_YEAR_FIRST, _YEAR + r"(?=\s*年)")
# Both range patterns need one of these marks: a text without one has no range.
_RANGE_MARK = regex_memo.compile(r"[—–\-~～至到]")
_RANGE_AFTER = regex_memo.compile(r"\s*年?\s*[—–\-~～至到]+\s*[0-9０-９一二〇○]")
_RANGE_BEFORE = regex_memo.compile(r"[0-9０-９年][ \t]*[—–\-~～至到]+[ \t]*$")
_BOOK_TITLE = regex_memo.compile(r"《[^》]*》")
_OPENING = regex_memo.compile(r"\s*" + _YEAR + r"\s*年(?:度|以来|来)?[，,]")
_SELF_REFERENCE = regex_memo.compile(r"现将[^。；]{0,30}?" + _YEAR + r"\s*年[^。；]{0,40}?如下")
_CHECKED_ITEMS = ("measures", "shortcomings", "responsible")
# How many heading titles' years are remembered, and how long a title may be to be
# remembered (bounds on memory, not tuning knobs: a hostile folder of huge one-line
# headings must not keep 4,096 of them alive; real item headings are far shorter).
_TITLES_KEPT = 4096
_TITLE_KEPT_LENGTH = 200


class Claim:
    """A place that names a year, and how far it should be from the report year.

    The year's place is kept within its paragraph, and a heading is quoted by
    ``where`` only in the rare report whose claims disagree. A plain class,
    not a NamedTuple: defining one costs ~0.2 ms at every start.
    """

    __slots__ = ("end", "offset", "paragraph", "start", "where", "year")

    def __init__(
        self,
        paragraph: Paragraph,
        start: int,
        end: int,
        year: int,
        offset: int,
        where: str | Heading,
    ) -> None:
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.year = year
        self.offset = offset  # 0: names the report year; 1: names the plans year
        self.where = where


# A claim as it is collected: Claim's fields in a plain tuple, several times cheaper
# to make than a Claim (seven per report); named only when claims disagree.
# A heading's claim holds its section until then, not the title paragraph.
RawClaim = tuple["Paragraph | Section", int, int, int, int, "str | Heading"]


def check(outline: Outline, options: ItemOptions) -> Iterator[Finding]:
    raw = _claims(outline, options)
    if len({year - offset for _, _, _, year, offset, _ in raw}) < 2:
        return  # one claim, or all agree: the usual report
    claims = [Claim(_paragraph(place), *rest) for place, *rest in raw]
    year = _report_year(claims)
    places = (_where(outline, c.where) for c in claims if c.year - c.offset == year)
    basis = "、".join(dict.fromkeys(places))
    for claim in claims:
        expected = year + claim.offset
        if claim.year == expected:
            continue
        start, end = claim.paragraph.offset(claim.start), claim.paragraph.offset(claim.end)
        written = outline.source.text[start:end]
        reason = (
            f"下一年度安排应为报告年度{year}年的下一年"
            if claim.offset
            else f"报告年度是{year}年（见{basis}）"
        )
        replacement = _written_like(expected, written)
        yield Finding(
            start,
            end,
            {"found": written, "expected": replacement, "reason": reason},
            Fix(f"改为{replacement}", (Edit(start, end, replacement),), safe=False),
        )


def _report_year(claims: list[Claim]) -> int:
    """The year most places name; the title (the first claim) breaks a tie."""
    return _most_named([claim.year - claim.offset for claim in claims])


def _most_named(years: list[int]) -> int:
    """The year named most often; of equals, the one named first."""
    votes = Counter(years)
    best = max(votes.values())
    return next(year for year in years if votes[year] == best)


def _paragraph(place: Paragraph | Section) -> Paragraph:
    """The paragraph a claim's offsets are in: a heading's title paragraph is asked
    for only here, because the property call cost ~2 µs of every report."""
    return place.title_paragraph if isinstance(place, Section) else place


def _where(outline: Outline, where: str | Heading) -> str:
    """How the message names a claim's place: a heading is quoted as written."""
    if isinstance(where, str):
        return where
    return f"“{outline.source.text[where.start : where.title_end]}”"


def _claims(outline: Outline, options: ItemOptions) -> list[RawClaim]:
    """Every claim in document order of kind: title, opening, self-reference, headings, plans.

    One list built in place: nested generators cost more than the few claims
    of a report.
    """
    claims = _stated_claims(outline)
    found = classify(outline, options.specs).found
    for key in _CHECKED_ITEMS:
        if not found[key].thematic:
            _add_heading_claims(claims, found[key].sections, 0)
    for section in found["plans"].sections:
        if section.parent is None:
            _add_heading_claims(claims, (section,), 1)
            for paragraph in section.body:
                opening = _OPENING.match(paragraph.text)
                if opening:
                    claims.append(_claim(paragraph, opening, 1, "下一年度安排正文"))
    return claims


def _stated_claims(outline: Outline) -> list[RawClaim]:
    """The claims of the title, the opening and the self-reference, in that order."""
    claims: list[RawClaim] = []
    if outline.title is not None:
        year = _first_year(outline.title.text)
        if year:
            claims.append(_claim(outline.title, year, 0, "报告标题"))
    if outline.preamble:
        opening = _OPENING.match(outline.preamble[0].text)
        if opening:
            claims.append(_claim(outline.preamble[0], opening, 0, "开头一句"))
    for paragraph in outline.preamble:
        for match in _SELF_REFERENCE.finditer(paragraph.text):
            claims.append(_claim(paragraph, match, 0, "“现将…报告如下”"))
    return claims


def stated_year(outline: Outline) -> int | None:
    """The report year the title, opening and self-reference name (most of them; the
    title breaks a tie), None if none names one.

    Read before the parts are classified: a plans heading is told by naming the
    year after this one, so the headings cannot vote here.
    """
    claims = _stated_claims(outline)
    return _most_named([year for _, _, _, year, _, _ in claims]) if claims else None


def _add_heading_claims(claims: list[RawClaim], sections: Iterable[Section], offset: int) -> None:
    """The year each top-level heading among ``sections`` names, if it names one."""
    for section in sections:
        if section.parent is None:
            named = heading_year(section.heading.title)
            if named is not None:
                claims.append((section, *named, offset, section.heading))


def opening_year(text: str) -> tuple[int, int, int] | None:
    """(start, end, year) of the year a paragraph opens with (2026年，…), if it does."""
    opening = _OPENING.match(text)
    if opening is None:
        return None
    start, end = opening.span("year")
    return start, end, _value(opening)


def heading_year(title: str) -> tuple[int, int, int] | None:
    """(start, end, year) of the year a heading title names, None if it names none or two.

    Remembered by title when it is short: a folder's reports repeat the item
    headings (2024年度推进法治政府建设的主要举措和成效) with a handful of years.
    """
    if len(title) > _TITLE_KEPT_LENGTH:
        return _read_heading_year(title)
    return _remembered_heading_year(title)


def _read_heading_year(title: str) -> tuple[int, int, int] | None:
    if "年" not in title:
        return None  # a year in a heading is read only before 年
    matches = _years(title, _TEXT_YEAR)
    # 2024年工作情况和2025年工作打算 covers two items: its years say nothing alone
    if len(matches) == 1 or len({match.group("year") for match in matches}) == 1:
        start, end = matches[0].span("year")
        return start, end, _value(matches[0])
    return None


_remembered_heading_year = lru_cache(maxsize=_TITLES_KEPT)(_read_heading_year)


def _first_year(title: str) -> re.Match[str] | None:
    """The first year the title names, as ``_years`` reads them.

    In a title without a range mark or a 《 every year stands (see ``_years``),
    so the first one found is the answer, and the rest of the title is not
    searched for more.
    """
    if _RANGE_MARK.search(title) is None and "《" not in title:
        return _TITLE_YEAR.search(title)
    years = _years(title, _TITLE_YEAR)
    return years[0] if years else None


def _years(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Years in ``text`` that are not part of a range or a cited title.

    A title or heading seldom has a range mark or a 《: then every year the
    pattern finds stands, and the two range searches per year are skipped.
    """
    ranged = _RANGE_MARK.search(text) is not None
    if not ranged and "《" not in text:
        return list(pattern.finditer(text))
    books = [match.span() for match in _BOOK_TITLE.finditer(text)] if "《" in text else None
    found = []
    for match in pattern.finditer(text):
        start, end = match.span("year")
        if books and any(b_start <= start < b_end for b_start, b_end in books):
            continue
        if ranged and (_RANGE_AFTER.match(text, end) or _RANGE_BEFORE.search(text, 0, start)):
            continue
        found.append(match)
    return found


def _claim(paragraph: Paragraph, match: re.Match[str], offset: int, where: str) -> RawClaim:
    start, end = match.span("year")
    return paragraph, start, end, _value(match), offset, where


def _value(match: re.Match[str]) -> int:
    """The year as a number; int() reads full-width digits itself, only Chinese numerals
    need translating (and translating costs more than the rest of a claim)."""
    written = match.group("year")
    return int(written) if written.isdecimal() else int(written.translate(_TO_ASCII))


def _written_like(year: int, written: str) -> str:
    """``year`` in the numerals ``written`` used."""
    if written[0] in "0123456789":
        return str(year)
    if written[0] in "０１２３４５６７８９":
        return str(year).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    zero = next((char for char in written if char in "〇○零"), "〇")
    return "".join(zero if digit == "0" else _CN_DIGITS[int(digit)] for digit in str(year))
