"""The outline: which lines are headings, how they nest, titles and joined paragraphs."""

from __future__ import annotations

import pytest

from lawlint.markers import MARKERS, MarkerKind
from lawlint.outline import Outline, build_outline
from lawlint.source import Position, Source


def outline_of(text: str) -> Outline:
    return build_outline(Source("r.txt", text))


def tree(outline: Outline) -> list[tuple[int, str, str]]:
    """(depth, marker, title) for every section, depth counted in the tree."""
    return [(s.depth, s.heading.marker.written, s.heading.title) for s in outline.walk()]


@pytest.mark.parametrize(
    ("marker", "kind", "number"),
    [
        ("一、", MarkerKind.CN_ITEM, 1),
        ("十二、", MarkerKind.CN_ITEM, 12),
        ("一.", MarkerKind.CN_ITEM, 1),
        ("一，", MarkerKind.CN_ITEM, 1),
        ("（一）", MarkerKind.CN_PAREN, 1),
        ("(二)", MarkerKind.CN_PAREN, 2),
        ("（三)", MarkerKind.CN_PAREN, 3),
        ("(四）", MarkerKind.CN_PAREN, 4),
        ("（二十）", MarkerKind.CN_PAREN, 20),
        ("1.", MarkerKind.ARABIC_ITEM, 1),
        ("1．", MarkerKind.ARABIC_ITEM, 1),
        ("1、", MarkerKind.ARABIC_ITEM, 1),
        ("１２．", MarkerKind.ARABIC_ITEM, 12),
        ("（1）", MarkerKind.ARABIC_PAREN, 1),
        ("(10)", MarkerKind.ARABIC_PAREN, 10),
        ("③", MarkerKind.CIRCLED, 3),
    ],
)
def test_grammar_parses_marker_variants(marker: str, kind: MarkerKind, number: int) -> None:
    parsed = MARKERS.parse(marker)
    assert parsed is not None and (parsed.kind, parsed.number) == (kind, number)


@pytest.mark.parametrize("text", ["一一、", "二十十、", "一是", "2024.", "1", "（）", "十一十、"])
def test_grammar_rejects_non_markers(text: str) -> None:
    assert MARKERS.parse(text) is None


def test_run_in_heading_title_ends_at_first_full_stop() -> None:
    outline = outline_of(
        "一、总体情况\n（一）认真学习贯彻习近平法治思想。我局始终坚持学习。全年4次。\n"
    )
    section = outline.sections[0].children[0]
    assert section.heading.title == "认真学习贯彻习近平法治思想"
    assert section.heading.run_in
    assert section.body[0].text == "我局始终坚持学习。全年4次。"


def test_standalone_heading_has_whole_line_as_title() -> None:
    outline = outline_of("一、总体情况\n（一）夯实法治理论基础\n正文一段。\n")
    section = outline.sections[0].children[0]
    assert (section.heading.title, section.heading.run_in) == ("夯实法治理论基础", False)
    assert [p.text for p in section.body] == ["正文一段。"]


def test_bookmark_before_marker_still_a_heading_and_positions_point_at_marker() -> None:
    text = "一、总体情况\n[bookmark: _GoBack]   （四）规范公正文明执法。全年检查158家次。\n"
    outline = outline_of(text)
    heading = outline.sections[0].children[0].heading
    assert heading.marker.number == 4
    assert outline.source.position(heading.start).column == text.split("\n")[1].index("（") + 1


@pytest.mark.parametrize("indent", ["    ", "\u3000\u3000", "\u00a0", "\t"])
def test_indented_markers_are_headings(indent: str) -> None:
    outline = outline_of(f"{indent}一、总体情况\n{indent}（一）加强领导。内容。\n")
    assert tree(outline) == [(0, "一、", "总体情况"), (1, "（一）", "加强领导")]


@pytest.mark.parametrize(
    "line",
    [
        "“5.18”国际博物馆日开展宣传。",
        "2024.3起施行新制度。",
        "1.5万人次参加活动。",
        "一是加强学习，二是规范执法。",
        "全年开展12.5场次，（一）类事项3件。",
        "12345热线办件48件。",
        "一、二季度经济平稳。",
        "第一，加强学习。",
    ],
)
def test_look_alikes_are_not_headings(line: str) -> None:
    assert outline_of(f"一、总体情况\n{line}\n").sections[0].children == []


def test_title_split_over_two_lines_is_joined() -> None:
    outline = outline_of(
        "青山县文化和旅游局2023年度法治政府建设\n情况报告\n\n2023年，我局坚持依法行政。\n"
    )
    assert outline.title.text == "青山县文化和旅游局2023年度法治政府建设情况报告"
    assert [p.text for p in outline.preamble] == ["2023年，我局坚持依法行政。"]


def test_opening_sentence_is_not_a_title() -> None:
    outline = outline_of("各位代表：\n现在，我代表国务院报告工作。\n一、回顾\n")
    assert outline.title is None and len(outline.preamble) == 2


def test_pdf_broken_paragraph_is_joined_and_maps_back() -> None:
    text = "一、总体情况\n（一）学习\n累计组织召开法治政\n\n府建设相关会议 6 场。\n下一段。\n"
    outline = outline_of(text)
    body = outline.sections[0].children[0].body
    assert [p.text for p in body] == ["累计组织召开法治政府建设相关会议 6 场。", "下一段。"]
    index = body[0].text.index("府")
    assert outline.source.position(body[0].offset(index)) == Position(5, 1)


def test_levels_follow_the_standard_order_not_first_appearance() -> None:
    outline = outline_of("一、甲\n（1）乙\n（2）丙\n（三）丁\n1.戊\n二、己\n")
    assert tree(outline) == [
        (0, "一、", "甲"),
        (1, "（1）", "乙"),
        (1, "（2）", "丙"),
        (1, "（三）", "丁"),
        (2, "1.", "戊"),
        (0, "二、", "己"),
    ]


def test_a_list_restarting_at_one_nests_and_the_outer_list_continues() -> None:
    # The inner list runs to 三、, so the next 三、 can only continue the outer one.
    outline = outline_of("一、甲\n二、乙\n一、乙之一\n二、乙之二\n三、乙之三\n三、丙\n")
    assert tree(outline) == [
        (0, "一、", "甲"),
        (0, "二、", "乙"),
        (1, "一、", "乙之一"),
        (1, "二、", "乙之二"),
        (1, "三、", "乙之三"),
        (0, "三、", "丙"),
    ]


def test_inverted_order_keeps_parts_together() -> None:
    outline = outline_of("（一）形势\n（二）方针\n一、农业\n二、工业\n（三）前景\n")
    assert tree(outline) == [
        (0, "（一）", "形势"),
        (0, "（二）", "方针"),
        (1, "一、", "农业"),
        (1, "二、", "工业"),
        (0, "（三）", "前景"),
    ]


def test_duplicate_first_number_stays_a_sibling() -> None:
    outline = outline_of("一、甲\n（一）乙\n（一）丙\n")
    assert tree(outline) == [(0, "一、", "甲"), (1, "（一）", "乙"), (1, "（一）", "丙")]


def test_sections_cover_text_in_order() -> None:
    text = "标题报告\n一、甲\n内容。\n（一）乙\n内容。\n二、丙\n内容。\n"
    outline = outline_of(text)
    sections = list(outline.walk())
    assert [s.start for s in sections] == sorted(s.start for s in sections)
    assert outline.section_text(outline.sections[0]).startswith("一、甲")
    assert outline.section_text(outline.sections[0]).rstrip().endswith("（一）乙\n内容。")
    assert outline.sections[-1].end == len(text.rstrip())
