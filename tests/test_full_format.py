"""The default output: code frames whose underline sits under Chinese text correctly."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.linter import LintResult
from lawlint.outline import build_outline
from lawlint.render import FileReport, RenderOptions, full_format, renderer
from lawlint.render.full_format import render
from lawlint.source import Source


def rendered(text: str, start: int, end: int) -> list[str]:
    source = Source("r.txt", text)
    diagnostic = Diagnostic("demo-rule", "X001", Severity.ERROR, "消息", "帮助", start, end)
    result = LintResult(source, build_outline(source), "generic", [diagnostic])
    stream = io.StringIO()
    render([FileReport("r.txt", result)], stream, RenderOptions(color="never"))
    return stream.getvalue().splitlines()


def frame(lines: list[str]) -> tuple[str, str]:
    """The shown source line and the underline, without the gutter."""
    row = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1 |"))
    return lines[row].split("| ", 1)[1], lines[row + 1].split("| ", 1)[1]


def test_underline_counts_two_cells_per_chinese_character() -> None:
    text = "\u3000\u3000全年开展“法制政府”宣传活动。\n"
    start = text.index("法制政府")
    shown, underline = frame(rendered(text, start, start + 4))
    assert underline == " " * cell_len(shown[: shown.index("法制政府")]) + "^" * 8
    assert rendered(text, start, start + 4)[1].endswith("r.txt:1:8")


def test_long_line_is_cut_around_the_flagged_text() -> None:
    text = "甲" * 300 + "法制政府" + "乙" * 300
    start = 300
    shown, underline = frame(rendered(text, start, start + 4))
    assert shown.startswith("…") and shown.endswith("…")
    assert cell_len(shown) <= 80
    column = cell_len(shown[: shown.index("法制政府")])
    assert underline == " " * column + "^" * 8


def test_summary_counts_by_severity() -> None:
    lines = rendered("一、总则\n", 0, 2)
    assert lines[-1] == "Found 1 problem (1 error) in 1 of 1 file."


def test_long_span_is_underlined_only_as_far_as_shown() -> None:
    text = "甲" * 10 + "乙" * 200
    shown, underline = frame(rendered(text, 10, 210))
    assert shown.endswith("…") and cell_len(shown) <= 80
    assert cell_len(underline) <= cell_len(shown)
    assert underline.lstrip(" ").startswith("^")


# The fast writer against rich itself (the writer used on Windows), on text that
# exercises what rich does to it: tabs in every field, control characters,
# emoji joiners, wide characters, spans at line ends, long lines.
ODD_TEXT = (
    "一、总则\n\t甲\t乙\x0b丙\x0c丁\x07戊\x08己 工作\u200d👩\u200d👩\u200d👧\ufe0f末尾\n"
    + "很长" * 200
    + "\n\n（一）尾\r\n二、x\r"
)


def odd_report() -> FileReport:
    text = ODD_TEXT
    long_line = text.index("很长")
    spans = [
        (0, 2, "消息\t带制表符", "帮助\t\t两个", None),
        (6, 9, "含\x1b[31m转义", "控制\x07字符\r回车", Fix("改\t为", (Edit(6, 7, "x"),), False)),
        (12, 20, "emoji", "h", None),
        (long_line + 150, long_line + 160, "长行中部", "h", None),
        (long_line, long_line + 400, "长跨度", "h", None),
        (text.index("\n\n"), text.index("\n\n"), "行尾空", "h", None),
        (text.index("\n\n") + 1, text.index("\n\n") + 1, "空行", "h", None),
        (len(text) - 1, len(text), "末", "多\n行\n\t帮助", Fix("t", ())),
        (text.index("二、"), len(text), "跨行到末尾", "h", None),
        (text.index("\r\n") + 1, text.index("\r\n") + 2, "在\\r\\n之间", "h", None),
    ]
    severities = list(Severity)
    diagnostics = [
        Diagnostic(f"rule-{n}", f"X{n:03d}", severities[n % 3], message, help_, start, end, fix)
        for n, (start, end, message, help_, fix) in enumerate(spans)
    ]
    source = Source("odd\tpath\x07.txt", text)
    result = LintResult(source, build_outline(source), "generic", diagnostics)
    return FileReport(source.path, result)


def reports_for_comparison() -> list[FileReport]:
    return [
        odd_report(),
        FileReport("missing.txt", error="no such file"),
        *(rendered_report(text, 0, 2) for text in ("一、总则\n", "甲" * 90 + "\n")),
    ]


def rendered_report(text: str, start: int, end: int) -> FileReport:
    source = Source("r.txt", text)
    diagnostic = Diagnostic("demo-rule", "X001", Severity.WARNING, "消息", "帮助", start, end)
    return FileReport("r.txt", LintResult(source, build_outline(source), "generic", [diagnostic]))


# (--color, environment, how an error's header is written)
COLOUR, BOLD, PLAIN = "\x1b[1;31merror[", "\x1b[1merror[", "error["
ENVIRONMENTS = [
    ("never", {}, PLAIN),
    ("always", {"TERM": "xterm-256color"}, COLOUR),
    ("always", {"TERM": "dumb"}, PLAIN),
    ("always", {"TERM": "xterm", "COLUMNS": "40"}, COLOUR),
    ("always", {"NO_COLOR": "1"}, COLOUR),
    ("auto", {"FORCE_COLOR": "1", "COLUMNS": "200"}, COLOUR),
    ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, BOLD),
    ("auto", {"FORCE_COLOR": "", "COLUMNS": "120", "LINES": "5"}, PLAIN),
    ("auto", {"TTY_COMPATIBLE": "1", "TERM": "unknown", "COLUMNS": "30"}, PLAIN),
    ("auto", {"TTY_COMPATIBLE": "1", "COLUMNS": "30"}, COLOUR),
    ("auto", {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, PLAIN),
    ("auto", {}, PLAIN),
]
_VARIABLES = ("COLUMNS", "LINES", "TERM", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "COLORTERM")


@pytest.mark.parametrize(("color", "environment", "header"), ENVIRONMENTS)
def test_output_is_what_rich_writes(monkeypatch, color: str, environment: dict, header: str):
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    reports = reports_for_comparison()
    ours = io.StringIO()
    render(iter(reports), ours, RenderOptions(color=color))
    monkeypatch.setattr(full_format, "_WINDOWS", True)
    theirs = io.StringIO()
    render(reports, theirs, RenderOptions(color=color))
    assert ours.getvalue() == theirs.getvalue()
    assert header in ours.getvalue()
    assert (header == PLAIN) == ("\x1b[1" not in ours.getvalue())


@given(st.text(st.sampled_from("甲乙，。 a1…\u0301\u00ad\x00\x1f\u3000😀\U00020000"), max_size=60))
@settings(max_examples=300, deadline=None)
def test_window_measured_per_character_is_the_window_measured_per_string(line: str) -> None:
    for begin in range(len(line) + 1):
        for width in (5, 13, 40):
            assert full_format._window(line, begin, width) == (
                full_format._window_measuring_strings(line, begin, width)
            )


def _clean_result() -> LintResult:
    source = Source("b.txt", "一、总体情况\n")
    return LintResult(source, build_outline(source), "generic", [])


@pytest.mark.parametrize(
    ("reports", "summary"),
    [
        ([FileReport("a.doc", None, "old-format")], "No file checked. 1 file could not be read."),
        ([], "All checks passed (0 files)."),
        (
            [FileReport("a.doc", None, "old"), FileReport("b.txt", _clean_result())],
            "No problems in 1 file checked. 1 file could not be read.",
        ),
    ],
)
def test_the_summary_never_says_all_passed_when_a_file_could_not_be_read(reports, summary):
    stream = io.StringIO()
    render(reports, stream, RenderOptions(color="never"))
    assert stream.getvalue().splitlines()[-1] == summary


@pytest.mark.parametrize(
    ("unit", "safe", "label"),
    [
        ("line", True, "= fix: "),
        ("line", False, "= unsafe fix: "),
        ("paragraph", True, "= suggestion (not applied to Word or PDF files): "),
    ],
)
def test_a_fix_is_shown_as_what_fix_would_do_with_it(unit, safe, label):
    """Word and PDF files are never rewritten: their fixes are only suggestions."""
    source = Source("r.docx" if unit == "paragraph" else "r.txt", "推进法制政府建设。\n", unit=unit)
    fix = Fix("改为“法治政府”", (Edit(2, 6, "法治政府"),), safe=safe)
    found = Diagnostic("fixed-phrase", "P501", Severity.ERROR, "m", "h", 2, 6, fix)
    result = LintResult(source, build_outline(source), "generic", [found])
    stream = io.StringIO()
    render([FileReport(source.path, result)], stream, RenderOptions(color="never"))
    assert f"{label}改为“法治政府”" in stream.getvalue()
    html = io.StringIO()
    renderer("html")([FileReport(source.path, result)], html, RenderOptions(color="never"))
    kind = "可自动修复" if safe else "建议修改（需确认）"
    if unit == "paragraph":
        kind = "建议修改（Word、PDF 文件不自动修改）"
    assert kind in html.getvalue()
