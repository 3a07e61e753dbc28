"""Locate the data that ships with lawlint (rule packs and grammars).

In a wheel the top-level ``rules/`` and ``grammars/`` folders are installed as
``lawlint/_data/``; in a source checkout (or an editable install) they sit next
to the package. Both layouts must work so that ``lawlint`` finds its rules from
any working directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``rules`` or ``grammars``) shipped with lawlint."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawlint installation is missing its {name}/ folder")
