"""The shortcomings part lists problems but gives no causes.

The regulation asks for 不足和原因; many reports keep 原因 in the heading and
list only problems. Causes given under a sub-heading (（三）原因分析) count,
because the whole part is read, but the part's own heading does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lawlint.diagnostics import Finding
from lawlint.fazhi_items import ItemOptions, Wordings, classify, require_wordings, section_body_text
from lawlint.outline import Outline


@dataclass(frozen=True)
class Options(ItemOptions):
    """``causes``: wordings that introduce a cause (原因, 究其原因, 根源在于…)."""

    causes: list[str]
    pattern: Wordings = field(init=False, repr=False, compare=False)
    # The first few wordings as the help quotes them, made once, not at each finding.
    quoted: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "pattern", require_wordings(self.causes, "causes"))
        object.__setattr__(self, "quoted", "".join(f"“{cause}”" for cause in self.causes[:6]))


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
