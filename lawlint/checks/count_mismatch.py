"""count-mismatch: 共N家，分别是A、B和C or N个方面：一是…, with a different number of items.

Two shapes are read, both tied tightly to the count so that a number elsewhere
in the sentence is never taken for it:

- a total marked by 共 followed by 分别是/分别为/包括 or a colon and a list of names up to
  the next ， or 。. Items are split at 、 (outside quotation marks and 书名号)
  and between adjacent 《…》《…》; 和/及/与 may or may not join two items
  (文化和旅游局 is one), so the list may hold from the 、-count to the 、-count
  plus the number of conjunctions, and only a count outside that range is
  reported. Lists closed by 等 are open and skipped.
- a count ending in ： or 。 (包括五个方面：) immediately followed by an
  enumeration 一是…二是… (or 第一，…第二，…), in the same paragraph or in
  the paragraphs that follow, each starting with the next item. When fewer
  items are numbered than stated and the text after the last one goes on with
  还有/另/此外/其他, the list continues unnumbered and nothing is reported.

Counts inside quotation marks are names (“四个意识”, “两个维护”) and are never
read (see lawlint.numerals).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawlint.checks._numbers import Sentence, clause_before, paragraph_sentences, sentences
from lawlint.checks._numbers import finding as make_finding
from lawlint.diagnostics import Finding
from lawlint.numerals import Quantity
from lawlint.outline import Outline, Paragraph

# After the count: an optional noun (3项制度), then the word that opens the list.
_LIST_INTRO = re.compile(
    r"[^，,。；;：:、0-9０-９]{0,10}?(?:[，,]?(?:分别是|分别为|分别有|包括)[：:]?|[：:])"
)
_ENUMERATED = re.compile(r"\s*(?:[一二三四五六七八九十]是|第[一二三四五六七八九十])")
_LIST_END = re.compile(r"[，,。；;！？!?（(]")
_CONJUNCTIONS = re.compile(r"以及|和|及|与")
_ENUMERATION_INTRO = re.compile(r"[^，,。；;：:“”]{0,12}?[：:。]")
_ORDINALS = "一二三四五六七八九十"
# After the last numbered item, words that continue the list in another form
# (还有两类…一类是…另一类是…): fewer numbered items than stated is then no error.
_GOES_ON = re.compile(r"还有|另|此外|其他|其余")
_NESTED = -1
_MAX_COUNT = 10
_QUOTES = {"“": "”", "《": "》", "‘": "’", "「": "」", "（": "）", "(": ")"}


def check(outline: Outline, options: None) -> Iterator[Finding]:
    for sentence in sentences(outline):
        for quantity in sentence.quantities:
            args = _named_list(sentence, quantity)
            if args is not None:
                yield make_finding(sentence, quantity, args)
    # A body followed by sub-sections may continue its list below them.
    yield from _enumerations(outline.preamble, open_end=bool(outline.sections))
    for section in outline.walk():
        yield from _enumerations(section.body, open_end=bool(section.children))


def _stated(quantity: Quantity) -> int | None:
    if quantity.approximate or quantity.is_percent or quantity.precision != 1:
        return None
    value = int(quantity.value)
    return value if 2 <= value <= _MAX_COUNT * 3 else None


def _named_list(sentence: Sentence, quantity: Quantity) -> dict[str, object] | None:
    stated = _stated(quantity)
    text = sentence.paragraph.text
    intro = _LIST_INTRO.match(text, quantity.end, sentence.end)
    if stated is None or intro is None or "共" not in clause_before(text, quantity):
        return None
    listed = text[intro.end() : _end_of_list(text, intro.end(), sentence.end)]
    if (
        not listed
        or listed.rstrip().endswith(("等", "等等"))
        or any(
            q.start >= intro.end() and q.start < intro.end() + len(listed)
            for q in sentence.quantities
        )
    ):
        return None
    plain = _mask_quoted(listed)
    items = plain.count("、") + plain.count("》《") + 1
    joins = len(_CONJUNCTIONS.findall(plain))
    if items + joins < 2 or items <= stated <= items + joins:
        return None
    found = items + joins if stated > items + joins else items
    return {"stated": stated, "found": found, "unit": quantity.unit}


def _end_of_list(text: str, start: int, sentence_end: int) -> int:
    depth_free = _mask_quoted(text[start:sentence_end])
    found = _LIST_END.search(depth_free)
    return start + (found.start() if found else len(depth_free))


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


def _enumerations(body: list[Paragraph], *, open_end: bool) -> Iterator[Finding]:
    for index, paragraph in enumerate(body):
        for sentence in paragraph_sentences(paragraph):
            for quantity in sentence.quantities:
                stated = _stated(quantity)
                intro = _ENUMERATION_INTRO.match(paragraph.text, quantity.end)
                if stated is None or stated > _MAX_COUNT or intro is None:
                    continue
                found, goes_on = _count_items(body, index, intro.end(), open_end)
                if found >= 2 and (found > stated or (found < stated and not goes_on)):
                    args = {"stated": stated, "found": found, "unit": quantity.unit}
                    yield make_finding(sentence, quantity, args)


def _count_items(body: list[Paragraph], index: int, at: int, open_end: bool) -> tuple[int, bool]:
    """How many items 一是…二是… (or 第一…第二…) follow immediately from ``at``."""
    text = body[index].text
    at += len(text[at:]) - len(text[at:].lstrip())
    if at == len(text) and index + 1 < len(body):
        index, at = index + 1, 0
    for form in ("{}是", "第{}，", "第{}、", "第{}是"):
        if body[index].text.startswith(form.format("一"), at):
            return _follow(body, index, at, form, open_end)
    return 0, False


def _follow(
    body: list[Paragraph], index: int, at: int, form: str, open_end: bool
) -> tuple[int, bool]:
    """Count the items from the first one at ``at``; and whether more may follow unnumbered.

    Items run on in one paragraph (一是…，二是…) or each start a paragraph of the
    same section, possibly running over several. Once the items are seen to start
    paragraphs, an enumeration inside an item (第一，…第二，… within 第二) is not
    counted; a paragraph opening with a new 一是 before the next item, or
    paragraph items running into sub-sections, make the list's extent unknown,
    and nothing is counted.
    """
    count, inline = 1, True
    restart = form.format("一")
    while count < len(_ORDINALS):
        marker = form.format(_ORDINALS[count])
        found = _inline_item(body[index].text, at, marker, restart) if inline else None
        if found is not None:
            at = found
        else:
            later = _paragraph_item(body, index, marker, restart)
            if later is None and not (open_end and not inline):
                break
            if later is None or later == _NESTED:
                return 0, False
            index, at, inline = later, _indent(body[later].text), False
        count += 1
    return count, bool(_GOES_ON.search(body[index].text, at))


def _inline_item(text: str, at: int, marker: str, restart: str) -> int | None:
    next_at, restart_at = text.find(marker, at + 1), text.find(restart, at + 1)
    return next_at if next_at != -1 and (restart_at == -1 or next_at < restart_at) else None


def _paragraph_item(body: list[Paragraph], index: int, marker: str, restart: str) -> int | None:
    for later in range(index + 1, len(body)):
        text = body[later].text
        if text.startswith(marker, _indent(text)):
            return later
        if text.startswith(restart, _indent(text)):
            return _NESTED
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())
