"""heading-style-mixed: sibling headings numbered in different styles, e.g. （1）（2）（三）."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lawlint.diagnostics import Finding
from lawlint.markers import MarkerKind
from lawlint.outline import Outline, Section

# Why the expected form is what it is, for the help text.
_BY_STANDARD = "按GB/T 9704，这一层级"
_BY_SIBLINGS = "按同级的写法"


def check(outline: Outline, options: None) -> Iterator[Finding]:
    if outline.lists_in_sequence:  # the builder saw every list keep one marker kind
        return
    for parent, children in outline.sibling_groups():
        kinds = [section.heading.marker.kind for section in children]
        if kinds.count(kinds[0]) == len(kinds):  # one style: the usual case, no Counter
            continue
        usual, basis = _expected_kind(parent, kinds)
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
                    "basis": basis,
                },
            )


def _expected_kind(parent: Section | None, kinds: list[MarkerKind]) -> tuple[MarkerKind, str]:
    """The style the siblings should share, and why.

    GB/T 9704 gives the level under a 一、 heading （一）, so in （1）（2）（三） the
    （三） is right even though it is outnumbered. Only when no style used is the
    standard one for the level does the most frequent style win (on a tie, the
    one used first): the author's own convention is then the best guess.
    """
    level = 1 if parent is None else parent.heading.marker.level + 1
    for kind in kinds:
        if kind.level == level:  # kinds and levels map one to one
            return kind, _BY_STANDARD
    counts = Counter(kinds)
    return max(counts, key=lambda kind: (counts[kind], -kinds.index(kind))), _BY_SIBLINGS
