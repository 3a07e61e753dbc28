"""Heading rules on the real texts in ../shared, pinned to results reviewed by reading them.

Seeds (five published 法治政府建设 reports): every heading diagnostic below was
checked against the text and is a real defect; nothing else may appear.

Corpus (72 国务院政府工作报告 and NPC resolutions, professionally edited): the
review found
- 2008 (row 33): 一、 and （六） followed by a space in the text — true;
- 2007 (row 35): （四） follows （二）: the （三） heading (节能降耗…) is missing from
  this copy of the text — true;
- 1955–1988 (rows 51–70): info-level heading-level-skip, once per pair of
  marker kinds: these reports predate GB/T 9704—2012 and reuse 一、 for lists
  nested inside 一、 or （一） parts, or put （１） directly under （三） — true
  statements about the order, reported as info so they never fail a run.
"""

from __future__ import annotations

import pytest

from lawlint.markers import chinese_numeral
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, corpus, lint_text, needs_corpus, needs_seeds

HEADING_RULES = {
    "heading-bracket-width",
    "heading-style-mixed",
    "heading-sequence",
    "heading-marker-form",
    "heading-level-skip",
}

SEED_FINDINGS = {
    "000_c62efaf39f3f1667.txt": [(17, "heading-marker-form")],
    "001_862ba2f9cd398234.txt": [
        (43, "heading-bracket-width"),
        (43, "heading-marker-form"),
        (47, "heading-bracket-width"),
        (47, "heading-marker-form"),
        (51, "heading-bracket-width"),
        (51, "heading-marker-form"),
    ],
    "002_6cb171ebded7a82d.txt": [],
    "003_5ae523c58c5ad487.txt": [
        (14, "heading-level-skip"),
        (14, "heading-marker-form"),
        (14, "heading-style-mixed"),
        (15, "heading-marker-form"),
        (15, "heading-style-mixed"),
    ],
    "004_46c896ac37c490f9.txt": [],
}

CORPUS_FINDINGS = [
    (33, 9, "heading-marker-form"),
    (33, 239, "heading-marker-form"),
    (35, 132, "heading-sequence"),
    (51, 127, "heading-level-skip"),
    (52, 177, "heading-level-skip"),
    (53, 73, "heading-level-skip"),
    (53, 92, "heading-level-skip"),
    (54, 83, "heading-level-skip"),
    (55, 150, "heading-level-skip"),
    (56, 143, "heading-level-skip"),
    (57, 167, "heading-level-skip"),
    (58, 79, "heading-level-skip"),
    (58, 142, "heading-level-skip"),
    (67, 285, "heading-level-skip"),
    (70, 243, "heading-level-skip"),
    (70, 309, "heading-level-skip"),
]


def heading_findings(result) -> list[tuple[int, str]]:
    return sorted(
        (result.source.position(d.start).line, d.rule)
        for d in result.diagnostics
        if d.rule in HEADING_RULES
    )


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_heading_findings_are_the_reviewed_ones(name: str) -> None:
    from lawlint.linter import Selection, lint_source
    from tests.conftest import all_rules

    result = lint_source(read_source(SEEDS / name), Selection(all_rules()))
    assert heading_findings(result) == SEED_FINDINGS[name]


@needs_seeds
def test_seed_headings_behind_bookmarks_are_found() -> None:
    from lawlint.outline import build_outline

    for name, line in (("003_5ae523c58c5ad487.txt", 9), ("004_46c896ac37c490f9.txt", 6)):
        outline = build_outline(read_source(SEEDS / name))
        lines = [s.heading.line + 1 for s in outline.walk()]
        assert line in lines, name


@needs_seeds
def test_seed_pdf_broken_paragraph_is_one_paragraph() -> None:
    from lawlint.outline import build_outline

    outline = build_outline(read_source(SEEDS / "001_862ba2f9cd398234.txt"))
    texts = [p.text for s in outline.walk() for p in s.body]
    assert any("法治政府建设相关会议" in text for text in texts)


@needs_corpus
def test_corpus_heading_findings_are_the_reviewed_ones() -> None:
    found = []
    for index, row in enumerate(corpus()):
        result = lint_text(row["content"], profile="generic", path=f"corpus[{index}]")
        found += [(index, line, rule) for line, rule in heading_findings(result)]
    assert found == CORPUS_FINDINGS


@needs_corpus
def test_corpus_texts_have_sensible_outlines() -> None:
    from lawlint.outline import build_outline

    reports = [row for row in corpus() if row.get("year") and int(row["year"]) >= 2013]
    for row in reports:
        outline = build_outline(Source("corpus", row["content"]))
        top = [s.heading.marker.written for s in outline.sections]
        assert len(top) >= 2, row["title"]
        assert top == [chinese_numeral(n) + "、" for n in range(1, len(top) + 1)], row["title"]
