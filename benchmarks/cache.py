"""The result cache on a folder of reports: warm re-runs, one file against a full cache, size.

Prints, for a corpus (benchmarks/make_corpus.py, generated once in the work
folder, or ``--corpus DIR``), medians of several runs of the real ``lawlint``
command on a copy of the tree with its bytecode compiled (as run.py does):

- the first run, which fills the cache, and re-runs of the unchanged folder;
- one report of the folder against that full cache, as a pre-commit hook runs
  in a large repository, unchanged (answered from the cache) and edited (linted,
  then saved into the cache), next to the same report with ``--no-cache``;
- the re-run after one report of the folder was edited;
- the size of the cache folder and how many files it has;
- with ``--stages``, where a warm run's per-file time goes: CPU µs per report
  of the upfront check (with loading the results files), the recall, the JSON
  text (from the stored text, as a JSON run recalls it) and the counting (fewest
  of several rounds, in one process).

Each figure is wall time and the CPU time (user + system) of the process, since
on a shared machine the wall time says more about the neighbours than about lawlint.

    python benchmarks/cache.py [--files 10000] [--runs 5] [--corpus DIR] [--stages]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Bench  # a sibling script, not a package


def medians(bench: Bench, command: list[str], before_each=None) -> str:
    walls, cpus = [], []
    for _ in range(bench.runs):
        if before_each:
            before_each()
        wall, cpu = bench.timed(command)
        walls.append(wall)
        cpus.append(cpu)
    return f"{statistics.median(walls):.3f} s wall, {statistics.median(cpus):.3f} s CPU"


def edit(path: Path, original: bytes, counter: list[int]) -> None:
    """Give ``path`` new content (a different number each time), so it must be linted again.

    ASCII is appended, which UTF-8 and GB18030 files (not UTF-16 ones) take as it is.
    """
    counter[0] += 1
    path.write_bytes(original + f"\n{counter[0]}\n".encode("ascii"))


_STAGES = ("known (loads the results files)", "recall", "JSON text", "tally and fixable")


def stages(cache: Path, corpus: Path, rounds: int) -> None:
    """Print CPU µs per report of each step of a warm run (run in the snapshot's environment)."""
    from lawlint.cache import ResultCache
    from lawlint.fixer import fixable
    from lawlint.render import FileReport, Tally
    from lawlint.render.json_format import DiagnosticText

    paths = sorted(str(path) for path in corpus.rglob("*.txt"))
    # The fingerprint of the newest results files: those the last run wrote.
    newest = max(cache.glob("results-*-00.json"), key=lambda path: path.stat().st_mtime_ns)
    key = newest.name.split("-")[1]
    best: dict[str, float] = {}
    for _ in range(rounds):
        results, text, tally = ResultCache(cache, key), DiagnosticText(), Tally()
        clock = [time.process_time()]
        for path in paths:
            results.known(path)
        clock.append(time.process_time())
        # As a run that only writes JSON recalls them: the stored JSON text, not the rows.
        recalled = [results.recall(path, text=True) for path in paths]
        clock.append(time.process_time())
        for path, result in zip(paths, recalled, strict=True):  # as to a UTF-8 file or pipe
            tails = text.stored_tails(result.source, result.diagnostics)
            text.joined_bytes(path, tails, ",\n  ", "strict")
        clock.append(time.process_time())
        for path, result in zip(paths, recalled, strict=True):
            report = FileReport(path, result)
            tally.add(report)
            fixable([report])
        clock.append(time.process_time())
        for name, (began, ended) in zip(_STAGES, itertools.pairwise(clock), strict=True):
            best[name] = min(best.get(name, ended - began), ended - began)
    for name, seconds in best.items():
        print(f"  {name}: {seconds / len(paths) * 1e6:.1f} µs per report", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, help="work folder (default: a new temp folder)")
    parser.add_argument("--corpus", type=Path, help="a folder of reports (default: generated)")
    parser.add_argument("--files", type=int, default=10_000, help="reports to generate")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--stages", action="store_true", help="also time a warm run's steps")
    parser.add_argument("--stages-of", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stages_of:  # the child that --stages starts: CACHE CORPUS
        stages(*args.stages_of, args.runs)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="lawlint-cache-bench-"))
    bench = Bench(work, args.files, args.runs, seed=1)
    source = args.corpus or bench.corpus(args.files)
    corpus = work / "cache-corpus"  # a copy: one report of it is edited
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(source, corpus)
    reports = sorted(corpus.rglob("*.txt"))
    cache = work / "cache-folder"
    shutil.rmtree(cache, ignore_errors=True)
    options = ("--profile", "fazhi", "--format", "json")  # the same rules: the same cache
    folder_run = bench.lawlint(*options, "--cache-dir", str(cache), str(corpus))
    one = next(
        path
        for path in reports[len(reports) // 2 :]
        if not path.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))
    )
    one_run = bench.lawlint(*options, "--cache-dir", str(cache), str(one))
    print(f"{len(reports):,} reports in {corpus}; {bench.runs} runs per median", flush=True)

    wall, cpu = bench.timed(folder_run)
    print(f"first run, filling the cache: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    print(f"unchanged folder, cache warm: {medians(bench, folder_run)}", flush=True)
    files = [path for path in cache.iterdir() if path.name.startswith("results-")]
    size = sum(path.stat().st_size for path in files) / 2**20
    print(f"cache: {size:.1f} MB in {len(files)} results files", flush=True)

    if args.stages:
        print("a warm run's steps (fewest of the runs, in one process):", flush=True)
        child = [sys.executable, __file__, "--runs", str(bench.runs), "--stages-of"]
        subprocess.run([*child, str(cache), str(corpus)], env=bench.env, cwd=work, check=True)

    print(f"one report, unchanged, full cache: {medians(bench, one_run)}", flush=True)
    no_cache = bench.lawlint(*options, "--no-cache", str(one))
    print(f"one report, --no-cache: {medians(bench, no_cache)}", flush=True)
    original, counter = one.read_bytes(), [0]
    edited = medians(bench, one_run, lambda: edit(one, original, counter))
    print(f"one report, edited, full cache (lint + save): {edited}", flush=True)
    edited = medians(bench, folder_run, lambda: edit(one, original, counter))
    print(f"folder with one report edited (lint 1 + save): {edited}", flush=True)
    one.write_bytes(original)
    return 0


if __name__ == "__main__":
    sys.exit(main())
