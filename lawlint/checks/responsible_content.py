"""The 第一责任人 part names too few of the duties the 第一责任人 actually performs.

《党政主要负责人履行推进法治建设第一责任人职责规定》 sets concrete duties (学法,
研究部署, 听取汇报, 研究解决重大问题, 依法决策, 述法…). A part that restates its
heading (切实履行第一责任人职责，推动法治建设取得新成效) tells the reviewer nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lawlint.diagnostics import Finding
from lawlint.fazhi_items import (
    ItemOptions,
    WordingLists,
    classify,
    require_wordings,
    section_body_text,
)
from lawlint.outline import Outline


class Options(ItemOptions):
    """``duties``: duty name -> wordings that show it; ``minimum``: how many must appear."""

    NAMES = (*ItemOptions.NAMES, "duties", "minimum")
    __slots__ = ("duties", "listed", "minimum", "patterns")

    def __init__(
        self, items: Mapping[str, object], duties: Mapping[str, list[str]], minimum: int
    ) -> None:
        super().__init__(items)
        if not isinstance(duties, Mapping) or not duties:
            raise ValueError("duties must map each duty to a list of wordings")
        if not isinstance(minimum, int) or not 1 <= minimum <= len(duties):
            raise ValueError(f"minimum must be an integer from 1 to {len(duties)}")
        self.duties = duties
        self.minimum = minimum
        compiled = {
            str(duty): require_wordings(wordings, f"duties.{duty}")
            for duty, wordings in duties.items()
        }
        self.patterns = WordingLists(compiled)
        # The duties as the help lists them, joined once, not at each finding.
        self.listed = "、".join(compiled)


def check(outline: Outline, options: Options) -> Iterator[Finding]:
    sections = classify(outline, options.specs).found["responsible"].sections
    if not sections:
        return
    if len(sections) == 1:  # the usual part: its text as it is, without a join
        text = section_body_text(outline, sections[0])
    else:
        text = "".join(section_body_text(outline, section) for section in sections)
    # Once ``minimum`` duties are found the part passes, whichever others it names.
    named = options.patterns.occurring(text, options.minimum)
    if len(named) >= options.minimum:
        return
    heading = sections[0].heading
    yield Finding(
        heading.start,
        heading.title_end,
        {
            "count": len(named),
            "minimum": options.minimum,
            "named": "、".join(named) or "无",
            "duties": options.listed,
        },
    )
