"""Compiled regular expressions remembered between runs, as .pyc files remember bytecode.

Python compiles every pattern anew in every process, and lawlint's patterns
(many with large CJK classes, on which re's charset optimiser is slow) cost
about 30 ms of a one-report run. `compile` keeps the code that re generates for
each (pattern, flags) in a file in the package's ``__pycache__`` and, in later
runs, builds the pattern object straight from that code with ``_sre.compile``,
which is how ``re.compile`` itself ends. The code is kept as hexadecimal
text of its machine words: JSON parses one string per pattern in a fraction of
the time it takes for the ~40,000 numbers of lawlint's patterns (3 ms).

This leans on re's private modules (``re._parser``, ``re._compiler``, ``_sre``),
so anything unexpected falls back to ``re.compile``: Python 3.10 (whose modules
have other names), a memo written by another interpreter or lawlint, a damaged
file, a pattern the code path refuses. The memo is written where Python writes
bytecode and only when it may (not under PYTHONDONTWRITEBYTECODE or ``-B``).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import sys
from pathlib import Path

from lawlint import __version__

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10: sre_compile and sre_parse; plain re.compile
    _sre = None

# The engine's code words as stored: native unsigned ints of the engine's word size.
_WORD = "I"
if _sre is not None and memoryview(bytes(_sre.CODESIZE)).cast(_WORD).itemsize != _sre.CODESIZE:
    _sre = None  # a platform whose ints are not the engine's words: plain re.compile

# Beyond this many patterns (user rules with ever new patterns) only the ones
# this run used are written back, so the file, read at every start, stays small:
# lawlint's own are ~95 (~2 KB each, CJK classes are long), read in ~2 ms.
_LIMIT = 300

# (flags, code, groups, groupindex, indexgroup): what _sre.compile takes, but
# the code as the hexadecimal text of its words, turned into a list when used.
Entry = tuple


def _key() -> str:
    """What the stored code depends on: the interpreter, its regex engine, lawlint."""
    return (
        f"{sys.implementation.cache_tag} {sys.hexversion:x} {_sre.MAGIC} {sys.byteorder}"
        f" {__version__}"
    )


class Memo:
    """The remembered patterns of one memo file: read on first use, written if changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[tuple[str, int], Entry] | None = None
        self.used: set[tuple[str, int]] = set()
        self.added = False

    def get(self, key: tuple[str, int]) -> Entry | None:
        if self.entries is None:
            self.entries = self._read()
        self.used.add(key)
        return self.entries.get(key)

    def put(self, key: tuple[str, int], entry: Entry) -> None:
        self.entries[key] = entry
        self.added = True

    def discard(self, key: tuple[str, int]) -> None:
        """Forget an entry that did not rebuild (the file was tampered with)."""
        self.entries.pop(key, None)
        self.added = True

    def _read(self) -> dict[tuple[str, int], Entry]:
        try:
            document = json.loads(self.path.read_bytes())
            if document["key"] != _key():
                return {}
            return {(item[0], item[1]): _entry(*item[2:]) for item in document["patterns"]}
        except (OSError, ValueError, LookupError, TypeError, RecursionError):
            return {}  # missing, damaged or from elsewhere: compile afresh and rewrite

    def save(self) -> None:
        """Write the memo if patterns were added and Python may write bytecode here."""
        if not self.added or sys.dont_write_bytecode:
            return
        keys = self.entries.keys() if len(self.entries) <= _LIMIT else self.used
        patterns = [[*key, *self.entries[key]] for key in keys if key in self.entries]
        text = json.dumps({"key": _key(), "patterns": patterns}, ensure_ascii=False)
        from lawlint.render import write_atomically  # only when something is written

        with contextlib.suppress(OSError):
            self.path.parent.mkdir(exist_ok=True)  # as Python makes __pycache__
            write_atomically(self.path, text)
            # Readable by whoever can read this module, as .pyc files are.
            os.chmod(self.path, os.stat(__file__).st_mode & 0o666)
        self.added = False


MEMO = Memo(
    Path(__file__).parent / "__pycache__" / f"regex-memo.{sys.implementation.cache_tag}.json"
)
atexit.register(MEMO.save)  # a no-op unless this run compiled something new


def _entry(flags: int, code: str, groups: int, groupindex: dict, indexgroup: list) -> Entry:
    return (flags, code, groups, groupindex, tuple(indexgroup))


def _words(code: str) -> list[int]:
    """The code words stored as ``code``; ValueError or TypeError if they are not words."""
    return memoryview(bytes.fromhex(code)).cast(_WORD).tolist()


def _hex(words: list[int]) -> str:
    from array import array  # only when a pattern is compiled afresh

    return array(_WORD, words).tobytes().hex()


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, _words(code), groups, groupindex, indexgroup)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the memo when this pattern was compiled before."""
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = MEMO.get(key)
    if entry is not None:
        try:
            return _build(pattern, entry)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            MEMO.discard(key)
    try:
        entry = _generate(pattern, key[1])
        compiled = _build(pattern, entry)
    except Exception:  # re.compile raises the right error, or copes
        return re.compile(pattern, flags)
    MEMO.put(key, entry)
    return compiled


def _generate(pattern: str, flags: int) -> Entry:
    """The arguments for ``_sre.compile``, made as ``re._compiler.compile`` makes them."""
    parsed = _parser.parse(pattern, flags)
    code = _hex([int(word) for word in _compiler._code(parsed, flags)])
    state = parsed.state
    indexgroup = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    return (flags | state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup))
