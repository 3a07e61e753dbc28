"""heading-marker-form: a marker written in a non-standard form (一. 1、 （一）、 a space after)."""

from __future__ import annotations

from collections.abc import Iterator

from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.markers import Marker, MarkerKind
from lawlint.outline import Heading, Outline

# The separators GB/T 9704 gives each level (by Marker.level): 一、 （一） 1. or 1． （1） ①.
_STANDARD_SEPARATORS = (None, ("、",), ("",), (".", "．"), ("",), ("",))


def check(outline: Outline, options: None) -> Iterator[Finding]:
    markdown = outline.source.path.lower().endswith(".md")
    for section in outline.walk():
        heading = section.heading
        marker = heading.marker
        # Most markers are standard: settled without building anything.
        if not marker.space and marker.separator in _STANDARD_SEPARATORS[marker.level]:
            continue
        finding = _check_heading(heading, markdown)
        if finding:
            yield finding


def _list_syntax(marker: Marker, markdown: bool) -> bool:
    """Whether the space is Markdown's own: ``1. item`` needs it to be an ordered list."""
    return markdown and marker.kind is MarkerKind.ARABIC_ITEM and marker.separator == "."


def _check_heading(heading: Heading, markdown: bool) -> Finding | None:
    marker = heading.marker
    separator = _expected_separator(marker)
    space = marker.space
    if space and (not heading.title or _list_syntax(marker, markdown)):
        space = ""
    if marker.separator == separator and not space:
        return None
    problems = []
    if marker.separator != separator:
        problems.append(
            f"“{marker.separator}”应为“{separator}”"
            if separator
            else f"括号后不加“{marker.separator}”"
        )
    if space:
        problems.append("序号后有多余空格")
    separator_at = heading.start + len(marker.written) - len(marker.separator)
    end = heading.start + len(marker.written) + len(space)
    expected = marker.written[: len(marker.written) - len(marker.separator)] + separator
    return Finding(
        heading.start,
        end,
        {
            "marker": marker.text.rstrip() if space else marker.written,
            "expected": expected,
            "problems": "；".join(problems),
        },
        Fix(f"改为“{expected}”", (Edit(separator_at, end, separator),)),
    )


def _expected_separator(marker: Marker) -> str:
    """The separator GB/T 9704 gives the kind; full-width ． is accepted for 1."""
    allowed = _STANDARD_SEPARATORS[marker.level]
    return marker.separator if marker.separator in allowed else allowed[0]
