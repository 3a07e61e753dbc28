"""year-mismatch's fast paths against a plain reading of the same places.

The rule skips the range searches in a text without a range mark, reads only a
title's first year, remembers each heading title's year, reads full-width digits
with int() and keeps claims as plain tuples. The reference below reads every
place the plain way; both must list the same claims (the same places in the
source, years and wordings of the place), in the same order, on the
fixtures, the seeds, the corpus and generated reports full of ranges, cited
titles, numerals of every kind and headings naming two years.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import year_mismatch as ym
from lawlint.fazhi_items import classify
from lawlint.outline import Outline, Paragraph, Section, build_outline
from lawlint.source import Source, read_source
from tests.conftest import FIXTURES, SEEDS, corpus, needs_corpus, needs_seeds, rule

OPTIONS = rule("year-mismatch").options
_TITLE_YEAR = re.compile(ym._YEAR)
_TEXT_YEAR = re.compile(ym._YEAR + r"(?=\s*年)")
_DIGITS = str.maketrans("０１２３４５６７８９○零〇一二三四五六七八九", "0123456789000123456789")


def _plain_years(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    books = [match.span() for match in ym._BOOK_TITLE.finditer(text)]
    return [
        match
        for match in pattern.finditer(text)
        if not any(start <= match.start("year") < end for start, end in books)
        and not ym._RANGE_AFTER.match(text, match.end("year"))
        and not ym._RANGE_BEFORE.search(text, 0, match.start("year"))
    ]


def _plain(paragraph: Paragraph, match: re.Match[str], offset: int, where: str) -> tuple:
    year = int(match.group("year").translate(_DIGITS))
    start, end = match.span("year")
    return (paragraph.offset(start), paragraph.offset(end), start, end, year, offset, where)


def _plain_headings(outline: Outline, sections: list[Section], offset: int) -> list[tuple]:
    claims = []
    for section in sections:
        if section.depth or "年" not in section.heading.title:
            continue
        matches = _plain_years(section.heading.title, _TEXT_YEAR)
        if len({match.group("year") for match in matches}) == 1:
            title = outline.source.text[section.heading.start : section.heading.title_end]
            claims.append(_plain(section.title_paragraph, matches[0], offset, f"“{title}”"))
    return claims


def reference(outline: Outline) -> list[tuple]:
    """Every claim the plain way: all years listed, every range searched for."""
    claims = []
    if outline.title and (years := _plain_years(outline.title.text, _TITLE_YEAR)):
        claims.append(_plain(outline.title, years[0], 0, "报告标题"))
    if outline.preamble and (opening := ym._OPENING.match(outline.preamble[0].text)):
        claims.append(_plain(outline.preamble[0], opening, 0, "开头一句"))
    for paragraph in outline.preamble:
        for match in ym._SELF_REFERENCE.finditer(paragraph.text):
            claims.append(_plain(paragraph, match, 0, "“现将…报告如下”"))
    found = classify(outline, OPTIONS.specs).found
    for key in ("measures", "shortcomings", "responsible"):
        if not found[key].thematic:
            claims += _plain_headings(outline, found[key].sections, 0)
    for section in found["plans"].sections:
        if section.depth == 0:
            claims += _plain_headings(outline, [section], 1)
            for paragraph in section.body:
                if opening := ym._OPENING.match(paragraph.text):
                    claims.append(_plain(paragraph, opening, 1, "下一年度安排正文"))
    return claims


def claimed(outline: Outline) -> list[tuple]:
    claims = []
    for place, start, end, year, offset, where in ym._claims(outline, OPTIONS):
        paragraph = ym._paragraph(place)
        at = (paragraph.offset(start), paragraph.offset(end))
        claims.append((*at, start, end, year, offset, ym._where(outline, where)))
    return claims


def assert_same(outline: Outline) -> None:
    assert claimed(outline) == reference(outline), outline.source.path


def _outline(text: str) -> Outline:
    return build_outline(Source("t.txt", text))


def test_claims_match_the_reference_on_the_fixtures():
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(FIXTURES.rglob("*.md"))
    for path in paths:
        assert_same(build_outline(read_source(path)))


@needs_seeds
def test_claims_match_the_reference_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        assert_same(build_outline(read_source(path)))


@needs_corpus
def test_claims_match_the_reference_on_the_corpus():
    for entry in corpus():
        assert_same(_outline(entry["content"]))


_YEARS = ["2024", "2025", "２０２４", "二〇二四", "二○二五", "二零二三", "1999", "12024", "2024 "]
_AROUND = ["", "年", "年度", "—2025年", "至二〇二六年", "-", "～", "《", "》", "到", " ", "、"]
_piece = st.tuples(st.sampled_from(_AROUND), st.sampled_from(_YEARS), st.sampled_from(_AROUND))
_phrase = st.lists(_piece, min_size=1, max_size=3).map(lambda ps: "".join(map("".join, ps)))


@st.composite
def reports(draw: st.DrawFn) -> str:
    """A report whose title, opening and item headings name years with ranges and titles."""
    title = draw(_phrase) + "法治政府建设情况报告"
    opening = draw(_phrase) + "，我局坚持依法行政。现将" + draw(_phrase) + "年度工作报告如下。"
    headings = [
        f"一、{draw(_phrase)}推进法治政府建设的主要举措和成效",
        f"二、{draw(_phrase)}存在的不足和原因",
        f"三、{draw(_phrase)}党政主要负责人履行推进法治建设第一责任人职责情况",
        f"四、{draw(_phrase)}推进法治政府建设的主要安排",
    ]
    plans = draw(_phrase) + "，我局将继续推进。"
    return "\n".join([title, opening, *(h + "\n正文。" for h in headings), plans]) + "\n"


@settings(max_examples=300, deadline=None)
@given(reports())
def test_claims_match_the_reference_on_generated_reports(text: str) -> None:
    assert_same(_outline(text))
