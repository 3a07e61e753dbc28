"""``--format full`` (default): each diagnostic with a code frame, for people at a terminal.

Chinese characters take two terminal cells, so the underline is measured in
cells, not characters; long lines (a paragraph is one line in most reports) are
cut to a window around the flagged text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from lawlint.diagnostics import Diagnostic, Severity
from lawlint.render import FileReport, RenderOptions, counts
from lawlint.source import Source

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
_UNIT_NAMES = {"line": "", "paragraph": " (段落号)"}
_ELLIPSIS = "…"


def render(reports: Sequence[FileReport], stream: TextIO, options: RenderOptions) -> None:
    console = _console(stream, options)
    for report in reports:
        if report.result:
            for diagnostic in report.result.diagnostics:
                # One print per diagnostic, not per line: each print is a full render pass.
                console.print(_block(console, report.path, report.result.source, diagnostic))
    console.print(_summary(reports))


def _console(stream: TextIO, options: RenderOptions) -> Console:
    force = {"always": True, "never": False}.get(options.color)
    return Console(
        file=stream,
        force_terminal=force,
        no_color=options.color == "never",
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
    )


def _block(console: Console, path: str, source: Source, diagnostic: Diagnostic) -> Text:
    """One diagnostic with its code frame, ending in a blank line."""
    where = source.position(diagnostic.start)
    style = _STYLES[diagnostic.severity]
    gutter = len(str(where.line))
    pad = " " * gutter
    shown, underline = _frame(source, diagnostic, console.width - gutter - 3)
    lines = [
        Text.assemble(
            (f"{diagnostic.severity}[{diagnostic.code}]", style),
            " ",
            (diagnostic.rule, "bold"),
            ": ",
            diagnostic.message,
        ),
        Text.assemble(
            (f"{pad}--> ", "blue"),
            f"{path}:{where.line}:{where.column}{_UNIT_NAMES[source.unit]}",
        ),
        Text(f"{pad} |", "blue"),
        Text.assemble((f"{where.line} | ", "blue"), shown),
        Text.assemble((f"{pad} | ", "blue"), (underline, style)),
        Text.assemble((f"{pad} = ", "blue"), ("help", "bold"), f": {diagnostic.help}"),
    ]
    if diagnostic.fix:
        kind = "fix" if diagnostic.fix.safe else "unsafe fix"
        title = diagnostic.fix.title
        lines.append(Text.assemble((f"{pad} = ", "blue"), (kind, "bold"), f": {title}"))
    return Text("\n").join([*lines, Text()])


def _frame(source: Source, diagnostic: Diagnostic, width: int) -> tuple[str, str]:
    """The flagged line cut to ``width`` cells around the span, and its underline."""
    index = source.line_index(diagnostic.start)
    line = source.line_text(index).replace("\t", " ")
    line_start = source.line_starts[index]
    begin = diagnostic.start - line_start
    end = max(min(diagnostic.end - line_start, len(line)), begin + 1)
    window_start = begin
    while window_start > 0 and cell_len(line[window_start - 1 : begin]) < width // 3:
        window_start -= 1
    window_end = window_start
    budget = max(width - 2, 10)
    while window_end < len(line) and cell_len(line[window_start : window_end + 1]) <= budget:
        window_end += 1
    head = _ELLIPSIS if window_start > 0 else ""
    tail = _ELLIPSIS if window_end < len(line) else ""
    shown = head + line[window_start:window_end] + tail
    lead = cell_len(head + line[window_start:begin])
    marks = max(cell_len(line[begin : min(end, window_end)]), 1)
    return shown, " " * lead + "^" * marks


def _summary(reports: Sequence[FileReport]) -> Text:
    totals = counts(reports)
    problems = sum(totals.values())
    files = sum(1 for report in reports if report.result)
    failed = sum(1 for report in reports if report.error)
    flagged = sum(1 for report in reports if report.result and report.result.diagnostics)
    if not problems:
        text = Text(f"All checks passed ({_count(files, 'file')}).", "bold green")
    else:
        parts = ", ".join(_count(totals[s], str(s)) for s in reversed(Severity) if totals[s])
        text = Text(
            f"Found {_count(problems, 'problem')} ({parts}) in {flagged} of "
            f"{_count(files, 'file')}.",
            "bold",
        )
    if failed:
        text.append(f" {_count(failed, 'file')} could not be read.", "bold red")
    return text


def _count(number: int, noun: str) -> str:
    plural = noun if number == 1 or noun == "info" else noun + "s"
    return f"{number} {plural}"
