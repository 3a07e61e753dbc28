"""Where each item of a 法治政府建设年度报告 is: the one classification every fazhi rule reads.

《法治政府建设与责任落实督察工作规定》 lists what the annual report covers (measures,
shortcomings and causes, the 第一责任人, next year's plans, other matters) but not
the headings or their order, so reports word and order them freely. An item is
found by a heading at any level (the shallowest wins) or, failing that, by a
mention in the text. The wordings come from the rules' YAML options so that
users can extend them; a wording is literal text in which "…" stands for a short
gap inside one clause, which keeps the lists readable for the people who edit
them and lets messages quote them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, partial

from lawlint import regex_memo
from lawlint.outline import Outline, Paragraph, Section

# The regulation's order; missing items are expected where this order puts them.
ORDER = ("measures", "shortcomings", "responsible", "plans", "other")
# Matching order: the specific items first, because a 第一责任人 heading often also
# says 加强法治政府建设有关情况 and 下一步工作措施 also says 措施.
_PRIORITY = ("responsible", "shortcomings", "plans", "other", "measures")
# Sub-headings of these items are their points, not other items.
_CLOSED = frozenset({"shortcomings", "responsible", "plans", "other"})
# The gap "…" stands for: up to twelve characters inside one clause.
_GAP = "[^，。；：！？,.;:!?\r\n]{0,12}"
_BLANKS = regex_memo.compile(r"[ \t\u3000\u00a0]+")
# How many heading titles' items are remembered (a bound on memory, not a tuning knob).
_TITLES_KEPT = 10_000
# Prose before the first heading long enough to be a report's account of its work.
_PROSE_MEASURES_CHARS = 100
# A top-level heading that names the year after the report year and one of these
# words is the plans part (2026年工作重点, 2026年主要任务, 2026年…工作举措), unless it
# names results, as a wrongly dated measures heading does (2026年主要举措和成效).
_PLANS_WORDS = regex_memo.compile(
    "工作|重点|要点|任务|安排|打算|计划|举措|措施|思路|设想|展望|目标|部署"
)
_RESULTS_WORDS = regex_memo.compile("成效|成果|情况|回顾|总结|完成|进展|开展|取得")
# Items whose heading wording outranks a year: a 2026 heading that says 存在的问题 is not the plans.
_NAMED_FIRST = frozenset({"responsible", "shortcomings", "plans", "other"})


def compile_wordings(wordings: object, what: str) -> Wordings | None:
    """One pattern for a list of wordings ("主要举措…成效"), None for an empty list.

    A single alternation finds the leftmost of all wordings in one pass.
    Raises ValueError naming ``what``.
    """
    checked = _checked_wordings(wordings, what)
    return Wordings(checked) if checked else None


def _checked_wordings(wordings: object, what: str) -> tuple[str, ...]:
    if not isinstance(wordings, list) or not all(
        isinstance(w, str) and w.strip("…") for w in wordings
    ):
        raise ValueError(f"{what} must be a list of non-empty wordings")
    return tuple(wordings)


class Wordings:
    """A list of wordings, compiled into one regex on its first search.

    Compiling is most of the start-up cost of the fazhi rules, and many lists
    are never searched in a run: the mentions of an item that has its own
    heading, or every list when no document is a fazhi report. The wordings
    are merged on their common beginnings (存在…问题 and 存在…不足 share 存在…),
    which finds the same places and compiles faster: each gap is a long
    subpattern, written once instead of once per wording.
    """

    __slots__ = ("match", "search", "wordings")
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]

    def __init__(self, wordings: tuple[str, ...]) -> None:
        self.wordings = wordings

    def __getattr__(self, name: str) -> object:
        """Called only while the methods are unset: compile, then they are the pattern's own."""
        if name not in ("match", "search"):
            raise AttributeError(name)
        pattern = _compiled(self.wordings)
        self.search, self.match = pattern.search, pattern.match
        return getattr(self, name)


