"""Check kinds: one module per kind, each exposing ``check(outline, options)``.

A kind is the Python half of a rule; the YAML half (name, code, message,
severity, options) lives under ``rules/``. Several rules may share one kind
with different options. Every module in this package is a kind, found by name,
so adding a kind is adding a file.

The kinds are listed from the folder, not with pkgutil, whose listing imports
inspect (~7 ms at start-up once nothing else needs it), and each module is
imported when a rule of its kind is first loaded: ``check-rules`` on one rule
file need not import every kind. Listing the folder is right because lawlint
is installed as files: pyproject builds a wheel with hatchling, which pip
unpacks into site-packages, or installs the tree editable; it is never
imported from a zip archive (the rule packs are read as files too).
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from types import ModuleType

KINDS: frozenset[str] = frozenset(
    name[:-3]
    for name in os.listdir(__path__[0])
    if name.endswith(".py") and not name.startswith("_")
)


@cache  # asked for every rule run on every file
def module(kind: str) -> ModuleType:
    """The module of ``kind`` (one of KINDS), imported on first use."""
    return importlib.import_module(f"{__name__}.{kind}")
