"""Lint many files: read each, lint it, and collect a FileReport per input."""

from __future__ import annotations

from collections.abc import Iterable

from lawlint.linter import Selection, lint_source
from lawlint.render import FileReport
from lawlint.source import SourceError, read_source


def lint_file(path: str, selection: Selection) -> FileReport:
    """Lint one file; an unreadable file becomes a report with its one-line error."""
    try:
        return FileReport(path, lint_source(read_source(path), selection))
    except SourceError as error:
        return FileReport(path, error=str(error))


def lint_files(inputs: Iterable[tuple[str, str | None]], selection: Selection) -> list[FileReport]:
    """Lint every (path, error) input in order; inputs that already failed stay failed."""
    return [
        FileReport(path, error=problem) if problem else lint_file(path, selection)
        for path, problem in inputs
    ]
