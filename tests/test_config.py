"""Configuration: finding it, every key, mistakes with suggestions, CLI precedence, fingerprint."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lawlint.config import (
    Config,
    ConfigError,
    Overrides,
    Resolver,
    find_config,
    load_config,
    resolve,
)
from lawlint.diagnostics import Severity
from lawlint.linter import lint_source
from lawlint.source import read_source

# A report whose only defects are half-width brackets (H101) and a 1、 marker (H104).
REPORT = """\
某县司法局2024年法治政府建设年度报告
2024年，我局深入学习贯彻习近平法治思想，全面推进法治政府建设。
一、主要举措和成效
(一)加强组织领导。局党组研究部署法治建设。
（二）规范行政执法。推行三项制度。
1、推行执法公示。
"""

PHRASE_PACK = """\
rules:
  - name: local-county-name
    code: L901
    kind: fixed_phrase
    severity: error
    profiles: [generic, fazhi]
    message: "县名“{found}”有误，应为“{expected}”"
    help: "本县名称应写作“{expected}”。"
    rationale: The county was renamed; the old name must not appear in reports.
    source: 本县撤县设区的批复
    options:
      phrases:
        - wrong: '青山县'
          right: '青山区'
    examples:
      flag: ["青山县司法局2024年法治政府建设年度报告\\n"]
      ok: ["青山区司法局2024年法治政府建设年度报告\\n"]
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _rules_found(resolver: Resolver, path: Path) -> list[str]:
    selection = resolver.selection_for(str(path))
    return sorted({d.rule for d in lint_source(read_source(path), selection).diagnostics})


def test_nearest_config_wins_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    _write(tmp_path / "lawlint.toml", 'profile = "generic"\n')
    _write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")
    _write(tmp_path / "a" / "b" / "pyproject.toml", "[tool.lawlint]\nignore = ['H101']\n")
    assert find_config(tmp_path / "a") == tmp_path / "lawlint.toml"
    assert find_config(tmp_path / "a" / "b" / "c") == tmp_path / "a" / "b" / "pyproject.toml"
    _write(tmp_path / "a" / "b" / "lawlint.toml", "")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "a" / "b" / "lawlint.toml"


def test_every_key_is_read(tmp_path: Path) -> None:
    _write(tmp_path / "pack.yaml", PHRASE_PACK)
    path = _write(
        tmp_path / "pyproject.toml",
        """\
        [tool.lawlint]
        profile = "fazhi"
        select = ["heading-bracket-width"]
        extend-select = ["H104"]
        ignore = ["heading-sequence"]
        rule-files = ["pack.yaml"]
        fail-on = "warning"

        [tool.lawlint.per-file-ignores]
        "drafts/*" = ["H101"]

        [tool.lawlint.severity]
        heading-marker-form = "error"

        [tool.lawlint.options.responsible-content-thin]
        minimum = 4
        """,
    )
    config = load_config(path)
    assert config.profile == "fazhi"
    assert config.select == ("heading-bracket-width",)
    assert config.extend_select == ("H104",)
    assert config.rule_files == (tmp_path / "pack.yaml",)
    assert config.per_file_ignores == (("drafts/*", ("H101",)),)
    assert config.options == (("responsible-content-thin", (("minimum", 4),)),)
    settings = resolve(config)
    by_name = {rule.name: rule for rule in settings.selection.rules}
    assert set(by_name) == {"heading-bracket-width", "heading-marker-form"}
    assert by_name["heading-marker-form"].severity is Severity.ERROR


def test_thresholds_use_the_rule_options(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "lawlint.toml",
        "[options.responsible-content-thin]\nminimum = 4\n",
    )
    [rule] = [r for r in resolve(load_config(path)).selection.rules if r.code == "S205"]
    assert rule.options.minimum == 4


