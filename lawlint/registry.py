"""Load the rules declared in YAML and bind each to the Python module of its kind.

A rule is data: name, code, kind, severity, message, help, rationale, source,
profiles, options and examples. The kind names one module in ``lawlint.checks``
that does the work. A malformed rule file is an error that names the file and
the line, because a rule that silently fails to load is a rule that never fires.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from types import ModuleType

from lawlint import checks, regex_memo
from lawlint.diagnostics import Diagnostic, Finding, Severity
from lawlint.outline import Outline
from lawlint.record import Record
from lawlint.resources import data_dir, digest, shipped_table

_NAME = regex_memo.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_CODE = regex_memo.compile(r"[A-Z]{1,3}[0-9]{3}")
_REQUIRED = (
    "name",
    "code",
    "kind",
    "severity",
    "message",
    "help",
    "rationale",
    "source",
    "profiles",
    "examples",
)
_OPTIONAL = ("options", "enabled")
_LINE = "__line__"
# What a kind's module exposes: check(outline, options) -> its findings.
Check = Callable[[Outline, object], Iterable[Finding]]


class RuleFileError(Exception):
    """A rule file that cannot be used; the message starts with ``path:line:``."""


class Examples(Record):
    """Texts the rule must flag and near misses it must leave alone."""

    __slots__ = ()
    flag: tuple[str, ...]
    ok: tuple[str, ...]

    def __new__(cls, flag: tuple[str, ...], ok: tuple[str, ...]) -> Examples:
        return tuple.__new__(cls, (flag, ok))


# Given as a rule's ``options``: build them from ``options_data`` when first read.
DEFERRED = object()


class Rule:
    """One rule, ready to run.

    ``options_data`` is the plain data the options were built from (None for a
    rule made in code); the cache keys a rule by it, so that a run need not
    build the options, nor import the check module their class lives in. A
    rule given ``options=DEFERRED`` (the shipped rule files, validated when
    the table was made) builds them when they are first read: most runs use
    a profile's rules only, and a run answered from the cache none.

    A plain class, not a dataclass: importing dataclasses and defining one
    cost every start several ms. Treat it as immutable: ``replace`` makes a
    changed copy.
    """

    __slots__ = (
        "code",
        "enabled",
        "examples",
        "help",
        "kind",
        "message",
        "name",
        "options",
        "options_data",
        "origin",
        "profiles",
        "rationale",
        "severity",
        "source",
    )

    def __init__(
        self,
        name: str,
        code: str,
        kind: str,
        severity: Severity,
        message: str,
        help: str,
        rationale: str,
        source: str,
        profiles: tuple[str, ...],
        enabled: bool,
        options: object,
        examples: Examples,
        origin: str,
        options_data: Mapping | None = None,
    ) -> None:
        self.name = name
        self.code = code
        self.kind = kind
        self.severity = severity
        self.message = message
        self.help = help
        self.rationale = rationale
        self.source = source
        self.profiles = profiles
        self.enabled = enabled
        if options is not DEFERRED:  # left unset: reading it calls __getattr__
            self.options = options
        self.examples = examples
        self.origin = origin
        self.options_data = options_data

    def __eq__(self, other: object) -> bool:
        """Equal fields but ``options_data``; options equal when built from equal values."""
        if type(other) is not Rule:
            return NotImplemented
        if any(getattr(self, name) != getattr(other, name) for name in _COMPARED):
            return False
        mine, theirs = self.options, other.options
        return mine is theirs or (
            type(mine) is type(theirs) and option_values(mine) == option_values(theirs)
        )

    __hash__ = None  # equal rules may hold options that are not hashable

    def __getattr__(self, name: str) -> object:
        """Build deferred options on first read (only an attribute not set lands here)."""
        if name != "options":
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        options = _built_options(self.kind, self.options_data, f"{self.origin}: rule {self.name!r}")
        self.options = options
        return options

    def run(self, outline: Outline) -> Iterator[Diagnostic]:
        """Run the rule's check and bind its findings to this rule."""
        for finding in self.check()(outline, self.options):
            yield self.diagnostic(finding)

    def check(self) -> Check:
        """The check of the rule's kind (its module imported on first use)."""
        return checks.module(self.kind).check

    def diagnostic(self, finding: Finding) -> Diagnostic:
        """A finding of this rule's check bound to the rule (by position: by keyword costs more)."""
        return Diagnostic(
            self.name,
            self.code,
            self.severity,
            self.message.format_map(finding.args),
            self.help.format_map(finding.args),
            finding.start,
            finding.end,
            finding.fix,
        )

    def replace(self, **changes: object) -> Rule:
        """A copy with some fields changed (a configured severity); unbuilt options stay so."""
        fields = {name: getattr(self, name) for name in _COPIED}
        try:
            fields["options"] = Rule.options.__get__(self)  # the slot itself: no __getattr__
        except AttributeError:
            fields["options"] = DEFERRED
        return Rule(**(fields | changes))

    def with_options(self, **changes: object) -> Rule:
        """A copy with some options changed (configuration thresholds)."""
        data = None if self.options_data is None else {**self.options_data, **changes}
        options = type(self.options)(**(option_values(self.options) | changes))
        return self.replace(options=options, options_data=data)


