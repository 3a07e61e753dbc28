"""fixed-phrase: a wrong form of a fixed political or legal phrase (法制政府, 学习近平…).

The phrases are data (the rule's ``phrases`` option) so that users can add their
own. A phrase is looked for by its anchor: a literal text every match of it
holds (中全会 in 二十大三中全会), a known number of characters from the match's
start. The anchors are grouped by their first character, and each group is one
regex that begins with that character, which Python's regex engine skips to as
fast as str.find; a scan for a class of first characters (the phrases' own
starts: 一, 二, 法, 习…) tests every character and cost three times as much. A
phrase with no such text is found by one regex of all those patterns, merged on
their leading literal text (a trie: 法制政府 and 法制思维 share 法制), because
Python's regex engine tries every alternative at every candidate position and
would otherwise slow down with each phrase added. At each place where some
phrase matches, the phrases are re-run in list order to find the first and
expand its right form.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import groupby

try:  # the regex parser, to read a pattern's leading literal text
    from re import _constants as _C
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _C
    import sre_parse as _sre_parse

from lawlint import regex_memo
from lawlint.checks._text import joined, locator, paragraphs, replacement_edit, span
from lawlint.diagnostics import Finding, Fix
from lawlint.outline import Outline, Paragraph
from lawlint.record import Record
from lawlint.resources import data_dir, digest, shipped_table
from lawlint.safe_regex import UnsafePattern, check_bounded, check_parsed

# The parse of a phrase's pattern, which the checks at load, the merge and the
# locator all read (and never change): parsing is most of what loading costs.
_parse = cache(_sre_parse.parse)
# How far around a hit an exception is looked for (characters each side).
_EXCEPTION_REACH = 30
# Flags for the whole pattern, (?i) at its start: the merged pattern cannot hold them.
_GLOBAL_FLAGS = regex_memo.compile(r"\(\?[aiLmsux]+\)")


class Phrase:
    """One wrong form, the right form (a template for its groups) and its exceptions.

    The patterns are kept as text and compiled on first use (``_compiled``):
    a report needs the few whose places the combined scan found. This and the
    other records here are plain classes, not NamedTuples: defining one costs
    ~0.2 ms at every start.
    """

    __slots__ = ("certain", "exceptions", "joinable", "right", "wrong")

    def __init__(
        self, wrong: str, right: str, exceptions: str | None, certain: bool, joinable: bool
    ) -> None:
        self.wrong = wrong
        self.right = right
        self.exceptions = exceptions
        self.certain = certain
        self.joinable = joinable  # see ``_joinable``


class Options:
    """``phrases``: entries of ``wrong`` (regex), ``right``, optional ``exceptions``, ``certain``.

    ``exceptions`` are regexes for longer texts that contain the wrong form and
    are right (大学习近平…研究院); ``certain: false`` marks a right form that is
    only the likeliest one, so its fix is not applied automatically.
    """

    NAMES = ("phrases",)
    __slots__ = ("compiled", "groups", "joinable", "locator", "phrases")

    def __init__(self, phrases: list | None = None) -> None:
        if not isinstance(phrases, list) or not phrases:
            raise TypeError("'phrases' must be a non-empty list")
        self.phrases = phrases
        self.compiled, self.groups, self.locator = _planned(phrases)
        self.joinable = all(phrase.joinable for phrase in self.compiled)


# The plans of the shipped phrase lists, worked out ahead of time (see `plan`):
# working one out parses every pattern, ~2.5 ms of every run. Keyed by the
# phrases, so a list not in it (a user's) is worked out, and validated, as it is
# read. The key does not cover the code that plans (`_phrase`, `_groups`,
# `_locator`, safe_regex): after changing it, or the built-in phrases, rewrite
# the file (REGENERATE); until then test_phrase_plans fails.
_PLANS_FILE = "fixed-phrase-plans.json"
REGENERATE = "python -m lawlint.checks.fixed_phrase"
# A plan as JSON holds: {"phrases": [[wrong, right, exceptions, certain, joinable]…],
# "groups": [[first, scan, [[text, nearest, farthest, [phrase index…]]…]]…],
# "locator": pattern or null}.
Plan = dict


def plan(phrases: list) -> Plan:
    """How to find ``phrases``, as JSON data; ValueError or TypeError if one is invalid."""
    compiled = tuple(_phrase(index, entry) for index, entry in enumerate(phrases))
    groups, unanchored = _groups(compiled)
    return {
        "phrases": [[p.wrong, p.right, p.exceptions, p.certain, p.joinable] for p in compiled],
        "groups": groups,
        "locator": _locator(unanchored).pattern if unanchored else None,  # the unanchored
    }


def _planned(phrases: list) -> tuple[tuple[Phrase, ...], tuple[Group, ...], re.Pattern | None]:
    """The phrases, anchor groups and locator of ``phrases``, from a shipped plan if any."""
    shipped = _shipped_plans().get(_plan_key(phrases))
    if shipped is not None:
        with contextlib.suppress(LookupError, TypeError, ValueError, re.error):
            return _built(shipped)  # a damaged entry is worked out afresh below
    return _built(plan(phrases))


def _built(data: Plan) -> tuple[tuple[Phrase, ...], tuple[Group, ...], re.Pattern | None]:
    phrases = tuple(Phrase(*entry) for entry in data["phrases"])
    groups = tuple(
        Group(
            first,
            regex_memo.compile(scan),
            tuple(
                Anchor(text, nearest, farthest, tuple(phrases[index] for index in indices))
                for text, nearest, farthest, indices in anchors
            ),
        )
        for first, scan, anchors in data["groups"]
    )
    locator = data["locator"]
    return phrases, groups, None if locator is None else regex_memo.compile(locator)


def _plan_key(phrases: list) -> str | None:
    try:
        text = json.dumps(phrases, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return None  # not JSON (YAML dates…): never a shipped list
    return digest(text.encode("utf-8", "surrogatepass"))[:24]


@cache
def _shipped_plans() -> dict:
    return shipped_table(_PLANS_FILE)


def shipped_plans_text() -> str:
    """The plans file for the phrase lists of the built-in rule files as they are now."""
    from lawlint.registry import load_rules  # only to write the file

    lists = [rule.options_data["phrases"] for rule in load_rules() if rule.kind == "fixed_phrase"]
    table = {_plan_key(phrases): plan(phrases) for phrases in lists}
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class Anchor:
    """A literal text of a phrase's matches, and how many characters from a match's start."""

    __slots__ = ("farthest", "nearest", "phrases", "text")

    def __init__(self, text: str, nearest: int, farthest: int, phrases: tuple[Phrase, ...]):
        self.text = text
        self.nearest = nearest
        self.farthest = farthest
        self.phrases = phrases


class Group:
    """The anchors that start with ``first``, and one regex that finds any of them."""

    __slots__ = ("anchors", "first", "scan")

    def __init__(self, first: str, scan: re.Pattern[str], anchors: tuple[Anchor, ...]) -> None:
        self.first = first
        self.scan = scan
        self.anchors = anchors


# An anchor's texts are the product of the branches in it (个(维护|确立)): at most these many.
_MOST_TEXTS = 16
# The most characters an anchor's distance from a match's start may vary by: each is
# one match tried where the anchor is found.
_MOST_SPREAD = 16
# The most groups, each a pass over the report (~2 us a report): past them, the
# merged regex, one pass of ~20-40 us for all, finds the phrases left.
_MOST_GROUPS = 8


class _Candidate(Record):
    """An anchor a phrase could take: its texts, the least and most characters before it.

    A tuple: equal candidates, a dict's key, share one anchor.
    """

    __slots__ = ()
    texts: tuple[str, ...]
    nearest: int
    farthest: int

    def __new__(cls, texts: tuple[str, ...], nearest: int, farthest: int) -> _Candidate:
        return tuple.__new__(cls, (texts, nearest, farthest))

    @property
    def first(self) -> str:
        return self.texts[0][0]  # every text starts with the same character

    @property
    def length(self) -> int:
        return min(len(text) for text in self.texts)


def _groups(phrases: tuple[Phrase, ...]) -> tuple[list[list], list[str]]:
    """The anchor groups of ``phrases`` (as a `Plan` holds them), and the patterns of those
    that have no anchor.

    Each group is a pass over the report, so the anchors are chosen for few
    first characters: greedily, the first character at which the most phrases
    still without an anchor can take one (then the longer anchors, then the
    character itself, so that the choice is the same every time). Each phrase
    takes its longest anchor at that character. Past ``_MOST_GROUPS``, the
    phrases left (those that share a first character with few others) are
    found by the merged regex.
    """
    by_first: dict[str, dict[int, _Candidate]] = {}
    for index, phrase in enumerate(phrases):
        for candidate in _candidates(phrase.wrong):
            taking = by_first.setdefault(candidate.first, {})
            if index not in taking or candidate.length > taking[index].length:
                taking[index] = candidate
    left = {index for taking in by_first.values() for index in taking}
    groups = []
    while left and len(groups) < _MOST_GROUPS:
        first = max(by_first, key=lambda char: (*_coverage(by_first[char], left), char))
        taken = {index: by_first[first][index] for index in sorted(left & by_first[first].keys())}
        groups.append(_group(first, taken, phrases))
        left -= taken.keys()
    anchored = {index for taking in by_first.values() for index in taking} - left
    unanchored = [phrase.wrong for index, phrase in enumerate(phrases) if index not in anchored]
    return groups, unanchored


def _coverage(taking: dict[int, _Candidate], left: set[int]) -> tuple[int, int]:
    """How many phrases of ``left`` a first character takes, and their anchors' length."""
    lengths = [candidate.length for index, candidate in taking.items() if index in left]
    return len(lengths), sum(lengths)


