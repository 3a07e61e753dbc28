"""``--format json``: a JSON array of diagnostics, for scripts and other tools.

Columns count characters, 1-based; ``end_line``/``end_column`` point just past
the flagged text. ``unit`` says whether lines are file lines or, for formats
lawlint extracts text from, paragraph numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from lawlint.diagnostics import Diagnostic
from lawlint.render import FileReport, RenderOptions
from lawlint.source import Source


def diagnostic_data(path: str, source: Source, diagnostic: Diagnostic) -> dict:
    """One diagnostic as plain data (shared by the machine-readable formats)."""
    start, end = source.position(diagnostic.start), source.position(diagnostic.end)
    fix = diagnostic.fix
    return {
        "path": path,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "unit": source.unit,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "help": diagnostic.help,
        "fix": None
        if fix is None
        else {
            "title": fix.title,
            "applicability": "safe" if fix.safe else "unsafe",
            "edits": [
                _edit_data(source, edit.start, edit.end, edit.replacement) for edit in fix.edits
            ],
        },
    }


def _edit_data(source: Source, start: int, end: int, replacement: str) -> dict:
    first, last = source.position(start), source.position(end)
    return {
        "line": first.line,
        "column": first.column,
        "end_line": last.line,
        "end_column": last.column,
        "content": replacement,
    }


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    rows = JsonArray(stream)
    for report in reports:
        if report.result:
            source = report.result.source
            for diagnostic in report.result.diagnostics:
                rows.add(diagnostic_data(report.path, source, diagnostic))
    rows.close()


class JsonArray:
    """A JSON array written an item at a time, one item per line.

    One compact line per item is encoded by json's C encoder (``indent`` would
    take the pure-Python one, four times slower on a folder's thousands of
    findings) and suits line tools (grep, diff) as well as JSON parsers.
    """

    _ENCODER = json.JSONEncoder(ensure_ascii=False)

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.empty = True
        stream.write("[")

    def add(self, item: object) -> None:
        self.stream.write(("\n  " if self.empty else ",\n  ") + self._ENCODER.encode(item))
        self.empty = False

    def close(self) -> None:
        """End the array and the output's last line."""
        self.stream.write("]\n" if self.empty else "\n]\n")
