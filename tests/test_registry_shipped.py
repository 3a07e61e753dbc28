"""The built-in rule files ship parsed, so that a run never imports yaml for them.

``rules/parsed-rules.json`` holds the parse of each built-in rule file, keyed by
its bytes; the YAML stays the one definition, so the table must be exactly what
the YAML parser makes of the files as they are now.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lawlint import registry
from lawlint.registry import _SHIPPED_FILE, RuleFileError, load_rule_file, shipped_table_text
from lawlint.resources import data_dir
from tests.conftest import FIXTURES

REGENERATE = "python -m lawlint.registry"


def test_the_shipped_table_is_the_parse_of_the_built_in_rule_files() -> None:
    shipped = (data_dir("rules") / _SHIPPED_FILE).read_text(encoding="utf-8")
    assert shipped == shipped_table_text(), f"a rule file changed: run {REGENERATE}"


def test_the_shipped_table_gives_the_rules_the_yaml_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    from_table = [rule for path in registry.builtin_rule_files() for rule in load_rule_file(path)]
    monkeypatch.setattr(registry, "_shipped", dict)
    monkeypatch.setattr(registry.PARSED, "folder", None)
    from_yaml = [rule for path in registry.builtin_rule_files() for rule in load_rule_file(path)]
    assert [(r.name, r.origin, r.message) for r in from_table] == [
        (r.name, r.origin, r.message) for r in from_yaml
    ]
    assert from_table == from_yaml  # every field, and the options by the values they hold


def test_a_changed_rule_file_is_parsed_again(tmp_path: Path) -> None:
    changed = tmp_path / "phrases.yaml"
    text = (data_dir("rules") / "phrases.yaml").read_text(encoding="utf-8")
    changed.write_text(text.replace("code: P501", "code: P5O1"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"phrases\.yaml:\d+: rule 'fixed-phrase'"):
        load_rule_file(changed)


def test_linting_without_the_cache_does_not_import_yaml() -> None:
    reports = [str(path) for path in sorted((FIXTURES / "reports").glob("*.txt"))]
    command = [sys.executable, "-X", "importtime", "-m", "lawlint", "--no-cache", *reports]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "lawlint.registry" in imported
    assert "yaml" not in imported
