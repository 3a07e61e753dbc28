"""Check kinds: one module per kind, each exposing ``check(outline, options)``.

A kind is the Python half of a rule; the YAML half (name, code, message,
severity, options) lives under ``rules/``. Several rules may share one kind
with different options. Every module in this package is a kind, found by name,
so adding a kind is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

KINDS: dict[str, ModuleType] = {
    info.name: importlib.import_module(f"{__name__}.{info.name}")
    for info in pkgutil.iter_modules(__path__)
    if not info.name.startswith("_")
}
