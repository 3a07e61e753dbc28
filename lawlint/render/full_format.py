"""``--format full`` (default): each diagnostic with a code frame, for people at a terminal.

Chinese characters take two terminal cells, so the underline is measured in
cells (as rich's ``cell_len`` measures), not characters; long lines (a paragraph is one
line in most reports) are cut to a window around the flagged text.

The output is what rich's Console printed, written here directly: importing
rich.console cost a one-file run ~20 ms and rendering through it ~0.4 ms per
diagnostic. So this module does the little of rich it needs, the way rich does
it: the same terminal, colour and width detection (``--color``, FORCE_COLOR,
TTY_COMPATIBLE, TERM, COLUMNS/LINES; NO_COLOR drops colours and keeps bold,
unless ``--color always``), the same ANSI codes, control characters a terminal
would act on removed and tabs expanded. On Windows rich still writes: its
legacy console needs rich's own API and has other width rules.

Report text (the line, messages, help, the file name) comes first through
`lawlint.render.visible`: an ESC in a report (rich passes it on) would let the
report drive the terminal; it is shown as ␛ instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from types import ModuleType
from typing import TextIO

from lawlint import regex_memo
from lawlint.diagnostics import Diagnostic, Fix, Severity
from lawlint.render import FileReport, RenderOptions, Tally, shown_path, visible
from lawlint.source import Position, Source

# Output as (text, style) pieces; style "" is plain.
Piece = tuple[str, str]

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
# The SGR codes rich writes for these styles, and what is left of them without colour.
_CODES = {
    "bold red": "1;31",
    "bold yellow": "1;33",
    "bold cyan": "1;36",
    "bold green": "1;32",
    "bold": "1",
    "blue": "34",
}
_COLOURLESS = {name: "1" if name.startswith("bold") else "" for name in _CODES}
# Bell, backspace, vertical tab, form feed and carriage return: rich removes them.
_CONTROLS = regex_memo.compile("[\a\b\v\f\r]")
# Zero-width joiner and emoji presentation selector: rich measures them with
# their neighbours (emoji sequences); elsewhere a string's cells are the sum of
# its characters' cells.
_JOINERS = ("\u200d", "\ufe0f")
_TAB_CELLS = 8
_DUMB_TERMINALS = ("dumb", "unknown")
_WINDOWS = sys.platform == "win32"
_UNIT_NAMES = {"line": "", "paragraph": " (段落号)"}
_ELLIPSIS = "…"
# Code point ranges whose characters take one and two cells in rich's tables for
# every Unicode version rich has (tests compare each character with rich): ASCII,
# Latin, general punctuation (“” — …); CJK punctuation, ideographs, full-width
# forms. The characters reports are made of, measured without importing rich.
_NARROW = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x2010, 0x2027), (0x2030, 0x205E))
_WIDE = ((0x3000, 0x3029), (0x3030, 0x303E), (0x4E00, 0x9FBB), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))


def _character_class(ranges: tuple[tuple[int, int], ...], negated: bool = False) -> str:
    """A pattern's character class of the code points in ``ranges`` (or of all others)."""
    inside = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges)
    return f"[{'^' if negated else ''}{inside}]"


_UNKNOWN = regex_memo.compile(_character_class(_NARROW + _WIDE, negated=True))
_WIDE_CHARACTER = regex_memo.compile(_character_class(_WIDE))


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    output = _RichOutput(stream, options.color) if _WINDOWS else _AnsiOutput(stream, options.color)
    tally = Tally()
    for report in reports:
        tally.add(report)
        if report.result and report.result.diagnostics:
            source, path = report.result.source, shown_path(report.path)
            output.write(
                [
                    piece
                    for diagnostic in report.result.diagnostics
                    for piece in _block(output.width, path, source, diagnostic)
                ]
            )
    output.write(_summary(tally))


