"""count-mismatch: 共N家，分别是A、B和C or N个方面：一是…, with a different number of items.

Two shapes are read, both tied tightly to the count so that a number elsewhere
in the sentence is never taken for it:

- a total marked by 共 followed by 分别是/分别为/包括 or a colon and a list of
  names up to the next ， or 。. Items are split at 、 (outside quotation marks and 书名号)
  and between adjacent 《…》《…》; 和/及/与 may or may not join two items
  (文化和旅游局 is one), so the list may hold from the 、-count to the 、-count
  plus the number of conjunctions, and only a count outside that range is
  reported. Lists closed by 等 are open and skipped.
- a count of kinds (方面, 问题, 任务, 项, 类, 种…) ending in ： or 。
  (包括五个方面：) immediately followed by an enumeration 一是…二是… (or
  第一，…第二，…), in the same paragraph or in the paragraphs that follow,
  each starting with the next item; or, when the count ends its section's
  text, by the sub-sections that follow (（一）…（五）). When fewer
  items are numbered than stated and the text after the last one goes on with
  还有/另/此外/其他, the list continues unnumbered and nothing is reported.

Counts inside quotation marks are names (“四个意识”, “两个维护”) and are never
read (see lawlint.numerals).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from lawlint import regex_memo
from lawlint.checks._numbers import (
    CLAUSE_BREAKS,
    CLAUSE_REACH,
    SENTENCE_ENDS,
    Sentence,
    clause_before,
    listed_paragraphs,
    matches,
    occurrences,
    places,
    sentences_in,
)
from lawlint.checks._numbers import finding as make_finding
from lawlint.diagnostics import Finding
from lawlint.numerals import CN_CHARACTERS, FIGURE_CHARACTER, Quantity
from lawlint.outline import Outline, Paragraph

# After the count: an optional noun (3项制度), then the word that opens the list.
_LIST_INTRO = regex_memo.compile(
    r"[^，,。；;：:、0-9０-９]{0,10}?(?:[，,]?(?:分别是|分别为|分别有|包括)[：:]?|[：:])"
)
# What _LIST_INTRO needs to open a named list (分别 for 分别是/为/有), or a
# sentence end: a sentence without an opener after its 共 has no named list to count.
_OPENER_OR_END = regex_memo.compile(f"分别|包括|[：:{SENTENCE_ENDS}]")
_LIST_END = regex_memo.compile(r"[，,。；;！？!?]")
_CONJUNCTIONS = regex_memo.compile(r"以及|和|及|与")
_ENUMERATION_INTRO = regex_memo.compile(r"[^，,。；;：:“”]{0,12}?[：:。]")
# The count introduces the list only when it counts kinds: 包括五个方面：一是…
# and 以下四项工作：一是… do; 召开会议4次：一是… may go on about the topics.
_KINDS = regex_memo.compile(r"方面|问题|任务|措施|举措|原因|特点|重点|环节|内容|工作|要求|目标")
_KIND_UNITS = ("项", "条", "类", "种")
_KIND_NEAR = regex_memo.compile(f"[{''.join(_KIND_UNITS)}]|{_KINDS.pattern}")
_ORDINALS = "一二三四五六七八九十"
# After the last numbered item, words that continue the list in another form
# (还有两类…一类是…另一类是…): fewer numbered items than stated is then no error.
# Whitespace, matched where it stands (no copy of a long paragraph to strip).
_SPACE = regex_memo.compile(r"\s*")
_GOES_ON_WORDS = ("还有", "另", "此外", "其他", "其余")
_NESTED = -1
# How many paragraphs one item of a paragraph-per-item list may run over.
_ITEM_PARAGRAPHS = 8
_MAX_COUNT = 10
# How the items of an enumeration are numbered: 一是, 第一，, 第一、, 第一是.
_ITEM_FORMS = ("{}是", "第{}，", "第{}、", "第{}是")
_FIRST_ITEMS = tuple(form.format("一") for form in _ITEM_FORMS)
# How far before that ： a count's last character may stand (_ENUMERATION_INTRO allows 12 between).
_INTRO_REACH = 13
_QUOTES = {"“": "”", "《": "》", "‘": "’", "「": "」", "（": "）", "(": ")"}
_QUOTE_OPENER = regex_memo.compile("[" + re.escape("".join(_QUOTES)) + "]")
# A 共 that may mark a total: a figure follows in its clause, at most
# CLAUSE_REACH characters on (as clause_before reads back), with no clause
# break between. Most 共 are in words (共同, 公共服务, 中国共产党) with none.
_NOT_FIGURE_OR_BREAK = "0-9０-９" + CN_CHARACTERS + re.escape("".join(sorted(CLAUSE_BREAKS)))
_TOTAL_MARK = regex_memo.compile(
    f"共(?=[^{_NOT_FIGURE_OR_BREAK}]{{0,{CLAUSE_REACH - 1}}}[0-9０-９{CN_CHARACTERS}])"
)
# A list of names is read up to this many characters (the longest sentence in
# the seeds, the corpus and the fixtures has 416).
_LIST_REACH = 600


def check(outline: Outline, options: None) -> Iterator[Finding]:
    cues = _cues(outline)
    paragraphs = listed_paragraphs(outline) if cues else ()
    for index in sorted(cues):
        for sentence in sentences_in(outline, paragraphs[index], cues[index]):
            for quantity in sentence.quantities:
                stated = _stated(quantity)  # most figures (100%, 2024年, 约300人) count nothing
                if stated is None:
                    continue
                args = _named_list(sentence, quantity, stated) or _enumeration(
                    outline, sentence, index, quantity, stated
                )
                if args:
                    yield make_finding(sentence, quantity, args)


# Where a paragraph stands: its body, its index there, and how many sub-sections
# follow the body (a list may continue below them, or be those sub-sections).
_Place = tuple[list[Paragraph], int, int]
_Body = tuple[list[Paragraph], int]


def _place(outline: Outline, index: int) -> _Place:
    """Where paragraph ``index`` of outline.paragraphs() stands.

    Looked up only for a count that introduces a list, not for every paragraph.
    """
    bodies, firsts = _bodies(outline)
    body = bisect_right(firsts, index) - 1
    return bodies[body][0], index - firsts[body], bodies[body][1]


def _bodies(outline: Outline) -> tuple[list[_Body], list[int]]:
    """Each body of paragraphs, in the order of outline.paragraphs(), with how many
    sub-sections follow it; and the index there of each body's first paragraph.

    An empty body shares its first index with the body after it, so the last
    body whose first index is at most a paragraph's is the one holding it.
    """
    return outline.derived(_bodies, _list_bodies)


def _list_bodies(outline: Outline) -> tuple[list[_Body], list[int]]:
    bodies = [(outline.preamble, len(outline.sections))]
    bodies += [(section.body, len(section.children)) for section in outline.walk()]
    firsts, at = [], 0
    for body, _children in bodies:
        firsts.append(at)
        at += len(body)
    return bodies, firsts


def _cues(outline: Outline) -> dict[int, list[tuple[int, int]]]:
    """Where in which paragraph (by its index in outline.paragraphs()) a checked count may stand.

    A named list's total is marked by 共, and its list opens with a colon or
    分别是/包括 (_LIST_INTRO). A count introducing 一是…二是… stands just
    before the ： or 。 that the first item follows, in the paragraph or as the
    next paragraph, or that ends a body with two or more sub-sections to
    follow, and it counts kinds; a count elsewhere introduces no list
    _enumeration can count.
    """
    paragraphs = listed_paragraphs(outline)
    spans = {
        index: [(at, at + 1) for at in hits]
        for index, hits in matches(outline, _TOTAL_MARK, _opening_lists)
    }
    colons: list[tuple[int, int]] = []
    opening: list[int] = []  # paragraphs that open with a first item
    for index, hits in places(outline, ("一是", "第一"), _first_items):
        text = paragraphs[index].text
        colons += [(index, colon) for at in hits if (colon := _colon_before(text, at)) >= 0]
        if text.startswith(_FIRST_ITEMS, _indent(text)):
            opening.append(index)
    if opening:
        firsts = set(_bodies(outline)[1])
        colons += [
            (index - 1, colon)
            for index in opening
            if index not in firsts and (colon := _closing_colon(paragraphs[index - 1].text)) >= 0
        ]
    colons = [
        (index, colon) for index, colon in colons if _may_introduce(paragraphs[index].text, colon)
    ]
    for parent, children in outline.sibling_groups():
        if len(children) < 2:
            continue
        body = outline.preamble if parent is None else parent.body
        last = body[-1].text if body else ""
        if (colon := _closing_colon(last)) >= 0 and _may_introduce(last, colon):
            # the paragraph's index is looked up only now: few pass
            colons.append((bisect_left(paragraphs, body[-1].start, key=_start), colon))
    for index, colon in colons:
        spans.setdefault(index, []).append((max(colon - _INTRO_REACH, 0), colon))
    return spans


def _may_introduce(text: str, colon: int) -> bool:
    """Whether a count of kinds may stand before ``colon`` (_figure_before).

    The _INTRO_REACH characters before the ： hold the count's measure word
    and the intro, so a count of kinds leaves 项/类/种 or a word like 方面 there.
    """
    kinds = _KIND_NEAR.search(text, max(colon - _INTRO_REACH, 0), colon + 1)
    return kinds is not None and _figure_before(text, colon)


def _colon_before(text: str, at: int) -> int:
    """Where the ： or 。 is that a first item (一是, 第一，) at ``at`` follows; -1 if none.

    Found from the item's place, which paragraphs_with gave: scanning a long
    paragraph for every ： and 。 to test what follows costs more.
    """
    if not text.startswith(_FIRST_ITEMS, at):
        return -1
    colon = at - 1
    while colon >= 0 and text[colon].isspace():
        colon -= 1
    return colon if colon >= 0 and text[colon] in "：:。" else -1


def _opening_lists(text: str, hits: list[int]) -> list[int]:
    """The 共 in ``hits`` whose sentence goes on to a word that opens a list.

    ``text`` is the paragraphs joined by line breaks, which end sentences. One
    search from a 共 finds the first opener or sentence end after it, and
    decides for every 共 before that (hits come in order): a search from every
    共 would read a long sentence once for each 共 in it.
    """
    kept: list[int] = []
    stop, opens = -1, False  # where the last search stopped, and whether at an opener
    for at in hits:
        if at > stop:
            found = _OPENER_OR_END.search(text, at)
            stop = found.start() if found is not None else len(text)
            opens = found is not None and found.group() not in SENTENCE_ENDS
        if opens:
            kept.append(at)
    return kept


def _first_items(text: str, hits: list[int]) -> list[int]:
    """The first items (一是, 第一，) in ``hits`` that follow a ： or 。 or open their paragraph.

    ``text`` is the paragraphs joined by line breaks; only the blanks within a
    paragraph are passed over. The others cannot introduce a list (_colon_before).
    """
    kept: list[int] = []
    for at in hits:
        if text.startswith(_FIRST_ITEMS, at):
            before = at - 1
            while before >= 0 and text[before].isspace() and text[before] != "\n":
                before -= 1
            if before < 0 or text[before] in "：:。\n":
                kept.append(at)
    return kept


def _figure_before(text: str, colon: int) -> bool:
    """Whether a count's figure may stand close enough before ``colon`` to introduce its list.

    The count's measure word ends at most _INTRO_REACH characters before the
    colon, and its number at most _TAIL_LENGTH before that: most sentences
    ending in a colon or 。 have no digit or numeral there and are not read.
    """
    return (
        FIGURE_CHARACTER.search(text, max(colon - _INTRO_REACH - _TAIL_LENGTH, 0), colon)
        is not None
    )


# The most characters between a number and the end of its quantity: a gap, 余,
# a gap, 万亿, 余, a gap, and a measure word of four (平方公里).
_TAIL_LENGTH = 1 + 1 + 1 + 2 + 1 + 1 + 4


def _closing_colon(text: str) -> int:
    """Where the ： or 。 that ends ``text`` is; -1 if it does not end with one."""
    last = len(text.rstrip()) - 1
    return last if last >= 0 and text[last] in "：:。" else -1


def _stated(quantity: Quantity) -> int | None:
    if quantity.approximate or quantity.is_percent or quantity.precision != 1:
        return None
    value = int(quantity.value)
    return value if 2 <= value <= _MAX_COUNT * 3 else None


def _named_list(sentence: Sentence, quantity: Quantity, stated: int) -> dict[str, object] | None:
    text = sentence.paragraph.text
    intro = _LIST_INTRO.match(text, quantity.end, sentence.end)
    if intro is None or "共" not in clause_before(text, quantity):
        return None
    end = _end_of_list(text, intro.end(), sentence.end)
    if end is None:
        return None
    listed = text[intro.end() : end]
    plain = _mask_quoted(listed)
    if not listed or "等" in plain or _holds_quantity(sentence, intro.end(), end):
        return None
    items = plain.count("、") + plain.count("》《") + 1
    joins = len(_CONJUNCTIONS.findall(plain))
    if items + joins < 2 or items <= stated <= items + joins:
        return None
    found = items + joins if stated > items + joins else items
    return {"stated": stated, "found": found, "unit": quantity.unit}


def _end_of_list(text: str, start: int, sentence_end: int) -> int | None:
    """Where a list of names from ``start`` ends: at the first ， or 。 outside quotation marks.

    None when it runs on past _LIST_REACH: masking the rest of the sentence for
    every 共 would be quadratic on a line of 共12件，包括“3件、….
    """
    limit = min(sentence_end, start + _LIST_REACH)
    first = _LIST_END.search(text, start, limit)
    if first is not None and _QUOTE_OPENER.search(text, start, first.start()) is None:
        return first.start()  # nothing quoted before it: the usual list
    found = _LIST_END.search(_mask_quoted(text[start:limit]))
    if found is not None:
        return start + found.start()
    return None if limit < sentence_end else sentence_end


def _holds_quantity(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a quantity of ``sentence`` starts in ``[start, end)``."""
    index = bisect_left(sentence.quantities, start, key=_start)
    return index < len(sentence.quantities) and sentence.quantities[index].start < end