def _group(first: str, taken: dict[int, _Candidate], phrases: tuple[Phrase, ...]) -> list:
    """[first, scan, anchors]: a `Group` as a `Plan` holds it (phrases by their index)."""
    places: dict[_Candidate, list[int]] = {}
    for index, candidate in taken.items():
        places.setdefault(candidate, []).append(index)
    anchors = [
        [text, place.nearest, place.farthest, indices]
        for place, indices in places.items()
        for text in place.texts
    ]
    # Any anchor at all, as one trie first: at a first character no anchor
    # follows (most of them), the scan does not try the anchors one by one.
    rests = _merged(sorted({re.escape(text[1:]) for text, *_ in anchors}))
    tails = "|".join(
        _scan_tail(place, [phrases[index] for index in indices])
        for place, indices in places.items()
    )
    return [first, f"{re.escape(first)}(?={rests})(?:{tails})", anchors]


def _scan_tail(place: _Candidate, found: list[Phrase]) -> str:
    """What follows an anchor's first character in its group's scan.

    The rest of its texts, then a look-behind to the farthest start a phrase
    can have that runs the phrases from there or as far later as the distance
    varies (as ``_text.locator`` does), so that the scan stops only where one
    matches: most anchors are found in most reports (习近平) and make no
    finding, and that test then costs no step in Python. Nearer the text's
    start than that farthest start, the look-behind cannot reach: the scan
    stops and the places are tried in Python.
    """
    rest = "|".join(re.escape(text[1:]) for text in place.texts)
    wrong = "|".join(f"(?:{phrase.wrong})" for phrase in found)
    spread = place.farthest - place.nearest
    lead = f"[\\s\\S]{{0,{spread}}}" if spread else ""
    reach = place.farthest + 1  # the anchor's first character is behind the scan too
    verified = f"(?<=(?={lead}(?:{wrong}))[\\s\\S]{{{reach}}})"
    if spread:
        verified = f"(?:{verified}|(?<![\\s\\S]{{{reach}}}))"
    return f"(?={rest}){verified}"


