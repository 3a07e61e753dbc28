"""Time the text and fazhi-structure rules per report, and what loading the rules costs.

Two figures, each printed with how it was measured:

- per rule, ms per report: CPU time over generated reports (make_corpus.py),
  on outlines built beforehand and fresh for every pass, so that nothing an
  outline remembers (the fazhi classification, the paragraph list) is reused
  from an earlier pass; the minimum of several passes. The fazhi rules share
  one classification, charged to the first of them that runs.
- loading the rules in a fresh interpreter: importing the registry and the
  check kinds, then load_rules() with and without a cache folder (CPU time,
  median of several processes).

    python benchmarks/text_rules_speed.py [--reports 400] [--passes 7] [--processes 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # a sibling script, not a package

from lawlint.outline import Outline, build_outline
from lawlint.registry import load_rules
from lawlint.source import Source, read_source

RULES = (
    "pdf-digit-space",
    "fixed-phrase",
    "instrument-name",
    "conversion-artifact",
    "missing-measures-section",
    "missing-shortcomings-section",
    "missing-responsible-section",
    "missing-plans-section",
    "responsible-content-thin",
    "shortcomings-without-causes",
)

LOAD = r"""
import sys, time
from pathlib import Path
start = time.process_time()
from lawlint import registry
if sys.argv[1]:
    registry.use_cache_dir(Path(sys.argv[1]))
imported = time.process_time()
registry.load_rules()
print((imported - start) * 1e3, (time.process_time() - imported) * 1e3)
"""


def reports(count: int) -> list[Source]:
    with tempfile.TemporaryDirectory() as folder:
        make_corpus.write_corpus(Path(folder), files=count, long=0, seed=1)
        return [read_source(path) for path in sorted(Path(folder).rglob("*.txt"))]


def per_step(
    sources: list[Source], steps: Sequence[tuple[str, Callable[[Outline], object]]], passes: int
) -> dict[str, float]:
    """Minimum CPU ms per report of each named step over ``passes`` passes."""
    best = dict.fromkeys((name for name, _ in steps), float("inf"))
    for _ in range(passes):
        outlines = [build_outline(source) for source in sources]
        spent = dict.fromkeys(best, 0.0)
        for outline in outlines:
            for name, step in steps:
                start = time.process_time()
                step(outline)
                spent[name] += time.process_time() - start
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds / len(sources) * 1e3)
    return best


def rule_steps(names: Sequence[str]) -> list[tuple[str, Callable[[Outline], object]]]:
    """Each named rule as a step that runs it to the end."""
    return [
        (rule.name, lambda outline, rule=rule: list(rule.run(outline)))
        for rule in load_rules()
        if rule.name in names
    ]


def loading(processes: int) -> dict[str, tuple[float, float]]:
    """Median CPU ms (import, load_rules) in fresh interpreters, with and without a cache."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    figures = {}
    with tempfile.TemporaryDirectory() as cache:
        for label, folder in (("with a cache folder", cache), ("without (--no-cache)", "")):
            runs = [
                tuple(
                    map(
                        float,
                        subprocess.check_output(
                            [sys.executable, "-c", LOAD, folder], env=env, text=True
                        ).split(),
                    )
                )
                for _ in range(processes + 1)
            ][1:]  # the first run writes bytecode and the cache
            figures[label] = (
                statistics.median(run[0] for run in runs),
                statistics.median(run[1] for run in runs),
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--processes", type=int, default=9)
    options = parser.parse_args()
    sources = reports(options.reports)
    print(f"{len(sources)} generated reports, CPU ms per report, min of {options.passes} passes")
    figures = per_step(sources, rule_steps(RULES), options.passes)
    for name in RULES:
        print(f"  {name:30} {figures[name]:7.3f}")
    print(f"  {'all of these':30} {sum(figures.values()):7.3f}")
    print(f"loading the rules, CPU ms, median of {options.processes} fresh processes")
    for label, (imported, loaded) in loading(options.processes).items():
        print(f"  {label:22} import {imported:6.1f}   load_rules {loaded:6.1f}")


if __name__ == "__main__":
    main()
