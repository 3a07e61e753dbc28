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
import re
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
    # The lowest severity that fails the run (--fail-on): junit fails a file from it up.
    fail_on: Severity

    def __new__(
        cls, color: str = "auto", rules: Sequence[Rule] = (), fail_on: Severity = Severity.ERROR
    ) -> RenderOptions:
        return tuple.__new__(cls, (color, rules, fail_on))


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


# A lone surrogate: os.fsdecode's stand-in for a byte of a file name that is not
# UTF-8 (a GBK name from a Windows zip unpacked on Linux). No UTF-8 output can hold it.
LONE_SURROGATE = regex_memo.compile(r"[\ud800-\udfff]")
# What a file name may hold that a line of output cannot show as it is.
_PATH_UNSHOWABLE = regex_memo.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def shown_path(path: str) -> str:
    """``path`` for formats that only show it, each byte that is not UTF-8 as ``\\xNN``.

    The name's own bytes would make the whole output invalid UTF-8 (and a strict
    terminal refuses them); the escapes say which bytes the name holds, as
    ``ls --escape`` does, where U+FFFD would hide them. Controls, a line end
    included (a legal name on Linux), are shown as `visible` shows them.
    """
    if not _PATH_UNSHOWABLE.search(path):
        return path
    return _PATH_UNSHOWABLE.sub(_path_escape, path)


def _path_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code >= 0xD800 else _stand_in(found)


# Characters of report text a format must not pass on as they are: C0 controls but
# tab, line ends and form feed (ESC starts a terminal's escape sequences; XML 1.0
# and HTML forbid them), DEL, C1 controls (0x9b is an escape on some terminals),
# noncharacters (HTML forbids them) and lone surrogates (pypdf decodes a PDF's
# broken ToUnicode map with surrogatepass; no UTF-8 output can hold them).
_UNSHOWABLE = regex_memo.compile(
    "[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef\\ufffe\\uffff\\ud800-\\udfff]"
)


def visible(text: str) -> str:
    """``text`` to be shown (terminal, HTML, XML) with each control as a harmless stand-in.

    A C0 control or DEL becomes its Unicode control picture (ESC as ␛), so the reader
    sees that one is there and a report cannot drive the terminal; others
    become U+FFFD. One character for one keeps every column where it was.
    """
    if not _UNSHOWABLE.search(text):
        return text
    return _UNSHOWABLE.sub(_stand_in, text)


def _stand_in(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


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
    that is killed, must not leave a truncated SARIF or HTML file behind. The
    formats write a file name that is not UTF-8 escaped (`shown_path`, JSON's
    ``\\udcNN``); a lone surrogate that still reaches here is written as the byte
    it stands for, not a traceback.
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
