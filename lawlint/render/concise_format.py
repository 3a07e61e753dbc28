"""``--format concise``: ``path:line:col: CODE [name] message``, one line each (grep-able).

For text lawlint extracts (.docx, .pdf) the line is a paragraph number; the
line then ends with ``(第N段)``, so that the location keeps its usual shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lawlint.render import FileReport, RenderOptions, shown_path, visible


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    for report in reports:
        if not report.result:
            continue
        source, path = report.result.source, shown_path(report.path)
        for diagnostic in report.result.diagnostics:
            where = source.position(diagnostic.start)
            note = f" (第{where.line}段)" if source.unit == "paragraph" else ""
            stream.write(
                f"{path}:{where.line}:{where.column}: {diagnostic.code} "
                f"[{diagnostic.rule}] {visible(diagnostic.message)}{note}\n"
            )
