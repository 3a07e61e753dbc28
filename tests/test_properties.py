"""Properties that hold for any text: no exception, ranges inside the text, an ordered outline.

Texts are lines drawn from the pieces reports are made of (markers, numbers,
the words the rules look for, every kind of line end and blank) mixed with
arbitrary Unicode, so that the rules' own paths are reached, not only the
"nothing matched" one. Example counts are modest so the file runs in seconds.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.cache import ResultCache
from lawlint.linter import Selection, lint_source
from lawlint.outline import Section, build_outline
from lawlint.source import Source, SourceError, decode
from tests.conftest import all_rules

MARKERS = [
    *(
        "",
        "",
        "",
        "一、",
        "二、",
        "三、",
        "十、",
        "一.",
        "一，",
        "（一）",
        "（二）",
        "(三)",
        "（一）、",
    ),
    *("1.", "2.", "1、", "3．", "（1）", "(2)", "①", "②", "⑳", "[bookmark: _GoBack]", "\u3000一、"),
]
WORDS = [
    *(
        "。",
        "，",
        "；",
        "：",
        "、",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "%",
        "％",
        " ",
        "\u3000",
        "\t",
    ),
    *("2024年", "2025年度", "12", "1.5万", "100%", "307", "二十余", "共", "其中", "件", "次"),
    *("办结率", "合格率", "分别为", "包括", "一是", "二是", "等", "余", "约", "XX局", "××"),
    *("法治政府建设", "法制政府", "学习近平", "第一责任人", "存在的不足和原因", "主要安排"),
    *("主要举措和成效", "下一步工作打算", "情况报告", "《中华人民共和国行政处罚法》", "\ufeff"),
    *("报告", "深入学习贯彻习近平法治思想", "严格规范公正文明执法", "1 9 9 3", "6 场", "\u00a0"),
]
ENDS = ["\n", "\n", "\n\n", "\r\n", "\r", ""]
LINES = st.tuples(
    st.sampled_from(MARKERS),
    st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=8).map("".join),
    st.sampled_from(ENDS),
).map("".join)
TEXTS = st.lists(LINES, max_size=25).map("".join)
PROFILES = st.sampled_from([None, "fazhi", "generic"])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _selection(profile: str | None) -> Selection:
    return Selection(all_rules(), profile)


@FAST
@given(TEXTS, PROFILES)
def test_linting_any_text_keeps_every_range_inside_it(text: str, profile: str | None) -> None:
    result = lint_source(Source("t.txt", text), _selection(profile))
    for diagnostic in result.diagnostics:
        assert 0 <= diagnostic.start <= diagnostic.end <= len(text), diagnostic
        for edit in diagnostic.fix.edits if diagnostic.fix else ():
            assert 0 <= edit.start <= edit.end <= len(text), edit
        position = result.source.position(diagnostic.start)
        assert 1 <= position.line <= result.source.line_count
    starts = [(d.start, d.end, d.code) for d in result.diagnostics]
    assert starts == sorted(starts)


@FAST
@given(TEXTS, PROFILES)
def test_linting_is_deterministic(text: str, profile: str | None) -> None:
    first = lint_source(Source("t.txt", text), _selection(profile))
    second = lint_source(Source("t.txt", text), _selection(profile))
    assert first.diagnostics == second.diagnostics and first.profile == second.profile


@FAST
@given(TEXTS)
def test_the_outline_covers_the_text_in_order(text: str) -> None:
    outline = build_outline(Source("t.txt", text))
    sections = list(outline.walk())
    starts = [section.start for section in sections]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for section in sections:
        _check_section(section, text)
    for top in outline.sections:
        assert top.parent is None
    paragraphs = [*outline.preamble, *(p for s in sections for p in s.body)]
    if outline.title:
        paragraphs.append(outline.title)
    for paragraph in paragraphs:
        _check_paragraph(paragraph, text)


def _check_section(section: Section, text: str) -> None:
    heading = section.heading
    assert 0 <= section.start < section.end <= len(text) or section.start == section.end
    assert section.end >= section.start
    assert text[heading.title_start : heading.title_end] == heading.title
    assert text[heading.start :].startswith(heading.marker.written)
    for child in section.children:
        assert child.parent is section
        assert section.start < child.start and child.end <= section.end
    for paragraph in section.body:
        assert section.start <= paragraph.start and paragraph.end <= section.end


def _check_paragraph(paragraph, text: str) -> None:
    """Every character of a joined paragraph maps back to the same character in the source."""
    for index, char in enumerate(paragraph.text):
        assert text[paragraph.offset(index)] == char


@settings(max_examples=40, deadline=None)
@given(text=TEXTS, profile=PROFILES)
def test_a_cached_result_equals_the_fresh_one(tmp_path_factory, text: str, profile) -> None:
    source = Source("t.txt", text)
    fresh = lint_source(source, _selection(profile))
    folder = tmp_path_factory.mktemp("cache")
    cache = ResultCache(folder, "k")
    cache.store([fresh])
    cache.save()
    again = ResultCache(folder, "k").lookup(Source("elsewhere.txt", text))
    assert again is not None and again.cached
    assert again.diagnostics == fresh.diagnostics and again.profile == fresh.profile


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200) | TEXTS.map(lambda text: text.encode("utf-8")))
def test_decoding_any_bytes_is_text_or_a_source_error(data: bytes) -> None:
    try:
        text, _, _ = decode(data)
    except SourceError as error:
        assert str(error) and "\n" not in str(error)
    else:
        source = Source("t.txt", text)
        lines = [source.line_text(index) for index in range(source.line_count)]
        assert lines == re.split(r"\r\n|\r|\n", text)