def _candidates(pattern: str) -> Iterator[_Candidate]:
    """Each literal text (2 characters or more) every match holds, from a character on.

    Read from the parse: runs of plain characters, through plain groups, through
    branches of plain text (the product of their texts) and over zero-width
    assertions, which take no character from between two others. One character
    would be no anchor: every 法 or 的 in a report would be tried.
    """
    parsed = _parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return
    for parts, nearest, farthest in _runs(_plain(list(parsed)), parsed.state):
        for start in range(len(parts)):
            texts = _product(parts[start:])
            if len(parts[start]) == 1 and parts[start][0] and min(map(len, texts)) >= 2:
                near = nearest + sum(min(map(len, part)) for part in parts[:start])
                far = farthest + sum(max(map(len, part)) for part in parts[:start])
                if far - near <= _MOST_SPREAD:
                    yield _Candidate(texts, near, far)


def _runs(items: list, state: object) -> Iterator[tuple[list[tuple[str, ...]], int, int]]:
    """The runs of plain text in ``items``: each part's texts, and the run's distance range."""
    nearest = farthest = 0  # the width of the items read so far
    run: tuple[list[tuple[str, ...]], int, int] | None = None
    for item in items:
        if item[0] in _ZERO_WIDTH_OPS:
            continue
        texts = _texts([item])
        if run and (texts is None or len(_product([*run[0], texts])) > _MOST_TEXTS):
            yield run
            run = None
        if texts is not None:
            run = run or ([], nearest, farthest)
            run[0].append(texts)
        low, high = _sre_parse.SubPattern(state, [item]).getwidth()
        nearest, farthest = nearest + low, farthest + high
    if run:
        yield run


