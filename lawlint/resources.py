"""Locate the data that ships with lawlint (rule packs and grammars) and key its parsed tables.

In a wheel the top-level ``rules/`` and ``grammars/`` folders are installed as
``lawlint/_data/``; in a source checkout (or an editable install) they sit next
to the package. Both layouts must work so that ``lawlint`` finds its rules from
any working directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import hashlib

try:  # CPython's own small SHA-256: hashlib would load OpenSSL, ~3 ms at every start
    from _sha256 import sha256 as _sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256 as _sha256

# The package folder, resolved once (Path.resolve makes a system call per part of the path).
PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``rules`` or ``grammars``) shipped with lawlint."""
    for candidate in (PACKAGE / "_data" / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawlint installation is missing its {name}/ folder")


def shipped_table(name: str) -> dict:
    """A JSON table shipped in ``rules/`` (parses made ahead of time); empty if unusable.

    Each entry is keyed by a digest of what it was made from, so a missing or
    damaged table only costs the work it would have saved.
    """
    try:
        table = json.loads((data_dir("rules") / name).read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    return table if isinstance(table, dict) else {}


def digest(data: bytes) -> str:
    """SHA-256 (hex) of shipped data, the key of the tables parsed from it ahead of time.

    Every run checks the shipped parse tables against the files they were made
    from, a few KB, so it need not pay for importing OpenSSL's hashlib.
    """
    return sha256(data).hexdigest()


# Bytes a process still hashes with CPython's SHA-256 before it imports OpenSSL's (`sha256`).
_small_left = 1 << 20


def sha256(data: bytes) -> hashlib._Hash:
    """A SHA-256 hash object of ``data`` (``update``, ``hexdigest``): one digest, two makers.

    OpenSSL's (hashlib) hashes ~5x faster than CPython's own but takes ~3 ms to
    import, which a run that hashes one report (pre-commit on a changed file)
    never makes back. The first MB a process hashes goes through CPython's
    (~3 ms more than OpenSSL's would take), the rest through OpenSSL's: never
    more than twice the cheaper choice. Bytes added by ``update`` are not counted.
    """
    global _small_left
    if len(data) <= _small_left:  # all of it, or a big file could cost CPython's many times over
        _small_left -= len(data)
        return _sha256(data)
    import hashlib

    return hashlib.sha256(data)
