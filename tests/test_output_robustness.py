"""Whatever the input, every output is valid for its format; a failure to write it is one line.

Legal but strange inputs: a file name that is not UTF-8 (a GBK name from a
Windows zip unpacked on Linux, which os.fsdecode gives as lone surrogates),
report text with control characters, a standard output that refuses what it
cannot encode (any locale but C and POSIX) or is not UTF-8 (a Windows console
redirected to a file), and an output place that is full.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree

import pytest

from lawlint.cli import main
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.fixer import fix_reports
from lawlint.linter import LintResult, Selection, lint_source
from lawlint.outline import build_outline
from lawlint.render import FORMATS, FileReport, RenderOptions, renderer
from lawlint.source import Source, read_source
from tests.conftest import FIXTURES, all_rules
from tests.test_file_names_not_utf8 import GBK_NAME, SAMPLE, gbk_named_report

CLEAN = FIXTURES / "reports" / "clean_county_bureau.txt"
SHOWN_NAME = r"\xb1\xa8\xb8\xe6.txt"  # the name's bytes, as the formats that only show it write it
JSON_FORMATS = ("json", "json-lines", "gitlab", "sarif")
# What no output may hold: lone surrogates; and in text shown to people (terminal,
# HTML, XML), controls but tab and line ends, and noncharacters.
SURROGATE = re.compile("[\ud800-\udfff]")
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
# Each line of GitHub's output is one workflow command, its properties free of ":".
GITHUB_COMMAND = re.compile(r"::(error|warning|notice) [^:\n]*::[^\n]*")
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


class _Html(HTMLParser):
    """The page's text, read by the standard library's HTML parser."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(name: str, text: str):
    """``text`` read by its format's own parser (or split into its lines), checking its shape."""
    if name in ("json", "gitlab", "sarif"):
        return json.loads(text)
    # Lines end in \n alone: str.splitlines would also split at U+2028, form feed...
    lines = text.split("\n")
    assert lines.pop() == ""
    if name == "json-lines":
        return [json.loads(line) for line in lines]
    if name == "junit":
        return ElementTree.fromstring(text.encode("utf-8"))
    if name == "html":
        page = _Html()
        page.feed(text)
        page.close()
        return "".join(page.text)
    if name == "github":
        assert all(GITHUB_COMMAND.fullmatch(line) for line in lines), text
    return lines


def valid(name: str, data: bytes):
    """Output ``data`` of format ``name``: strict UTF-8, parsed, holding nothing it must not."""
    text = data.decode("utf-8")  # strict: raw bytes of a name would fail here
    assert not SURROGATE.search(text)
    if name not in JSON_FORMATS:  # JSON escapes controls itself
        assert not UNSHOWABLE.search(text), [c for c in UNSHOWABLE.findall(text)]
    return parsed(name, text)


def named_paths(name: str, document) -> list[bytes]:
    """The file names a machine-readable output gives, as the bytes a program would open."""
    if name == "json":
        return [os.fsencode(row["path"]) for row in document]
    if name == "json-lines":
        return [os.fsencode(row["path"]) for row in document]
    if name == "gitlab":
        return [os.fsencode(issue["location"]["path"]) for issue in document]
    results = document["runs"][0]["results"]
    return [
        unquote_to_bytes(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for result in results
    ]


@pytest.fixture
def gbk_folder(tmp_path: Path) -> Path:
    return gbk_named_report(tmp_path)


def _check_names(name: str, document, text: str) -> None:
    if name in JSON_FORMATS:
        paths = named_paths(name, document)
        assert paths and all(path.endswith(b"/" + GBK_NAME) for path in paths)
    else:
        assert SHOWN_NAME in text


# --- a file name that is not UTF-8 --------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_a_name_not_utf8_in_an_output_file(gbk_folder: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    assert main(["--no-cache", "--format", name, "--output-file", str(out), str(gbk_folder)]) == 1
    data = out.read_bytes()
    _check_names(name, valid(name, data), data.decode("utf-8"))


def _stdout(monkeypatch, encoding: str, errors: str) -> io.BytesIO:
    """Standard output as the interpreter makes it for a locale (not a terminal)."""
    written = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(written, encoding=encoding, errors=errors))
    return written


# strict: any UTF-8 locale but C.UTF-8 (LANG=en_US.UTF-8); surrogateescape: C and POSIX.
@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
@pytest.mark.parametrize("name", FORMATS)
def test_a_name_not_utf8_on_standard_output(monkeypatch, gbk_folder, name: str, errors: str):
    written = _stdout(monkeypatch, "utf-8", errors)
    assert main(["--no-cache", "--format", name, str(gbk_folder)]) == 1
    sys.stdout.flush()
    data = written.getvalue()
    _check_names(name, valid(name, data), data.decode("utf-8"))


