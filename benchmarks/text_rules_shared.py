"""Time the five text rules and the steps they share, per report, and print the figures.

The text rules (fixed-phrase, instrument-name, conversion-artifact,
template-placeholder, pdf-digit-space) share three steps that each outline
makes once (lawlint/checks/_text.py): the scan of the source for rare
characters, the list of paragraphs, and the paragraphs joined for one search
per report. Those (and the outline's running text, which they start from) are
timed on their own first, so that each rule's figure is its own work. CPU
time over generated reports (make_corpus.py) on outlines built beforehand and
fresh for every pass; the minimum of several passes.

A second figure is instrument-name's first comparison of a title it has not
seen (cached afterwards for the process): a long run meets a few hundred.

    python benchmarks/text_rules_shared.py [--reports 400] [--passes 7]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_rules_speed import per_step, reports, rule_steps  # a sibling script, not a package

from lawlint.checks import _text, instrument_name
from lawlint.outline import Outline
from lawlint.registry import load_rules
from lawlint.source import Source

RULES = (
    "fixed-phrase",
    "instrument-name",
    "conversion-artifact",
    "template-placeholder",
    "pdf-digit-space",
)
SHARED = (
    ("outline.running_text", Outline.running_text),  # the fazhi rules read it too
    ("rare characters", _text.rare_characters),
    ("paragraphs", _text.paragraphs),
    ("joined", _text.joined),
)


def new_titles(sources: list[Source]) -> tuple[int, float]:
    """Distinct cited titles that are no known form, and CPU ms to compare each the first time."""
    options = next(rule for rule in load_rules() if rule.name == "instrument-name").options
    titles = {
        match.group(1)
        for source in sources
        for match in instrument_name._TITLE.finditer(source.text)
        if match.group(1) not in options.exact
    }
    start = time.process_time()
    for title in titles:
        instrument_name._nearest(title, options.known)
    return len(titles), (time.process_time() - start) / max(len(titles), 1) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--passes", type=int, default=7)
    options = parser.parse_args()
    sources = reports(options.reports)
    print(f"{len(sources)} generated reports, CPU ms per report, min of {options.passes} passes")
    figures = per_step(sources, [*SHARED, *rule_steps(RULES)], options.passes)
    for name, figure in figures.items():
        print(f"  {name:30} {figure:7.3f}")
    print(f"  {'all of these':30} {sum(figures.values()):7.3f}")
    count, each = new_titles(sources)
    print(f"instrument-name, first comparison of a new title: {count} titles, {each:.3f} ms each")


if __name__ == "__main__":
    main()