def _plain(items: list) -> list:
    """``items`` with plain groups (no flags, not repeated) opened into their items."""
    opened = []
    for op, argument in items:
        if op is _C.SUBPATTERN and not argument[1] and not argument[2]:
            opened += _plain(list(argument[3]))
        else:
            opened.append((op, argument))
    return opened


def _texts(items: list) -> tuple[str, ...] | None:
    """Every text ``items`` can match when they are plain characters and branches of them."""
    texts = ("",)
    for op, argument in _plain(items):
        if op is _C.LITERAL:
            found: tuple[str, ...] | None = (chr(argument),)
        elif op is _C.BRANCH:
            branches = [_texts(list(branch)) for branch in argument[1]]
            found = None if None in branches else tuple(t for b in branches for t in b)
        else:
            return None
        if found is None or len(texts) * len(found) > _MOST_TEXTS:
            return None
        texts = tuple(a + b for a in texts for b in found)
    return texts


def _product(parts: list[tuple[str, ...]]) -> tuple[str, ...]:
    texts = ("",)
    for part in parts:
        texts = tuple(a + b for a in texts for b in part)
    return texts


def _merged(patterns: list[str]) -> str:
    """One regex matching where any of ``patterns`` matches, merged on leading literals."""
    trie: dict = {}
    for pattern in patterns:
        literal = _leading_literal(pattern)
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node.setdefault(_REST, []).append(pattern[len(literal) :])
    return _emit(trie)


_REST = ""  # the trie key under which the rests of the patterns ending at a node are kept


def _leading_literal(pattern: str) -> str:
    """The plain characters every match of ``pattern`` starts with, from the regex parser.

    Reading the parse, not the text, keeps a top-level alternation (a|b) or a
    quantified character (专项?) out of the prefix.
    """
    parsed = _parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ""
    literal = []
    for op, argument in parsed:
        if op is not _C.LITERAL:
            break
        literal.append(chr(argument))
    text = "".join(literal)
    return text if pattern.startswith(text) else ""


def _locator(patterns: list[str]) -> re.Pattern[str]:
    """A regex whose matches start exactly where one of ``patterns`` matches.

    It is the class of every character a match can start with, running the
    combined pattern from there (see ``_text.locator``); when some pattern can
    start with anything, it is the combined pattern alone. Where every match
    is at least two characters long, the character after the first must also
    be one a match can have there: most places a frequent first character
    (法, 一) is found fail that one test instead of the whole combined pattern.
    """
    combined = _merged(patterns)
    ranges: list[tuple[int, int]] = []
    after: list[tuple[int, int]] | None = []
    for pattern in patterns:
        parsed = _parse(pattern)
        items = list(parsed)
        caseless = parsed.state.flags & re.IGNORECASE
        found = None if caseless else _first_chars(items)
        if found is None:
            return regex_memo.compile(combined)
        ranges += found
        second = None if caseless else _second_chars(items)
        after = None if after is None or second is None else after + second
    first = f"[{_class(ranges)}]"
    if after:
        first += f"(?=[{_class(after)}])"
    return locator(first, combined)


