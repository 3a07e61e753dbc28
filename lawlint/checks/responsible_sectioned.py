"""The 第一责任人 part is only a sentence inside another part, with no heading of its own.

The regulation asks for the content, not a heading; but a sentence such as
持续贯彻落实党政主要负责人履行推进法治建设第一责任人的职责 in the middle of the
measures reports nothing a reviewer can check. A heading makes the part findable.
"""

from __future__ import annotations

from collections.abc import Iterator

from lawlint.diagnostics import Finding
from lawlint.fazhi_items import ItemOptions, Mention, classify
from lawlint.outline import Outline

Options = ItemOptions
_SENTENCE_ENDS = "。；！？;!?"
_SHOWN = 40


def check(outline: Outline, options: ItemOptions) -> Iterator[Finding]:
    found = classify(outline, options.specs).found["responsible"]
    if found.sections or found.mention is None:
        return
    start, end = _sentence(found.mention)
    sentence = outline.source.text[start:end]
    shown = sentence if len(sentence) <= _SHOWN else sentence[: _SHOWN - 1] + "…"
    yield Finding(start, end, {"item": options.specs["responsible"].label, "mention": shown})


def _sentence(mention: Mention) -> tuple[int, int]:
    """Source span of the sentence around a mention, so the message quotes it whole."""
    paragraph, index = mention.paragraph, mention.index
    begin = max(paragraph.text.rfind(char, 0, index) for char in _SENTENCE_ENDS) + 1
    ends = [paragraph.text.find(char, index) for char in _SENTENCE_ENDS]
    finish = min((e for e in ends if e >= 0), default=len(paragraph.text))
    return paragraph.offset(begin), paragraph.offset(finish)
