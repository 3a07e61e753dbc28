"""The command line over inputs: stdin, broken files, --jobs, configuration, check-rules."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint import runner
from lawlint.cli import main
from tests.builders import docx_with
from tests.test_config import PHRASE_PACK, REPORT

CLEAN = REPORT.replace("(一)", "（一）").replace("1、", "1.")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _check(capsys, *args: str) -> tuple[int, str, str]:
    return _run(capsys, "check", "--no-cache", *args)


def test_stdin_uses_the_given_name_reader_and_config(tmp_path: Path) -> None:
    (tmp_path / "lawlint.toml").write_text('[severity]\nH104 = "error"\n', encoding="utf-8")
    markdown = "## 一、总体情况\n\n### （一）加强领导\n\n#### 1、推行公示\n"
    command = [sys.executable, "-m", "lawlint", "--no-cache", "--format", "concise", "-"]
    completed = subprocess.run(
        [*command, "--stdin-filename", str(tmp_path / "draft.md")],
        input=markdown.encode(),
        capture_output=True,
        check=False,
    )
    found = [line for line in completed.stdout.decode().splitlines() if " H" in line]
    assert [line.split(" [")[0] for line in found] == [f"{tmp_path / 'draft.md'}:5:6: H104"]
    assert completed.returncode == 1  # the config made H104 an error


def test_broken_file_is_one_line_and_the_others_are_still_linted(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"not a zip")
    status, out, err = _check(capsys, "--format", "concise", str(tmp_path))
    assert status == 2
    assert (
        err.strip()
        == f"lawlint: error: {tmp_path / 'b.docx'}: not a .docx file (not a zip archive)"
    )
    assert f"{tmp_path / 'a.txt'}:4:1: H101" in out


def test_docx_locations_say_they_are_paragraphs(tmp_path: Path, capsys) -> None:
    path = docx_with(tmp_path / "r.docx", REPORT.splitlines())
    _, out, _ = _check(capsys, "--format", "concise", "--select", "H101", str(path))
    assert out.splitlines()[0].endswith("(第4段)")
    _, out, _ = _check(capsys, "--format", "json", str(path))
    assert {row["unit"] for row in json.loads(out)} == {"paragraph"}


def test_parallel_run_gives_the_same_reports_in_input_order(tmp_path: Path, capsys) -> None:
    names = [f"r{index:02d}.txt" for index in range(runner.POOL_MIN_FILES + 3)]
    for index, name in enumerate(names):
        defective = REPORT if index % 2 else CLEAN
        (tmp_path / name).write_text(defective, encoding="utf-8")
    paths = [str(tmp_path / name) for name in reversed(names)]
    one = _check(capsys, "--format", "json", "--jobs", "1", *paths)
    many = _check(capsys, "--format", "json", "--jobs", "2", *paths)
    assert one == many
    order = list(dict.fromkeys(row["path"] for row in json.loads(many[1])))
    assert order == [path for path in paths if path in order]
    assert {path for path in paths if int(Path(path).stem[1:]) % 2} <= set(order)


def test_fail_on_comes_from_the_config_unless_given(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "lawlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _check(capsys, "--profile", "generic", "r.txt")[0] == 1
    assert _check(capsys, "--profile", "generic", "--fail-on", "error", "r.txt")[0] == 0


def test_config_mistake_is_a_usage_error(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "lawlint.toml").write_text('ignore = ["heading-secuence"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, err = _check(capsys, "r.txt")
    assert status == 2 and not out
    assert "unknown rule 'heading-secuence' (did you mean 'heading-sequence'?)" in err


def test_unknown_rule_on_the_command_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    status, _, err = _check(capsys, "--ignore", "H1O1", str(tmp_path / "r.txt"))
    assert status == 2
    assert err.strip() == "lawlint: error: unknown rule 'H1O1' (did you mean 'H101'?)"


# --- check-rules ---------------------------------------------------------------------------


def test_check_rules_passes_a_good_pack(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PHRASE_PACK, encoding="utf-8")
    status, out, err = _run(capsys, "check-rules", str(pack))
    assert (status, err) == (0, "")
    assert out.strip() == f"{pack}: 1 rules, 2 examples pass"


def test_check_rules_fails_loudly_on_a_rule_that_misses_its_example(tmp_path: Path, capsys):
    pack = tmp_path / "local.yaml"
    pack.write_text(PHRASE_PACK.replace("wrong: '青山县'", "wrong: '青山乡'"), encoding="utf-8")
    status, _, err = _run(capsys, "check-rules", str(pack))
    assert status == 1
    assert f"{pack}:2: rule 'local-county-name': flag example 1 is not flagged" in err


def test_check_rules_reports_a_flagged_ok_example(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PHRASE_PACK.replace('ok: ["青山区', 'ok: ["青山县'), encoding="utf-8")
    status, _, err = _run(capsys, "check-rules", str(pack))
    assert status == 1 and "ok example 1 is flagged" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules:\n  - name: x\n    code: [unclosed\n", "bad.yaml:4: invalid YAML"),
        (PHRASE_PACK.replace("L901", "H101"), "'H101' is already defined"),
        (PHRASE_PACK.replace("kind: fixed_phrase", "kind: fixed_phrases"), "unknown kind"),
    ],
)
def test_check_rules_bad_file_is_a_one_line_error(tmp_path: Path, capsys, text, message) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(text, encoding="utf-8")
    status, _, err = _run(capsys, "check-rules", str(pack))
    assert status == 2
    assert err.count("\n") == 1 and err.startswith(f"lawlint: error: {pack}")
    assert message in err


def test_check_rules_accepts_the_built_in_packs(capsys) -> None:
    from lawlint.registry import builtin_rule_files

    status, _, err = _run(capsys, "check-rules", *map(str, builtin_rule_files()))
    assert (status, err) == (0, "")


def test_help_lists_the_input_options() -> None:
    stream = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, stream
    try:
        with pytest.raises(SystemExit):
            main(["check", "--help"])
    finally:
        sys.stdout = sys_stdout
    for option in ("--stdin-filename", "--include", "--exclude", "--jobs"):
        assert option in stream.getvalue()
