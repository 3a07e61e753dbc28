"""Time the fazhi structure and year rules (S201-S208, Y301) and print the figures.

All nine read one classification of the report's sections into the regulation's
items (lawlint/fazhi_items.py), computed once per outline; this shows what the
rules cost per report and how much of it is that classification. Outlines are
built once beforehand. The text is the five seeds and every fixture report, plus
the 72 corpus texts run under the fazhi profile as a larger workload (their
findings are not the point here).

With ``--corpus DIR`` it times the rules where lint_source runs them instead:
each report's outline is built and every rule of the fazhi profile run on it in
order, and the CPU time of each of the nine is summed (less what reading the
clock costs). That is what a real run pays: the rules' code and the outline
come back cold after the other rules, which here costs up to twice a warm loop.

    python benchmarks/fazhi_rules.py [--runs 5] [--corpus DIR --reports 2000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from lawlint.fazhi_items import _classify
from lawlint.linter import Selection
from lawlint.outline import Outline, build_outline
from lawlint.registry import Rule, load_rules
from lawlint.source import Source, read_source

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CODES = ("S201", "S202", "S203", "S204", "S205", "S206", "S207", "S208", "Y301")


def texts() -> list[Source]:
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.txt"))
    sources = [read_source(path) for path in paths]
    corpus = SHARED / "corpora" / "government_work_reports.jsonl"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as stream:
            sources += [Source("corpus", json.loads(line)["content"]) for line in stream]
    return sources


def median_seconds(work: Callable[[], None], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_place(sources: list[Source], rules: list[Rule]) -> dict[str, float]:
    """CPU seconds per report of each of CODES the profile runs, among all its rules."""
    clock = time.process_time
    spent = {rule.code: 0.0 for rule in rules if rule.code in CODES}
    reading = 0.0
    for source in sources:
        outline = build_outline(source)
        start = clock()
        reading += clock() - start
        for rule in rules:
            start = clock()
            list(rule.run(outline))
            if rule.code in spent:
                spent[rule.code] += clock() - start
    return {code: (total - reading) / len(sources) for code, total in spent.items()}


def corpus_figures(folder: Path, reports: int, runs: int) -> None:
    sources = [read_source(path) for path in sorted(folder.rglob("*.txt"))[:reports]]
    rules = Selection(load_rules(), profile="fazhi").rules_for("fazhi")
    in_place(sources[:100], rules)  # compile the patterns, fill the memos
    figures = [in_place(sources, rules) for _ in range(runs)]
    print(f"{len(sources)} reports of {folder}, CPU per report, median of {runs} runs")
    for code in figures[0]:
        print(f"{code}  {statistics.median(f[code] for f in figures) * 1e6:6.1f} µs")
    total = statistics.median(sum(f.values()) for f in figures)
    print(f"all   {total * 1e6:6.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, help="a folder of .txt reports")
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    runs = args.runs
    if args.corpus:
        corpus_figures(args.corpus, args.reports, runs)
        return
    sources = texts()
    outlines: list[Outline] = [build_outline(source) for source in sources]
    characters = sum(len(source.text) for source in sources)
    rules = [rule for rule in load_rules() if rule.code in CODES]
    specs = rules[0].options.specs

    def nine_rules() -> None:
        # as lint_source runs them: every rule on one outline, then the next outline
        for outline in outlines:
            for rule in rules:
                list(rule.run(outline))

    def classification() -> None:
        # _classify, not classify: the rules above left each outline's answer
        # remembered, and classify() would only look it up
        for outline in outlines:
            _classify(outline, specs)

    total = median_seconds(nine_rules, runs)
    alone = median_seconds(classification, runs)
    count = len(sources)
    print(f"{count} texts, {characters / 1e6:.2f} M characters, median of {runs} runs")
    for label, seconds in (
        ("nine rules as lint_source runs them", total),
        ("one classification per text", alone),
        ("the rules besides it", total - alone),
    ):
        print(f"{label:37} {seconds * 1000:7.1f} ms  {seconds / count * 1e6:6.0f} µs/text")


if __name__ == "__main__":
    main()
