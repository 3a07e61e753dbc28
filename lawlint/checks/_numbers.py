"""What the numeric kinds share: the paragraphs they read, sentences, stated rates.

A figure is only compared with figures in the same sentence: reports pack
unrelated counts into one paragraph, and pairing across a 。 or ； is the
surest way to a false alarm.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from lawlint import regex_memo
from lawlint.checks._text import Joined
from lawlint.diagnostics import Finding
from lawlint.numerals import CN_CHARACTERS, Quantity, quantities
from lawlint.outline import Outline, Paragraph
from lawlint.record import Record

SENTENCE_ENDS = "。；;！？!?\n"
_SENTENCE_END = regex_memo.compile(f"[{SENTENCE_ENDS}]")
# From where a sentence may start to the end of the last sentence before a place.
_UP_TO_LAST_END = regex_memo.compile(f"(?s:.*[{SENTENCE_ENDS}])")
# What may stand between a rate's name and its figure: 办结率达100%, 合格率均为98%,
# 满意度提高到96.5%. Anything else (提高了5%, 比上年提高2%) states a change, not a rate.
_RATE_LINK = regex_memo.compile(
    r"(?:均|都|分别|总体|平均|已|始终|全部)?"
    r"(?:达到了|达到|达|为|是|提高到|提高至|提升到|提升至|上升到|上升至|保持在|稳定在|实现|在)?"
    r"(?:了)?"
)
_RATE_WORD = regex_memo.compile(r"率|满意度")
# A rate word, its link and the first character of a figure (figure_after_rate_word).
_NAMED_FIGURE = regex_memo.compile(
    f"(?:率|满意度)(?:{_RATE_LINK.pattern})[0-9０-９{CN_CHARACTERS}]"
)
# A rate's name ends in one of these, and its figure, a percentage, is written
# with one of the others, both in the rate's sentence.
RATE_CUES = ("率", "满意度")
PERCENT = ("%", "％", "百分之")
# Words that join two rate names sharing one figure: 参与率和合格率均达100%.
_NAME_JOIN = "和、及与"
# Words that run into a rate's name from the clause before it: 做到了信访事项化解率.
_LEAD_IN = regex_memo.compile(r".*[的了到使将把让得是]")


class Sentence:
    """A sentence of a paragraph and the quantities in it (offsets into the paragraph).

    A plain class, not a NamedTuple: defining one costs ~0.2 ms at every start.
    """

    __slots__ = ("end", "paragraph", "quantities", "start")

    def __init__(
        self, paragraph: Paragraph, start: int, end: int, quantities: tuple[Quantity, ...]
    ) -> None:
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.quantities = quantities


class Rate(Record):
    """A stated rate: its name (办结率, 满意度) and its figure (a tuple: tests compare rates)."""

    __slots__ = ()
    name: str
    name_start: int
    figure: Quantity

    def __new__(cls, name: str, name_start: int, figure: Quantity) -> Rate:
        return tuple.__new__(cls, (name, name_start, figure))


def rate_sentences(outline: Outline) -> tuple[Sentence, ...]:
    """The sentences of the running text that may state a rate (see ``rates``).

    A rate is stated by a rate word (率, 满意度) and a percentage a few
    characters after it, in one sentence: only the sentences where such a word
    has a digit or numeral that close after it are read, and only if they hold
    a percentage. In document order; kept per outline for the other rate rule.
    """
    return outline.derived(rate_sentences, _rate_sentences)


def _rate_sentences(outline: Outline) -> tuple[Sentence, ...]:
    reader = _reader(outline)
    found: list[Sentence] = []
    for paragraph, hits in reader.paragraphs_with(RATE_CUES, _named_figures):
        if any(word in paragraph.text for word in PERCENT):
            found += reader.sentences_in(paragraph, [(at, at + 1) for at in hits], PERCENT)
    return tuple(found)


def _named_figures(text: str, hits: list[int]) -> list[int]:
    """The rate words in ``hits`` that may name the figure after them (figure_after_rate_word).

    Tested in the joined text: the link to a figure holds no line break, so a
    figure found past one fails the link, as it would not be found at all
    within the paragraph.
    """
    return [at for at in hits if figure_after_rate_word(text, at)]


def figure_after_rate_word(text: str, at: int) -> bool:
    """Whether the rate word at ``at`` may name the figure after it, as ``_names_before`` reads.

    A figure starts with a digit or a numeral (百 of 百分之), and only a link
    (均达到了, no digit or numeral in it) may stand between the name and its
    figure: so the link runs to the first digit or numeral after the word.
    Most 率 (率先, 效率提高) have none after them that close. One match: the
    link holds no digit or numeral, so the figure it reaches is the first.
    """
    return _NAMED_FIGURE.match(text, at) is not None


# Which hits to keep: given the paragraphs' texts joined by line breaks and
# places there (in order), those of them that a rule reads on. Most hits are
# dropped at once, and only the rest are looked up by paragraph.
Select = Callable[[str, list[int]], list[int]]


def paragraphs_with(
    outline: Outline, words: tuple[str, ...], select: Select | None = None
) -> list[tuple[Paragraph, list[int]]]:
    """The paragraphs where one of ``words`` occurs, in order, with where each occurrence starts.

    Only the occurrences ``select`` keeps, if given.
    """
    return _reader(outline).paragraphs_with(words, select)


def places(
    outline: Outline, words: tuple[str, ...], select: Select | None = None
) -> list[tuple[int, list[int]]]:
    """As ``paragraphs_with``, with the paragraphs' indexes in ``listed_paragraphs``."""
    return _reader(outline).places(words, select)


