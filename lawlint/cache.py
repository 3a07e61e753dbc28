"""Remember each file's diagnostics so that re-running on unchanged files skips the linting.

An entry is keyed by the decoded document (its text and every other field a
reader sets, so the same bytes read as Markdown and as plain text differ) and
lives in a file named after a fingerprint of everything else that decides the
result: the lawlint version, the code and rule files it runs, and the rule
selection and configuration. Change any of them and the old entries are simply
not found. Entries are plain JSON (never pickle: a cache folder may come from
anywhere), validated on load; a corrupt or foreign file is ignored and replaced.
Writes go to a unique temporary file that is renamed into place, so concurrent
runs never see half a file; when two runs save at once the last one wins, which
only costs the other run's new entries. A folder that cannot be written costs
speed, never the run.

Lookups need only the decoded ``Source`` and are read-only, so they work in any
worker process; storing happens in the process that saves (``store``).

A re-run over thousands of unchanged files should not even read them, so the
cache also remembers, per file, the size, times and inode it had when its
content was keyed (``recall``), and the line and column of every offset its
diagnostics name: a file that still stats the same is answered without being
opened, unless a renderer asks for its text (a code frame). As git does for its
index, a file changed less than two seconds before it was looked at is not
vouched for by its times, since a second edit within the file system's clock
tick could leave them unchanged; it is read and keyed by content instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from lawlint import __version__, cache_dir
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.linter import LintResult, Selection
from lawlint.registry import Rule
from lawlint.resources import data_dir
from lawlint.source import Position, Source, read_source

_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
# Source fields that locate lines or name the file rather than decide the result.
_NOT_CONTENT = frozenset({"path", "line_starts", "line_ends"})
# A file whose times are this close to the moment it was looked at may change again unseen.
_SETTLED_NS = 2_000_000_000


def fingerprint(selection: Selection, config: str = "") -> str:
    """Hash of what decides a result besides the document: code, rules, selection, config."""
    digest = hashlib.sha256(f"lawlint {__version__} cache {_FORMAT}\n".encode())
    for path in _code_files():
        digest.update(path.relative_to(path.parents[1]).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    digest.update(json.dumps(_selection_data(selection), sort_keys=True).encode())
    digest.update(config.encode())
    return digest.hexdigest()[:24]


def _code_files() -> list[Path]:
    """The package's modules (checks, outline, readers…), rule packs and grammars.

    Output formats are left out: they present results but do not decide them.
    """
    render = _PACKAGE / "render"
    files = sorted(path for path in _PACKAGE.rglob("*.py") if render not in path.parents)
    for name in ("rules", "grammars"):
        files += sorted(path for path in data_dir(name).iterdir() if path.is_file())
    return files


def _selection_data(selection: Selection) -> dict:
    return {
        "profile": selection.profile,
        "select": sorted(selection.select),
        "ignore": sorted(selection.ignore),
        "rules": [
            {f.name: _plain(getattr(rule, f.name)) for f in _RULE_FIELDS}
            for rule in selection.rules
        ],
    }


# Everything about a rule but its examples (they are documentation and tests).
_RULE_FIELDS = tuple(f for f in dataclasses.fields(Rule) if f.name != "examples")


def _plain(value: object) -> object:
    """A JSON-able, order-stable form of rule data (sets are sorted, patterns spelled out).

    Of a dataclass only what it was built from counts: derived fields follow from it.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return {f.name: _plain(getattr(value, f.name)) for f in fields if f.init}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in sorted(value.items(), key=str)}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, re.Pattern):
        return ["re", value.pattern, value.flags]
    if isinstance(value, enum.Enum):
        return value.name
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def content_key(source: Source) -> str:
    """Hash of the decoded document and how it was read (not where it lives)."""
    digest = hashlib.sha256(source.text.encode("utf-8", "surrogatepass"))
    for field in dataclasses.fields(source):
        if field.name not in _NOT_CONTENT and field.name != "text":
            digest.update(f"\0{field.name}={_plain(getattr(source, field.name))!r}".encode())
    return digest.hexdigest()[:32]


