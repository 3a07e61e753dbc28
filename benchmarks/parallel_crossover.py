"""Where a process pool starts to pay: lint N files in one process and in a pool, print both.

The runner lints in one process below ``runner.POOL_MIN_FILES`` files and in a
pool of ``--jobs`` workers above it. This measures both ways for growing N on
generated reports (benchmarks/make_corpus.py) of the usual size, best of a few
repeats, the result cache off, so that the threshold is a measured figure:

    python benchmarks/parallel_crossover.py [--sizes 1,2,4,8,16,32,64] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.make_corpus import write_corpus  # noqa: E402
from lawlint import runner  # noqa: E402
from lawlint.config import Resolver  # noqa: E402
from lawlint.discovery import collect  # noqa: E402


def timed(folder: Path, count: int, pool: bool, repeat: int) -> float:
    """Best wall time in seconds to lint the first ``count`` files, in a pool or not."""
    resolver = Resolver()
    paths = [path for path, _ in collect([str(folder)], frozenset())][:count]
    jobs, contexts = runner.plan(((path, None) for path in paths), resolver, lambda *_: None)
    saved = runner.POOL_MIN_FILES
    runner.POOL_MIN_FILES = 1 if pool else len(jobs) + 1
    best = float("inf")
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            runner.lint_files(jobs, contexts, workers=os.cpu_count(), progress=False)
            best = min(best, time.perf_counter() - start)
    finally:
        runner.POOL_MIN_FILES = saved
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,6,8,12,16,32,64")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    sizes = [int(item) for item in options.sizes.split(",")]
    print(f"cores: {os.cpu_count()}  (python {sys.version.split()[0]})")
    print(f"{'files':>6} {'one process':>12} {'pool':>10} {'pool/one':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, max(sizes), long=0, seed=1)
        timed(folder, 1, pool=False, repeat=1)  # import and memo warm-up
        for size in sizes:
            one = timed(folder, size, pool=False, repeat=options.repeat)
            pool = timed(folder, size, pool=True, repeat=options.repeat)
            print(f"{size:>6} {one * 1000:>10.1f}ms {pool * 1000:>8.1f}ms {pool / one:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
