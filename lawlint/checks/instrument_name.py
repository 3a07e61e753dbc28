"""instrument-name: a 《…》 title that nearly matches a known instrument but differs.

Reports cite a small set of instruments again and again, and the slips are
small: 法治政府建设 for 法治建设 inside the title of the 第一责任人 regulation,
督查 for 督察, half-width brackets and a hyphen in （2021—2025年）. A title is
compared only with known instruments of the same kind (…规定 with …规定): a
清单 or a local 实施方案 that shares most words is another document. Short
titles (《行政处罚法》) are not compared at all, because there one character
is the difference between two real laws (统计法, 审计法).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lawlint import regex_memo
from lawlint.checks._text import joined, span
from lawlint.checks.heading_bracket_width import uses_full_width
from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.outline import Outline, Paragraph

_TITLE = regex_memo.compile(r"《([^《》\n]{2,100})》")
# Laws are cited with or without the state's name: 《行政处罚法》.
_STATE = "中华人民共和国"
# Kinds of instrument, longest first so that 实施条例 wins over 条例.
_KINDS = (
    "实施条例", "实施细则", "实施办法", "实施方案", "实施意见", "实施纲要",
    "法典", "条例", "规定", "办法", "细则", "纲要", "规划", "意见", "决定",
    "通知", "方案", "清单", "制度", "规则", "计划", "要点", "决议", "准则", "法",
)  # fmt: skip
# A trailing period in brackets: （2021—2025年）, (2021-2025).
_PERIOD = regex_memo.compile(r"[（(][^（）()]*[）)]$")
# Punctuation that is written in more than one way: mapped to the standard form.
_PUNCTUATION = str.maketrans(
    {"(": "（", ")": "）", "-": "—", "－": "—", "–": "—", "―": "—", "~": "—", "～": "—"}
)
_BLANKS = regex_memo.compile(r"[ \t\u3000\u00a0]+")
# Shortest title (characters, without 中华人民共和国) that is compared at all, and
# the length from which two differing characters are still a near match.
_SHORTEST = 7
_CACHE_SIZE = 10_000
_LONG = 12


class Instrument:
    """A known instrument: its exact name and every form that may be cited.

    A plain class, not a NamedTuple: defining one costs ~0.2 ms at every start.
    """

    __slots__ = ("forms", "kind", "name", "targets")

    def __init__(
        self,
        name: str,
        forms: frozenset[str],
        kind: str,
        targets: tuple[tuple[str, str, frozenset[str], int], ...],
    ) -> None:
        self.name = name
        self.forms = forms
        self.kind = kind
        # Each form with its normalised text, its characters and its reach, worked
        # out once for all titles.
        self.targets = targets


class Options:
    """``instruments``: entries with ``name`` (exact official title) and optional ``aliases``."""

    NAMES = ("instruments",)
    __slots__ = ("exact", "instruments", "known", "nearest")

    def __init__(self, instruments: list | None = None) -> None:
        if not isinstance(instruments, list) or not instruments:
            raise TypeError("'instruments' must be a non-empty list")
        self.instruments = instruments
        self.known = tuple(_instrument(i, entry) for i, entry in enumerate(instruments))
        self.exact = frozenset(form for known in self.known for form in known.forms)
        # Reports cite the same few titles again and again: each is compared once.
        self.nearest: dict[str, tuple[Instrument, str, int] | None] = {}


def _instrument(index: int, entry: object) -> Instrument:
    where = f"instruments[{index}]"
    if not isinstance(entry, Mapping) or set(entry) - {"name", "aliases"}:
        raise TypeError(f"{where} must be a mapping with 'name' and optional 'aliases'")
    name, aliases = entry.get("name"), entry.get("aliases", [])
    if not isinstance(name, str) or not name or "《" in name or "》" in name:
        raise TypeError(f"{where}: 'name' must be the title without 《》")
    if not (isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases)):
        raise TypeError(f"{where}: 'aliases' must be a list of titles")
    kind = _kind(name)
    if not kind:
        raise ValueError(f"{where}: cannot tell the kind of {name!r} (…法, …条例, …规定…)")
    forms = {name, *aliases}
    forms |= {form.removeprefix(_STATE) for form in forms if form.startswith(_STATE)}
    cited = frozenset(forms)
    return Instrument(name, cited, kind, tuple(_target(form) for form in cited))


def _target(form: str) -> tuple[str, str, frozenset[str], int]:
    normal = _normal(form)
    return form, normal, frozenset(normal), _reach(len(normal.removeprefix(_STATE)))


def _kind(title: str) -> str:
    body = _PERIOD.sub("", title)
    return next((kind for kind in _KINDS if body.endswith(kind)), "")


def _normal(title: str) -> str:
    """The title with its punctuation in the standard form and blanks removed."""
    return _BLANKS.sub("", title.translate(_PUNCTUATION))


def check(outline: Outline, options: Options) -> Iterator[Finding]:
    if "《" not in outline.source.text:
        return  # most reports cite nothing
    full_width = uses_full_width(outline.source.text)
    # One scan of the joined paragraphs: a title holds no line break, so none
    # runs from one paragraph into the next.
    text = joined(outline)
    for match in _TITLE.finditer(text.text):
        title = match.group(1)
        if title in options.exact:
            continue
        if title not in options.nearest:
            if len(options.nearest) >= _CACHE_SIZE:
                options.nearest.clear()
            options.nearest[title] = _nearest(title, options.known)
        near = options.nearest[title]
        if near is None:
            continue
        known, form, distance = near
        if distance == 0 and not full_width:
            continue  # normalised web text: the width was not the author's choice
        index, start = text.locate(match.start())
        yield _finding(text.paragraphs[index], start, title, known, form, distance)


def _nearest(title: str, known: tuple[Instrument, ...]) -> tuple[Instrument, str, int] | None:
    """The closest known form of the same kind within reach, with its edit distance."""
    normal = _normal(title)
    kind = _kind(normal)
    chars = set(normal)
    best = None
    for instrument in known:
        if kind and instrument.kind != kind:
            continue  # another kind of document: 职责清单 is not 职责规定
        for form, target, target_chars, reach in instrument.targets:
            if abs(len(target) - len(normal)) > reach:
                continue
            # Each character the form lacks costs an edit: a cheap bound before the table.
            if len(chars - target_chars) > reach:
                continue
            distance = _distance(normal, target, reach)
            if distance <= reach and (best is None or distance < best[2]):
                best = (instrument, form, distance)
    return best


def _reach(length: int) -> int:
    """How many differing characters still make a near match for a title this long."""
    if length < _SHORTEST:
        return 0
    return 1 if length < _LONG else max(2, length // 8)


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance if it is at most ``limit``, else ``limit + 1``.

    A distance within the limit runs through cells at most ``limit`` off the
    diagonal, so only that band is computed, every cell capped at ``limit + 1``:
    each new title is compared with the known forms of its kind, and the full
    table cost ~70 us a pair.
    """
    over = limit + 1
    if abs(len(a) - len(b)) > limit:
        return over
    previous = [min(j, over) for j in range(len(b) + 1)]
    for i, char_a in enumerate(a, 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [over] * (len(b) + 1)
        current[0] = min(i, over)
        # Each cell the least of its three ways in, by comparisons: a call of
        # min() per cell was most of the cost of comparing a new title.
        left = lowest = current[low - 1]
        for j in range(low, high + 1):
            cell = previous[j - 1] + (char_a != b[j - 1])
            if previous[j] < cell:
                cell = previous[j] + 1
            if left < cell:
                cell = left + 1
            if cell > over:
                cell = over
            current[j] = left = cell
            if cell < lowest:
                lowest = cell
        if lowest > limit:
            return over  # no later row can come back under the limit
        previous = current
    return previous[-1]


def _finding(
    paragraph: Paragraph, start: int, title: str, known: Instrument, form: str, distance: int
) -> Finding:
    """The finding for 《``title``》 at ``start`` in the paragraph's text."""
    title_start, title_end = span(paragraph, start + 1, start + 1 + len(title))
    reason = "标点写法不同" if distance == 0 else f"有{distance}处文字不同"
    fix = None
    if title_end - title_start == len(title):
        edit = Edit(title_start, title_end, form)
        fix = Fix(f"改为《{form}》", (edit,), safe=distance == 0)
    cited_start, cited_end = span(paragraph, start, start + len(title) + 2)
    return Finding(
        cited_start, cited_end, {"found": title, "expected": form, "reason": reason}, fix
    )
