"""rewritable() looks at a path's end before splitext; it must say what splitext alone says."""

from __future__ import annotations

import os

import pytest

from lawlint.fixer import EXTRACTED_SUFFIXES, rewritable
from lawlint.source import Source

PATHS = [
    "report.txt",
    "a.PDF",
    "x.DocX",
    "dir.pdf/x.txt",
    "dir/.pdf",
    ".docx",
    "a/b.pdf.txt",
    "a/b.txt.pdf",
    "noext",
    "pdf",
    "a.xpdf",
    "报告.PDF",
    "K.docK",  # a Kelvin sign, which lowercases to an ASCII k
    "",
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("unit", ["line", "paragraph"])
def test_rewritable_says_what_splitext_says(path: str, unit: str) -> None:
    source = Source(path, "正文。\n", unit=unit)
    expected = unit == "line" and os.path.splitext(path)[1].lower() not in EXTRACTED_SUFFIXES
    assert rewritable(path, source) == expected
