"""The number rules' sentences, delimited from each span outwards, are the paragraph's split.

The reader no longer splits a whole paragraph at every sentence end: it looks
back and forward from each span. The sentences it gives must be those a plain
split of the paragraph gives for the same spans, in order and each once.
"""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import _numbers
from lawlint.outline import Paragraph, build_outline
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds

_END = re.compile(f"[{_numbers.SENTENCE_ENDS}]")


def _split(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The bounds of the sentences overlapping ``spans``, from the whole paragraph split."""
    ends = [match.end() for match in _END.finditer(text)] + [len(text)]
    bounds = [(ends[index - 1] if index else 0, ends[index]) for index in range(len(ends))]
    return sorted(
        {bound for start, end in spans for bound in bounds if bound[0] < end and start < bound[1]}
    )


def _read(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The bounds of what a fresh reader gives for ``spans`` of a paragraph of ``text``."""
    reader = _numbers._reader(build_outline(Source(path="t.txt", text="")))
    paragraph = Paragraph(text, ((0, 0),))
    return [(s.start, s.end) for s in reader.sentences_in(paragraph, spans)]


def _with_figures(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(start, end) for start, end in bounds if _numbers.quantities(text, start, end)]


_PIECES = st.sampled_from(["。", "；", ";", "！", "？", "?", "!", "甲", "5件", "其中", "，", " "])


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_PIECES, min_size=1, max_size=40).map("".join),
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20)), max_size=6),
)
def test_sentences_from_spans_are_the_split_sentences(text: str, raw: list) -> None:
    spans = [(start % len(text), min(start % len(text) + width, len(text))) for start, width in raw]
    assert _read(text, spans) == _with_figures(text, _split(text, spans))


def test_spans_out_of_order_and_over_several_sentences() -> None:
    text = "甲5件。乙6件；丙7件，其中丁3件。戊8件！"
    spans = [(16, 18), (0, 9), (2, 3)]
    expected = [(0, 4), (4, 8), (8, 18)]
    assert _read(text, spans) == _with_figures(text, _split(text, spans)) == expected


@needs_seeds
@needs_corpus
def test_sentences_from_spans_in_the_real_texts() -> None:
    rng = random.Random(5)
    texts = [read_source(path).text for path in sorted(SEEDS.glob("*.txt"))]
    texts += [report["content"] for report in corpus()]
    compared = 0
    for text in texts:
        for paragraph in build_outline(Source(path="t.txt", text=text)).paragraphs():
            line = paragraph.text
            spans = [(at, at + rng.randint(1, 30)) for at in range(0, len(line), 37)]
            spans = [(start, min(end, len(line))) for start, end in spans]
            assert _read(line, spans) == _with_figures(line, _split(line, spans)), line
            compared += 1
    assert compared > 1000
