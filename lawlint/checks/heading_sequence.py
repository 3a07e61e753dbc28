"""heading-sequence: skipped, repeated or out-of-order numbers among sibling headings."""

from __future__ import annotations

from collections.abc import Iterator

from lawlint.diagnostics import Edit, Finding, Fix
from lawlint.markers import numeral
from lawlint.outline import Outline, Section


def check(outline: Outline, options: None) -> Iterator[Finding]:
    previous_list: list[Section] = []
    for parent, children in outline.sibling_groups():
        yield from _check_list(children, previous_list if parent is not None else [])
        if parent is not None:
            previous_list = children


def _check_list(children: list[Section], previous_list: list[Section]) -> Iterator[Finding]:
    expected = 1
    fix = None
    for index, section in enumerate(children):
        number = section.heading.marker.number
        problem = _problem(index, number, expected, children, previous_list)
        if problem:
            fix = fix or _renumber(children)
            yield _finding(section, expected, problem, fix)
        expected = max(number, expected - 1) + 1


def _problem(
    index: int, number: int, expected: int, children: list[Section], previous_list: list[Section]
) -> str | None:
    if number == expected:
        return None
    marker = children[index].heading.marker
    if index == 0:
        last = previous_list[-1].heading.marker if previous_list else None
        runs_on = last is not None and last.kind is marker.kind and last.number == number - 1
        suffix = "，似乎接续了上一部分的编号" if runs_on else ""
        return f"一组同级标题应从“{marker.standard(1)}”编起{suffix}"
    if number == children[index - 1].heading.marker.number:
        return "与上一个同级标题序号重复"
    if number < expected:
        return "序号倒退，顺序颠倒"
    gap = range(expected, min(number, expected + 3))
    missing = "”“".join(marker.standard(n) for n in gap)
    return f"跳号，缺少“{missing}”" + ("等" if number - expected > 3 else "")


def _renumber(children: list[Section]) -> Fix:
    """Number the whole sibling list 1, 2, 3 … in its own style (unsafe: may be wrong)."""
    edits = []
    for position, section in enumerate(children, start=1):
        heading, marker = section.heading, section.heading.marker
        if marker.number == position:
            continue
        start = heading.start + len(marker.open)
        end = heading.start + len(marker.written) - len(marker.separator) - len(marker.close)
        edits.append(Edit(start, end, numeral(marker.kind, position)))
    return Fix("按顺序重新编号本组标题", tuple(edits), safe=False)


def _finding(section: Section, expected: int, problem: str, fix: Fix) -> Finding:
    heading, marker = section.heading, section.heading.marker
    return Finding(
        heading.start,
        heading.start + len(marker.written),
        {"marker": marker.written, "expected": marker.standard(expected), "problem": problem},
        fix,
    )
