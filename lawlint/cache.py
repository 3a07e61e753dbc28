"""Remember each file's diagnostics so that re-running on unchanged files skips the linting.

An entry is keyed by the decoded document (its text and every other field a
reader sets, so the same bytes read as Markdown and as plain text differ) and
lives in files named after a fingerprint of everything else that decides the
result: the lawlint version, the code and rule files it runs, and the rule
selection and configuration. Change any of them and the old entries are simply
not found. The entries of one fingerprint are spread over a fixed number of
files (shards), so that a run on one file reads and writes only small ones.
They are JSON (never pickle: a cache folder may come from anywhere) after a
first line with the CRC-32 of the rest, checked when the file is loaded: a
file that does not match (cut short, a byte changed, written by hand or by
another version) is ignored as a whole and replaced, so each entry's JSON text
and what a JSON run counts of it (severities, fix safety, stored with the text)
are used as they were written, not re-read every run. Within a file that
matches, each value is still checked for its type and range where it is used,
so that no file, however made, crashes a run: an entry that does not check out
(even JSON nested too deep to parse) is a miss, linted and stored again. (A
checksum finds damage, not a forgery: whoever can write the cache folder can
make lawlint report anything it could report, as they could before.) Writes go
to a unique temporary file that is renamed into place, so concurrent runs never
see half a file; when two runs save the same file at once the last one wins,
which only costs the other run's new entries there (as does a run that prunes
stale entries while another adds to the same file). A folder that cannot be
written costs speed, never the run.

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
import enum
import functools
import json
import os
import re
import sys
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from lawlint import __version__, cache_dir
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.linter import LintResult, Selection
from lawlint.registry import Rule, option_values
from lawlint.resources import PACKAGE, data_dir, digest, sha256
from lawlint.source import Position, Source, SourceError, read_source

_FORMAT = 6
# Results files per fingerprint (see ResultCache).
SHARDS = 64
# Source fields that locate lines or name the file rather than decide the result.
_NOT_CONTENT = frozenset({"path", "line_starts", "line_ends"})
# A file whose times are this close to the moment it was looked at may change again unseen.
_SETTLED_NS = 2_000_000_000
# A file that `known` found unchanged this recently is recalled for a JSON run
# (which never reads it) without a second stat (~3 µs a file): the run shows it
# as it was at a moment of the run either way. Set aside longer (a pool linting
# the rest), or recalled for any other run, it is stat'ed again at its turn.
_RECENT_NS = 1_000_000_000
# Where "/" is the only separator and there are no drives (see ResultCache._absolute).
_SLASH_ONLY = os.sep == "/" and os.altsep is None


def fingerprint(selection: Selection, config: str = "", folder: Path | None = None) -> str:
    """Hash of what decides a result besides the document: code, rules, selection, config.

    ``folder`` (the cache folder) keeps the code files' hash between runs (`_code_digest`).
    """
    material = (
        f"lawlint {__version__} cache {_FORMAT}\n{_code_digest(folder)}\n"
        f"{_selection_text(selection)}\n{config}"
    )
    return digest(material.encode("utf-8", "surrogatepass"))[:24]


@functools.cache  # once per run, also when several configurations each ask for a fingerprint
def _code_digest(folder: Path | None) -> str:
    """Hash of the code and data files, read and hashed only when they stat otherwise than noted.

    Reading and hashing the ~560 KB costs a warm run more than the few dozen
    stats do, so the hash is noted in ``folder`` with each file's path, size,
    times and inode (a memo per installation). Any edit changes the size or
    the times (on POSIX the change time cannot be set back), so a file that
    stats as noted holds what was hashed. On Windows st_ctime is the creation
    time, so an edit in place that restores the size and mtime would go
    unseen: there the files are hashed every run and nothing is noted. As
    for the files linted (see ``_SETTLED_NS``), a note is only written when
    no file changed in the two seconds before its stats were taken: a second
    edit within the clock tick could leave them as they were.
    """
    files = _code_files()
    if folder is None or sys.platform == "win32":
        return _hash_code(files)
    stamps = [[path, *(_stamp(path) or [])] for path in map(os.fspath, files)]
    memo = folder / f"code-{digest(str(PACKAGE).encode())[:16]}.json"
    noted = _read_note(memo)
    if noted is not None and noted[0] == stamps:
        return noted[1]
    hashed = _hash_code(files)
    if _settled(stamps, time.time_ns()):
        with contextlib.suppress(OSError, ValueError):
            cache_dir.write(memo, json.dumps([stamps, hashed], ensure_ascii=False))
    return hashed


def _read_note(memo: Path) -> list | None:
    """[stamps, hash] as `_code_digest` noted them, or None if missing or malformed.

    Stamps of any other shape are harmless: they only fail to equal the files' stamps.
    A note nested too deep for json (RecursionError) is damage like any other.
    """
    try:
        noted = json.loads(memo.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    valid = isinstance(noted, list) and len(noted) == 2 and isinstance(noted[1], str)
    return noted if valid else None


def _settled(stamps: list[list], now: int) -> bool:
    """Whether every file was last changed (mtime and ctime) over two seconds before ``now``."""
    return all(len(stamp) == 5 and now - max(stamp[2:4]) > _SETTLED_NS for stamp in stamps)


def _hash_code(files: list[str]) -> str:
    """Hash of the files' contents, each named by its folder and file name."""
    parts = []
    for path in files:
        folder, name = os.path.split(path)
        with open(path, "rb") as stream:
            parts += (f"{os.path.basename(folder)}/{name}".encode(), b"\0", stream.read())
    return digest(b"".join(parts))


