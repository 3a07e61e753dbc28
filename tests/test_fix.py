"""--fix, --unsafe-fixes and --diff: what is applied, and how the file is written back."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
from pathlib import Path

import pytest

from lawlint import writer
from lawlint.cli import main
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.fixer import MAX_PASSES, apply_fixes, fix_reports, fix_result, unified_diff
from lawlint.linter import LintResult, Selection, lint_source
from lawlint.render import FileReport
from lawlint.source import Source, read_source
from lawlint.writer import WriteError, encode_like, replace_file
from tests.builders import docx_with
from tests.conftest import SEEDS, all_rules, corpus, lint_text, needs_corpus, needs_seeds, rule

# A generic report with two safe defects (一. for 一、, a PDF space) and one
# that only an unsafe fix repairs (（三） where （二） belongs).
DEFECTIVE = (
    "青山县司法局工作报告\n"
    "\n"
    "一.主要工作\n"
    "（一）强化组织领导。全年召开专题会议 6 场。\n"
    "（三）规范行政执法。全年开展执法检查12次。\n"
)
SAFE_FIXED = DEFECTIVE.replace("一.", "一、").replace("会议 6 场", "会议6场")
ALL_FIXED = SAFE_FIXED.replace("（三）", "（二）")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["check", "--no-cache", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _write(tmp_path: Path, text: str, name: str = "report.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- the command line ---------------------------------------------------------


def test_check_says_how_many_are_fixable(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    status, out, _ = _run(capsys, str(path))
    assert status == 0
    assert (
        "[*] 2 fixable with `--fix` (1 hidden fix can be enabled with the `--unsafe-fixes` option)."
        in out
    )
    assert path.read_text(encoding="utf-8") == DEFECTIVE


def test_fix_applies_safe_fixes_and_reports_what_remains(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    status, out, _ = _run(capsys, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == SAFE_FIXED
    assert "Fixed 2 problems (" in out
    assert "heading-marker-form 1" in out and "pdf-digit-space 1" in out
    assert "heading-sequence" in out  # the remaining diagnostic is shown …
    assert "report.txt:5:1" in out  # … at its place in the fixed file
    assert "No fixes available (1 hidden fix can be enabled" in out
    assert status == 0


def test_unsafe_fixes_renumber_too(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    status, out, _ = _run(capsys, "--fix", "--unsafe-fixes", str(path))
    assert path.read_text(encoding="utf-8") == ALL_FIXED
    assert "Fixed 3 problems" in out and "All checks passed" in out
    assert status == 0


def test_second_fix_changes_nothing(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    _run(capsys, "--fix", str(path))
    first = path.read_bytes()
    _, out, _ = _run(capsys, "--fix", str(path))
    assert path.read_bytes() == first
    assert "Fixed" not in out


def test_diff_shows_the_change_and_writes_nothing(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    status, out, err = _run(capsys, "--diff", str(path))
    assert status == 1
    assert path.read_text(encoding="utf-8") == DEFECTIVE
    assert out.startswith(f"--- {path}\n+++ {path}\n@@ -1,5 +1,5 @@\n")
    changed = [line for line in out.splitlines() if line[:1] in "+-"][2:]
    assert changed == [
        "-一.主要工作",
        "-（一）强化组织领导。全年召开专题会议 6 场。",
        "+一、主要工作",
        "+（一）强化组织领导。全年召开专题会议6场。",
    ]  # the unsafe renumbering of （三） is not in it
    assert "Would fix 2 problems." in err


def test_diff_of_a_clean_file_is_empty_and_exits_zero(tmp_path, capsys) -> None:
    path = _write(tmp_path, ALL_FIXED)
    status, out, _ = _run(capsys, "--diff", str(path))
    assert (status, out) == (0, "")


def test_fix_summary_goes_to_stderr_for_machine_formats(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    _, out, err = _run(capsys, "--fix", "--format", "json", str(path))
    assert "Fixed 2 problems" in err
    assert "Fixed" not in out


def test_docx_is_never_rewritten(tmp_path) -> None:
    path = _write(tmp_path, DEFECTIVE, name="report.docx")
    source = Source(str(path), DEFECTIVE, unit="paragraph")
    report = FileReport(str(path), _lint(source))
    outcome = fix_reports([report], _lint, unsafe=True, write=True)
    assert outcome.notices == [(str(path), "fixes are not applied to .docx files")]
    assert path.read_text(encoding="utf-8") == DEFECTIVE
    assert outcome.reports == [report]


def test_standard_input_is_never_written(tmp_path, capsys, monkeypatch) -> None:
    path = _write(tmp_path, DEFECTIVE)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DEFECTIVE.encode("utf-8"))))
    _, _, err = _run(capsys, "--fix", "--stdin-filename", str(path), "-")
    assert f"lawlint: warning: {path}: fixes are not applied to standard input" in err
    assert path.read_text(encoding="utf-8") == DEFECTIVE


def test_cli_leaves_a_word_file_alone(tmp_path, capsys) -> None:
    path = docx_with(tmp_path / "report.docx", DEFECTIVE.splitlines())
    original = path.read_bytes()
    _, out, err = _run(capsys, "--fix", str(path))
    assert f"lawlint: warning: {path}: fixes are not applied to .docx files" in err
    assert path.read_bytes() == original
    assert "pdf-digit-space" in out  # still reported


def test_markdown_is_fixed_in_place(tmp_path, capsys) -> None:
    text = "# 青山县司法局工作报告\n\n全年召开专题会议 6 场。\n"
    path = _write(tmp_path, text, name="report.md")
    _run(capsys, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text.replace(" 6 场", "6场")


# --- encodings, line ends, mode ----------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_fix_keeps_encoding_and_byte_order_mark(tmp_path, capsys, encoding, bom) -> None:
    # 䶮 is outside GBK: its presence makes the file GB18030 rather than GBK.
    extra = "龑䶮" if encoding == "gb18030" else ""
    text = DEFECTIVE.replace("工作报告", f"工作报告{extra}")
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.encode(encoding))
    _run(capsys, "--fix", str(path))
    expected = SAFE_FIXED.replace("工作报告", f"工作报告{extra}")
    assert path.read_bytes() == bom + expected.encode(encoding)


def test_each_line_keeps_its_own_line_end(tmp_path, capsys) -> None:
    text = DEFECTIVE.replace("\n", "\r\n", 2).replace("检查12次。\n", "检查12次。\r")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("utf-8"))
    _run(capsys, "--fix", str(path))
    expected = text.replace("一.", "一、").replace("会议 6 场", "会议6场")
    assert path.read_bytes() == expected.encode("utf-8")


def test_fix_keeps_the_file_mode(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    path.chmod(0o640)
    _run(capsys, "--fix", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == SAFE_FIXED


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_fix_run_as_root_keeps_the_owner(tmp_path, capsys) -> None:
    path = _write(tmp_path, DEFECTIVE)
    os.chown(path, 1234, 5678)
    _run(capsys, "--fix", str(path))
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 5678)
    assert path.read_text(encoding="utf-8") == SAFE_FIXED


def test_fix_through_a_symlink_keeps_the_link(tmp_path, capsys) -> None:
    target = _write(tmp_path, DEFECTIVE)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    _run(capsys, "--fix", str(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == SAFE_FIXED


def test_unencodable_fix_leaves_a_gbk_file_alone(tmp_path) -> None:
    path = _write(tmp_path, "全年召开会议6场。\n", encoding="gbk")
    original = path.read_bytes()
    source = read_source(path)
    insert = Fix("插入", (Edit(0, 0, "䶮"),))  # U+4DAE is in GB18030 but not in GBK

    def lint(source: Source) -> LintResult:
        found = [] if "䶮" in source.text else [_diagnostic(insert)]
        return LintResult(source, None, "generic", found)

    outcome = fix_reports([FileReport(str(path), lint(source))], lint, unsafe=False, write=True)
    assert path.read_bytes() == original
    [(where, problem)] = outcome.errors
    assert where == str(path)
    assert "GBK cannot encode" in problem and "U+4DAE" in problem


def test_encode_like_keeps_utf16_byte_order() -> None:
    original = codecs.BOM_UTF16_BE + "一、".encode("utf-16-be")
    assert encode_like("二、", original) == codecs.BOM_UTF16_BE + "二、".encode("utf-16-be")


# --- safety of the write -------------------------------------------------------


def test_interrupted_replace_leaves_the_original_and_no_temporary(tmp_path, monkeypatch) -> None:
    path = _write(tmp_path, DEFECTIVE)
    original = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", fail)
    with pytest.raises(WriteError, match="No space left on device"):
        replace_file(path, SAFE_FIXED.encode("utf-8"), original)
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == ["report.txt"]


def test_interrupt_by_the_user_also_cleans_up(tmp_path, monkeypatch) -> None:
    path = _write(tmp_path, DEFECTIVE)
    original = path.read_bytes()

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        replace_file(path, b"new", original)
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == ["report.txt"]


def test_failed_write_is_reported_by_the_cli(tmp_path, capsys, monkeypatch) -> None:
    path = _write(tmp_path, DEFECTIVE)

    def fail(*args: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(writer.os, "replace", fail)
    status, _, err = _run(capsys, "--fix", str(path))
    assert status == 2
    assert f"lawlint: error: {path}: cannot write: Permission denied" in err
    assert path.read_text(encoding="utf-8") == DEFECTIVE


def test_file_changed_just_before_the_replace_is_not_overwritten(tmp_path) -> None:
    path = _write(tmp_path, "someone saved this meanwhile\n")
    with pytest.raises(WriteError, match="changed on disk"):
        replace_file(path, b"fixed", expected=b"what lawlint read\n")
    assert path.read_text(encoding="utf-8") == "someone saved this meanwhile\n"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_file_changed_since_it_was_linted_is_not_overwritten(tmp_path) -> None:
    path = _write(tmp_path, DEFECTIVE)
    report = FileReport(str(path), _lint(read_source(path)))
    path.write_text(DEFECTIVE + "（四）新增一段。\n", encoding="utf-8")
    outcome = fix_reports([report], _lint, unsafe=False, write=True)
    assert outcome.errors == [
        (str(path), "changed on disk since it was linted; file left unchanged")
    ]
    assert path.read_text(encoding="utf-8") == DEFECTIVE + "（四）新增一段。\n"


# --- applying edits ------------------------------------------------------------


def test_overlapping_fixes_are_skipped_and_disjoint_ones_applied() -> None:
    first = Fix("a", (Edit(0, 2, "X"),))
    overlapping = Fix("b", (Edit(1, 3, "Y"),))
    disjoint = Fix("c", (Edit(3, 4, "Z"),))
    text, applied = apply_fixes("abcde", [disjoint, overlapping, first])
    assert text == "XcZe"
    assert applied == [first, disjoint]


def test_a_fix_is_all_or_nothing() -> None:
    taken = Fix("a", (Edit(0, 1, "X"),))
    partly_overlapping = Fix("b", (Edit(0, 1, "Y"), Edit(3, 4, "Y")))
    text, applied = apply_fixes("abcd", [taken, partly_overlapping])
    assert (text, applied) == ("Xbcd", [taken])


def test_an_edit_spanning_a_taken_edit_of_another_fix_overlaps() -> None:
    wide = Fix("wide", (Edit(0, 1, "A"), Edit(10, 11, "B")))
    inside = Fix("inside", (Edit(5, 12, "C"),))
    text, applied = apply_fixes("0123456789abc", [inside, wide])
    assert (text, applied) == ("A123456789Bbc", [wide])


def test_insertions_at_one_point_conflict_but_adjacent_edits_do_not() -> None:
    text, applied = apply_fixes("ab", [Fix("1", (Edit(1, 1, "X"),)), Fix("2", (Edit(1, 1, "Y"),))])
    assert text in ("aXb", "aYb") and len(applied) == 1
    text, _ = apply_fixes("ab", [Fix("1", (Edit(0, 1, "X"),)), Fix("2", (Edit(1, 2, "Y"),))])
    assert text == "XY"


def test_line_ends_in_a_replacement_follow_the_file() -> None:
    text, _ = apply_fixes("a\r\nb", [Fix("split", (Edit(0, 1, "x\ny"),))], newline="\r\n")
    assert text == "x\r\ny\r\nb"


def test_passes_repeat_until_overlapping_fixes_are_done() -> None:
    """Every "xx" proposes "x": overlapping proposals need several passes."""
    result = fix_result(
        _pairs(Source("t.txt", "xxxxx")), lambda text: _pairs(Source("t", text)), False
    )
    assert result.text == "x"
    assert result.converged
    assert result.fixed["pairs"] == 4


def test_fixes_that_undo_each_other_stop_after_the_last_pass() -> None:
    calls = []

    def flip(text: str) -> LintResult:
        calls.append(text)
        other = "b" if text == "a" else "a"
        return LintResult(Source("t", text), None, "generic", [_diagnostic(_replace(0, 1, other))])

    result = fix_result(flip("a"), flip, unsafe=False)
    assert not result.converged
    assert len(calls) == MAX_PASSES + 1


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff("r.txt", "一.甲", "一、甲")
    assert diff.endswith("+一、甲\n\\ No newline at end of file\n")


# --- helpers -------------------------------------------------------------------


def _lint(source: Source) -> LintResult:
    return lint_source(source, Selection(all_rules()))


def _replace(start: int, end: int, text: str) -> Fix:
    return Fix("replace", (Edit(start, end, text),))


def _diagnostic(fix: Fix, rule: str = "test-rule") -> Diagnostic:
    start, end = fix.edits[0].start, fix.edits[-1].end
    return Diagnostic(rule, "T001", Severity.WARNING, "m", "h", start, end, fix)


def _pairs(source: Source) -> LintResult:
    text = source.text
    found = [
        _diagnostic(_replace(index, index + 2, "x"), "pairs")
        for index in range(len(text) - 1)
        if text[index : index + 2] == "xx"
    ]
    return LintResult(source, None, "generic", found)


# --- pdf-digit-space -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("全年召开会议 6 场。", "全年召开会议6场。"),
        ("完成率达到 98.5% 以上。", "完成率达到98.5%以上。"),
        ("增长 37％，", "增长37％，"),
        ("共\u00a012\u00a0件。", "共12件。"),  # a no-break space, as some converters write
        ("说明如下。\n2024 年，我局……", "说明如下。\n2024年，我局……"),  # a year is no clause number
        (
            "一、2024 年度推进法治政府建设的主要举措和成效",
            "一、2024年度推进法治政府建设的主要举措和成效",
        ),
    ],
)
def test_pdf_digit_space_fixes(text: str, fixed: str) -> None:
    result = lint_text(text, only="pdf-digit-space")
    assert result.diagnostics, text
    assert apply_fixes(text, [d.fix for d in result.diagnostics])[0] == fixed


@pytest.mark.parametrize(
    "text",
    [
        "建设 5G 网络，升级 Windows 10 终端，部署 IPv6 地址。",
        "完成 COVID-19 疫苗接种。",
        "3 总则\n3.1 术语\n12 月度工作\n",  # a short number opening a line numbers a clause
        "项目\t120\t个\n",  # table columns
        "培训人员    45    人\n",  # aligned with several spaces
        "法律援助中心于1 9 9 8 年设立，受理量达到2 ．5 万件。",  # letter-spaced, another defect
        "全年召开会议\u30006\u3000场。",  # ideographic spaces are typed, not extracted
        "The bureau held 6 meetings; 法治 is the Chinese word, 6 times.",
    ],
)
def test_pdf_digit_space_near_misses(text: str) -> None:
    assert not lint_text(text, only="pdf-digit-space").diagnostics


@needs_seeds
def test_pdf_digit_space_on_the_seeds() -> None:
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        result = lint_source(read_source(path), Selection([rule("pdf-digit-space")]))
        lines = [result.source.position(d.start).line for d in result.diagnostics]
        if lines:
            found[path.name] = lines
    # Only the report converted from a PDF has them, at every reviewed place.
    assert found == {"001_862ba2f9cd398234.txt": [5, 7, 23, 23, 23, 23, 23, 23, 27, 35, 39]}


@needs_corpus
def test_pdf_digit_space_on_the_corpus_removes_only_stray_spaces() -> None:
    count = 0
    for document in corpus():
        text = document["content"]
        for diagnostic in lint_text(text, only="pdf-digit-space").diagnostics:
            count += 1
            for edit in diagnostic.fix.edits:
                assert text[edit.start : edit.end] == " " and edit.replacement == ""
                around = text[edit.start - 1] + text[edit.end]
                assert re.fullmatch(r"[0-9%％][\u4e00-\u9fff]|[\u4e00-\u9fff][0-9]", around)
    # Reviewed one by one: each is a single stray space left in the web copy of the text.
    assert count == 29
