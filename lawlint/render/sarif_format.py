"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Regions are 1-based. Columns count Unicode code points (characters), the unit
lawlint uses everywhere, and the run says so with ``columnKind:
unicodeCodePoints`` (SARIF's default would be UTF-16 code units; the two differ
only for characters outside the Basic Multilingual Plane, such as rare CJK
Extension B characters). ``endColumn`` points just past the flagged text.

``tool.driver.rules`` documents every selected rule (id = code); results refer
to them by ``ruleId`` and ``ruleIndex``. Artifact URIs are relative to the
working directory where the file lies below it (what code scanning expects),
``file://`` URIs otherwise. Files that could not be read are reported as tool
execution notifications.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from lawlint import __version__
from lawlint.baseline import fingerprints
from lawlint.diagnostics import Diagnostic, Severity
from lawlint.registry import Rule
from lawlint.render import FileReport, RenderOptions, repository_path, unfilled
from lawlint.render.json_format import escaped_surrogates
from lawlint.source import Source

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    descriptors = {rule.code: _descriptor(rule) for rule in options.rules}
    results: list[dict] = []
    unreadable: list[FileReport] = []
    for report in reports:
        if report.error:
            unreadable.append(report)
        if report.result:
            for diagnostic in report.result.diagnostics:
                descriptors.setdefault(diagnostic.code, _bare_descriptor(diagnostic))
            results += _results(report)
    # A rule's index is known once every rule that has a result is.
    codes = sorted(descriptors)
    index = {code: number for number, code in enumerate(codes)}
    for result in results:
        result["ruleIndex"] = index[result["ruleId"]]
    run = {
        "tool": {
            "driver": {
                "name": "lawlint",
                "version": __version__,
                "rules": [descriptors[code] for code in codes],
            }
        },
        "invocations": [_invocation(unreadable)],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    # One write: json.dump would write each of its ~100 pieces per result separately.
    stream.write(escaped_surrogates(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")


def _descriptor(rule: Rule) -> dict:
    help_text = f"{unfilled(rule.help)}\n\n依据：{rule.source}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": unfilled(rule.message)},
        "fullDescription": {"text": " ".join(rule.rationale.split())},
        "help": {"text": help_text, "markdown": _markdown_help(rule)},
        "defaultConfiguration": {"level": _LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"tags": list(rule.profiles)},
    }


def _bare_descriptor(diagnostic: Diagnostic) -> dict:
    return {
        "id": diagnostic.code,
        "name": diagnostic.rule,
        "defaultConfiguration": {"level": _LEVELS[diagnostic.severity]},
    }


def _markdown_help(rule: Rule) -> str:
    parts = [
        unfilled(rule.help),
        "",
        " ".join(rule.rationale.split()),
        "",
        f"**依据**：{rule.source}",
        "",
        "**会报告（错误写法）**",
        *_code_blocks(rule.examples.flag),
        "",
        "**不会报告（正确写法）**",
        *_code_blocks(rule.examples.ok),
    ]
    return "\n".join(parts).rstrip() + "\n"


def _code_blocks(examples: Sequence[str]) -> list[str]:
    lines = []
    for example in examples:
        lines += ["", "```text", example.rstrip("\n"), "```"]
    return lines


def _results(report: FileReport) -> list[dict]:
    source, diagnostics = report.result.source, report.result.diagnostics
    uri = artifact_uri(report.path)
    ids = fingerprints(repository_path(report.path), source, diagnostics)
    return [
        _result(uri, source, diagnostic, fingerprint)
        for diagnostic, fingerprint in zip(diagnostics, ids, strict=True)
    ]


def _result(uri: str, source: Source, diagnostic: Diagnostic, fp: str) -> dict:
    result = {
        "ruleId": diagnostic.code,
        "ruleIndex": None,  # set once all rules are known
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": _region(source, diagnostic.start, diagnostic.end),
                }
            }
        ],
        "partialFingerprints": {"lawlintFinding/v1": fp},
    }
    if diagnostic.fix:
        result["fixes"] = [_fix(uri, source, diagnostic)]
    return result


def _region(source: Source, start: int, end: int) -> dict:
    first, last = source.position(start), source.position(end)
    return {
        "startLine": first.line,
        "startColumn": first.column,
        "endLine": last.line,
        "endColumn": last.column,
    }


def _fix(uri: str, source: Source, diagnostic: Diagnostic) -> dict:
    fix = diagnostic.fix
    replacements = [
        {
            "deletedRegion": _region(source, edit.start, edit.end),
            "insertedContent": {"text": edit.replacement},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
    }


def _invocation(unreadable: list[FileReport]) -> dict:
    notifications = [
        {
            "level": "error",
            "message": {"text": report.error},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(report.path)}}}
            ],
        }
        for report in unreadable
    ]
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative below the working directory, else ``file://``."""
    shown = repository_path(path)
    if Path(shown).is_absolute():
        return Path(os.path.abspath(path)).as_uri()
    # A file name that is not UTF-8 keeps its bytes (os.fsdecode's lone surrogates), %-escaped.
    return quote(shown, errors="surrogateescape")
