"""``--format junit``: JUnit XML, which every CI system can show as a test report.

One testsuite; one testcase per report file; a file with findings has one
``<failure>`` that lists them all (CI tools show only the first failure of a
testcase, and the checking office thinks in reports, not findings); a file that
could not be read has an ``<error>``. Characters XML 1.0 cannot carry (control
characters left by PDF conversion) are replaced by U+FFFD so the XML stays valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO
from xml.etree import ElementTree

from lawlint import regex_memo
from lawlint.render import FileReport, RenderOptions, Tally, shown_path

# XML 1.0's characters, less those it discourages (DEL, C1 controls, noncharacters):
# 0x9b starts an escape sequence on some terminals that show the report.
_NOT_XML = regex_memo.compile(
    "[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]"
)


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    # The totals come first in the XML: keep each file's small testcase until the end.
    tally = Tally()
    cases = []
    for report in reports:
        tally.add(report)
        cases.append(_testcase(report))
    suite = ElementTree.Element(
        "testsuite",
        name="lawlint",
        tests=str(len(cases)),
        failures=str(tally.flagged),
        errors=str(tally.unreadable),
    )
    suite.extend(cases)
    root = ElementTree.Element("testsuites", name="lawlint")
    root.set("tests", suite.get("tests"))
    root.set("failures", suite.get("failures"))
    root.set("errors", suite.get("errors"))
    root.append(suite)
    ElementTree.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(root, encoding="unicode"))
    stream.write("\n")


def _testcase(report: FileReport) -> ElementTree.Element:
    path = shown_path(report.path)
    case = ElementTree.Element("testcase", name=_safe(path), classname="lawlint")
    if report.error:
        ElementTree.SubElement(case, "error", message=_safe(report.error), type="unreadable")
    elif report.result and report.result.diagnostics:
        source = report.result.source
        lines = []
        for diagnostic in report.result.diagnostics:
            where = source.position(diagnostic.start)
            lines.append(
                f"{path}:{where.line}:{where.column}: {diagnostic.severity} "
                f"{diagnostic.code} [{diagnostic.rule}] {diagnostic.message}"
            )
        failure = ElementTree.SubElement(
            case, "failure", message=f"{len(lines)} 个问题", type="lawlint"
        )
        failure.text = _safe("\n".join(lines))
    return case


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
