"""full_format measures common characters itself: the cells rich gives, without importing rich."""

from __future__ import annotations

import io

import pytest
from rich import cells as rich_cells

from lawlint.linter import Selection, lint_source
from lawlint.registry import load_rules
from lawlint.render import FileReport, RenderOptions, full_format
from lawlint.source import Source
from tests.conftest import SEEDS, needs_seeds


def _unicode_versions() -> list[str]:
    """Every Unicode version rich has a width table for ('auto' where rich has only one)."""
    try:
        from rich._unicode_data._versions import VERSIONS
    except ImportError:  # rich before 14: one table
        return ["auto"]
    return [*VERSIONS, "auto"]


def _rich_size(character: str, version: str) -> int:
    if version == "auto":
        return rich_cells.get_character_cell_size(character)
    return rich_cells.get_character_cell_size(character, version)


@pytest.mark.parametrize("version", _unicode_versions())
def test_known_characters_take_the_cells_rich_gives_them(version):
    for ranges, cells in ((full_format._NARROW, 1), (full_format._WIDE, 2)):
        for low, high in ranges:
            wrong = [
                hex(code)
                for code in range(low, high + 1)
                if _rich_size(chr(code), version) != cells
            ]
            assert not wrong, (version, cells, wrong[:10])


def test_the_patterns_hold_the_ranges_and_only_them():
    """Every code point of the Basic Multilingual Plane: known as the ranges say, else not."""
    for code in range(0x10000):
        character = chr(code)
        narrow = any(low <= code <= high for low, high in full_format._NARROW)
        wide = any(low <= code <= high for low, high in full_format._WIDE)
        assert bool(full_format._UNKNOWN.match(character)) == (not narrow and not wide), hex(code)
        assert bool(full_format._WIDE_CHARACTER.match(character)) == wide, hex(code)


def test_other_characters_are_left_to_rich():
    for character in ("\t", "\x00", "\u0300", "\u200b", "\u200d", "\ufe0f", "😀", "\u9fbc", "가"):
        assert full_format._UNKNOWN.match(character)
        assert full_format._character_cells(character) == _rich_size(character, "auto")


ADVERSARIAL = [
    "",
    "abc",
    "依法行政（一）、“法治”——2024年…",
    "全角ＡＢＣ１２３，半角abc,123",
    "tab\there",
    "控制\x07字符\x1b[31m",
    "组合a\u0301字符",
    "零宽\u200b空格",
    "家庭👨\u200d👩\u200d👧表情",
    "❤\ufe0f变体",
    "한글과漢字とかな",
    "\u9fbc\u9fff𠀀",
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_cell_len_is_richs(text):
    assert full_format._cell_len(text) == rich_cells.cell_len(text)


@needs_seeds
def test_cell_len_is_richs_on_every_line_of_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for piece in (line, line[:40], line[-25:]):
                assert full_format._cell_len(piece) == rich_cells.cell_len(piece), path.name


def test_a_report_of_common_characters_is_shown_without_rich(monkeypatch):
    def no_rich():
        raise AssertionError("rich was needed")

    text = (
        "关于2024年法治政府建设情况的报告\n\n一、主要举措\n"
        "（一）坚持依法决策。全年共办理案件12件，其中行政复议5件、行政诉讼6件。\n"
    )
    result = lint_source(Source("r.txt", text), Selection(load_rules(), "fazhi"))
    assert result.diagnostics
    monkeypatch.setattr(full_format, "_cells", no_rich)
    stream = io.StringIO()
    full_format.render([FileReport("r.txt", result)], stream, RenderOptions(color="always"))
    assert "^" in stream.getvalue()
