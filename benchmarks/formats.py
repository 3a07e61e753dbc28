"""Time each output format and the baseline over a folder of reports; print the figures.

Linting is done once; only rendering (and baseline matching) is timed, since
that is what the format code adds. The HTML size matters for a checking office
that e-mails the page for hundreds of reports.

    python benchmarks/make_corpus.py /tmp/corpus --files 500
    python benchmarks/formats.py /tmp/corpus [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lawlint import baseline
from lawlint.discovery import collect
from lawlint.linter import Selection, lint_source
from lawlint.registry import load_rules
from lawlint.render import FORMATS, FileReport, RenderOptions, renderer
from lawlint.source import read_source


def lint_folder(folder: Path) -> list[FileReport]:
    selection = Selection(load_rules())
    paths = [path for path, problem in collect([str(folder)], frozenset()) if not problem]
    return [FileReport(path, lint_source(read_source(path), selection)) for path in paths]


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reports = lint_folder(args.folder)
    findings = sum(len(report.result.diagnostics) for report in reports)
    print(f"{len(reports)} reports, {findings} findings (best of {args.repeat})")
    options = RenderOptions(color="never", rules=load_rules())
    for name in FORMATS:
        render = renderer(name)

        def once(render=render) -> str:
            stream = io.StringIO()
            render(reports, stream, options)
            return stream.getvalue()

        seconds = best_of(args.repeat, once)
        size = len(once().encode("utf-8"))
        print(f"{name:<11} {seconds * 1000:8.1f} ms  {size / 1024:9.1f} KiB")
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "baseline.json"
        seconds = best_of(args.repeat, lambda: baseline.write(file, reports))
        print(f"{'baseline write':<15} {seconds * 1000:8.1f} ms")
        seconds = best_of(args.repeat, lambda: list(baseline.load(file).filter(reports)))
        print(f"{'baseline filter':<15} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
