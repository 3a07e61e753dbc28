"""heading-sequence: skipped, repeated or out-of-order numbers among sibling headings.

The outline already nests a list that restarts at one under the heading before
it, and returns to the outer list when a number continues it, so every sibling
list here is one numbered list: a number that does not follow is a defect.
"""

from __future__ import annotations

from collections.abc import Iterator

from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.markers import numeral
from lawlint.outline import Outline, Section


def check(outline: Outline, options: None) -> Iterator[Finding]:
    if outline.lists_in_sequence:  # the builder saw every list run 1, 2, 3…
        return
    previous_list: list[Section] = []
    for parent, children in outline.sibling_groups():
        numbers = [section.heading.marker.number for section in children]
        if numbers != list(range(1, len(numbers) + 1)):  # 1, 2, 3… is the usual case
            yield from _check_list(children, previous_list if parent is not None else [])
        if parent is not None:
            previous_list = children


def _check_list(children: list[Section], previous_list: list[Section]) -> Iterator[Finding]:
    expected = 1
    fixed = False
    for index, section in enumerate(children):
        number = section.heading.marker.number
        if number != expected:
            # The renumbering covers the whole list, so only the first finding carries
            # it: on every finding, output grows with the square of the list's length.
            fix = None if fixed else _renumber(children)
            fixed = True
            problem = _problem(index, children, expected, previous_list)
            yield _finding(section, expected, problem, fix)
        expected = max(number, expected - 1) + 1


def _problem(
    index: int, children: list[Section], expected: int, previous_list: list[Section]
) -> str:
    marker = children[index].heading.marker
    if index == 0:
        last = previous_list[-1].heading.marker if previous_list else None
        runs_on = last is not None and last.kind is marker.kind and last.number == marker.number - 1
        suffix = "，似乎接续了上一部分的编号" if runs_on else ""
        return f"一组同级标题应从“{marker.standard(1)}”编起{suffix}"
    if marker.number == children[index - 1].heading.marker.number:
        return "与上一个同级标题序号重复"
    if marker.number < expected:
        return "序号倒退，顺序颠倒"
    gap = range(expected, min(marker.number, expected + 3))
    missing = "”“".join(marker.standard(n) for n in gap)
    return f"跳号，缺少“{missing}”" + ("等" if marker.number - expected > 3 else "")


def _renumber(children: list[Section]) -> Fix:
    """Number the sibling list 1, 2, 3 … in its own style (unsafe: the order may be wrong)."""
    edits = []
    for position, section in enumerate(children, start=1):
        heading, marker = section.heading, section.heading.marker
        if marker.number == position:
            continue
        start = heading.start + len(marker.open)
        end = heading.start + len(marker.written) - len(marker.separator) - len(marker.close)
        edits.append(Edit(start, end, numeral(marker.kind, position)))
    return Fix("按顺序重新编号本组标题", tuple(edits), safe=False)


def _finding(section: Section, expected: int, problem: str, fix: Fix | None) -> Finding:
    heading, marker = section.heading, section.heading.marker
    return Finding(
        heading.start,
        heading.start + len(marker.written),
        {"marker": marker.written, "expected": marker.standard(expected), "problem": problem},
        fix,
    )