class WordingLists:
    """Named lists of wordings (a duty and the wordings that show it), searched together.

    Which lists occur in a text is found with the union of all their wordings,
    which matches wherever some wording does; there each list not yet found
    that has a wording starting with that character is tried. That finds exactly
    the lists a search per list would, in one pass over the text instead of one
    per list, most of which fail over the whole text.
    """

    __slots__ = ("lists", "starting", "union")

    def __init__(self, lists: dict[str, Wordings]) -> None:
        self.lists = lists
        self.union = Wordings(tuple(w for wordings in lists.values() for w in wordings.wordings))
        # first character -> the lists with a wording that starts with it, in list order
        self.starting: dict[str, list[tuple[str, Wordings]]] = {}
        for name, wordings in lists.items():
            for first in dict.fromkeys(w.lstrip("…")[0] for w in wordings.wordings):
                self.starting.setdefault(first, []).append((name, wordings))

    def occurring(self, text: str, enough: int) -> list[str]:
        """The names of the lists that occur in ``text``, in list order; the search
        stops once ``enough`` are found."""
        hit = self.union.search(text)
        if hit is None:
            return []  # the usual thin part: no wording at all
        found: set[str] = set()
        while hit and len(found) < enough:
            start = hit.start()
            for name, wordings in self.starting[text[start]]:
                if name not in found and wordings.match(text, start):
                    found.add(name)
            hit = self.union.search(text, start + 1)
        return [name for name in self.lists if name in found]


@cache
def _compiled(wordings: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled once per list: every fazhi rule passes the same item wordings."""
    trie: dict = {}
    for wording in wordings:
        _insert(trie, _tokens(wording))
    # The top level is a bare alternation: in a group the engine scans more slowly.
    # Remembered between runs: compiling the gaps' CJK classes is slow.
    return regex_memo.compile("|".join(_branches(trie)))


# Trie keys: one character of a wording, or the gap that "…" stands for; the
# end of a wording is marked by _END.
_GAP_TOKEN = "…"
_END = ""


def _tokens(wording: str) -> list[str]:
    """The wording's characters, with one gap token between its parts."""
    tokens: list[str] = []
    for part in (part for part in wording.split("…") if part):
        if tokens:
            tokens.append(_GAP_TOKEN)
        tokens.extend(part)
    return tokens


def _insert(trie: dict, tokens: list[str]) -> None:
    node = trie
    for token in tokens:
        if _END in node:
            return  # a shorter wording already matches wherever this one does
        node = node.setdefault(token, {})
    node.clear()  # longer wordings below add nothing: the text matches here already
    node[_END] = {}


def _alternation(node: dict) -> str:
    """The regex for a trie node: each branch once, shared beginnings written once."""
    branches = _branches(node)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _branches(node: dict) -> list[str]:
    branches = []
    for token, child in node.items():
        parts = []
        while token != _END:  # follow a chain of single children without recursing
            parts.append(_GAP if token == _GAP_TOKEN else re.escape(token))
            if len(child) != 1:
                parts.append(_alternation(child))
                break
            [(token, child)] = child.items()
        branches.append("".join(parts))
    return branches


def require_wordings(wordings: object, what: str) -> Wordings:
    """Like compile_wordings, for lists that must not be empty."""
    pattern = compile_wordings(wordings, what)
    if pattern is None:
        raise ValueError(f"{what} must name at least one wording")
    return pattern


class ItemSpec:
    """How one item is recognised, and how messages name it.

    This and Mention are plain classes, not NamedTuples: defining one costs
    ~0.2 ms at every start.
    """

    __slots__ = ("heading_pattern", "headings", "label", "mention_pattern", "mentions")

    def __init__(
        self,
        label: str,
        headings: tuple[str, ...],
        mentions: tuple[str, ...],
        heading_pattern: Wordings | None,
        mention_pattern: Wordings | None,
    ) -> None:
        self.label = label
        self.headings = headings
        self.mentions = mentions
        self.heading_pattern = heading_pattern
        self.mention_pattern = mention_pattern

    def looked_for(self) -> str:
        """What lawlint searched for, in words a report writer can act on."""
        text = f"标题含{_quote(self.headings)}等字样的部分"
        if self.mentions:
            text += f"，正文中也没有{_quote(self.mentions)}等表述"
        return text


def _quote(wordings: Sequence[str]) -> str:
    return "".join(f"“{wording}”" for wording in wordings)


class ItemSpecs(dict):
    """Each item's spec by key, with the key under which ``classify`` keeps its answer.

    Every fazhi rule classifies the same outline; the key is built once here
    rather than hashed together from all the wordings at each rule's call.
    ``items_of_titles`` remembers the item of each heading title met: across a
    folder of reports the same headings (存在的问题, 下一步工作打算) recur.
    ``heading_starts`` holds the words every heading wording starts with: most
    headings are thematic (强化组织领导), contain none of them and so name no
    item, which one search of plain words (quick to compile, unlike the gaps)
    tells. ``classified`` classifies an outline with these specs: made once
    here, not as a closure at each of the nine rules' calls of ``classify``
    (a partial, not a lambda: the specs are pickled for the worker processes).
    """

    __slots__ = ("classified", "heading_starts", "items_of_titles", "memo_key")


# One key per distinct set of wordings, shared by every rule's copy of them. A key
# hashes by identity: hashing the tuple of all the wordings cost more than the
# lookup, once per rule per report.
_MEMO_KEYS: dict[tuple, object] = {}


def _memo_key(specs: Mapping[str, ItemSpec]) -> object:
    wordings = tuple((name, spec.headings, spec.mentions) for name, spec in specs.items())
    return _MEMO_KEYS.setdefault(wordings, object())


def _first_part(wording: str) -> str:
    """The literal words a wording starts with (主要举措 of 主要举措…成效)."""
    return next(part for part in wording.split("…") if part)


def parse_items(raw: object) -> ItemSpecs:
    """Validate the ``items`` option: every item with a label, headings and mentions."""
    if not isinstance(raw, Mapping) or set(raw) != set(ORDER):
        raise ValueError(f"items must map exactly these keys: {', '.join(ORDER)}")
    entries = []
    for key in ORDER:
        entry = raw[key]
        if not isinstance(entry, Mapping) or not isinstance(entry.get("label"), str):
            raise ValueError(f"items.{key} needs a 'label' string")
        unknown = set(entry) - {"label", "headings", "mentions"}
        if unknown:
            raise ValueError(f"items.{key}: unknown key(s) {', '.join(sorted(unknown))}")
        headings = _checked_wordings(entry.get("headings", []), f"items.{key}.headings")
        mentions = _checked_wordings(entry.get("mentions", []), f"items.{key}.mentions")
        entries.append((key, entry["label"], headings, mentions))
    return _specs(tuple(entries))


@cache
def _specs(entries: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]) -> ItemSpecs:
    """The specs of validated (key, label, headings, mentions) entries.

    Made once per distinct set: every fazhi rule takes the same items (one YAML
    anchor), and compiling them for each of the nine cost ~1.4 ms of every start.
    """
    specs = ItemSpecs()
    for key, label, headings, mentions in entries:
        specs[key] = ItemSpec(
            label=label,
            headings=headings,
            mentions=mentions,
            heading_pattern=Wordings(headings) if headings else None,
            mention_pattern=Wordings(mentions) if mentions else None,
        )
    specs.memo_key = _memo_key(specs)
    specs.classified = partial(_classify, specs=specs)
    specs.items_of_titles = {}
    starts = (_first_part(w) for spec in specs.values() for w in spec.headings)
    specs.heading_starts = Wordings(tuple(dict.fromkeys(starts)))
    return specs


