"""heading-level-skip: a marker used below, above or before the level the standard gives it.

GB/T 9704 orders the levels 一、 （一） 1. （1）. A （1） directly under 一、 skips two
levels; a 一、 list nested under 二、 or under （一） reuses a level instead of taking
the next one; a （一） before the first 一、 has no level 1 above it. Reported once
per pair of marker kinds, at the first place it happens, to teach the order
without noise.
"""

from __future__ import annotations

from collections.abc import Iterator

from lawlint.diagnostics import Finding
from lawlint.markers import MarkerKind, standard_marker
from lawlint.outline import Outline, Section

_KINDS_BY_LEVEL = {kind.level: kind for kind in MarkerKind}


def check(outline: Outline, options: None) -> Iterator[Finding]:
    yield from _before_top_level(outline.sections)
    seen: dict[tuple[MarkerKind, MarkerKind], int] = {}
    first: dict[tuple[MarkerKind, MarkerKind], Section] = {}
    for section in outline.walk():
        parent = section.parent
        if parent is None or section.heading.marker.level == parent.heading.marker.level + 1:
            continue
        pair = (parent.heading.marker.kind, section.heading.marker.kind)
        seen[pair] = seen.get(pair, 0) + 1
        first.setdefault(pair, section)
    for pair, section in first.items():
        yield _finding(section, _relation(section), seen[pair])


def _relation(section: Section) -> str:
    """How ``section``'s marker breaks the order under its parent."""
    marker, parent = section.heading.marker, section.parent.heading.marker
    if marker.level > parent.level:
        skipped = "”“".join(
            standard_marker(_KINDS_BY_LEVEL[level], 1)
            for level in range(parent.level + 1, marker.level)
        )
        return f"直接用在“{parent.written}”之下，跳过了“{skipped}”层级"
    following = _KINDS_BY_LEVEL.get(parent.level + 1)
    advice = f"，下一层应使用“{standard_marker(following, 1)}”" if following else ""
    return f"用作“{parent.written}”的下一层，与标准层次顺序不符{advice}"


def _before_top_level(sections: list[Section]) -> Iterator[Finding]:
    if not sections:
        return
    top = min(section.heading.marker.level for section in sections)
    early = [s for s in sections if s.heading.marker.level > top]
    first_top = next(s for s in sections if s.heading.marker.level == top)
    if early and early[0].start < first_top.start:
        kind = _KINDS_BY_LEVEL[top]
        yield _finding(early[0], f"出现在第一个“{standard_marker(kind, 1)}”之前", 1)


def _finding(section: Section, what: str, count: int) -> Finding:
    marker = section.heading.marker
    return Finding(
        section.heading.start,
        section.heading.start + len(marker.written),
        {"marker": marker.written, "level": marker.level, "skipped": what, "count": count},
    )