def _diagnostic_row(diagnostic: Diagnostic) -> list:
    fix = diagnostic.fix
    return [
        diagnostic.rule,
        diagnostic.code,
        int(diagnostic.severity),
        diagnostic.message,
        diagnostic.help,
        diagnostic.start,
        diagnostic.end,
        None if fix is None else [fix.title, fix.safe, [list(edit) for edit in _edits(fix)]],
    ]


def _edits(fix: Fix) -> Iterable[tuple[int, int, str]]:
    return ((edit.start, edit.end, edit.replacement) for edit in fix.edits)


def _diagnostic(row: list, length: int) -> Diagnostic:
    """Rebuild a diagnostic, checking every value: an entry is data, not trusted."""
    rule, code, severity, message, help_, start, end, fix = row
    if {type(rule), type(code), type(message), type(help_)} != {str}:
        raise ValueError("bad diagnostic row")
    if not _in_range(start, end, length):
        raise ValueError("bad diagnostic row")
    return Diagnostic(
        rule, code, _SEVERITIES[severity], message, help_, start, end, _fix(fix, length)
    )


_SEVERITIES = {int(severity): severity for severity in Severity}


def _fix(row: list | None, length: int) -> Fix | None:
    if row is None:
        return None
    title, safe, edits = row
    if not (isinstance(title, str) and isinstance(safe, bool)):
        raise ValueError("bad fix row")
    built = []
    for start, end, replacement in edits:
        if not (_in_range(start, end, length) and isinstance(replacement, str)):
            raise ValueError("bad edit row")
        built.append(Edit(start, end, replacement))
    return Fix(title, tuple(built), safe)


def _in_range(start: object, end: object, length: int) -> bool:
    return type(start) is int and type(end) is int and 0 <= start <= end <= length


