"""Paragraph.offset's binary search agrees with the plain walk over the pieces it replaced."""

from __future__ import annotations

import random

from lawlint.outline import Paragraph, build_outline
from lawlint.source import Source, read_source
from tests.conftest import FIXTURES, SEEDS, needs_seeds


def linear_offset(paragraph: Paragraph, index: int) -> int:
    """The former ``Paragraph.offset``: the last piece starting at or before ``index``."""
    for text_start, source_start in reversed(paragraph.pieces):
        if index >= text_start:
            return source_start + index - text_start
    return paragraph.start


def random_paragraph(rng: random.Random) -> Paragraph:
    """Pieces of random lengths, empty ones (equal text starts) among them, apart in the source."""
    pieces, length, source = [], 0, rng.randrange(5)
    for _ in range(rng.randrange(1, 12)):
        pieces.append((length, source))
        size = rng.choice((0, 0, 1, 2, 7))
        length += size
        source += size + rng.randrange(1, 4)  # the line ends and blank lines between pieces
    return Paragraph("字" * length, tuple(pieces))


def test_agrees_with_the_walk_on_random_pieces() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        paragraph = random_paragraph(rng)
        for index in range(-2, len(paragraph.text) + 3):
            assert paragraph.offset(index) == linear_offset(paragraph, index), (paragraph, index)


def test_many_pieces() -> None:
    lines = [f"第{n}行文字" for n in range(5000)]
    text = "\n".join(lines) + "\n"
    outline = build_outline(Source(path="long.txt", text=text))
    paragraph = max(outline.paragraphs(), key=lambda p: len(p.pieces))
    assert len(paragraph.pieces) > 4900  # the first lines are read as the title
    for index in range(0, len(paragraph.text), 97):
        assert paragraph.offset(index) == linear_offset(paragraph, index)
        assert text[paragraph.offset(index)] == paragraph.text[index]


def _paragraphs(path) -> list[Paragraph]:
    outline = build_outline(read_source(str(path)))
    return [*outline.paragraphs(), *(s.title_paragraph for s in outline.walk())]


def _check_real(paths) -> None:
    for path in paths:
        for paragraph in _paragraphs(path):
            for index in range(len(paragraph.text)):
                assert paragraph.offset(index) == linear_offset(paragraph, index), path


def test_agrees_on_the_fixtures() -> None:
    _check_real(sorted(FIXTURES.rglob("*.txt")))


@needs_seeds
def test_agrees_on_the_seeds() -> None:
    _check_real(sorted(SEEDS.glob("*.txt")))
