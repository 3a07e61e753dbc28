"""Project configuration: ``[tool.lawlint]`` in pyproject.toml, or a lawlint.toml.

The configuration that applies to a file is the nearest one found from the
file's folder upward (from the current folder for stdin without a name), as
ruff does, so a folder of reports can carry its own settings. A lawlint.toml
wins over a pyproject.toml in the same folder; a pyproject.toml without a
``[tool.lawlint]`` table is passed over. Every key, rule name, severity and
option is checked: a typo is an error with a suggestion, never silently
ignored, because a misspelt ``ignore`` that does nothing is worse than none.
Command-line flags override the file.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from lawlint.diagnostics import Severity
from lawlint.linter import Selection, lint_source
from lawlint.registry import Rule, builtin_rule_files, load_rules, profiles
from lawlint.resources import digest
from lawlint.source import Source

CONFIG_FILES = ("lawlint.toml", "pyproject.toml")
_KEYS = (
    "profile",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "rule-files",
    "options",
    "fail-on",
)
_FAIL_ON = ("error", "warning", "info")


class ConfigError(Exception):
    """A configuration that cannot be used; the message starts with the file's path."""


class Config:
    """One configuration file's settings, checked for shape but not yet against the rules.

    Plain classes here, not dataclasses: importing dataclasses and defining
    one cost every start several ms. Treat them as immutable.
    """

    __slots__ = (
        "extend_select",
        "fail_on",
        "ignore",
        "options",
        "path",
        "per_file_ignores",
        "profile",
        "rule_files",
        "select",
        "severity",
    )

    def __init__(
        self,
        path: Path | None = None,
        profile: str | None = None,
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
        severity: tuple[tuple[str, str], ...] = (),
        rule_files: tuple[Path, ...] = (),
        options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = (),
        fail_on: str | None = None,
    ) -> None:
        self.path = path
        self.profile = profile
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.per_file_ignores = per_file_ignores
        self.severity = severity
        self.rule_files = rule_files
        self.options = options
        self.fail_on = fail_on

    @property
    def root(self) -> Path:
        """The folder that relative paths and per-file globs are taken from."""
        return self.path.parent if self.path else Path.cwd()

    def fingerprint(self) -> str:
        """A stable hash of the effective settings and the content of extra rule files."""
        data = {
            name: getattr(self, name)
            for name in (
                "profile",
                "select",
                "extend_select",
                "ignore",
                "per_file_ignores",
                "severity",
                "options",
                "fail_on",
            )
        }
        data["rule_files"] = [_file_hash(path) for path in self.rule_files]
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=repr)
        return digest(text.encode())[:24]


def _file_hash(path: Path) -> str:
    try:
        return digest(path.read_bytes())
    except OSError:
        return f"unreadable:{path}"


def find_config(folder: Path) -> Path | None:
    """The nearest lawlint.toml or pyproject.toml with ``[tool.lawlint]`` at or above ``folder``."""
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "lawlint" in _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # let load_config report the broken file