class ItemOptions:
    """Options every fazhi structure kind takes: the item wordings (a YAML anchor).

    A kind's ``Options`` extends it (see ``registry.build_options``): its
    ``NAMES`` start with ``items``, and its ``__init__`` calls this one first.
    """

    NAMES: tuple[str, ...] = ("items",)
    __slots__ = ("items", "specs")

    def __init__(self, items: Mapping[str, object]) -> None:
        self.items = items
        self.specs = parse_items(items)


# Found's mention before it is searched for (None means none was found).
_UNSEARCHED = object()
# A heading title not yet in ItemSpecs.items_of_titles (None there means no item).
_UNSEEN = object()


class Mention:
    """An item named in running text rather than by a heading."""

    __slots__ = ("end", "index", "paragraph", "start")

    def __init__(self, start: int, end: int, paragraph: Paragraph, index: int) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.index = index  # where the mention starts in ``paragraph.text``


class Found:
    """Where one item is: its sections (shallowest headings) or else a mention in the text.

    The mention is searched for when first asked for, because few are: most
    items have a part of their own, and no rule reads where the optional item
    is mentioned, which cost a search of every heading of most reports.
    """

    __slots__ = ("_key", "_mention", "_outline", "_spec", "sections", "thematic")

    def __init__(self, sections: list[Section], outline: Outline, spec: ItemSpec, key: str) -> None:
        self.sections = sections
        # measures recognised from thematic headings (一、强化组织领导…) with no summary heading
        self.thematic = False
        self._outline, self._spec, self._key = outline, spec, key
        self._mention: object = _UNSEARCHED

    @property
    def mention(self) -> Mention | None:
        if self._mention is _UNSEARCHED:
            self._mention = None if self.sections else _mention(self._outline, self._spec)
            if self._mention is None and self._key == "plans" and not self.sections:
                self._mention = _next_year_opening(self._outline)
        return self._mention

    @mention.setter
    def mention(self, mention: Mention) -> None:
        self._mention = mention

    @property
    def present(self) -> bool:
        return bool(self.sections) or self.mention is not None


