"""Time --fix on reports with many fixes and print the figures.

A report converted from PDF carries a stray space beside nearly every number,
so one file can hold thousands of fixes. The figures show how one fix run
(lint, apply, re-lint until nothing applies) grows with the number of fixes:
applying must stay close to linear, or a long report stalls --fix.

    python benchmarks/fix.py [--runs 3] [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import statistics
import time

from lawlint.fixer import fix_result
from lawlint.linter import LintResult, Selection, lint_source
from lawlint.registry import load_rules
from lawlint.source import Source

SELECTION = Selection(load_rules())


def report(fixes: int) -> str:
    """A generic report whose lines each hold two PDF spaces (two fixes per line)."""
    lines = [f"全年召开会议 {n} 场，发放资料 {n}.5 万份。" for n in range(fixes // 2)]
    return "青山县工作报告\n\n" + "\n".join(lines) + "\n"


def lint(text: str) -> LintResult:
    return lint_source(Source("report.txt", text), SELECTION)


def measure(fixes: int, runs: int) -> tuple[float, float, int]:
    """Median seconds to lint once, to fix completely, and the number fixed."""
    text = report(fixes)
    lint_times, fix_times, fixed = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        result = lint(text)
        lint_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        outcome = fix_result(result, lint, unsafe=False)
        fix_times.append(time.perf_counter() - start)
        fixed = sum(outcome.fixed.values())
    return statistics.median(lint_times), statistics.median(fix_times), fixed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    options = parser.parse_args()
    print(f"{'fixes':>7} {'lint s':>8} {'fix s':>8} {'fix/lint':>9} {'µs/fix':>8}")
    for size in options.sizes:
        lint_s, fix_s, fixed = measure(size, options.runs)
        print(
            f"{fixed:>7} {lint_s:>8.3f} {fix_s:>8.3f} {fix_s / lint_s:>9.2f} "
            f"{fix_s / fixed * 1e6:>8.1f}"
        )


if __name__ == "__main__":
    main()
