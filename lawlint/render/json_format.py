"""``--format json``: a JSON array of diagnostics, for scripts and other tools.

Columns count characters, 1-based; ``end_line``/``end_column`` point just past
the flagged text. ``unit`` says whether lines are file lines or, for formats
lawlint extracts text from, paragraph numbers.

A file name that is not UTF-8 (os.fsdecode's lone surrogates) is written with
``\\udcNN`` escapes, as the baseline writes it: the output stays UTF-8, Python's
json reads the escapes back as the name os.fsencode turns into the file's own
bytes, JavaScript keeps them, and jq shows U+FFFD rather than refusing the
whole document.
"""

from __future__ import annotations

import codecs
import io
import json
import os
from collections.abc import Iterable
from typing import TextIO

from lawlint.diagnostics import Diagnostic, Fix, Severity
from lawlint.render import LONE_SURROGATE, FileReport, RenderOptions
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


def escaped_surrogates(json_text: str) -> str:
    """``json_text`` with each lone surrogate as the ``\\uXXXX`` escape ensure_ascii writes.

    Outside strings JSON text has none, so only string contents change.
    """
    if json_text.isascii() or not LONE_SURROGATE.search(json_text):
        return json_text
    return LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", json_text)


def _json_path(path: str) -> str:
    return escaped_surrogates(_json_string(path))


_SEVERITIES = {severity: _json_string(str(severity)) for severity in Severity}


# Starts each object's text in a file's `DiagnosticText.tails`, where its path
# goes. JSON text never holds a raw NUL (json escapes it as \u0000).
MARK = "\x00"
_MARK_BYTES = MARK.encode()


class TextedDiagnostics(list):
    """A freshly linted file's diagnostics with their JSON text (``json_text``, see `tails`).

    Made where the file is linted (a worker, for most of a folder) when the run
    writes JSON, so that the renderer only adds the path, and the cache stores
    the text for the next run to write as it is.
    """

    __slots__ = ("json_text",)


