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


def test_fixable_asks_rewritable_only_of_files_with_fixes(monkeypatch) -> None:
    from lawlint import fixer
    from lawlint.linter import Selection, lint_source
    from lawlint.registry import load_rules
    from lawlint.render import FileReport

    asked: list[str] = []
    monkeypatch.setattr(fixer, "rewritable", lambda path, source: asked.append(path) or True)
    selection = Selection(load_rules(), profile="generic")
    clean = lint_source(Source("clean.txt", "一、总体情况\n正文。\n"), selection)
    with_fix = lint_source(Source("fix.txt", "一、总体情况\n坚持法制政府建设。\n"), selection)
    assert not any(d.fix for d in clean.diagnostics)
    assert any(d.fix for d in with_fix.diagnostics)
    safe, _ = fixer.fixable([FileReport("clean.txt", clean), FileReport("fix.txt", with_fix)])
    assert asked == ["fix.txt"] and safe >= 1
