"""heading-bracket-width: half-width brackets in （一）/（1） markers (GB/T 9704: full-width)."""

from __future__ import annotations

from collections.abc import Iterator

from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.outline import Outline

# The full-width forms NFKC folds to ASCII (、 。 “ ” survive normalisation).
_FULL_WIDTH_PUNCTUATION = frozenset("，；：（）！？")


def uses_full_width(text: str) -> bool:
    """Whether the text has any full-width punctuation that NFKC would fold.

    Text scraped from web pages is often NFKC-normalised so that every （ became
    ( and every ， became ,; there the width was not the author's choice and
    flagging it would only produce a stream of noise.
    """
    return not _FULL_WIDTH_PUNCTUATION.isdisjoint(text)


def check(outline: Outline, options: None) -> Iterator[Finding]:
    text = outline.source.text
    # A half-width bracket in a marker is in the text: most reports have none at all.
    if ("(" not in text and ")" not in text) or not uses_full_width(text):
        return
    for section in outline.walk():
        heading = section.heading
        marker = heading.marker
        if not marker.open or (marker.open == "（" and marker.close == "）"):
            continue
        close_at = heading.start + len(marker.written) - len(marker.separator) - 1
        edits = []
        if marker.open != "（":
            edits.append(Edit(heading.start, heading.start + 1, "（"))
        if marker.close != "）":
            edits.append(Edit(close_at, close_at + 1, "）"))
        fixed = "（" + marker.written[1 : -1 - len(marker.separator) or None] + "）"
        yield Finding(
            heading.start,
            close_at + 1,
            {"marker": marker.written, "expected": fixed},
            Fix(f"改为全角括号“{fixed}”", tuple(edits)),
        )
