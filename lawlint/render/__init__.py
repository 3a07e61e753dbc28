"""Output formats: one module per format, each with ``render(reports, stream, options)``.

Renderers only present what the rules decided; they never filter or judge.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from lawlint.diagnostics import Severity
from lawlint.linter import LintResult

FORMATS = ("full", "concise", "json")


@dataclass(frozen=True, slots=True)
class FileReport:
    """One input: its lint result, or the one-line reason it could not be read."""

    path: str
    result: LintResult | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a human-facing renderer should look."""

    color: str = "auto"  # auto | always | never


Renderer = Callable[[Sequence[FileReport], TextIO, RenderOptions], None]


def renderer(name: str) -> Renderer:
    """The ``render`` function of format ``name`` (imported only when used)."""
    return importlib.import_module(f"lawlint.render.{name}_format").render


def counts(reports: Sequence[FileReport]) -> dict[Severity, int]:
    """Number of diagnostics of each severity across ``reports``."""
    totals = dict.fromkeys(Severity, 0)
    for report in reports:
        if report.result:
            for diagnostic in report.result.diagnostics:
                totals[diagnostic.severity] += 1
    return totals
