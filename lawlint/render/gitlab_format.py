"""``--format gitlab``: a GitLab Code Quality report (a JSON array), for merge-request widgets.

Fingerprints come from the file, rule, flagged text and its surrounding words
(``lawlint.baseline``), never from line numbers, so GitLab sees a finding as the
same one after text above it changed. Severities: error → major, warning →
minor, info → info. Positions are 1-based lines and character columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lawlint.baseline import fingerprints
from lawlint.render import FileReport, RenderOptions, repository_path
from lawlint.render.json_format import JsonArray, diagnostic_data

_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    issues = JsonArray(stream)
    for report in reports:
        if not report.result:
            continue
        source, diagnostics = report.result.source, report.result.diagnostics
        path = repository_path(report.path)
        ids = fingerprints(path, source, diagnostics)
        for diagnostic, fingerprint in zip(diagnostics, ids, strict=True):
            row = diagnostic_data(path, source, diagnostic)
            issues.add(_issue(row, fingerprint))
    issues.close()


def _issue(row: dict, fingerprint: str) -> dict:
    return {
        "type": "issue",
        "description": f"{row['code']} {row['message']}",
        "check_name": row["code"],
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": _SEVERITIES[row["severity"]],
        "location": {
            "path": row["path"],
            "positions": {
                "begin": {"line": row["line"], "column": row["column"]},
                "end": {"line": row["end_line"], "column": row["end_column"]},
            },
        },
    }
