"""The one diagnostic type every rule produces and every renderer reads.

Positions are character offsets into ``Source.text``; renderers turn them into
line and column of the original file through ``Source.position``.

The records are NamedTuples, immutable like frozen dataclasses but defined in
~0.1 ms instead of ~0.7 ms at every start (four of them: ~2.5 ms), and
quicker to build, which every finding does.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType
from typing import NamedTuple

_NO_ARGS: Mapping[str, object] = MappingProxyType({})  # shared, so it must be read-only


class Severity(IntEnum):
    """How serious a finding is; ordered so that ``>=`` compares with a threshold."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """A suggested change; only ``safe`` fixes are applied without ``--unsafe-fixes``."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


class Finding(NamedTuple):
    """What a check reports: where, the values for the rule's message, an optional fix."""

    start: int
    end: int
    args: Mapping[str, object] = _NO_ARGS
    fix: Fix | None = None


class Diagnostic(NamedTuple):
    """A finding bound to its rule: what renderers show."""

    rule: str
    code: str
    severity: Severity
    message: str
    help: str
    start: int
    end: int
    fix: Fix | None = None
