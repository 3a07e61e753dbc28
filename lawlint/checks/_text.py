"""Running text of a report for the text rules (phrases, names, placeholders).

Those rules read sentences, not lines: the outline has already joined paragraphs
that PDF extraction broke (法治政\\n\\n府建设), so a wrong phrase split over two
lines is still found. This module yields every piece of running text with the
map back to the source, and turns a replacement inside a paragraph into source
edits without touching the line breaks between its pieces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

from lawlint import regex_memo
from lawlint.diagnostics import Edit
from lawlint.outline import Outline, Paragraph, Section

# Han ideographs (basic block and extension A) and CJK / full-width punctuation,
# as code-point ranges: only single characters are tested, and a regex class
# over these ranges costs ~2.5 ms of every start to compile.
_CJK_RANGES = (
    (0x3000, 0x303F),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF5E),
    (0x2018, 0x201D),
    (0x2026, 0x2026),
)


def starts_cjk(text: str) -> bool:
    """Whether ``text`` begins with a Han character or CJK / full-width punctuation."""
    if not text:
        return False
    code = ord(text[0])
    return any(low <= code <= high for low, high in _CJK_RANGES)


# Invisible characters conversion leaves inside words (soft hyphen, zero-width
# space, joiners, word joiner, a stray byte-order mark). conversion-artifact
# reports them; the other text rules read past them, so that 法制\u200b政府 is
# still 法制政府.
ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = regex_memo.compile(f"[{ZERO_WIDTH}]+")

# The characters that what conversion leaves starts with (conversion-artifact:
# bookmark and image markers, field codes, controls, C1 bytes, private-use and
# replacement characters, the invisible ones), and those a template's
# placeholders start with (template-placeholder; not its round brackets, which
# prose is full of). As the body of a regex class.
ARTIFACT_START = rf"\[HP\\\f\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff{ZERO_WIDTH}"
PLACEHOLDER_START = "Xx×Ｘｘ○〇【"
_RARE = regex_memo.compile(f"[{ARTIFACT_START}{PLACEHOLDER_START}]")


def rare_characters(outline: Outline) -> frozenset[str]:
    """Which of the characters above occur in the source.

    Most reports hold none of them. A range (private use) cannot be tested
    with ``in``, and a regex class costs a pass over the report: one pass for
    all of them, shared, and a rule with nothing to start from is done.
    """
    return outline.derived(rare_characters, _rare_characters)


def _rare_characters(outline: Outline) -> frozenset[str]:
    # Gathered as the scan goes, not listed first: a converted file can hold millions.
    return frozenset(match.group() for match in _RARE.finditer(outline.source.text))


def paragraphs(outline: Outline) -> Sequence[Paragraph]:
    """The title, the preamble, and each heading title and body paragraph, in order.

    Invisible characters are cut out of the text; the pieces keep the map back
    to the source, so offsets and edits stay exact. Listed once per outline
    (with ``joined``): three text rules read them.
    """
    return joined(outline).paragraphs


def _readable(running: Iterable[Paragraph]) -> Iterator[Paragraph]:
    for paragraph in running:
        if not any(char in paragraph.text for char in ZERO_WIDTH):
            yield paragraph
        elif visible := _visible(paragraph):
            yield visible


class Joined:
    """The texts of ``paragraphs`` joined by line breaks: one search per report, not per paragraph.

    A line break ends a line, so none is inside a paragraph's text (and a
    pattern that cannot match one finds in ``text`` what it finds in each
    paragraph); ``locate`` maps a place in ``text`` back to its paragraph.
    ``text`` may be given when the caller has the texts at hand.
    """

    __slots__ = ("_starts", "paragraphs", "text")

    def __init__(self, paragraphs: Sequence[Paragraph], text: str | None = None) -> None:
        self.paragraphs = paragraphs
        if text is None:
            text = "\n".join([paragraph.text for paragraph in paragraphs])
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Where each paragraph's text starts in ``text``: listed when a search first finds one."""
        if self._starts is None:
            self._starts, at = [], 0
            for paragraph in self.paragraphs:
                self._starts.append(at)
                at += len(paragraph.text) + 1
        return self._starts

    def paragraph_index(self, offset: int) -> int:
        """The index of the paragraph holding ``text[offset]`` (or the line break after it)."""
        return bisect_right(self.starts, offset) - 1

    def locate(self, offset: int) -> tuple[int, int]:
        """The index of the paragraph holding ``text[offset]``, and the index in its text."""
        index = self.paragraph_index(offset)
        return index, offset - self.starts[index]


def joined(outline: Outline) -> Joined:
    """``paragraphs(outline)`` joined (see ``Joined``), made once per outline for all rules."""
    return outline.derived(joined, _joined)


def _joined(outline: Outline) -> Joined:
    running = RunningText(outline)
    if rare_characters(outline).isdisjoint(ZERO_WIDTH):
        # most reports: the outline's own paragraphs
        return Joined(running, "\n".join(_running_texts(outline)))
    return Joined(tuple(_readable(running)))