# The fields Rule.replace copies as they are (the options: only once built).
_COPIED = tuple(name for name in Rule.__slots__ if name != "options")
# The fields Rule.__eq__ compares as they are (the options: by their values).
_COMPARED = tuple(name for name in _COPIED if name != "options_data")


@cache
def _line_loader() -> type:
    """A YAML loader that records the line of every mapping, for error messages.

    Built on first use: importing yaml costs more than linting a report, and a
    run with a warm cache reads the parsed rule files as JSON instead.
    """
    import yaml

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        mapping = loader.construct_mapping(node, deep=True)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


# Changes when what a parsed file holds changes (the recorded line numbers, say).
_PARSED_FORMAT = b"lines-1\0"


# The built-in rule files, parsed, shipped beside them: importing yaml alone
# costs ~15 ms, more than linting a report, and runs with --no-cache (as
# pre-commit hooks run) cannot use the cache folder. Keyed like the cache, so
# a stale table is simply not used; tests check that it is current.
_SHIPPED_FILE = "parsed-rules.json"


def _digest(data: bytes) -> str:
    return digest(_PARSED_FORMAT + data)[:24]


def _shipped_document(path: Path, data: bytes) -> object | None:
    """The shipped parse of a built-in rule file, if the file is as it was shipped."""
    if path.parent != data_dir("rules"):
        return None
    return _shipped().get(_digest(data))


@cache
def _shipped() -> dict:
    return shipped_table(_SHIPPED_FILE)


def shipped_table_text() -> str:
    """The shipped table for the built-in rule files as they are now."""
    table = {}
    for path in builtin_rule_files():
        data = path.read_bytes()
        document = _parse_yaml(path, data)
        if json.loads(json.dumps(document, ensure_ascii=False)) == document:
            table[_digest(data)] = document  # YAML's dates, sets and int keys stay out
    return json.dumps(table, ensure_ascii=False, indent=1) + "\n"


class _ParsedFiles:
    """Parsed rule files kept as JSON in the cache folder, keyed by the file's bytes."""

    folder: Path | None = None

    def path(self, data: bytes) -> Path | None:
        return self.folder / f"rules-{_digest(data)}.json" if self.folder else None

    def get(self, data: bytes) -> object | None:
        path = self.path(data)
        try:
            return json.loads(path.read_bytes()) if path else None
        except (OSError, ValueError, RecursionError):
            return None  # missing or corrupt (or nested too deep for json): parse the YAML again

    def put(self, data: bytes, document: object) -> None:
        """Keep ``document`` if JSON holds it exactly (YAML also has dates, sets, int keys)."""
        path = self.path(data)
        try:
            text = json.dumps(document, ensure_ascii=False)
            if path is None or json.loads(text) != document:
                return
        except (TypeError, ValueError):
            return
        from lawlint import cache_dir  # it imports tempfile: only for a rule file not seen

        with contextlib.suppress(OSError):
            cache_dir.write(path, text)


PARSED = _ParsedFiles()


def use_cache_dir(folder: Path) -> None:
    """Keep parsed rule files in ``folder`` (the cache), so later runs skip the YAML parser."""
    PARSED.folder = folder


