"""Locate the data that ships with lawlint (rule packs and grammars) and key its parsed tables.

In a wheel the top-level ``rules/`` and ``grammars/`` folders are installed as
``lawlint/_data/``; in a source checkout (or an editable install) they sit next
to the package. Both layouts must work so that ``lawlint`` finds its rules from
any working directory.
"""

from __future__ import annotations

from pathlib import Path

try:  # CPython's own small SHA-256: hashlib would load OpenSSL, ~3 ms at every start
    from _sha256 import sha256 as _sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256 as _sha256

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``rules`` or ``grammars``) shipped with lawlint."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawlint installation is missing its {name}/ folder")


def digest(data: bytes) -> str:
    """SHA-256 (hex) of shipped data, the key of the tables parsed from it ahead of time.

    Every run checks the shipped parse tables against the files they were made
    from, a few KB, so it need not pay for importing OpenSSL's hashlib.
    """
    return _sha256(data).hexdigest()
