"""Hand-built reports with known diagnostics, for testing the output formats.

Renderers only present diagnostics, so these tests place diagnostics by hand at
known text instead of depending on what the rules currently find.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path

from lawlint.cli import main
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.linter import LintResult
from lawlint.outline import build_outline
from lawlint.registry import Examples, Rule
from lawlint.render import FileReport
from lawlint.source import Source

FLAWED_TEXT = (
    "某县司法局2025年度法治政府建设情况报告\n"
    "\n"
    "一、主要举措和成效\n"
    "(一)加强学习。全年召开学习会12次，网页中的<script>document.title='pwned'</script>已删除。\n"
    "（二）规范执法。全年检查 46 次。\r\n"
    "三、存在的不足和原因\n"
    "基层力量薄弱。\n"
)
CLEAN_TEXT = "某县2025年度法治政府建设情况报告\n\n一、主要举措和成效\n全年开展普法活动。\n"


def _rule(name: str, code: str, severity: Severity, message: str, help: str, **extra) -> Rule:
    fields = {
        "kind": "demo",
        "rationale": "Half-width brackets\n  look unedited.",
        "source": "GB/T 9704—2012《党政机关公文格式》",
        "profiles": ("generic", "fazhi"),
        "enabled": True,
        "options": None,
        "examples": Examples(flag=("(一)加强学习。\n",), ok=("（一）加强学习。\n",)),
        "origin": "test",
    }
    return Rule(
        name=name, code=code, severity=severity, message=message, help=help, **(fields | extra)
    )


RULES = (
    _rule(
        "demo-bracket",
        "T901",
        Severity.WARNING,
        "标题序号“{marker}”使用了半角括号",
        "括号用全角，如“{expected}”。",
    ),
    _rule("demo-skip", "T902", Severity.ERROR, "标题序号跳号", "按顺序编号。"),
    _rule("demo-space", "T903", Severity.INFO, "多余空格", "删除空格。", enabled=False),
)


def at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Start and end offsets of the ``occurrence``-th ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def diagnostic(rule: Rule, span: tuple[int, int], fix: Fix | None = None, **args) -> Diagnostic:
    return Diagnostic(
        rule=rule.name,
        code=rule.code,
        severity=rule.severity,
        message=rule.message.format_map(args),
        help=rule.help.format_map(args),
        start=span[0],
        end=span[1],
        fix=fix,
    )


def report(path: str, text: str, diagnostics: list[Diagnostic]) -> FileReport:
    source = Source(path=path, text=text)
    return FileReport(path, LintResult(source, build_outline(source), "fazhi", diagnostics))


def flawed_diagnostics(text: str = FLAWED_TEXT) -> list[Diagnostic]:
    """Three findings on FLAWED_TEXT: one per severity; the warning has a safe fix."""
    bracket, skip, space = RULES
    start, end = at(text, "(一)")
    fix = Fix("改为“（一）”", (Edit(start, start + 1, "（"), Edit(end - 1, end, "）")))
    return [
        diagnostic(bracket, (start, end), fix, marker="(一)", expected="（一）"),
        diagnostic(space, at(text, " 46 ")),
        diagnostic(skip, at(text, "三、")),
    ]


def sample_reports(flawed_path: str = "reports/乙镇,报告:初稿.txt") -> list[FileReport]:
    """A flawed report, a clean one and one that could not be read."""
    return [
        report(flawed_path, FLAWED_TEXT, flawed_diagnostics()),
        report("reports/clean.txt", CLEAN_TEXT, []),
        FileReport("reports/broken.txt", error="not UTF-8 (invalid byte at 3)"),
    ]


# A report whose headings skip 二、: the real heading-sequence rule (H103) flags 三、.
SKIPPING = (
    "某县2025年度工作情况\n\n一、主要工作\n全年开展普法活动。\n三、下一步打算\n继续加强学习。\n"
)


def run_lawlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the command line in-process (without the cache) in ``cwd``; capture its output."""
    stdout, stderr = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main(["--no-cache", *args])
            except SystemExit as stop:
                status = stop.code
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(args, status, stdout.getvalue(), stderr.getvalue())
