"""Measure lawlint's speed and memory and print the figures (medians of several runs).

Every figure comes from running the real ``lawlint`` command in a subprocess with
this interpreter (``sys.executable``) on a generated corpus (make_corpus.py), next
to a reference measured in the same run on the same machine: the start-up of
``import rich.console``, and a floor that only reads every file and runs one
regex. The working tree is copied first, so that edits made while the benchmark
runs do not change what is measured (or invalidate the cache between runs).

    python benchmarks/run.py                       # the standard set (10,000 reports)
    python benchmarks/run.py --growth 1000,10000,100000 --runs 3
    python benchmarks/run.py --only single,cache   # some measures only

Memory is the peak proportional set size (PSS) of the whole process tree
(lawlint and its forked workers, shared pages counted once), sampled from /proc
every 5 ms; the summed RSS and the largest single process's peak from
getrusage(RUSAGE_CHILDREN) are printed beside it.
"""

from __future__ import annotations

import argparse
import compileall
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # a sibling script, not a package

ROOT = Path(__file__).resolve().parent.parent
MEASURES = ("single", "corpus", "full", "memory", "cache", "growth", "size", "hostile")

FLOOR = r"""
import os, re, sys
heading = re.compile(r"^[（(]?[一二三四五六七八九十0-9]+[）)、.．]", re.M)
found = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), "rb") as stream:
                found += len(heading.findall(stream.read().decode("utf-8", "replace")))
print(found)
"""

# Times one in-process lint of each file given (start-up excluded), for the size exponent.
IN_PROCESS = r"""
import sys, time
from lawlint.linter import Selection, lint_source
from lawlint.registry import load_rules
from lawlint.source import read_source
selection = Selection(load_rules(), "fazhi")
for path in sys.argv[1:]:
    source = read_source(path)
    lint_source(source, selection)
    best = []
    for _ in range(3):
        began = time.perf_counter()
        lint_source(read_source(path), selection)
        best.append(time.perf_counter() - began)
    print(sorted(best)[1])
"""


@dataclass
class Row:
    """One line of the results table."""

    measure: str
    target: str
    result: str
    command: str


def snapshot(tree: Path) -> Path:
    """Copy the package and its data to ``tree``, bytecode compiled, no regex memo yet."""
    for name in ("lawlint", "rules", "grammars"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(tree / "lawlint", quiet=1)
    return tree


class Bench:
    """The work folder, the frozen copy of the tree and the results so far."""

    def __init__(self, work: Path, files: int, runs: int, seed: int) -> None:
        self.work = work
        self.files = files
        self.runs = runs
        self.seed = seed
        self.rows: list[Row] = []
        # Output buffered as in a user's shell, whatever this shell's PYTHONUNBUFFERED says.
        shell = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
        self.env = dict(shell, PYTHONPATH=str(self._snapshot()))

    def _snapshot(self) -> Path:
        """A copy of the tree with its bytecode compiled, as ``pip install`` leaves it.

        Without .pyc files (PYTHONDONTWRITEBYTECODE, or a read-only checkout) every
        start would recompile lawlint's own modules, some 50 ms no user pays. One
        run with bytecode writing allowed leaves the regex memo beside them, as a
        user's first run does.
        """
        tree = self.work / "tree"
        if not tree.exists():
            snapshot(tree)
            env = dict(os.environ, PYTHONPATH=str(tree))
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            sample = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))[0]
            command = [sys.executable, "-m", "lawlint", "--no-cache", str(sample)]
            subprocess.run(command, env=env, cwd=self.work, stdout=subprocess.DEVNULL)
        return tree

    def lawlint(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "lawlint", *args]

    def run(self, command: Sequence[str], output: Path | None = None) -> float:
        """Wall time of one run; lawlint's exit 0/1 are both normal."""
        return self.timed(command, output)[0]

    def timed(self, command: Sequence[str], output: Path | None = None) -> tuple[float, float]:
        """Wall and CPU (user + system) seconds of one run."""
        target = output.open("w") if output else subprocess.DEVNULL
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        # From the work folder: `python -m` puts the current folder first on the
        # path, and a checkout's own lawlint/ there would shadow the snapshot.
        done = subprocess.run(
            command, env=self.env, cwd=self.work, stdout=target, stderr=subprocess.PIPE
        )
        elapsed = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if output:
            target.close()
        if done.returncode not in (0, 1) or b"Traceback" in done.stderr:
            raise SystemExit(
                f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}"
            )
        return elapsed, after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime

    def median(self, command: Sequence[str], runs: int | None = None) -> float:
        return statistics.median(self.run(command) for _ in range(runs or self.runs))

    def corpus(self, files: int, long: int = 0) -> Path:
        folder = self.work / f"corpus-{files}"
        if not folder.exists():
            print(f"  generating {files} reports in {folder} …", flush=True)
            make_corpus.write_corpus(folder, files, long, self.seed)
        return folder

    def add(self, measure: str, target: str, result: str, command: Sequence[str]) -> None:
        shown = " ".join(Path(part).name if part == sys.executable else part for part in command)
        self.rows.append(Row(measure, target, result, shown.replace(str(self.work), "$WORK")))
        print(f"{measure}: {result}", flush=True)


