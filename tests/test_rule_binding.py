"""lint_source runs each rule's check itself (looked up once per selection); Rule.run is
the per-rule path the benchmarks and check-rules use. Both must give the same diagnostics."""

from __future__ import annotations

import pickle

from lawlint.linter import Selection, lint_source
from lawlint.outline import build_outline
from lawlint.source import Source, read_source
from tests.conftest import FIXTURES, SEEDS, all_rules, needs_seeds


def _by_run(source: Source, selection: Selection, profile: str) -> list:
    outline = build_outline(source)
    found = [d for rule in selection.rules_for(profile) for d in rule.run(outline)]
    return sorted(found, key=lambda d: (d.start, d.end, d.code))


def _agree(sources: list[Source]) -> int:
    found = 0
    for profile in ("generic", "fazhi"):
        selection = Selection(all_rules(), profile=profile)
        for source in sources:
            diagnostics = lint_source(source, selection).diagnostics
            assert diagnostics == _by_run(source, selection, profile), source.path
            found += len(diagnostics)
    return found


def test_lint_source_gives_what_rule_run_gives_on_the_fixtures() -> None:
    sources = [read_source(path) for path in sorted(FIXTURES.rglob("*.txt"))]
    assert _agree(sources) > 0


@needs_seeds
def test_lint_source_gives_what_rule_run_gives_on_the_seeds() -> None:
    assert _agree([read_source(path) for path in sorted(SEEDS.glob("*.txt"))]) > 0


def test_a_used_selection_still_pickles() -> None:
    """Worker processes may receive a selection whose checks were looked up already."""
    selection = Selection(all_rules(), profile="fazhi")
    selection.checks_for("fazhi")
    copy = pickle.loads(pickle.dumps(selection))
    assert [rule for rule, _ in copy.checks_for("fazhi")] == selection.rules_for("fazhi")
