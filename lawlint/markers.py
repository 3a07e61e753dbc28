"""Parse heading markers (结构层次序数) with the Lark grammar in ``grammars/heading.lark``.

The grammar is the single definition of what a marker is. Importing Lark and
building the LALR parser costs more than linting a whole report, while reports
use only a few hundred distinct markers (一、 … 二十、, （一） …). So the grammar's
parses of the common markers ship with it (``grammars/heading-markers.tsv``,
written by ``python -m lawlint.markers`` and checked against the grammar by the
tests), other parses are memoised in memory and, when a cache folder is given,
persisted there. Lark is imported only for an unusual marker never seen before.
"""

from __future__ import annotations

import json
import unicodedata
from enum import Enum
from functools import cache
from pathlib import Path

from lawlint.record import Record
from lawlint.resources import data_dir, digest


class MarkerKind(Enum):
    """The five kinds of marker, named by their standard form."""

    CN_ITEM = "一、"
    CN_PAREN = "（一）"
    ARABIC_ITEM = "1."
    ARABIC_PAREN = "（1）"
    CIRCLED = "①"

    @property
    def level(self) -> int:
        """Level in the GB/T 9704 order (① is the customary fifth level)."""
        return _LEVELS[self._value_]  # keyed by the value: hashing an Enum member is slow


_LEVELS = {
    MarkerKind.CN_ITEM.value: 1,
    MarkerKind.CN_PAREN.value: 2,
    MarkerKind.ARABIC_ITEM.value: 3,
    MarkerKind.ARABIC_PAREN.value: 4,
    MarkerKind.CIRCLED.value: 5,
}

_CN_DIGITS = "一二三四五六七八九"


class Marker(Record):
    """One parsed marker as written: ``（一）`` or ``(1)、`` or ``一. ``.

    Made by ``_marker``, which fills in ``level``. A record (a tuple): a
    dataclass costs ~1 ms to define at every start, a NamedTuple ~0.3 ms.
    """

    __slots__ = ()
    kind: MarkerKind
    number: int
    open: str
    close: str
    separator: str
    space: str
    written: str
    # kind.level, read for every heading the outline places: a field, not a property chain.
    level: int

    def __new__(
        cls,
        kind: MarkerKind,
        number: int,
        open: str,
        close: str,
        separator: str,
        space: str,
        written: str,
        level: int,
    ) -> Marker:
        return tuple.__new__(cls, (kind, number, open, close, separator, space, written, level))

    @property
    def text(self) -> str:
        """The marker and the blanks after it, as in the source."""
        return self.written + self.space

    def standard(self, number: int | None = None) -> str:
        """The GB/T 9704 form of this marker, or of its kind with another number."""
        return standard_marker(self.kind, number or self.number)


def _marker(
    kind: MarkerKind, number: int, open_: str, close: str, separator: str, space: str, written: str
) -> Marker:
    return Marker(kind, number, open_, close, separator, space, written, kind.level)


def numeral(kind: MarkerKind, number: int) -> str:
    """``number`` written the way markers of ``kind`` write it (一, 1 or ①)."""
    if kind in (MarkerKind.CN_ITEM, MarkerKind.CN_PAREN):
        return chinese_numeral(number)
    if kind is MarkerKind.CIRCLED:
        return _circled(number)
    return str(number)


def _circled(number: int) -> str:
    """① … ⑳, then ㉑ … ㊿; past 50 Unicode has no circled numbers, so digits."""
    for first, base in ((1, 0x2460), (21, 0x3251), (36, 0x32B1)):
        if first <= number < first + (20 if first == 1 else 15):
            return chr(base + number - first)
    return str(number)


def standard_marker(kind: MarkerKind, number: int) -> str:
    """The GB/T 9704 form of marker ``number`` of ``kind``: 一、 （一） 1. （1） ①."""
    written = numeral(kind, number)
    if kind in (MarkerKind.CN_PAREN, MarkerKind.ARABIC_PAREN):
        return f"（{written}）"
    return written + {MarkerKind.CN_ITEM: "、", MarkerKind.ARABIC_ITEM: "."}.get(kind, "")