def _class(ranges: list[tuple[int, int]]) -> str:
    """The body of a regex class of the code-point ranges."""
    return "".join(_class_range(low, high) for low, high in sorted(set(ranges)))


def _class_range(low: int, high: int) -> str:
    if low == high:
        return re.escape(chr(low))
    return f"{re.escape(chr(low))}-{re.escape(chr(high))}"


def _first_chars(items: list) -> list[tuple[int, int]] | None:
    """Code-point ranges a match of the parsed ``items`` can start with (None: anything)."""
    for op, argument in items:
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # zero-width: the next item decides
        if op is _C.LITERAL:
            return [(argument, argument)]
        if op is _C.IN:
            return _class_chars(argument)
        if op is _C.SUBPATTERN:
            _group, added_flags, _removed, inner = argument
            return None if added_flags & re.IGNORECASE else _first_chars(list(inner))
        if op is _C.BRANCH:
            branches = [_first_chars(list(branch)) for branch in argument[1]]
            return None if None in branches else [r for branch in branches for r in branch]
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and argument[0] > 0:
            return _first_chars(list(argument[2]))
        return None
    return None


def _class_chars(members: list) -> list[tuple[int, int]] | None:
    ranges = []
    for op, argument in members:
        if op is _C.LITERAL:
            ranges.append((argument, argument))
        elif op is _C.RANGE:
            ranges.append(argument)
        else:
            return None  # negated classes and categories (\d, \w) can start with anything
    return ranges


_ZERO_WIDTH_OPS = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)


def _second_chars(items: list) -> list[tuple[int, int]] | None:
    """Code-point ranges of the second character of every match of the parsed ``items``.

    None when unsure, or when a match can be a single character long.
    """
    for index, (op, argument) in enumerate(items):
        if op in _ZERO_WIDTH_OPS:
            continue
        if op in (_C.LITERAL, _C.IN):  # exactly one character
            found, empty = _starts(items[index + 1 :])
            return None if empty else found
        if op is _C.SUBPATTERN and not argument[1] & re.IGNORECASE:
            return _second_chars(list(argument[3]) + items[index + 1 :])
        return None
    return None


def _starts(items: list) -> tuple[list[tuple[int, int]] | None, bool]:
    """Ranges a match of the parsed ``items`` can start with (None: unsure); can it be empty?"""
    ranges: list[tuple[int, int]] = []
    for op, argument in items:
        if op in _ZERO_WIDTH_OPS:
            continue
        if op is _C.LITERAL:
            return [*ranges, (argument, argument)], False
        if op is _C.IN:
            found = _class_chars(argument)
            return (None if found is None else ranges + found), False
        if op is _C.SUBPATTERN and not argument[1] & re.IGNORECASE:
            found, empty = _starts(list(argument[3]))
        elif op is _C.BRANCH:
            branches = [_starts(list(branch)) for branch in argument[1]]
            if any(found is None for found, _ in branches):
                return None, False
            found = [r for branch_ranges, _ in branches for r in branch_ranges]
            empty = any(branch_empty for _, branch_empty in branches)
        elif op in _REPEATS:
            found, empty = _starts(list(argument[2]))
            empty = empty or argument[0] == 0
        else:
            return None, False
        if found is None:
            return None, False
        ranges += found
        if not empty:
            return ranges, False
    return ranges, True


# Anchors that read a paragraph's edge as they read a line break: \b and \B.
_EDGE_BLIND = frozenset({_C.AT_BOUNDARY, _C.AT_NON_BOUNDARY})
# Classes (\d, \S, \w) that never match a line break.
_NO_LINE_BREAK = frozenset({_C.CATEGORY_DIGIT, _C.CATEGORY_NOT_SPACE, _C.CATEGORY_WORD})
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)}
_ASSERTS = {_C.ASSERT, _C.ASSERT_NOT}


def _joinable(items: list, dotall: bool) -> bool:
    """Whether the parsed pattern finds in paragraphs joined by line breaks what it finds in each.

    Only an assertion can tell a paragraph's edge from the line break that
    joins it to the next: an anchor (^, $, \\A, \\Z) or a look-around that can
    read a line break. A match across paragraphs in the joined text is no
    problem: each place found is matched again in its own paragraph.
    """
    for op, argument in items:
        if op is _C.AT and argument not in _EDGE_BLIND:
            return False
        if op in _ASSERTS and not _no_line_break(list(argument[1]), dotall):
            return False
        if not all(_joinable(inner, flag) for inner, flag in _parts(op, argument, dotall)):
            return False
    return True


