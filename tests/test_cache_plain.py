"""cache._plain: the early return for plain scalars leaves enums and containers to the rest."""

from __future__ import annotations

import dataclasses
import enum
import re

from lawlint import cache
from lawlint.diagnostics import Severity


class _Level(enum.IntEnum):
    LOW = 1


class _Tag(str, enum.Enum):
    A = "a"


@dataclasses.dataclass(frozen=True)
class _Options:
    words: tuple[str, ...]
    level: int
    derived: int = dataclasses.field(init=False, default=0)


def test_scalars_that_are_enums_or_subclasses_keep_their_treatment() -> None:
    """The early return for plain scalars must not catch an enum (an int or str subclass)."""
    pattern = re.compile("x", re.I)
    cases = [
        ("文本", "文本"),
        (3, 3),
        (2.5, 2.5),
        (True, True),
        (None, None),
        (Severity.ERROR, "ERROR"),
        (_Level.LOW, "LOW"),
        (_Tag.A, "A"),
        (
            {"b": {2, 1}, "a": [pattern, (True, None)]},
            {"a": [["re", "x", pattern.flags], [True, None]], "b": [1, 2]},
        ),
        (_Options(("一", "二"), 4), {"words": ["一", "二"], "level": 4}),
        (frozenset({"z", "y"}), ["y", "z"]),
        (b"bytes", "b'bytes'"),
    ]
    for value, expected in cases:
        assert cache._plain(value) == expected
        assert type(cache._plain(value)) is type(expected)
