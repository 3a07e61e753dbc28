"""Turn a report's lines into its outline: title, preamble and a tree of sections.

Levels follow the GB/T 9704 order (一、 > （一） > 1. > （1） > ①) rather than the
order in which a document happens to use them, so that a （1） placed directly
under 一、 is seen as a skipped level, not as a new level 2. The numbers decide
where the order alone cannot: a heading that continues an open list (二、 after
一、) is that list's next sibling, and a list that starts again at one below a
heading of its own or a shallower kind (一、 under 二、 or under （一）) is nested
there. That keeps the tree sensible for documents that break the order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import TypeVar

from lawlint import regex_memo
from lawlint.markers import MARKERS, Marker
from lawlint.record import Record
from lawlint.source import Source

T = TypeVar("T")

# A line that may start with a marker: leading blanks, a Word bookmark left by
# conversion, then something marker-shaped (the grammar decides), then the text
# up to the first full stop, which ends a run-in heading's title. Look-alikes in
# running text are refused by the pattern itself, so no parse is spent on them:
# 1.5万 and 2024.3 are numbers (a blank after the full stop makes 1. a marker
# again), and 一、二季度 and 一、二类 are ranges.
_RANGE_WORD = r"[一二三四五六七八九十]{1,2}(?:季度|类|级|产业|批|期)"
_CANDIDATE = regex_memo.compile(
    r"[ \t\u3000\u00a0\ufeff]*(?:\[bookmark:[^\]\n]*\][ \t\u3000\u00a0]*)*"
    r"(?P<marker>(?:[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})[）)][、.．]?"
    rf"|[一二三四五六七八九十]{{1,3}}[、.．，,](?![ \t\u3000\u00a0]*{_RANGE_WORD})"
    r"|[0-9０-９]{1,3}(?:[.．](?![0-9０-９])|、)"
    r"|[①-⑳][、.．]?)[ \t\u3000\u00a0]*)"
    r"[^。！？]*"
)
_BLANK = " \t\u3000\u00a0\ufeff"
_TRAILING = _BLANK + "\r\n"  # what the last section's end leaves out of the text
# What a line must start with, after blanks, to be tried as a heading: the first
# characters the candidate pattern accepts (a bookmark's [ included).
_HEADING_FIRST = frozenset(
    "[（(一二三四五六七八九十0123456789０１２３４５６７８９①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
)
# A line ending in one of these is a complete paragraph; anything else (a
# character, a digit, a comma) means the text was cut by page layout.
_CLOSING = frozenset("。！？!?；;：:…”’」』】）)>》")
# Title lines are short and unpunctuated at the end.
_TITLE_MAX = 60
_TITLE_LINES = 3
# Restarted lists nest at most this deep: real reports use five levels, and crafted
# text (一、（一）1.（1）① repeated) must not build a tree deeper than recursion allows.
_MAX_DEPTH = 12
# What ``Outline.derived`` finds for a key not computed yet (None is a value).
_MISSING = object()
_text_start = itemgetter(0)  # a piece's offset in its paragraph's text
# Builds a Paragraph or Heading from a tuple of its fields in C: a record's own
# __new__ is a Python function, and the outline makes ~30 of them per report
# (~150 ns each saved; the fields are the same, in the same order).
_new_tuple = tuple.__new__
_KNOWN_MARKERS = MARKERS.parsed


# Paragraph and Heading are records (tuples), Section and Outline plain classes:
# a dataclass or NamedTuple costs every start ~0.2-0.7 ms to define, and
# importing dataclasses several ms.
class Paragraph(Record):
    """A paragraph's text and where each of its pieces starts in the source.

    PDF extraction breaks paragraphs mid-word (法治政\\n\\n府建设); the pieces are
    joined so that rules read whole sentences, and ``offset`` maps back.
    """

    __slots__ = ()
    text: str
    # (offset in text, offset in source) for the start of each piece
    pieces: tuple[tuple[int, int], ...]

    def __new__(cls, text: str, pieces: tuple[tuple[int, int], ...]) -> Paragraph:
        return _new_tuple(cls, (text, pieces))

    @property
    def start(self) -> int:
        return self.pieces[0][1]

    @property
    def end(self) -> int:
        last_text, last_source = self.pieces[-1]
        return last_source + len(self.text) - last_text

    def offset(self, index: int) -> int:
        """Source offset of ``self.text[index]``.

        A binary search: a PDF paragraph can have thousands of pieces, and a
        rule maps every finding in it.
        """
        at = bisect_right(self.pieces, index, key=_text_start) - 1
        if at < 0:
            return self.start
        text_start, source_start = self.pieces[at]
        return source_start + index - text_start


class Heading(Record):
    """A marked heading line: its marker and title, as offsets into the source."""

    __slots__ = ()
    marker: Marker
    line: int
    start: int
    marker_end: int
    title: str
    title_start: int
    title_end: int
    run_in: bool

    def __new__(
        cls,
        marker: Marker,
        line: int,
        start: int,
        marker_end: int,
        title: str,
        title_start: int,
        title_end: int,
        run_in: bool,
    ) -> Heading:
        fields = (marker, line, start, marker_end, title, title_start, title_end, run_in)
        return _new_tuple(cls, fields)


class Section:
    """A heading with the paragraphs under it and its sub-sections.

    ``level`` is the GB/T 9704 level of the heading's marker kind, or one below
    its parent where a list restarting at one is nested under it. ``end`` is
    where its text ends (set when the builder closes it).
    """

    # _title_paragraph: made on first use; most reports need few or none (the text
    # rules make a title a paragraph only where they find something in it).
    __slots__ = ("_title_paragraph", "body", "children", "end", "heading", "level", "parent")

    def __init__(self, heading: Heading, level: int, parent: Section | None = None) -> None:
        self.heading = heading
        self.level = level
        self.parent = parent
        self.children: list[Section] = []
        self.body: list[Paragraph] = []
        self.end = 0
        self._title_paragraph: Paragraph | None = None

    @property
    def start(self) -> int:
        return self.heading.start

    @property
    def depth(self) -> int:
        """How many sections enclose this one (0 at the top of the tree)."""
        count, parent = 0, self.parent
        while parent is not None:
            count, parent = count + 1, parent.parent
        return count

    @property
    def title_paragraph(self) -> Paragraph:
        """The heading's title as a paragraph, so that offsets into it map back like text."""
        if self._title_paragraph is None:
            heading = self.heading
            pieces = ((0, heading.title_start),)
            self._title_paragraph = _new_tuple(Paragraph, (heading.title, pieces))
        return self._title_paragraph

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        return _depth_first([self])


