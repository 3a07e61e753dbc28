"""What the numeric kinds share: the paragraphs they read, sentences, stated rates.

A figure is only compared with figures in the same sentence: reports pack
unrelated counts into one paragraph, and pairing across a 。 or ； is the
surest way to a false alarm.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from lawlint.diagnostics import Finding
from lawlint.numerals import Quantity, quantities
from lawlint.outline import Outline, Paragraph

_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
# What may stand between a rate's name and its figure: 办结率达100%, 合格率均为98%,
# 满意度提高到96.5%. Anything else (提高了5%, 比上年提高2%) states a change, not a rate.
_RATE_LINK = re.compile(
    r"(?:均|都|分别|总体|平均|已|始终|全部)?"
    r"(?:达到了|达到|达|为|是|提高到|提高至|提升到|提升至|上升到|上升至|保持在|稳定在|实现|在)?"
    r"(?:了)?"
)
_RATE_WORD = re.compile(r"率|满意度")
# Words that join two rate names sharing one figure: 参与率和合格率均达100%.
_NAME_JOIN = "和、及与"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that run into a rate's name from the clause before it: 做到了信访事项化解率.
_LEAD_IN = re.compile(r".*[的了到使将把让得是]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph and the quantities in it (offsets into the paragraph)."""

    paragraph: Paragraph
    start: int
    end: int
    quantities: tuple[Quantity, ...]


@dataclass(frozen=True, slots=True)
class Rate:
    """A stated rate: its name (办结率, 满意度) and its figure."""

    name: str
    name_start: int
    figure: Quantity


def sentences(outline: Outline) -> tuple[Sentence, ...]:
    """Every sentence of the running text that holds a quantity, with its quantities.

    The four numeric rules ask in turn; the outline keeps the answer, so its
    numbers are read once, not four times.
    """
    return outline.derived(sentences, _read_sentences)


def _read_sentences(outline: Outline) -> tuple[Sentence, ...]:
    return tuple(s for paragraph in outline.paragraphs() for s in _paragraph_sentences(paragraph))


def _paragraph_sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    """The sentences of one paragraph that hold a quantity, with their quantities."""
    found = quantities(paragraph.text)
    if not found:
        return
    ends = [m.end() for m in _SENTENCE_END.finditer(paragraph.text)]
    ends.append(len(paragraph.text))
    for index, group in groupby(found, key=lambda q: bisect_right(ends, q.start)):
        start = ends[index - 1] if index else 0
        yield Sentence(paragraph, start, ends[index], tuple(group))


def finding(sentence: Sentence, quantity: Quantity, args: dict[str, object]) -> Finding:
    """A finding on ``quantity``, mapped back to the source."""
    paragraph = sentence.paragraph
    return Finding(paragraph.offset(quantity.start), paragraph.offset(quantity.end - 1) + 1, args)


def rates(sentence: Sentence) -> Iterator[Rate]:
    """The rates stated in a sentence; 参与率和合格率均达100% gives two."""
    text = sentence.paragraph.text
    for figure in sentence.quantities:
        if figure.is_percent:
            yield from _names_before(text, sentence.start, figure)


def _names_before(text: str, floor: int, figure: Quantity) -> Iterator[Rate]:
    before = text[floor : figure.start]
    words = list(_RATE_WORD.finditer(before))
    if not words or not _RATE_LINK.fullmatch(before[words[-1].end() :]):
        return
    found: list[Rate] = []
    for word in reversed(words):
        if found and word.end() != found[-1].name_start - floor - 1:
            break
        start = word.start()
        while start > 0 and _CJK.match(before[start - 1]) and before[start - 1] not in "率度":
            start -= 1
        joined = before[start] in _NAME_JOIN and start > 0 and before[start - 1] in "率度"
        start += joined
        start += _lead_in_length(before[start : word.start()])
        found.append(Rate(before[start : word.end()], floor + start, figure))
        if not joined:
            break
    yield from reversed(found)


def _lead_in_length(words: str) -> int:
    lead_in = _LEAD_IN.match(words)
    return lead_in.end() if lead_in else 0


_CLAUSE_BREAK = "，,、：:（(）)"


def clause_before(text: str, quantity: Quantity) -> str:
    """The words of a quantity's clause before it: 办结 in “，办结29件”."""
    start = quantity.start
    while (
        start > 0
        and text[start - 1] not in _CLAUSE_BREAK
        and not _SENTENCE_END.match(text[start - 1])
    ):
        start -= 1
    return text[start : quantity.start]
