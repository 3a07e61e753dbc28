"""CPU per report of the text, year and fazhi-structure rules where a lint runs them.

Each report's outline is built fresh and every rule of the fazhi profile runs
on it in order, as lint_source does; the CPU time of each rule named in RULES
is summed (less what reading the clock costs). Shared work is charged to the
rule that asks for it first: the rare-character scan and the joined running
text to fixed-phrase, the report-item classification to
missing-measures-section.

The remembered answers (heading titles' items and years, cited titles' nearest
known form) fill as a run goes, so each pass reads reports it has not seen:
pass k reads reports k*N to (k+1)*N of the folder, after a warm-up on its last
200. Other processes on the machine slow a pass down, never speed it up: the
figures are the least over the passes.

    python benchmarks/text_rules_inplace.py DIR [--reports 800] [--passes 6]
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from lawlint.linter import Selection
from lawlint.outline import build_outline
from lawlint.registry import Rule, load_rules
from lawlint.source import Source, read_source

RULES = (
    "pdf-digit-space",
    "missing-measures-section",
    "missing-shortcomings-section",
    "missing-responsible-section",
    "responsible-not-sectioned",
    "responsible-content-thin",
    "missing-plans-section",
    "shortcomings-without-causes",
    "section-order",
    "year-mismatch",
    "fixed-phrase",
    "instrument-name",
    "conversion-artifact",
    "template-placeholder",
)


def one_pass(sources: list[Source], rules: list[Rule]) -> dict[str, float]:
    """CPU seconds per report of each rule of RULES the profile runs, among all its rules."""
    clock = time.process_time
    spent = dict.fromkeys((rule.name for rule in rules), 0.0)
    for source in sources:
        outline = build_outline(source)
        for rule in rules:
            start = clock()
            for _ in rule.run(outline):
                pass
            spent[rule.name] += clock() - start
    return {name: total / len(sources) for name, total in spent.items() if name in RULES}


def clock_cost() -> float:
    clock = time.process_time
    start = clock()
    for _ in range(100_000):
        clock()
    return (clock() - start) / 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt reports")
    parser.add_argument("--reports", type=int, default=800, help="reports per pass")
    parser.add_argument("--passes", type=int, default=6)
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.txt"))
    count = args.reports
    if len(paths) < count * args.passes + 200:
        parser.error(f"{args.folder} holds {len(paths)} reports, fewer than the passes read")
    rules = Selection(load_rules(), profile="fazhi").rules_for("fazhi")
    one_pass([read_source(path) for path in paths[-200:]], rules)
    slices = [
        [read_source(path) for path in paths[k * count : (k + 1) * count]]
        for k in range(args.passes)
    ]
    gc.freeze()
    reading = clock_cost()
    figures = [one_pass(sources, rules) for sources in slices]
    print(f"{count} reports a pass, {args.passes} passes, CPU us per report, least over the passes")
    for name in figures[0]:
        print(f"{name:30} {(min(f[name] for f in figures) - reading) * 1e6:6.1f}")
    totals = [sum(f.values()) - reading * len(f) for f in figures]
    print(f"{'all of them (least pass)':30} {min(totals) * 1e6:6.1f}")


if __name__ == "__main__":
    main()