def test_config_applies_per_folder_with_per_file_ignores(tmp_path: Path) -> None:
    _write(
        tmp_path / "lawlint.toml",
        """\
        ignore = ["heading-marker-form"]
        [per-file-ignores]
        "drafts/*" = ["heading-bracket-width"]
        """,
    )
    final = _write(tmp_path / "final.txt", REPORT)
    draft = _write(tmp_path / "drafts" / "d.txt", REPORT)
    _write(tmp_path / "other" / "lawlint.toml", 'select = ["H104"]\n')
    other = _write(tmp_path / "other" / "o.txt", REPORT)
    resolver = Resolver()
    assert "heading-bracket-width" in _rules_found(resolver, final)
    assert "heading-marker-form" not in _rules_found(resolver, final)
    assert "heading-bracket-width" not in _rules_found(resolver, draft)
    assert _rules_found(resolver, other) == ["heading-marker-form"]


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    _write(tmp_path / "lawlint.toml", 'ignore = ["H101"]\nprofile = "generic"\n')
    report = _write(tmp_path / "r.txt", REPORT)
    resolver = Resolver(Overrides(profile="fazhi", select=frozenset(["H101"])))
    selection = resolver.selection_for(str(report))
    assert selection.profile == "fazhi"
    assert "heading-bracket-width" not in selection.ignore
    assert "heading-bracket-width" in _rules_found(resolver, report)


def test_user_rule_pack_extends_the_rules(tmp_path: Path) -> None:
    _write(tmp_path / "rules" / "local.yaml", PHRASE_PACK)
    _write(tmp_path / "lawlint.toml", 'rule-files = ["rules/local.yaml"]\n')
    report = _write(tmp_path / "r.txt", REPORT.replace("某县", "青山县"))
    assert "local-county-name" in _rules_found(Resolver(), report)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('ignor = ["H101"]', "unknown key 'ignor' (did you mean 'ignore'?)"),
        ('ignore = ["heading-secuence"]', "unknown rule 'heading-secuence' (did you mean"),
        ('select = ["H1O1"]', "unknown rule 'H1O1' (did you mean 'H101'?)"),
        ('profile = "fazi"', "unknown profile 'fazi' (did you mean 'fazhi'?)"),
        ('fail-on = "fatal"', "'fatal' is not one of error, warning, info"),
        ('ignore = "H101"', "'ignore' must be a list of strings"),
        ("[severity]\nH101 = 'loud'", "'loud' is not one of"),
        ("[options.H101]\nx = 1", "rule 'heading-bracket-width' takes no options"),
        ("[options.S205]\nminimun = 4", "unknown key 'minimun' (did you mean 'minimum'?)"),
        ("[options.S205]\nminimum = 99", "minimum must be an integer"),
        ('rule-files = ["missing.yaml"]', "missing.yaml: cannot read rule file"),
        ("[per-file-ignores]\n'*.md' = ['no-such-rule']", "unknown rule 'no-such-rule'"),
        ("select = [", "invalid TOML"),
    ],
)
def test_mistakes_are_errors_with_a_reason(tmp_path: Path, text: str, message: str) -> None:
    from lawlint.registry import RuleFileError

    path = _write(tmp_path / "lawlint.toml", text + "\n")
    with pytest.raises((ConfigError, RuleFileError)) as raised:
        resolve(load_config(path))
    assert message in str(raised.value)
    assert str(path.parent) in str(raised.value)


def test_fingerprint_is_stable_and_follows_settings_and_rule_files(tmp_path: Path) -> None:
    pack = _write(tmp_path / "pack.yaml", PHRASE_PACK)
    path = _write(tmp_path / "lawlint.toml", 'ignore = ["H101"]\nrule-files = ["pack.yaml"]\n')
    first = load_config(path).fingerprint()
    assert load_config(path).fingerprint() == first
    assert Config().fingerprint() != first
    _write(pack, PHRASE_PACK.replace("青山区", "青山新区"))
    assert load_config(path).fingerprint() != first
    _write(path, 'ignore = ["H102"]\nrule-files = ["pack.yaml"]\n')
    assert load_config(path).fingerprint() not in (first, Config().fingerprint())


def test_the_readme_example_is_a_valid_configuration(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    config_path = _write(tmp_path / "pyproject.toml", example)
    for name in load_config(config_path).rule_files:
        _write(name, PHRASE_PACK)
    settings = resolve(load_config(config_path))
    assert settings.selection.profile == "fazhi"
    assert "local-county-name" in {rule.name for rule in settings.selection.rules}
