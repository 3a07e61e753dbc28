"""Instructions per report of read + lint_source (fazhi), counted by callgrind.

CPU time on a shared machine varies by ±3% from run to run, more than most
single changes to a rule save. The count of instructions executed does not
vary: this runs the lint of the first FEWER and of the first MORE reports of a
folder under valgrind's callgrind (PYTHONHASHSEED=0, after a warm-up on the
folder's last 50 reports) and prints the difference per report, so start-up
cancels out. Compare two trees by pointing --tree at snapshots of them
(``git archive COMMIT lawlint rules grammars | tar -x -C DIR``). Each count
takes about a minute.

    python benchmarks/text_rules_instructions.py DIR [--tree DIR] [--fewer 100] [--more 300]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

LINT = """
import gc, sys
from pathlib import Path
from lawlint.linter import Selection, lint_source
from lawlint.registry import load_rules
from lawlint.source import read_source
paths = sorted(Path(sys.argv[1]).rglob("*.txt"))
selection = Selection(load_rules(), profile="fazhi")
for path in paths[-50:]:
    lint_source(read_source(path), selection)
gc.freeze()
for path in paths[: int(sys.argv[2])]:
    lint_source(read_source(path), selection)
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(folder: Path, reports: int, tree: Path | None) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, "-c", LINT, str(folder), str(reports)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt reports")
    parser.add_argument("--tree", type=Path, help="a snapshot holding lawlint/ (else installed)")
    parser.add_argument("--fewer", type=int, default=100)
    parser.add_argument("--more", type=int, default=300)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    if args.more <= args.fewer:
        parser.error("--more must exceed --fewer")
    fewer = instructions(args.folder, args.fewer, args.tree)
    more = instructions(args.folder, args.more, args.tree)
    per_report = (more - fewer) // (args.more - args.fewer)
    print(f"{per_report:,} instructions per report (reports {args.fewer} to {args.more})")


if __name__ == "__main__":
    main()
