"""``--statistics``: how often each rule fired, instead of the findings themselves.

Like ``ruff --statistics``: one row per rule, most frequent first, with how many
of those findings carry a fix. Text for people, JSON with ``--format json``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from lawlint.render import FileReport

# Formats --statistics can be written in; the others describe single findings.
STATISTICS_FORMATS = ("full", "concise", "json")


def statistics(reports: Iterable[FileReport]) -> list[dict]:
    """One row per rule that fired: code, name, count, fixable; most frequent first (one pass)."""
    found = Counter()
    fixable = Counter()
    names = {}
    for report in reports:
        for diagnostic in report.result.diagnostics if report.result else ():
            found[diagnostic.code] += 1
            fixable[diagnostic.code] += diagnostic.fix is not None
            names[diagnostic.code] = diagnostic.rule
    order = sorted(found, key=lambda code: (-found[code], code))
    return [
        {"code": code, "name": names[code], "count": found[code], "fixable": fixable[code]}
        for code in order
    ]


def render(reports: Iterable[FileReport], stream: TextIO, output_format: str) -> None:
    rows = statistics(reports)
    if output_format == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    width = max((len(str(row["count"])) for row in rows), default=1)
    name_width = max((len(row["name"]) for row in rows), default=1)
    for row in rows:
        fixable = f"{row['fixable']} 个可修复" if row["fixable"] else ""
        line = f"{row['count']:>{width}}  {row['code']}  {row['name']:<{name_width}}  {fixable}"
        stream.write(line.rstrip() + "\n")