# The modules of render/ whose output the cache keeps (see `_code_files`).
_STORED_FORMAT = ("__init__.py", "json_format.py")


def _code_files() -> list[str]:
    """The package's modules (checks, outline, readers…), rule packs and grammars.

    Output formats are left out, as they present results but do not decide them,
    but for the JSON writer: the cache stores the text it writes for each
    finding, and a warm JSON run writes that text back. Listed as strings by
    os.scandir, which tells files from folders without a stat each (os.walk:
    ~0.07 ms more; Path objects, sorted: ~0.4 ms; rglob: ~2 ms).
    """
    files = [os.path.join(PACKAGE, "render", name) for name in _STORED_FORMAT]
    _add_modules(str(PACKAGE), files, ("render", "__pycache__"))
    files.sort()
    for name in ("rules", "grammars"):
        with os.scandir(data_dir(name)) as entries:
            files += sorted(entry.path for entry in entries if entry.is_file())
    return files


def _add_modules(folder: str, files: list[str], skipped: tuple[str, ...]) -> None:
    """Add the .py files in ``folder`` and its subfolders but ``skipped`` (and __pycache__)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                files.append(entry.path)
            elif entry.is_dir() and entry.name not in skipped:
                _add_modules(entry.path, files, ("__pycache__",))


def _selection_text(selection: Selection) -> str:
    """The selection as JSON: profile, names selected and ignored, each rule's fields and options.

    json writes nearly all of it in C and asks `_plain` only for what it cannot
    write as it is (sets, patterns, enums that are not ints or strings): ~5x
    faster than making all of it plain first, which is left for data json
    cannot key or sort (keys of mixed types, tuple keys).
    """
    data = [
        selection.profile,
        sorted(selection.select),
        sorted(selection.ignore),
        [
            [*(getattr(rule, name) for name in _RULE_FIELDS), _options_data(rule)]
            for rule in selection.rules
        ],
    ]
    try:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_plain)
    except TypeError:
        return json.dumps(_plain(data), ensure_ascii=False, sort_keys=True)


# Everything about a rule but what documents it (examples, rationale, source: no
# finding shows them) and its options, which `_options_data` gives.
_RULE_FIELDS = tuple(
    name
    for name in Rule.__slots__
    if name not in ("examples", "rationale", "source", "options", "options_data")
)


def _options_data(rule: Rule) -> object:
    """The data a rule's options were built from, or else the options' own values.

    The options follow from their data and the code (part of the fingerprint
    too), and keying by the data leaves deferred options unbuilt (see `Rule`).
    """
    if rule.options_data is not None:
        return rule.options_data
    return None if rule.options is None else option_values(rule.options)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: object) -> object:
    """A JSON-able, order-stable form of rule data (sets are sorted, patterns spelled out)."""
    if type(value) in _SCALARS:
        return value  # most values: tested first, before the ABC tests
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


# What `content_key` hashes besides the text: Source's other fields, in their order.
_CONTENT_FIELDS = tuple(
    name for name in Source.__slots__ if name not in _NOT_CONTENT and name != "text"
)


def content_key(source: Source) -> str:
    """Hash of the decoded document and how it was read (not where it lives)."""
    hashed = sha256(source.text.encode("utf-8", "surrogatepass"))
    for name in _CONTENT_FIELDS:
        hashed.update(f"\0{name}={_plain(getattr(source, name))!r}".encode())
    return hashed.hexdigest()[:32]


def _diagnostic_row(diagnostic: Diagnostic, table: _Table) -> list:
    fix = diagnostic.fix
    text = table.index
    edits = None if fix is None else [[e.start, e.end, text(e.replacement)] for e in fix.edits]
    return [
        text(diagnostic.rule),
        text(diagnostic.code),
        int(diagnostic.severity),
        text(diagnostic.message),
        text(diagnostic.help),
        diagnostic.start,
        diagnostic.end,
        None if fix is None else [text(fix.title), fix.safe, edits],
    ]


class _Table:
    """A results file's string table, growing as new entries are written against it."""

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self._index = {text: number for number, text in enumerate(strings)}

    def index(self, text: str) -> int:
        number = self._index.get(text)
        if number is None:
            number = self._index[text] = len(self.strings)
            self.strings.append(text)
        return number


def _result(
    entry: object, strings: dict[int, str], source: Source | StoredSource, length: int
) -> LintResult | None:
    """The entry as a cached LintResult, or None if any value does not check out."""
    parsed = _parsed(entry)
    if parsed is None:
        return None
    profile, _unit, rows, _positions = parsed
    try:
        built = _diagnostics(rows, strings, length)
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return LintResult(source, None, profile, built, cached=True)


