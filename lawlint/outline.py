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

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from lawlint.markers import MARKERS, Marker, MarkerKind
from lawlint.source import Source

T = TypeVar("T")

# A line that may start with a marker: leading blanks, a Word bookmark left by
# conversion, then something marker-shaped (the grammar decides), then the text
# up to the first full stop, which ends a run-in heading's title.
_CANDIDATE = re.compile(
    r"[ \t\u3000\u00a0\ufeff]*(?:\[bookmark:[^\]\n]*\][ \t\u3000\u00a0]*)*"
    r"(?P<marker>(?:[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})[）)][、.．]?"
    r"|[一二三四五六七八九十]{1,3}[、.．，,]"
    r"|[0-9０-９]{1,3}[.．、]"
    r"|[①-⑳][、.．]?)[ \t\u3000\u00a0]*)"
    r"[^。！？]*"
)
_DIGIT = re.compile(r"[0-9０-９]")
# 一、二季度 and 一、二类 are ranges in running text, not a heading 一、.
_RANGE_AFTER_CN_ITEM = re.compile(r"[一二三四五六七八九十]{1,2}(?:季度|类|级|产业|批|期)")
_BLANK = " \t\u3000\u00a0\ufeff"
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


@dataclass(slots=True)
class Paragraph:
    """A paragraph's text and where each of its pieces starts in the source.

    PDF extraction breaks paragraphs mid-word (法治政\\n\\n府建设); the pieces are
    joined so that rules read whole sentences, and ``offset`` maps back.
    """

    text: str
    # (offset in text, offset in source) for the start of each piece
    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][1]

    @property
    def end(self) -> int:
        last_text, last_source = self.pieces[-1]
        return last_source + len(self.text) - last_text

    def offset(self, index: int) -> int:
        """Source offset of ``self.text[index]``."""
        for text_start, source_start in reversed(self.pieces):
            if index >= text_start:
                return source_start + index - text_start
        return self.start


@dataclass(slots=True)
class Heading:
    """A marked heading line: its marker and title, as offsets into the source."""

    marker: Marker
    line: int
    start: int
    marker_end: int
    title: str
    title_start: int
    title_end: int
    run_in: bool


@dataclass(slots=True)
class Section:
    """A heading with the paragraphs under it and its sub-sections.

    ``level`` is the GB/T 9704 level of the heading's marker kind, or one below
    its parent where a list restarting at one is nested under it.
    """

    heading: Heading
    level: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    end: int = 0
    # Made on first use: the running text and the report-item search both read it.
    _title_paragraph: Paragraph | None = field(default=None, repr=False, compare=False)

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
            self._title_paragraph = Paragraph(heading.title, ((0, heading.title_start),))
        return self._title_paragraph

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        return _depth_first([self])


