"""``--format junit``: JUnit XML, which every CI system can show as a test report.

One testsuite; one testcase per report file; a file with a finding at or above
``--fail-on`` has one ``<failure>`` that lists all its findings (CI tools show
only the first failure of a testcase, and the checking office thinks in reports,
not findings), so the test report fails exactly where the exit status does; a
file with lesser findings only lists them in ``<system-out>``; a file that
could not be read has an ``<error>``. Characters XML 1.0 cannot carry (control
characters left by PDF conversion) are replaced by U+FFFD so the XML stays valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO
from xml.etree import ElementTree

from lawlint import regex_memo
from lawlint.diagnostics import Severity
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
        cases.append(_testcase(report, options.fail_on))
    failures = sum(case.find("failure") is not None for case in cases)
    suite = ElementTree.Element(
        "testsuite",
        name="lawlint",
        tests=str(len(cases)),
        failures=str(failures),
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


def _testcase(report: FileReport, fail_on: Severity) -> ElementTree.Element:
    path = shown_path(report.path)
    case = ElementTree.Element("testcase", name=_safe(path), classname="lawlint")
    if report.error:
        ElementTree.SubElement(case, "error", message=_safe(report.error), type="unreadable")
    elif report.result and report.result.diagnostics:
        diagnostics = report.result.diagnostics
        source = report.result.source
        lines = []
        for diagnostic in diagnostics:
            where = source.position(diagnostic.start)
            lines.append(
                f"{path}:{where.line}:{where.column}: {diagnostic.severity} "
                f"{diagnostic.code} [{diagnostic.rule}] {diagnostic.message}"
            )
        if any(diagnostic.severity >= fail_on for diagnostic in diagnostics):
            listed = ElementTree.SubElement(
                case, "failure", message=f"{len(lines)} 个问题", type="lawlint"
            )
        else:
            listed = ElementTree.SubElement(case, "system-out")
        listed.text = _safe("\n".join(lines))
    return case


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
