"""The command line as users run it: exit codes, formats, rules, explain, outline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint.cli import main
from tests.test_config import PHRASE_PACK

DEFECTIVE = "一、主要举措和成效\n(一)强化组织领导，成立领导小组。\n（二）规范执法。\n"
CLEAN = "一、主要举措和成效\n（一）强化组织领导，成立领导小组。\n（二）规范执法。\n"


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("defective", DEFECTIVE), ("clean", CLEAN)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--no-cache"] if args and args[0] not in ("rules", "explain") else args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_clean_file_exits_zero(capsys, reports) -> None:
    code, out, _ = run(capsys, str(reports["clean"]))
    assert code == 0
    assert "All checks passed" in out


def test_warnings_do_not_fail_by_default_but_do_with_fail_on(capsys, reports) -> None:
    assert run(capsys, str(reports["defective"]))[0] == 0
    assert run(capsys, str(reports["defective"]), "--fail-on", "warning")[0] == 1


def test_concise_format(capsys, reports) -> None:
    code, out, _ = run(capsys, "--format", "concise", str(reports["defective"]))
    assert code == 0
    assert out.splitlines()[0] == (
        f"{reports['defective']}:2:1: H101 [heading-bracket-width] "
        "标题序号“(一)”使用了半角括号，应为全角“（一）”"
    )


def test_json_format_fields(capsys, reports) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(reports["defective"]))
    assert code == 0
    [row] = json.loads(out)
    assert {k: row[k] for k in ("line", "column", "end_line", "end_column", "code", "rule")} == {
        "line": 2,
        "column": 1,
        "end_line": 2,
        "end_column": 4,
        "code": "H101",
        "rule": "heading-bracket-width",
    }
    assert row["severity"] == "warning" and row["path"] == str(reports["defective"])
    assert row["fix"]["applicability"] == "safe"


def test_unreadable_file_is_one_line_error_and_others_still_linted(capsys, reports, tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    code, out, err = run(
        capsys,
        "--format",
        "concise",
        str(binary),
        str(tmp_path / "missing.txt"),
        str(reports["defective"]),
    )
    assert code == 2
    errors = err.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"lawlint: error: {binary}: binary file")
    assert "missing.txt: no such file" in errors[1]
    assert "heading-bracket-width" in out


def test_folder_is_searched(capsys, reports) -> None:
    code, out, _ = run(capsys, "--format", "concise", str(reports["clean"].parent))
    assert "defective.txt:2:1" in out and code == 0


def test_unknown_rule_name_suggests(capsys, reports) -> None:
    code, _, err = run(capsys, "--ignore", "heading-sequense", str(reports["clean"]))
    assert code == 2 and "did you mean 'heading-sequence'" in err


def test_ignore_and_select(capsys, reports) -> None:
    code, out, _ = run(capsys, "--format", "json", "--ignore", "H101", str(reports["defective"]))
    assert code == 0
    assert json.loads(out) == []


def test_rules_lists_every_rule(capsys) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for name in (
        "heading-bracket-width",
        "heading-style-mixed",
        "heading-sequence",
        "heading-marker-form",
        "heading-level-skip",
    ):
        assert name in out


def test_explain_prints_why_source_and_examples(capsys) -> None:
    code, out, _ = run(capsys, "explain", "heading-style-mixed")
    assert code == 0
    for part in (
        "heading-style-mixed (H102)",
        "Why",
        "Source",
        "GB/T 9704",
        "Flagged (bad)",
        "Not flagged (good)",
        "（三）普法形式单一。",
    ):
        assert part in out
    assert run(capsys, "explain", "h102")[0] == 0


def test_explain_unknown_rule(capsys) -> None:
    code, _, err = run(capsys, "explain", "heading-sequnce")
    assert code == 2 and "did you mean 'heading-sequence'" in err


def test_outline_json(capsys, reports) -> None:
    code, out, _ = run(capsys, "outline", "--format", "json", str(reports["clean"]))
    assert code == 0
    data = json.loads(out)
    [top] = data["sections"]
    assert (top["marker"], top["title"], top["line"]) == ("一、", "主要举措和成效", 1)
    assert [child["marker"] for child in top["children"]] == ["（一）", "（二）"]


def test_outline_tree(capsys, reports) -> None:
    code, out, _ = run(capsys, "outline", str(reports["clean"]))
    assert code == 0 and "（一）强化组织领导" in out and "└──" in out


def test_usage_error_exits_two() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lawlint", "--no-such-option", "x.txt"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr


def test_no_colour_when_not_a_terminal(capsys, reports) -> None:
    _, out, _ = run(capsys, str(reports["defective"]))
    assert "\x1b[" not in out


def test_colour_forced(capsys, reports) -> None:
    _, out, _ = run(capsys, "--color", "always", str(reports["defective"]))
    assert "\x1b[" in out


def test_markdown_ordered_list_space_is_syntax_not_a_defect(capsys, tmp_path) -> None:
    text = "## 一、主要举措\n\n### （一） 加强领导\n\n1. 成立领导小组。\n2. 制定方案。\n"
    for suffix in (".md", ".txt"):
        path = tmp_path / f"r{suffix}"
        path.write_text(text, encoding="utf-8")
        _code, out, _ = run(capsys, "--format", "concise", str(path))
        rows = [line for line in out.splitlines() if "heading-marker-form" in line]
        lines = sorted(int(row.split(":")[1]) for row in rows)
        # In .txt the "### " prefix hides the （一） heading; only the list items are seen.
        assert lines == ([3] if suffix == ".md" else [5, 6])


def test_rules_and_explain_know_the_configurations_rule_packs(capsys, tmp_path, monkeypatch):
    """As a check run from the same folder would load them (lawlint.toml's rule-files)."""
    (tmp_path / "pack.yaml").write_text(PHRASE_PACK, encoding="utf-8")
    (tmp_path / "lawlint.toml").write_text('rule-files = ["pack.yaml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "explain", "L901")
    assert code == 0 and out.startswith("local-county-name (L901)")
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "L901  local-county-name" in out and "H101" in out
    (tmp_path / "lawlint.toml").write_text("rule-files = [\n", encoding="utf-8")
    code, _, err = run(capsys, "rules")
    assert code == 2 and "invalid TOML" in err
