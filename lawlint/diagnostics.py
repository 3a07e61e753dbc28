"""The one diagnostic type every rule produces and every renderer reads.

Positions are character offsets into ``Source.text``; renderers turn them into
line and column of the original file through ``Source.position``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum


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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested change; only ``safe`` fixes are applied without ``--unsafe-fixes``."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports: where, the values for the rule's message, an optional fix."""

    start: int
    end: int
    args: Mapping[str, object] = field(default_factory=dict)
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding bound to its rule: what renderers show."""

    rule: str
    code: str
    severity: Severity
    message: str
    help: str
    start: int
    end: int
    fix: Fix | None = None