def chinese_numeral(number: int) -> str:
    """Write a positive number as a Chinese numeral: 十一, 二十, 一百零五, 一万零二十.

    Markers stop at 九十九, but a fix that renumbers a list of 120 siblings must
    still write the 100th.
    """
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        tail = ("零" if 0 < low < 1000 else "") + _below_ten_thousand(low, leading_one=True)
        return chinese_numeral(high) + "万" + tail
    return _below_ten_thousand(number, leading_one=False)


def _below_ten_thousand(number: int, leading_one: bool) -> str:
    """0–9999; 十五 drops its 一 only at the head of the whole numeral."""
    written, zero = "", False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // power % 10
        if digit == 0:
            zero = bool(written)  # a run of zeros between digits is one 零
            continue
        written += "零" if zero else ""
        zero = False
        silent = digit == 1 and power == 10 and not written and not leading_one
        written += ("" if silent else _CN_DIGITS[digit - 1]) + unit
    return written


def parse_chinese_numeral(text: str) -> int | None:
    """Read a numeral of 1–99 in its one canonical spelling, else None."""
    for number in range(1, 100):
        if chinese_numeral(number) == text:
            return number
    return None


@cache
def _grammar_text() -> str:
    return (data_dir("grammars") / "heading.lark").read_text(encoding="utf-8")


@cache
def _parser():  # -> lark.Lark; imported lazily on purpose
    from lark import Lark

    # cache=True: Lark stores the built LALR tables in the temp folder, keyed by
    # the grammar, its options and the Lark version.
    return Lark(_grammar_text(), parser="lalr", cache=True)


def _parse_with_grammar(text: str) -> Marker | None:
    from lark.exceptions import LarkError

    try:
        tree = _parser().parse(text)
    except LarkError:
        return None
    node = tree.children[0]
    tokens = {token.type: str(token) for token in node.children}
    kind = _KIND_OF_RULE[node.data]
    if kind is MarkerKind.CIRCLED:
        number = ord(tokens["CIRCLED"]) - 0x2460 + 1
    elif "DIGITS" in tokens:
        number = int("".join(str(unicodedata.digit(c)) for c in tokens["DIGITS"]))
    else:
        number = parse_chinese_numeral(tokens["CN_NUMBER"])
    if not number:
        return None
    separator = tokens.get("CN_SEP") or tokens.get("ARABIC_SEP") or tokens.get("TRAILING_SEP", "")
    space = str(tree.children[1]) if len(tree.children) > 1 else ""
    written = text[: len(text) - len(space)]
    open_, close = tokens.get("OPEN", ""), tokens.get("CLOSE", "")
    return _marker(kind, number, open_, close, separator, space, written)


_KIND_OF_RULE = {
    "cn_item": MarkerKind.CN_ITEM,
    "cn_paren": MarkerKind.CN_PAREN,
    "arabic_item": MarkerKind.ARABIC_ITEM,
    "arabic_paren": MarkerKind.ARABIC_PAREN,
    "circled": MarkerKind.CIRCLED,
}


# The grammar's SPACE: the blanks a marker may be followed by.
_SPACE = " \t\u3000\u00a0"
_TABLE_FILE = "heading-markers.tsv"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _common_marker_texts() -> list[str]:
    """Markers as reports write them: numbers to 20 (1. to 50), standard forms and variants."""
    brackets = [(open_, close) for open_ in "（(" for close in "）)"]
    texts = [f"{number}{separator}" for number in range(1, 51) for separator in ".．、"]
    for number in range(1, 21):
        chinese, full_width = chinese_numeral(number), str(number).translate(_FULL_WIDTH)
        texts += [chinese + separator for separator in "、.．，,"]
        texts += [full_width + separator for separator in ".．、"]
        texts += [chr(0x245F + number) + separator for separator in ("", "、", ".", "．")]
        texts += [
            f"{open_}{written}{close}{separator}"
            for written in (chinese, str(number), full_width)
            for open_, close in brackets
            for separator in ("", "、")
        ]
    return texts


