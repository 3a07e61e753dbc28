"""Baselines: accept today's findings so that a CI gate fails only on new ones.

A finding is identified by its file, its rule, the text it flags and a short
window of the same line on each side (blanks removed) -- never by its line
number, so that editing above a finding or moving its paragraph elsewhere does
not bring it back. Identical findings are counted: an entry with count 2
suppresses two of them, and once one is fixed a new third one is reported.

Matching runs in two passes: first on file + rule + text + window, then, for
what is left over, on file + rule + text alone. The second pass keeps a finding
suppressed when only its neighbourhood was edited, while the counts keep a new
copy of an old mistake from hiding behind it.

The file is JSON, versioned, sorted and written the same way every run, so it
diffs well under version control. Paths are stored relative to the baseline
file's folder, so the baseline works from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from lawlint.diagnostics import Diagnostic
from lawlint.linter import LintResult
from lawlint.render import FileReport, write_atomically
from lawlint.render.json_format import escaped_surrogates
from lawlint.source import Source

VERSION = 1
# Characters of context kept on each side: enough to tell two identical phrases
# apart in most reports, short enough that an edit nearby rarely reaches it.
WINDOW = 12
_BLANKS = re.compile(r"\s+")
_NEWLINES = re.compile(r"\r\n|\r")
_FIELDS = ("path", "rule", "text", "before", "after")


class BaselineError(Exception):
    """A baseline file that cannot be used; the message says why in one line."""


class Key(NamedTuple):
    """What identifies a finding across edits of its file (sorted and counted as a tuple)."""

    path: str
    rule: str
    text: str
    before: str
    after: str

    @property
    def loose(self) -> tuple[str, str, str]:
        """The key without its window, for the second matching pass."""
        return self.path, self.rule, self.text


def finding_key(path: str, source: Source, diagnostic: Diagnostic) -> Key:
    """The key of ``diagnostic`` in ``source``, filed under ``path``."""
    text = source.text
    first = source.line_index(diagnostic.start)
    last = source.line_index(diagnostic.end)
    line_start = source.line_starts[first]
    line_end = source.line_ends[last]
    before = _BLANKS.sub("", text[line_start : diagnostic.start])[-WINDOW:]
    after = _BLANKS.sub("", text[diagnostic.end : max(line_end, diagnostic.end)])[:WINDOW]
    flagged = _NEWLINES.sub("\n", text[diagnostic.start : diagnostic.end])
    return Key(path, diagnostic.rule, flagged, before, after)


def fingerprints(path: str, source: Source, diagnostics: Sequence[Diagnostic]) -> list[str]:
    """Stable, unique ids for ``diagnostics`` (GitLab and SARIF track findings by them).

    Built from the same key as the baseline, plus the occurrence number among
    identical findings, so they survive edits above a finding.
    """
    seen: Counter[Key] = Counter()
    result = []
    for diagnostic in diagnostics:
        key = finding_key(path, source, diagnostic)
        seen[key] += 1
        fields = [key.path, key.rule, key.text, key.before, key.after, seen[key]]
        material = json.dumps(fields, ensure_ascii=False)
        result.append(hashlib.sha256(_utf8(material)).hexdigest()[:32])
    return result


def _utf8(text: str) -> bytes:
    """``text`` as bytes, a file name's undecodable bytes as they were on disk.

    A lone surrogate outside those escapes (a PDF's text can hold one) is kept
    as its code point's bytes, so that every finding gets a fingerprint and
    those of all other text stay what they were.
    """
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


class Baseline:
    """Accepted findings, counted, with paths relative to ``root``."""

    __slots__ = ("entries", "root")

    def __init__(self, root: Path, entries: Counter[Key]) -> None:
        self.root = root
        self.entries = entries

    def filter(self, reports: Iterable[FileReport]) -> Iterator[FileReport]:
        """The reports with every accepted finding removed, each as soon as it comes.

        Keys hold the path, so reports of different files never compete for
        an entry and each report is matched alone: exactly, then loosely. (A
        file given twice is matched in turn, the first copy first.)
        """
        left = Counter(self.entries)
        similar: defaultdict[tuple[str, str, str], list[Key]] = defaultdict(list)
        for key in left:
            similar[key.loose].append(key)
        for report in reports:
            keys = report_keys(report, self.root)
            kept = [not _consume(left, key) for key in keys]
            for index, key in enumerate(keys):
                if kept[index]:
                    accepted = similar.get(key.loose, ())
                    kept[index] = not any(_consume(left, entry) for entry in accepted)
            yield _keep(report, kept)


def report_keys(report: FileReport, root: Path) -> list[Key]:
    """The keys of a report's findings, with its path relative to ``root``."""
    if not report.result:
        return []
    path = relative_path(report.path, root)
    source = report.result.source
    return [finding_key(path, source, d) for d in report.result.diagnostics]


def _consume(counter: Counter, key: object) -> bool:
    """Use up one accepted finding under ``key``; False when none is left."""
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


def _keep(report: FileReport, flags: list[bool]) -> FileReport:
    if not report.result:
        return report
    result = report.result
    diagnostics = [d for d, keep in zip(result.diagnostics, flags, strict=True) if keep]
    kept = LintResult(result.source, result._outline, result.profile, diagnostics, result.cached)
    return FileReport(report.path, kept, report.error)


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root``, with ``/`` separators on every system."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def write(path: str | Path, reports: Iterable[FileReport]) -> int:
    """Record the findings of ``reports`` in ``path``; return how many were recorded."""
    target = Path(path)
    entries = Counter(key for report in reports for key in report_keys(report, target.parent))
    rows = [{**key._asdict(), "count": count} for key, count in sorted(entries.items())]
    document = {"version": VERSION, "findings": rows}
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # A file name that is not UTF-8 (os.fsdecode's lone surrogates) is written as
    # JSON escapes, which read back as the same name: the file stays UTF-8.
    text = escaped_surrogates(text)
    write_atomically(target, text + "\n")
    return sum(entries.values())


def load(path: str | Path) -> Baseline:
    """Read a baseline written by :func:`write`; raise BaselineError saying what is wrong."""
    target = Path(path)
    try:
        document = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {error}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise BaselineError(f"{path}: not a lawlint baseline of version {VERSION}")
    entries: Counter[Key] = Counter()
    for number, row in enumerate(document.get("findings") or [], 1):
        entries[_entry(path, number, row)] += row["count"]
    return Baseline(target.parent, entries)


def _entry(path: str | Path, number: int, row: object) -> Key:
    valid = (
        isinstance(row, dict)
        and all(isinstance(row.get(name), str) for name in _FIELDS)
        and isinstance(row.get("count"), int)
        and row["count"] > 0
    )
    if not valid:
        raise BaselineError(
            f"{path}: finding {number} needs strings {', '.join(_FIELDS)} and a positive count"
        )
    return Key(*(row[name] for name in _FIELDS))