@dataclass(slots=True)
class Outline:
    """The structure lawlint understood: what every rule reads."""

    source: Source
    title: Paragraph | None
    preamble: list[Paragraph]
    sections: list[Section]
    # What several rules derive from the same outline (the numbers read, the
    # report items found), computed once by ``derived``.
    _derived: dict[object, object] = field(default_factory=dict, repr=False, compare=False)
    # Every section in document order: the builder opens them in that order, and
    # half the rules walk the tree, so it is listed once, not walked each time.
    _in_order: list[Section] | None = field(default=None, repr=False, compare=False)

    def walk(self) -> Iterator[Section]:
        """Every section in document order."""
        if self._in_order is None:
            self._in_order = list(_depth_first(self.sections))
        return iter(self._in_order)

    def paragraphs(self) -> Iterator[Paragraph]:
        """The preamble and every section's body, in document order (no titles)."""
        yield from self.preamble
        for section in self.walk():
            yield from section.body

    def running_text(self) -> Iterator[Paragraph]:
        """The preamble, then each heading's title and body, in document order.

        Listed once per outline: the text rules and the report-item search read
        it four times per report.
        """
        return iter(self.derived(_list_running_text, _list_running_text))

    def derived(self, key: object, compute: Callable[[Outline], T]) -> T:
        """``compute(self)``, computed once per outline and ``key`` for all the rules asking."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute(self)
            return value

    def sibling_groups(self) -> Iterator[tuple[Section | None, list[Section]]]:
        """Each parent (None for the top) with its list of child sections."""
        if self.sections:
            yield None, self.sections
        for section in self.walk():
            if section.children:
                yield section, section.children

    def section_text(self, section: Section) -> str:
        """The source text a section spans, heading and sub-sections included."""
        return self.source.text[section.start : section.end]


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
    return _heading_in(source.text[start : source.line_ends[line]], start, line)


def _heading_in(content: str, line_start: int, line: int) -> Heading | None:
    """The heading on ``line`` whose text past markup is ``content``, if it has one."""
    found = _CANDIDATE.match(content)
    if found is None:
        return None
    marker_at, rest_at = found.span("marker")
    marker = MARKERS.parse(content[marker_at:rest_at])
    if marker is None or not _plausible(marker, content, rest_at):
        return None
    title_end, run_in = _title_end(content, rest_at, found.end())
    title_start = line_start + rest_at
    # Positional: keyword arguments double the cost of building a heading.
    return Heading(
        marker,
        line,
        line_start + marker_at,
        title_start,
        content[rest_at:title_end],
        title_start,
        line_start + title_end,
        run_in,
    )


def _plausible(marker: Marker, content: str, rest_at: int) -> bool:
    """Reject look-alikes: 1.5万, 2024.3, 一、二季度."""
    if marker.kind is MarkerKind.ARABIC_ITEM:
        return not (
            marker.separator in ".．" and not marker.space and _DIGIT.match(content, rest_at)
        )
    return not (marker.kind is MarkerKind.CN_ITEM and _RANGE_AFTER_CN_ITEM.match(content, rest_at))


def _title_end(content: str, rest_at: int, stop: int) -> tuple[int, bool]:
    """Where the title ends, and whether a paragraph runs on after the full stop at ``stop``."""
    text_end = len(content.rstrip(_BLANK))
    if stop == len(content):  # no full stop: the title is the rest of the line
        return max(rest_at, text_end), False
    return stop, text_end > stop + 1


def build_outline(source: Source) -> Outline:
    """Build the outline of ``source`` in one pass over its lines."""
    builder = _Builder(source)
    text, markup = source.text, source.markup
    for line, (start, end) in enumerate(zip(source.line_starts, source.line_ends, strict=True)):
        if markup:
            start += markup.get(line, 0)
        content = text[start:end]
        unindented = content.lstrip(_BLANK)
        if not unindented:
            continue
        # Most lines are plainly body text: only a line whose first character can
        # begin a marker (or a Word bookmark) is matched against the pattern.
        heading = None
        if unindented[0] in _HEADING_FIRST:
            heading = _heading_in(content, start, line)
        if heading is None:
            builder.add_text_line(start + len(content) - len(unindented), unindented.rstrip(_BLANK))
        else:
            builder.add_heading(heading, content, start)
    return builder.finish()


def _joined(lines: list[tuple[int, str]]) -> Paragraph:
    """One paragraph of the (start, text) pieces of consecutive lines."""
    pieces, length = [], 0
    for start, text in lines:
        pieces.append((length, start))
        length += len(text)
    return Paragraph("".join(text for _, text in lines), tuple(pieces))


class _Builder:
    """Walks the lines once, keeping the open sections on a stack."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.title_lines: list[tuple[int, str]] = []
        self.title_done = False
        self.preamble: list[Paragraph] = []
        self.top: list[Section] = []
        self.stack: list[Section] = []
        self.in_order: list[Section] = []
        self.open_paragraph: list[tuple[int, str]] = []
        self.open_ends_mid_sentence = False

    def add_heading(self, heading: Heading, content: str, line_start: int) -> None:
        """Open ``heading``'s section; a run-in paragraph after its full stop is its body."""
        if self.open_paragraph:
            self._close_paragraph()
        self.title_done = True
        self._open_section(heading)
        if heading.run_in:
            body = content[heading.title_end - line_start + 1 :]
            self._add_text(heading.title_end + 1, body.rstrip(_BLANK))

    def add_text_line(self, start: int, stripped: str) -> None:
        """A line of body text (blanks stripped) that starts at ``start``."""
        if not self.title_done and self._is_title_line(stripped):
            self.title_lines.append((start, stripped))
            return
        self.title_done = True
        self._add_text(start, stripped)

    def _is_title_line(self, stripped: str) -> bool:
        return (
            len(self.title_lines) < _TITLE_LINES
            and len(stripped) <= _TITLE_MAX
            and stripped[-1] not in _CLOSING
            and "，" not in stripped
        )

    def _add_text(self, start: int, text: str) -> None:
        if not text:
            return
        if self.open_paragraph and not self.open_ends_mid_sentence:
            self._close_paragraph()
        self.open_paragraph.append((start, text))
        self.open_ends_mid_sentence = text[-1] not in _CLOSING

    def _close_paragraph(self) -> None:
        pieces = self.open_paragraph
        if not pieces:
            return
        if len(pieces) == 1:  # the usual case: a paragraph on one line
            start, text = pieces[0]
            paragraph = Paragraph(text, ((0, start),))
        else:
            paragraph = _joined(pieces)
        (self.stack[-1].body if self.stack else self.preamble).append(paragraph)
        self.open_paragraph = []
        self.open_ends_mid_sentence = False

    def _open_section(self, heading: Heading) -> None:
        stack, marker = self.stack, heading.marker
        continued = self._continued(marker) if marker.number > 1 else None
        if continued is not None:
            level = stack[continued].level
            self._close_to(continued, heading)
        elif self._nests_restart(marker):
            level = stack[-1].level + 1
        else:
            level = marker.level
            depth = 0
            while depth < len(stack) and stack[depth].level < level:
                depth += 1
            self._close_to(depth, heading)
        parent = stack[-1] if stack else None
        section = Section(heading, level, parent)
        (parent.children if parent else self.top).append(section)
        stack.append(section)
        self.in_order.append(section)

    def _continued(self, marker: Marker) -> int | None:
        """Depth of the open heading this marker continues (二、 after 一、), if any."""
        kind, previous = marker.kind, marker.number - 1
        stack = self.stack
        for depth in range(len(stack) - 1, -1, -1):
            open_marker = stack[depth].heading.marker
            if open_marker.kind is kind and open_marker.number == previous:
                return depth
        return None

    def _nests_restart(self, marker: Marker) -> bool:
        """Whether a list restarting at one belongs under the innermost open heading."""
        if marker.number != 1 or not self.stack:
            return False
        top = self.stack[-1]
        duplicate_first = top.heading.marker.kind is marker.kind and top.heading.marker.number == 1
        shallow = len(self.stack) < _MAX_DEPTH
        return not duplicate_first and marker.level <= top.level and shallow

    def _close_to(self, depth: int, heading: Heading) -> None:
        """Close the open sections from ``depth`` down, ending them at ``heading``'s line."""
        stack = self.stack
        if len(stack) > depth:
            end = self.source.line_starts[heading.line]
            while len(stack) > depth:
                stack.pop().end = end

    def finish(self) -> Outline:
        self._close_paragraph()
        end = len(self.source.text.rstrip(_BLANK + "\r\n"))
        for section in self.stack:
            section.end = end
        title = _joined(self.title_lines) if self.title_lines else None
        return Outline(self.source, title, self.preamble, self.top, _in_order=self.in_order)