class _AnsiOutput:
    """Pieces written as rich's Console would write them to ``stream``."""

    def __init__(self, stream: TextIO, color: str) -> None:
        self.stream = stream
        terminal = _is_terminal(stream, color)
        dumb = terminal and os.environ.get("TERM", "").lower() in _DUMB_TERMINALS
        self.width = _width(dumb)
        self.codes: dict[str, str] | None = None
        if terminal and not dumb:
            no_color = color == "auto" and os.environ.get("NO_COLOR", "") != ""
            self.codes = _COLOURLESS if no_color else _CODES

    def write(self, pieces: list[Piece]) -> None:
        if any("\t" in text for text, _ in pieces):
            pieces = _expand_tabs(pieces)
        codes = self.codes
        if codes is None:
            text = "".join(text for text, _ in pieces)
        else:
            text = "".join(
                f"\x1b[{codes[style]}m{text}\x1b[0m" if style and codes[style] and text else text
                for text, style in pieces
            )
        # Styled pieces are lawlint's own and have no control characters, so
        # removing them afterwards leaves no empty styled piece behind.
        self.stream.write(_CONTROLS.sub("", text) if _CONTROLS.search(text) else text)


class _RichOutput:
    """Pieces printed through rich (on Windows)."""

    def __init__(self, stream: TextIO, color: str) -> None:
        from rich.console import Console

        self.console = Console(
            file=stream,
            force_terminal={"always": True, "never": False}.get(color),
            no_color={"always": False, "never": True}.get(color),
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,
        )
        self.width = self.console.width

    def write(self, pieces: list[Piece]) -> None:
        from rich.text import Text

        self.console.print(Text.assemble(*pieces), end="")