def _is_entry(entry: object) -> bool:
    return isinstance(entry, list) and len(entry) == _ENTRY_SIZE


def _parsed(entry: object) -> tuple[str, str, list, list] | None:
    """An entry's profile, unit, diagnostic rows and [offset, line, column, …] positions.

    None for an entry whose shape or types do not check out (the rows' values
    are checked by their reader). Rows and positions are stored as one JSON
    text of numbers, parsed only for a run that needs the diagnostics
    themselves: one that writes JSON takes the stored text instead. A text
    nested too deep for json (RecursionError) is damage like any other.
    """
    if not _is_entry(entry):
        return None
    profile, unit, rows_text = entry[_PROFILE], entry[_UNIT], entry[_ROWS]
    if not (isinstance(profile, str) and isinstance(unit, str) and isinstance(rows_text, str)):
        return None
    try:
        rows, positions = json.loads(rows_text)
    except (TypeError, ValueError, RecursionError):  # not JSON, or not a pair
        return None
    if not (isinstance(rows, list) and isinstance(positions, list)):
        return None
    return profile, unit, rows, positions


# An entry: [profile, unit, rows (JSON text), the severities and fix safety
# of its diagnostics (see `_stated`), start and end of its JSON text in the
# file's texts (None, None: stored without)].
_PROFILE, _UNIT, _ROWS, _STATED, _TEXT_START, _TEXT_END = range(6)
_ENTRY_SIZE = 6


def _diagnostics(rows: list, strings: dict[int, str], length: int) -> list[Diagnostic]:
    """Rebuild diagnostics, checking every value first: an entry is data, not trusted."""
    _checked_rows(rows, strings, length)
    return _built(rows, strings)


def _checked_rows(
    rows: list, strings: dict[int, str], length: int
) -> tuple[list[Severity], list[bool]]:
    """The severity of each stored row and whether each fix is safe, after checking every value.

    Strings are looked up in a dict by index, so an index that is not one of
    the table's (negative, too large, not a number) is caught. Raises
    TypeError, ValueError, IndexError or KeyError on the first bad value.
    """
    severities, fix_safety = [], []
    for rule, code, severity, message, help_, start, end, fix in rows:
        if not (_in_range(start, end, length) and {rule, code, message, help_} <= strings.keys()):
            raise ValueError("bad diagnostic row")
        if fix is not None:
            _check_fix(fix, strings, length)
            fix_safety.append(fix[1])
        severities.append(_SEVERITIES[severity])
    return severities, fix_safety


def _check_fix(row: list, strings: dict[int, str], length: int) -> None:
    title, safe, edits = row
    if not (isinstance(safe, bool) and title in strings):
        raise ValueError("bad fix row")
    for start, end, replacement in edits:
        if not (_in_range(start, end, length) and replacement in strings):
            raise ValueError("bad edit row")


def _built(rows: list, strings: dict[int, str]) -> list[Diagnostic]:
    """Diagnostics from rows that `_checked_rows` passed."""
    severities = _SEVERITIES
    return [
        Diagnostic(
            strings[rule],
            strings[code],
            severities[severity],
            strings[message],
            strings[help_],
            start,
            end,
            None if fix is None else _built_fix(fix, strings),
        )
        for rule, code, severity, message, help_, start, end, fix in rows
    ]


_SEVERITIES = {int(severity): severity for severity in Severity}


def _built_fix(row: list, strings: dict[int, str]) -> Fix:
    title, safe, edits = row
    return Fix(
        strings[title],
        tuple(Edit(start, end, strings[replacement]) for start, end, replacement in edits),
        safe,
    )


def _in_range(start: object, end: object, length: int) -> bool:
    return type(start) is int and type(end) is int and 0 <= start <= end <= length