def _running_texts(outline: Outline) -> list[str]:
    """The texts of ``RunningText(outline)``, in its order (the same walk)."""
    texts = [outline.title.text] if outline.title else []
    append = texts.append
    for paragraph in outline.preamble:
        append(paragraph.text)
    for section in outline.walk():
        title = section.heading.title
        if title:
            append(title)
        for paragraph in section.body:
            append(paragraph.text)
    return texts


class RunningText(Sequence[Paragraph]):
    """The title, the preamble, then each heading title and body paragraph, in order.

    Listed when first asked for, and a heading title kept as its section
    until then: the rules search the joined texts and need the paragraphs
    only where they find something, in few reports. Making every title a
    Paragraph up front cost more than the search itself.
    """

    __slots__ = ("_outline", "_parts")

    def __init__(self, outline: Outline) -> None:
        self._outline = outline
        self._parts: list[Paragraph | Section] | None = None

    def __len__(self) -> int:
        return len(self._listed())

    def __getitem__(self, index: int | slice) -> Paragraph | list[Paragraph]:
        if isinstance(index, slice):  # as a Sequence must: paragraphs, never a section
            return [self[at] for at in range(*index.indices(len(self)))]
        part = self._listed()[index]
        return part.title_paragraph if isinstance(part, Section) else part

    def _listed(self) -> list[Paragraph | Section]:
        if self._parts is None:
            self._parts = _running_parts(self._outline)
        return self._parts


def _running_parts(outline: Outline) -> list[Paragraph | Section]:
    """The walk of ``_running_texts``, a heading title as its section."""
    parts: list[Paragraph | Section] = [outline.title] if outline.title else []
    parts += outline.preamble
    for section in outline.walk():
        if section.heading.title:
            parts.append(section)
        parts += section.body
    return parts


def _visible(paragraph: Paragraph) -> Paragraph | None:
    """The paragraph without its invisible characters (None when nothing is left)."""
    parts: list[str] = []
    pieces: list[tuple[int, int]] = []
    length = 0
    bounds = [text_start for text_start, _ in paragraph.pieces[1:]] + [len(paragraph.text)]
    for (text_start, source_start), text_end in zip(paragraph.pieces, bounds, strict=True):
        chunk = paragraph.text[text_start:text_end]
        kept = 0
        for cut in [*_INVISIBLE.finditer(chunk), None]:
            stop = cut.start() if cut else len(chunk)
            if stop > kept:
                pieces.append((length, source_start + kept))
                parts.append(chunk[kept:stop])
                length += stop - kept
            if cut:
                kept = cut.end()
    return Paragraph("".join(parts), tuple(pieces)) if pieces else None


def span(paragraph: Paragraph, start: int, end: int) -> tuple[int, int]:
    """Source offsets of ``paragraph.text[start:end]`` (which may cross a line break)."""
    return paragraph.offset(start), paragraph.offset(max(end - 1, start)) + (end > start)


def replacement_edit(paragraph: Paragraph, start: int, found: str, expected: str) -> Edit | None:
    """The smallest edit that turns ``found`` (at ``start``) into ``expected``.

    None when the changed characters straddle a line break between pieces: an
    edit there would also delete the break, which is not the fix we promise.
    """
    prefix = 0
    limit = min(len(found), len(expected))
    while prefix < limit and found[prefix] == expected[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and found[len(found) - 1 - suffix] == expected[len(expected) - 1 - suffix]
    ):
        suffix += 1
    first, last = start + prefix, start + len(found) - suffix
    if first == last:
        at = (
            paragraph.offset(first) if first < len(paragraph.text) else span(paragraph, 0, first)[1]
        )
        return Edit(at, at, expected[prefix : len(expected) - suffix])
    source_start, source_end = span(paragraph, first, last)
    if source_end - source_start != last - first:
        return None
    return Edit(source_start, source_end, expected[prefix : len(expected) - suffix])


def locator(first: str, pattern: str) -> re.Pattern[str]:
    """A regex matching one character of class ``first`` where ``pattern`` matches from it.

    Python's regex engine skips fast only to the characters of a leading class;
    a pattern of groups, assertions or named alternatives is tried at every
    position instead (several times slower on a long report). The look-behind
    runs ``pattern`` from the class character without leaving the engine.
    """
    return regex_memo.compile(rf"{first}(?<=(?={pattern})[\s\S])")


def matches(located: re.Pattern[str], pattern: re.Pattern[str], text: str) -> Iterator[re.Match]:
    """Non-overlapping matches of ``pattern`` at the places ``located`` (a ``locator``) finds."""
    position = 0
    while candidate := located.search(text, position):
        match = pattern.match(text, candidate.start())
        if match and match.end() > match.start():
            yield match
            position = match.end()
        else:
            position = candidate.start() + 1
