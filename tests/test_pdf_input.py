"""The PDF reader (optional ``pdf`` extra): wrapped lines, page furniture, encryption.

The PDFs are drawn in the test with reportlab's built-in Chinese CID font
(STSong-Light, not embedded: no CJK font file is installed here), which pypdf
reads back through its ToUnicode map, as it does for PDFs exported from Word.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lawlint.outline import build_outline
from lawlint.source import SourceError, read_source
from tests.builders import pdf_with, wrap

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")


def _headings(source) -> list[str]:
    outline = build_outline(source)
    return ["  " * (s.level - 1) + s.heading.marker.text + s.heading.title for s in outline.walk()]


PARAGRAPH = "局党组坚持把法治政府建设摆在全局工作的重要位置，定期听取汇报，研究解决重大问题。" * 2


def test_pdf_joins_wrapped_lines_and_drops_page_furniture(tmp_path: Path) -> None:
    first = [
        "某县司法局2024年法治政府建设年度报告",
        "一、主要举措和成效",
        *wrap("（一）加强组织领导。" + PARAGRAPH),
        *wrap("全年办理行政复议案件31件，办结31件，办结率100%。" + PARAGRAPH),
    ]
    second = [*wrap(PARAGRAPH)[:1]]
    third = [*wrap(PARAGRAPH)[1:], "二、存在的不足和原因", "法治宣传的针对性不强。"]
    path = pdf_with(tmp_path / "report.pdf", [first, second, third], header="某县司法局文件")
    source = read_source(path)
    lines = source.text.splitlines()
    assert source.unit == "paragraph"
    assert lines == [
        "某县司法局2024年法治政府建设年度报告",
        "一、主要举措和成效",
        "（一）加强组织领导。" + PARAGRAPH,
        "全年办理行政复议案件31件，办结31件，办结率100%。" + PARAGRAPH,
        PARAGRAPH,
        "二、存在的不足和原因",
        "法治宣传的针对性不强。",
    ]
    assert _headings(source) == [
        "一、主要举措和成效",
        "  （一）加强组织领导",
        "二、存在的不足和原因",
    ]


def _encrypted(tmp_path: Path, user_password: str) -> Path:
    """A one-page PDF encrypted with ``user_password`` (and an owner password)."""
    writer = pypdf.PdfWriter(clone_from=pdf_with(tmp_path / "plain.pdf", [["一、总体情况"]]))
    writer.encrypt(user_password=user_password, owner_password="owner")
    path = tmp_path / "encrypted.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    return path


def test_encrypted_pdf_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="password-protected PDF"):
        read_source(_encrypted(tmp_path, "secret"))


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    assert read_source(_encrypted(tmp_path, "")).text == "一、总体情况"


def test_damaged_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf body")
    with pytest.raises(SourceError, match="damaged PDF"):
        read_source(path)


def test_a_damaged_pdf_is_one_line_without_pypdfs_own_warnings(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n")
    command = [sys.executable, "-m", "lawlint", "--no-cache", "--format", "concise", str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()  # pypdf's "EOF marker not found" came first
    assert line.startswith(f"lawlint: error: {path}: damaged PDF (")


def test_pdf_without_the_extra_says_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    path = pdf_with(tmp_path / "report.pdf", [["一、总体情况"]])
    with pytest.raises(SourceError, match=r"pip install 'lawlint\[pdf\]'"):
        read_source(path)
