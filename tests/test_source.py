"""Reading reports: encodings, line ends, and positions in characters of the original file."""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawlint.source import Position, Source, SourceError, read_source, source_from_bytes
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds

REPORT = "2024年法治政府建设情况报告\n一、主要举措和成效\n（一）强化组织领导。全年开展活动6场。\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (REPORT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig", True),
        (REPORT.encode("gb18030"), "gb18030", False),
        (REPORT.encode("gbk"), "gb18030", False),
        (codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "utf-16", True),
        (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16", True),
        # UTF-32 LE's mark begins with UTF-16 LE's: the longer one must win.
        (codecs.BOM_UTF32_LE + REPORT.encode("utf-32-le"), "utf-32", True),
        (codecs.BOM_UTF32_BE + REPORT.encode("utf-32-be"), "utf-32", True),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom", "utf32le", "utf32be"],
)
def test_detects_encoding(data: bytes, encoding: str, bom: bool) -> None:
    source = source_from_bytes(data, "r.txt")
    assert (source.text, source.encoding, source.bom) == (REPORT, encoding, bom)


def test_bom_is_not_part_of_the_text_so_columns_start_at_one() -> None:
    source = source_from_bytes(codecs.BOM_UTF8 + "一、总则".encode(), "r.txt")
    assert source.text[0] == "一"
    assert source.position(0).column == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("一、总则".encode("utf-16-le"), "binary"),  # UTF-16 without BOM has NUL bytes
        (bytes(range(128, 256)) * 4, "GB18030"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "invalid utf-8-sig"),
    ],
    ids=["png", "utf16-no-bom", "random-high-bytes", "bad-utf8-after-bom"],
)
def test_undecodable_input_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        source_from_bytes(data, "r.txt")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_survive_every_line_end(newline: str) -> None:
    text = newline.join(["标题", "一、总则", "（一）目标。内容"]) + newline
    source = Source("r.txt", text)
    offset = text.index("（一）")
    assert source.position(offset) == Position(3, 1)
    assert source.position(text.index("内容")) == Position(3, 7)
    assert source.newline == newline
    assert [source.line_text(i) for i in range(3)] == ["标题", "一、总则", "（一）目标。内容"]


def test_columns_count_characters_not_bytes_or_cells() -> None:
    source = Source("r.txt", "\u3000\u3000（一）全角空格缩进")
    assert source.position(source.text.index("（")) == Position(1, 3)


def test_only_cr_and_lf_end_lines() -> None:
    # U+2028 and form feed are not line ends for editors that show line numbers.
    source = Source("r.txt", "第一行\u2028仍是第一行\x0c\n第二行")
    assert source.line_count == 2


def test_read_source_reports_missing_and_directories(tmp_path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "missing.txt")
    with pytest.raises(SourceError, match="directory"):
        read_source(tmp_path)


def test_empty_file_is_an_empty_report(tmp_path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    source = read_source(path)
    assert source.text == "" and source.line_count == 1


LINE_PIECES = st.sampled_from(["\n", "\r", "\r\n", "\u2028", "甲", "a", " "])


def _plain_line_table(text: str) -> tuple[list[int], list[int]]:
    """The plain definition: every CR LF, CR or LF ends a line."""
    starts, ends = [0], []
    for line_end in re.finditer(r"\r\n|\r|\n", text):
        ends.append(line_end.start())
        starts.append(line_end.end())
    ends.append(len(text))
    return starts, ends


@given(st.lists(LINE_PIECES, max_size=40).map("".join))
def test_line_table_is_the_lines_a_plain_scan_finds(text: str) -> None:
    # The table is found with str.find where one line end is used throughout.
    source = Source("r.txt", text)
    assert (source.line_starts, source.line_ends) == _plain_line_table(text)


def _plain_position(text: str, offset: int) -> Position:
    """The plain definition: the line whose start is the last at or before ``offset`` (the
    first line for offsets before it), the column counted from that start, capped at the
    line's end (an offset in a CR LF counts as the line's end)."""
    starts, ends = _plain_line_table(text)
    index = max([i for i, start in enumerate(starts) if start <= offset], default=0)
    return Position(index + 1, min(offset, ends[index]) - starts[index] + 1)


@given(st.lists(LINE_PIECES, max_size=40).map("".join))
def test_every_position_is_the_one_the_plain_definition_gives(text: str) -> None:
    source = Source("r.txt", text)
    for offset in range(-1, len(text) + 2):
        position = source.position(offset)
        assert position == _plain_position(text, offset)
        assert type(position) is Position


@needs_seeds
@needs_corpus
def test_line_table_of_the_real_texts_with_every_line_end() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts += [document["content"] for document in corpus()]
    for text in texts:
        for newline in ("\r\n", "\r"):
            changed = text.replace("\n", newline)
            source = Source("r.txt", changed)
            assert (source.line_starts, source.line_ends) == _plain_line_table(changed)
        source = Source("r.txt", text)
        assert (source.line_starts, source.line_ends) == _plain_line_table(text)
