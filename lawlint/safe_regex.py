"""Compile regular expressions from rule files so that no report can make them hang.

Python's ``re`` backtracks and has no timeout, and a rule file may come from
anyone, while a report paragraph can be a megabyte long: ``(a+)+$`` takes
longer than the age of the universe on forty characters. Rather than racing a
timer (signals reach only the main thread, and a half-run rule is no answer),
a pattern is checked when the rule file is loaded, and refused with a reason
unless its backtracking is bounded by construction:

- every repeat has an upper bound (``{0,20}``, not ``*``, ``+`` or ``{2,}``);
- a repeat of varying count repeats one fixed sequence: no alternative,
  no other varying repeat inside it (the nested quantifiers of ``(a+)+``);
- no back-references (``\\1`` in a pattern makes matching NP-hard);
- the number of ways one match attempt can proceed (alternatives add, repeats
  multiply) is at most ``MAX_PATHS``.

Together these bound the work at each position of the text by ``MAX_PATHS``
steps, so a scan is linear in the text's length.
"""

from __future__ import annotations

import re

from lawlint import regex_memo

try:  # Python 3.11+
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

# Ways one match attempt may proceed: .{0,30}.{0,30} has 961; a third would be too many.
MAX_PATHS = 1000
_ATOMS = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN, sre.AT, sre.CATEGORY}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT} | (
    {sre.POSSESSIVE_REPEAT} if hasattr(sre, "POSSESSIVE_REPEAT") else set()
)


class UnsafePattern(ValueError):
    """A pattern whose matching time is not bounded; the message says which part and why."""


def compile_bounded(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``, refusing patterns that could backtrack without bound."""
    compiled = regex_memo.compile(pattern)  # a syntax error is re.error, with its own message
    check_bounded(pattern)
    return compiled


def check_bounded(pattern: str) -> sre_parse.SubPattern:
    """The parse of ``pattern`` if ``re.compile`` would accept it and it is bounded.

    Raises re.error where compiling would, UnsafePattern where the guard refuses.
    Compiling can cost a millisecond (a class of CJK characters builds a
    64K-entry table), so a rule may check its patterns at load and compile
    only those a report needs.
    """
    parsed = sre_parse.parse(pattern)  # syntax errors are the parser's
    check_parsed(pattern, parsed)
    return parsed


def check_parsed(pattern: str, parsed: sre_parse.SubPattern) -> None:
    """``check_bounded`` for a caller that has parsed ``pattern`` already (parsing is slow)."""
    try:
        paths = _paths(parsed)
    except UnsafePattern as error:
        raise UnsafePattern(f"pattern {pattern!r}: {error}") from None
    if paths > MAX_PATHS:
        raise UnsafePattern(
            f"pattern {pattern!r} can try {paths} ways at each position (limit {MAX_PATHS}); "
            "use fewer or smaller {m,n} ranges"
        )


def _paths(items) -> int:
    """Upper bound on the ways a sequence can match at one position."""
    total = 1
    for op, value in items:
        total *= _node_paths(op, value)
        if total > MAX_PATHS:
            return total
    return total


def _node_paths(op, value) -> int:
    if op in _ATOMS:
        return 1
    if op is sre.SUBPATTERN:
        return _paths(value[-1])
    if op is sre.BRANCH:
        return sum(_paths(branch) for branch in value[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        direction, body = value
        low, high = body.getwidth()
        if direction < 0 and low != high:  # the one check re.compile adds to the parser's
            raise re.error("look-behind requires fixed-width pattern")
        return _paths(body)
    if op in _REPEATS:
        return _repeat_paths(*value)
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _paths(value)
    if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
        raise UnsafePattern("back-references (\\1, (?P=name), (?(1)…)) are not allowed")
    raise UnsafePattern(f"unsupported construct {op}")


def _repeat_paths(low: int, high: int, body) -> int:
    if high is sre.MAXREPEAT:
        raise UnsafePattern("unbounded repeat (*, + or {n,}); give it a bound such as {0,20}")
    inner = _paths(body)
    if low == high:  # a fixed count multiplies; capped so that {65535} stays cheap to check
        return 1 if inner == 1 else min(inner ** min(low, 64), MAX_PATHS + 1)
    if inner != 1:
        raise UnsafePattern(
            "a repeat of varying count may only repeat one fixed sequence "
            "(no alternatives or varying repeats inside it)"
        )
    return high - low + 1