class _Shard:
    """One results file: the stamps of some paths and the entries of some content keys.

    The file is a checksum line, a JSON header on one line (string table,
    entries, file stamps) and then the entries' JSON texts, one after another
    (see `_load`). In the
    rows, strings (rule names, messages, help texts, fix titles and
    replacements) are stored once in the table and referenced by index: a
    folder's findings repeat a few hundred of them thousands of times.
    (10,000 reports: 4.2 MB of headers and 12.3 MB of JSON texts in 64 files.)
    Entries learnt in this run are kept as diagnostics and written against the
    table of the file as it is on disk when saving.
    """

    __slots__ = ("entries", "files", "loaded", "new_entries", "new_files", "path", "text", "texts")

    def __init__(self, path: Path) -> None:
        self.path = path
        strings, self.entries, self.files, self.texts, self.loaded = _load(path)
        self.text = dict(enumerate(strings))
        # Content key: profile, unit, diagnostics, positions and JSON text (or None):
        # as the linter made it, or as UTF-8 bytes when moved along from the file.
        self.new_entries: dict[
            str, tuple[str, str, list[Diagnostic], list[int], str | bytes | None]
        ] = {}
        self.new_files: dict[str, list] = {}

    def save(self, keep: set[str] | None = None) -> None:
        """Merge what is new into the file as other runs left it, atomically.

        With ``keep`` (the content keys still in use: a run that read every
        results file) the other entries are dropped, and the strings only they
        used, and so are the stamps of files that are gone: the file is
        written afresh from what remains, also when nothing is new but it
        holds something to drop. A run on a few files only adds to it (the
        stat of each stamped path costs ~2.6 µs, ~0.4 ms a file in a cache of
        10,000 reports).
        """
        if not (self.new_entries or self.new_files or (keep is not None and self._stale(keep))):
            return
        strings, entries, files, old_texts = self._as_on_disk()
        files = files | self.new_files
        if keep is not None:
            files = {path: stamp for path, stamp in files.items() if os.path.lexists(path)}
            self.new_entries = _kept(strings, entries, keep, old_texts) | self.new_entries
            strings, entries = [], {}
        # ValueError: text that cannot be written as UTF-8 (a lone surrogate) is not cached:
        # the file is left as other runs wrote it.
        with contextlib.suppress(OSError, ValueError):
            table, texts = _Table(strings), _Texts()
            entries = {  # other runs' entries, their texts moved along (a malformed one dropped)
                key: entry[:_TEXT_START] + texts.add(_text_of(entry, old_texts))
                for key, entry in entries.items()
                if key not in self.new_entries and _is_entry(entry)
            }
            for key, (profile, unit, diagnostics, positions, text) in self.new_entries.items():
                rows = [_diagnostic_row(diagnostic, table) for diagnostic in diagnostics]
                rows_text = json.dumps([rows, positions], separators=(",", ":"))
                entries[key] = [profile, unit, rows_text, _stating(diagnostics), *texts.add(text)]
            document = {
                "format": _FORMAT,
                "strings": table.strings,
                "entries": entries,
                "files": files,
            }
            header, joined = json.dumps(document, ensure_ascii=False).encode(), texts.joined()
            cache_dir.write(self.path, _sealed(header + b"\n" + joined))
            self.entries, self.files = entries, files
            self.text = dict(enumerate(table.strings))
            self.texts = memoryview(joined)
            self.new_entries, self.new_files = {}, {}

    def _as_on_disk(self) -> tuple[list[str], dict[str, list], dict[str, list], memoryview]:
        """What the file holds now: as loaded if no other run replaced it since, else read again.

        A file whose checksum line (the CRC-32 of the rest) is the one loaded
        holds what was loaded, and is not read again (~0.3 ms for a results
        file of a cache of 10,000 reports). Its stats would not tell: a file
        replaced twice can get back the first one's inode, and on a file system
        that keeps times to the second, its times and size too.
        """
        if _checksum_line(self.path) == self.loaded:
            return list(self.text.values()), self.entries, self.files, self.texts
        return _load(self.path)[:4]

    def json_text(self, entry: list) -> bytes | None:
        """The JSON text (UTF-8) an entry names in this file's texts, if its place checks out."""
        return _text_of(entry, self.texts)

    def _stale(self, keep: set[str]) -> bool:
        """Whether the file holds an entry or a file stamp for content no longer in use."""
        return not keep.issuperset(self.entries) or any(
            _stamp_key(stamp) not in keep for stamp in self.files.values()
        )


def _kept(
    strings: list[str], entries: dict[str, list], keep: set[str], texts: memoryview
) -> dict[str, tuple]:
    """The entries named in ``keep``, rebuilt to be written again; corrupt ones are dropped."""
    text = dict(enumerate(strings))
    kept = {}
    for key, entry in entries.items():
        parsed = _parsed(entry) if key in keep else None
        if parsed is not None:
            profile, unit, rows, positions = parsed
            try:
                diagnostics = _diagnostics(rows, text, sys.maxsize)
            except (TypeError, ValueError, IndexError, KeyError):
                continue
            kept[key] = (profile, unit, diagnostics, positions, _text_of(entry, texts))
    return kept


class _Texts:
    """The JSON texts of a results file being written (UTF-8), one after another.

    Kept and placed as bytes: a warm JSON run writes them to a UTF-8 output as
    they are, without decoding them (see json_format.Utf8Bytes).
    """

    def __init__(self) -> None:
        self._pieces: list[bytes] = []
        self._length = 0

    def add(self, text: str | bytes | None) -> list[int | None]:
        """Append ``text``; its [start, end] in the joined bytes ([None, None] for no text).

        Raises UnicodeEncodeError (a ValueError) for text with a lone surrogate.
        """
        if text is None:
            return [None, None]
        data = text.encode() if isinstance(text, str) else text
        start = self._length
        self._pieces.append(data)
        self._length += len(data)
        return [start, self._length]

    def joined(self) -> bytes:
        return b"".join(self._pieces)


def _text_of(entry: list, texts: memoryview) -> bytes | None:
    """The JSON text an entry names in ``texts``, or None if it names none or a bad place."""
    start, end = entry[_TEXT_START], entry[_TEXT_END]
    if type(start) is int and type(end) is int and 0 <= start <= end <= len(texts):
        return bytes(texts[start:end])
    return None


