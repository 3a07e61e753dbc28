"""The text rules on the real texts in ../shared, pinned to results reviewed by reading them.

Seeds (five published 法治政府建设 reports). Every finding below was checked
against the text and is a real defect:
- 000 line 12: 推进法制政府建设 (法治政府);
- 003 line 9 and 004 line 6: [bookmark: _GoBack] before the heading marker;
- 004 line 8: 扫黑除恶争斗整治实施方案 (斗争); line 12: 宣传学习近平总书记 (a dropped
  习); line 15: 法治审核 (the term is 法制审核); line 17: 以法制思维 (法治思维).
The right terms in the seeds stay silent: 法制审核 (001 lines 27 and 39, 003
line 9), 法制机构 (003 line 8), 区法制办 (004 line 4), 会前学法制度 (001 line 33),
学法用法制度 (003 line 6), 《…第一责任人职责清单》 (002 line 6, another document).

Corpus (72 国务院政府工作报告 and NPC resolutions, 1954–2025): nothing. The
review looked at every place a rule could fire: 法制 appears 172 times in the
pre-1997 sense (法制建设, 法制观念, 法制化轨道) and is never flagged; ○○ occurs
only as the zeros of 二○○○年; the zero-width characters are either alone on a
line or (2015) a U+200D after 各位代表： at the end of a line, invisible and
splitting no word; no 《》 title is near a known instrument.
"""

from __future__ import annotations

import pytest

from lawlint.linter import Selection, lint_source
from lawlint.source import read_source
from tests.conftest import SEEDS, all_rules, corpus, lint_text, needs_corpus, needs_seeds

TEXT_RULES = {"fixed-phrase", "instrument-name", "conversion-artifact", "template-placeholder"}

SEED_FINDINGS = {
    "000_c62efaf39f3f1667.txt": [(12, "fixed-phrase", "法制政府")],
    "001_862ba2f9cd398234.txt": [],
    "002_6cb171ebded7a82d.txt": [],
    "003_5ae523c58c5ad487.txt": [(9, "conversion-artifact", "[bookmark: _GoBack]")],
    "004_46c896ac37c490f9.txt": [
        (6, "conversion-artifact", "[bookmark: _GoBack]"),
        (8, "fixed-phrase", "扫黑除恶争斗"),
        (12, "fixed-phrase", "学习近平"),
        (15, "fixed-phrase", "法治审核"),
        (17, "fixed-phrase", "法制思维"),
    ],
}


def text_findings(result) -> list[tuple[int, str, str]]:
    text = result.source.text
    return [
        (result.source.position(d.start).line, d.rule, text[d.start : d.end])
        for d in result.diagnostics
        if d.rule in TEXT_RULES
    ]


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_text_findings_are_the_reviewed_ones(name: str) -> None:
    result = lint_source(read_source(SEEDS / name), Selection(all_rules()))
    assert text_findings(result) == SEED_FINDINGS[name]


@needs_seeds
def test_seed_fixes_give_the_right_text() -> None:
    source = read_source(SEEDS / "004_46c896ac37c490f9.txt")
    result = lint_source(source, Selection(all_rules()))
    text = source.text
    edits = sorted(
        (edit for d in result.diagnostics if d.rule in TEXT_RULES for edit in d.fix.edits),
        key=lambda edit: edit.start,
        reverse=True,
    )
    for edit in edits:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    for right in ("宣传学习习近平总书记", "扫黑除恶斗争整治", "法制审核等", "以法治思维推动"):
        assert right in text
    assert "[bookmark:" not in text
    assert text.splitlines()[5].startswith("（一）加强法治建设领导。")


@needs_corpus
def test_corpus_has_no_text_findings() -> None:
    found = []
    for index, row in enumerate(corpus()):
        result = lint_text(row["content"], profile="generic", path=f"corpus[{index}]")
        found += [(index, *finding) for finding in text_findings(result)]
    assert found == []
