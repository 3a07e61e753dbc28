"""The fingerprint names the results files: every change that can change a finding changes it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lawlint import cache
from lawlint.config import Overrides, Resolver
from lawlint.diagnostics import Severity
from lawlint.linter import Selection
from lawlint.registry import builtin_rule_files, load_rules
from lawlint.resources import data_dir
from tests.conftest import ROOT
from tests.test_config import PHRASE_PACK

# Each configuration (lawlint.toml, or None for none) and command-line overrides of one run.
RUNS = {
    "defaults": (None, Overrides()),
    "severity": ('[severity]\n"heading-sequence" = "info"\n', Overrides()),
    "option": ("[options.responsible-content-thin]\nminimum = 3\n", Overrides()),
    "config-ignore": ('ignore = ["heading-sequence"]\n', Overrides()),
    "config-select": ('select = ["heading-sequence"]\n', Overrides()),
    "per-file-ignore": ('[per-file-ignores]\n"r.txt" = ["heading-sequence"]\n', Overrides()),
    "rule-pack": ('rule-files = ["pack.yaml"]\n', Overrides()),
    "rule-pack-edited": ('rule-files = ["pack.yaml"]\n', Overrides()),
    "profile": (None, Overrides(profile="fazhi")),
    "select": (None, Overrides(select=frozenset(["heading-sequence"]))),
    "ignore": (None, Overrides(ignore=frozenset(["heading-sequence"]))),
}


def _run_fingerprint(folder: Path, name: str) -> str:
    """The fingerprint a run in ``folder`` keys ``r.txt`` by, found as the command line finds it."""
    config, overrides = RUNS[name]
    folder.mkdir()
    report = folder / "r.txt"
    report.write_text("一、总体情况\n", encoding="utf-8")
    if config is not None:
        (folder / "lawlint.toml").write_text(config, encoding="utf-8")
    pack = PHRASE_PACK.replace("青山区", "青山镇") if name == "rule-pack-edited" else PHRASE_PACK
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    settings = Resolver(overrides).settings_for(str(report))
    return cache.fingerprint(settings.selection_for(str(report)), settings.fingerprint())


def test_each_configuration_and_override_has_its_own_fingerprint(tmp_path: Path) -> None:
    found = {name: _run_fingerprint(tmp_path / name, name) for name in RUNS}
    assert len(set(found.values())) == len(RUNS), found
    assert _run_fingerprint(tmp_path / "again", "defaults") == found["defaults"]


def test_every_shipped_rule_file_and_grammar_is_hashed_as_code() -> None:
    """An edited rule pack or grammar changes the code digest (see test_cache_code_note)."""
    hashed = {Path(path) for path in cache._code_files()}
    assert set(builtin_rule_files()) <= hashed
    assert {path for path in data_dir("grammars").iterdir() if path.is_file()} <= hashed
    assert Path(cache.__file__).resolve() in hashed


def test_the_json_writer_is_code_and_the_other_formats_are_not() -> None:
    """The cache keeps the JSON text of each finding: a changed writer must not be recalled."""
    hashed = {Path(path).name for path in cache._code_files() if "render" in Path(path).parts}
    assert hashed == {"__init__.py", "json_format.py"}


def _rule(name: str = "heading-sequence"):
    [rule] = [rule for rule in load_rules() if rule.name == name]
    return rule


@pytest.mark.parametrize(
    "change",
    [
        {"severity": Severity.INFO},
        {"message": "编号不连续"},
        {"help": "请检查编号。"},
        {"enabled": False},
        {"profiles": ("fazhi",)},
        {"options_data": {"minimum": 3}},
    ],
    ids=lambda change: next(iter(change)),
)
def test_a_rule_changed_in_code_changes_the_fingerprint(change: dict) -> None:
    rule = _rule()
    assert cache.fingerprint(Selection([rule.replace(**change)])) != cache.fingerprint(
        Selection([rule])
    )


@pytest.mark.parametrize(
    "change",
    [{"rationale": "Other words."}, {"source": "另一依据"}],
    ids=lambda change: next(iter(change)),
)
def test_what_only_documents_a_rule_leaves_the_fingerprint(change: dict) -> None:
    """No finding shows a rule's rationale or source: results stay valid when they change."""
    rule = _rule()
    assert cache.fingerprint(Selection([rule.replace(**change)])) == cache.fingerprint(
        Selection([rule])
    )


@pytest.mark.parametrize(
    ("data", "other"),
    [
        ({1: "a", "b": 2}, {1: "a", "b": 3}),  # keys json cannot sort against each other
        ({(1, 2): "a"}, {(1, 3): "a"}),  # keys json cannot write
        ({"words": frozenset({"甲", "乙"})}, {"words": frozenset({"甲", "丙"})}),
    ],
    ids=["mixed-keys", "tuple-keys", "set"],
)
def test_options_data_json_cannot_write_as_it_is_still_keys_the_rule(data, other) -> None:
    rule = _rule()
    first = cache.fingerprint(Selection([rule.replace(options_data=data)]))
    assert cache.fingerprint(Selection([rule.replace(options_data=dict(data))])) == first
    assert cache.fingerprint(Selection([rule.replace(options_data=other)])) != first


def test_a_set_in_options_keys_alike_in_every_process() -> None:
    """Hash randomisation must not reorder a set's items in the key."""
    code = textwrap.dedent(
        """
        from lawlint.cache import fingerprint
        from lawlint.linter import Selection
        from lawlint.registry import load_rules
        [rule] = [rule for rule in load_rules() if rule.name == "heading-sequence"]
        words = frozenset("法治政府建设年度报告")
        print(fingerprint(Selection([rule.replace(options_data={"words": words})])))
        """
    )
    assert len(in_other_processes(code)) == 1


def in_other_processes(code: str) -> set[str]:
    """What ``code`` prints in Python processes of different hash seeds."""
    return {
        subprocess.run(
            [sys.executable, "-c", code],
            env=dict(os.environ, PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