# A results file's first line: the CRC-32 of the rest, as 8 hexadecimal digits.
_CHECKSUM = b"%08x\n"
_CHECKSUM_SIZE = 9


def _sealed(body: bytes) -> bytes:
    """``body`` with the checksum line `_load` checks before it."""
    return _CHECKSUM % zlib.crc32(body) + body


def _checksum_line(path: Path) -> bytes | None:
    """The first line of a results file (see `_sealed`), or None if there is no file to read."""
    try:
        with open(path, "rb") as stream:
            return stream.read(_CHECKSUM_SIZE)
    except OSError:
        return None


def _load(
    path: Path,
) -> tuple[list[str], dict[str, list], dict[str, list], memoryview, bytes | None]:
    """The string table, entries, file stamps, texts (UTF-8) and checksum line of a results file.

    After the checksum line (see `_sealed`), the file is a JSON document on
    one line (json writes no raw line break) and then the entries' JSON texts,
    kept as a view of the bytes read (not copied: ~13 MB for 10,000 reports)
    that a JSON run takes each file's text from. All is empty if the file is not one, or if
    it was damaged since it was written (cut short, bytes changed: its CRC-32
    no longer matches); that check of the whole file (~5 ms for 18 MB) is what
    lets a run use the texts unchecked. The checksum line is the file's,
    whatever it holds (None: no file could be read).
    """
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        return [], {}, {}, memoryview(b""), None
    parsed = _parsed_file(data)
    if parsed is None:
        return [], {}, {}, memoryview(b""), data[:_CHECKSUM_SIZE]
    return (*parsed, data[:_CHECKSUM_SIZE])


def _parsed_file(
    data: bytes,
) -> tuple[list[str], dict[str, list], dict[str, list], memoryview] | None:
    """A results file's string table, entries, stamps and texts, or None if it is not one."""
    body = memoryview(data)[_CHECKSUM_SIZE:]
    if data[:_CHECKSUM_SIZE] != _CHECKSUM % zlib.crc32(body):
        return None
    end = data.find(b"\n", _CHECKSUM_SIZE)
    try:
        document = json.loads(data[_CHECKSUM_SIZE : None if end < 0 else end])
    except (ValueError, RecursionError):
        return None
    if not (isinstance(document, dict) and document.get("format") == _FORMAT):
        return None
    strings, entries, files = (document.get(name) for name in ("strings", "entries", "files"))
    if not (
        isinstance(strings, list)
        and all(type(text) is str for text in strings)
        and isinstance(entries, dict)
        and isinstance(files, dict)
    ):
        return None
    return strings, entries, files, memoryview(data)[len(data) if end < 0 else end + 1 :]


