"""Baselines: accepted findings stay quiet through edits; new ones are reported; counts hold."""

from __future__ import annotations

import json
import random
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from lawlint import baseline
from lawlint.diagnostics import Diagnostic, Severity
from lawlint.linter import Selection, lint_source
from lawlint.render import FileReport
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, all_rules, needs_seeds
from tests.report_samples import RULES, SKIPPING, diagnostic, report, run_lawlint

# A stand-in rule that flags every 不作为 and every 乱作为: the baseline does not
# care which rule found what, only where and on which text.
PHRASE = re.compile("不作为|乱作为")

REPORT = """某县2025年度法治政府建设情况报告

一、主要举措和成效
（一）规范执法。全年检查46次，纠正不作为问题3个。
（二）化解纠纷。受理纠纷120件。

二、存在的不足和原因
部分执法人员存在不作为现象，原因是培训不足。
"""


def phrase_report(text: str, path: str = "reports/a.txt") -> FileReport:
    found = [
        diagnostic(RULES[0], m.span(), marker=m[0], expected="") for m in PHRASE.finditer(text)
    ]
    return report(path, text, found)


def flagged(reports: list[FileReport]) -> list[tuple[str, str]]:
    """(path, flagged text) of every finding left after the baseline."""
    return [
        (r.path, r.result.source.text[d.start : d.end])
        for r in reports
        if r.result
        for d in r.result.diagnostics
    ]


def check(tmp_path: Path, before: str, after: str) -> list[tuple[str, str]]:
    """Write a baseline for ``before``; return what is still reported for ``after``."""
    (tmp_path / "reports").mkdir(exist_ok=True)
    file = tmp_path / "baseline.json"
    baseline.write(file, [phrase_report(before, str(tmp_path / "reports/a.txt"))])
    reports = [phrase_report(after, str(tmp_path / "reports/a.txt"))]
    return flagged(baseline.load(file).filter(reports))


def test_unchanged_report_is_fully_suppressed(tmp_path):
    assert check(tmp_path, REPORT, REPORT) == []


def test_edit_above_does_not_resurrect(tmp_path):
    edited = REPORT.replace("某县2025", "（2026年1月修订）\n\n某县2025").replace(
        "（二）化解纠纷。", "（二）化解纠纷。新增一段很长的说明文字。\n（三）加强监督。"
    )
    assert check(tmp_path, REPORT, edited) == []


def test_moved_paragraph_does_not_resurrect(tmp_path):
    line = "部分执法人员存在不作为现象，原因是培训不足。\n"
    moved = REPORT.replace(line, "").replace("一、主要举措和成效\n", "一、主要举措和成效\n" + line)
    assert moved != REPORT
    assert check(tmp_path, REPORT, moved) == []


def test_edit_beside_the_finding_keeps_it_suppressed(tmp_path):
    edited = REPORT.replace("纠正不作为问题3个", "共纠正不作为问题五个")
    assert check(tmp_path, REPORT, edited) == []


def test_new_finding_is_reported(tmp_path):
    edited = REPORT.replace("受理纠纷120件。", "受理纠纷120件，个别窗口存在乱作为情况。")
    assert [text for _, text in check(tmp_path, REPORT, edited)] == ["乱作为"]


def test_fixed_finding_is_not_reported_and_frees_nothing_else(tmp_path):
    fixed = REPORT.replace("纠正不作为问题", "纠正作风问题")
    assert check(tmp_path, REPORT, fixed) == []


def test_identical_findings_are_counted(tmp_path):
    twice = REPORT + "三、下一步安排\n坚决整治不作为。\n坚决整治不作为。\n"
    assert check(tmp_path, twice, twice) == []
    # One of the twins fixed: one entry is consumed, one is left unused.
    once = twice.replace("坚决整治不作为。\n", "", 1)
    assert check(tmp_path, twice, once) == []
    # A third copy exceeds the count that was accepted: exactly one is new.
    thrice = twice + "坚决整治不作为。\n"
    assert [text for _, text in check(tmp_path, twice, thrice)] == ["不作为"]


