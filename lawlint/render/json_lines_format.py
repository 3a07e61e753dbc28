"""``--format json-lines``: one JSON object per diagnostic per line, for streaming tools.

The objects are those of ``--format json`` (see ``json_format.diagnostic_data``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lawlint.render import FileReport, RenderOptions
from lawlint.render.json_format import DiagnosticText


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    text = DiagnosticText()
    for report in reports:
        if report.result:
            tails = text.tails(report.result.source, report.result.diagnostics)
            if tails:
                stream.write(text.joined(report.path, tails, "\n") + "\n")
