"""The report's items are not in the order the regulation lists them.

The regulation prescribes content, not order, so this is informational and off
by default: some reviewing offices want every report in one order so that they
can compare them. Only the items out of place are reported: those outside the
longest run that is already in order. Between equally long runs the one that
leaves the 第一责任人 part out wins, because that is the part reports move most.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, pairwise

from lawlint.diagnostics import Finding
from lawlint.fazhi_items import ORDER, ItemOptions, classify
from lawlint.outline import Outline, Section

Options = ItemOptions


def check(outline: Outline, options: ItemOptions) -> Iterator[Finding]:
    placed = _top_level_items(outline, options)
    keys = [key for _, key in placed]
    kept = _in_order(keys)
    for index, (section, key) in enumerate(placed):
        if index in kept:
            continue
        heading = section.heading
        yield Finding(
            heading.start,
            heading.title_end,
            {
                "item": options.specs[key].label,
                "place": _place(key, index, keys, kept, options),
                "order": "、".join(f"“{options.specs[k].label}”" for k in ORDER),
            },
        )


def _top_level_items(outline: Outline, options: ItemOptions) -> list[tuple[Section, str]]:
    """The first top-level section of each item, in document order."""
    found = classify(outline, options.specs).found
    firsts = []
    for key in ORDER:
        top = [section for section in found[key].sections if section.depth == 0]
        if top:
            firsts.append((top[0], key))
    return sorted(firsts, key=lambda pair: pair[0].start)


def _in_order(keys: list[str]) -> set[int]:
    """Indices of the longest subsequence already in the regulation's order."""
    for size in range(len(keys), 0, -1):
        runs = [
            run
            for run in combinations(range(len(keys)), size)
            if all(ORDER.index(keys[a]) < ORDER.index(keys[b]) for a, b in pairwise(run))
        ]
        if runs:
            return set(min(runs, key=lambda run: any(keys[i] == "responsible" for i in run)))
    return set()


def _place(key: str, index: int, keys: list[str], kept: set[int], options: ItemOptions) -> str:
    rank = ORDER.index(key)
    later = [i for i in sorted(kept) if i < index and ORDER.index(keys[i]) > rank]
    if later:
        return f"应排在“{options.specs[keys[later[0]]].label}”之前"
    earlier = [i for i in sorted(kept) if i > index and ORDER.index(keys[i]) < rank]
    return f"应排在“{options.specs[keys[earlier[-1]]].label}”之后"
