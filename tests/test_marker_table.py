"""The shipped table of common markers is exactly what the grammar parses.

lawlint reads common markers from ``grammars/heading-markers.tsv`` so that an
ordinary run never imports Lark; the grammar stays the one definition, so the
table must be the grammar's own output, with or without blanks after a marker.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from lawlint import markers
from lawlint.markers import (
    _SPACE,
    _TABLE_FILE,
    MarkerTable,
    _common_marker,
    _common_marker_texts,
    _parse_with_grammar,
    marker_table_text,
)
from lawlint.resources import data_dir
from tests.conftest import FIXTURES

REGENERATE = "python -m lawlint.markers"


def test_the_shipped_table_is_the_grammars_parse_of_every_common_marker() -> None:
    shipped = (data_dir("grammars") / _TABLE_FILE).read_text(encoding="utf-8")
    assert shipped == marker_table_text(), f"the grammar changed: run {REGENERATE}"


@pytest.mark.parametrize("space", ["", " ", "\t", "\u3000\u3000", " \u00a0"])
def test_a_table_marker_with_blanks_after_it_parses_as_the_grammar_does(space: str) -> None:
    for text in _common_marker_texts():
        assert _common_marker(text + space) == _parse_with_grammar(text + space), text + space


@pytest.mark.parametrize(
    "text", ["一一、", "二十十、", "（）", "0.", "（０）", "①①", "二十一、", "1. 2"]
)
def test_what_the_table_lacks_is_left_to_the_grammar(text: str) -> None:
    assert _common_marker(text) is None


def test_the_space_the_table_strips_is_the_grammars_space_token() -> None:
    for blank in _SPACE:
        assert _parse_with_grammar("一、" + blank).space == blank
    assert _parse_with_grammar("一、\ufeff") is None


def test_a_table_from_another_grammar_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markers, "_grammar_key", lambda: "0" * 16)
    markers._common_markers.cache_clear()
    try:
        parsed = []
        monkeypatch.setattr(markers, "_parse_with_grammar", parsed.append)
        MarkerTable().parse("一、")
        assert parsed == ["一、"]
    finally:
        markers._common_markers.cache_clear()


@pytest.mark.parametrize("name", ["clean_county_bureau.txt", "sample_with_defects.txt"])
def test_linting_a_report_of_common_markers_does_not_import_lark(name: str) -> None:
    report = str(FIXTURES / "reports" / name)
    script = (
        "import sys; from lawlint.cli import main; "
        f"code = main(['--no-cache', '--format', 'json', {report!r}]); "
        "sys.exit(3 if 'lark' in sys.modules else code)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert result.returncode in (0, 1), result.stderr.decode()