def test_a_copied_finding_in_another_file_is_new(tmp_path):
    file = tmp_path / "baseline.json"
    baseline.write(file, [phrase_report(REPORT, str(tmp_path / "a.txt"))])
    other = phrase_report(REPORT, str(tmp_path / "b.txt"))
    assert len(flagged(baseline.load(file).filter([other]))) == 2


def test_file_is_versioned_sorted_relative_and_stable(tmp_path, monkeypatch):
    (tmp_path / "ci").mkdir()
    (tmp_path / "reports").mkdir()
    file = tmp_path / "ci" / "baseline.json"
    reports = [
        phrase_report(REPORT, str(tmp_path / "reports" / "b.txt")),
        phrase_report(REPORT + "乱作为。\n", str(tmp_path / "reports" / "a.txt")),
    ]
    assert baseline.write(file, reports) == 5
    first = file.read_bytes()
    baseline.write(file, list(reversed(reports)))
    assert file.read_bytes() == first
    document = json.loads(first)
    assert document["version"] == baseline.VERSION
    rows = document["findings"]
    assert {row["path"] for row in rows} == {"../reports/a.txt", "../reports/b.txt"}
    keys = [(r["path"], r["rule"], r["text"], r["before"], r["after"]) for r in rows]
    assert keys == sorted(keys)
    assert rows[0] == {
        "path": "../reports/a.txt",
        "rule": "demo-bracket",
        "text": "不作为",
        "before": "法。全年检查46次，纠正",  # the window: 12 characters of the line
        "after": "问题3个。",
        "count": 1,
    }
    assert "不作为" in first.decode("utf-8")  # readable Chinese, not \\u escapes
    # The same baseline works from another working directory with relative paths.
    monkeypatch.chdir(tmp_path / "reports")
    again = [phrase_report(REPORT, "b.txt")]
    assert flagged(baseline.load(file).filter(again)) == []


def test_reports_that_could_not_be_read_pass_through(tmp_path):
    file = tmp_path / "baseline.json"
    broken = FileReport("x.txt", error="no such file")
    assert baseline.write(file, [broken]) == 0
    assert list(baseline.load(file).filter([broken])) == [broken]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{", "invalid JSON"),
        ('{"version": 99, "findings": []}', "version 1"),
        ('{"version": 1, "findings": [{"path": "a"}]}', "finding 1 needs"),
        ("[]", "not a lawlint baseline"),
    ],
)
def test_bad_baseline_files_are_rejected_with_a_reason(tmp_path, content, reason):
    file = tmp_path / "baseline.json"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match=reason):
        baseline.load(file)
    with pytest.raises(baseline.BaselineError, match="no such baseline file"):
        baseline.load(tmp_path / "missing.json")


# --- the command line, with the real heading-sequence rule ---------------------------------


def lawlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_lawlint("--format", "concise", *args, cwd=cwd)


