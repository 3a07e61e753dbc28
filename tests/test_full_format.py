"""The default output: code frames whose underline sits under Chinese text correctly."""

from __future__ import annotations

import io

from rich.cells import cell_len

from lawlint.diagnostics import Diagnostic, Severity
from lawlint.linter import LintResult
from lawlint.outline import build_outline
from lawlint.render import FileReport, RenderOptions
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