def matches(
    outline: Outline, pattern: re.Pattern[str], select: Select | None = None
) -> list[tuple[int, list[int]]]:
    """As ``places``, for where ``pattern`` (which matches no line break) matches."""
    return _reader(outline).matches(pattern, select)


def listed_paragraphs(outline: Outline) -> tuple[Paragraph, ...]:
    """The paragraphs the number rules read: outline.paragraphs(), listed."""
    return _reader(outline).paragraphs


def sentences_in(
    outline: Outline, paragraph: Paragraph, spans: Iterable[tuple[int, int]]
) -> list[Sentence]:
    """The sentences of ``paragraph`` overlapping one of ``spans`` that hold a quantity."""
    return _reader(outline).sentences_in(paragraph, spans)


def _reader(outline: Outline) -> _Reader:
    return outline.derived(_Reader, _Reader)


class _Reader:
    """The sentences of one outline, each read the first time a rule asks for it.

    The four rules ask in turn; a sentence is read once, not four times. Cue
    words are looked up in the paragraphs joined by line breaks (no cue holds
    one), so a lookup costs a few scans, not one per paragraph.
    """

    def __init__(self, outline: Outline) -> None:
        self.paragraphs = tuple(outline.paragraphs())
        self._text = Joined(self.paragraphs)
        self._read: dict[tuple[int, int], Sentence | None] = {}

    def paragraphs_with(
        self, words: tuple[str, ...], select: Select | None
    ) -> list[tuple[Paragraph, list[int]]]:
        paragraphs = self._text.paragraphs
        return [(paragraphs[index], offsets) for index, offsets in self.places(words, select)]

    def places(self, words: tuple[str, ...], select: Select | None) -> list[tuple[int, list[int]]]:
        hits = []
        for word in words:
            hits += _find_all(self._text.text, word)
        if len(words) > 1:
            hits.sort()
        return self._grouped(hits, select)

    def matches(
        self, pattern: re.Pattern[str], select: Select | None
    ) -> list[tuple[int, list[int]]]:
        hits = [match.start() for match in pattern.finditer(self._text.text)]
        return self._grouped(hits, select)

    def _grouped(self, hits: list[int], select: Select | None) -> list[tuple[int, list[int]]]:
        """``hits`` (places in the joined text, in order) that ``select`` keeps, by paragraph index.

        Hits come in order, so a paragraph is looked up once for all its hits,
        not once per hit.
        """
        if hits and select is not None:
            hits = select(self._text.text, hits)
        starts = self._text.starts if hits else []
        found: list[tuple[int, list[int]]] = []
        start = following = 0  # where the current paragraph and the next one start
        for at in hits:
            if at >= following or not found:
                index = bisect_right(starts, at) - 1
                start = starts[index]
                following = starts[index + 1] if index + 1 < len(starts) else len(self._text.text)
                found.append((index, []))
            found[-1][1].append(at - start)
        return found

    def sentences_in(
        self, paragraph: Paragraph, spans: Iterable[tuple[int, int]], also: tuple[str, ...] = ()
    ) -> list[Sentence]:
        """See ``sentences_in``; a sentence without one of ``also`` in it is skipped.

        Each sentence is delimited from its span outwards, not by splitting the
        whole paragraph at every 。: most paragraphs have a span or two. Spans
        are taken in order and no sentence is looked for before the end of the
        last one found, so a 1 MB sentence full of spans is searched once, not
        once per span.
        """
        text = paragraph.text
        found = []
        covered = 0  # where the last sentence found ends: a sentence starts there
        for start, end in sorted(spans):
            at = max(start, covered)
            while at < end:
                begin = _sentence_start(text, covered, at)
                covered = at = _sentence_end(text, at)
                if also and all(text.find(word, begin, covered) == -1 for word in also):
                    continue
                if (sentence := self._read_sentence(paragraph, begin, covered)) is not None:
                    found.append(sentence)
        return found

    def _read_sentence(self, paragraph: Paragraph, start: int, end: int) -> Sentence | None:
        """The sentence's quantities, read once for all the rules (None if it has none)."""
        key = (id(paragraph), start)
        if key not in self._read:
            read = quantities(paragraph.text, start, end)
            self._read[key] = Sentence(paragraph, start, end, read) if read else None
        return self._read[key]


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding ``text[at]`` ends: after its 。 or ；, or at the end."""
    found = _SENTENCE_END.search(text, at)
    return found.end() if found is not None else len(text)


def _sentence_start(text: str, floor: int, at: int) -> int:
    """Where the sentence holding ``text[at]`` starts, given that one starts at ``floor``."""
    found = _UP_TO_LAST_END.match(text, floor, at)
    return found.end() if found is not None else floor


def occurrences(text: str, words: tuple[str, ...]) -> Iterator[int]:
    """Where each of ``words`` starts in ``text``.

    A character is found fastest by str.find, unless it is frequent: each find
    is a Python step. A Chinese word is not: its characters defeat str.find's
    skip table (other Chinese characters share their low bits). So a word is
    found by the places of its rarest character (_KEY_CHARACTER), and a word
    without one, whose characters are all frequent (一是), by the regex
    engine's scan for a literal, steady at about a third of a str.find of it.
    """
    for word in words:
        yield from _find_all(text, word)


def _find_all(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text`` (see ``occurrences``), as a list."""
    if len(word) == 1:
        return _find_character(text, word)
    key = _KEY_CHARACTER.get(word)
    if key is None:
        return [match.start() for match in _literal(word).finditer(text)]
    places = _find_character(text, word[key])
    return [at - key for at in places if at >= key and text.startswith(word, at - key)]


