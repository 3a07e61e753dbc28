"""heading-style-mixed: sibling headings numbered in different styles, e.g. （1）（2）（三）."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lawlint.diagnostics import Finding
from lawlint.outline import Outline


def check(outline: Outline, options: None) -> Iterator[Finding]:
    if outline.lists_in_sequence:  # the builder saw every list keep one marker kind
        return
    for _parent, children in outline.sibling_groups():
        kinds = [section.heading.marker.kind for section in children]
        if kinds.count(kinds[0]) == len(kinds):  # one style: the usual case, no Counter
            continue
        counts = Counter(kinds)
        # Most frequent style wins; on a tie the style used first does.
        usual = max(counts, key=lambda kind: (counts[kind], -kinds.index(kind)))
        example = next(s for s in children if s.heading.marker.kind is usual).heading.marker
        for section in children:
            marker = section.heading.marker
            if marker.kind is usual:
                continue
            yield Finding(
                section.heading.start,
                section.heading.start + len(marker.written),
                {
                    "marker": marker.written,
                    "sibling": example.written,
                    "expected": example.standard(marker.number),
                },
            )
