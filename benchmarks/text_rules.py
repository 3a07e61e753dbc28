"""Time the text rules (fixed-phrase, instrument-name, conversion-artifact,
template-placeholder) on real text and print the figures.

The outlines are built once beforehand, so the figures are the rules' own cost.
The text is the 72 corpus reports and the five seeds from ../shared (or the
fixture reports when ../shared is absent). A second measure grows the
fixed-phrase list with generated user phrases, once all starting with the same
characters and once each with a first character of its own (one more anchor
group each, up to fixed_phrase._MOST_GROUPS, then the merged regex), to show
that the cost stays flat as the list grows.

    python benchmarks/text_rules.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from lawlint.outline import Outline, build_outline
from lawlint.registry import Rule, load_rules
from lawlint.source import Source, read_source

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RULES = ("fixed-phrase", "instrument-name", "conversion-artifact", "template-placeholder")


def texts() -> list[Source]:
    corpus = SHARED / "corpora" / "government_work_reports.jsonl"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as stream:
            sources = [Source("corpus", json.loads(line)["content"]) for line in stream]
        return sources + [read_source(path) for path in sorted((SHARED / "seeds").glob("*.txt"))]
    return [read_source(path) for path in sorted((ROOT / "fixtures").rglob("*.txt"))]


def seconds(rule: Rule, outlines: list[Outline], runs: int) -> float:
    """Median wall time of running ``rule`` over every outline."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for outline in outlines:
            for _finding in rule.run(outline):
                pass
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def grown(rule: Rule, extra: int, varied: bool = False) -> Rule:
    """fixed-phrase with ``extra`` generated phrases added (distinct, never matching).

    ``varied``: each is two rare characters of its own (㐀㐁, 㐂㐃…), so that no
    two share an anchor's first character; otherwise all start with 法治.
    """
    base = list(rule.options.phrases)
    added = [
        {
            "wrong": _two_rare(index) if varied else f"法治第{index}号错误用语",
            "right": f"法治第{index}号用语",
        }
        for index in range(extra)
    ]
    return rule.with_options(phrases=base + added)


def _two_rare(index: int) -> str:
    """Two characters of CJK extension A, which reports do not use."""
    return chr(0x3400 + 2 * index) + chr(0x3401 + 2 * index)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    sources = texts()
    outlines = [build_outline(source) for source in sources]
    characters = sum(len(source.text) for source in sources)
    rules = {rule.name: rule for rule in load_rules() if rule.name in RULES}
    print(f"{len(sources)} texts, {characters / 1e6:.2f} M characters, median of {runs} runs")
    total = 0.0
    for name in RULES:
        elapsed = seconds(rules[name], outlines, runs)
        total += elapsed
        print(f"{name:22} {elapsed * 1000:8.1f} ms  {characters / elapsed / 1e6:6.1f} M chars/s")
    print(f"{'all four':22} {total * 1000:8.1f} ms  {characters / total / 1e6:6.1f} M chars/s")
    per_report = total / characters * 8_000
    print(f"per 8,000-character report: {per_report * 1e6:.0f} µs")
    print("fixed-phrase as the phrase list grows (first characters shared / each its own):")
    phrase_rule = rules["fixed-phrase"]
    for extra in (0, 5, 100, 500):
        shared, varied = grown(phrase_rule, extra), grown(phrase_rule, extra, varied=True)
        count = len(shared.options.phrases)
        elapsed = [seconds(rule, outlines, runs) * 1000 for rule in (shared, varied)]
        print(f"  {count:4} phrases {elapsed[0]:8.1f} ms {elapsed[1]:8.1f} ms")


if __name__ == "__main__":
    main()