def test_a_name_not_utf8_in_the_outline(monkeypatch, gbk_folder: Path) -> None:
    monkeypatch.chdir(gbk_folder)  # a short path: the tree is cut to 80 columns
    path = os.fsdecode(GBK_NAME)
    written = _stdout(monkeypatch, "utf-8", "strict")
    assert main(["outline", "--no-cache", "--format", "json", path]) == 0
    sys.stdout.flush()
    assert os.fsencode(json.loads(written.getvalue().decode("utf-8"))["path"]).endswith(GBK_NAME)
    written = _stdout(monkeypatch, "utf-8", "strict")
    assert main(["outline", "--no-cache", "--color", "never", path]) == 0
    sys.stdout.flush()
    assert SHOWN_NAME in written.getvalue().decode("utf-8")


def test_a_diff_of_a_name_not_utf8_on_a_strict_stdout(monkeypatch, gbk_folder, capsys) -> None:
    written = _stdout(monkeypatch, "utf-8", "strict")
    assert main(["--no-cache", "--diff", str(gbk_folder)]) == 1
    sys.stdout.flush()
    diff = written.getvalue().decode("utf-8")
    assert diff.startswith("--- ") and "+++ " in diff and "\\udcb1" in diff
    assert "Traceback" not in capsys.readouterr().err


def test_an_unreadable_name_not_utf8_is_named_in_escapes(tmp_path: Path, capsys) -> None:
    missing = tmp_path / os.fsdecode(GBK_NAME)
    assert main(["--no-cache", "--format", "concise", str(missing)]) == 2
    assert f"{SHOWN_NAME}: no such file" in capsys.readouterr().err


def test_fix_names_a_file_not_utf8_in_escapes_on_stderr(monkeypatch, capsys) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(SAMPLE.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    main(["--no-cache", "--fix", "--stdin-filename", os.fsdecode(GBK_NAME), "-"])
    notice = f"lawlint: warning: {SHOWN_NAME}: fixes are not applied to standard input"
    assert notice in capsys.readouterr().err


def test_a_strict_stdout_in_a_real_process_shows_the_name(gbk_folder: Path) -> None:
    """PYTHONIOENCODING without an error handler makes the interpreter's stdout strict."""
    command = [sys.executable, "-m", "lawlint", "--no-cache", "--format", "concise"]
    ended = subprocess.run(
        [*command, str(gbk_folder)], capture_output=True, env={**ENV, "PYTHONIOENCODING": "utf-8"}
    )
    assert ended.returncode == 1 and b"Traceback" not in ended.stderr
    assert SHOWN_NAME in valid("concise", ended.stdout)[0]


# --- a standard output that is not UTF-8 ----------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_programs_get_utf8_whatever_the_locale(monkeypatch, tmp_path: Path, name: str) -> None:
    """A GBK console (Windows, redirected to a file): formats programs read stay UTF-8;
    the terminal formats are written in its encoding, escaping what it lacks."""
    report = tmp_path / "report.txt"
    report.write_text(SAMPLE.read_text(encoding="utf-8").replace("青山县", "青山县😀", 1))
    written = _stdout(monkeypatch, "gbk", "strict")
    assert main(["--no-cache", "--format", name, "--color", "never", str(report)]) == 1
    sys.stdout.flush()
    if name in ("full", "concise"):
        text = written.getvalue().decode("gbk")
        assert "固定用语" in text
        return
    text = written.getvalue().decode("utf-8")
    valid(name, written.getvalue())
    assert "固定用语" in text or "\\u56fa\\u5b9a" in text  # sarif rules, junit... all say it


# --- control characters in the report -------------------------------------------

# Every C0 control but line ends, DEL, C1 controls (0x9b starts an escape on some
# terminals), line and paragraph separators, noncharacters; ESC as a real attack
# (clear the screen, set the terminal's title).
CONTROLS = "".join(map(chr, range(0x00, 0x0A))) + "\x0b\x0c" + "".join(map(chr, range(0x0E, 0x20)))
ODD = CONTROLS + "\x7f\x85\x9b\u2028\u2029\ufdd0\ufffe\uffff" + "\x1b[2J\x1b]0;pwned\x07"
ODD_TEXT = f"某县2025年度法治政府建设情况报告\n\n一、主要举措\n推进{ODD}法制政府建设。\n"


def _odd_report(path: str = "报\x1b[31m告\n.txt") -> FileReport:
    source = Source(path, ODD_TEXT)
    start = ODD_TEXT.index("推进")
    end = ODD_TEXT.index("建设。")
    flagged = ODD_TEXT[start:end]
    diagnostics = [
        Diagnostic(
            "fixed-phrase",
            "P501",
            severity,
            f"固定用语“{flagged}”有误\ud800",
            f"帮助{ODD}",
            start,
            end,
            Fix(f"改为{ODD}", (Edit(start, end, f"替换{ODD}"),), safe=False),
        )
        for severity in Severity
    ]
    return FileReport(path, LintResult(source, build_outline(source), "fazhi", diagnostics))


def _rendered(name: str, reports: list[FileReport]) -> bytes:
    stream = io.StringIO()
    renderer(name)(reports, stream, RenderOptions(color="never", rules=all_rules()[:3]))
    return stream.getvalue().encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("name", FORMATS)
def test_control_characters_never_make_an_output_invalid(name: str) -> None:
    unreadable = FileReport("坏\x1b.txt", error=f"damaged .docx file ({ODD})")
    document = valid(name, _rendered(name, [_odd_report(), unreadable]))
    if name in ("json", "json-lines"):
        assert [row["message"] for row in document] == [
            d.message for d in _odd_report().result.diagnostics
        ]
        assert document[0]["fix"]["edits"][0]["content"] == f"替换{ODD}"


@pytest.mark.parametrize("name", ["full", "concise", "html", "github", "junit"])
def test_a_report_cannot_write_terminal_escapes(name: str) -> None:
    text = _rendered(name, [_odd_report()]).decode("utf-8")
    assert "\x1b" not in text and "\x9b" not in text


def test_controls_are_shown_as_control_pictures() -> None:
    """The reader sees that a control is there (and where), not nothing."""
    text = _rendered("full", [_odd_report()]).decode("utf-8")
    assert "推进\u2400\u2401" in text and "␛[2J" in text and "报␛[31m告␊.txt:4:" in text
    assert "␛[2J" in valid("html", _rendered("html", [_odd_report()]))


def test_concise_keeps_one_line_per_finding() -> None:
    lines = valid("concise", _rendered("concise", [_odd_report()]))
    assert len(lines) == len(Severity)
    assert all(line.startswith("报␛[31m告␊.txt:4:1: P501 ") for line in lines)


def test_a_report_file_with_control_characters_on_the_command_line(tmp_path: Path) -> None:
    report = tmp_path / "controls.txt"
    odd = ODD.replace("\x00", "")  # a NUL makes a .txt file binary: it is not read
    report.write_text(SAMPLE.read_text(encoding="utf-8").replace("扎实", f"扎{odd}实", 1))
    for name in FORMATS:
        out = tmp_path / f"out.{name}"
        assert main(["--no-cache", "--format", name, "--output-file", str(out), str(report)]) == 1
        valid(name, out.read_bytes())


# --- output that cannot be written ----------------------------------------------

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


def _lawlint(args: list[str], **options) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "lawlint", "--no-cache", *args]
    return subprocess.run(command, stderr=subprocess.PIPE, env=ENV, **options)