class Outline:
    """The structure lawlint understood: what every rule reads."""

    __slots__ = (
        "_derived",
        "_in_order",
        "lists_in_sequence",
        "preamble",
        "sections",
        "source",
        "title",
    )

    def __init__(
        self,
        source: Source,
        title: Paragraph | None,
        preamble: list[Paragraph],
        sections: list[Section],
        _in_order: list[Section] | None = None,
        lists_in_sequence: bool = False,
    ) -> None:
        self.source = source
        self.title = title
        self.preamble = preamble
        self.sections = sections
        # What several rules derive from the same outline (the numbers read, the
        # report items found), computed once by ``derived``.
        self._derived: dict[object, object] = {}
        # Every section in document order: the builder opens them in that order, and
        # half the rules walk the tree, so it is listed once, not walked each time.
        self._in_order = _in_order
        # True when the builder saw every list of sibling headings (the top list and
        # each section's children) run 1, 2, 3… in one marker kind, as nearly every
        # report does: the heading rules then have no list to look into. False when
        # one does not, and for an outline not made by build_outline.
        self.lists_in_sequence = lists_in_sequence

    def walk(self) -> Iterator[Section]:
        """Every section in document order."""
        if self._in_order is None:
            self._in_order = list(_depth_first(self.sections))
        return iter(self._in_order)

    def release(self) -> None:
        """Break this outline's reference cycles; for an outline that is read no more.

        A section and its parent point at each other, and memos in ``derived``
        may hold the outline, so a dropped outline waits for the cyclic garbage
        collector, which took ~40 µs of the ~500 µs a report costs to read and
        lint (gc callbacks, 3,000 corpus reports). Without its cycles an outline
        is freed as soon as it is dropped.
        """
        for section in self.walk():
            section.parent = None
        self._derived.clear()

    def paragraphs(self) -> Iterator[Paragraph]:
        """The preamble and every section's body, in document order (no titles).

        Listed once per outline: the number rules and the report-item search both read it.
        """
        return iter(self.derived(_list_paragraphs, _list_paragraphs))

    def running_text(self) -> Iterator[Paragraph]:
        """The preamble, then each heading's title and body, in document order.

        Listed once per outline: the text rules and the report-item search read
        it four times per report.
        """
        return iter(self.derived(_list_running_text, _list_running_text))

    def derived(self, key: object, compute: Callable[[Outline], T]) -> T:
        """``compute(self)``, computed once per outline and ``key`` for all the rules asking."""
        # Looked up, not caught: every key is missing once per report, and raising
        # a KeyError costs more than many a computation it guards.
        value = self._derived.get(key, _MISSING)
        if value is _MISSING:
            value = self._derived[key] = compute(self)
        return value

    def sibling_groups(self) -> Iterator[tuple[Section | None, list[Section]]]:
        """Each parent (None for the top) with its list of child sections.

        Listed once per outline: the heading rules read it twice.
        """
        return iter(self.derived(_list_sibling_groups, _list_sibling_groups))

    def section_text(self, section: Section) -> str:
        """The source text a section spans, heading and sub-sections included."""
        return self.source.text[section.start : section.end]


