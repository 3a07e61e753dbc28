"""The fast paths of the fazhi item classification and rules, against plain references.

The classification skips work that cannot change its answer and the duty search
of responsible-content-thin reads the text once for all duties; each is compared
here with the straightforward way on the fixtures, the seeds, the corpus texts
and crafted text where wordings overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks.year_mismatch import heading_year, opening_year, stated_year
from lawlint.fazhi_items import (
    _CLOSED,
    _PLANS_WORDS,
    _PRIORITY,
    _RESULTS_WORDS,
    ORDER,
    Wordings,
    classify,
)
from lawlint.outline import Outline, Section, build_outline
from lawlint.source import Source, read_source
from tests.conftest import FIXTURES, SEEDS, corpus, needs_corpus, needs_seeds, rule

SPECS = rule("missing-measures-section").options.specs
DUTIES = rule("responsible-content-thin").options
_GAP = "[^，。；：！？,.;:!?\r\n]{0,12}"
_BLANKS = re.compile(r"[ \t\u3000\u00a0]+")
_PROSE_MEASURES_CHARS = 100


def _pattern(wordings: tuple[str, ...]) -> re.Pattern[str] | None:
    """Wordings as one plain alternation, each gap "…" a short run inside a clause."""
    if not wordings:
        return None
    parts = ([re.escape(part) for part in w.split("…") if part] for w in wordings)
    return re.compile("|".join(_GAP.join(p) for p in parts))


# The classification's own patterns: where a match ends depends on how the wordings
# are merged (tested in test_text_rules_fast), not on how the sections are visited.
HEADINGS = {key: spec.heading_pattern for key, spec in SPECS.items()}
MENTIONS = {key: spec.mention_pattern for key, spec in SPECS.items()}


# --- a reference classification: every section visited, every text searched ----------


def _item(title: str) -> str | None:
    for key in _PRIORITY:
        if HEADINGS[key] and HEADINGS[key].search(_BLANKS.sub("", title)):
            return key
    return None


def _depth(section: Section) -> int:
    return 0 if section.parent is None else 1 + _depth(section.parent)


def _next_year_plans(outline: Outline) -> list[Section]:
    """Top-level sections after the first that name the report year + 1 and a plans word."""
    year = stated_year(outline)
    plans = []
    for section in outline.sections[1:]:
        title = _BLANKS.sub("", section.heading.title)
        named = heading_year(title)
        if (
            year is not None
            and _item(title) in (None, "measures")
            and named is not None
            and named[2] == year + 1
            and _PLANS_WORDS.search(title[named[1] :])
            and not _RESULTS_WORDS.search(title)
        ):
            plans.append(section)
    return plans


def _next_year_opening(outline: Outline) -> tuple | None:
    year = stated_year(outline)
    for paragraph in outline.running_text():
        named = opening_year(paragraph.text)
        if year is not None and named is not None and named[2] == year + 1:
            start, end, _ = named
            if "将" in paragraph.text[end:].split("。", 1)[0]:
                return paragraph.offset(start), paragraph.offset(end), start
    return None


def _labelled(
    sections: list[Section], context: str | None, plans: list[Section]
) -> Iterator[tuple[Section, str]]:
    for section in sections:
        key = None if context in _CLOSED else _item(section.heading.title)
        if section in plans:
            key = "plans"
        if key:
            yield section, key
        yield from _labelled(section.children, key or context, plans)


def _first(outline: Outline, pattern: Wordings | None, bodies: bool) -> tuple | None:
    """(source start, source end, index in paragraph) of the first match in document order."""
    if pattern is None:
        return None
    paragraphs = list(outline.preamble) if bodies else []
    for section in outline.walk():
        paragraphs.append(section.title_paragraph)
        paragraphs += section.body if bodies else []
    for paragraph in paragraphs:
        if hit := pattern.search(paragraph.text):
            return paragraph.offset(hit.start()), paragraph.offset(hit.end()), hit.start()
    return None


def reference(outline: Outline) -> dict[str, tuple]:
    """Per item: (ids of its sections, thematic, mention span) by the plain algorithm."""
    plans = _next_year_plans(outline)
    labelled = list(_labelled(outline.sections, None, plans))
    result = {}
    for key in ORDER:
        sections = [s for s, k in labelled if k == key]
        top = min(map(_depth, sections), default=0)
        sections = [s for s in sections if _depth(s) == top]
        thematic, mention = False, None
        if key == "measures" and not sections:
            sections = [
                s for s in outline.sections if _item(s.heading.title) is None and s not in plans
            ]
            thematic = bool(sections)
            prose = outline.preamble[1:]
            if not sections and sum(len(p.text) for p in prose) >= _PROSE_MEASURES_CHARS:
                mention = (prose[0].start, prose[0].end, 0)
        if not sections and mention is None:
            hits = [_first(outline, HEADINGS[key], False), _first(outline, MENTIONS[key], True)]
            mention = min((h for h in hits if h), key=lambda h: h[0], default=None)
            if key == "plans" and mention is None:
                mention = _next_year_opening(outline)
        result[key] = ([id(s) for s in sections], thematic, mention)
    return result


def classified(outline: Outline) -> dict[str, tuple]:
    found = classify(outline, SPECS).found
    result = {}
    for key in ORDER:
        item = found[key]
        mention = item.mention and (item.mention.start, item.mention.end, item.mention.index)
        result[key] = ([id(s) for s in item.sections], item.thematic, mention)
    return result


# --- a reference duty search: each duty's wordings searched on their own -------------


DUTY_PATTERNS = {duty: _pattern(tuple(wordings)) for duty, wordings in DUTIES.duties.items()}


def reference_duties(text: str) -> list[str]:
    return [duty for duty, pattern in DUTY_PATTERNS.items() if pattern.search(text)]


def assert_same_duties(text: str) -> None:
    """The rule's answer is the same: the same duties when too few, enough when enough."""
    expected, named = reference_duties(text), DUTIES.patterns.occurring(text, DUTIES.minimum)
    if len(expected) < DUTIES.minimum:
        assert named == expected, text
    else:
        assert len(named) >= DUTIES.minimum and set(named) <= set(expected), text


