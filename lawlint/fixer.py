"""Apply the fixes rules attach to their findings, the way ruff does.

Fixes are applied in passes: each pass takes every applicable fix that does not
overlap one already taken, applies them together, and lints the result again,
because one fix can uncover another (or a skipped overlapping one may apply
now). Passes stop when nothing applies, or after ``MAX_PASSES`` in case two
rules undo each other. Rules only propose; this module applies; renderers show.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from lawlint import regex_memo
from lawlint.diagnostics import Diagnostic, Edit, Fix
from lawlint.linter import LintResult
from lawlint.render import FileReport
from lawlint.source import Source, SourceError, source_from_bytes
from lawlint.writer import WriteError, encode_like, replace_file

MAX_PASSES = 10
# Files whose text was extracted, not read: fixing them would mean rewriting
# the Word or PDF file, which lawlint never does.
EXTRACTED_SUFFIXES = frozenset({".docx", ".pdf"})
# A quick look at a path's end before splitext (see rewritable).
_EXTRACTED_ENDINGS = tuple(EXTRACTED_SUFFIXES)
_LONGEST_SUFFIX = max(map(len, EXTRACTED_SUFFIXES))
_LINE = regex_memo.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")

Lint = Callable[[Source], LintResult]
Relint = Callable[[str], LintResult]


def applies(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """Whether ``diagnostic`` has a fix that this run may apply."""
    return diagnostic.fix is not None and (diagnostic.fix.safe or unsafe)


def apply_fixes(text: str, fixes: Iterable[Fix], newline: str = "\n") -> tuple[str, list[Fix]]:
    """Apply every fix that overlaps no earlier one; return the text and the fixes applied.

    A fix is all or nothing: one overlapping edit skips the whole fix. Line
    ends inside a replacement become the file's own (``newline``).
    """
    applied: list[Fix] = []
    taken = _Taken()
    for fix in sorted(set(fixes), key=_span):
        if not any(taken.overlaps(edit) for edit in fix.edits):
            applied.append(fix)
            taken.add(fix.edits)
    pieces, position = [], 0
    for edit in sorted(taken.edits, key=lambda edit: (edit.start, edit.end)):
        pieces += [text[position : edit.start], _with_newline(edit.replacement, newline)]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), applied


def _span(fix: Fix) -> tuple[int, int]:
    return min(edit.start for edit in fix.edits), max(edit.end for edit in fix.edits)


class _Taken:
    """The edits taken so far, sorted and disjoint, so that a neighbour check suffices.

    A PDF-converted report can carry thousands of fixes; comparing each with
    every taken edit would make one pass quadratic.
    """

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self._starts: list[int] = []

    def overlaps(self, edit: Edit) -> bool:
        """Edits overlap when they share a character or insert at the same point."""
        index = bisect_left(self._starts, edit.start)
        neighbours = self.edits[max(index - 1, 0) : index + 1]
        return any(
            (edit.start < other.end and other.start < edit.end) or edit.start == other.start
            for other in neighbours
        )

    def add(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            index = bisect_left(self._starts, edit.start)
            self._starts.insert(index, edit.start)
            self.edits.insert(index, edit)


def _with_newline(replacement: str, newline: str) -> str:
    if "\n" not in replacement and "\r" not in replacement:
        return replacement
    return re.sub(r"\r\n|\r|\n", newline, replacement)


class FixedText(NamedTuple):
    """The text after all passes, what was fixed (per rule) and the final lint."""

    text: str
    fixed: Counter[str]
    result: LintResult
    converged: bool


def fix_result(result: LintResult, relint: Relint, unsafe: bool) -> FixedText:
    """Fix the source of ``result`` in passes until no applicable fix is left.

    ``relint`` lints a fixed text as the file it would become (its reader,
    its encoding), so each pass sees what the next run of lawlint would.
    """
    fixed: Counter[str] = Counter()
    for _ in range(MAX_PASSES):
        fixes = {d.fix for d in result.diagnostics if d.fix is not None and applies(d, unsafe)}
        if not fixes:
            return FixedText(result.source.text, fixed, result, converged=True)
        text, applied = apply_fixes(result.source.text, fixes, result.source.newline)
        done = set(applied)
        fixed.update(d.rule for d in result.diagnostics if d.fix in done)
        result = relint(text)
    converged = not any(applies(d, unsafe) for d in result.diagnostics)
    return FixedText(result.source.text, fixed, result, converged)


class FixOutcome:
    """What ``fix_reports`` did: reports to show, counts, diffs and per-file problems.

    A plain class, not a dataclass: this module is imported by every run
    (the fixable count), and a dataclass costs ~0.5 ms to define.
    """

    __slots__ = ("diffs", "errors", "fixed", "notices", "reports")

    def __init__(self, reports: list[FileReport]) -> None:
        self.reports = reports
        self.fixed: Counter[str] = Counter()
        self.diffs: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str]] = []


def fix_reports(
    reports: Sequence[FileReport],
    lint: Lint,
    *,
    unsafe: bool,
    write: bool,
    stdin: str | None = None,
) -> FixOutcome:
    """Fix every report's file; write it back (``write``) or collect a unified diff.

    The reports returned describe the fixed text, so positions match the file
    as it now is (or would be). ``stdin`` is the name standard input was shown
    under: that text has no file to write, even if a file has its name.
    """
    outcome = FixOutcome([])
    for report in reports:
        if report.path == stdin and report.result:
            outcome.notices.append((report.path, "fixes are not applied to standard input"))
            outcome.reports.append(report)
        else:
            outcome.reports.append(_fix_report(report, lint, unsafe, write, outcome))
    return outcome


def _fix_report(
    report: FileReport, lint: Lint, unsafe: bool, write: bool, outcome: FixOutcome
) -> FileReport:
    result = report.result
    if result is None or not any(applies(d, unsafe) for d in result.diagnostics):
        return report
    if not rewritable(report.path, result.source):
        suffix = Path(report.path).suffix.lower() or "extracted"
        outcome.notices.append((report.path, f"fixes are not applied to {suffix} files"))
        return report
    try:
        original = _unchanged_bytes(report.path, result.source)
        fixed = fix_result(result, _relint(report.path, original, lint), unsafe)
        if write:
            replace_file(report.path, encode_like(fixed.text, original), original)
    except WriteError as error:
        outcome.errors.append((report.path, _refusal(error, write)))
        return report
    if not fixed.converged:
        outcome.notices.append((report.path, f"fixes did not settle after {MAX_PASSES} passes"))
    outcome.fixed.update(fixed.fixed)
    if not write:
        outcome.diffs.append(unified_diff(report.path, result.source.text, fixed.text))
    return FileReport(report.path, fixed.result)


_LEFT_UNCHANGED = "; file left unchanged"


def _refusal(error: WriteError, write: bool) -> str:
    """Why a file was not fixed; --diff writes nothing, so there it is the diff that is missing."""
    reason = str(error)
    return reason if write else f"{reason.removesuffix(_LEFT_UNCHANGED)}; no diff computed"


def rewritable(path: str, source: Source) -> bool:
    """Only plain-text files read as they are stored can be written back.

    (Asked for every file of a run: an extracted suffix must end the path, so
    a path that does not end in one needs no splitext.)
    """
    if source.unit != "line":
        return False
    if not path[-_LONGEST_SUFFIX:].lower().endswith(_EXTRACTED_ENDINGS):
        return True
    return os.path.splitext(path)[1].lower() not in EXTRACTED_SUFFIXES


def _unchanged_bytes(path: str, source: Source) -> bytes:
    """The file's bytes, provided they still read as the text that was linted."""
    try:
        data = Path(path).read_bytes()
        text = source_from_bytes(data, path).text
    except (OSError, SourceError) as error:
        raise WriteError(f"cannot read it again to fix it: {error}") from None
    if text != source.text:
        raise WriteError(f"changed on disk since it was linted{_LEFT_UNCHANGED}")
    return data