class ResultCache:
    """The entries of one fingerprint: look up in any process, store and save in one.

    They are spread over `SHARDS` files, a file's stamp by its path and an entry
    by its content key, each file read when first needed: a run on one file
    (a pre-commit hook) reads two small files, not the whole cache, and writes
    back only the files it added to.
    """

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self._shards: dict[int, _Shard] = {}
        # Stamps taken by `known` and `recall` in this run, by path, for `store` to keep.
        self._stamps: dict[str, tuple[list[int], int]] = {}
        # Content keys that `lookup` found: in use even if no file stamp names them.
        self._used: set[str] = set()
        # What the cache holds for each path looked at, so a second look only stats.
        self._found: dict[str, tuple[list, object, _Shard] | None] = {}
        # When `known` last found each path unchanged (time.monotonic_ns), for `recall`.
        self._known: dict[str, int] = {}
        self._cwd = os.getcwd()

    def _absolute(self, path: str) -> str:
        """``os.path.abspath(path)`` without asking for the working directory each time.

        (getcwd is a system call: ~3.5 µs of the ~4.7 µs abspath takes for a
        relative path, twice per file of a folder run given as a relative one.)
        Where "/" is the only separator, a joined path with no "." or ".."
        part (no "/."), no doubled and no trailing "/" is what normpath would
        return: most paths, which then skip its ~0.7 µs.
        """
        if _SLASH_ONLY:
            joined = path if path[:1] == "/" else f"{self._cwd}/{path}"
            if "/." not in joined and "//" not in joined and joined[-1:] != "/":
                return joined
        return os.path.normpath(os.path.join(self._cwd, path))

    def path_for(self, name: str) -> Path:
        """The results file holding the entry of a content key or the stamp of an absolute path."""
        return self.folder / f"results-{self.key}-{_shard_number(name):02d}.json"

    def _shard(self, name: str) -> _Shard:
        number = _shard_number(name)
        shard = self._shards.get(number)
        if shard is None:
            shard = self._shards[number] = _Shard(self.path_for(name))
        return shard

    def lookup(self, source: Source, text: bool = False) -> LintResult | None:
        """The cached result for ``source``, or None; an entry that does not check out is None.

        With ``text`` (a run that writes JSON) an entry stored without its JSON
        text, or with one that `recall` would refuse, is a miss, so that the
        file is linted and stored with a good one.
        """
        key = content_key(source)
        shard = self._shard(key)
        entry = shard.entries.get(key)
        if text and not (_is_entry(entry) and _stored_text(entry, shard) is not None):
            return None
        result = _result(entry, shard.text, source, len(source.text))
        if result is not None:
            self._used.add(key)
        return result

    def known(self, path: str) -> bool:
        """Whether the file at ``path`` stats as it did when its entry was stored.

        The entry itself is checked by `recall`, which stats the file again
        unless it recalls for a JSON run less than `_RECENT_NS` after this;
        misses are stamped so that `store` can vouch for the file next time.
        """
        if self._entry(path) is None:
            return False
        self._known[path] = time.monotonic_ns()
        return True

    def recall(self, path: str, text: bool = False) -> LintResult | None:
        """The result for the file at ``path`` if it is unchanged since it was keyed, unread.

        With ``text`` (a run that only writes JSON and counts) the result has
        the stored JSON text, severities and fix safety but no diagnostics.
        """
        recent = self._recent(path)
        # Only a JSON run, which never reads the file, takes the check's word for it:
        # any other may read it for a code frame or a fix, so it is stat'ed at its turn.
        found = recent if recent and text else self._entry(path)
        if found is None:
            return None
        entry, shard, key = found
        if text:
            return _recalled_text(path, entry, shard)
        return _recalled_rows(path, entry, shard, key)

    def _recent(self, path: str) -> tuple[object, _Shard, str] | None:
        """The entry `known` found for ``path`` less than `_RECENT_NS` ago, without a stat."""
        when = self._known.pop(path, None)
        if when is None or time.monotonic_ns() - when >= _RECENT_NS:
            return None
        _, entry, shard, key = self._found[path]
        return entry, shard, key

    def _entry(self, path: str) -> tuple[object, _Shard, str] | None:
        """The stored entry of the file at ``path`` if it stats as it did, else None.

        A miss is stamped, for `store`. A hit needs no new stamp: the stored
        one still names its content key, also when the entry there turns out
        damaged and is linted and stored again.
        """
        stamp = _stamp(path)
        if stamp is None:
            return None
        found = self._found.get(path)
        if found is None:
            found = self._found[path] = self._stored(path)
        if found is None or found[0] != stamp:
            self._stamps[path] = (stamp, time.time_ns())
            return None
        return found[1:]

    def _stored(self, path: str) -> tuple[list, object, _Shard, str] | None:
        """The stamp stored for the file at ``path``, with its entry, that entry's shard and key."""
        absolute = self._absolute(path)
        known = self._shard(absolute).files.get(absolute)
        key = _stamp_key(known)
        if key is None:
            return None
        shard = self._shard(key)
        entry = shard.entries.get(key)
        return None if entry is None else (known[:4], entry, shard, key)

    def store(self, results: Iterable[LintResult], from_disk: bool = True) -> None:
        """Remember freshly linted results, and the files that `recall` stamped.

        A result whose diagnostics carry their JSON text (``json_text``) is
        stored with it, for a later run that writes JSON. Not ``from_disk``
        (standard input, shown under a file's name), no stamp is taken to
        vouch for the file of that name.
        """
        for result in results:
            source = result.source
            if isinstance(source, LintedSource):
                key, positions = source.key, source.flat
            elif isinstance(source, StoredSource):
                continue  # recalled: stored already
            else:
                key, positions = content_key(source), None
            if not result.cached:
                if positions is None:
                    positions = _positions(source, result.diagnostics)
                text = getattr(result.diagnostics, "json_text", None)
                entry = (result.profile, source.unit, result.diagnostics, positions, text)
                self._shard(key).new_entries[key] = entry
            stamped = self._stamps.get(source.path) if from_disk else None
            # A path that is not UTF-8 (os.fsdecode's lone surrogates) cannot be written in
            # a results file: it is not stamped, and its entry is still found by content.
            if stamped and stamped[1] - stamped[0][1] > _SETTLED_NS and _is_utf8(source.path):
                absolute = self._absolute(source.path)
                self._shard(absolute).new_files[absolute] = [*stamped[0], key]

    def save(self) -> None:
        """Write what is new to each results file it belongs in; a read-only folder is no error.

        A run that has read every results file knows every stamp, so the
        entries no stamp names and this run did not use (files edited or
        deleted since) are dropped from the files it writes: the cache grows
        with the files it vouches for, not with every version ever linted.
        """
        shards = self._shards.values()
        if not any(shard.new_entries or shard.new_files for shard in shards):
            return  # an unchanged folder: nothing is written, nor looked at again
        keep = self._in_use() if len(self._shards) == SHARDS else None
        for shard in shards:
            shard.save(keep)

    def _in_use(self) -> set[str]:
        """Content keys named by the stamp of a file still there, or looked up or stored now."""
        keep = set(self._used)
        for shard in self._shards.values():
            keep.update(shard.new_entries)
            stamps = (shard.files | shard.new_files).items()
            keep.update(_stamp_key(stamp) for path, stamp in stamps if os.path.lexists(path))
        return keep


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _stamp_key(stamp: object) -> str | None:
    """The content key a stored file stamp names (None for a malformed one)."""
    if isinstance(stamp, list) and len(stamp) == 5 and isinstance(stamp[4], str):
        return stamp[4]
    return None


