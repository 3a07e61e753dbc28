"""The HTML report in a real headless Chromium: the DOM after the page's script has run.

Skips where no Chromium is installed (.ci/run installs Debian's ``chromium``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lawlint.render.html_format import page
from tests.report_samples import FLAWED_TEXT, RULES, at, diagnostic, report, sample_reports

BROWSER = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="chromium is not installed")


def dump_dom(url: str, folder: Path) -> str:
    """The serialised DOM of ``url`` once it has loaded and its scripts have run.

    Each run gets a fresh profile: a second browser started on a profile whose
    first browser is still shutting down hands the URL over to it and prints nothing.
    """
    profile = tempfile.mkdtemp(dir=folder)
    result = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=True,
    )
    assert "</html>" in result.stdout, result.stderr[-2000:]
    return result.stdout


class Elements(HTMLParser):
    """Every element's tag, attributes and the text directly inside it, by id and class."""

    def __init__(self, dom: str) -> None:
        super().__init__()
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(dom)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{key: value or "" for key, value in attrs}, "text": ""}
        self.elements.append(element)
        if tag not in ("meta", "input", "br", "link", "img"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open and self._open.pop()["tag"] != tag:
            pass

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def by_id(self, key: str) -> dict:
        return next(e for e in self.elements if e.get("id") == key)

    def with_class(self, name: str) -> list[dict]:
        return [e for e in self.elements if name in e.get("class", "").split()]


@pytest.fixture(scope="module")
def html_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    start, _ = at(FLAWED_TEXT, "<script>")
    hostile = diagnostic(RULES[0], (start, start + 8), marker="<script>", expected="（一）")
    reports = [
        *sample_reports(),
        report("<img src=x onerror=alert(1)>.txt", FLAWED_TEXT, [hostile]),
    ]
    path = folder / "report.html"
    path.write_text(page(reports), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def default_view(html_file, tmp_path_factory) -> Elements:
    return Elements(dump_dom(html_file.as_uri(), tmp_path_factory.mktemp("profile")))


def test_script_runs_and_shows_every_finding_by_default(default_view):
    dom = default_view
    body = next(e for e in dom.elements if e["tag"] == "body")
    assert body.get("data-js") == "ready"
    assert "hidden" not in dom.by_id("controls")
    assert dom.by_id("shown")["text"] == "显示 4 / 4 个问题，4 份报告"
    findings = dom.with_class("finding")
    assert len(findings) == 4 and not any("hidden" in f for f in findings)


def test_report_text_is_shown_as_text_never_run(default_view):
    dom = default_view
    title = next(e for e in dom.elements if e["tag"] == "title")
    assert title["text"] == "lawlint 检查报告"  # the report's document.title='pwned' never ran
    assert not [e for e in dom.elements if e["tag"] == "img"]
    marks = [e["text"] for e in dom.elements if e["tag"] == "mark"]
    assert "<script>" in marks
    paths = [e["text"] for e in dom.with_class("path")]
    assert "<img src=x onerror=alert(1)>.txt" in paths
    scripts = [e for e in dom.elements if e["tag"] == "script"]
    assert len(scripts) == 1


def test_filter_from_the_address_hides_other_rules_and_reports(html_file, tmp_path):
    dom = Elements(dump_dom(html_file.as_uri() + "#rule=T901", tmp_path))
    findings = dom.with_class("finding")
    visible = [f["data-code"] for f in findings if "hidden" not in f]
    assert visible == ["T901", "T901"]
    assert dom.by_id("shown")["text"] == "显示 2 / 4 个问题，2 份报告"
    reports = dom.with_class("report")
    shown = [r for r in reports if "hidden" not in r]
    assert len(reports) == 4 and len(shown) == 2
    assert all("failing" in r["class"] for r in shown)


def test_filter_by_severity_and_only_failing(html_file, tmp_path):
    dom = Elements(dump_dom(html_file.as_uri() + "#severity=error", tmp_path))
    visible = [f["data-code"] for f in dom.with_class("finding") if "hidden" not in f]
    assert visible == ["T902"]
    dom = Elements(dump_dom(html_file.as_uri() + "#failing=1", tmp_path))
    hidden_reports = [r for r in dom.with_class("report") if "hidden" in r]
    assert [r["class"] for r in hidden_reports] == ["report passing"]
    assert dom.by_id("shown")["text"] == "显示 4 / 4 个问题，3 份报告"


def test_unknown_filter_in_the_address_shows_everything(html_file, tmp_path):
    dom = Elements(dump_dom(html_file.as_uri() + "#rule=NOPE&severity=<b>", tmp_path))
    assert dom.by_id("shown")["text"] == "显示 4 / 4 个问题，4 份报告"
