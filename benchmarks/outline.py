"""Time reading, the outline and the heading rules (H101-H105) and print the figures.

Reports are generated with make_corpus.py (400 by default, about 8 KB each) unless
a folder of .txt reports is given. Printed: read_source and build_outline per report; each heading
rule on outlines built beforehand; a fresh interpreter importing the outline and
parsing every marker the reports use, and whether that imported Lark; and a
document of 100,000 headings, to show the outline stays linear.

    python benchmarks/outline.py [--corpus DIR] [--reports 400] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_corpus import write_corpus

from lawlint.outline import build_outline
from lawlint.registry import load_rules
from lawlint.source import Source, read_source

RULES = ("H101", "H102", "H103", "H104", "H105")
_STARTUP = """
import sys, time
start = time.perf_counter()
from lawlint.outline import build_outline
from lawlint.source import read_source
imported = time.perf_counter()
for path in sys.argv[1:]:
    build_outline(read_source(path))
done = time.perf_counter()
print(f"{(imported - start) * 1e3:.1f} {(done - imported) * 1e3:.1f} {'lark' in sys.modules}")
"""


def median_ms(work: Callable[[], object], runs: int, per: int) -> float:
    """Median CPU milliseconds of ``work()`` divided by ``per``."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times) / per * 1e3


def outline_each(sources: list[Source]) -> None:
    """Outline each source and drop it, as a run does: keeping hundreds of outlines
    alive would add the garbage collector's full passes over them to the figure."""
    for source in sources:
        build_outline(source)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    if options.corpus:
        measure(sorted(options.corpus.rglob("*.txt"))[: options.reports], options.runs)
        return
    with tempfile.TemporaryDirectory(prefix="lawlint-outline-bench-") as folder:
        write_corpus(Path(folder), options.reports, 0, seed=1)
        measure(sorted(Path(folder).rglob("*.txt")), options.runs)


def measure(paths: list[Path], runs: int) -> None:
    sources = [read_source(path) for path in paths]
    count = len(sources)
    print(f"{count} reports, {sum(len(s.text) for s in sources) / count:.0f} characters each")

    read_ms = median_ms(lambda: [read_source(path) for path in paths], runs, count)
    print(f"read_source                 {read_ms:.4f} ms/report")
    outline_ms = median_ms(lambda: outline_each(sources), runs, count)
    print(f"build_outline               {outline_ms:.4f} ms/report")
    outlines = [build_outline(source) for source in sources]
    total = 0.0
    for rule in (rule for rule in load_rules() if rule.code in RULES):
        elapsed = median_ms(lambda r=rule: [list(r.run(o)) for o in outlines], runs, count)
        total += elapsed
        print(f"{rule.code} {rule.name:22} {elapsed:.4f} ms/report")
    print(f"H101-H105 together          {total:.4f} ms/report")

    result = subprocess.run(
        [sys.executable, "-c", _STARTUP, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    imported, parsed, lark = result.stdout.split()
    print(f"fresh interpreter: import outline {imported} ms, outline {count} reports {parsed} ms,")
    print(f"  Lark imported: {lark}")

    headings = "".join(f"（{n % 9 + 1}）标题{n}。正文。\n" for n in range(100_000))
    big = Source("big.txt", "一、总体情况\n" + headings)
    seconds = median_ms(lambda: build_outline(big), 3, 1000)
    print(f"100,000 headings ({len(big.text) / 1e6:.1f} M characters): {seconds:.2f} s")


if __name__ == "__main__":
    main()
