"""A run that writes JSON keeps each file's JSON text in the cache and writes it back as it is.

The stored text must give the very bytes the diagnostics give, also on strings
JSON must escape; a stored text, severity or fix flag that is damaged (the
results file no longer matches its checksum) or that does not check out in a
file that matches is a miss (the file is linted again), never written out; and
a cache filled by a JSON run serves the other formats, and the other way round.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
from pathlib import Path

import pytest

from lawlint import cache as cache_module
from lawlint import cli, runner
from lawlint.cache import (
    _ROWS,
    _STATED,
    _TEXT_END,
    _TEXT_START,
    LintedSource,
    ResultCache,
    content_key,
)
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity
from lawlint.linter import LintResult
from lawlint.render import FileReport, RenderOptions, Tally, json_format, json_lines_format
from lawlint.render.json_format import DiagnosticText
from lawlint.source import read_source
from tests.test_cache import REPORT, _copies, _settled, header, parts, write_results
from tests.test_cache_recalled import HOSTILE


def _hostile_result(path: Path) -> LintResult:
    """Diagnostics of the file at ``path`` whose strings JSON must escape.

    (Not a lone surrogate: text that cannot be written as UTF-8 is not cached.)
    """
    source = read_source(str(path))
    fix = Fix("t\u2029\\u", (Edit(0, 1, HOSTILE[5]), Edit(3, 3, HOSTILE[0])), True)
    diagnostics = [
        Diagnostic(HOSTILE[0], HOSTILE[1], Severity.WARNING, HOSTILE[2], HOSTILE[3], 0, 3),
        Diagnostic(HOSTILE[1], HOSTILE[0], Severity.INFO, HOSTILE[3], HOSTILE[2], 1, 30, fix),
        Diagnostic("r", "C", Severity.ERROR, "", "", 40, 40, Fix("t", (Edit(2, 5, ""),), False)),
    ]
    return LintResult(source, None, "generic", diagnostics)


def _settled_file(folder: Path, text: str = REPORT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "r.txt"
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))  # long enough ago for its times to vouch for it
    return path


def _stored_with_text(tmp_path: Path, result_for) -> tuple[Path, Path, LintResult]:
    """Store a result with its JSON text, as a JSON run does; the file and cache folder."""
    path = _settled_file(tmp_path)
    folder = tmp_path / "cache"
    cache = ResultCache(folder, "k")
    assert cache.recall(str(path), text=True) is None  # stamps the file, as a run does
    result = result_for(path)
    texted = DiagnosticText().texted(result.source, result.diagnostics)
    cache.store([LintResult(result.source, None, result.profile, texted)])
    cache.save()
    return path, folder, result


# The streams a renderer may be given: text, or a text stream over bytes in an encoding
# (UTF-8 takes a recalled text's bytes as they are, unless line-buffered).
STREAMS = ["text", "utf-8", "gb18030", "utf-8-line-buffered"]


def _json(
    path: str | list[str], result: LintResult | list[LintResult], module=json_format, stream="text"
) -> str:
    """What ``module`` writes of the results of ``path`` to a ``stream`` of STREAMS."""
    paths, results = ([path], [result]) if isinstance(path, str) else (path, result)
    reports = [FileReport(path, result) for path, result in zip(paths, results, strict=True)]
    if stream == "text":
        out = io.StringIO()
        module.render(reports, out, RenderOptions())
        return out.getvalue()
    encoding = stream.removesuffix("-line-buffered")
    data = io.BytesIO()
    out = io.TextIOWrapper(data, encoding, line_buffering=stream != encoding)
    out.write("before ")  # held by the stream: must come out first
    module.render(reports, out, RenderOptions())
    out.flush()
    written = data.getvalue().decode(encoding)
    assert written.startswith("before ")
    return written.removeprefix("before ")


@pytest.mark.parametrize("stream", STREAMS)
@pytest.mark.parametrize("module", [json_format, json_lines_format], ids=["json", "json-lines"])
def test_a_recalled_json_text_writes_what_the_diagnostics_write(
    tmp_path: Path, module, stream: str
) -> None:
    path, folder, result = _stored_with_text(tmp_path, _hostile_result)
    hit = ResultCache(folder, "k").recall(str(path), text=True)
    assert hit is not None and hit.diagnostics.json_text is not None
    shown = 'a\\"b\u2028.txt'
    assert _json(shown, hit, module, stream) == _json(shown, result, module)
    out = _json(shown, result, module)
    objects = (
        json.loads(out)
        if module is json_format
        else [json.loads(line) for line in out.split("\n") if line]
    )
    assert len(objects) == 3 and objects[1]["path"] == shown


@pytest.mark.parametrize("stream", STREAMS)
def test_recalled_and_fresh_files_write_as_fresh_ones_in_any_stream(
    tmp_path: Path, stream: str
) -> None:
    """Bytes a recalled file brings and text a fresh one brings, in one output, in order."""
    path, folder, result = _stored_with_text(tmp_path, _hostile_result)
    hit = ResultCache(folder, "k").recall(str(path), text=True)
    assert hit is not None and isinstance(hit.diagnostics.json_text, bytes)
    fresh = _good_result(path)
    paths = ["1.txt", "2.txt", "3.txt", "4.txt"]
    expected = _json(paths, [fresh, result, result, fresh])
    assert _json(paths, [fresh, hit, hit, fresh], json_format, stream) == expected
    assert len(json.loads(expected)) == 2 + 3 + 3 + 2


def test_only_a_utf8_stream_that_is_not_line_buffered_takes_bytes() -> None:
    def under(encoding: str, **options: object) -> object:
        return json_format.Utf8Bytes.under(io.TextIOWrapper(io.BytesIO(), encoding, **options))

    assert under("utf-8") is not None and under("UTF8") is not None
    assert under("utf-8", line_buffering=True) is None
    assert under("gb18030") is None and under("utf-8-sig") is None
    assert json_format.Utf8Bytes.under(io.StringIO()) is None


@pytest.mark.parametrize("stream", STREAMS)
def test_stored_bytes_that_are_not_utf8_do_not_crash_a_run(tmp_path: Path, stream: str) -> None:
    """Only a cache forged with a matching checksum holds them: shown, never a traceback."""
    path, folder, _ = _stored_with_text(tmp_path, _good_result)
    _corrupt(folder, _bad_bytes, sealed=True)
    hit = ResultCache(folder, "k").recall(str(path), text=True)
    assert hit is not None
    if stream != "utf-8":
        assert "\ufffd" in _json("r.txt", hit, json_format, stream)
    else:  # the bytes go out as they are
        data = io.BytesIO()
        out = io.TextIOWrapper(data, "utf-8")
        json_format.render([FileReport("r.txt", hit)], out, RenderOptions())
        out.flush()
        assert b'"m\xffsg' in data.getvalue()


def _bad_bytes(entry: list, texts: bytes) -> bytes:
    """The entry's text with a byte that is not UTF-8 in its message."""
    text = texts[entry[_TEXT_START] : entry[_TEXT_END]].replace(b'"msg', b'"m\xffsg', 1)
    entry[_TEXT_START], entry[_TEXT_END] = 0, len(text)
    return text


