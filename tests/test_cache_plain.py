"""cache._plain's early return for plain scalars gives what the full chain of tests gives."""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping

from lawlint import cache
from lawlint.diagnostics import Severity
from lawlint.linter import Selection
from lawlint.registry import load_rules


def _reference(value: object) -> object:
    """cache._plain as it was before the scalar test: every type test in turn."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return {f.name: _reference(getattr(value, f.name)) for f in fields if f.init}
    if isinstance(value, Mapping):
        return {str(key): _reference(item) for key, item in sorted(value.items(), key=str)}
    if isinstance(value, (set, frozenset)):
        return sorted((_reference(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_reference(item) for item in value]
    if isinstance(value, re.Pattern):
        return ["re", value.pattern, value.flags]
    if isinstance(value, enum.Enum):
        return value.name
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


class _Level(enum.IntEnum):
    LOW = 1


class _Tag(str, enum.Enum):
    A = "a"


@dataclasses.dataclass(frozen=True)
class _Options:
    words: tuple[str, ...]
    level: int
    derived: int = dataclasses.field(init=False, default=0)


def test_the_selection_data_of_every_profile_is_as_before() -> None:
    rules = load_rules()
    for profile in (None, "fazhi", "generic"):
        selection = Selection(rules, profile=profile)
        plain = [cache._plain(rule.options) for rule in selection.rules]
        assert plain == [_reference(rule.options) for rule in selection.rules]


def test_scalars_that_are_enums_or_subclasses_keep_their_treatment() -> None:
    values = [
        "文本",
        3,
        2.5,
        True,
        None,
        Severity.ERROR,
        _Level.LOW,
        _Tag.A,
        {"b": {1, 2}, "a": [re.compile("x", re.I), (True, None)]},
        _Options(("一", "二"), 4),
        frozenset({"z", "y"}),
        b"bytes",
    ]
    for value in values:
        assert cache._plain(value) == _reference(value)
        assert type(cache._plain(value)) is type(_reference(value))