def _read_toml(path: Path) -> dict:
    """The parsed file; tomllib is imported here, as most runs find no configuration."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def load_config(path: Path) -> Config:
    """Read and check one configuration file."""
    document = _read_toml(path)
    table = (
        document.get("tool", {}).get("lawlint", {}) if path.name == "pyproject.toml" else document
    )
    where = f"{path}: [tool.lawlint]" if path.name == "pyproject.toml" else str(path)
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: must be a table")
    _check_keys(where, table, _KEYS)
    return Config(
        path=path,
        profile=_string(where, table, "profile"),
        select=_names(where, table, "select") if "select" in table else None,
        extend_select=_names(where, table, "extend-select"),
        ignore=_names(where, table, "ignore"),
        per_file_ignores=tuple(
            (glob, _name_list(f"{where}: per-file-ignores.{glob}", rules))
            for glob, rules in _table(where, table, "per-file-ignores").items()
        ),
        severity=tuple(
            (rule, _choice(f"{where}: severity.{rule}", value, _FAIL_ON))
            for rule, value in _table(where, table, "severity").items()
        ),
        rule_files=tuple(path.parent / item for item in _names(where, table, "rule-files")),
        options=_options(where, _table(where, table, "options")),
        fail_on=_choice(f"{where}: fail-on", table["fail-on"], _FAIL_ON)
        if "fail-on" in table
        else None,
    )


def _options(where: str, table: Mapping) -> tuple[tuple[str, tuple[tuple[str, object], ...]], ...]:
    """Rule name → its option values, each checked to be a table."""
    return tuple(
        (rule, tuple(sorted(_table(f"{where}: options", table, rule).items()))) for rule in table
    )


def _check_keys(where: str, table: Mapping, known: Sequence[str]) -> None:
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}: unknown key {key!r}{suggest(key, known)}")


def _string(where: str, table: Mapping, key: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: {key!r} must be a string")
    return value


def _names(where: str, table: Mapping, key: str) -> tuple[str, ...]:
    return _name_list(f"{where}: {key!r}", table.get(key, []))


def _name_list(where: str, value: object) -> tuple[str, ...]:
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _table(where: str, table: Mapping, key: str) -> Mapping:
    value = table.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: {key!r} must be a table")
    return value


def _choice(where: str, value: object, choices: Sequence[str]) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: {value!r} is not one of {', '.join(choices)}")
    return value


def suggest(name: str, known: Sequence[str] | set[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or nothing."""
    import difflib  # only for a mistyped name (~2 ms to import at every start otherwise)

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Overrides:
    """Command-line flags, which win over the configuration file."""

    __slots__ = ("ignore", "profile", "select")

    def __init__(
        self,
        profile: str | None = None,
        select: frozenset[str] = frozenset(),
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        self.profile = profile
        self.select = select
        self.ignore = ignore


_NO_OVERRIDES = Overrides()


class Settings:
    """A configuration resolved against the rules: what each file under it runs."""

    __slots__ = ("_by_ignores", "config", "per_file_ignores", "selection")

    def __init__(
        self,
        config: Config,
        selection: Selection,
        per_file_ignores: tuple[tuple[str, frozenset[str]], ...],
    ) -> None:
        self.config = config
        self.selection = selection
        self.per_file_ignores = per_file_ignores
        self._by_ignores: dict[frozenset[str], Selection] = {}

    def selection_for(self, path: str) -> Selection:
        """The selection for ``path``, less the rules its per-file-ignores globs name."""
        if not self.per_file_ignores:  # most configurations: the same for every file
            return self.selection
        ignored = frozenset(
            name
            for glob, names in self.per_file_ignores
            if _glob_matches(glob, path, self.config.root)
            for name in names
        )
        if not ignored:
            return self.selection
        if ignored not in self._by_ignores:
            base = self.selection
            self._by_ignores[ignored] = Selection(
                base.rules, base.profile, base.select, base.ignore | ignored
            )
        return self._by_ignores[ignored]

    def fingerprint(self) -> str:
        """The configuration's fingerprint (see ``Config.fingerprint``)."""
        return self.config.fingerprint()


def _glob_matches(glob: str, path: str, root: Path) -> bool:
    """Match against the path relative to the config folder, or the file name alone."""
    absolute = Path(path).absolute()
    try:
        relative = absolute.relative_to(root.absolute()).as_posix()
    except ValueError:
        relative = absolute.as_posix()
    return fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(PurePosixPath(relative).name, glob)


def resolve(config: Config, overrides: Overrides = _NO_OVERRIDES) -> Settings:
    """Load the rules the configuration names and apply it; raise ConfigError on any mistake."""
    where = str(config.path) if config.path else "command line"
    rules = load_rules([*builtin_rule_files(), *config.rule_files])
    names = _name_index(rules)

    def canonical(name: str, origin: str | None) -> str:
        if name not in names:
            where_ = f"{origin}: " if origin else ""
            raise ConfigError(f"{where_}unknown rule {name!r}{suggest(name, list(names))}")
        return names[name]

    rules = _apply_rule_settings(config, rules, canonical, where)
    profile = overrides.profile or config.profile
    if profile and profile not in profiles(rules):
        origin = "" if overrides.profile else f"{where}: "
        raise ConfigError(f"{origin}unknown profile {profile!r}{suggest(profile, profiles(rules))}")
    cli_select = {canonical(name, None) for name in overrides.select}
    cli_ignore = {canonical(name, None) for name in overrides.ignore}
    select = {canonical(name, where) for name in (*(config.select or ()), *config.extend_select)}
    if config.select is not None:
        keep = {canonical(name, where) for name in config.select} | select | cli_select
        rules = [rule for rule in rules if rule.name in keep]
    ignore = {canonical(name, where) for name in config.ignore} - cli_select
    selection = Selection(
        rules, profile, frozenset(select | cli_select), frozenset(ignore | cli_ignore)
    )
    per_file = tuple(
        (glob, frozenset(canonical(name, f"{where}: per-file-ignores") for name in names_))
        for glob, names_ in config.per_file_ignores
    )
    return Settings(config, selection, per_file)


def _name_index(rules: Sequence[Rule]) -> dict[str, str]:
    """Rule name or code → rule name."""
    return {rule.name: rule.name for rule in rules} | {rule.code: rule.name for rule in rules}


def _apply_rule_settings(config: Config, rules: list[Rule], canonical, where: str) -> list[Rule]:
    """Rules with the configured severities and options applied."""
    severities = {canonical(name, f"{where}: severity"): value for name, value in config.severity}
    options = {
        canonical(name, f"{where}: options"): dict(values) for name, values in config.options
    }
    changed = []
    for rule in rules:
        if rule.name in severities:
            rule = rule.replace(severity=Severity.parse(severities[rule.name]))
        if rule.name in options:
            rule = _with_options(rule, options[rule.name], f"{where}: options.{rule.name}")
        changed.append(rule)
    return changed


def _with_options(rule: Rule, values: dict, where: str) -> Rule:
    if rule.options is None:
        raise ConfigError(f"{where}: rule {rule.name!r} takes no options")
    _check_keys(where, values, type(rule.options).NAMES)
    try:
        return rule.with_options(**values)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{where}: {error}") from None


# Where "/" is the only separator and there are no drives, a file's folder is
# the path up to its last "/": dirname only strips that part's trailing slashes,
# which abspath (see `_resolve_in`) strips too, so both find the same settings.
_SLASH_ONLY = os.sep == "/" and os.altsep is None


class Resolver:
    """Finds and resolves the configuration of each file, once per folder and per file."""

    def __init__(self, overrides: Overrides = _NO_OVERRIDES) -> None:
        self.overrides = overrides
        self._settings: dict[Path | None, Settings] = {}
        # Each folder's settings, so that the thousands of files of a folder cost one lookup.
        self._by_folder: dict[str, Settings] = {}

    def settings_for(self, path: str | None) -> Settings:
        """Settings for a file or folder (``None``: stdin without a name, from the cwd)."""
        if path is None:
            return self._settings_in(os.getcwd())
        return self._settings_in(path if os.path.isdir(path) else os.path.dirname(path))

    def settings_for_file(self, path: str) -> Settings:
        """Settings for a path known not to be a folder: no file system call once its folder is."""
        if _SLASH_ONLY:  # the path up to its last "/": a third of dirname's cost (plan, per file)
            return self._settings_in(path[: path.rfind("/") + 1])
        return self._settings_in(os.path.dirname(path))

    def _settings_in(self, folder: str) -> Settings:
        settings = self._by_folder.get(folder)
        if settings is None:
            settings = self._by_folder[folder] = self._resolve_in(folder)
        return settings

    def _resolve_in(self, folder: str) -> Settings:
        config_path = find_config(Path(os.path.abspath(folder or os.curdir)))
        if config_path not in self._settings:
            config = load_config(config_path) if config_path else Config()
            self._settings[config_path] = resolve(config, self.overrides)
        return self._settings[config_path]

    def selection_for(self, path: str) -> Selection:
        """The selection that lints ``path`` (its configuration and per-file-ignores)."""
        return self.settings_for(path).selection_for(path)


def example_failures(rule: Rule) -> list[str]:
    """Why ``rule`` fails its own examples: each 'flag' text must be flagged, no 'ok' text.

    Each example runs with the rule alone, enabled under its first profile, the
    way ``lawlint check-rules`` and the test suite run them.
    """
    selection = Selection([rule], rule.profiles[0], frozenset([rule.name]))
    failures = []
    for kind, texts in (("flag", rule.examples.flag), ("ok", rule.examples.ok)):
        for index, text in enumerate(texts, start=1):
            result = lint_source(Source(path="<example>", text=text), selection)
            found = [d for d in result.diagnostics if d.rule == rule.name]
            first_line = text.strip().splitlines()[0] if text.strip() else ""
            if kind == "flag" and not found:
                failures.append(f"flag example {index} is not flagged: {first_line}")
            elif kind == "ok" and found:
                failures.append(f"ok example {index} is flagged ({found[0].message}): {first_line}")
    return failures