class ReportItems:
    """The classification of one report."""

    __slots__ = ("found", "outline", "specs")

    def __init__(self, outline: Outline, specs: ItemSpecs, found: dict[str, Found]):
        self.outline = outline
        self.specs = specs
        self.found = found

    def expected_at(self, item: str) -> tuple[int, int, str]:
        """(start, end, where) for a missing item: after the parts of the items before it
        in the regulation's order, as the document places them (the one that ends
        last), and before the first part of a later item that follows there."""
        rank = ORDER.index(item)
        earlier = [(self.found[k].sections[-1], k) for k in ORDER[:rank] if self.found[k].sections]
        last, last_key = max(earlier, key=lambda pair: pair[0].end, default=(None, None))
        after = last.end if last is not None else 0
        later = [
            section
            for key in ORDER[rank + 1 :]
            for section in self.found[key].sections
            if section.start >= after
        ]
        if later:
            heading = min(later, key=lambda section: section.start).heading
            title = self.outline.source.text[heading.start : heading.title_end]
            return heading.start, heading.title_end, f"应在“{title}”之前"
        if last is not None:
            start, end = _last_text(last)
            return start, end, f"应在“{self.specs[last_key].label}”部分之后"
        return (*_document_end(self.outline), "在报告正文中未找到任何必备部分")


def _last_text(section: Section) -> tuple[int, int]:
    """The last character of a section's text (its heading if it has no paragraphs)."""
    paragraphs = [paragraph for part in section.walk() for paragraph in part.body]
    if paragraphs:
        end = paragraphs[-1].end
        return end - 1, end
    return section.heading.start, section.heading.title_end


def _document_end(outline: Outline) -> tuple[int, int]:
    paragraphs = list(outline.paragraphs())
    if paragraphs:
        end = paragraphs[-1].end
        return end - 1, end
    if outline.title:
        return outline.title.start, outline.title.end
    return 0, 0


def normalise(title: str) -> str:
    """A heading title without the blanks PDF conversion leaves (2024 年度)."""
    return _BLANKS.sub("", title)


def heading_item(title: str, specs: ItemSpecs) -> str | None:
    """The item a heading title names, if any."""
    known = specs.items_of_titles
    key = known.get(title, _UNSEEN)
    if key is _UNSEEN:
        if len(known) >= _TITLES_KEPT:
            known.clear()
        key = known[title] = _heading_item(normalise(title), specs)
    return key


def _heading_item(text: str, specs: ItemSpecs) -> str | None:
    if not specs.heading_starts.search(text):
        return None
    for key in _PRIORITY:
        pattern = specs[key].heading_pattern
        if pattern is not None and pattern.search(text):
            return key
    return None


def classify(outline: Outline, specs: ItemSpecs) -> ReportItems:
    """Find every item of the report.

    Every fazhi rule asks for the same outline in turn, each with its own copy of
    the same wordings; the last answer is kept so the work is done once.
    """
    return outline.derived(specs.memo_key, specs.classified)


def _classify(outline: Outline, specs: ItemSpecs) -> ReportItems:
    shallowest: dict[str, tuple[int, list[Section]]] = {}
    _label(outline.sections, 0, specs, shallowest, _next_year_plans(outline, specs))
    # A loop, not a dict comprehension, which is a function call of its own and
    # cost ~1.5 µs of every report in a real run (code cold after the other rules).
    found: dict[str, Found] = {}
    for key in ORDER:
        found[key] = Found(
            shallowest[key][1] if key in shallowest else [], outline, specs[key], key
        )
    if not found["measures"].sections:
        _find_unlabelled_measures(outline, found["measures"], specs, found["plans"].sections)
    return ReportItems(outline, specs, found)


def _mention(outline: Outline, spec: ItemSpec) -> Mention | None:
    """The first mention of an item that has no part of its own: a phrase in the text,
    or its heading wording inside another part's heading (存在的问题及下一步打算)."""
    titles = (section.title_paragraph for section in outline.walk() if section.heading.title)
    mentions = [
        first_mention(titles, spec.heading_pattern),
        first_mention(outline.running_text(), spec.mention_pattern),
    ]
    return min((m for m in mentions if m), key=lambda m: m.start, default=None)


