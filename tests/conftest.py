"""Shared test helpers: lint a text, find the real texts in ../shared."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from lawlint.linter import LintResult, Selection, lint_source
from lawlint.registry import Rule, load_rules
from lawlint.source import Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpora" / "government_work_reports.jsonl"

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout (CI has it)"
)
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_file(), reason="../shared/corpora is not beside this checkout (CI has it)"
)


@cache
def all_rules() -> tuple[Rule, ...]:
    return tuple(load_rules())


def rule(name: str) -> Rule:
    return next(r for r in all_rules() if r.name == name)


def lint_text(
    text: str, *, profile: str | None = None, only: str | None = None, path: str = "test.txt"
) -> LintResult:
    """Lint ``text``; ``only`` restricts to one rule (enabled whatever its profile)."""
    rules = [rule(only)] if only else list(all_rules())
    selection = Selection(
        rules,
        profile or (rules[0].profiles[0] if only else None),
        frozenset([only]) if only else frozenset(),
    )
    return lint_source(Source(path=path, text=text), selection)


@cache
def corpus() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]
