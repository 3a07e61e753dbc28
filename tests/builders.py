"""Build .docx and .pdf inputs inside the tests (no binary fixtures are checked in).

``docx_with`` writes paragraphs with python-docx; a paragraph given as
``(text, level)`` is numbered automatically from numbering.xml (Word's way),
so its 一、/（一） exists only in the numbering definitions. ``pdf_with`` draws
lines on pages with reportlab's built-in Chinese CID font (STSong-Light), the
only CJK font available without font files; pypdf reads it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from unicodedata import east_asian_width

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# 一、 / （一） / 1. / ①: the four levels a Chinese report numbers automatically.
REPORT_LEVELS = (
    ("chineseCounting", "%1、"),
    ("chineseCountingThousand", "（%2）"),
    ("decimal", "%3."),
    ("decimalEnclosedCircle", "%4"),
)


def _abstract_num(abstract_id: int, levels: Sequence[tuple[str, str]]) -> str:
    body = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for index, (fmt, text) in enumerate(levels)
    )
    return f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">{body}</w:abstractNum>'


def add_numbering(document, num_id: int, levels=REPORT_LEVELS, restart: bool = False) -> None:
    """Define list ``num_id`` (its own abstract list) in the document's numbering part.

    ``restart`` adds a ``w:num`` that reuses abstract list 90 with a startOverride.
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    root = document.part.numbering_part.element
    if not restart:
        first_num = root.find(qn("w:num"))
        abstract = parse_xml(_abstract_num(num_id, levels))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
    abstract_id = 90 if restart else num_id
    override = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    )
    root.append(
        parse_xml(
            f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{override}</w:num>"
        )
    )


def number_paragraph(paragraph, num_id: int, level: int) -> None:
    """Give ``paragraph`` its own ``w:numPr`` (list ``num_id``, 0-based ``level``)."""
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def docx_with(path: Path, paragraphs: Sequence[str | tuple[str, int]], num_id: int = 90) -> Path:
    """A .docx whose ``(text, level)`` items are numbered by Word, not typed."""
    import docx

    document = docx.Document()
    add_numbering(document, num_id)
    for item in paragraphs:
        if isinstance(item, tuple):
            number_paragraph(document.add_paragraph(item[0]), num_id, item[1])
        else:
            document.add_paragraph(item)
    document.save(path)
    return path


def pdf_with(path: Path, pages: Sequence[Sequence[str]], header: str | None = None) -> Path:
    """A PDF with ``pages`` of lines, an optional running header and a page number per page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    drawing = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, start=1):
        drawing.setFont("STSong-Light", 9)
        if header:
            drawing.drawString(72, 810, header)
        drawing.drawString(280, 30, f"- {number} -")
        drawing.setFont("STSong-Light", 12)
        for index, line in enumerate(lines):
            drawing.drawString(72, 780 - 18 * index, line)
        drawing.showPage()
    drawing.save()
    return path


def wrap(text: str, width: int = 60, indent: bool = True) -> list[str]:
    """Cut a paragraph into page lines of ``width`` half-width cells, first line indented 2.

    Chinese characters (and “”、…) take two cells, digits and Latin letters one,
    as they do on a page set in a Chinese font.
    """
    lines, line, used = [], "", 0
    for char in ("\u3000\u3000" if indent else "") + text:
        cells = 2 if east_asian_width(char) in "WFA" else 1
        if used + cells > width:
            lines.append(line)
            line, used = "", 0
        line += char
        used += cells
    return [*lines, line] if line else lines