def _start(item: Quantity | Paragraph) -> int:
    return item.start


def _mask_quoted(text: str) -> str:
    """``text`` with everything inside quotation marks and brackets replaced by ○."""
    out, closing = [], []
    for char in text:
        if closing and char == closing[-1]:
            closing.pop()
            out.append(char)
        elif char in _QUOTES:
            closing.append(_QUOTES[char])
            out.append(char)
        else:
            out.append("○" if closing else char)
    return "".join(out)


def _enumeration(
    outline: Outline, sentence: Sentence, paragraph: int, quantity: Quantity, stated: int
) -> dict[str, object] | None:
    """The figures for the message when ``quantity`` counts the items that follow it wrongly.

    ``paragraph`` is the sentence's paragraph's index in outline.paragraphs().
    """
    if stated > _MAX_COUNT:
        return None
    text = sentence.paragraph.text
    intro = _ENUMERATION_INTRO.match(text, quantity.end)
    if not _introduces(quantity, intro):
        return None
    body, index, children = _place(outline, paragraph)
    if children and index == len(body) - 1 and _SPACE.fullmatch(text, intro.end()):
        found, goes_on = children, False  # 抓好以下八个方面工作： then （一）…（八）
    else:
        found, goes_on = _count_items(body, index, intro.end(), bool(children))
    if found >= 2 and (found > stated or (found < stated and not goes_on)):
        return {"stated": stated, "found": found, "unit": quantity.unit}
    return None