def _no_line_break(items: list, dotall: bool) -> bool:
    """Whether no character the parsed ``items`` match can be a line break (unsure: False)."""
    for op, argument in items:
        if op is _C.LITERAL and argument == ord("\n"):
            return False
        if op is _C.NOT_LITERAL and argument != ord("\n"):
            return False
        if op is _C.ANY and dotall:
            return False
        if op is _C.IN and not all(_member_no_line_break(*member) for member in argument):
            return False
        if op in (_C.GROUPREF, _C.GROUPREF_EXISTS):
            return False
        if not all(_no_line_break(inner, flag) for inner, flag in _parts(op, argument, dotall)):
            return False
    return True


def _member_no_line_break(op: object, argument: object) -> bool:
    if op is _C.LITERAL:
        return argument != ord("\n")
    if op is _C.RANGE:
        return not argument[0] <= ord("\n") <= argument[1]
    return op is _C.CATEGORY and argument in _NO_LINE_BREAK  # a negated class may match one


def _parts(op: object, argument: object, dotall: bool) -> list[tuple[list, bool]]:
    """The item sequences inside one parsed item, each with whether . matches a line break."""
    if op is _C.SUBPATTERN:
        _group, added, removed, inner = argument
        return [(list(inner), (dotall or bool(added & re.DOTALL)) and not removed & re.DOTALL)]
    if op is _C.BRANCH:
        return [(list(branch), dotall) for branch in argument[1]]
    if op in _REPEATS:
        return [(list(argument[2]), dotall)]
    if op in _ASSERTS:
        return [(list(argument[1]), dotall)]
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return [(list(argument), dotall)]
    return []


def _emit(node: dict) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in node.items() if char]
    branches += [f"(?:{rest})" for rest in node.get(_REST, ()) if rest]
    if _REST in node and "" in node[_REST]:
        branches.append("")  # a whole pattern ends here: nothing more is needed
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _phrase(index: int, entry: object) -> Phrase:
    where = f"phrases[{index}]"
    if not isinstance(entry, Mapping):
        raise TypeError(f"{where} must be a mapping with 'wrong' and 'right'")
    unknown = sorted(set(entry) - {"wrong", "right", "exceptions", "certain"})
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    wrong, right = entry.get("wrong"), entry.get("right")
    if not (isinstance(wrong, str) and wrong and isinstance(right, str) and right):
        raise TypeError(f"{where}: 'wrong' and 'right' must be non-empty strings")
    exceptions = entry.get("exceptions", [])
    if not (isinstance(exceptions, list) and all(isinstance(e, str) and e for e in exceptions)):
        raise TypeError(f"{where}: 'exceptions' must be a list of regexes")
    certain = entry.get("certain", True)
    if not isinstance(certain, bool):
        raise TypeError(f"{where}: 'certain' must be true or false")
    excepted = "|".join(f"(?:{e})" for e in exceptions) if exceptions else None
    if _GLOBAL_FLAGS.match(wrong):
        raise ValueError(f"{where}: flags for the whole pattern cannot be merged; use (?i:…)")
    try:
        parsed = _parse(wrong)  # a syntax error is re.error
        check_parsed(wrong, parsed)
        if parsed.getwidth()[0] == 0 and _compiled(wrong).match(""):
            raise ValueError(f"{where}: 'wrong' {wrong!r} matches the empty text")
        _check_template(right, parsed)
        if excepted:
            check_bounded(excepted)
    except (re.error, UnsafePattern, IndexError) as error:  # IndexError: unknown group name
        raise ValueError(f"{where}: {error}") from None
    joinable = _joinable(list(parsed), bool(parsed.state.flags & re.DOTALL))
    return Phrase(wrong, right, excepted, certain, joinable)


