"""The one diagnostic type every rule produces and every renderer reads.

Positions are character offsets into ``Source.text``; renderers turn them into
line and column of the original file through ``Source.position``.

The records are tuples (``record.Record``): immutable, quick to build, which
every finding does, and defined in microseconds at every start, where a
NamedTuple takes ~0.2 ms and a frozen dataclass ~0.7 ms.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType

from lawlint.record import Record

_NO_ARGS: Mapping[str, object] = MappingProxyType({})  # shared, so it must be read-only
_new_tuple = tuple.__new__


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


class Edit(Record):
    """Replace ``text[start:end]`` with ``replacement``."""

    __slots__ = ()
    start: int
    end: int
    replacement: str

    def __new__(cls, start: int, end: int, replacement: str) -> Edit:
        return _new_tuple(cls, (start, end, replacement))


class Fix(Record):
    """A suggested change; only ``safe`` fixes are applied without ``--unsafe-fixes``."""

    __slots__ = ()
    title: str
    edits: tuple[Edit, ...]
    safe: bool

    def __new__(cls, title: str, edits: tuple[Edit, ...], safe: bool = True) -> Fix:
        return _new_tuple(cls, (title, edits, safe))


class Finding(Record):
    """What a check reports: where, the values for the rule's message, an optional fix."""

    __slots__ = ()
    start: int
    end: int
    args: Mapping[str, object]
    fix: Fix | None

    def __new__(
        cls, start: int, end: int, args: Mapping[str, object] = _NO_ARGS, fix: Fix | None = None
    ) -> Finding:
        return _new_tuple(cls, (start, end, args, fix))


class Diagnostic(Record):
    """A finding bound to its rule: what renderers show."""

    __slots__ = ()
    rule: str
    code: str
    severity: Severity
    message: str
    help: str
    start: int
    end: int
    fix: Fix | None

    def __new__(
        cls,
        rule: str,
        code: str,
        severity: Severity,
        message: str,
        help: str,
        start: int,
        end: int,
        fix: Fix | None = None,
    ) -> Diagnostic:
        return _new_tuple(cls, (rule, code, severity, message, help, start, end, fix))
