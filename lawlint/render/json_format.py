"""``--format json``: a JSON array of diagnostics, for scripts and other tools.

Columns count characters, 1-based; ``end_line``/``end_column`` point just past
the flagged text. ``unit`` says whether lines are file lines or, for formats
lawlint extracts text from, paragraph numbers.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from typing import TextIO

from lawlint.diagnostics import Diagnostic, Fix, Severity
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


_json_string = json.JSONEncoder(ensure_ascii=False).encode
_SEVERITIES = {severity: _json_string(str(severity)) for severity in Severity}
_ROW_SEVERITIES = {int(severity): text for severity, text in _SEVERITIES.items()}


class DiagnosticText:
    """The JSON text of ``diagnostic_data``, written without building the dict.

    A folder's thousands of findings repeat a few hundred rule names, messages
    and help texts; each distinct string is escaped once and the objects are
    filled into a fixed template, which costs a fifth of building a dict and
    encoding it (the text is the same as json.dumps(..., ensure_ascii=False)
    gives, which the tests check on hostile strings).
    """

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._tables: dict[int, tuple[dict[int, str], dict[int, str]]] = {}

    def string(self, text: str) -> str:
        """``text`` as a JSON string literal, escaped once per distinct text."""
        encoded = self._strings.get(text)
        if encoded is None:
            encoded = self._strings[text] = _json_string(text)
        return encoded

    def file(self, path: str, source: Source, diagnostics: Iterable[Diagnostic]) -> list[str]:
        """The JSON text of each of a file's diagnostics."""
        path_text = _json_string(path)
        unit = self.string(source.unit)
        if getattr(diagnostics, "rows", None) is not None:  # recalled: StoredDiagnostics
            with contextlib.suppress(KeyError):  # an offset without a stored place
                return self._stored(path_text, unit, source.places, diagnostics)
        return [self._diagnostic(path_text, unit, source, d) for d in diagnostics]

    def _stored(
        self, path: str, unit: str, places: dict[int, tuple[int, int]], diagnostics
    ) -> list[str]:
        """The same text written from a recalled file's stored rows and places.

        Most findings of a warm run take this way, which makes no Diagnostic
        or Position objects (see ``lawlint.cache.StoredDiagnostics``).
        """
        text = diagnostics.strings
        encoded = self._encoded(text)
        items = []
        for rule, code, severity, message, help_, start, end, fix in diagnostics.rows:
            (line, column), (end_line, end_column) = places[start], places[end]
            fix = "null" if fix is None else self._stored_fix(places, text, *fix)
            items.append(
                f'{{"path": {path}, "line": {line}, "column": {column}, '
                f'"end_line": {end_line}, "end_column": {end_column}, "unit": {unit}, '
                f'"code": {encoded[code]}, "rule": {encoded[rule]}, '
                f'"severity": {_ROW_SEVERITIES[severity]}, '
                f'"message": {encoded[message]}, "help": {encoded[help_]}, '
                f'"fix": {fix}}}'
            )
        return items

    def _encoded(self, text: dict[int, str]) -> dict[int, str]:
        """A cache string table's strings as JSON literals, by index, made once per table.

        A table serves a few hundred files, so this beats escaping by text per
        use (~10% of the JSON text of a warm run, measured). The table is kept
        with them so that its id is not reused by another while they are.
        """
        found = self._tables.get(id(text))
        if found is None:
            string = self.string
            literals = {number: string(item) for number, item in text.items()}
            found = self._tables[id(text)] = (text, literals)
        return found[1]

    def _stored_fix(
        self, places: dict[int, tuple[int, int]], text: dict[int, str], title, safe, edits
    ) -> str:
        edits = ", ".join(
            self._edit_text(*places[start], *places[end], text[replacement])
            for start, end, replacement in edits
        )
        return self._fix_text(text[title], safe, edits)

    def _diagnostic(self, path: str, unit: str, source: Source, diagnostic: Diagnostic) -> str:
        start, end = source.position(diagnostic.start), source.position(diagnostic.end)
        string = self.string
        fix = "null" if diagnostic.fix is None else self._fix(source, diagnostic.fix)
        return (
            f'{{"path": {path}, "line": {start.line}, "column": {start.column}, '
            f'"end_line": {end.line}, "end_column": {end.column}, "unit": {unit}, '
            f'"code": {string(diagnostic.code)}, "rule": {string(diagnostic.rule)}, '
            f'"severity": {_SEVERITIES[diagnostic.severity]}, '
            f'"message": {string(diagnostic.message)}, "help": {string(diagnostic.help)}, '
            f'"fix": {fix}}}'
        )

    def _fix(self, source: Source, fix: Fix) -> str:
        edits = ", ".join(
            self._edit(source, edit.start, edit.end, edit.replacement) for edit in fix.edits
        )
        return self._fix_text(fix.title, fix.safe, edits)

    def _fix_text(self, title: str, safe: bool, edits: str) -> str:
        applicability = '"safe"' if safe else '"unsafe"'
        return (
            f'{{"title": {self.string(title)}, "applicability": {applicability}, '
            f'"edits": [{edits}]}}'
        )

    def _edit(self, source: Source, start: int, end: int, replacement: str) -> str:
        first, last = source.position(start), source.position(end)
        return self._edit_text(first.line, first.column, last.line, last.column, replacement)

    def _edit_text(
        self, line: int, column: int, end_line: int, end_column: int, replacement: str
    ) -> str:
        return (
            f'{{"line": {line}, "column": {column}, '
            f'"end_line": {end_line}, "end_column": {end_column}, '
            f'"content": {self.string(replacement)}}}'
        )


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    rows = JsonArray(stream)
    text = DiagnosticText()
    for report in reports:
        if report.result:
            rows.add_text(text.file(report.path, report.result.source, report.result.diagnostics))
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
        self.add_text([self._ENCODER.encode(item)])

    def add_text(self, items: Iterable[str]) -> None:
        """Add items that are JSON text already, in one write."""
        text = ",\n  ".join(items)
        if text:
            self.stream.write(("\n  " if self.empty else ",\n  ") + text)
            self.empty = False

    def close(self) -> None:
        """End the array and the output's last line."""
        self.stream.write("]\n" if self.empty else "\n]\n")