def _recalled_rows(path: str, entry: object, shard: _Shard, key: str) -> LintResult | None:
    """A stored entry as the result of the file at ``path``, with diagnostics, if it checks out."""
    parsed = _parsed(entry)
    if parsed is None:
        return None
    profile, unit, rows, flat = parsed
    if len(flat) % 3 or (flat and (set(map(type, flat)) != {int} or min(flat) < 0)):
        return None
    try:
        # Offsets are checked against the largest the entry names: the text is not at hand.
        counts = _checked_rows(rows, shard.text, max(flat[::3], default=0))
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    diagnostics = StoredDiagnostics(rows, shard.text, *counts)
    source = StoredSource(path, unit, flat, key)
    return LintResult(source, None, profile, diagnostics, cached=True)


def _recalled_text(path: str, entry: object, shard: _Shard) -> LintResult | None:
    """A stored entry as a result for a run that writes JSON: text, severities and fixes."""
    try:
        profile, unit = entry[_PROFILE], entry[_UNIT]
        stored = _stored_text(entry, shard)
    except (TypeError, IndexError, KeyError):
        return None
    if not (isinstance(profile, str) and isinstance(unit, str) and stored is not None):
        return None
    text, (severities, fix_safety) = stored
    diagnostics = StoredDiagnostics(None, {}, severities, fix_safety, text)
    return LintResult(StoredSource(path, unit, [], None), None, profile, diagnostics, cached=True)


def _stored_text(
    entry: list, shard: _Shard
) -> tuple[bytes, tuple[tuple[Severity, ...], tuple[bool, ...]]] | None:
    """An entry's JSON text with the severities and fix safety stored with it, if they check out.

    They are used as written (the results file's checksum matched when it was
    loaded): only their types and the text's place are checked here. Raises
    TypeError, IndexError or KeyError for an entry that is not a list of the
    right size.
    """
    stated = _stated(entry[_STATED])
    if stated is None:
        return None
    text = shard.json_text(entry)
    return None if text is None else (text, stated)


# How `_stating` writes a severity and whether a fix is safe, and how `_stated` reads them.
_SEVERITY_DIGITS = {severity: str(int(severity)) for severity in Severity}
_DIGIT_SEVERITIES = {digit: severity for severity, digit in _SEVERITY_DIGITS.items()}
_SAFETY_DIGITS = {"1": True, "0": False}


def _stating(diagnostics: Iterable[Diagnostic]) -> str:
    """What a JSON run counts of ``diagnostics``, as a code stored beside their JSON text.

    "223/10" is a warning, a warning and an error, with a safe fix and an
    unsafe one: a run that writes the stored text counts from it, not from the
    rows (which it would have to parse) nor from the text (which it would
    have to search).
    """
    digits = _SEVERITY_DIGITS
    severities = "".join([digits[diagnostic.severity] for diagnostic in diagnostics])
    fixes = "".join(["1" if d.fix.safe else "0" for d in diagnostics if d.fix is not None])
    return f"{severities}/{fixes}"


# What `_stated` made of each code. One is kept per distinct code in the cache,
# which files crafted to differ could grow without end, so as
# DiagnosticText.KEPT it starts afresh past this many.
_STATED_RUNS: dict[str, tuple[tuple[Severity, ...], tuple[bool, ...]]] = {}
_STATED_KEPT = 10_000


def _stated(code: object) -> tuple[tuple[Severity, ...], tuple[bool, ...]] | None:
    """The severities and fix safety `_stating` wrote as ``code``; None if it is no such code.

    Made once per distinct code (a folder's files share a few hundred).
    """
    if type(code) is not str:
        return None
    stated = _STATED_RUNS.get(code)
    if stated is None:
        severities, slash, fixes = code.partition("/")
        try:
            stated = (
                tuple(_DIGIT_SEVERITIES[digit] for digit in severities),
                tuple(_SAFETY_DIGITS[digit] for digit in fixes),
            )
        except KeyError:
            return None
        if not slash:
            return None
        if len(_STATED_RUNS) >= _STATED_KEPT:
            _STATED_RUNS.clear()
        _STATED_RUNS[code] = stated
    return stated


def _shard_number(name: str) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogatepass")) % SHARDS


