"""Start-up of a one-report run: where its CPU time goes, and what the regex memo saves.

A copy of the tree with its bytecode compiled (as an install has it) lints one
generated report with ``--no-cache`` (the cost of a file not in the cache), interleaved
with ``python -c pass`` so that machine noise hits all alike:

- memo cold: no regex memo and PYTHONDONTWRITEBYTECODE set, so every pattern
  is compiled, as on a read-only install or the first run after an upgrade;
- memo warm: the memo written by an earlier run, as every later run has it;
- fresh venv: memo warm, in a virtual environment that sees the tree and this
  interpreter's installed packages but runs none of its .pth files (here one
  imports certifi, pathlib and more at every start, ~30 ms a user's venv does
  not pay), beside ``python -c pass`` in the same venv.

Then one in-process run split into its phases (importing the command line,
the registry and the rest; loading the rules, which imports the check kinds;
the run itself).
CPU time (user + system), not wall time: others share the machine.

    python benchmarks/startup.py --runs 11
"""

from __future__ import annotations

import argparse
import os
import resource
import site
import statistics
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # sibling scripts, not a package
from run import snapshot

ROOT = Path(__file__).resolve().parent.parent

PHASES = r"""
import io, sys, time
from contextlib import redirect_stdout
marks = [time.process_time()]
import lawlint.cli
marks.append(time.process_time())
import lawlint.config, lawlint.fixer, lawlint.linter, lawlint.registry, lawlint.runner
import lawlint.render.full_format
marks.append(time.process_time())
from lawlint.registry import load_rules
load_rules()
marks.append(time.process_time())
with redirect_stdout(io.StringIO()):
    lawlint.cli.main(["--no-cache", sys.argv[1]])  # loads the rules again, as a run does
marks.append(time.process_time())
print(" ".join(f"{(b - a) * 1000:.1f}" for a, b in zip(marks, marks[1:])))
"""
PHASE_NAMES = (
    "import lawlint.cli",
    "import registry, config, the rest",
    "load_rules (the checks load when they first run)",
    "the run (importing the checks it runs)",
)


def cpu_ms(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """CPU time of one run of ``command`` (user + system of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return used * 1000


def fresh_venv(folder: Path, tree: Path) -> Path:
    """A venv whose path holds ``tree`` and the installed packages (a .pth of folders)."""
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    found = subprocess.run(
        [python, "-c", "import site; print(site.getsitepackages()[0])"],
        capture_output=True,
        text=True,
        check=True,
    )
    folders = [str(tree), *site.getsitepackages()]
    Path(found.stdout.strip(), "lawlint-bench.pth").write_text("\n".join(folders) + "\n")
    return python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per measure (default 11)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lawlint-startup-") as folder:
        work = Path(folder)
        tree = snapshot(work / "tree")
        make_corpus.write_corpus(work / "corpus", 1, 0, seed=5)
        report = str(next((work / "corpus").rglob("*.txt")))
        memo = tree / "lawlint" / "__pycache__" / f"regex-memo.{sys.implementation.cache_tag}.json"
        writing = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        writing["PYTHONPATH"] = str(tree)
        readonly = dict(writing, PYTHONDONTWRITEBYTECODE="1")  # runs leave the memo as it is
        lawlint = [sys.executable, "-m", "lawlint", "--no-cache", report]
        # Run from the work folder: ``-m`` puts the current folder first on sys.path,
        # and from the repository that would be the working tree, not the copy.
        subprocess.run(lawlint, env=writing, cwd=work, stdout=subprocess.DEVNULL, check=False)
        if not memo.is_file():
            raise SystemExit(f"no regex memo was written at {memo}")
        print(f"Python {sys.version.split()[0]}; regex memo {memo.stat().st_size:,} bytes")
        warm_copy = memo.read_bytes()
        python = fresh_venv(work / "venv", tree)
        in_venv = [str(python), *lawlint[1:]]
        figures: dict[str, list[float]] = {
            "python -c pass": [],
            "memo cold": [],
            "memo warm": [],
            "venv -c pass": [],
            "venv memo warm": [],
        }
        for _ in range(args.runs):
            figures["python -c pass"].append(cpu_ms([sys.executable, "-c", "pass"], readonly, work))
            memo.unlink()
            figures["memo cold"].append(cpu_ms(lawlint, readonly, work))
            memo.write_bytes(warm_copy)
            figures["memo warm"].append(cpu_ms(lawlint, readonly, work))
            figures["venv -c pass"].append(cpu_ms([str(python), "-c", "pass"], readonly, work))
            figures["venv memo warm"].append(cpu_ms(in_venv, readonly, work))
        for name, values in figures.items():
            median = statistics.median(values)
            print(f"{name:16s} median {median:6.1f} ms CPU  (min {min(values):.1f})")
        phases = [
            subprocess.run(
                [sys.executable, "-c", PHASES, report],
                env=readonly,
                cwd=work,
                capture_output=True,
                text=True,
            ).stdout.split()
            for _ in range(args.runs)
        ]
        print("in-process, memo warm, medians:")
        for index, name in enumerate(PHASE_NAMES):
            print(f"  {name:50s} {statistics.median(float(p[index]) for p in phases):6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
