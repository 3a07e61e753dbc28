"""Where a process pool starts to pay: lint N files in one process and in a pool, print both.

The runner lints in one process below ``runner.POOL_MIN_FILES`` files and in a
pool above it. This prints, on generated reports of the usual size
(benchmarks/make_corpus.py), with the result cache off:

- the wall time of both ways for growing N (best of a few repeats);
- the CPU time per file in one process, and the CPU time a pool costs on top
  (start, send the contexts, collect, stop; the workers' CPU included),
  measured on jobs that do no work;
- the break-even N those two give: fixed cost / (per-file time x (1 - 1/cores)).

The wall times only mean something on an idle machine (the load average is
printed); the CPU-time figures hold up on a busy one, so the break-even from
them is what POOL_MIN_FILES is set from.

    python benchmarks/parallel_crossover.py [--sizes 1,2,4,8,16,32,64] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
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
from lawlint.runner import Job  # noqa: E402


def _run(jobs, contexts, pool: bool, repeat: int) -> tuple[float, float]:
    """Best (wall, CPU of this process and its finished workers) seconds to lint ``jobs``."""
    saved = runner.POOL_MIN_FILES
    runner.POOL_MIN_FILES = 1 if pool else len(jobs) + 1
    best_wall = best_cpu = float("inf")
    try:
        for _ in range(repeat):
            before, start = _cpu(), time.perf_counter()
            list(runner.lint_files(jobs, contexts, workers=runner._cores(), progress=False))
            wall, cpu = time.perf_counter() - start, _cpu() - before
            best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    finally:
        runner.POOL_MIN_FILES = saved
    return best_wall, best_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8,12,16,32,64")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    sizes = [int(item) for item in options.sizes.split(",")]
    cores = runner._cores()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"cores: {cores}  load average: {load}  (python {sys.version.split()[0]})")
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), max(sizes), long=0, seed=1)
        paths = [path for path, _ in collect([tmp], frozenset())]
        jobs, contexts = runner.plan(((path, None) for path in paths), Resolver(), _no_cache)
        _run(jobs[:1], contexts, pool=False, repeat=1)  # imports and memo warm-up
        print(f"{'files':>6} {'one process':>12} {'pool':>10} {'pool/one':>9}")
        for size in sizes:
            one, _ = _run(jobs[:size], contexts, pool=False, repeat=options.repeat)
            pool, _ = _run(jobs[:size], contexts, pool=True, repeat=options.repeat)
            print(f"{size:>6} {one * 1000:>10.1f}ms {pool * 1000:>8.1f}ms {pool / one:>9.2f}")
        _, cpu = _run(jobs, contexts, pool=False, repeat=options.repeat)
    per_file = cpu / len(jobs)
    idle = [Job("-", error="no work")] * 8
    fixed_wall, fixed = _run(idle, contexts, pool=True, repeat=7)
    even = fixed / (per_file * (1 - 1 / cores)) if cores > 1 else float("inf")
    print(f"CPU per file, one process: {per_file * 1000:.1f}ms")
    print(f"pool fixed cost (no work): {fixed * 1000:.1f}ms CPU, {fixed_wall * 1000:.1f}ms wall")
    print(f"break-even: {even:.1f} files; runner.POOL_MIN_FILES = {runner.POOL_MIN_FILES}")
    return 0


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _no_cache(*_: object) -> None:
    return None


if __name__ == "__main__":
    raise SystemExit(main())