def measure_single(bench: Bench) -> None:
    """One report, default output, a file not linted before (pre-commit on a changed file)."""
    corpus = bench.corpus(bench.files)
    cache = bench.work / "cache-single"
    shutil.rmtree(cache, ignore_errors=True)  # a --work used before: its files would be hits
    files = sorted((corpus / "001").glob("*.txt"))
    bench.run(bench.lawlint("--cache-dir", str(cache), str(files[-1])))  # marker memo warm
    lint, cold, rich, bare = [], [], [], []
    for path in files[: max(bench.runs * 2, 10)]:  # interleaved, so noise hits all alike
        lint.append(bench.run(bench.lawlint("--cache-dir", str(cache), str(path))))
        cold.append(bench.run(bench.lawlint("--no-cache", str(path))))
        rich.append(bench.run([sys.executable, "-c", "import rich.console"]))
        bare.append(bench.run([sys.executable, "-c", "pass"]))
    ms = [statistics.median(values) * 1000 for values in (lint, cold, rich, bare)]
    bench.add(
        "one report, default output",
        "≤ 100 ms (stretch 60)",
        f"{ms[0]:.0f} ms ({ms[1]:.0f} ms with --no-cache); "
        f"`import rich.console` {ms[2]:.0f} ms; `python -c pass` {ms[3]:.0f} ms",
        bench.lawlint(str(files[0])),
    )


def measure_corpus(bench: Bench) -> None:
    corpus = bench.corpus(bench.files)
    files = _count(corpus)
    command = bench.lawlint("--profile", "fazhi", "--format", "json", "--no-cache", str(corpus))
    seconds = bench.median(command)
    floor = bench.median([sys.executable, "-c", FLOOR, str(corpus)])
    bench.add(
        f"{files:,} reports, fazhi, json",
        "≤ 3.0 s (stretch 2.0)",
        f"{seconds:.2f} s, {files / seconds:,.0f} files/s; floor (read + 1 regex) {floor:.2f} s; "
        f"{seconds / floor:.1f}× floor",
        command,
    )


def measure_full(bench: Bench) -> None:
    corpus = bench.corpus(bench.files) / "000"
    timed = {}
    for name in ("json", "full"):
        command = bench.lawlint("--format", name, "--no-cache", str(corpus))
        timed[name] = bench.median(command)
    output = bench.work / "full.txt"
    bench.run(bench.lawlint("--no-cache", str(corpus)), output)
    shown = sum(1 for line in output.read_text(encoding="utf-8").splitlines() if "-->" in line)
    bench.add(
        f"{_count(corpus):,} reports, full vs json",
        "full ≤ 1.3× json",
        f"full {timed['full']:.2f} s, json {timed['json']:.2f} s: "
        f"{timed['full'] / timed['json']:.2f}× ({shown:,} diagnostics shown)",
        bench.lawlint("--no-cache", str(corpus)),
    )


