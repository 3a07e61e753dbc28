"""A required item of the annual report (举措和成效, 不足和原因, 第一责任人, 主要安排) is missing.

Reported where the item belongs in the regulation's order, so that the writer
sees where to add it, and the message says which wordings were searched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lawlint.diagnostics import Finding
from lawlint.fazhi_items import ORDER, ItemOptions, classify
from lawlint.outline import Outline


class Options(ItemOptions):
    """``item``: which of the items this rule requires."""

    NAMES = (*ItemOptions.NAMES, "item")
    __slots__ = ("item",)

    def __init__(self, items: Mapping[str, object], item: str) -> None:
        super().__init__(items)
        if item not in ORDER:
            raise ValueError(f"item must be one of {', '.join(ORDER)}, not {item!r}")
        self.item = item


def check(outline: Outline, options: Options) -> Iterator[Finding]:
    items = classify(outline, options.specs)
    if items.found[options.item].present:
        return
    spec = options.specs[options.item]
    start, end, where = items.expected_at(options.item)
    yield Finding(start, end, {"item": spec.label, "looked_for": spec.looked_for(), "where": where})