def _find_character(text: str, char: str) -> list[int]:
    found = []
    at = text.find(char)
    while at != -1:
        found.append(at)
        at = text.find(char, at + 1)
    return found


# Which character of a cue word to look for, by index: the rarest in reports.
# Per 8 KB report, finding 别 takes 1.0 µs (3 places), 括 0.8 µs, 第 1.1 µs,
# 满 0.7 µs; the literal scan of any of these words 3.6 µs; 是 of 一是 (17
# places) 3.8 µs. 其 of 其中 shares its low byte with 的 (U+5176, U+7684),
# which str.find's byte search stops at: over the 4,200-character reports of
# benchmarks/make_corpus.py, finding 其中 by 其 takes 3.5 µs, its literal scan 2.9 µs.
_KEY_CHARACTER = {"分别": 1, "包括": 1, "第一": 0, "满意度": 0}


@cache
def _literal(word: str) -> re.Pattern[str]:
    return regex_memo.compile(re.escape(word))


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


def _is_han_not_rate(char: str) -> bool:
    """A Han character (basic block) that does not end another rate's name (率, 度)."""
    return "\u4e00" <= char <= "\u9fff" and char not in "率度"


def _names_before(text: str, floor: int, figure: Quantity) -> Iterator[Rate]:
    """The rate names that ``figure`` states, the nearest last: 参与率和合格率均达100%.

    Only the few characters a link (均达到了) can fill are searched for the
    last name, and each joined name is looked for where the one after it
    starts: a search of the whole sentence before every figure is quadratic on
    a line of 办结率100%，办结率100%，….
    """
    window = max(floor, figure.start - _LINK_REACH)
    words = list(_RATE_WORD.finditer(text, window, figure.start))
    if not words or not _RATE_LINK.fullmatch(text, words[-1].end(), figure.start):
        return
    found: list[Rate] = []
    end = words[-1].end()
    while end:
        start = _name_start(text, floor, end)
        joined = text[start] in _NAME_JOIN and start > floor and text[start - 1] in "率度"
        start += joined
        start += _lead_in_length(text[start : end - _word_length(text, end)])
        found.append(Rate(text[start:end], start, figure))
        end = _word_end_at(text, floor, start - 1) if joined else 0
    yield from reversed(found)