def _one_line_error(ended: subprocess.CompletedProcess, where: str = "") -> None:
    """Status 2 and one line on stderr saying so (after the lines the run said before)."""
    error = ended.stderr.decode()
    assert ended.returncode == 2, error
    last = error.splitlines()[-1]
    assert last.startswith(f"lawlint: error: {where}cannot write the output: ")
    assert error.count("lawlint: error:") == 1 and "Traceback" not in error


@needs_dev_full
@pytest.mark.parametrize(
    ("name", "reports"),
    [
        ("full", [SAMPLE] * 20),  # more than the buffer: the renderer's write fails
        ("json", [SAMPLE] * 40),  # the bytes written under the text stream
        ("json", [CLEAN]),  # a little: only the final flush fails
        ("html", [SAMPLE]),  # one write of the whole page
    ],
)
def test_a_full_disk_under_standard_output(name: str, reports: list[Path]) -> None:
    with open("/dev/full", "wb") as full:
        ended = _lawlint(["--format", name, *map(str, reports)], stdout=full)
    _one_line_error(ended)


@needs_dev_full
def test_a_full_disk_under_a_diff() -> None:
    with open("/dev/full", "wb") as full:
        _one_line_error(_lawlint(["--diff", str(SAMPLE)], stdout=full))


def _file_size_limit(size: int):
    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limit")
def test_an_output_file_that_cannot_be_written_is_one_line_and_keeps_the_old(tmp_path) -> None:
    out = tmp_path / "report.html"
    out.write_text("the previous report\n", encoding="utf-8")
    args = ["--format", "html", "--output-file", str(out), str(SAMPLE)]
    ended = _lawlint(args, stdout=subprocess.PIPE, preexec_fn=_file_size_limit(4096))
    _one_line_error(ended, f"{out}: ")
    assert out.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_a_reader_that_leaves_early_still_gets_no_error(tmp_path: Path) -> None:
    command = f"{sys.executable} -m lawlint --no-cache --format json {SAMPLE} {SAMPLE} | head -c 1"
    ended = subprocess.run(["sh", "-c", command], capture_output=True, env=ENV)
    assert ended.stdout == b"["
    assert b"error" not in ended.stderr and b"Traceback" not in ended.stderr


# --- --diff writes nothing --------------------------------------------------------


def _lint(source: Source) -> LintResult:
    return lint_source(source, Selection(all_rules()))


@pytest.mark.parametrize(
    ("write", "consequence"), [(True, "file left unchanged"), (False, "no diff computed")]
)
def test_a_file_changed_since_it_was_linted(tmp_path: Path, write: bool, consequence: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(SAMPLE.read_bytes())
    report = FileReport(str(path), _lint(read_source(path)))
    path.write_text(SAMPLE.read_text(encoding="utf-8") + "新增一段。\n", encoding="utf-8")
    outcome = fix_reports([report], _lint, unsafe=False, write=write)
    assert outcome.errors == [(str(path), f"changed on disk since it was linted; {consequence}")]
    assert outcome.diffs == []
