"""The JSON formats write each finding's text from a template: it must equal json.dumps.

(With lone surrogates escaped, as ensure_ascii writes them: the output stays UTF-8.)
"""

from __future__ import annotations

import io
import json

import pytest

from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.linter import LintResult, Selection, lint_source
from lawlint.render import FileReport, RenderOptions, renderer
from lawlint.render.json_format import (
    MARK,
    DiagnosticText,
    diagnostic_data,
    escaped_surrogates,
)
from lawlint.source import Source, read_source
from tests.conftest import FIXTURES, SEEDS, all_rules, needs_seeds

# Everything json escapes or might be tempted to: quotes, backslashes, control
# characters, line and paragraph separators, a lone surrogate, astral characters.
HOSTILE = [
    "",
    '"quoted" \\ back\\slash /',
    "".join(map(chr, range(32))) + "\x7f",
    "\u2028\u2029 \ufeff \ud800 \U0001f600 𠀀",
    "标题“{marker}”使用了半角括号</script>",
    'null, true, 1e3, {"a": [1]}',
]


def _source() -> Source:
    lines = [f"第{n}行：{text!r}" for n, text in enumerate(HOSTILE)] + ["\r\n混合\r行尾\n"]
    return Source('报告 "a".txt', "\n".join(lines), unit="paragraph")


def _diagnostics(length: int) -> list[Diagnostic]:
    fixes = [
        None,
        Fix("", (), safe=True),
        Fix(HOSTILE[1], (Edit(0, 1, HOSTILE[2]),), safe=False),
        Fix(HOSTILE[4], (Edit(2, 2, ""), Edit(5, 9, HOSTILE[3]), Edit(length, length, "\n"))),
    ]
    found = []
    for number, text in enumerate(HOSTILE):
        for severity in Severity:
            start = (number * 7) % length
            fix = fixes[(number + severity) % len(fixes)]
            found.append(
                Diagnostic(text, f"X{number}", severity, text, text[::-1], start, length, fix)
            )
    return found


def _reference(path: str, source: Source, diagnostics: list[Diagnostic]) -> list[str]:
    return [
        escaped_surrogates(json.dumps(diagnostic_data(path, source, item), ensure_ascii=False))
        for item in diagnostics
    ]


def file_texts(
    text: DiagnosticText, path: str, source: Source, diagnostics: list[Diagnostic]
) -> list[str]:
    """The JSON text of each of a file's diagnostics, as the renderer writes them."""
    joined = text.joined(path, text.tails(source, diagnostics), MARK)
    return joined.split(MARK) if joined else []


def test_each_finding_is_the_text_json_dumps_gives() -> None:
    source = _source()
    diagnostics = _diagnostics(len(source.text))
    for path in ("plain.txt", *HOSTILE):
        written = list(file_texts(DiagnosticText(), path, source, diagnostics))
        assert written == _reference(path, source, diagnostics)


def test_strings_seen_before_are_written_the_same() -> None:
    """The escaped-string memo must not carry one file's text into another's."""
    source = _source()
    diagnostics = _diagnostics(len(source.text))
    text = DiagnosticText()
    first = list(file_texts(text, "a.txt", source, diagnostics))
    second = list(file_texts(text, "b.txt", source, diagnostics))
    assert first == _reference("a.txt", source, diagnostics)
    assert second == _reference("b.txt", source, diagnostics)


def test_the_string_memo_is_bounded_and_still_right(monkeypatch) -> None:
    """Past KEPT distinct strings the memo starts afresh; every string is still escaped right."""
    monkeypatch.setattr(DiagnosticText, "KEPT", 3)
    text = DiagnosticText()
    words = [f'第{i}项"引号"\\{i}' for i in range(10)] * 2
    expected = [json.dumps(word, ensure_ascii=False) for word in words]
    assert [text.string(word) for word in words] == expected
    assert len(text._strings) <= 3


def _reports(sources: list[Source]) -> list[FileReport]:
    selection = Selection(all_rules())
    return [FileReport(source.path, lint_source(source, selection)) for source in sources]


def _check_formats(reports: list[FileReport]) -> None:
    expected = [
        line
        for report in reports
        if report.result
        for line in _reference(report.path, report.result.source, report.result.diagnostics)
    ]
    assert expected, "the reports must have findings for this test to mean anything"
    for name in ("json", "json-lines"):
        stream = io.StringIO()
        renderer(name)(reports, stream, RenderOptions())
        lines = stream.getvalue().splitlines()
        if name == "json":
            assert lines[0] == "[" and lines[-1] == "]"
            lines = [line.strip().removesuffix(",") for line in lines[1:-1]]
        assert lines == expected, name


def test_json_outputs_on_the_fixture_reports_match_json_dumps() -> None:
    paths = sorted(FIXTURES.rglob("*.txt"))
    reports = _reports([read_source(str(path)) for path in paths])
    reports.append(FileReport("missing.txt", error="no such file or directory"))
    _check_formats(reports)


@needs_seeds
def test_json_outputs_on_the_seeds_match_json_dumps() -> None:
    _check_formats(_reports([read_source(str(path)) for path in sorted(SEEDS.glob("*.txt"))]))


@pytest.mark.parametrize("name", ["json", "json-lines"])
def test_no_findings_is_an_empty_output(name: str) -> None:
    stream = io.StringIO()
    clean = LintResult(Source("a.txt", "正文。\n"), None, "generic", [])
    renderer(name)([FileReport("a.txt", clean)], stream, RenderOptions())
    assert stream.getvalue() == ("[]\n" if name == "json" else "")