# The longest text _RATE_LINK matches (始终 提高到 了); with the longest rate word
# (满意度), how far before its figure a linked rate word may start.
_LINK_LENGTH = 6
_LINK_REACH = _LINK_LENGTH + 3


def _word_length(text: str, end: int) -> int:
    """The length of the rate word (率, 满意度) ending at ``end``."""
    return 1 if text[end - 1] == "率" else 3


def _word_end_at(text: str, floor: int, end: int) -> int:
    """``end`` when a rate word ends there (not before ``floor``), else 0."""
    if end > floor and text[end - 1] == "率":
        return end
    return end if end - 3 >= floor and text.startswith("满意度", end - 3) else 0


def _name_start(text: str, floor: int, end: int) -> int:
    """Where the Han run before the rate word ending at ``end`` starts (not before ``floor``)."""
    start = end - _word_length(text, end)
    while start > floor and _is_han_not_rate(text[start - 1]):
        start -= 1
    return start


def _lead_in_length(words: str) -> int:
    lead_in = _LEAD_IN.match(words)
    return lead_in.end() if lead_in else 0


# What ends a clause: a comma, an enumeration comma, a colon, a bracket, a sentence end.
CLAUSE_BREAKS = frozenset("，,、：:（(）)" + SENTENCE_ENDS)


def clause_before(text: str, quantity: Quantity) -> str:
    """The words of a quantity's clause before it: 办结 in “，办结29件”.

    Read back at most CLAUSE_REACH characters: every caller searches the
    clause, and a line of figures with no comma (其中5件其中5件…) would
    otherwise be read back to its start for each figure, quadratic.
    """
    floor = max(quantity.start - CLAUSE_REACH, 0)
    last_break = _UP_TO_LAST_BREAK.match(text, floor, quantity.start)
    return text[last_break.end() if last_break else floor : quantity.start]


# The longest clause before a figure in the seeds, the corpus and the fixtures
# has 44 characters; no real clause comes near this.
CLAUSE_REACH = 120
_UP_TO_LAST_BREAK = regex_memo.compile("(?s:.*[" + re.escape("".join(sorted(CLAUSE_BREAKS))) + "])")
