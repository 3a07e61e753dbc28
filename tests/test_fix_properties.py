"""Properties of --fix on generated reports: idempotent, no new findings, nothing else touched.

Reports are generated from heading lines in the marker variants real reports use
(一、 一. 一， （一） (一) （一）、 1. 1、 （1）, a space after the marker, numbers that skip or
repeat), sentences with numbers, some with the spaces PDF extraction leaves, and
phrases that other rules fix (法制政府, a Word bookmark).
Example counts are modest so that the module runs in seconds.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.diagnostics import Edit
from lawlint.fixer import applies, apply_fixes, fix_reports, fix_result
from lawlint.linter import LintResult, Selection, lint_source
from lawlint.render import FileReport
from lawlint.source import Source, source_from_bytes
from tests.conftest import all_rules

_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_CN = "一二三四五六七八九十"
_TITLES = ("青山县司法局工作报告", "关于2025年度工作情况的报告", "河西县人民政府工作报告")
_HEADS = ("主要工作", "存在的问题", "下一步打算", "强化组织领导", "规范行政执法", "深化普法宣传")
_UNITS = ("场", "次", "件", "万余份", "个", "年度")
_VERBS = ("全年召开会议", "开展执法检查", "发放宣传资料", "办理案件", "培训人员")


@st.composite
def _number(draw: st.DrawFn) -> str:
    number = str(draw(st.integers(1, 2025)))
    if draw(st.booleans()):
        number += "." + str(draw(st.integers(1, 9)))
    return number


# Sentences other rules have fixes for (法制政府, a Word bookmark) and near misses.
_PHRASES = (
    "推进法制政府建设。",
    "学习贯彻习近平法治思想。",
    "落实重大执法决定法制审核制度。",
    "[bookmark: _GoBack]持续深化普法宣传。",
)


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(_PHRASES))
    spaces = draw(st.sampled_from(("", " ", "\u00a0")))
    before = spaces if draw(st.booleans()) else ""
    after = spaces if draw(st.booleans()) else ""
    verb, unit = draw(st.sampled_from(_VERBS)), draw(st.sampled_from(_UNITS))
    return f"{verb}{before}{draw(_number())}{after}{unit}。"


def _level_one(number: int, form: str) -> str:
    cn = _CN[number - 1]
    return {"standard": f"{cn}、", "dot": f"{cn}.", "comma": f"{cn}，"}[form]


def _level_two(number: int, form: str) -> str:
    cn = _CN[number - 1]
    return {
        "standard": f"（{cn}）",
        "half": f"({cn})",
        "mixed": f"（{cn})",
        "trailing": f"（{cn}）、",
    }[form]


def _level_three(number: int, form: str) -> str:
    return {"standard": f"{number}.", "comma": f"{number}、", "paren": f"（{number}）"}[form]


_LEVELS = (
    (_level_one, ("standard", "dot", "comma")),
    (_level_two, ("standard", "half", "mixed", "trailing")),
    (_level_three, ("standard", "comma", "paren")),
)


@st.composite
def _headings(draw: st.DrawFn, depth: int) -> list[str]:
    make, forms = _LEVELS[depth]
    count = draw(st.integers(1, 3))
    numbers = sorted(draw(st.lists(st.integers(1, 5), min_size=count, max_size=count)))
    lines = []
    for number in numbers:
        space = draw(st.sampled_from(("", "", " ")))
        title = draw(st.sampled_from(_HEADS))
        run_in = "。" + draw(_sentence()) if depth and draw(st.booleans()) else ""
        lines.append(f"{make(number, draw(st.sampled_from(forms)))}{space}{title}{run_in}")
        lines += draw(st.lists(_sentence(), max_size=2))
        if depth < 2 and draw(st.booleans()):
            lines += draw(_headings(depth + 1))
    return lines


@st.composite
def reports(draw: st.DrawFn) -> str:
    title = draw(st.sampled_from(_TITLES))
    opening = "".join(draw(st.lists(_sentence(), min_size=1, max_size=2)))
    newline = draw(st.sampled_from(("\n", "\r\n")))
    return newline.join([title, "", opening, "", *draw(_headings(0))]) + newline


def _lint(source: Source) -> LintResult:
    return lint_source(source, Selection(all_rules()))


def _relint(text: str) -> LintResult:
    return _lint(Source("report.txt", text))


def _fix(text: str, unsafe: bool = False):
    return fix_result(_relint(text), _relint, unsafe)


@_SETTINGS
@given(reports(), st.booleans())
def test_fixing_twice_is_fixing_once(text: str, unsafe: bool) -> None:
    once = _fix(text, unsafe)
    assert once.converged
    twice = _fix(once.text, unsafe)
    assert twice.text == once.text
    assert not twice.fixed


@_SETTINGS
@given(reports())
def test_safe_fixes_remove_their_findings_and_add_none(text: str) -> None:
    """Safe fixes only: renumbering (unsafe) can regroup headings and so change findings."""
    before = _relint(text).diagnostics
    after = _fix(text).result.diagnostics
    assert not [d for d in after if applies(d, unsafe=False)]
    unfixable = Counter(d.rule for d in before if not applies(d, unsafe=False))
    assert Counter(d.rule for d in after) <= unfixable, (text, after)


@_SETTINGS
@given(reports(), st.booleans())
def test_text_outside_the_edits_is_unchanged(text: str, unsafe: bool) -> None:
    result = _relint(text)
    fixes = {d.fix for d in result.diagnostics if d.fix and applies(d, unsafe)}
    fixed, applied = apply_fixes(text, fixes)
    edits = sorted((edit for fix in applied for edit in fix.edits), key=lambda e: e.start)
    assert _unchanged_between(text, fixed, edits)


def _unchanged_between(text: str, fixed: str, edits: list[Edit]) -> bool:
    """Walk both texts: every character outside an edit must reappear in order."""
    position = shift = 0
    for edit in edits:
        if text[position : edit.start] != fixed[position + shift : edit.start + shift]:
            return False
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
    return text[position:] == fixed[position + shift :]


_ENCODINGS = (
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
)
_LINE_END = re.compile(r"\r\n|\r|\n")


@_SETTINGS
@given(reports(), st.sampled_from(_ENCODINGS), st.booleans())
def test_written_file_keeps_encoding_and_line_ends(
    tmp_path_factory, text: str, encoding: tuple[str, bytes], mixed: bool
) -> None:
    if mixed:  # every third line end becomes a lone CR, as old Mac files have
        ends = iter(range(10**6))
        text = _LINE_END.sub(lambda m: "\r" if next(ends) % 3 == 2 else m.group(), text)
    codec, bom = encoding
    if codec == "gbk":  # GBK has no no-break space
        text = text.replace("\u00a0", " ")
    path = Path(tmp_path_factory.mktemp("fix")) / "report.txt"
    path.write_bytes(bom + text.encode(codec))
    report = FileReport(str(path), _lint(source_from_bytes(path.read_bytes(), str(path))))
    outcome = fix_reports([report], _lint, unsafe=False, write=True)
    assert not outcome.errors
    expected = _fix(text).text
    assert path.read_bytes() == bom + expected.encode(codec)
    assert _LINE_END.findall(expected) == _LINE_END.findall(text)


def test_generated_reports_exercise_the_fixes() -> None:
    """Guard against a generator that drifts into texts with nothing to fix."""
    rules = Counter()

    @settings(max_examples=60, deadline=None)
    @given(reports())
    def collect(text: str) -> None:
        rules.update(d.rule for d in _relint(text).diagnostics if d.fix)

    collect()
    assert {"pdf-digit-space", "heading-marker-form", "heading-sequence"} <= set(rules)