def _check_template(right: str, parsed: _sre_parse.SubPattern) -> None:
    """Raise re.error if ``right`` refers to a group the pattern lacks, as re.sub would.

    A pattern of empty groups numbered and named alike stands in for the
    phrase's own, which need not be compiled for this.
    """
    names = {index: name for name, index in parsed.state.groupdict.items()}
    groups = "".join(
        f"(?P<{names[index]}>)" if index in names else "()"
        for index in range(1, parsed.state.groups)
    )
    regex_memo.compile(groups).sub(right, "")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A phrase's pattern, compiled when a report first needs it (checked at load)."""
    return regex_memo.compile(pattern)


def check(outline: Outline, options: Options) -> Iterator[Finding]:
    if not options.joinable:
        for paragraph in paragraphs(outline):
            yield from _scan(paragraph, options, _phrase_places(options, paragraph.text))
        return
    # Most reports hold no wrong phrase: one search of the joined paragraphs
    # costs much less than one search per paragraph.
    text = joined(outline)
    for index, places in groupby(_phrase_places(options, text.text), text.paragraph_index):
        start = text.starts[index]
        yield from _scan(text.paragraphs[index], options, (at - start for at in places))


def _phrase_places(options: Options, text: str) -> list[int]:
    """Every place in ``text`` where some phrase matches, in order.

    str.find skips to a group's first character (or past a report without it)
    faster still than its scan does.
    """
    found: set[int] = set()
    for group in options.groups:
        position = text.find(group.first)
        while position != -1 and (hit := group.scan.search(text, position)) is not None:
            found.update(_anchored(group, text, hit.start()))
            position = hit.start() + 1
    if options.locator is not None:
        found.update(_places(options.locator, text))
    return sorted(found)


def _anchored(group: Group, text: str, at: int) -> Iterator[int]:
    """Where the phrases of the anchors found at ``at`` match: tried at their distances."""
    for anchor in group.anchors:
        if text.startswith(anchor.text, at):
            for start in range(max(at - anchor.farthest, 0), at - anchor.nearest + 1):
                if any(_compiled(phrase.wrong).match(text, start) for phrase in anchor.phrases):
                    yield start


def _places(located: re.Pattern[str], text: str) -> Iterator[int]:
    """Every place in ``text`` where ``located`` matches, in order."""
    position = 0
    while candidate := located.search(text, position):
        yield candidate.start()
        position = candidate.start() + 1


def _scan(paragraph: Paragraph, options: Options, places: Iterable[int]) -> Iterator[Finding]:
    """The phrases at ``places`` (ascending) in the paragraph's text, left to right."""
    text = paragraph.text
    position = 0
    for at in places:
        found = _first_match(options, text, at) if at >= position else None
        if found is None:
            continue  # inside the last phrase, or a match across paragraphs in the joined text
        phrase, own = found
        start, end = own.start(), own.end()
        if phrase.exceptions and _excepted(_compiled(phrase.exceptions), text, start, end):
            position = start + 1
            continue
        yield _finding(paragraph, own, phrase)
        position = max(end, start + 1)


def _first_match(options: Options, text: str, at: int) -> tuple[Phrase, re.Match[str]] | None:
    """The first phrase in list order that matches at ``at``."""
    for phrase in options.compiled:
        own = _compiled(phrase.wrong).match(text, at)
        if own is not None:
            return phrase, own
    return None


def _excepted(exceptions: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether an exception match covers the hit ``text[start:end]``."""
    window_start = max(start - _EXCEPTION_REACH, 0)
    window_end = min(end + _EXCEPTION_REACH, len(text))
    return any(
        match.start() <= start and match.end() >= end
        for match in exceptions.finditer(text, window_start, window_end)
    )


def _finding(paragraph: Paragraph, match: re.Match[str], phrase: Phrase) -> Finding:
    found, expected = match.group(), match.expand(phrase.right)
    start, end = span(paragraph, match.start(), match.end())
    edit = replacement_edit(paragraph, match.start(), found, expected)
    fix = None
    if edit is not None:
        fix = Fix(f"改为“{expected}”", (edit,), safe=phrase.certain)
    return Finding(start, end, {"found": found, "expected": expected}, fix)


if __name__ == "__main__":  # after changing the phrases or the planning code
    (data_dir("rules") / _PLANS_FILE).write_text(shipped_plans_text(), encoding="utf-8")
