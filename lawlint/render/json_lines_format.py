"""``--format json-lines``: one JSON object per diagnostic per line, for streaming tools.

The objects are those of ``--format json`` (see ``json_format.diagnostic_data``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from lawlint.render import FileReport, RenderOptions
from lawlint.render.json_format import diagnostic_data


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    for report in reports:
        if not report.result:
            continue
        for diagnostic in report.result.diagnostics:
            row = diagnostic_data(report.path, report.result.source, diagnostic)
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