def _relint(path: str, original: bytes, lint: Lint) -> Relint:
    """Lint a fixed text as the bytes it would be written as; unencodable text is an error."""

    def relint(text: str) -> LintResult:
        return lint(source_from_bytes(encode_like(text, original), path))

    return relint


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of the change; each line keeps its own line end."""
    import difflib  # only --diff needs it

    lines = difflib.unified_diff(_lines(before), _lines(after), fromfile=path, tofile=path)
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in lines
    )


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def fixable(reports: Iterable[FileReport]) -> tuple[int, int]:
    """(safe, unsafe-only) numbers of diagnostics a fix run could remove.

    Called for each report as it streams past, so it counts without a Counter.
    """
    safe = unsafe_only = 0
    for report in reports:
        if not report.result:
            continue
        flags = _fix_safety(report.result.diagnostics)
        if flags and rewritable(report.path, report.result.source):
            for fix_is_safe in flags:
                if fix_is_safe:
                    safe += 1
                else:
                    unsafe_only += 1
    return safe, unsafe_only


def _fix_safety(diagnostics: Sequence[Diagnostic]) -> Sequence[bool]:
    """Whether each fix is safe; a recalled file's diagnostics say so without being built.

    A sequence, empty when there is no fix, so that ``fixable`` asks whether
    the file can be rewritten only of files with fixes.
    """
    stored = getattr(diagnostics, "fix_safety", None)
    if stored is not None:
        return stored
    return [d.fix.safe for d in diagnostics if d.fix is not None]


def summary(outcome: FixOutcome | None, counts: tuple[int, int], unsafe: bool) -> list[str]:
    """The closing lines a person reads: what was fixed and what ``--fix`` could still do.

    ``counts`` is what `fixable` gave for the reports shown: (safe, unsafe-only).
    """
    lines = []
    if outcome and outcome.fixed:
        total = sum(outcome.fixed.values())
        parts = ", ".join(f"{rule} {count}" for rule, count in outcome.fixed.most_common())
        lines.append(f"Fixed {_problems(total)} ({parts}).")
    safe, unsafe_only = counts
    if unsafe:
        safe, unsafe_only = safe + unsafe_only, 0
    hidden = (
        f"{unsafe_only} hidden {'fix' if unsafe_only == 1 else 'fixes'} can be enabled "
        "with the `--unsafe-fixes` option"
    )
    option = "`--fix --unsafe-fixes`" if unsafe else "`--fix`"
    if safe:
        extra = f" ({hidden})" if unsafe_only else ""
        lines.append(f"[*] {safe} fixable with {option}{extra}.")
    elif unsafe_only:
        lines.append(f"No fixes available ({hidden}).")
    return lines


def _problems(count: int) -> str:
    return f"{count} problem" + ("" if count == 1 else "s")