def _list_paragraphs(outline: Outline) -> list[Paragraph]:
    paragraphs = list(outline.preamble)
    for section in outline.walk():
        paragraphs += section.body
    return paragraphs


def _list_sibling_groups(outline: Outline) -> list[tuple[Section | None, list[Section]]]:
    groups: list[tuple[Section | None, list[Section]]] = []
    if outline.sections:
        groups.append((None, outline.sections))
    groups += [(section, section.children) for section in outline.walk() if section.children]
    return groups


def _list_running_text(outline: Outline) -> list[Paragraph]:
    running = list(outline.preamble)
    for section in outline.walk():
        if section.heading.title:
            running.append(section.title_paragraph)
        running += section.body
    return running


def _depth_first(sections: list[Section]) -> Iterator[Section]:
    """Sections and all below them in order (a stack: nested generators cost a step a level)."""
    stack = sections[::-1]
    while stack:
        section = stack.pop()
        yield section
        stack += section.children[::-1]


def match_heading(source: Source, line: int) -> Heading | None:
    """The heading on 0-based ``line``, if the line starts with a marker."""
    start = source.line_starts[line] + source.markup.get(line, 0)
    return _heading_at(source.text, start, source.line_ends[line], line)


def _heading_at(text: str, start: int, end: int, line: int) -> Heading | None:
    """The heading on ``line``, whose text past markup runs from ``start`` to ``end``, if any.

    Matched in place (the pattern's pos and endpos), not on a copy of the line: a
    run-in heading's line holds a whole paragraph, which its body copies anyway.
    """
    found = _CANDIDATE.match(text, start, end)
    if found is None:
        return None
    marker_at, rest_at = found.span(1)
    written = text[marker_at:rest_at]
    # The parse memo read directly, then the parse: a method call per heading saved.
    marker = _KNOWN_MARKERS.get(written) or MARKERS.parse(written)
    if marker is None:
        return None
    title_end = found.end()
    # Most lines have no trailing blanks: no copy then.
    text_end = end if text[end - 1] not in _BLANK else start + len(text[start:end].rstrip(_BLANK))
    if title_end == end:  # no full stop: the title is the rest of the line
        title_end, run_in = text_end if text_end > rest_at else rest_at, False
    else:  # a run-in heading has more than blanks after its full stop
        run_in = text_end > title_end + 1
    fields = (marker, line, marker_at, rest_at, text[rest_at:title_end], rest_at, title_end, run_in)
    return _new_tuple(Heading, fields)


def build_outline(source: Source) -> Outline:
    """Build the outline of ``source`` in one pass over its lines.

    The title is told apart here, by a flag local to the loop, so that a body line
    costs one call: the builder never asks whether the title is still open.
    """
    builder = _Builder(source.text)
    add_text, add_heading = builder.add_text, builder.add_heading
    text, markup = source.text, source.markup
    title_lines: list[tuple[int, str]] = []
    title_open = True  # until the first heading or line that no title has
    lines = zip(source.line_starts, source.line_ends, strict=True)
    for line, (line_start, end) in enumerate(lines):
        start = line_start + markup.get(line, 0) if markup else line_start
        if start >= end:
            continue
        at, first = start, text[start]  # the first character that is not a blank
        if first in _BLANK:  # an indented line (U+3000 indents in many reports)
            at = _past_blanks(text, start, end)
            if at == end:
                continue
            first = text[at]
        # Most lines are plainly body text: only a line whose first character can
        # begin a marker (or a Word bookmark) is matched against the pattern.
        if first in _HEADING_FIRST:
            heading = _heading_at(text, start, end, line)
            if heading is not None:
                title_open = False
                add_heading(heading, line_start, end)
                continue
        stripped = text[at:end].rstrip(_BLANK)
        if title_open:
            title_open = _is_title_line(stripped, title_lines)
            if title_open:
                title_lines.append((at, stripped))
                continue
        add_text(at, stripped)
    title = _joined(title_lines) if title_lines else None
    return builder.finish(source, title)


def _past_blanks(text: str, at: int, end: int) -> int:
    """Where the blanks starting at ``at`` end (``end`` for a line of blanks)."""
    while at < end and text[at] in _BLANK:
        at += 1
    return at


def _is_title_line(stripped: str, title_lines: list[tuple[int, str]]) -> bool:
    """Whether a line read while the title is open is one more line of it.

    Title lines are few, short and unpunctuated at the end.
    """
    return (
        len(title_lines) < _TITLE_LINES
        and len(stripped) <= _TITLE_MAX
        and stripped[-1] not in _CLOSING
        and "，" not in stripped
    )


