"""Read a report from disk into text without losing where each character came from.

Chinese offices still save reports as GBK/GB18030 or UTF-16 from Windows tools, so
the encoding is detected, never guessed silently: a file that is not clearly one
of the supported encodings is rejected with a reason. The decoded text keeps the
original line ends, so every offset maps back to the line and column (in
characters) of the file as the user has it.
"""

from __future__ import annotations

import codecs
import os
import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

from lawlint import regex_memo
from lawlint.readers import reader_for
from lawlint.record import Record

_NEWLINE = regex_memo.compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_BYTES = tuple(bom for bom, _ in _BOMS)  # one test for a file with none, the usual

# Share of characters that must be CJK, ASCII or common punctuation before a
# non-UTF-8 file is accepted as GB18030: random bytes decode as GB18030 too.
_GB_PLAUSIBLE_SHARE = 0.9


@cache
def _gb_implausible() -> re.Pattern[str]:
    """The characters outside the plausible set (counting them is faster: there are few).

    Compiled on first use (~4 ms without the regex memo): most files are UTF-8.
    """
    return regex_memo.compile(
        r"[^\u0009\u000a\u000d\u0020-\u007e\u00a0\u00b7\u2010-\u2027\u2030-\u203b\u2160-\u217f"
        r"\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
        r"\uff01-\uff5e\uffe0-\uffe5]"
    )


_new_tuple = tuple.__new__  # builds a record from its fields' tuple in C

# A long report is 100 KB of text; a 50 MB "report" would take minutes to lint.
MAX_BYTES = 10 * 2**20


class SourceError(Exception):
    """A file that cannot be read as a report; the message says why in one line."""


class Position(Record):
    """A 1-based line and column, counted in characters of the original file."""

    __slots__ = ()
    line: int
    column: int

    def __new__(cls, line: int, column: int) -> Position:
        return _new_tuple(cls, (line, column))


