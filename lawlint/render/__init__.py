"""Output formats: one module per format, each with ``render(reports, stream, options)``.

Renderers only present what the rules decided; they never filter or judge.
``reports`` may be a generator that lints as it is read: a renderer goes
through it once, writes each file's output as it comes where its format
allows, and keeps only what it still has to print (a :class:`Tally` for
totals, never the sources of files already shown).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lawlint import regex_memo
from lawlint.diagnostics import Severity
from lawlint.record import Record

if TYPE_CHECKING:  # the CLI imports FORMATS before anything is linted; keep it light
    from lawlint.linter import LintResult
    from lawlint.registry import Rule

FORMATS = (
    "full",
    "concise",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "junit",
    "sarif",
    "html",
)


class FileReport:
    """One input: its lint result, or the one-line reason it could not be read.

    Not changed once made. A plain class: a dataclass would cost every start
    the dataclasses import and ~0.5 ms to define.
    """

    __slots__ = ("error", "path", "result")

    def __init__(
        self, path: str, result: LintResult | None = None, error: str | None = None
    ) -> None:
        self.path = path
        self.result = result
        self.error = error


class RenderOptions(Record):
    """How a human-facing renderer should look (a record: microseconds to define, not ~0.7 ms)."""

    __slots__ = ()
    color: str  # auto | always | never
    # The rules that were selected: formats that document rules (sarif, html) list them.
    rules: Sequence[Rule]

    def __new__(cls, color: str = "auto", rules: Sequence[Rule] = ()) -> RenderOptions:
        return tuple.__new__(cls, (color, rules))


Renderer = Callable[[Iterable[FileReport], TextIO, RenderOptions], None]


def renderer(name: str) -> Renderer:
    """The ``render`` function of format ``name`` (imported only when used)."""
    return importlib.import_module(f"lawlint.render.{name.replace('-', '_')}_format").render


_PLACEHOLDER = regex_memo.compile(r"\{[^{}]*\}")


def unfilled(template: str) -> str:
    """A rule's message template with its ``{placeholders}`` shown as an ellipsis.

    Formats that describe a rule rather than one finding (SARIF rule metadata,
    the HTML rule table) use it as the rule's one-line summary in Chinese.
    """
    return _PLACEHOLDER.sub("…", template).strip()


def repository_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it, else as given.

    CI annotations (GitHub, GitLab, SARIF) are matched against paths in the
    repository, which is the working directory of a CI job.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def write_atomically(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) so that readers see the old file or the new one, never half.

    A CI step that uploads the report while lawlint is still writing it, or a run
    that is killed, must not leave a truncated SARIF or HTML file behind. A file
    name that is not UTF-8 (os.fsdecode's lone surrogates) is written as its own
    bytes, as standard output shows it.
    """
    import tempfile  # with random, shutil and more (~5 ms): only runs that write a file need it

    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        mode = {"encoding": "utf-8", "errors": "surrogateescape", "newline": ""}
        with os.fdopen(handle, "w", **mode) as stream:
            stream.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


class Tally:
    """Totals of a run, gathered one report at a time so the reports need not be kept.

    A plain class: a dataclass would cost ~0.5 ms to define at every start.
    """

    __slots__ = ("checked", "flagged", "severities", "unreadable")

    def __init__(self) -> None:
        self.checked = 0  # files read and linted
        self.flagged = 0  # of those, files with findings
        self.unreadable = 0
        self.severities: dict[Severity, int] = dict.fromkeys(Severity, 0)

    def add(self, report: FileReport) -> None:
        if report.error:
            self.unreadable += 1
        if report.result:
            self.checked += 1
            diagnostics = report.result.diagnostics
            self.flagged += bool(diagnostics)
            # A recalled file's diagnostics know their severities without being built.
            severities = getattr(diagnostics, "severities", None)
            if severities is None:
                severities = (d.severity for d in diagnostics)
            for severity in severities:
                self.severities[severity] += 1

    @property
    def findings(self) -> int:
        return sum(self.severities.values())
