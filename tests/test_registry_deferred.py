"""The shipped rules build their options, and import their check modules, only when first read.

A run answered from the cache runs no rule, so it should import no check
module; the cache keys a rule by the data its options are built from.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint import cache, registry, runner
from lawlint.config import Resolver
from lawlint.linter import Selection
from lawlint.registry import DEFERRED, Examples, Rule, RuleFileError, load_rules
from tests.conftest import FIXTURES, ROOT


def _checks_imported(code: str) -> list[str]:
    """The check modules imported once ``code`` has run in a fresh interpreter."""
    listing = "sorted(m for m in sys.modules if m.startswith('lawlint.checks.'))"
    probe = f"{code}\nimport json, sys; print(json.dumps({listing}))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_loading_and_keying_the_shipped_rules_imports_no_check() -> None:
    code = (
        "from lawlint.cache import fingerprint; from lawlint.linter import Selection;"
        "from lawlint.registry import load_rules; fingerprint(Selection(load_rules()))"
    )
    assert _checks_imported(code) == []


def test_a_warm_run_imports_no_check(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes((FIXTURES / "headings" / "sequence_defects.txt").read_bytes())
    os.utime(report, ns=(10**18, 10**18))  # settled: answered from its stamp, unread
    run = f"from lawlint.cli import main; main(['--format', 'json', {str(report)!r}])"
    code = (
        f"import contextlib, io, os; os.chdir({str(tmp_path)!r})\n"
        f"with contextlib.redirect_stdout(io.StringIO()): {run}"
    )
    assert _checks_imported(code), "the first run lints: it imports the checks"
    assert list((tmp_path / ".lawlint_cache").glob("results-*.json"))
    assert _checks_imported(code) == []


def test_deferred_options_are_the_options_built_at_once() -> None:
    deferred = load_rules()
    assert all(rule.options_data is not None for rule in deferred)
    for rule in deferred:
        eager = registry.build_options(registry.checks.module(rule.kind), rule.options_data)
        assert type(rule.options) is type(eager), rule.name
        assert _described(rule.options) == _described(eager), rule.name


def _described(value: object, depth: int = 0) -> object:
    """Everything a check can read of built options (derived parts too), as plain data."""
    if depth > 12 or isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if isinstance(value, dict):
        return {repr(key): _described(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_described(item, depth + 1) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, functools.partial):
        return ("partial", value.func.__qualname__, _described([value.args, value.keywords]))
    if hasattr(value, "__self__"):  # a bound method, such as a pattern's match
        return ("method", value.__name__, _described(value.__self__, depth + 1))
    slots = [name for cls in type(value).__mro__ for name in getattr(cls, "__slots__", ())]
    names = slots or list(vars(value))
    fields = {name: _described(getattr(value, name, None), depth + 1) for name in names}
    return (type(value).__name__, fields)


def _rule(**changes: object) -> Rule:
    fields = {
        "name": "demo",
        "code": "T901",
        "kind": "required_section",
        "severity": registry.Severity.WARNING,
        "message": "m",
        "help": "h",
        "rationale": "r",
        "source": "s",
        "profiles": ("generic",),
        "enabled": True,
        "options": DEFERRED,
        "examples": Examples(flag=("x",), ok=("y",)),
        "origin": "rules.yaml:3",
        "options_data": {},
    }
    return Rule(**(fields | changes))


def test_deferred_options_that_do_not_build_name_the_rule() -> None:
    rule = _rule(options_data={"no_such_option": 1})
    message = r"^rules\.yaml:3: rule 'demo': options: unknown option\(s\) no_such_option"
    with pytest.raises(RuleFileError, match=message):
        _ = rule.options
    with pytest.raises(AttributeError, match="no attribute 'other'"):
        _ = rule.other


def test_a_rule_is_keyed_by_its_options_data() -> None:
    [base] = [rule for rule in load_rules() if rule.name == "responsible-content-thin"]
    minimum = base.options.minimum
    same = base.with_options(minimum=minimum)
    changed = base.with_options(minimum=minimum + 1)
    assert changed.options_data == {**base.options_data, "minimum": minimum + 1}
    assert changed.options.minimum == minimum + 1
    assert same == base != changed  # rules compare their options by the values they hold

    def key(rule: Rule) -> str:
        return cache.fingerprint(Selection([rule]))

    assert key(same) == key(base) != key(changed)
    assert key(base.replace(severity=registry.Severity.ERROR)) != key(base)


def _jobs(tmp_path: Path, count: int):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (FIXTURES / "headings" / "sequence_defects.txt").read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = folder / f"r{number:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return runner.plan(((path, None) for path in paths), Resolver(), lambda *_: None)


@pytest.mark.parametrize(
    ("count", "workers", "built"),
    [(runner.POOL_MIN_FILES, 2, True), (runner.POOL_MIN_FILES - 1, 2, False), (60, 1, False)],
    ids=["pool", "too-few-for-a-pool", "one-process"],
)
def test_a_pool_has_the_options_built_before_it_forks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, workers: int, built: bool
) -> None:
    """So that the workers share them with this process instead of each building them."""
    calls = []
    monkeypatch.setattr(runner, "build", lambda rules: calls.append(list(rules)))
    jobs, contexts = _jobs(tmp_path, count)
    assert len(list(runner.lint_files(jobs, contexts, workers=workers))) == count
    assert calls == ([list(contexts[0].selection.rules)] if built else [])


def test_a_changed_copy_leaves_deferred_options_unbuilt() -> None:
    """config's severity override copies every rule: it must not build their options."""
    [shipped] = [rule for rule in load_rules() if rule.name == "fixed-phrase"]
    copy = shipped.replace(severity=registry.Severity.INFO)
    for rule in (shipped, copy):
        with pytest.raises(AttributeError):
            Rule.options.__get__(rule)  # the slot itself, unset: nothing built yet
    assert copy.severity is registry.Severity.INFO is not shipped.severity
    assert copy.options_data is shipped.options_data
    assert registry.option_values(copy.options) == registry.option_values(shipped.options)
