"""Readers: .docx (with Word's automatic numbering), .md, .pdf and their failures."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lawlint.linter import Selection, lint_source
from lawlint.outline import build_outline
from lawlint.readers.word_numbering import chinese_number, format_number
from lawlint.source import SourceError, read_source
from tests.builders import W_NS, add_numbering, docx_with, number_paragraph
from tests.conftest import rule

docx = pytest.importorskip("docx")

OPENING = "2024年，我局深入学习贯彻习近平法治思想，全面推进法治政府建设。"


def _headings(source) -> list[str]:
    outline = build_outline(source)
    return ["  " * (s.level - 1) + s.heading.marker.text + s.heading.title for s in outline.walk()]


def _lint(source, name: str):
    return lint_source(source, Selection([rule(name)], None, frozenset([name]))).diagnostics


# --- .docx ---------------------------------------------------------------------------------


def test_docx_automatic_numbering_becomes_the_headings(tmp_path: Path) -> None:
    path = docx_with(
        tmp_path / "report.docx",
        [
            "某县司法局2024年法治政府建设年度报告",
            OPENING,
            ("主要举措和成效", 0),
            ("加强组织领导", 1),
            "局党组召开专题会议研究部署法治政府建设。",
            ("规范行政执法", 1),
            ("推行行政执法公示制度", 2),
            ("执法全过程记录", 3),
            ("存在的不足和原因", 0),
            ("法治宣传不够深入", 1),
        ],
    )
    source = read_source(path)
    assert source.unit == "paragraph"
    assert source.text.splitlines()[2:4] == ["一、主要举措和成效", "（一）加强组织领导"]
    assert _headings(source) == [
        "一、主要举措和成效",
        "  （一）加强组织领导",
        "  （二）规范行政执法",
        "    1.推行行政执法公示制度",
        "        ①执法全过程记录",
        "二、存在的不足和原因",
        "  （一）法治宣传不够深入",
    ]


def test_docx_numbering_from_the_paragraph_style_and_its_base(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    add_numbering(document, 90)
    styles = document.styles.element
    styles.append(
        parse_xml(
            f"<w:style {W_NS} "
            'w:type="paragraph" w:styleId="ReportH1"><w:name w:val="Report H1"/>'
            '<w:pPr><w:numPr><w:numId w:val="90"/></w:numPr></w:pPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f"<w:style {W_NS} "
            'w:type="paragraph" w:styleId="ReportH1Red"><w:name w:val="Report H1 Red"/>'
            '<w:basedOn w:val="ReportH1"/></w:style>'
        )
    )
    for text, style in (("总体情况", "ReportH1"), ("主要做法", "ReportH1Red")):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W_NS} w:val="{style}"/>'))
    path = tmp_path / "styled.docx"
    document.save(path)
    assert read_source(path).text.splitlines() == ["一、总体情况", "二、主要做法"]


def test_docx_levels_linked_to_heading_styles(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    add_numbering(document, 93)
    root = document.part.numbering_part.element
    abstract = root.find(
        f"{{{root.nsmap['w']}}}abstractNum[@{{{root.nsmap['w']}}}abstractNumId='93']"
    )
    for level, style_id in ((0, "Heading1"), (1, "Heading2")):
        lvl = abstract[level]
        lvl.insert(1, parse_xml(f'<w:pStyle {W_NS} w:val="{style_id}"/>'))
        style = document.styles[f"Heading {level + 1}"].element
        style.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:numId w:val="93"/></w:numPr>'))
    for text, style in (("总体情况", 1), ("组织领导", 2), ("执法监督", 2), ("存在问题", 1)):
        document.add_heading(text, level=style)
    path = tmp_path / "headings.docx"
    document.save(path)
    assert read_source(path).text.splitlines() == [
        "一、总体情况",
        "（一）组织领导",
        "（二）执法监督",
        "二、存在问题",
    ]


def test_docx_restart_override_and_bullets(tmp_path: Path) -> None:
    document = docx.Document()
    add_numbering(document, 90)
    add_numbering(document, 91, restart=True)
    add_numbering(document, 92, levels=(("bullet", "\uf0b7"),))
    number_paragraph(document.add_paragraph("甲"), 90, 0)
    number_paragraph(document.add_paragraph("乙"), 90, 0)
    number_paragraph(document.add_paragraph("要点"), 92, 0)
    number_paragraph(document.add_paragraph("丙"), 91, 0)
    path = tmp_path / "lists.docx"
    document.save(path)
    assert read_source(path).text.splitlines() == ["一、甲", "二、乙", "要点", "一、丙"]


def test_docx_tables_and_deleted_revisions(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("一、基本情况")
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("项目", "数量", "备注")):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "行政复议"
    table.cell(1, 1).text = "31件"
    paragraph = document.add_paragraph("全年办结")
    paragraph._p.append(
        parse_xml(
            '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:id="1" w:author="a"><w:r><w:t>删掉的</w:t></w:r></w:del>'
        )
    )
    paragraph.add_run("31件。")
    path = tmp_path / "table.docx"
    document.save(path)
    assert read_source(path).text.splitlines() == [
        "一、基本情况",
        "项目\t数量\t备注",
        "行政复议\t31件\t",
        "全年办结31件。",
    ]


def test_docx_table_of_contents_entries_are_not_headings(tmp_path: Path) -> None:
    document = docx.Document()
    for text, style in (("目录", None), ("一、总体情况\t1", "TOC 1"), ("一、总体情况", None)):
        paragraph = document.add_paragraph(text)
        if style:
            paragraph.style = document.styles.add_style(style, 1)
    path = tmp_path / "toc.docx"
    document.save(path)
    source = read_source(path)
    assert source.text.splitlines() == ["目录", "", "一、总体情况"]
    assert _headings(source) == ["一、总体情况"]


def test_docx_positions_are_paragraph_numbers(tmp_path: Path) -> None:
    path = docx_with(
        tmp_path / "report.docx",
        [
            "某县2024年法治政府建设情况报告",
            OPENING,
            "一、主要举措和成效",
            "(一)加强组织领导。局党组研究部署法治建设。",
            "（二）规范行政执法。推行三项制度。",
        ],
    )
    source = read_source(path)
    [finding] = _lint(source, "heading-bracket-width")
    where = source.position(finding.start)
    assert (where.line, where.column) == (4, 1)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"plain text, not a zip", "not a .docx file (not a zip archive)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "encrypted or old-format Word file"),
    ],
)
def test_docx_that_is_not_a_docx(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_source(path)


def test_zip_without_document_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    path = tmp_path / "empty.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(SourceError, match=r"no word/document\.xml"):
        read_source(path)


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    good = docx_with(tmp_path / "good.docx", ["一、总体情况"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    path = tmp_path / "cut.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(SourceError, match=r"damaged \.docx"):
        read_source(path)


@pytest.mark.parametrize(
    ("number", "fmt", "text"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (3, "decimalEnclosedCircle", "③"),
        (12, "decimalFullWidth", "１２"),
        (4, "upperRoman", "IV"),
        (2, "lowerLetter", "b"),
        (3, "ideographTraditional", "丙"),
        (7, "unknownFormat", "7"),
    ],
)
def test_word_number_formats(number: int, fmt: str, text: str) -> None:
    assert format_number(number, fmt) == text


def test_chinese_numbers_past_ninety_nine() -> None:
    assert [chinese_number(n) for n in (99, 100, 105, 110, 121)] == [
        "九十九",
        "一百",
        "一百〇五",
        "一百一十",
        "一百二十一",
    ]


# --- .md -----------------------------------------------------------------------------------

MARKDOWN = """\
---
title: 草稿
---
# 某县司法局2024年法治政府建设年度报告

2024年，我局深入学习贯彻习近平法治思想。

## 一、主要举措和成效

### (一)加强组织领导

局党组研究部署法治建设。

```text
1. 代码块里的编号不是标题
```

> 2.引用也可以有标题

## 二、存在的不足和原因
"""


def test_markdown_headings_keep_original_positions(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    source = read_source(path)
    assert source.unit == "line"
    assert _headings(source) == [
        "一、主要举措和成效",
        "  (一)加强组织领导",
        "    2.引用也可以有标题",
        "二、存在的不足和原因",
    ]
    outline = build_outline(source)
    assert outline.title is not None and outline.title.text.startswith("某县司法局")
    [finding] = _lint(source, "heading-bracket-width")
    where = source.position(finding.start)
    assert (where.line, where.column) == (10, 5)
    assert source.text[finding.start] == "("


def test_markdown_hash_without_space_is_text_and_txt_is_unchanged(tmp_path: Path) -> None:
    text = "#一、这不是标题\n一、这是标题\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("## 一、总体情况\n", encoding="utf-8")
    assert _headings(read_source(tmp_path / "a.md")) == ["一、这是标题"]
    assert _headings(read_source(tmp_path / "a.txt")) == []
