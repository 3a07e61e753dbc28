"""An outline the runner drops is freed at once: no work left for the cyclic collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lawlint.linter import Selection
from lawlint.outline import build_outline
from lawlint.registry import load_rules
from lawlint.runner import Context, Job, lint_job
from lawlint.source import Source
from tests.conftest import FIXTURES, SEEDS, needs_seeds

REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))
NESTED = (
    "法治政府建设年度报告\n一、主要举措\n（一）完善制度\n"
    "1.出台办法。\n（1）细则。\n二、不足\n内容。\n"
)


@contextmanager
def _collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _cyclic_garbage_after_linting(paths: list[Path], json_text: bool) -> int:
    """Objects only the cyclic collector could free after linting ``paths`` as the pool does."""
    context = Context(Selection(load_rules(), profile="fazhi"), None, json_text)
    lint_job(Job(str(paths[0])), context, outline=False)  # memos of the first run are kept
    with _collector_off():
        for path in paths:
            report = lint_job(Job(str(path)), context, outline=False)
            assert report.result is not None and report.result._outline is None
        return gc.collect()


@pytest.mark.parametrize("json_text", [False, True])
def test_a_dropped_outline_leaves_no_cycles(json_text: bool) -> None:
    assert _cyclic_garbage_after_linting(REPORTS, json_text) == 0


@needs_seeds
def test_a_dropped_outline_leaves_no_cycles_on_real_reports() -> None:
    assert _cyclic_garbage_after_linting(sorted(SEEDS.glob("*.txt")), json_text=True) == 0


def test_release_cuts_parents_and_memos() -> None:
    outline = build_outline(Source("r.txt", NESTED))
    outline.derived("held", lambda held: held)  # a memo that holds its outline
    tops = [section.parent is None for section in outline.walk()]
    assert tops == [True, False, False, False, True]
    outline.release()
    assert all(section.parent is None for section in outline.walk())
    assert outline.derived("held", lambda _: "computed again") == "computed again"


def test_a_kept_outline_is_whole() -> None:
    context = Context(Selection(load_rules(), profile="fazhi"), None, True)
    report = lint_job(Job(str(REPORTS[0])), context, outline=True)
    sections = list(report.result.outline.walk())
    assert any(section.parent is not None for section in sections)