class Source:
    """The decoded text of one report and how to map offsets back to the file.

    ``encoding`` and ``bom`` are kept so that a fix can write the file back
    exactly as it was stored. ``unit``: extracted formats (.docx) number
    paragraphs, not file lines; renderers say so. ``markup``: characters of
    markup at the start of a 0-based line that the outline reads past
    (Markdown's "## "); a whole line's length hides it (a code fence).

    A plain class, not a dataclass: importing dataclasses and defining one cost
    every start several ms. The slots name the fields in a fixed order, which
    ``cache.content_key`` hashes.
    """

    __slots__ = (  # noqa: RUF023 - the fields' order, which content_key hashes in
        "path",
        "text",
        "encoding",
        "bom",
        "line_starts",
        "line_ends",
        "unit",
        "markup",
    )

    def __init__(
        self,
        path: str,
        text: str,
        encoding: str = "utf-8",
        bom: bool = False,
        unit: str = "line",
        markup: dict[int, int] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.line_starts, self.line_ends = _split_lines(text)
        self.unit = unit
        self.markup: dict[int, int] = {} if markup is None else markup

    @property
    def newline(self) -> str:
        """The line end the file mostly uses (LF when it has none)."""
        counts = {"\r\n": 0, "\r": 0, "\n": 0}
        for match in _NEWLINE.finditer(self.text):
            counts[match.group()] += 1
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else "\n"

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_text(self, index: int) -> str:
        """Text of the 0-based line ``index`` without its line end."""
        return self.text[self.line_starts[index] : self.line_ends[index]]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return max(bisect_right(self.line_starts, offset) - 1, 0)

    def position(self, offset: int) -> Position:
        """1-based line and column of ``offset``.

        Asked for both ends of every diagnostic a run writes, so written out: the
        line found in place, and the Position made from its fields in C (its
        own __new__ is a Python function).
        """
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        if index < 0:
            index = 0
        end = self.line_ends[index]
        column = (offset if offset < end else end) - starts[index]
        return _new_tuple(Position, (index + 1, column + 1))


def _split_lines(text: str) -> tuple[list[int], list[int]]:
    """Line start and end offsets; found by str.find where the file uses one line end throughout."""
    if "\r" not in text:
        return _split_on(text, "\n")
    if text.count("\r\n") == text.count("\r") == text.count("\n"):
        return _split_on(text, "\r\n")
    starts = [0]
    ends = []
    for match in _NEWLINE.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    return starts, ends


def _split_on(text: str, newline: str) -> tuple[list[int], list[int]]:
    """The table by str.find: ~2 µs a report less than splitting the text into line
    strings only to take their lengths and sum them."""
    starts, ends, find, step = [0], [], text.find, len(newline)
    at = find(newline)
    while at >= 0:
        ends.append(at)
        at += step
        starts.append(at)
        at = find(newline, at)
    ends.append(len(text))
    return starts, ends


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode report bytes; return (text, encoding, has_bom) or raise SourceError."""
    if data.startswith(_BOM_BYTES):  # one test for the usual file, which has no mark
        return _decode_marked(data)
    if b"\x00" in data:
        raise SourceError("binary file (contains NUL bytes; UTF-16 needs a byte-order mark)")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as utf8_error:
        return _decode_gb18030(data, utf8_error), "gb18030", False


def _decode_marked(data: bytes) -> tuple[str, str, bool]:
    """Decode bytes that start with a byte-order mark, by the mark's encoding."""
    # The first mark that fits: UTF-32 LE's comes before UTF-16 LE's, which begins it.
    encoding = next(encoding for bom, encoding in _BOMS if data.startswith(bom))
    try:
        return data.decode(encoding), encoding, True
    except UnicodeDecodeError as error:
        reason = f"invalid {encoding} after its byte-order mark: {error.reason}"
        raise SourceError(reason) from None


def _decode_gb18030(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    position = utf8_error.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise SourceError(
            f"not UTF-8 (invalid byte at {position}) and not GB18030/GBK either"
        ) from None
    plausible = len(text) - len(_gb_implausible().findall(text))
    if text and plausible / len(text) < _GB_PLAUSIBLE_SHARE:
        raise SourceError(
            f"not UTF-8 (invalid byte at {position}) and does not read as GB18030/GBK text"
        )
    return text


def read_source(path: str | Path, display_path: str | None = None) -> Source:
    """Read and decode ``path``; raise SourceError with a one-line reason on failure."""
    try:
        data = _read_bytes(path)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as error:
        raise SourceError(error.strerror or str(error)) from None
    return source_from_bytes(data, display_path or str(path))


# O_BINARY where it exists (Windows): without it, line ends are translated.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_bytes(path: str | Path) -> bytes:
    """The whole file, refused from its size before any read.

    Through the descriptor (os.open, os.read), not a file object: ~3.5 us less
    per report. Read to the end, not just the size found: a pipe or a device
    has none, so what is read is counted too (/dev/zero would never end). A
    read that returns less than the size asked has reached the end, so a
    regular file costs one read, not a second one that returns nothing.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        size = os.fstat(fd).st_size
        _check_size(size)
        data = os.read(fd, size + 1)
        if len(data) <= size:  # less than asked: the end of a regular file (or an empty pipe)
            return data
        chunks, read = [data], len(data)
        while chunks[-1]:
            _check_size(read)
            chunks.append(os.read(fd, 1 << 16))
            read += len(chunks[-1])
    finally:
        os.close(fd)
    return b"".join(chunks)


def _check_size(size: int) -> None:
    """Refuse what no report is: linting time and memory grow with the size."""
    if size > MAX_BYTES:
        raise SourceError(
            f"file too large ({size / 2**20:.1f} MB; lawlint reads files up to "
            f"{MAX_BYTES // 2**20} MB)"
        )


def source_from_bytes(data: bytes, path: str) -> Source:
    """Read bytes that came from ``path`` (or stdin) with the reader for its suffix."""
    _check_size(len(data))
    return reader_for(path)(data, path)
