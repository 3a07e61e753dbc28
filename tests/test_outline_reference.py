"""The outline builder against a plain, line-by-line reference of what it finds.

build_outline refuses marker look-alikes (1.5万, 2024.3, 一、二季度) inside its
candidate pattern, makes a one-line paragraph as soon as the line ends a
sentence, and notes while placing sections whether every sibling list runs
1, 2, 3… in one marker kind. Here the same is derived the obvious way: every
line matched with a plain marker pattern, the look-alikes refused after
parsing, paragraphs joined line by line, and each sibling list read in full.
Both must agree on adversarial text and on the real reports in ../shared.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.markers import MARKERS, MarkerKind
from lawlint.outline import Heading, Outline, build_outline
from lawlint.source import Source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds

_BLANK = " \t\u3000\u00a0\ufeff"
_CLOSING = "。！？!?；;：:…”’」』】）)>》"
_PLAIN_CANDIDATE = re.compile(
    r"[ \t\u3000\u00a0\ufeff]*(?:\[bookmark:[^\]\n]*\][ \t\u3000\u00a0]*)*"
    r"(?P<marker>(?:[（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})[）)][、.．]?"
    r"|[一二三四五六七八九十]{1,3}[、.．，,]"
    r"|[0-9０-９]{1,3}[.．、]"
    r"|[①-⑳][、.．]?)[ \t\u3000\u00a0]*)"
    r"[^。！？]*"
)
_RANGE = re.compile(r"[一二三四五六七八九十]{1,2}(?:季度|类|级|产业|批|期)")

PIECES = [
    *("一、", "二、", "三，", "十一、", "（一）", "(二)", "1.", "2.", "3、", "１２．", "（1）"),
    "①",
    *("1.5万", "2024.3", "１．５", "1. 5", "一、二季度", "一、 二类", "十一、二期", "一，三产业"),
    *("[bookmark: _GoBack]", " ", "\u3000", "\t", "。", "！", "，", "：", "标题", "正文", "2"),
]
LINES = st.lists(st.sampled_from(PIECES) | st.text(max_size=2), max_size=6).map("".join)
TEXTS = st.lists(LINES, max_size=25).map("\n".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference_heading(content: str, start: int, line: int) -> Heading | None:
    found = _PLAIN_CANDIDATE.match(content)
    if found is None:
        return None
    marker_at, rest_at = found.span("marker")
    marker = MARKERS.parse(content[marker_at:rest_at])
    if marker is None:
        return None
    after = content[rest_at:]
    number_after = marker.separator in ".．" and not marker.space and re.match("[0-9０-９]", after)
    if marker.kind is MarkerKind.ARABIC_ITEM and number_after:
        return None
    if marker.kind is MarkerKind.CN_ITEM and _RANGE.match(after):
        return None
    text_end = len(content.rstrip(_BLANK))
    stop = found.end()
    title_end, run_in = (
        (max(rest_at, text_end), False) if stop == len(content) else (stop, text_end > stop + 1)
    )
    return Heading(
        marker,
        line,
        start + marker_at,
        start + rest_at,
        content[rest_at:title_end],
        start + rest_at,
        start + title_end,
        run_in,
    )


def _reference_blocks(source: Source) -> tuple[list, list]:
    """(title pieces, blocks): each heading, and each paragraph as (text, pieces)."""
    title: list[tuple[int, str]] = []
    blocks: list = []
    lines: list[tuple[int, str]] = []  # the lines of the paragraph being read
    title_done = False

    def close() -> None:
        if lines:
            text = "".join(piece for _, piece in lines)
            offsets, length = [], 0
            for start, piece in lines:
                offsets.append((length, start))
                length += len(piece)
            blocks.append((text, tuple(offsets)))
            lines.clear()

    def add(start: int, text: str) -> None:
        if not text:
            return
        if lines and lines[-1][1][-1] in _CLOSING:
            close()
        lines.append((start, text))

    for line in range(source.line_count):
        start, end = source.line_starts[line], source.line_ends[line]
        content = source.text[start:end]
        stripped = content.strip(_BLANK)
        if not stripped:
            continue
        heading = _reference_heading(content, start, line)
        if heading is not None:
            close()
            title_done = True
            blocks.append(heading)
            if heading.run_in:
                add(heading.title_end + 1, source.text[heading.title_end + 1 : end].rstrip(_BLANK))
            continue
        at = start + len(content) - len(content.lstrip(_BLANK))
        title_like = len(stripped) <= 60 and stripped[-1] not in _CLOSING and "，" not in stripped
        if not title_done and len(title) < 3 and title_like:
            title.append((at, stripped))
            continue
        title_done = True
        add(at, stripped)
    close()
    return title, blocks


def _blocks(outline: Outline) -> tuple[list, list]:
    title = []
    if outline.title is not None:
        ends = [start for start, _ in outline.title.pieces[1:]] + [len(outline.title.text)]
        title = [
            (source, outline.title.text[start:end])
            for (start, source), end in zip(outline.title.pieces, ends, strict=True)
        ]
    blocks: list = [(p.text, p.pieces) for p in outline.preamble]
    for section in outline.walk():
        blocks.append(section.heading)
        blocks += [(p.text, p.pieces) for p in section.body]
    return title, blocks


def _plainly_in_sequence(outline: Outline) -> bool:
    for _parent, children in outline.sibling_groups():
        kinds = [section.heading.marker.kind for section in children]
        numbers = [section.heading.marker.number for section in children]
        if kinds.count(kinds[0]) < len(kinds) or numbers != list(range(1, len(numbers) + 1)):
            return False
    return True


def _agree(text: str) -> None:
    source = Source("r.txt", text)
    outline = build_outline(source)
    assert _blocks(outline) == _reference_blocks(source)
    assert outline.lists_in_sequence == _plainly_in_sequence(outline)


@FAST
@given(TEXTS)
def test_the_builder_finds_the_headings_and_paragraphs_the_reference_finds(text: str) -> None:
    _agree(text)


@FAST
@given(TEXTS)
def test_the_same_holds_with_windows_line_ends(text: str) -> None:
    _agree(text.replace("\n", "\r\n"))


@needs_seeds
def test_the_builder_agrees_with_the_reference_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _agree(path.read_text(encoding="utf-8"))


@needs_corpus
def test_the_builder_agrees_with_the_reference_on_the_corpus() -> None:
    for document in corpus():
        _agree(document["content"])