def test_a_recalled_json_text_counts_as_the_diagnostics_do(tmp_path: Path) -> None:
    path, folder, result = _stored_with_text(tmp_path, _hostile_result)
    hit = ResultCache(folder, "k").recall(str(path), text=True)
    assert hit is not None
    tallies = [Tally(), Tally()]
    tallies[0].add(FileReport("r.txt", hit))
    tallies[1].add(FileReport("r.txt", result))
    assert tallies[0].severities == tallies[1].severities and tallies[0].flagged
    assert hit.diagnostics.fix_safety == (True, False)
    assert len(hit.diagnostics) == 3
    with pytest.raises(TypeError):  # only JSON runs recall with text: no diagnostics to build
        list(hit.diagnostics)


def test_the_same_cache_serves_rows_to_other_formats(tmp_path: Path) -> None:
    path, folder, result = _stored_with_text(tmp_path, _hostile_result)
    hit = ResultCache(folder, "k").recall(str(path))
    assert hit is not None and hit.diagnostics == result.diagnostics


def _corrupt(folder: Path, change, sealed: bool = False) -> None:
    """Apply ``change(entry, texts)`` to the one stored entry; it returns the new texts.

    The file keeps the checksum it had, as damage leaves it, or with ``sealed``
    gets the checksum of what it holds now, as if the cache had written it so.
    """
    [file] = [p for p in folder.glob("results-*.json") if header(p)["entries"]]
    document, texts = parts(file)
    [entry] = document["entries"].values()
    texts = change(entry, texts)
    if sealed:
        write_results(file, document, texts)
    else:
        checksum = file.read_bytes()[: cache_module._CHECKSUM_SIZE]
        body = json.dumps(document, ensure_ascii=False).encode() + b"\n" + texts
        file.write_bytes(checksum + body)


def _retext(make):
    def change(entry: list, texts: bytes) -> bytes:
        # Places count bytes of the texts (of the one entry stored).
        text = make(texts[entry[_TEXT_START] : entry[_TEXT_END]].decode("utf-8"))
        data = text.encode("utf-8", "surrogatepass")
        entry[_TEXT_START], entry[_TEXT_END] = 0, len(data)
        return data

    return change


