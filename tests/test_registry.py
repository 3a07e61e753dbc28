"""Rule files: a malformed one is an error that names the file and line."""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path

import pytest

from lawlint import checks
from lawlint.registry import (
    RuleFileError,
    build_options,
    builtin_rule_files,
    load_rule_file,
    load_rules,
    option_values,
)

GOOD = """\
rules:
  - name: demo-rule
    code: D001
    kind: heading_sequence
    severity: warning
    profiles: [generic]
    message: "序号“{marker}”{problem}"
    help: "帮助"
    rationale: Why it matters.
    source: GB/T 9704—2012
    examples:
      flag: ["一、甲\\n三、乙\\n"]
      ok: ["一、甲\\n二、乙\\n"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_good_rule_file_loads(tmp_path: Path) -> None:
    [rule] = load_rule_file(write(tmp_path, GOOD))
    assert (rule.name, rule.code, str(rule.severity)) == ("demo-rule", "D001", "warning")
    assert rule.origin.endswith("rules.yaml:2")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("severity: warning", "severity: fatal"),
            r":2: rule 'demo-rule': unknown severity",
        ),
        (
            ("kind: heading_sequence", "kind: no_such_kind"),
            r":2: .*unknown kind 'no_such_kind'",
        ),
        (("code: D001", "code: d1"), r"rules.yaml:2: .*'code' must be"),
        (("name: demo-rule", "name: Demo Rule"), r"rules.yaml:2: .*kebab-case"),
        (("    source: GB/T 9704—2012\n", ""), r"rules.yaml:2: .*missing key\(s\): source"),
        (
            ('    help: "帮助"\n', '    help: "帮助"\n    colour: red\n'),
            r"unknown key\(s\): colour",
        ),
        (("      ok: [", "      fine: ["), r"'examples' must have exactly 'flag' and 'ok'"),
        (("profiles: [generic]", "profiles: []"), r"'profiles' must be a non-empty list"),
        (
            ("    examples:", "    options: {limit: 3}\n    examples:"),
            r"options: this kind takes no options",
        ),
    ],
)
def test_malformed_rule_names_file_and_line(tmp_path: Path, change, message: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(RuleFileError, match=message):
        load_rule_file(write(tmp_path, GOOD.replace(old, new)))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "rules:\n  - name: x\n    code: [unclosed\n")
    with pytest.raises(RuleFileError, match=r"rules.yaml:\d+: invalid YAML"):
        load_rule_file(path)


def test_not_a_rule_file(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match=r"rules.yaml:1: a rule file is a mapping"):
        load_rule_file(write(tmp_path, "- just\n- a list\n"))


def test_duplicate_names_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD)
    second = tmp_path / "more.yaml"
    second.write_text(GOOD.replace("D001", "D002"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"'demo-rule' is already defined at .*rules\.yaml:2"):
        load_rules([first, second])


def test_builtin_rules_load_with_unique_names_and_codes() -> None:
    rules = load_rules()
    assert builtin_rule_files()
    assert len({r.name for r in rules}) == len({r.code for r in rules}) == len(rules)
    assert all(r.rationale.strip() and r.source.strip() for r in rules)


def test_every_options_class_names_the_parameters_of_its_init() -> None:
    """The options protocol: ``NAMES`` are exactly what ``__init__`` takes, in order."""
    with_options = [checks.module(kind) for kind in sorted(checks.KINDS)]
    with_options = [module for module in with_options if hasattr(module, "Options")]
    assert len(with_options) >= 5
    for module in with_options:
        parameters = list(inspect.signature(module.Options).parameters)
        assert list(module.Options.NAMES) == parameters, module.__name__


def test_an_unknown_option_is_named_with_the_settable_ones() -> None:
    message = r"^unknown option\(s\) compiled, phrase; known: phrases$"  # not derived fields
    with pytest.raises(ValueError, match=message):
        build_options(checks.module("fixed_phrase"), {"phrase": [], "compiled": ()})
    [rule] = [rule for rule in load_rules() if rule.name == "responsible-content-thin"]
    assert list(option_values(rule.options)) == ["items", "duties", "minimum"]
    assert option_values(rule.options)["minimum"] == rule.options_data["minimum"]