def _joined(lines: list[tuple[int, str]]) -> Paragraph:
    """One paragraph of the (start, text) pieces of consecutive lines."""
    if len(lines) == 1:
        start, text = lines[0]
        return _new_tuple(Paragraph, (text, ((0, start),)))
    pieces, length = [], 0
    for start, text in lines:
        pieces.append((length, start))
        length += len(text)
    return _new_tuple(Paragraph, ("".join(text for _, text in lines), tuple(pieces)))


def _follows(siblings: list[Section], marker: Marker) -> bool:
    """Whether ``marker`` is next in ``siblings``: one more in the same kind, or 1 to begin."""
    if not siblings:
        return marker.number == 1
    last = siblings[-1].heading.marker
    return last.number + 1 == marker.number and last.kind is marker.kind


class _Builder:
    """Walks the lines once, keeping the open sections on a stack.

    Runs once per heading and line of every report, so the common steps are
    written out here rather than split into helpers: a call costs as much as the
    step itself.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.preamble: list[Paragraph] = []
        self.top: list[Section] = []
        self.stack: list[Section] = []
        self.in_order: list[Section] = []
        # Where paragraphs go: the preamble, then the body of the latest heading.
        self.body = self.preamble
        # The (start, text) pieces of a paragraph whose last line ends mid-sentence,
        # so that the next line continues it (PDF layout cut it there).
        self.unfinished: list[tuple[int, str]] = []
        self.lists_in_sequence = True

    def add_heading(self, heading: Heading, line_start: int, line_end: int) -> None:
        """Open ``heading``'s section on the line from ``line_start`` to ``line_end``.

        A run-in heading's line after its full stop is the first paragraph of its body.
        """
        if self.unfinished:
            self._end_paragraph()
        stack = self.stack
        level, depth = self._place(heading.marker, stack)
        while len(stack) > depth:
            stack.pop().end = line_start
        if stack:
            parent = stack[-1]
            section = Section(heading, level, parent)
            parent.children.append(section)
        else:
            section = Section(heading, level, None)
            self.top.append(section)
        stack.append(section)
        self.in_order.append(section)
        self.body = section.body
        if heading.run_in:
            body_start = heading.title_end + 1
            self.add_text(body_start, self.text[body_start:line_end].rstrip(_BLANK))

    def _place(self, marker: Marker, stack: list[Section]) -> tuple[int, int]:
        """The level of a section for ``marker``, and how many open sections stay open above it.

        A heading that continues an open list (二、 after 一、, most often the list
        at the top of the stack) is that list's next sibling. A list continued or
        nested anew stays in sequence: the open heading continued is its parent's
        last child, and a heading open at the top of the stack has no children
        yet. Only a section placed by its level alone can break the sequence of
        its new siblings.
        """
        number = marker.number
        if number > 1:
            kind, depth = marker.kind, len(stack)
            while depth:
                depth -= 1
                section = stack[depth]
                open_marker = section.heading.marker
                if open_marker.number + 1 == number and open_marker.kind is kind:
                    return section.level, depth
        elif stack and _nests_restart(marker, stack[-1], len(stack)):
            return stack[-1].level + 1, len(stack)
        # Levels rise strictly from the bottom of the stack to its top, so the open
        # sections that stay are found from the top: none to close when it nests.
        level, depth = marker.level, len(stack)
        while depth and stack[depth - 1].level >= level:
            depth -= 1
        if self.lists_in_sequence:
            siblings = stack[depth - 1].children if depth else self.top
            self.lists_in_sequence = _follows(siblings, marker)
        return level, depth

    def add_text(self, start: int, text: str) -> None:
        """Add a line's text: a paragraph of its own unless the line before ended mid-sentence."""
        if not text:
            return
        if self.unfinished:
            self.unfinished.append((start, text))
            if text[-1] in _CLOSING:
                self._end_paragraph()
        elif text[-1] in _CLOSING:  # the usual case: a whole paragraph on one line
            self.body.append(_new_tuple(Paragraph, (text, ((0, start),))))
        else:
            self.unfinished = [(start, text)]

    def _end_paragraph(self) -> None:
        """Close the paragraph that its last line left unfinished."""
        self.body.append(_joined(self.unfinished))
        self.unfinished = []

    def finish(self, source: Source, title: Paragraph | None) -> Outline:
        if self.unfinished:
            self._end_paragraph()
        end = len(self.text.rstrip(_TRAILING))
        for section in self.stack:
            section.end = end
        return Outline(
            source, title, self.preamble, self.top, self.in_order, self.lists_in_sequence
        )


def _nests_restart(marker: Marker, top: Section, open_count: int) -> bool:
    """Whether a list restarting at one belongs under ``top``, the innermost open heading."""
    top_marker = top.heading.marker
    duplicate_first = top_marker.kind is marker.kind and top_marker.number == 1
    return not duplicate_first and marker.level <= top.level and open_count < _MAX_DEPTH