def test_command_line_baseline_round_trip(tmp_path):
    report_file = tmp_path / "reports" / "skip.txt"
    report_file.parent.mkdir()
    report_file.write_text(SKIPPING, encoding="utf-8")
    written = lawlint("--write-baseline", "lawlint-baseline.json", "reports", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert "lawlint-baseline.json" in written.stderr
    rows = json.loads((tmp_path / "lawlint-baseline.json").read_text("utf-8"))["findings"]
    assert any(row["rule"] == "heading-sequence" for row in rows)

    args = ("--baseline", "lawlint-baseline.json", "--fail-on", "info", "reports")
    quiet = lawlint(*args, cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout) == (0, "")

    report_file.write_text("前言一段。\n" + SKIPPING + "（一）甲\n（三）乙\n", encoding="utf-8")
    new = lawlint(*args, cwd=tmp_path)
    assert new.returncode == 1
    assert re.findall(r"^reports/skip.txt:\d+:\d+: (\w+) ", new.stdout, re.MULTILINE) == ["H103"]
    assert "“（三）”" in new.stdout

    both = lawlint("--baseline", "a.json", "--write-baseline", "b.json", "reports", cwd=tmp_path)
    assert both.returncode == 2 and "not allowed with" in both.stderr
    missing = lawlint("--baseline", "none.json", "reports", cwd=tmp_path)
    assert missing.returncode == 2
    assert "lawlint: error: none.json: no such baseline file" in missing.stderr


@needs_seeds
def test_real_seeds_stay_suppressed_when_every_line_moves_down(tmp_path):
    """Blank lines added at the top move every finding without changing what the rules see."""
    selection = Selection(all_rules())

    def lint_all(prefix: str) -> list[FileReport]:
        reports = []
        for path in sorted(SEEDS.glob("*.txt")):
            source = Source(path.name, prefix + read_source(path).text)
            reports.append(FileReport(path.name, lint_source(source, selection)))
        return reports

    file = tmp_path / "baseline.json"
    before = lint_all("")
    assert baseline.write(file, before) == sum(len(r.result.diagnostics) for r in before) > 0
    after = lint_all("\n\n\n")
    assert [len(r.result.diagnostics) for r in after] == [len(r.result.diagnostics) for r in before]
    assert flagged(baseline.load(file).filter(after)) == []


def _global_filter(accepted: baseline.Baseline, reports: list[FileReport]) -> list[list[str]]:
    """Reference: every report matched exactly first, then every one loosely (all at once)."""
    keys = [baseline.report_keys(report, accepted.root) for report in reports]
    exact = Counter(accepted.entries)
    kept = [[not _use(exact, key) for key in row] for row in keys]
    loose: Counter = Counter()
    for key, count in exact.items():
        loose[key.loose] += count
    for row, flags in zip(keys, kept, strict=True):
        for index, key in enumerate(row):
            if flags[index] and _use(loose, key.loose):
                flags[index] = False
    return [
        [key.text for key, keep in zip(row, flags, strict=True) if keep]
        for row, flags in zip(keys, kept, strict=True)
    ]


def _use(counter: Counter, key) -> bool:
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


LINES = ["纠正不作为问题。", "整治乱作为。", "坚决整治不作为。", "其他内容。", "不作为乱作为并存。"]


def _random_report(generator: random.Random, path: str) -> FileReport:
    text = "".join(generator.choice(LINES) + "\n" for _ in range(generator.randint(0, 8)))
    return phrase_report(text, path)


def test_matching_one_report_at_a_time_equals_matching_all_at_once(tmp_path):
    generator = random.Random(5)
    file = tmp_path / "baseline.json"
    for _ in range(40):
        paths = [str(tmp_path / f"{name}.txt") for name in "abcd"]
        baseline.write(file, [_random_report(generator, path) for path in paths])
        accepted = baseline.load(file)
        after = [_random_report(generator, path) for path in paths]
        streamed = [
            [r.result.source.text[d.start : d.end] for d in r.result.diagnostics]
            for r in accepted.filter(iter(after))
        ]
        assert streamed == _global_filter(accepted, after)


def test_each_report_is_filtered_before_the_next_is_read(tmp_path):
    file = tmp_path / "baseline.json"
    path = str(tmp_path / "a.txt")
    baseline.write(file, [phrase_report(REPORT, path)])
    read = []

    def reports():
        for number in range(3):
            read.append(number)
            yield phrase_report(REPORT, path if number == 0 else f"{path}{number}")

    filtered = baseline.load(file).filter(reports())
    assert flagged([next(filtered)]) == [] and read == [0]
    assert len(flagged([next(filtered)])) == 2 and read == [0, 1]


def test_every_finding_gets_a_fingerprint_even_on_a_lone_surrogate() -> None:
    """A PDF's extracted text can hold one (pypdf decodes with surrogatepass); SARIF and
    GitLab fingerprint every finding, so this crashed them."""
    text = "一、总体情况\n推进法制政府\ud800建设。\n"
    flagged = Diagnostic("fixed-phrase", "P501", Severity.ERROR, "m", "h", 9, 16, None)
    for name in ("r.pdf", "\udcb1\udca8.pdf"):  # the second: a name that is not UTF-8
        [fingerprint] = baseline.fingerprints(name, Source(name, text), [flagged])
        assert re.fullmatch("[0-9a-f]{32}", fingerprint)
