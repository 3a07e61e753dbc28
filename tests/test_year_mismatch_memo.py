"""year-mismatch remembers the years of short heading titles only, with the same findings."""

from __future__ import annotations

import sys

import pytest

from lawlint.checks import year_mismatch
from tests.conftest import lint_text

# Far over the remembered length: a hostile folder of huge one-line headings.
_LONG = "一、2024年度推进法治政府建设的主要举措和成效" + "，并且持续深化" * 400


def test_a_long_heading_title_is_not_kept_alive() -> None:
    title = _LONG[2:] + "。"  # made at run time: no other reference holds it
    before = sys.getrefcount(title)
    assert year_mismatch.heading_year(title) == (0, 4, 2024)
    assert sys.getrefcount(title) == before, "the memo holds the title"


def test_a_short_heading_title_is_remembered() -> None:
    # Made at run time, on an empty memo: an equal title remembered before (a
    # rerun, another test) would keep its own key and leave this one unheld.
    year_mismatch._remembered_heading_year.cache_clear()
    title = "".join(["2023年度法治政府建设的主要举措", "。"])
    before = sys.getrefcount(title)
    assert year_mismatch.heading_year(title) == (0, 4, 2023)
    assert sys.getrefcount(title) > before


@pytest.mark.parametrize("heading", [_LONG[:30], _LONG], ids=["short", "long"])
def test_long_and_short_titles_give_the_same_findings(heading: str, monkeypatch) -> None:
    text = (
        f"青山县司法局2025年度法治政府建设情况报告\n{heading}\n（一）学习。全年学习12次。\n"
        "二、2025年度存在的不足和原因\n（一）不足。有些不足。\n"
    )

    def found() -> list[tuple[int, int, str]]:
        diagnostics = lint_text(text, only="year-mismatch").diagnostics
        return [(d.start, d.end, d.message) for d in diagnostics]

    read = found()
    monkeypatch.setattr(year_mismatch, "_TITLE_KEPT_LENGTH", 10**9)  # every title remembered
    assert found() == read and len(read) == 1 and read[0][:2] == (25, 29)
