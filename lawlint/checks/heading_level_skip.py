"""heading-level-skip: a marker used below or before the level the standard order puts it at.

GB/T 9704 orders the levels 一、 （一） 1. （1）. A （1） directly under 一、 skips two
levels; a （一） before the first 一、 has no level 1 above it. Reported once per
pair of levels, at the first place it happens, to teach the order without noise.
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
        if parent is None or section.level <= parent.level + 1:
            continue
        pair = (parent.heading.marker.kind, section.heading.marker.kind)
        seen[pair] = seen.get(pair, 0) + 1
        first.setdefault(pair, section)
    for pair, section in first.items():
        yield _finding(section, section.parent.heading.marker.written, seen[pair])


def _before_top_level(sections: list[Section]) -> Iterator[Finding]:
    if not sections:
        return
    top = min(section.level for section in sections)
    early = [s for s in sections if s.level > top]
    if early and early[0].start < next(s for s in sections if s.level == top).start:
        section = early[0]
        marker = section.heading.marker
        yield Finding(
            section.heading.start,
            section.heading.start + len(marker.written),
            {
                "marker": marker.written,
                "level": marker.level,
                "skipped": f"出现在第一个“{standard_marker(_KINDS_BY_LEVEL[top], 1)}”之前",
                "count": 1,
            },
        )


def _finding(section: Section, parent_marker: str, count: int) -> Finding:
    marker = section.heading.marker
    parent_level = section.parent.level
    skipped = "”“".join(
        standard_marker(_KINDS_BY_LEVEL[level], 1)
        for level in range(parent_level + 1, section.level)
    )
    return Finding(
        section.heading.start,
        section.heading.start + len(marker.written),
        {
            "marker": marker.written,
            "level": marker.level,
            "skipped": f"直接用在“{parent_marker}”之下，跳过了“{skipped}”层级",
            "count": count,
        },
    )
