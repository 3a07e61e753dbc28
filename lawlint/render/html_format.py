"""``--format html``: one self-contained page for the office that checks a folder of reports.

The page summarises the folder (reports checked, passing, findings by severity
and by rule), then lists every report with each finding shown in its line, the
flagged text highlighted. Reports are ``<details>`` elements, so they fold
without JavaScript; a small inline script adds filters by rule and severity,
which it also reads from the address (``report.html#rule=H103&severity=warning``)
so a filtered view can be sent as a link. Nothing is loaded from elsewhere, and
every piece of report text is escaped: a report is data, never markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape as _html_escape
from typing import TextIO

from lawlint import __version__
from lawlint.diagnostics import Diagnostic, Severity
from lawlint.outline import Outline
from lawlint.registry import Rule
from lawlint.render import FileReport, RenderOptions, Tally, shown_path, unfilled, visible
from lawlint.source import Source


def escape(text: str) -> str:
    """``text`` as HTML text or attribute value, with no character HTML forbids (`visible`)."""
    return _html_escape(visible(text))


_SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_UNIT_NAMES = {"line": "行", "paragraph": "段"}
# Characters of the line shown on each side of the flagged text.
_CONTEXT = 60
_ELLIPSIS = "…"

_STYLE = """
:root{--error:#b42318;--warning:#a15c07;--info:#175cd3;--ok:#067647;--line:#e4e7ec;
--muted:#667085;--bg:#f8f9fb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:#101828;line-height:1.6;
font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
header,main,#summary,#controls{max-width:1100px;margin:0 auto;padding:0 24px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 4px}
.meta{color:var(--muted);margin:0 0 20px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card b{display:block;font-size:28px;line-height:1.2}
.card span{color:var(--muted)}
.card.ok b{color:var(--ok)}.card.bad b{color:var(--error)}
.tables{display:grid;grid-template-columns:1fr 3fr;gap:16px;margin:16px 0;align-items:start}
@media (max-width:760px){.tables{grid-template-columns:1fr}}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);
border-radius:10px;overflow:hidden}
caption{text-align:left;font-weight:600;padding:0 0 6px}
th,td{padding:7px 12px;border-bottom:1px solid var(--line);text-align:left}
th{background:#f2f4f7;font-weight:600;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}
#controls{position:sticky;top:0;z-index:1;background:var(--bg);padding-top:10px;
padding-bottom:10px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;
gap:10px 18px;align-items:center}
#controls select,#controls button{font:inherit;padding:3px 8px}
#shown{color:var(--muted);margin-left:auto}
main{padding-top:16px;padding-bottom:40px}
.report{background:#fff;border:1px solid var(--line);border-radius:10px;margin:0 0 12px}
.report>summary{cursor:pointer;padding:12px 16px;display:flex;gap:12px;align-items:center;
flex-wrap:wrap}
.report>summary .path{font-weight:600;word-break:break-all}
.badge{border-radius:999px;padding:0 10px;font-size:13px;border:1px solid currentColor;
white-space:nowrap}
.badge.ok{color:var(--ok)}.badge.error{color:var(--error)}.badge.warning{color:var(--warning)}
.badge.info{color:var(--info)}.badge.unreadable{color:#fff;background:var(--error)}
.report .empty{margin:0;padding:0 16px 14px;color:var(--muted)}
ol.findings{list-style:none;margin:0;padding:0 16px 8px}
.finding{border-left:4px solid var(--line);padding:8px 12px;margin:0 0 10px;background:#fcfcfd}
.finding.error{border-color:var(--error)}.finding.warning{border-color:var(--warning)}
.finding.info{border-color:var(--info)}
.finding .head{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline}
.sev{font-weight:700}.error .sev{color:var(--error)}.warning .sev{color:var(--warning)}
.info .sev{color:var(--info)}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px}
.rule,.loc,.section{color:var(--muted);font-size:14px}
.msg{margin:4px 0;font-weight:500}
.context{margin:4px 0;padding:8px 10px;background:#f2f4f7;border-radius:6px;
white-space:pre-wrap;word-break:break-all}
.context .ln{color:var(--muted);user-select:none;margin-right:10px}
mark{background:#fde68a;color:inherit;border-bottom:2px solid var(--error);padding:0 1px}
mark.point{display:inline-block;width:2px;height:1.2em;padding:0;vertical-align:text-bottom;
background:var(--error)}
.help,.fix{margin:4px 0;color:#344054;font-size:14px}
.fix{color:var(--ok)}
[hidden]{display:none!important}
@media print{#controls{display:none}.report{break-inside:avoid}}
"""

_SCRIPT = """
(function () {
  var rule = document.getElementById("filter-rule");
  var severity = document.getElementById("filter-severity");
  var failing = document.getElementById("only-failing");
  var findings = document.querySelectorAll(".finding");
  var reports = document.querySelectorAll(".report");
  function apply() {
    var r = rule.value, s = severity.value, shown = 0, shownReports = 0;
    findings.forEach(function (f) {
      var ok = (!r || f.dataset.code === r) && (!s || f.dataset.severity === s);
      f.hidden = !ok;
      if (ok) shown++;
    });
    reports.forEach(function (report) {
      var visible = report.querySelectorAll(".finding:not([hidden])").length;
      var bad = report.classList.contains("failing");
      var hide = (r || s) ? visible === 0 : (failing.checked && !bad);
      report.hidden = hide;
      if (!hide) shownReports++;
    });
    document.getElementById("shown").textContent =
      "显示 " + shown + " / " + findings.length + " 个问题，" + shownReports + " 份报告";
    var parts = [];
    if (r) parts.push("rule=" + encodeURIComponent(r));
    if (s) parts.push("severity=" + s);
    if (failing.checked) parts.push("failing=1");
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
  }
  function fromAddress() {
    var wanted = new URLSearchParams(location.hash.slice(1));
    rule.value = wanted.get("rule") || "";
    severity.value = wanted.get("severity") || "";
    failing.checked = wanted.get("failing") === "1";
    if (rule.selectedIndex < 0) rule.value = "";
    if (severity.selectedIndex < 0) severity.value = "";
    apply();
  }
  function fold(open) {
    reports.forEach(function (report) { report.open = open; });
  }
  [rule, severity, failing].forEach(function (c) { c.addEventListener("change", apply); });
  document.getElementById("expand-all").addEventListener("click", function () { fold(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { fold(false); });
  window.addEventListener("hashchange", fromAddress);
  document.getElementById("controls").hidden = false;
  fromAddress();
  document.body.dataset.js = "ready";
})();
"""


def render(reports: Iterable[FileReport], stream: TextIO, options: RenderOptions) -> None:
    stream.write(page(reports, options.rules))


def page(reports: Iterable[FileReport], rules: Sequence[Rule] = ()) -> str:
    """The whole HTML document for ``reports``; ``rules`` give the rule table its summaries."""
    found = _Found()
    sections = []
    for number, report in enumerate(reports, 1):
        found.add(report)
        sections.append(_report(report, number))
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        "<title>lawlint 检查报告</title>\n<style>",
        _STYLE,
        "</style>\n</head>\n<body>\n<header>\n<h1>报告检查结果</h1>\n",
        f'<p class="meta">由 lawlint {escape(__version__)} 生成</p>\n</header>\n',
        _summary(found, {rule.code: unfilled(rule.message) for rule in rules}),
        _controls(found),
        '<main id="reports">\n',
        *sections,
        "</main>\n<script>",
        _SCRIPT,
        "</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


class _Found:
    """What the summary and the filters say about all findings, gathered report by report."""

    def __init__(self) -> None:
        self.tally = Tally()
        self.findings: Counter[str] = Counter()  # per rule code
        self.places: set[tuple[str, str]] = set()  # (code, path) pairs
        self.first: dict[str, Diagnostic] = {}  # each code's first finding
        self.rules: set[tuple[str, str]] = set()  # (code, name)

    def add(self, report: FileReport) -> None:
        self.tally.add(report)
        for diagnostic in report.result.diagnostics if report.result else ():
            self.findings[diagnostic.code] += 1
            self.places.add((diagnostic.code, report.path))
            self.first.setdefault(diagnostic.code, diagnostic)
            self.rules.add((diagnostic.code, diagnostic.rule))


def _summary(found: _Found, summaries: dict[str, str]) -> str:
    tally = found.tally
    passing = tally.checked - tally.flagged
    cards = [
        ("n-checked", tally.checked, "份报告已检查", ""),
        ("n-passing", passing, "份通过", "ok"),
        ("n-failing", tally.flagged, "份有问题", "bad" if tally.flagged else ""),
        ("n-findings", tally.findings, "个问题", ""),
    ]
    if tally.unreadable:
        cards.append(("n-unreadable", tally.unreadable, "份无法读取", "bad"))
    html = ['<section id="summary">\n<div class="cards">\n']
    html += [
        f'<div class="card {kind}"><b id="{key}">{number}</b><span>{label}</span></div>\n'
        for key, number, label, kind in cards
    ]
    html.append('</div>\n<div class="tables">\n')
    html.append(_severity_table(tally.severities))
    html.append(_rule_table(found, summaries))
    html.append("</div>\n</section>\n")
    return "".join(html)


def _severity_table(totals: dict[Severity, int]) -> str:
    rows = "".join(
        f'<tr><td><span class="badge {severity}">{_SEVERITY_NAMES[severity]}</span></td>'
        f'<td class="n">{totals[severity]}</td></tr>\n'
        for severity in reversed(Severity)
    )
    return (
        '<table id="by-severity"><caption>按级别</caption>\n'
        f"<tr><th>级别</th><th>问题数</th></tr>\n{rows}</table>\n"
    )


def _rule_table(found: _Found, summaries: dict[str, str]) -> str:
    findings, first = found.findings, found.first
    files = Counter(code for code, _ in found.places)
    rows = "".join(
        f'<tr><td><a class="code" href="#rule={escape(code)}">{escape(code)}</a></td>'
        f"<td>{escape(summaries.get(code, ''))}"
        f'<div class="rule">{escape(first[code].rule)}</div></td>'
        f'<td><span class="badge {first[code].severity}">'
        f"{_SEVERITY_NAMES[first[code].severity]}</span></td>"
        f'<td class="n">{findings[code]}</td><td class="n">{files[code]}</td></tr>\n'
        for code in sorted(findings, key=lambda c: (-findings[c], c))
    )
    if not rows:
        rows = '<tr><td colspan="5">没有发现问题</td></tr>\n'
    return (
        '<table id="by-rule"><caption>按规则</caption>\n'
        "<tr><th>代码</th><th>规则</th><th>级别</th><th>问题数</th><th>涉及报告</th></tr>\n"
        f"{rows}</table>\n"
    )


def _controls(found: _Found) -> str:
    rule_options = "".join(
        f'<option value="{escape(code)}">{escape(code)} {escape(name)}</option>'
        for code, name in sorted(found.rules)
    )
    severity_options = "".join(
        f'<option value="{severity}">{_SEVERITY_NAMES[severity]}</option>'
        for severity in reversed(Severity)
    )
    return (
        '<nav id="controls" hidden>\n'
        '<label>规则 <select id="filter-rule"><option value="">全部规则</option>'
        f"{rule_options}</select></label>\n"
        '<label>级别 <select id="filter-severity"><option value="">全部级别</option>'
        f"{severity_options}</select></label>\n"
        '<label><input type="checkbox" id="only-failing"> 只看有问题的报告</label>\n'
        '<span><button type="button" id="expand-all">全部展开</button> '
        '<button type="button" id="collapse-all">全部折叠</button></span>\n'
        f'<span id="shown">共 {found.tally.findings} 个问题</span>\n</nav>\n'
    )


def _report(report: FileReport, number: int) -> str:
    path = escape(shown_path(report.path))
    if report.error:
        return (
            f'<details class="report failing unreadable" id="report-{number}" open>'
            f'<summary><span class="path">{path}</span>'
            '<span class="badge unreadable">无法读取</span></summary>\n'
            f'<p class="empty">{escape(report.error)}</p>\n</details>\n'
        )
    diagnostics = report.result.diagnostics
    if not diagnostics:
        return (
            f'<details class="report passing" id="report-{number}">'
            f'<summary><span class="path">{path}</span>'
            '<span class="badge ok">通过</span></summary>\n'
            '<p class="empty">未发现问题。</p>\n</details>\n'
        )
    tally = Counter(diagnostic.severity for diagnostic in diagnostics)
    badges = "".join(
        f'<span class="badge {severity}">{_SEVERITY_NAMES[severity]} {tally[severity]}</span>'
        for severity in reversed(Severity)
        if tally[severity]
    )
    items = "".join(_finding(report.result.source, report.result.outline, d) for d in diagnostics)
    return (
        f'<details class="report failing" id="report-{number}" open>'
        f'<summary><span class="path">{path}</span>{badges}</summary>\n'
        f'<ol class="findings">\n{items}</ol>\n</details>\n'
    )


def _finding(source: Source, outline: Outline, diagnostic: Diagnostic) -> str:
    where = source.position(diagnostic.start)
    unit = _UNIT_NAMES.get(source.unit, "行")
    section = _section_title(outline, diagnostic.start)
    fix = ""
    if diagnostic.fix:
        if source.unit != "line":  # extracted from Word or PDF: --fix never rewrites those
            kind = "建议修改（Word、PDF 文件不自动修改）"
        else:
            kind = "可自动修复" if diagnostic.fix.safe else "建议修改（需确认）"
        fix = f'<p class="fix">{kind}：{escape(diagnostic.fix.title)}</p>'
    return (
        f'<li class="finding {diagnostic.severity}" data-code="{escape(diagnostic.code)}" '
        f'data-rule="{escape(diagnostic.rule)}" data-severity="{diagnostic.severity}">'
        f'<div class="head"><span class="sev">{_SEVERITY_NAMES[diagnostic.severity]}</span>'
        f'<span class="code">{escape(diagnostic.code)}</span>'
        f'<span class="rule">{escape(diagnostic.rule)}</span>'
        f'<span class="loc">第 {where.line} {unit}，第 {where.column} 字</span>'
        f"{section}</div>\n"
        f'<p class="msg">{escape(diagnostic.message)}</p>\n'
        f'<div class="context"><span class="ln">{where.line}</span>{_context(source, diagnostic)}'
        f"</div>\n"
        f'<p class="help">{escape(diagnostic.help)}</p>{fix}</li>\n'
    )


def _section_title(outline: Outline, offset: int) -> str:
    """The innermost heading above ``offset``, so the reader knows which part it is in."""
    inner = None
    for section in outline.walk():
        if section.start <= offset:
            inner = section
    if inner is None:
        return ""
    heading = inner.heading
    text = outline.source.text[heading.start : heading.title_end].strip()
    return f'<span class="section">所在部分：{escape(text)}</span>'


def _context(source: Source, diagnostic: Diagnostic) -> str:
    """The flagged line cut around the span, escaped, with the span in ``<mark>``."""
    index = source.line_index(diagnostic.start)
    line_start = source.line_starts[index]
    line = source.line_text(index)
    # Offsets in the line; a span that starts in a line end (\r|\n) is a point at its end.
    start = min(diagnostic.start - line_start, len(line))
    end = min(max(diagnostic.end - line_start, start), len(line))
    head = max(0, start - _CONTEXT)
    tail = min(len(line), end + _CONTEXT)
    before = (_ELLIPSIS if head > 0 else "") + line[head:start]
    after = line[end:tail] + (_ELLIPSIS if tail < len(line) else "")
    flagged = line[start:end]
    mark = f"<mark>{escape(flagged)}</mark>" if flagged else '<mark class="point"></mark>'
    return f"{escape(before)}{mark}{escape(after)}"