# --- the texts ------------------------------------------------------------------------


def _outlines(texts: list[str]) -> list[Outline]:
    return [build_outline(Source("t.txt", text)) for text in texts]


def fixture_outlines() -> list[Outline]:
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(FIXTURES.rglob("*.md"))
    return [build_outline(read_source(path)) for path in paths]


# Items nested at several depths, closed parts whose sub-headings name other items,
# headings naming two items, blanks inside titles, items only mentioned in passing.
CRAFTED = [
    "2024年法治政府建设情况报告\n一、主要举措和成效\n（一）存在的问题\n1.下一步工作打算\n"
    "二、存在的问题\n（一）主要负责人履行法治建设职责情况\n三、其他事项\n（一）下一步打算\n",
    "报告\n一、强化组织领导\n（一）存在的问题\n（二）下一步\n1.存在的不足\n二、规范执法\n"
    "1.主要负责人履职情况\n（一）其他需要报告的情况\n",
    "报告\n一、存在的问题及下一步打算\n问题很多。\n二、其他 情况\n下一步，我局将改进。\n",
    "报告\n2024年，我局推进依法行政。\n"
    + "全年开展执法检查120次，" * 12
    + "\n一、第 一 责 任 人\n",
    "报告\n一、重点工作\n局长认真履行第一责任人职责。仍存在短板。\n（一）明年，继续努力\n",
    "报告\n一、主要措施\n（一）工作开展情况\n（二）主要成效\n1.存在问题\n二、下步工作安排\n",
    "报告\n开头一段。\n第二段还存在不足之处。\n第三段，下一年度将继续。\n",
    "报告\n一、主要\u3000举措\n二、存在\t的\u00a0问题\n三、下 一 步\n四、其他\u3000需要报告\n",
    "2024年报告\n一、强化领导\n（一）2025年工作重点\n二、2025年主要举措\n（一）存在的问题\n"
    "三、2025 年工作要点\n四、2025年主要举措和成效\n五、2026年工作重点\n",
    "2024年报告\n一、存在的问题\n二、2025年工作举措\n（一）第一责任人\n",
    "报告\n2024年，我局推进依法行政。\n2025年1月，我局将检查。\n2025年，我局将继续。\n",
    "2024年报告\n2025年，我局将继续。\n一、2025年重点任务\n",
]


def all_outlines() -> list[Outline]:
    outlines = fixture_outlines() + _outlines(CRAFTED)
    if SEEDS.is_dir():
        outlines += [build_outline(read_source(path)) for path in sorted(SEEDS.glob("*.txt"))]
    return outlines


# --- the tests ------------------------------------------------------------------------


def test_classification_matches_the_reference_on_fixtures_and_crafted_reports():
    for outline in fixture_outlines() + _outlines(CRAFTED):
        assert classified(outline) == reference(outline), outline.source.path


@needs_seeds
def test_classification_matches_the_reference_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        outline = build_outline(read_source(path))
        assert classified(outline) == reference(outline), path.name


@needs_corpus
def test_classification_matches_the_reference_on_the_corpus():
    for entry in corpus():
        outline = build_outline(Source("corpus.txt", entry["content"]))
        assert classified(outline) == reference(outline), entry["title"]


def test_duties_match_the_reference_on_every_paragraph_and_section():
    for outline in all_outlines():
        for paragraph in outline.paragraphs():
            assert_same_duties(paragraph.text)
        for section in outline.walk():
            assert_same_duties(outline.section_text(section))


@needs_corpus
def test_duties_match_the_reference_on_the_corpus():
    for entry in corpus():
        for paragraph in entry["content"].split("\n"):
            assert_same_duties(paragraph)


@pytest.mark.parametrize(
    "text",
    [
        "法治培训部署",  # 学法 and 研究部署 start at the same place
        "局长亲自督促",  # 督促 (督促检查) starts inside 亲自督 (亲自抓)
        "带头述法治讲座",  # 法治讲座 (学法) starts inside 述法
        "述职法治述职",  # 述法 twice over, overlapping
        "法治讲座，法治工作述职",
        "学习法律法规，听取汇报",
        "学习" + "很" * 12 + "法律",
        "学习" + "很" * 13 + "法律，督查",
        "学习，法律；督促",
        "研究部署法治工作，研究解决重大问题，依法决策，述法，督促，亲自抓，出庭应诉",
        "",
    ],
)
def test_duties_where_wordings_overlap_or_stop_at_the_gap(text):
    assert_same_duties(text)


_DUTY_PIECES = [
    *"法治学习部署述职讲座培训《决策督促，。",
    "合法性审查",
    "很" * 5,
    "听取",
    "汇报",
    "亲自",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DUTY_PIECES), max_size=30))
def test_duties_match_the_reference_on_generated_text(pieces):
    assert_same_duties("".join(pieces))
