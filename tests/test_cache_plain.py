"""cache._plain: the early return for plain scalars leaves enums and containers to the rest."""

from __future__ import annotations

import enum
import re

from lawlint import cache
from lawlint.diagnostics import Severity
from lawlint.linter import Selection
from lawlint.registry import load_rules


class _Level(enum.IntEnum):
    LOW = 1


class _Tag(str, enum.Enum):
    A = "a"


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
        (frozenset({"z", "y"}), ["y", "z"]),
        (b"bytes", "b'bytes'"),
    ]
    for value, expected in cases:
        assert cache._plain(value) == expected
        assert type(cache._plain(value)) is type(expected)


def test_options_made_in_code_are_keyed_by_the_values_they_were_built_from() -> None:
    """Without options_data, a rule is keyed by its options' NAMES, not what they derive."""
    [shipped] = [rule for rule in load_rules() if rule.name == "responsible-content-thin"]
    made = shipped.replace(options=shipped.options, options_data=None)
    data = cache._options_data(made)
    assert list(data) == ["items", "duties", "minimum"]  # not specs, patterns, listed
    assert cache._plain(data) == cache._plain(shipped.options_data)
    changed = made.with_options(minimum=made.options.minimum + 1)
    assert changed.options_data is None
    assert cache.fingerprint(Selection([changed])) != cache.fingerprint(Selection([made]))
