"""Time the numeric rules (N401–N404) and the number reader on real text; print the figures.

An outline remembers what the rules derived from it (Outline.derived), so each
timed run builds its outlines afresh and the time of building them alone is
subtracted: the figures are the rules' own cost. The number reader
(lawlint.numerals.quantities) is timed alone over every paragraph. A rule alone
reads the numbers of every outline itself; run together on one outline, as a
lint runs them, the four share one reading: the "all four" line.
The text is the 72 corpus reports and the five seeds from ../shared (or the
fixture reports when ../shared is absent). A generated worst case follows: one
section of 20,000 paragraphs dense with totals, rates and counted lists, where
a list search that looked ahead without bound would be quadratic.

Last, the four rules per report as a lint runs them: over generated reports
(make_corpus.py), each outline built and then every fazhi rule run on it in
the registry's order, the CPU time of each number rule alone (the first of
them pays for the shared reader); the minimum over passes.

    python benchmarks/numeric_rules.py [--runs 5] [--reports 1000] [--passes 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
import timeit
from collections.abc import Callable

from text_rules import texts
from text_rules_speed import reports

from lawlint.linter import Selection
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
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs
    sources = list(texts())
    outlines = [build_outline(source) for source in sources]
    chars = sum(len(source.text) for source in sources)
    print(f"{len(sources)} texts, {chars:,} characters, median of {runs} runs")
    texts_of_paragraphs = [p.text for outline in outlines for p in outline.paragraphs()]

    def read_numbers() -> None:
        for text in texts_of_paragraphs:
            quantities(text)

    reader = median_seconds(read_numbers, runs)
    print(f"{'quantities()':<16} {reader * 1000:8.1f} ms  {chars / reader / 1e6:6.2f} M chars/s")
    rules = [rule for rule in load_rules() if rule.name in RULES]
    for name, chosen in [*((rule.name, [rule]) for rule in rules), ("all four", rules)]:
        spent = rules_seconds(sources, chosen, runs)
        print(f"{name:<16} {spent * 1000:8.1f} ms  {chars / spent / 1e6:6.2f} M chars/s")
    dense = Source("dense", _dense_text(20_000))
    spent = rules_seconds([dense], rules, runs)
    size = len(dense.text)
    print(f"dense, all four  {spent * 1000:8.1f} ms  {size / spent / 1e6:6.2f} M chars/s")
    figures = per_report(reports(args.reports), args.passes)
    print(f"per report, {args.reports} generated reports, every fazhi rule run, CPU us:")
    print("  " + "  ".join(f"{name} {us:.1f}" for name, us in figures.items()))


def per_report(sources: list[Source], passes: int) -> dict[str, float]:
    """Minimum CPU us per report of each number rule (and of the four), run among the others."""
    chosen = Selection(load_rules(), profile="fazhi").rules_for("fazhi")
    best: dict[str, float] = {}
    for _ in range(passes):
        spent = dict.fromkeys([rule.name for rule in chosen if rule.name in RULES], 0.0)
        for source in sources:
            outline = build_outline(source)
            for rule in chosen:
                start = time.process_time()
                for _finding in rule.run(outline):
                    pass
                if rule.name in spent:
                    spent[rule.name] += time.process_time() - start
        spent["all four"] = sum(spent.values())
        for name, seconds in spent.items():
            best[name] = min(best.get(name, float("inf")), seconds / len(sources) * 1e6)
    return best


def rules_seconds(sources: list[Source], rules: list, runs: int) -> float:
    """Median time of running ``rules`` on fresh outlines, less that of building them."""

    def outline_only() -> None:
        for source in sources:
            build_outline(source)

    def outline_and_rules() -> None:
        for source in sources:
            outline = build_outline(source)
            for rule in rules:
                for _finding in rule.run(outline):
                    pass

    return median_seconds(outline_and_rules, runs) - median_seconds(outline_only, runs)


def _dense_text(paragraphs: int) -> str:
    """One section whose every paragraph has a breakdown, a rate and a counted list."""
    return "一、工作情况\n" + "".join(
        f"受理案件{i}件，其中甲类{i}件、乙类{i}件，办结{i}件，办结率100%。"
        f"共{i % 9 + 2}项：一是学法，二是用法。\n"
        for i in range(paragraphs)
    )


if __name__ == "__main__":
    main()
