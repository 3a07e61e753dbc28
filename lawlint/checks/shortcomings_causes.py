"""The shortcomings part lists problems but gives no causes.

The regulation asks for 不足和原因; many reports keep 原因 in the heading and
list only problems. Causes given under a sub-heading (（三）原因分析) count,
because the whole part is read, but the part's own heading does not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lawlint.diagnostics import Finding
from lawlint.fazhi_items import ItemOptions, Wordings, classify, require_wordings, section_body_text
from lawlint.outline import Outline


class Options(ItemOptions):
    """``causes``: wordings that introduce a cause (原因, 究其原因, 根源在于…)."""

    NAMES = (*ItemOptions.NAMES, "causes")
    __slots__ = ("causes", "pattern", "quoted")

    def __init__(self, items: Mapping[str, object], causes: list[str]) -> None:
        super().__init__(items)
        self.causes = causes
        self.pattern: Wordings = require_wordings(causes, "causes")
        # The first few wordings as the help quotes them, made once, not at each finding.
        self.quoted = "".join(f"“{cause}”" for cause in causes[:6])


def check(outline: Outline, options: Options) -> Iterator[Finding]:
    for section in classify(outline, options.specs).found["shortcomings"].sections:
        text = section_body_text(outline, section)
        # isspace, not strip: strip copies the whole part to test it for blanks
        if not text or text.isspace() or options.pattern.search(text):
            continue
        heading = section.heading
        yield Finding(
            heading.start,
            heading.title_end,
            {"title": heading.title, "causes": options.quoted},
        )