def _label(
    sections: list[Section],
    depth: int,
    specs: ItemSpecs,
    shallowest: dict[str, tuple[int, list[Section]]],
    plans: frozenset[Section] = frozenset(),
) -> None:
    """Record each item's shallowest headings (depth, sections in document order).

    The sub-headings of a closed item are its points, so its subtree is not read.
    Titles seen before are looked up here, not through heading_item: a report
    has a score of headings and most recur, so the call was most of the cost.
    ``plans`` are the top-level sections that name next year's plans by their year.
    """
    known_titles = specs.items_of_titles
    for section in sections:
        title = section.heading.title
        key = known_titles.get(title, _UNSEEN)
        if key is _UNSEEN:
            key = heading_item(title, specs)
        if plans and section in plans:
            key = "plans"
        if key:
            known = shallowest.get(key)
            if known is None or depth < known[0]:
                shallowest[key] = (depth, [section])
            elif depth == known[0]:
                known[1].append(section)
            if key in _CLOSED:
                continue
        if section.children:
            _label(section.children, depth + 1, specs, shallowest)


def _find_unlabelled_measures(
    outline: Outline, found: Found, specs: ItemSpecs, plans: list[Section]
) -> None:
    """Measures without a summary heading: thematic top-level headings, or opening prose.

    A top-level heading that names no item (一、强化组织领导) is an account of the
    year's work; so is prose before the first heading that runs well past the
    opening paragraph.
    """
    thematic = [
        s
        for s in outline.sections
        if heading_item(s.heading.title, specs) is None and s not in plans
    ]
    if thematic:
        found.sections, found.thematic = thematic, True
        return
    prose = outline.preamble[1:]
    if sum(len(paragraph.text) for paragraph in prose) >= _PROSE_MEASURES_CHARS:
        found.mention = Mention(prose[0].start, prose[0].end, prose[0], 0)


def _next_year_plans(outline: Outline, specs: ItemSpecs) -> frozenset[Section]:
    """Top-level sections that name the year after the report year and a plans word
    (四、2026年工作重点 in a 2025 report), even where the wording alone reads as the
    measures (2026年…工作举措).

    The first top-level part is never one: a report opens with its year's work,
    and a next year there is a copy of a wrongly dated heading. Nor is any, in a
    report whose plans part is named by its wording: there a next year on
    another part is a wrong date, for year-mismatch to report. Headings that
    name another item (存在的问题, 第一责任人) keep it. The report year is read
    only when some heading could be one, which few reports have. (year_mismatch
    reads years and imports this module, hence the import inside.)
    """
    candidates = [
        section
        for section in outline.sections[1:]
        if "年" in section.heading.title
        and heading_item(section.heading.title, specs) not in _NAMED_FIRST
    ]
    titles = (section.heading.title for section in outline.sections)
    if not candidates or any(heading_item(title, specs) == "plans" for title in titles):
        return frozenset()
    from lawlint.checks.year_mismatch import heading_year, stated_year

    year = stated_year(outline)
    if year is None:
        return frozenset()
    plans = []
    for section in candidates:
        title = normalise(section.heading.title)
        named = heading_year(title)
        if (
            named is not None
            and named[2] == year + 1
            and _PLANS_WORDS.search(title, named[1])
            and not _RESULTS_WORDS.search(title)
        ):
            plans.append(section)
    return frozenset(plans)


def _next_year_opening(outline: Outline) -> Mention | None:
    """A paragraph that opens with the year after the report year and says what will
    be done (2026年，我局将…): the plans of a report without headings."""
    from lawlint.checks.year_mismatch import opening_year, stated_year

    year = None
    for paragraph in outline.running_text():
        named = opening_year(paragraph.text)
        if named is None:
            continue
        if year is None:
            year = stated_year(outline)
            if year is None:
                return None
        start, end, value = named
        sentence = paragraph.text[end:].split("。", 1)[0]
        if value == year + 1 and "将" in sentence:
            return Mention(paragraph.offset(start), paragraph.offset(end), paragraph, start)
    return None


def first_mention(paragraphs: Iterable[Paragraph], pattern: Wordings | None) -> Mention | None:
    """The first place in ``paragraphs`` that ``pattern`` matches."""
    if pattern is None:
        return None
    for paragraph in paragraphs:
        hit = pattern.search(paragraph.text)
        if hit:
            start, end = hit.span()
            return Mention(paragraph.offset(start), paragraph.offset(end), paragraph, start)
    return None


def section_body_text(outline: Outline, section: Section) -> str:
    """A section's text after its own heading title: body and sub-sections."""
    return outline.source.text[section.heading.title_end : section.end]
