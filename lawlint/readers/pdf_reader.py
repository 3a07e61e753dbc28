"""PDF (.pdf, optional ``pdf`` extra): text per page, page furniture removed, wrapped lines joined.

pypdf is used: it is pure Python (no system libraries), maintained, reads the
CID fonts Chinese PDFs use, and tells an encrypted file apart. A PDF knows
nothing of paragraphs, only of lines placed on a page, so the reader rebuilds
them: running headers and footers (a line repeated at the top or bottom of most
pages) and page numbers (- 3 -, 第3页, 3/12) are dropped, and a line that fills
the text width is joined to the next one, which is where the layout wrapped it.
Short lines (titles, short headings, a paragraph's last line) stay lines of their own;
a long heading wrapped over two lines is joined like any other line.
Each line of the result is a paragraph, so positions are paragraph numbers.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from unicodedata import east_asian_width

from lawlint import regex_memo
from lawlint.outline import match_heading
from lawlint.source import Source, SourceError

_PAGE_NUMBER = regex_memo.compile(
    r"[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|Page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)
# A full line ending in one of these may end its paragraph (then a heading may follow).
_CLOSING = frozenset("。！？!?；;：:…”’」』】）)>》")
# A line at least this share of the page's text width was wrapped by the layout.
_FULL_SHARE = 0.85
_EDGE_LINES = 2


def read(data: bytes, path: str) -> Source:
    pages = _page_lines(data)
    lines = join_wrapped([line for page in strip_furniture(pages) for line in page])
    return Source(path=path, text="\n".join(lines), unit="paragraph")


def _page_lines(data: bytes) -> list[list[str]]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import FileNotDecryptedError, PdfReadError
    except ImportError:
        raise SourceError("reading PDF needs the pdf extra: pip install 'lawlint[pdf]'") from None

    # pypdf logs what it repairs ("EOF marker not found"): lawlint's one line says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("password-protected PDF (remove the password to lint it)")
        return [_lines(page.extract_text() or "") for page in reader.pages]
    except FileNotDecryptedError:
        raise SourceError("password-protected PDF (remove the password to lint it)") from None
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise SourceError(f"damaged PDF ({error})") from None


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def strip_furniture(pages: Sequence[list[str]]) -> list[list[str]]:
    """Pages without page numbers and without the headers/footers repeated on most pages.

    A header is the same text at the same place (first line, second, last…) on
    more than half the pages, so a title that only repeats the header's words on
    the line below it stays.
    """
    places = [*range(_EDGE_LINES), *range(-_EDGE_LINES, 0)]
    seen: Counter[tuple[int, str]] = Counter()
    for page in pages:
        seen.update(
            {(place, page[place].strip()) for place in places if -len(page) <= place < len(page)}
        )
    repeated = {key for key, count in seen.items() if len(pages) > 1 and count > len(pages) / 2}
    cleaned = []
    for page in pages:
        drop = {
            place % len(page)
            for place in places
            if -len(page) <= place < len(page)
            and (
                (place, page[place].strip()) in repeated
                or _PAGE_NUMBER.fullmatch(page[place].strip())
            )
        }
        cleaned.append([line for index, line in enumerate(page) if index not in drop])
    return cleaned


def _width(text: str) -> int:
    """Width in half-width cells: a Chinese character is two, and so are “”、— in CJK fonts."""
    return sum(2 if east_asian_width(char) in "WFA" else 1 for char in text)


def join_wrapped(lines: Sequence[str]) -> list[str]:
    """Join each line that fills the text width with the next, unless that one is indented.

    Lines keep their leading blanks until here: an indented line starts a paragraph.
    A full line that ends a sentence is not joined to a heading (一、…) after it;
    one cut mid-sentence is, since 一，政教分离 there is the sentence going on.
    """
    if not lines:
        return []
    widths = sorted(_width(line) for line in lines)
    full = widths[int(len(widths) * 0.9)] * _FULL_SHARE
    paragraphs = [lines[0].strip()]
    for previous, line in pairwise(lines):
        text = line.strip()
        wrapped = _width(previous) >= full and not _indented(line)
        if wrapped and (previous.rstrip()[-1] not in _CLOSING or not _is_heading(text)):
            paragraphs[-1] += _glue(paragraphs[-1], text) + text
        else:
            paragraphs.append(text)
    return paragraphs


def _indented(line: str) -> bool:
    """A first-line indent: an ideographic space or two blanks (one is extraction noise)."""
    return line.startswith("\u3000") or len(line) - len(line.lstrip()) >= 2


def _glue(before: str, after: str) -> str:
    """A space between two Latin words cut at a line end; nothing between Chinese text."""
    return " " if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() else ""


def _is_heading(line: str) -> bool:
    return match_heading(Source(path="", text=line), 0) is not None