class DiagnosticText:
    """The JSON text of ``diagnostic_data``, written without building the dict.

    A folder's thousands of findings repeat a few hundred rule names, messages
    and help texts; each distinct string is escaped once and the objects are
    filled into a fixed template, which costs a fifth of building a dict and
    encoding it (the text is the same as json.dumps(..., ensure_ascii=False)
    gives, lone surrogates escaped, which the tests check on hostile strings).

    A file's objects are first written without their path (`tails`), which
    is how the cache keeps them; the path goes in when the file is shown.
    """

    # Messages quote the text they found, so a folder of hostile files could grow
    # the memo without end (one lives as long as a worker process); it starts
    # afresh past this many strings. 10,000 reports give ~2,900 distinct ones.
    KEPT = 10_000

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}

    def string(self, text: str) -> str:
        """``text`` as a JSON string literal, escaped once per distinct text."""
        encoded = self._strings.get(text)
        if encoded is None:
            if len(self._strings) >= self.KEPT:
                self._strings.clear()
            encoded = self._strings[text] = escaped_surrogates(_json_string(text))
        return encoded

    def tails(self, source: Source, diagnostics: Iterable[Diagnostic]) -> str:
        """A file's objects as JSON text without the path: each object's text after
        ``{"path": …, `` with `MARK` before it (taken as it is from ``json_text``
        when the linter or the cache made it already)."""
        tails = self.stored_tails(source, diagnostics)
        # Bytes not UTF-8 can only come from a cache folder forged with a matching
        # checksum: as text they are shown replaced, not a crash (`stored_tails`
        # writes the bytes as stored to a UTF-8 output).
        return tails if isinstance(tails, str) else str(tails, "utf-8", "replace")

    def stored_tails(self, source: Source, diagnostics: Iterable[Diagnostic]) -> str | bytes:
        """`tails`, but UTF-8 bytes for a file the cache recalled, as it stored them."""
        made = getattr(diagnostics, "json_text", None)
        if made is not None:
            return made
        unit = self.string(source.unit)
        return "".join(self._diagnostic(unit, source, d) for d in diagnostics)

    def joined(self, path: str, tails: str, separator: str) -> str:
        """The objects of ``tails`` with their path, ``separator`` between them."""
        head = f'{separator}{{"path": {_json_path(path)}, '
        return tails.replace(MARK, head)[len(separator) :]

    def joined_bytes(self, path: str, tails: bytes, separator: str, errors: str) -> bytes:
        """`joined` for UTF-8 ``tails``, the path encoded with ``errors`` as its stream would."""
        head = f'{separator}{{"path": {_json_path(path)}, '.encode("utf-8", errors)
        return tails.replace(_MARK_BYTES, head)[len(separator) :]

    def texted(self, source: Source, diagnostics: list[Diagnostic]) -> TextedDiagnostics:
        """``diagnostics`` with their `tails` text."""
        texted = TextedDiagnostics(diagnostics)
        texted.json_text = self.tails(source, diagnostics)
        return texted

    def _diagnostic(self, unit: str, source: Source, diagnostic: Diagnostic) -> str:
        start, end = source.position(diagnostic.start), source.position(diagnostic.end)
        string = self.string
        fix = "null" if diagnostic.fix is None else self._fix(source, diagnostic.fix)
        return (
            f'{MARK}"line": {start.line}, "column": {start.column}, '
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
        applicability = '"safe"' if fix.safe else '"unsafe"'
        return (
            f'{{"title": {self.string(fix.title)}, "applicability": {applicability}, '
            f'"edits": [{edits}]}}'
        )

    def _edit(self, source: Source, start: int, end: int, replacement: str) -> str:
        first, last = source.position(start), source.position(end)
        return (
            f'{{"line": {first.line}, "column": {first.column}, '
            f'"end_line": {last.line}, "end_column": {last.column}, '
            f'"content": {self.string(replacement)}}}'
        )


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    utf8 = Utf8Bytes.under(stream)
    rows = JsonArray(utf8 or stream)
    text = DiagnosticText()
    tails_of = text.stored_tails if utf8 else text.tails
    for report in reports:
        tails = report.result and tails_of(report.result.source, report.result.diagnostics)
        if not tails:
            continue
        if isinstance(tails, bytes):
            rows.add_joined(text.joined_bytes(report.path, tails, rows.SEPARATOR, utf8.errors))
        else:
            rows.add_joined(text.joined(report.path, tails, rows.SEPARATOR))
    rows.close()


class Utf8Bytes:
    """The bytes under a UTF-8 text stream, written to directly.

    A file the cache recalls brings its JSON text as the UTF-8 bytes the
    results file holds; decoding them only for the stream to encode them again
    cost a warm run ~35 ms of its ~0.45 s (10,000 reports). Text is encoded
    here as the stream would (its errors handler), after what the stream holds
    is flushed, so the bytes go out in the order they were written.
    """

    __slots__ = ("buffer", "errors")

    def __init__(self, buffer: io.BufferedIOBase, errors: str) -> None:
        self.buffer, self.errors = buffer, errors

    @classmethod
    def under(cls, stream: TextIO) -> Utf8Bytes | None:
        """The bytes under ``stream`` if it writes text as UTF-8 as it is, else None.

        That is a TextIOWrapper of UTF-8 where a line end is written as it is
        (POSIX) and not line-buffered (a terminal, which shows each line as it
        comes); a StringIO (``--output-file``) or another encoding keeps to text.
        """
        if not (isinstance(stream, io.TextIOWrapper) and os.linesep == "\n"):
            return None
        if stream.line_buffering or codecs.lookup(stream.encoding).name != "utf-8":
            return None
        stream.flush()
        return cls(stream.buffer, stream.errors)

    def write(self, text: str | bytes) -> None:
        self.buffer.write(text if isinstance(text, bytes) else text.encode("utf-8", self.errors))


class JsonArray:
    """A JSON array written an item at a time, one item per line.

    One compact line per item is encoded by json's C encoder (``indent`` would
    take the pure-Python one, four times slower on a folder's thousands of
    findings) and suits line tools (grep, diff) as well as JSON parsers.
    """

    _ENCODER = json.JSONEncoder(ensure_ascii=False)

    def __init__(self, stream: TextIO | Utf8Bytes) -> None:
        self.stream = stream
        self.empty = True
        stream.write("[")

    def add(self, item: object) -> None:
        self.add_text([escaped_surrogates(self._ENCODER.encode(item))])

    SEPARATOR = ",\n  "

    def add_text(self, items: Iterable[str]) -> None:
        """Add items that are JSON text already, in one write."""
        self.add_joined(self.SEPARATOR.join(items))

    def add_joined(self, text: str | bytes) -> None:
        """Add items that are JSON text already, joined by `SEPARATOR` (bytes: to `Utf8Bytes`)."""
        if text:
            start = "\n  " if self.empty else self.SEPARATOR
            self.stream.write((start.encode() if isinstance(text, bytes) else start) + text)
            self.empty = False

    def close(self) -> None:
        """End the array and the output's last line."""
        self.stream.write("]\n" if self.empty else "\n]\n")