def _is_terminal(stream: TextIO, color: str) -> bool:
    """Whether escape codes may be written: rich's Console.is_terminal, outside Jupyter."""
    if color != "auto":
        return color == "always"
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def _width(dumb: bool) -> int:
    """Cells per line as rich's Console.width: COLUMNS, else the terminal's, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and os.environ.get("LINES", "").isdigit():
        return int(columns)
    if dumb:
        return 80
    if columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):  # not a terminal
            continue
    return 80


def _cells() -> ModuleType:
    """rich's cell measures, imported for the first character not in _NARROW or _WIDE.

    A run that shows none (most reports' frames) so saves the ~3 ms of importing
    rich and loading its width table.
    """
    from rich import cells

    return cells


@cache  # asked for every character of every frame, as rich caches it
def _character_cells(character: str) -> int:
    """rich's get_character_cell_size."""
    if _UNKNOWN.match(character):
        return _cells().get_character_cell_size(character)
    return 2 if _WIDE_CHARACTER.match(character) else 1


def _cell_len(text: str) -> int:
    """rich's cell_len: a cell per character and one more per wide one, when all are known.

    Any other character (a joiner, whose cells depend on its neighbours, say)
    leaves the whole string to rich.
    """
    if _UNKNOWN.search(text):
        return _cells().cell_len(text)
    return len(text) + len(_WIDE_CHARACTER.findall(text))


def _expand_tabs(pieces: list[Piece]) -> list[Piece]:
    """Tabs as spaces up to the next multiple of eight cells of their line, as rich does."""
    line = ""  # the current line so far, tabs expanded
    expanded = []
    for text, style in pieces:
        if "\t" in text:
            text = _expand(text, _cell_len(line))
        expanded.append((text, style))
        line = (line + text).rpartition("\n")[2]
    return expanded


def _expand(text: str, column: int) -> str:
    rows = []
    for number, row in enumerate(text.split("\n")):
        column = column if number == 0 else 0
        *tabbed, last = row.split("\t")
        parts = []
        for part in tabbed:
            column += _cell_len(part) + 1
            spaces = -column % _TAB_CELLS
            column += spaces
            parts.append(part + " " * (1 + spaces))
        rows.append("".join(parts) + last)
    return "\n".join(rows)


def _block(width: int, path: str, source: Source, diagnostic: Diagnostic) -> Iterator[Piece]:
    """One diagnostic with its code frame, ending in a blank line."""
    where = source.position(diagnostic.start)
    style = _STYLES[diagnostic.severity]
    gutter = len(str(where.line))
    pad = " " * gutter
    shown, underline = _frame(source, where, diagnostic.end, width - gutter - 3)
    yield f"{diagnostic.severity}[{diagnostic.code}]", style
    yield " ", ""
    yield diagnostic.rule, "bold"
    yield f": {visible(diagnostic.message)}\n", ""
    yield f"{pad}--> ", "blue"
    yield f"{path}:{where.line}:{where.column}{_UNIT_NAMES[source.unit]}\n", ""
    yield f"{pad} |", "blue"
    yield "\n", ""
    yield f"{where.line} | ", "blue"
    yield f"{shown}\n", ""
    yield f"{pad} | ", "blue"
    yield underline, style
    yield "\n", ""
    yield f"{pad} = ", "blue"
    yield "help", "bold"
    yield f": {visible(diagnostic.help)}\n", ""
    if diagnostic.fix:
        yield f"{pad} = ", "blue"
        yield _fix_label(source, diagnostic.fix), "bold"
        yield f": {visible(diagnostic.fix.title)}\n", ""
    yield "\n", ""


def _fix_label(source: Source, fix: Fix) -> str:
    """What --fix would do with the fix: apply it, apply it on request, or (Word, PDF) neither."""
    if source.unit != "line":
        return "suggestion (not applied to Word or PDF files)"
    return "fix" if fix.safe else "unsafe fix"


def _frame(source: Source, where: Position, end: int, width: int) -> tuple[str, str]:
    """The line at ``where`` cut to ``width`` cells around the span, and its underline."""
    line = visible(source.line_text(where.line - 1)).replace("\t", " ")
    begin = where.column - 1
    last = source.position(end)
    end = last.column - 1 if last.line == where.line else len(line)
    end = max(min(end, len(line)), begin + 1)
    joined = _JOINERS[0] in line or _JOINERS[1] in line
    window_start, window_end = (_window_measuring_strings if joined else _window)(
        line, begin, width
    )
    head = _ELLIPSIS if window_start > 0 else ""
    tail = _ELLIPSIS if window_end < len(line) else ""
    shown = head + line[window_start:window_end] + tail
    lead = _cell_len(head + line[window_start:begin])
    marks = max(_cell_len(line[begin : min(end, window_end)]), 1)
    return shown, " " * lead + "^" * marks


def _window(line: str, begin: int, width: int) -> tuple[int, int]:
    """Start and end of the part of ``line`` shown: a third of ``width`` before ``begin``.

    Measured a character at a time, which is what cell_len would say of the
    whole string as long as the line has no joiners.
    """
    size = _character_cells
    start, cells = begin, 0
    while start > 0:
        cells += size(line[start - 1])
        if cells >= width // 3:
            break
        start -= 1
    end, cells, budget = start, 0, max(width - 2, 10)
    while end < len(line):
        cells += size(line[end])
        if cells > budget:
            break
        end += 1
    return start, end


def _window_measuring_strings(line: str, begin: int, width: int) -> tuple[int, int]:
    """:func:`_window` for lines with joiners, whose cells depend on their neighbours."""
    cell_len = _cells().cell_len
    start = begin
    while start > 0 and cell_len(line[start - 1 : begin]) < width // 3:
        start -= 1
    end = start
    budget = max(width - 2, 10)
    while end < len(line) and cell_len(line[start : end + 1]) <= budget:
        end += 1
    return start, end


def _summary(tally: Tally) -> list[Piece]:
    if not tally.checked and tally.unreadable:
        pieces = [("No file checked.", "bold red")]  # "all passed" would say too much
    elif not tally.findings and tally.unreadable:
        pieces = [(f"No problems in {_count(tally.checked, 'file')} checked.", "bold")]
    elif not tally.findings:
        pieces = [(f"All checks passed ({_count(tally.checked, 'file')}).", "bold green")]
    else:
        totals = tally.severities
        parts = ", ".join(_count(totals[s], str(s)) for s in reversed(Severity) if totals[s])
        text = (
            f"Found {_count(tally.findings, 'problem')} ({parts}) in {tally.flagged} of "
            f"{_count(tally.checked, 'file')}."
        )
        pieces = [(text, "bold")]
    if tally.unreadable:
        pieces.append((f" {_count(tally.unreadable, 'file')} could not be read.", "bold red"))
    return [*pieces, ("\n", "")]


def _count(number: int, noun: str) -> str:
    plural = noun if number == 1 or noun == "info" else noun + "s"
    return f"{number} {plural}"