def measure_memory(bench: Bench) -> None:
    corpus = bench.corpus(bench.files)
    command = bench.lawlint("--profile", "fazhi", "--format", "json", "--no-cache", str(corpus))
    pss, rss, largest = peak_memory(command, bench.env)
    bench.add(
        f"peak memory, {_count(corpus):,} reports",
        "≤ 50 MB",
        f"{pss / 2**20:.0f} MB process tree (PSS: pages shared by the workers counted once); "
        f"{rss / 2**20:.0f} MB summing each process's RSS; largest process "
        f"{largest / 2**20:.0f} MB (RUSAGE_CHILDREN)",
        command,
    )


def peak_memory(command: Sequence[str], env: dict) -> tuple[int, int, int]:
    """Peaks in bytes: PSS and RSS summed over the process tree, RSS of the largest process.

    The workers are forked from lawlint after its imports, so most of their pages
    are the parent's, shared: summed RSS counts those once per process, the
    proportional set size (PSS) once in all.
    """
    helper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", helper, *command], env=env, stdout=subprocess.PIPE, text=True
    )
    peaks = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            sizes = _tree_memory(process.pid, exclude=process.pid)
            peaks[:] = [max(peak, size) for peak, size in zip(peaks, sizes, strict=True)]
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = process.communicate()
    stop.set()
    sampler.join()
    return peaks[0], peaks[1], int(out.strip().splitlines()[-1])


def _tree_memory(pid: int, exclude: int) -> tuple[int, int]:
    """(PSS, RSS) in bytes of ``pid``'s descendants (the helper itself excluded)."""
    pss = rss = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as stream:
                    pending += [int(child) for child in stream.read().split()]
            if current != exclude:
                with open(f"/proc/{current}/smaps_rollup") as stream:
                    sizes = dict(_kilobytes(line) for line in stream if line[:4] in _SIZES)
                pss += sizes.get("Pss", 0)
                rss += sizes.get("Rss", 0)
        except (OSError, ValueError):
            continue
    return pss, rss


_SIZES = ("Rss:", "Pss:")


def _kilobytes(line: str) -> tuple[str, int]:
    """``Pss:   1234 kB`` -> ("Pss", 1263616)."""
    name, size, _ = line.split()
    return name.rstrip(":"), int(size) * 1024


def measure_cache(bench: Bench) -> None:
    corpus = bench.corpus(bench.files)
    cache = bench.work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    command = bench.lawlint(
        "--profile", "fazhi", "--format", "json", "--cache-dir", str(cache), str(corpus)
    )
    cold = bench.run(command)
    warm = bench.median(command)
    bench.add(
        f"unchanged {_count(corpus):,} reports, cache warm",
        "≤ 0.5 s",
        f"{warm:.2f} s (first run, filling the cache: {cold:.2f} s)",
        command,
    )


def measure_growth(bench: Bench, sizes: Sequence[int]) -> None:
    points = []
    for files in sizes:
        corpus = bench.corpus(files)
        command = bench.lawlint("--profile", "fazhi", "--format", "json", "--no-cache", str(corpus))
        seconds = bench.median(command, runs=1 if files > 20_000 else None)
        points.append((files, seconds))
        print(f"  {files:,} reports: {seconds:.2f} s", flush=True)
    bench.add(
        "growth with file count",
        "exponent ~1",
        f"exponent {_slope(points):.2f} ("
        + ", ".join(f"{n:,}: {s:.2f} s" for n, s in points)
        + ")",
        bench.lawlint("--profile", "fazhi", "--format", "json", "--no-cache", "DIR"),
    )


def measure_size(bench: Bench, sizes: Sequence[int]) -> None:
    folder = bench.work / "sizes"
    folder.mkdir(exist_ok=True)
    rng = random.Random(bench.seed)
    pool = make_corpus.Pool(make_corpus.source_texts())
    paths = []
    for size in sizes:
        path = folder / f"doc_{size}.txt"
        path.write_text(make_corpus.report(rng, pool, size).replace("\r\n", "\n"), encoding="utf-8")
        paths.append(path)
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, *map(str, paths)],
        env=bench.env,
        capture_output=True,
        text=True,
        check=True,
    )
    points = [
        (path.stat().st_size, float(line))
        for path, line in zip(paths, done.stdout.split(), strict=True)
    ]
    bench.add(
        "growth with document size (in-process lint)",
        "exponent ~1",
        f"exponent {_slope(points):.2f} ("
        + ", ".join(f"{n / 1000:,.0f} KB: {s * 1000:.1f} ms" for n, s in points)
        + ")",
        ["lint_source(read_source(doc))", "# IN_PROCESS in benchmarks/run.py"],
    )


