"""Word (.docx): one line per paragraph, with Word's automatic numbers written out.

Reports are written in Word, and most heading numbers (一、（一）1.) there come
from the numbering definitions (numbering.xml), not from typed text. The reader
renders each number the way Word shows it, so the outline sees the heading. A
table row becomes one line with its cells separated by tabs. Positions are
paragraph numbers of this extracted text (``unit = "paragraph"``); entries of
a table of contents are left blank (they would repeat every heading) but keep
their number. A .docx is never rewritten.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lawlint.readers.word_numbering import Numbering
from lawlint.source import Source, SourceError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tag(name: str) -> str:
    return f"{{{_W}}}{name}"


_P, _TBL, _TR, _TC, _SDT = (_tag(name) for name in ("p", "tbl", "tr", "tc", "sdt"))
_T, _TAB, _DEL, _TXBX, _R = (_tag(name) for name in ("t", "tab", "del", "txbxContent", "r"))


def read(data: bytes, path: str) -> Source:
    document = _open(data)
    numbering = Numbering(document)
    lines = list(_lines(document.element.body, numbering))
    return Source(path=path, text="\n".join(lines), unit="paragraph")


def _open(data: bytes):
    """The python-docx Document, or SourceError saying what the file really is."""
    if data.startswith(_OLE_MAGIC):
        raise SourceError("encrypted or old-format Word file (.doc); save it as .docx")
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise SourceError("not a .docx file (not a zip archive)") from None
    if "word/document.xml" not in names:
        raise SourceError("not a .docx file (no word/document.xml in the archive)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise SourceError(f"damaged .docx file ({error})") from None
    except Exception as error:  # lxml raises its own XMLSyntaxError for a broken part
        raise SourceError(f"damaged .docx file ({type(error).__name__}: {error})") from None


def _lines(container, numbering: Numbering) -> Iterator[str]:
    """The text of each paragraph and table row, in document order."""
    for child in container.iterchildren():
        if child.tag == _P and _is_toc(child):
            yield ""  # a table-of-contents entry repeats a heading; the paragraph still counts
        elif child.tag == _P:
            yield numbering.label(child) + _paragraph_text(child)
        elif child.tag == _TBL:
            for row in child.iter(_TR):
                cells = (
                    "".join(_paragraph_text(p) for p in cell.iter(_P)) for cell in row.iter(_TC)
                )
                yield "\t".join(cells)
        elif child.tag == _SDT:
            for content in child.iterchildren(_tag("sdtContent")):
                yield from _lines(content, numbering)


def _is_toc(paragraph) -> bool:
    """Word's TOC 1…TOC 9 styles mark the entries of a table of contents."""
    style = paragraph.find(f"{_tag('pPr')}/{_tag('pStyle')}")
    return style is not None and style.get(_tag("val"), "").lower().startswith("toc")


def _paragraph_text(paragraph) -> str:
    """The visible text of one paragraph: deleted revisions and text boxes left out."""
    parts = []
    for node in paragraph.iter(_T, _TAB):
        if node.getparent().tag == _R and _belongs_to(node, paragraph):
            parts.append("\t" if node.tag == _TAB else node.text or "")
    return "".join(parts)


def _belongs_to(node, paragraph) -> bool:
    parent = node.getparent()
    while parent is not paragraph:
        if parent.tag in (_DEL, _TXBX, _P):
            return False
        parent = parent.getparent()
    return True
