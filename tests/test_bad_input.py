"""Bad input and faults: each gives one clear line, the right exit status, and no traceback.

Every case runs the command line in-process next to a report with findings, to
show that the other files are still linted. Sizes are generated in tmp_path.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import pytest

from lawlint import cli
from lawlint.markers import chinese_numeral
from lawlint.safe_regex import UnsafePattern, compile_bounded
from lawlint.source import MAX_BYTES
from tests.conftest import FIXTURES, ROOT

GOOD = FIXTURES / "headings" / "sequence_defects.txt"
LEVELS = ("一、", "（一）", "1.", "（1）", "①")


@pytest.fixture
def here(tmp_path: Path, monkeypatch) -> Path:
    """Run in an empty folder (the default cache folder is made in the current one)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_bytes(GOOD.read_bytes())
    return tmp_path


def _run(capsys, *args: str) -> tuple[int, list[dict], list[str]]:
    """Exit status, the JSON diagnostics and the stderr lines of one in-process run."""
    status = cli.main(["--format", "json", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    errors = [line for line in captured.err.splitlines() if line.startswith("lawlint:")]
    return status, json.loads(captured.out), errors


def _good_still_linted(rows: list[dict]) -> None:
    assert any(row["path"] == "good.txt" for row in rows), "the good file was not linted"


# (name, writes the bad file and returns its name, what the error line must say)
Maker = Callable[[Path], str]


def _binary(folder: Path) -> str:
    (folder / "bin.txt").write_bytes(random.Random(1).randbytes(4096) + b"\x00")
    return "bin.txt"


def _nul(folder: Path) -> str:
    (folder / "nul.txt").write_bytes("一、标题\n正\x00文。\n".encode())
    return "nul.txt"


def _mixed(folder: Path) -> str:
    text = "一、标题\n正文".encode() + "中文".encode("gbk") + "内容。\n".encode()
    (folder / "mixed.txt").write_bytes(text)
    return "mixed.txt"


def _bad_after_bom(folder: Path) -> str:
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "一、标题\n".encode() + b"\xff\xfe\n")
    return "bom.txt"


def _too_large(folder: Path) -> str:
    line = ("全年办理行政执法案件46件，办结46件。" * 20 + "\n").encode()
    with (folder / "big.txt").open("wb") as stream:
        for _ in range(50 * 2**20 // len(line) + 1):
            stream.write(line)
    return "big.txt"


def _symlink_loop(folder: Path) -> str:
    (folder / "loop1.txt").symlink_to("loop2.txt")
    (folder / "loop2.txt").symlink_to("loop1.txt")
    return "loop1.txt"


def _corrupt_docx(folder: Path) -> str:
    (folder / "report.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    return "report.docx"


def _missing(folder: Path) -> str:
    return "missing.txt"


UNREADABLE: list[tuple[str, Maker, str]] = [
    ("binary", _binary, "binary file"),
    ("nul-bytes", _nul, "binary file"),
    ("gbk-bytes-inside-utf8", _mixed, "not UTF-8"),
    ("invalid-utf8-after-bom", _bad_after_bom, "byte-order mark"),
    ("50-mb", _too_large, "file too large"),
    ("symlink-loop", _symlink_loop, "symbolic links"),
    ("corrupt-docx", _corrupt_docx, "not a .docx file"),
    ("missing", _missing, "no such file"),
]


@pytest.mark.parametrize(
    ("make", "reason"), [c[1:] for c in UNREADABLE], ids=[c[0] for c in UNREADABLE]
)
def test_unreadable_input_is_one_line_and_exit_2(
    here: Path, capsys, make: Maker, reason: str
) -> None:
    if make is _corrupt_docx and find_spec("docx") is None:
        pytest.skip("python-docx is not installed, so .docx input is not supported here")
    bad = make(here)
    status, rows, errors = _run(capsys, bad, "good.txt")
    assert status == 2
    assert len(errors) == 1
    assert errors[0].startswith(f"lawlint: error: {bad}: ") and reason in errors[0], errors
    _good_still_linted(rows)


class _SpyOs:
    """The os module as lawlint.source sees it, counting files opened and reads."""

    def __init__(self) -> None:
        self.opened, self.reads = 0, 0

    def __getattr__(self, name: str):
        return getattr(os, name)

    def open(self, *args, **kwargs) -> int:
        self.opened += 1
        return os.open(*args, **kwargs)

    def read(self, *args) -> bytes:
        self.reads += 1
        return os.read(*args)


def test_a_50_mb_file_is_refused_without_reading_it(here: Path, capsys, monkeypatch) -> None:
    """Memory stays flat: the file is refused from its size before any read."""
    bad = _too_large(here)
    assert (here / bad).stat().st_size > MAX_BYTES
    spy = _SpyOs()
    monkeypatch.setattr("lawlint.source.os", spy)
    status, _, errors = _run(capsys, "--no-cache", bad)
    assert status == 2 and "file too large" in errors[0]
    assert spy.opened and spy.reads == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\t\n\xe3\x80\x80\r\n", b"\xef\xbb\xbf", "\ufeff\n\n".encode("utf-16")],
    ids=["empty", "whitespace", "bom-only", "utf16-blank"],
)
def test_empty_and_blank_files_are_clean(here: Path, capsys, content: bytes) -> None:
    (here / "blank.txt").write_bytes(content)
    status, rows, errors = _run(capsys, "blank.txt", "good.txt")
    assert errors == []
    assert status == 0 or rows  # good.txt's findings may fail the run, blank.txt gives none
    assert not [row for row in rows if row["path"] == "blank.txt"]
    _good_still_linted(rows)


def _lint_generated(here: Path, capsys, text: str) -> list[dict]:
    (here / "gen.txt").write_text(text, encoding="utf-8")
    status, rows, errors = _run(capsys, "--no-cache", "gen.txt")
    assert errors == [] and status in (0, 1)
    assert all(1 <= row["line"] <= text.count("\n") + 1 for row in rows)
    return rows


def test_100000_headings(here: Path, capsys) -> None:
    lines = [f"{chinese_numeral(i % 99 + 1)}、推进依法行政工作" for i in range(100_000)]
    rows = _lint_generated(here, capsys, "\n".join(lines) + "\n")
    assert any(row["rule"] == "heading-sequence" for row in rows)


def test_deeply_nested_markers(here: Path, capsys) -> None:
    """一、（一）1.（1）① over and over: each 一、 restarts a list below the last ①."""
    lines = [LEVELS[i % 5] + "标题" for i in range(20_000)]
    _lint_generated(here, capsys, "\n".join(lines) + "\n")


def test_brackets_nested_ten_thousand_deep(here: Path, capsys) -> None:
    _lint_generated(here, capsys, "（" * 10_000 + "一" + "）" * 10_000 + "标题\n正文。\n")


def test_a_line_of_one_megabyte(here: Path, capsys) -> None:
    sentence = "全年办理行政执法案件46件，其中简易程序案件30件、普通程序案件16件；审核率100%。"
    _lint_generated(here, capsys, sentence * (2**20 // len(sentence.encode())))


# One sentence built to make the number rules quadratic or worse (each figure
# reading all the others): (name, repeated unit, times, rule, findings expected).
# Sized so that the unguarded code ran for minutes; guarded, each is linear.
CRAFTED_SENTENCES = [
    ("parts-without-commas", "其中5件", 2_000, "sum-mismatch", 0),
    ("parts-with-commas", "其中5件，", 8_000, "sum-mismatch", 0),
    ("parts-in-brackets", "（其中5件", 8_000, "sum-mismatch", 0),
    ("rates", "办结率100%，", 30_000, "rate-mismatch", 0),
    ("rates-in-words", "满意度百分之九十", 30_000, "rate-over-100", 0),
    ("rates-with-counts", "受理5件，办结4件，办结率90%，", 4_000, "rate-mismatch", 16),
    ("named-lists", "共12件，包括3件、", 20_000, "count-mismatch", 0),
    ("named-lists-quoted", "共12件，包括“3件、", 6_000, "count-mismatch", 0),
    ("enumerations", "五个方面：一是", 60_000, "count-mismatch", 0),
]


@pytest.mark.parametrize(
    ("unit", "times", "rule", "expected"),
    [case[1:] for case in CRAFTED_SENTENCES],
    ids=[case[0] for case in CRAFTED_SENTENCES],
)
def test_a_crafted_sentence_does_not_hang_the_number_rules(
    here: Path, capsys, unit: str, times: int, rule: str, expected: int
) -> None:
    """A regression shows as a hang: these ran for minutes before the number rules were bounded.

    rates-with-counts: only the first 16 rates have at most 48 figures before
    them in the sentence (rate_mismatch._MAX_BEFORE); 4 of 5 is not 90%.
    """
    rows = _lint_generated(here, capsys, "一、主要举措\n" + unit * times + "\n")
    assert len([row for row in rows if row["rule"] == rule]) == expected


def test_directory_without_read_permission(here: Path, capsys) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root, where chmod 000 does not stop reading")
    locked = here / "locked"
    locked.mkdir()
    (locked / "report.txt").write_text("一、标题\n", encoding="utf-8")
    locked.chmod(0)
    try:
        status, rows, errors = _run(capsys, "locked", "good.txt")
    finally:
        locked.chmod(0o755)
    assert status == 2 and len(errors) == 1 and "locked" in errors[0]
    _good_still_linted(rows)


def test_a_symlink_loop_inside_a_folder_is_not_followed_forever(here: Path, capsys) -> None:
    folder = here / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "up").symlink_to("..")
    (folder / "report.txt").write_bytes(GOOD.read_bytes())
    status, rows, errors = _run(capsys, "--no-cache", "reports")
    assert status in (1, 2) and len(errors) <= 1
    assert {row["path"] for row in rows} == {str(Path("reports") / "report.txt")}


# --- rule files from the configuration -------------------------------------------------

RULE = """\
rules:
  - name: my-phrase
    code: U901
    kind: fixed_phrase
    severity: error
    profiles: [generic, fazhi]
    message: "“{{found}}”应为“{{expected}}”"
    help: "改为“{{expected}}”。"
    rationale: "A user's own phrase list."
    source: "本单位用语规范"
    options:
{options}
    examples:
      flag: ["依法制国"]
      ok: ["依法治国"]
"""


def _phrases(wrong: str) -> str:
    return f"      phrases:\n        - wrong: '{wrong}'\n          right: '依法治国'"


USER_RULES = [
    ("bad-yaml", "rules:\n  - name: [\n", "invalid YAML"),
    ("invalid-regex", RULE.format(options=_phrases("依法制(国")), "missing ), unterminated"),
    ("nested-quantifier", RULE.format(options=_phrases("(依+)+法")), "unbounded repeat"),
    ("unbounded-repeat", RULE.format(options=_phrases("依.*国")), "unbounded repeat"),
    ("backreference", RULE.format(options=_phrases("(依)\\1")), "back-references"),
    ("unknown-option", RULE.format(options="      nonsense: 1"), "unknown option(s) nonsense"),
]


@pytest.mark.parametrize(
    ("text", "reason"), [c[1:] for c in USER_RULES], ids=[c[0] for c in USER_RULES]
)
def test_a_bad_user_rule_file_names_file_line_and_reason(
    here: Path, capsys, text: str, reason: str
) -> None:
    (here / "lawlint.toml").write_text('rule-files = ["my.yaml"]\n', encoding="utf-8")
    (here / "my.yaml").write_text(text, encoding="utf-8")
    status = cli.main(["good.txt"])
    captured = capsys.readouterr()
    assert status == 2 and "Traceback" not in captured.err
    lines = [line for line in captured.err.splitlines() if line.startswith("lawlint:")]
    assert len(lines) == 1, captured.err
    assert re.match(r"lawlint: error: \S*my\.yaml:\d+: ", lines[0]), lines[0]
    assert reason in lines[0], lines[0]


def test_a_safe_user_rule_file_works(here: Path, capsys) -> None:
    """The near miss: a bounded pattern in the same file loads and flags."""
    (here / "lawlint.toml").write_text('rule-files = ["my.yaml"]\n', encoding="utf-8")
    (here / "my.yaml").write_text(RULE.format(options=_phrases("依法制.{0,2}国")), "utf-8")
    (here / "r.txt").write_text("我们坚持依法制国。\n", encoding="utf-8")
    status, rows, errors = _run(capsys, "--no-cache", "r.txt")
    assert errors == [] and status == 1
    assert [row["rule"] for row in rows] == ["my-phrase"]


def test_an_unknown_command_line_option_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["check", "--no-such-option", "good.txt"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


# --- the regex guard itself ------------------------------------------------------------

REFUSED = ["(a+)+$", "(a|aa){0,9}", "(a{1,3}){0,3}", ".*x", "a{2,}", "(a)\\1", ".{0,30}" * 3]
ACCEPTED = ["法制(政府|思维)", "[大自领]学习近平", ".{0,30}.{0,30}", "(ab|cd){3}", "(?<=a)b{0,5}"]


@pytest.mark.parametrize("pattern", REFUSED)
def test_guard_refuses_patterns_that_can_backtrack_without_bound(pattern: str) -> None:
    with pytest.raises(UnsafePattern):
        compile_bounded(pattern)


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_guard_accepts_bounded_patterns(pattern: str) -> None:
    assert compile_bounded(pattern).pattern == pattern


def test_every_built_in_phrase_pattern_passes_the_guard() -> None:
    import yaml

    document = yaml.safe_load((ROOT / "rules" / "phrases.yaml").read_text(encoding="utf-8"))
    patterns = [
        text
        for rule in document["rules"]
        for phrase in (rule.get("options") or {}).get("phrases", [])
        for text in [phrase["wrong"], *phrase.get("exceptions", [])]
    ]
    assert patterns
    for pattern in patterns:
        compile_bounded(pattern)
