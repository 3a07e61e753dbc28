"""Each fixture report states its own expected diagnostics in a sidecar ``.expected`` file.

Format of ``NAME.expected`` beside ``NAME.txt`` (or ``.md``): one ``LINE:COLUMN RULE``
per expected diagnostic; ``#`` starts a comment; an optional ``# rules: GLOB …``
line limits the comparison to rules matching those globs, so a fixture can focus
on one family. Every fixture must have a sidecar: the fixture is the test.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from lawlint.linter import Selection, lint_source
from lawlint.source import read_source
from tests.conftest import FIXTURES, all_rules

_TEXT_SUFFIXES = {".txt", ".md"}
FIXTURE_FILES = sorted(
    path for path in FIXTURES.rglob("*") if path.suffix in _TEXT_SUFFIXES and path.is_file()
)


def _expectations(path: Path) -> tuple[list[str], list[str]]:
    """(rule globs, sorted 'LINE:COL RULE' rows) from the sidecar file."""
    sidecar = path.with_suffix(".expected")
    assert sidecar.is_file(), f"{path.relative_to(FIXTURES)} has no .expected sidecar"
    globs, rows = ["*"], []
    for raw in sidecar.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("# rules:"):
            globs = line.removeprefix("# rules:").split()
        elif line and not line.startswith("#"):
            rows.append(" ".join(line.split()))
    return globs, sorted(rows)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path: Path) -> None:
    globs, expected = _expectations(path)
    result = lint_source(read_source(path), Selection(all_rules()))
    actual = sorted(
        f"{result.source.position(d.start).line}:{result.source.position(d.start).column} {d.rule}"
        for d in result.diagnostics
        if any(fnmatch.fnmatch(d.rule, pattern) for pattern in globs)
    )
    assert actual == expected