def _introduces(quantity: Quantity, intro: re.Match[str] | None) -> bool:
    if intro is None:
        return False
    return quantity.unit in _KIND_UNITS or bool(_KINDS.search(intro.group(0)))


def _count_items(body: list[Paragraph], index: int, at: int, open_end: bool) -> tuple[int, bool]:
    """How many items 一是…二是… (or 第一…第二…) follow immediately from ``at``."""
    text = body[index].text
    at = _SPACE.match(text, at).end()
    inline = at < len(text)
    if not inline and index + 1 < len(body):
        index, at = index + 1, _indent(body[index + 1].text)
    for form in _ITEM_FORMS:
        if body[index].text.startswith(form.format("一"), at):
            return _follow(body, index, at, form, open_end and not inline, inline)
    return 0, False


def _follow(
    body: list[Paragraph], index: int, at: int, form: str, open_end: bool, inline: bool
) -> tuple[int, bool]:
    """Count the items from the first one at ``at``; and whether more may follow unnumbered.

    Items run on in the paragraph of the count (：一是…，二是…), where only the
    next paragraph may carry on the list, or each start a paragraph, where an
    item may run over a few paragraphs (up to ``_ITEM_PARAGRAPHS``) and an
    enumeration inside an item (第一，…第二，… within 第二) is not counted. A
    paragraph opening with a new 一是 before the next item, or paragraph items
    running into sub-sections (``open_end``), make the list's extent unknown:
    nothing is counted.
    """
    count = 1
    restart = form.format("一")
    while count < len(_ORDINALS):
        marker = form.format(_ORDINALS[count])
        found = _inline_item(body[index].text, at, marker, restart) if inline else None
        if found is not None:
            at = found
        else:
            reach = 1 if inline else _ITEM_PARAGRAPHS
            later = _paragraph_item(body[index + 1 : index + 1 + reach], marker, restart)
            if later is None:
                if open_end and index + 1 + reach >= len(body):
                    return 0, False
                break
            if later == _NESTED:
                return 0, False
            index += 1 + later
            at, inline = _indent(body[index].text), False
        count += 1
    return count, _last_goes_on(body[index].text) >= at


