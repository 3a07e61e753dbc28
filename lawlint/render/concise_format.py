"""``--format concise``: ``path:line:col: CODE [name] message``, one line each (grep-able)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from lawlint.render import FileReport, RenderOptions


def render(reports: Sequence[FileReport], stream: TextIO, options: RenderOptions) -> None:
    for report in reports:
        if not report.result:
            continue
        source = report.result.source
        for diagnostic in report.result.diagnostics:
            where = source.position(diagnostic.start)
            stream.write(
                f"{report.path}:{where.line}:{where.column}: {diagnostic.code} "
                f"[{diagnostic.rule}] {diagnostic.message}\n"
            )