def load_rule_file(path: Path) -> list[Rule]:
    """Parse one rule file; raise RuleFileError naming the file and line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RuleFileError(f"{path}: cannot read rule file: {error.strerror}") from None
    document = _shipped_document(path, data)
    if document is not None:  # checked when the table was made: options built when first read
        return _rules_of(path, document, deferred=True)
    kept = PARSED.get(data)
    if kept is not None:
        with contextlib.suppress(RuleFileError):  # a damaged memo: parse the YAML again
            return _rules_of(path, kept)
    document = _parse_yaml(path, data)
    PARSED.put(data, document)
    return _rules_of(path, document)


def _rules_of(path: Path, document: object, deferred: bool = False) -> list[Rule]:
    """The rules of a parsed rule file; RuleFileError if it is not one."""
    if not isinstance(document, Mapping) or not isinstance(document.get("rules"), list):
        raise RuleFileError(f"{path}:1: a rule file is a mapping with a 'rules:' list")
    return [_parse_rule(path, entry, deferred) for entry in document["rules"]]


def _parse_yaml(path: Path, data: bytes) -> object:
    import yaml

    try:
        return yaml.load(data.decode("utf-8"), Loader=_line_loader())
    except UnicodeDecodeError:
        raise RuleFileError(f"{path}: rule file is not UTF-8") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise RuleFileError(f"{where}: invalid YAML: {problem}") from None


def _parse_rule(path: Path, entry: object, deferred: bool) -> Rule:
    if not isinstance(entry, Mapping):
        raise RuleFileError(f"{path}: each entry under 'rules:' must be a mapping")
    where = f"{path}:{entry.get(_LINE, '?')}"

    def fail(reason: str) -> RuleFileError:
        return RuleFileError(f"{where}: rule {entry.get('name', '?')!r}: {reason}")

    keys = set(entry) - {_LINE}
    missing = [key for key in _REQUIRED if key not in keys]
    if missing:
        raise fail(f"missing key(s): {', '.join(missing)}")
    unknown = sorted(keys - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise fail(f"unknown key(s): {', '.join(unknown)}")
    text = {
        key: entry[key]
        for key in ("name", "code", "kind", "message", "help", "rationale", "source")
    }
    for key, value in text.items():
        if not isinstance(value, str) or not value.strip():
            raise fail(f"'{key}' must be a non-empty string")
    if not _NAME.fullmatch(text["name"]):
        raise fail("'name' must be kebab-case, e.g. heading-sequence")
    if not _CODE.fullmatch(text["code"]):
        raise fail("'code' must be letters then three digits, e.g. H101")
    if text["kind"] not in checks.KINDS:
        raise fail(f"unknown kind {text['kind']!r} (known: {', '.join(sorted(checks.KINDS))})")
    try:
        severity = Severity.parse(str(entry["severity"]))
    except ValueError as error:
        raise fail(str(error)) from None
    profiles = entry["profiles"]
    if not (isinstance(profiles, list) and profiles and all(isinstance(p, str) for p in profiles)):
        raise fail("'profiles' must be a non-empty list of profile names")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("'enabled' must be true or false")
    data = entry.get("options") or {}
    if not isinstance(data, Mapping):
        raise fail("options: must be a mapping of option names to values")
    data = {key: _strip_lines(value) for key, value in data.items() if key != _LINE}
    rule = f"{where}: rule {text['name']!r}"
    options = DEFERRED if deferred else _built_options(text["kind"], data, rule)
    return Rule(
        severity=severity,
        profiles=tuple(profiles),
        enabled=enabled,
        options=options,
        examples=_parse_examples(entry["examples"], fail),
        origin=where,
        options_data=data,
        **text,
    )


def _parse_examples(raw: object, fail) -> Examples:
    if not isinstance(raw, Mapping) or set(raw) - {_LINE} != {"flag", "ok"}:
        raise fail("'examples' must have exactly 'flag' and 'ok' lists")
    lists = {}
    for key in ("flag", "ok"):
        items = raw[key]
        if not (isinstance(items, list) and items and all(isinstance(i, str) for i in items)):
            raise fail(f"'examples.{key}' must be a non-empty list of texts")
        lists[key] = tuple(items)
    return Examples(**lists)


def _built_options(kind: str, data: Mapping, where: str) -> object:
    """The options of a rule of ``kind``; a RuleFileError starting with ``where`` if invalid."""
    try:
        return build_options(checks.module(kind), data)
    except (TypeError, ValueError, re.error) as error:
        raise RuleFileError(f"{where}: options: {error}") from None


def build_options(module: ModuleType, values: Mapping) -> object:
    """Build a kind's ``Options`` from plain data; unknown keys, wrong types: errors.

    The protocol every ``Options`` class follows: ``NAMES`` lists the options
    a rule file may set, which are the keyword parameters of its ``__init__``
    (validated there, raising ValueError or TypeError), and each is kept as an
    attribute of that name; anything else it holds is derived from them.
    """
    options_type = getattr(module, "Options", None)
    if options_type is None:
        if values:
            raise ValueError("this kind takes no options")
        return None
    names = options_type.NAMES
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(names)}")
    return options_type(**values)


def option_values(options: object) -> dict[str, object]:
    """The values ``options`` were built from, by name (see ``build_options``)."""
    return {name: getattr(options, name) for name in type(options).NAMES}


def _strip_lines(value: object) -> object:
    if isinstance(value, str):
        return value  # most values: tested first, as the Mapping test goes through an ABC
    if isinstance(value, Mapping):
        return {key: _strip_lines(item) for key, item in value.items() if key != _LINE}
    if isinstance(value, list):
        return [_strip_lines(item) for item in value]
    return value


def build(rules: Iterable[Rule]) -> None:
    """Build the deferred options of ``rules`` now, so that a pool about to fork shares them."""
    for rule in rules:
        _ = rule.options  # reading them builds them


def builtin_rule_files() -> list[Path]:
    """The rule packs that ship with lawlint."""
    return sorted(data_dir("rules").glob("*.yaml"))


def load_rules(paths: Iterable[Path] | None = None) -> list[Rule]:
    """Load rule files (the built-in packs by default); names and codes must be unique."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in builtin_rule_files() if paths is None else paths:
        for rule in load_rule_file(path):
            for key in (rule.name, rule.code):
                if key in seen:
                    raise RuleFileError(f"{rule.origin}: {key!r} is already defined at {seen[key]}")
                seen[key] = rule.origin
            rules.append(rule)
    return rules


def profiles(rules: Iterable[Rule]) -> list[str]:
    """Every profile named by some rule."""
    return sorted({profile for rule in rules for profile in rule.profiles})


if __name__ == "__main__":  # after changing a built-in rule file: rewrite the shipped table
    (data_dir("rules") / _SHIPPED_FILE).write_text(shipped_table_text(), encoding="utf-8")