def _set(index: int, value: object):
    def change(entry: list, texts: bytes) -> bytes:
        entry[index] = value
        return texts

    return change


def _end_before_start(entry: list, texts: bytes) -> bytes:
    entry[_TEXT_START] = entry[_TEXT_END] + 1
    return texts


# Damage to what a text says: only the checksum finds it.
CORRUPTIONS = {
    "text-cut-short": _retext(lambda text: text[:-5]),
    "raw-quote-in-a-string": _retext(lambda text: text.replace('"msg', '"m"sg', 1)),
    "raw-control-in-a-string": _retext(lambda text: text.replace('"msg', '"m\x01sg', 1)),
    "bad-escape": _retext(lambda text: text.replace('"msg', '"m\\qsg', 1)),
    "number-not-a-number": _retext(lambda text: text.replace('"line": 1', '"line": x', 1)),
    "unknown-key": _retext(lambda text: text.replace('"help"', '"hint"', 1)),
    "severity-not-a-severity": _retext(lambda text: text.replace('"warning"', '"fatal"', 1)),
    "severity-in-another-case": _retext(lambda text: text.replace('"warning"', '"Warning"', 1)),
    "text-starting-later": _set(_TEXT_START, 3),
    "texts-not-utf8": lambda entry, texts: b"\xff" + texts[1:],
}
# Values of the wrong type or place: a miss in any file, also one whose checksum matches.
MALFORMED = {
    "text-past-the-end": _set(_TEXT_END, 10**6),
    "text-start-negative": _set(_TEXT_START, -1),
    "text-end-before-start": _end_before_start,
    "text-place-not-a-number": _set(_TEXT_START, "0"),
    "no-text": _set(_TEXT_START, None),
    "counts-not-text": _set(_STATED, 23),
    "counts-unknown-severity": _set(_STATED, "29/1"),
    "counts-fix-not-a-flag": _set(_STATED, "23/x"),
    "counts-without-fixes": _set(_STATED, "23"),
}


def _good_result(path: Path) -> LintResult:
    source = read_source(str(path))
    diagnostics = [
        Diagnostic("rule", "C1", Severity.WARNING, "msg", "help", 0, 3),
        Diagnostic("rule", "C1", Severity.ERROR, "msg", "help", 4, 9, Fix("t", (Edit(0, 1, ""),))),
    ]
    return LintResult(source, None, "generic", diagnostics)


# Each object's severity and each fix's applicability, in order, as a stored text shows them.
_SHOWN = re.compile(r'"(?:severity": "(\w+)|applicability": "(\w+))"')


@pytest.mark.parametrize("make", [_hostile_result, _good_result], ids=["hostile", "good"])
def test_a_recalled_text_counts_what_it_shows(tmp_path: Path, make) -> None:
    """The severities and fix safety stored beside a text are those the text shows."""
    path, folder, _ = _stored_with_text(tmp_path, make)
    hit = ResultCache(folder, "k").recall(str(path), text=True)
    assert hit is not None
    shown = _SHOWN.findall(hit.diagnostics.json_text.decode("utf-8"))
    assert [str(severity) for severity in hit.diagnostics.severities] == [s for s, _ in shown if s]
    safety = [applicability == "safe" for _, applicability in shown if applicability]
    assert list(hit.diagnostics.fix_safety) == safety and safety


@pytest.mark.parametrize(
    ("old", "new"),
    [('"warning"', '"error"'), ('"applicability": "safe"', '"applicability": "unsafe"')],
    ids=["severity", "applicability"],
)
def test_a_text_edited_to_show_other_counts_is_a_miss(tmp_path: Path, old: str, new: str) -> None:
    """Well-formed but not what was stored: never counted otherwise than it shows."""
    path, folder, _ = _stored_with_text(tmp_path, _good_result)
    _corrupt(folder, _retext(lambda text: text.replace(old, new, 1)))
    assert ResultCache(folder, "k").recall(str(path), text=True) is None


@pytest.mark.parametrize("sealed", [False, True], ids=["as-is", "with-its-checksum"])
def test_the_good_entry_the_corrupt_ones_start_from_is_a_hit(tmp_path: Path, sealed: bool) -> None:
    """Rewritten unchanged, either way: the misses below come from the damage."""
    path, folder, _ = _stored_with_text(tmp_path, _good_result)
    _corrupt(folder, lambda entry, texts: texts, sealed)
    assert ResultCache(folder, "k").recall(str(path), text=True) is not None


