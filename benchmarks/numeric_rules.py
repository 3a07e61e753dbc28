"""Time the numeric rules (N401–N404) and the number reader on real text; print the figures.

Outlines are built once beforehand, so the figures are the rules' own cost; the
number reader (lawlint.numerals.quantities) is timed alone over every paragraph
because it is most of the cost. A rule alone reads the numbers of every outline
itself; run together on one outline, as a lint runs them, the four share one
reading (checks/_numbers.py keeps the last outline's sentences): the last line.
The text is the 72 corpus reports and the five seeds from ../shared (or the
fixture reports when ../shared is absent). A generated worst case follows: one
section of 20,000 paragraphs dense with totals, rates and counted lists, where
a list search that looked ahead without bound would be quadratic.

    python benchmarks/numeric_rules.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from collections.abc import Callable

from text_rules import texts

from lawlint.numerals import quantities
from lawlint.outline import build_outline
from lawlint.registry import load_rules
from lawlint.source import Source

RULES = ("sum-mismatch", "rate-mismatch", "rate-over-100", "count-mismatch")


def median_seconds(work: Callable[[], object], runs: int) -> float:
    return statistics.median(timeit.repeat(work, number=1, repeat=runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    outlines = [build_outline(source) for source in texts()]
    chars = sum(len(outline.source.text) for outline in outlines)
    print(f"{len(outlines)} texts, {chars:,} characters, median of {runs} runs")
    texts_of_paragraphs = [p.text for outline in outlines for p in outline.paragraphs()]

    def read_numbers() -> None:
        for text in texts_of_paragraphs:
            quantities(text)

    reader = median_seconds(read_numbers, runs)
    print(f"{'quantities()':<16} {reader * 1000:8.1f} ms  {chars / reader / 1e6:6.2f} M chars/s")
    rules = [rule for rule in load_rules() if rule.name in RULES]
    for name, chosen in [*((rule.name, [rule]) for rule in rules), ("all four", rules)]:

        def run(chosen=chosen) -> None:
            for outline in outlines:
                for rule in chosen:
                    for _finding in rule.run(outline):
                        pass

        spent = median_seconds(run, runs)
        print(f"{name:<16} {spent * 1000:8.1f} ms  {chars / spent / 1e6:6.2f} M chars/s")
    dense = build_outline(Source("dense", _dense_text(20_000)))

    def run_dense() -> None:
        for rule in rules:
            for _finding in rule.run(dense):
                pass

    spent = median_seconds(run_dense, runs)
    size = len(dense.source.text)
    print(f"dense, all four  {spent * 1000:8.1f} ms  {size / spent / 1e6:6.2f} M chars/s")


def _dense_text(paragraphs: int) -> str:
    """One section whose every paragraph has a breakdown, a rate and a counted list."""
    return "一、工作情况\n" + "".join(
        f"受理案件{i}件，其中甲类{i}件、乙类{i}件，办结{i}件，办结率100%。"
        f"共{i % 9 + 2}项：一是学法，二是用法。\n"
        for i in range(paragraphs)
    )


if __name__ == "__main__":
    main()