def _inline_item(text: str, at: int, marker: str, restart: str) -> int | None:
    next_at, restart_at = _next(text, marker, at + 1), _next(text, restart, at + 1)
    return next_at if next_at != -1 and (restart_at == -1 or next_at < restart_at) else None


def _next(text: str, word: str, at: int) -> int:
    """Where ``word`` next occurs in ``text`` from ``at``; -1 if nowhere.

    Looked up among its places found once per paragraph: a str.find from each
    count would read a line of 五个方面：一是… to its end once per count.
    """
    places = _places(text, word)
    index = bisect_left(places, at)
    return places[index] if index < len(places) else -1


@lru_cache(maxsize=64)
def _places(text: str, word: str) -> list[int]:
    return list(occurrences(text, (word,)))


@lru_cache(maxsize=4)
def _last_goes_on(text: str) -> int:
    """Where the last word continuing a list (_GOES_ON) starts in ``text``; -1 if none."""
    return max(text.rfind(word) for word in _GOES_ON_WORDS)


def _paragraph_item(following: list[Paragraph], marker: str, restart: str) -> int | None:
    """Which of the ``following`` paragraphs opens with ``marker`` (_NESTED: a new list)."""
    for offset, paragraph in enumerate(following):
        text = paragraph.text
        if text.startswith(marker, _indent(text)):
            return offset
        if text.startswith(restart, _indent(text)):
            return _NESTED
    return None


def _indent(text: str) -> int:
    return _SPACE.match(text).end()