class ResultCache:
    """The entries of one fingerprint: look up in any process, store and save in one."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.path = folder / f"results-{key}.json"
        self._entries, self._files = self._load()
        self._new: dict[str, list] = {}
        self._new_files: dict[str, list] = {}
        # Stamps taken by `recall` in this run, by path, for `store` to keep.
        self._stamps: dict[str, tuple[list[int], int]] = {}

    def _load(self) -> tuple[dict[str, list], dict[str, list]]:
        try:
            document = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}, {}
        ok = isinstance(document, dict) and document.get("format") == _FORMAT
        entries = document.get("entries") if ok else None
        files = document.get("files") if ok else None
        return (
            entries if isinstance(entries, dict) else {},
            files if isinstance(files, dict) else {},
        )

    def lookup(self, source: Source) -> LintResult | None:
        """The cached result for ``source``, or None; an entry that does not check out is None."""
        return self._result(self._entries.get(content_key(source)), source, len(source.text))

    def recall(self, path: str) -> LintResult | None:
        """The result for the file at ``path`` if it is unchanged since it was keyed, unread.

        Misses are stamped so that `store` can vouch for the file next time.
        """
        stamp = _stamp(path)
        if stamp is None:
            return None
        self._stamps[path] = (stamp, time.time_ns())
        known = self._files.get(os.path.abspath(path))
        if not isinstance(known, list) or known[:4] != stamp or len(known) != 5:
            return None
        if not isinstance(known[4], str):
            return None
        row = self._entries.get(known[4])
        try:
            unit, flat = row[2]
        except (TypeError, ValueError, IndexError, KeyError):
            return None
        if not (isinstance(unit, str) and isinstance(flat, list) and len(flat) % 3 == 0):
            return None
        if flat and (set(map(type, flat)) != {int} or min(flat) < 0):
            return None
        # Offsets are checked against the largest the entry names: the text is not at hand.
        source = StoredSource(path, unit, flat)
        return self._result(row, source, max(flat[::3], default=0))

    def unchanged(self, path: str) -> bool:
        """Whether the file at ``path`` still has the stamp `recall` saw."""
        stamped = self._stamps.get(path)
        return stamped is not None and stamped[0] == _stamp(path)

    def _result(self, row: object, source: Source | StoredSource, length: int) -> LintResult | None:
        try:
            profile, diagnostics = row[0], row[1]
            if not isinstance(profile, str):
                return None
            built = [_diagnostic(item, length) for item in diagnostics]
        except (TypeError, ValueError, IndexError, KeyError):
            return None
        return LintResult(source, None, profile, built, cached=True)

    def store(self, results: Iterable[LintResult]) -> None:
        """Remember freshly linted results, and the files that `recall` stamped."""
        for result in results:
            source = result.source
            if isinstance(source, StoredSource):
                continue
            key = content_key(source)
            if not result.cached:
                rows = [_diagnostic_row(diagnostic) for diagnostic in result.diagnostics]
                self._new[key] = [result.profile, rows, _positions(source, result.diagnostics)]
            stamped = self._stamps.get(source.path)
            if stamped and stamped[1] - stamped[0][1] > _SETTLED_NS:
                self._new_files[os.path.abspath(source.path)] = [*stamped[0], key]

    def save(self) -> None:
        """Merge new entries into the file atomically; a read-only folder is no error."""
        if not (self._new or self._new_files):
            return
        loaded_entries, loaded_files = self._load()
        entries, files = loaded_entries | self._new, loaded_files | self._new_files
        document = {"format": _FORMAT, "entries": entries, "files": files}
        with contextlib.suppress(OSError):
            cache_dir.write(self.path, json.dumps(document, ensure_ascii=False))
            self._entries, self._files, self._new, self._new_files = entries, files, {}, {}


def _stamp(path: str) -> list[int] | None:
    """What says a file is unchanged without reading it: size, times and inode (None: gone)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _positions(source: Source, diagnostics: Iterable[Diagnostic]) -> list:
    """[unit, [offset, line, column, …]] for every offset the diagnostics and fixes name."""
    offsets = set()
    for diagnostic in diagnostics:
        offsets.update((diagnostic.start, diagnostic.end))
        if diagnostic.fix:
            offsets.update(
                offset for start, end, _ in _edits(diagnostic.fix) for offset in (start, end)
            )
    flat = []
    for offset in sorted(offsets):
        where = source.position(offset)
        flat += [offset, where.line, where.column]
    return [source.unit, flat]


class StoredSource:
    """A file the cache vouches for without reading it.

    Renderers that only place diagnostics (json, concise, sarif…) get the stored
    line and column of each offset; anything else (the text of a code frame, a
    fix) reads the file then, once.
    """

    __slots__ = ("_flat", "_index", "_read", "path", "unit")

    def __init__(self, path: str, unit: str, flat: list[int]) -> None:
        """``flat`` is [offset, line, column, …] as `_positions` stores it."""
        self.path, self.unit, self._flat = path, unit, flat
        self._index: dict[int, int] | None = None
        self._read: Source | None = None

    def position(self, offset: int) -> Position:
        if self._index is None:
            self._index = dict(zip(self._flat[::3], range(0, len(self._flat), 3), strict=True))
        at = self._index.get(offset)
        if at is None:
            return self.read.position(offset)
        return Position(self._flat[at + 1], self._flat[at + 2])

    @property
    def read(self) -> Source:
        """The file as a `Source`, read on first use."""
        if self._read is None:
            self._read = read_source(self.path)
        return self._read

    def __getattr__(self, name: str) -> object:
        return getattr(self.read, name)


def clean(folder: Path) -> bool:
    """Remove a lawlint cache folder; refuse a folder that is not one. True if removed."""
    if not folder.is_dir():
        return False
    own = (folder / cache_dir.TAG).is_file() or all(
        path.name.lstrip(".").startswith(("results-", "markers-", "rules-", "gitignore"))
        for path in folder.iterdir()
    )
    if not own:
        raise OSError(f"{folder} does not look like a lawlint cache; not removing it")
    shutil.rmtree(folder)
    return True