def measure_hostile(bench: Bench) -> None:
    """Inputs built to hurt (as tests/test_bad_input.py builds them): time and peak memory."""
    folder = bench.work / "hostile"
    folder.mkdir(exist_ok=True)
    for name, measure, target, write in HOSTILE:
        path = folder / name
        if not path.exists():
            write(path)
        command = bench.lawlint("--no-cache", "--format", "json", str(path))
        began = time.perf_counter()
        _, _, largest = peak_memory(command, bench.env)
        seconds = time.perf_counter() - began
        size = path.stat().st_size / 2**20
        result = f"{seconds:.2f} s, {largest / 2**20:.0f} MB max RSS ({size:.1f} MB file)"
        bench.add(measure, target, result, command)


def _too_large(path: Path) -> None:
    line = ("全年办理行政执法案件46件，办结46件。" * 20 + "\n").encode()
    with path.open("wb") as stream:
        for _ in range(50 * 2**20 // len(line) + 1):
            stream.write(line)


def _headings(path: Path) -> None:
    from lawlint.markers import chinese_numeral

    lines = (f"{chinese_numeral(i % 99 + 1)}、推进依法行政工作\n" for i in range(100_000))
    path.write_text("".join(lines), encoding="utf-8")


def _one_line(sentence: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(sentence * (2**20 // len(sentence.encode())), encoding="utf-8")

    return write


HOSTILE = (
    ("big.txt", "a 50 MB file", "refused quickly, no memory blow-up", _too_large),
    ("headings.txt", "100,000 headings", "no crash; seconds, not minutes", _headings),
    (
        "line.txt",
        "a 1 MB line of figures",
        "no crash; seconds, not minutes",
        _one_line("全年办理行政执法案件46件，其中简易程序案件30件、普通程序案件16件；审核率100%。"),
    ),
    (
        "quoted.txt",
        "a 1 MB line, a quotation in every sentence",
        "no crash; seconds, not minutes",
        _one_line("全年开展“八五”普法活动46场，其中线上30场、线下16场；参与率100%。"),
    ),
    (
        "parts.txt",
        "a 1 MB sentence of 其中5件 (no comma, no 。)",
        "no hang; seconds, not minutes",
        _one_line("其中5件"),
    ),
)


def _slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log(time) over log(size)."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def _count(folder: Path) -> int:
    return sum(len([n for n in names if n.endswith(".txt")]) for _, _, names in os.walk(folder))


def _sizes(text: str) -> list[int]:
    return [int(item) for item in text.split(",") if item]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, help="work folder (default: a new temp folder)")
    parser.add_argument("--files", type=int, default=10_000, help="reports in the main corpus")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--growth", default="1000,10000", help="file counts for the exponent")
    parser.add_argument("--doc-sizes", default="10000,100000,1000000", help="bytes per document")
    parser.add_argument("--only", default=",".join(MEASURES), help=",".join(MEASURES))
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="lawlint-bench-"))
    if work.resolve().is_relative_to(ROOT):
        parser.error("use a work folder outside the repository")
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, args.files, args.runs, args.seed)
    print(f"work folder {work}; {os.cpu_count()} CPUs; {sys.version.split()[0]}", flush=True)
    steps: dict[str, Callable[[], None]] = {
        "single": lambda: measure_single(bench),
        "corpus": lambda: measure_corpus(bench),
        "full": lambda: measure_full(bench),
        "memory": lambda: measure_memory(bench),
        "cache": lambda: measure_cache(bench),
        "growth": lambda: measure_growth(bench, _sizes(args.growth)),
        "size": lambda: measure_size(bench, _sizes(args.doc_sizes)),
        "hostile": lambda: measure_hostile(bench),
    }
    for name in args.only.split(","):
        steps[name]()
    print("\n| measure | target | result | command |\n|---|---|---|---|")
    for row in bench.rows:
        print(f"| {row.measure} | {row.target} | {row.result} | `{row.command}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
