"""Renderers take reports as they are linted: read once, written as they come, not kept.

The command line hands a renderer a generator that lints each file when it is
asked for the next one, so that 10,000 reports never sit in memory together.
"""

from __future__ import annotations

import gc
import io
import weakref
from collections.abc import Iterator

import pytest

from lawlint.linter import LintResult
from lawlint.outline import build_outline
from lawlint.render import FORMATS, FileReport, RenderOptions, renderer
from lawlint.render import statistics as statistics_format
from lawlint.source import Source
from tests.report_samples import (
    FLAWED_TEXT,
    RULES,
    flawed_diagnostics,
    report,
    sample_reports,
)
from tests.test_full_format import odd_report

# Formats whose output for a file is written before the next file is read.
STREAMING = ("full", "concise", "json", "json-lines", "github", "gitlab")


def many_reports() -> list[FileReport]:
    reports = [*sample_reports(), odd_report()]
    for number in range(3):
        path = f"reports/第{number}份.txt"
        reports.append(report(path, FLAWED_TEXT, flawed_diagnostics()))
    return reports


class Once:
    """An iterable that may be iterated only once, like a run's stream of reports."""

    def __init__(self, reports: list[FileReport]) -> None:
        self.reports = reports
        self.used = False

    def __iter__(self) -> Iterator[FileReport]:
        assert not self.used, "iterated twice"
        self.used = True
        return iter(self.reports)


def rendered(name: str, reports) -> str:
    stream = io.StringIO()
    renderer(name)(reports, stream, RenderOptions(color="never", rules=RULES))
    return stream.getvalue()


@pytest.mark.parametrize("name", FORMATS)
def test_a_single_pass_gives_the_output_of_a_list(name: str) -> None:
    reports = many_reports()
    assert rendered(name, Once(reports)) == rendered(name, reports)


@pytest.mark.parametrize("name", FORMATS)
def test_no_reports(name: str) -> None:
    assert rendered(name, iter(())) == rendered(name, [])


@pytest.mark.parametrize("output_format", statistics_format.STATISTICS_FORMATS)
def test_statistics_in_a_single_pass(output_format: str) -> None:
    reports = many_reports()
    once, listed = io.StringIO(), io.StringIO()
    statistics_format.render(Once(reports), once, output_format)
    statistics_format.render(reports, listed, output_format)
    assert once.getvalue() == listed.getvalue()


@pytest.mark.parametrize("name", STREAMING)
def test_each_file_is_written_before_the_next_is_read(name: str) -> None:
    stream = io.StringIO()
    written = []

    def reports() -> Iterator[FileReport]:
        for number in range(3):
            written.append(len(stream.getvalue()))
            yield report(f"reports/{number}.txt", FLAWED_TEXT, flawed_diagnostics())

    renderer(name)(reports(), stream, RenderOptions(color="never", rules=RULES))
    assert written[0] < written[1] < written[2] < len(stream.getvalue())


class TrackedSource(Source):
    __slots__ = ("__weakref__",)


def tracked_report(path: str) -> FileReport:
    source = TrackedSource(path, FLAWED_TEXT)
    diagnostics = flawed_diagnostics()
    return FileReport(path, LintResult(source, build_outline(source), "fazhi", diagnostics))


@pytest.mark.parametrize("name", FORMATS)
def test_a_file_already_rendered_is_not_kept(name: str) -> None:
    """Formats that must see every file before writing keep what they print, not the files."""
    sources: list[weakref.ref] = []
    alive_at_end = []

    def reports() -> Iterator[FileReport]:
        for number in range(4):
            made = tracked_report(f"reports/{number}.txt")
            sources.append(weakref.ref(made.result.source))
            yield made
            del made
        gc.collect()
        alive_at_end.extend(ref() is not None for ref in sources)

    renderer(name)(reports(), io.StringIO(), RenderOptions(color="never", rules=RULES))
    # The last one is still the renderer's current report when it asks for more.
    assert alive_at_end == [False, False, False, True]