@pytest.mark.parametrize(
    ("name", "sealed"),
    [(name, False) for name in [*CORRUPTIONS, *MALFORMED]] + [(name, True) for name in MALFORMED],
)
def test_a_corrupt_json_text_entry_is_a_miss(tmp_path: Path, name: str, sealed: bool) -> None:
    path, folder, _ = _stored_with_text(tmp_path, _good_result)
    _corrupt(folder, (CORRUPTIONS | MALFORMED)[name], sealed)
    assert ResultCache(folder, "k").recall(str(path), text=True) is None
    # A run that writes JSON looks the file up by content next: the same entry must miss.
    assert ResultCache(folder, "k").lookup(read_source(str(path)), text=True) is None


def _run(capsys, *args: str) -> tuple[int, str]:
    status = cli.main(list(args))
    return status, capsys.readouterr().out


def test_json_runs_read_back_what_other_runs_cached_and_the_other_way(
    tmp_path: Path, capsys
) -> None:
    """Whichever format filled the cache, every later run shows what --no-cache shows."""
    path = _settled_file(tmp_path / "in", REPORT.replace("12次", "12 次"))
    base = ["--profile", "fazhi", str(path)]
    expected = {
        form: _run(capsys, "--format", form, "--no-cache", *base)
        for form in ("json", "json-lines", "concise")
    }
    assert json.loads(expected["json"][1]), "the report must have findings"
    for first, then in [("concise", "json"), ("json", "concise"), ("json", "json-lines")]:
        cache = ["--cache-dir", str(tmp_path / f"cache-{first}-{then}")]
        for form in (first, then, then):  # fill, then read back twice
            assert _run(capsys, "--format", form, *cache, *base) == expected[form]
    statistics = _run(capsys, "--format", "json", "--statistics", "--no-cache", *base)
    cache = ["--cache-dir", str(tmp_path / "cache-concise-json")]
    assert _run(capsys, "--format", "json", "--statistics", *cache, *base) == statistics


def test_a_worker_sends_a_json_run_its_results_without_the_text(tmp_path: Path) -> None:
    path = _settled_file(tmp_path)
    result = _good_result(path)
    sent = LintedSource.of(result.source, result.diagnostics)
    data = pickle.dumps(sent)
    assert REPORT[:8].encode() not in data, "the text stays in the worker"
    path.unlink()  # unpickling must not read the file
    back = pickle.loads(data)
    assert (back.path, back.unit, back.key, back.flat) == (
        str(path),
        "line",
        content_key(result.source),
        sent.flat,
    )
    assert back.places[4] == result.source.position(4)


def test_a_pooled_json_run_caches_what_every_later_run_shows(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """Results linted in a worker for a JSON run are stored by their key and places."""
    paths = _copies(tmp_path / "in", runner.POOL_MIN_FILES + 2)
    _settled(paths)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    expected = {
        form: _run(capsys, "--format", form, "--no-cache", *paths) for form in ("json", "concise")
    }
    assert _run(capsys, "--format", "json", "--jobs", "2", *cache, *paths) == expected["json"]

    def unread(*_args, **_kwargs):
        raise AssertionError("read although the cache vouches for the file")

    monkeypatch.setattr(runner, "read_source", unread)
    for form in ("json", "concise"):
        assert _run(capsys, "--format", form, *cache, *paths) == expected[form]


def _damaged_rows(rows: str):
    def change(entry: list, texts: bytes) -> bytes:
        entry[_ROWS], entry[_TEXT_START] = rows, "x"  # a miss for either kind of run
        return texts

    return change


# Each with whether the damaged file gets the checksum of what it holds (see `_corrupt`).
DAMAGE = {
    "rows-cut-short": (_damaged_rows("["), False),
    "rows-cut-short-checksum-matching": (_damaged_rows("["), True),
    "rows-nested-too-deep": (_damaged_rows("[" * 100_000), False),
    "rows-nested-too-deep-checksum-matching": (_damaged_rows("[" * 100_000), True),
    # Rows intact: a JSON run misses on recall and must miss on lookup too, not keep the text.
    "text-not-well-formed": (_retext(lambda text: text.replace('"line"', '"lime"', 1)), False),
    "text-misplaced-checksum-matching": (_set(_TEXT_END, 10**6), True),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("form", ["json", "concise"])
def test_a_file_whose_entry_is_damaged_is_stored_again_and_vouched_for(
    tmp_path: Path, capsys, monkeypatch, form: str, damage: str
) -> None:
    """The run that finds the damage lints the file and stores it with its stamp."""
    path = _settled_file(tmp_path / "in", REPORT)
    cache = ["--format", form, "--cache-dir", str(tmp_path / "cache"), str(path)]
    expected = _run(capsys, *cache)
    _corrupt(tmp_path / "cache", *DAMAGE[damage])
    assert _run(capsys, *cache) == expected

    def unread(*_args, **_kwargs):
        raise AssertionError("read although the cache vouches for the file")

    monkeypatch.setattr(runner, "read_source", unread)
    assert _run(capsys, *cache) == expected
