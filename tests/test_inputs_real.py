"""The readers on the real reports: the same report as .docx, .md or .pdf lints like the .txt.

Each seed is turned into the other formats inside the test (nothing is copied into
the project): a .docx with one paragraph per line, a .md with ``#`` marks before
the headings, and a PDF laid out in wrapped, indented lines over several pages
with a running header and page numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint.linter import Selection, lint_source
from lawlint.outline import build_outline
from lawlint.source import read_source
from tests.conftest import SEEDS, all_rules, needs_seeds

SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def _found(source) -> set[tuple[str, int, int]]:
    result = lint_source(source, Selection(all_rules()))
    return {
        (d.rule, source.position(d.start).line, source.position(d.start).column)
        for d in result.diagnostics
    }


def _headings(source) -> list[str]:
    return [s.heading.marker.text + s.heading.title for s in build_outline(source).walk()]


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.stem)
def test_seed_as_docx_gives_the_same_findings(seed: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    text = read_source(seed)
    document = docx.Document()
    for index in range(text.line_count):
        document.add_paragraph(text.line_text(index))
    document.save(tmp_path / "seed.docx")
    converted = read_source(tmp_path / "seed.docx")
    assert _headings(converted) == _headings(text)
    assert _found(converted) == _found(text)


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.stem)
def test_seed_as_markdown_gives_the_same_findings_shifted(seed: Path, tmp_path: Path) -> None:
    text = read_source(seed)
    shift = {
        section.heading.line + 1: "#" * (section.level + 1) + " "
        for section in build_outline(text).walk()
    }
    lines = [shift.get(index + 1, "") + text.line_text(index) for index in range(text.line_count)]
    (tmp_path / "seed.md").write_text("\n".join(lines), encoding="utf-8")
    converted = read_source(tmp_path / "seed.md")
    assert _headings(converted) == _headings(text)
    expected = {
        (rule, line, column + len(shift.get(line, ""))) for rule, line, column in _found(text)
    }
    assert _found(converted) == expected


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.stem)
def test_seed_as_pdf_keeps_its_headings_and_paragraphs(seed: Path, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    pytest.importorskip("reportlab")
    from tests.builders import pdf_with, wrap

    text = read_source(seed)
    paragraphs = [line.strip() for line in text.text.splitlines() if line.strip()]
    page_lines = [line for paragraph in paragraphs for line in wrap(paragraph)]
    pages = [page_lines[start : start + 40] for start in range(0, len(page_lines), 40)]
    converted = read_source(pdf_with(tmp_path / "seed.pdf", pages, header="某单位文件"))

    def bare(text: str) -> str:
        return text.replace(" ", "").replace("\u3000", "")

    assert [bare(line) for line in converted.text.splitlines()] == list(map(bare, paragraphs))
    assert _headings(converted) == _headings(text)