def _stamp(path: str) -> list[int] | None:
    """What says a file is unchanged without reading it: size, times and inode (None: gone)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _positions(source: Source, diagnostics: Iterable[Diagnostic]) -> list[int]:
    """[offset, line, column, …] for every offset the diagnostics and fixes name."""
    offsets = set()
    for diagnostic in diagnostics:
        offsets.update((diagnostic.start, diagnostic.end))
        if diagnostic.fix:
            offsets.update(
                offset for edit in diagnostic.fix.edits for offset in (edit.start, edit.end)
            )
    flat = []
    for offset in sorted(offsets):
        where = source.position(offset)
        flat += [offset, where.line, where.column]
    return flat


class StoredDiagnostics(Sequence[Diagnostic]):
    """A file's diagnostics as the cache stores them, made into objects only when asked.

    A warm run over a folder mostly counts findings and writes them as JSON;
    building a Diagnostic (and Fix, Edit, Position) for each took about a
    third of recalling a report (``benchmarks/cache.py --stages``). Counting
    reads ``severities`` (one per finding) and ``fix_safety`` (one per fix:
    whether it is safe) without building them. Recalled with rows
    (``recall(path)``), it builds the diagnostics from the rows and the string
    table they index (``rows``, ``strings``; read only here), which passed
    `_checked_rows` when recalled, so they are built unchecked. Recalled for a
    run that writes JSON (``recall(path, text=True)``), or sent back so from a
    worker, it has no rows but ``json_text``, the file's objects as
    `DiagnosticText.tails` wrote them (the renderer only adds the path; UTF-8
    bytes when recalled, as the results file holds them), and the severities
    and fix safety stored with that text (see `_stating`).
    """

    __slots__ = ("_built", "fix_safety", "json_text", "rows", "severities", "strings")

    def __init__(
        self,
        rows: list | None,
        strings: dict[int, str],
        severities: list[Severity],
        fix_safety: list[bool],
        json_text: str | bytes | None = None,
    ) -> None:
        self.rows, self.strings = rows, strings
        self.severities, self.fix_safety = severities, fix_safety
        self.json_text = json_text
        self._built: list[Diagnostic] | None = None

    def _diagnostics(self) -> list[Diagnostic]:
        if self.rows is None:
            raise TypeError("recalled with text=True: only the JSON text and counts are kept")
        if self._built is None:
            self._built = _built(self.rows, self.strings)
        return self._built

    def __len__(self) -> int:
        return len(self.severities)

    def __getitem__(self, index: int | slice) -> Diagnostic | list[Diagnostic]:
        return self._diagnostics()[index]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._diagnostics())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._diagnostics() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a list, which has no hash

    def __repr__(self) -> str:
        return f"StoredDiagnostics({self._diagnostics()!r})"


class StoredSource:
    """A file the cache vouches for without reading it.

    Renderers that only place diagnostics (json, concise, sarif…) get the stored
    line and column of each offset (``places``, as tuples); anything else (the
    text of a code frame, a fix) reads the file then, once. ``key`` is the
    content key the diagnostics were made for: a file read that no longer
    holds that text is refused, so that no stale offset lands in new text.
    """

    __slots__ = ("_flat", "_places", "_read", "key", "path", "unit")

    def __init__(self, path: str, unit: str, flat: list[int], key: str | None) -> None:
        """``flat`` is [offset, line, column, …] as `_positions` stores it."""
        self.path, self.unit, self._flat, self.key = path, unit, flat, key
        self._places: dict[int, tuple[int, int]] | None = None
        self._read: Source | None = None

    @property
    def places(self) -> dict[int, tuple[int, int]]:
        """(line, column) of each offset the cache stored for this file."""
        if self._places is None:
            flat = self._flat
            places = zip(flat[1::3], flat[2::3], strict=True)
            self._places = dict(zip(flat[::3], places, strict=True))
        return self._places

    def position(self, offset: int) -> Position:
        found = self.places.get(offset)
        return Position(*found) if found is not None else self.read.position(offset)

    @property
    def read(self) -> Source:
        """The file as a `Source`, read on first use; SourceError if it changed since keyed."""
        if self._read is None:
            source = read_source(self.path)
            if self.key is not None and content_key(source) != self.key:
                raise SourceError("changed on disk since it was linted")
            self._read = source
        return self._read

    def __getattr__(self, name: str) -> object:
        return getattr(self.read, name)


class LintedSource(StoredSource):
    """A file linted in a worker for a run that writes JSON, sent back without its text.

    Such a run shows the file's JSON text (made in the worker) and counts, so
    the text (most of the bytes pickled back, ~13 of ~15 KB a report) is left
    behind. With a cache, the worker sends `of` it: what the cache stores, its
    content key and the places its diagnostics name, made in the worker too.
    Without one, the worker sends a plain tuple and the main process builds it
    with neither key nor places (runner's `_received`). Anything else reads
    the file, as for a recalled file.
    """

    __slots__ = ()

    @classmethod
    def of(cls, source: Source, diagnostics: Sequence[Diagnostic]) -> LintedSource:
        """What is sent back of ``source`` for a run with a cache."""
        flat = _positions(source, diagnostics)
        return cls(source.path, source.unit, flat, content_key(source))

    def __reduce__(self) -> tuple:
        # Pickled by its fields: the default would ask __getattr__, which reads the file.
        return (LintedSource, (self.path, self.unit, self._flat, self.key))

    @property
    def flat(self) -> list[int]:
        """[offset, line, column, …] as `_positions` makes them."""
        return self._flat