def marker_table_text() -> str:
    """The shipped table: the grammar's parse of each common marker, keyed by the grammar."""
    lines = [f"grammar\t{_grammar_key()}"]
    for text in _common_marker_texts():
        marker = _parse_with_grammar(text)
        if marker is not None:
            row = (marker.kind.name, str(marker.number), marker.open, marker.close)
            lines.append("\t".join((text, *row, marker.separator)))
    return "\n".join(lines) + "\n"


@cache
def _common_markers() -> dict[str, str]:
    """The shipped rows by marker, split no further until a marker is looked up."""
    try:
        lines = (data_dir("grammars") / _TABLE_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    if not lines or lines[0] != f"grammar\t{_grammar_key()}":
        return {}  # written from another grammar: not trusted
    return dict(line.split("\t", 1) for line in lines[1:])


def _common_marker(text: str) -> Marker | None:
    """``text`` parsed from the shipped table, or None where the table does not have it."""
    written = text.rstrip(_SPACE)
    row = _common_markers().get(written)
    if row is None:
        return None
    kind, number, open_, close, separator = row.split("\t")
    space = text[len(written) :]
    return _marker(MarkerKind[kind], int(number), open_, close, separator, space, written)


class MarkerTable:
    """Memoised marker parses, optionally persisted in a cache folder."""

    def __init__(self) -> None:
        # Marker text to its parse (None: not a marker). Read directly by the outline
        # builder for every heading, so never replaced, only added to.
        self.parsed: dict[str, Marker | None] = {}
        self._path: Path | None = None
        self._dirty = False

    def use_cache_dir(self, folder: Path) -> None:
        """Load earlier parses from ``folder`` and save new ones there on ``save()``."""
        self._path = folder / f"markers-{_grammar_key()}.json"
        try:
            rows = json.loads(self._path.read_text(encoding="utf-8"))
            if not isinstance(rows, dict):
                raise ValueError("not a mapping")
            loaded = {text: _marker_from_row(row) for text, row in rows.items()}
        except (OSError, ValueError, RecursionError):
            return  # a missing or damaged file (even in one row) is rebuilt, never trusted
        for text, marker in loaded.items():
            self.parsed.setdefault(text, marker)

    def parse(self, text: str) -> Marker | None:
        """Parse ``text`` (a marker and the spaces after it) or return None."""
        try:
            return self.parsed[text]
        except KeyError:
            pass
        marker = _common_marker(text)
        if marker is None:
            marker = _parse_with_grammar(text)
            self._dirty = True
        self.parsed[text] = marker
        return marker

    def save(self) -> None:
        """Write the parses to the cache folder atomically, if anything is new."""
        if not (self._dirty and self._path):
            return
        rows = {text: _marker_to_row(marker) for text, marker in self.parsed.items()}
        from lawlint import cache_dir  # tempfile and all: only when something is written

        try:
            cache_dir.write(self._path, json.dumps(rows, ensure_ascii=False))
            self._dirty = False
        except OSError:
            pass  # a read-only folder only costs speed


@cache
def _grammar_key() -> str:
    """Key the persisted parses by the grammar text, so loading them needs no Lark import."""
    return digest(_grammar_text().encode())[:16]


def _marker_to_row(marker: Marker | None) -> list | None:
    if marker is None:
        return None
    return [
        marker.kind.name,
        marker.number,
        marker.open,
        marker.close,
        marker.separator,
        marker.space,
        marker.written,
    ]


def _marker_from_row(row: object) -> Marker | None:
    """The marker `_marker_to_row` wrote; ValueError for a row of any other shape."""
    if row is None:
        return None
    if not (
        isinstance(row, list)
        and len(row) == 7
        and type(row[1]) is int
        and all(isinstance(field, str) for field in (row[0], *row[2:]))
        and row[0] in MarkerKind.__members__
    ):
        raise ValueError("not a marker row")
    kind, number, open_, close, separator, space, written = row
    return _marker(MarkerKind[kind], number, open_, close, separator, space, written)


MARKERS = MarkerTable()


if __name__ == "__main__":  # after changing the grammar: rewrite the shipped table
    (data_dir("grammars") / _TABLE_FILE).write_text(marker_table_text(), encoding="utf-8")
