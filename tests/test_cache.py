"""The result cache: the answers of a fresh lint, invalidated by any change, never trusted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lawlint import cache as cache_module
from lawlint import cli, runner
from lawlint.cache import ResultCache, content_key, fingerprint
from lawlint.cache_dir import clean
from lawlint.config import Resolver
from lawlint.linter import Selection, lint_source
from lawlint.source import Source, SourceError, read_source
from tests.conftest import FIXTURES, ROOT, all_rules
from tests.test_cache_fingerprint import in_other_processes

# The results file format the cache writes (documents written by hand here use it).
FORMAT = cache_module._FORMAT
DEFECTIVE = FIXTURES / "headings" / "sequence_defects.txt"
REPORT = "\n".join(
    [
        "青山县司法局2025年度法治政府建设情况报告",
        "一、主要举措和成效",
        "(一)深入学习。全年学习12次。",
        "（三）严格执法。办理案件46件。",
        "二、存在的不足和原因",
        "",
    ]
)


def _selection(**changes) -> Selection:
    return Selection(all_rules(), **changes)


def _fresh(text: str = REPORT) -> tuple[Source, object]:
    source = Source("report.txt", text)
    return source, lint_source(source, _selection())


def test_a_stored_result_comes_back_equal(tmp_path: Path) -> None:
    _, result = _fresh()
    assert result.diagnostics, "the sample must have findings for this test to mean anything"
    assert any(d.fix for d in result.diagnostics), "and a fix, so fixes are round-tripped too"
    cache = ResultCache(tmp_path, fingerprint(_selection()))
    cache.store([result])
    cache.save()
    again = ResultCache(tmp_path, fingerprint(_selection())).lookup(Source("other.txt", REPORT))
    assert again is not None and again.cached
    assert again.diagnostics == result.diagnostics
    assert again.profile == result.profile
    assert again.outline.sections[0].heading.title == result.outline.sections[0].heading.title


def test_cached_results_are_not_stored_again(tmp_path: Path) -> None:
    _, result = _fresh()
    cache = ResultCache(tmp_path, "k")
    cache.store([result])
    cache.save()
    hit = ResultCache(tmp_path, "k").lookup(Source("x", REPORT))
    before = _results_files(tmp_path)
    later = ResultCache(tmp_path, "k")
    later.store([hit])
    later.save()
    assert _results_files(tmp_path) == before, "a cached result was written again"


def _results_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Each results file's inode and modification time: a save replaces a file it writes."""
    return {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in folder.glob("results-*.json")
    }


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("12次", "13次"),
        lambda text: text.replace("\n", "\r\n"),
    ],
    ids=["one-character", "line-ends"],
)
def test_changed_content_misses(tmp_path: Path, change) -> None:
    _, result = _fresh()
    cache = ResultCache(tmp_path, "k")
    cache.store([result])
    cache.save()
    assert ResultCache(tmp_path, "k").lookup(Source("report.txt", change(REPORT))) is None


def test_how_a_file_was_read_is_part_of_the_key() -> None:
    plain = Source("a.txt", REPORT)
    assert content_key(plain) != content_key(Source("a.txt", REPORT, encoding="gb18030"))
    assert content_key(plain) != content_key(Source("a.md", REPORT, markup={1: 3}))
    assert content_key(plain) == content_key(Source("elsewhere/b.txt", REPORT))


def test_rule_selection_and_options_change_the_fingerprint() -> None:
    base = fingerprint(_selection())
    assert fingerprint(_selection()) == base
    assert fingerprint(_selection(ignore=frozenset(["heading-sequence"]))) != base
    assert fingerprint(_selection(profile="fazhi")) != base
    assert fingerprint(_selection(), config="strict = true") != base
    rules = list(all_rules())
    index, name = next(
        (i, name)
        for i, rule in enumerate(rules)
        if rule.options is not None
        for name in type(rule.options).NAMES
        if type(getattr(rule.options, name)) is int
    )
    value = getattr(rules[index].options, name)
    rules[index] = rules[index].with_options(**{name: value + 1})
    assert fingerprint(Selection(rules)) != base


def test_fingerprint_is_the_same_in_another_process() -> None:
    """Hash randomisation must not reorder sets in the key (then nothing would ever hit)."""
    code = (
        "from lawlint.cache import fingerprint; from lawlint.linter import Selection;"
        "from lawlint.registry import load_rules; print(fingerprint(Selection(load_rules())))"
    )
    assert in_other_processes(code) == {fingerprint(_selection())}


@pytest.mark.parametrize("sealed", [False, True], ids=["as-is", "with-its-checksum"])
@pytest.mark.parametrize(
    "content",
    [
        b"not json at all {",
        b"\x00\xff\xfe garbage",
        b"[]",
        b'{"format": 999, "entries": {}}',
        b'{"format": 1, "entries": {}}',
        b'{"format": %d, "strings": [], "entries": [], "files": {}}' % FORMAT,
        b'{"format": %d, "strings": [1], "entries": {}, "files": {}}' % FORMAT,
        b'{"format": %d, "strings": [], "entries": {}, "files": []}' % FORMAT,
        b"[" * 100_000,
    ],
    ids=[
        "truncated",
        "binary",
        "wrong-shape",
        "other-format",
        "older-format",
        "entries-not-mapping",
        "strings-not-text",
        "files-not-mapping",
        "nested-too-deep",
    ],
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(
    tmp_path: Path, content: bytes, sealed: bool
) -> None:
    """Whether or not its checksum matches (a file written by another tool, say)."""
    source = Source("report.txt", REPORT)
    cache = ResultCache(tmp_path, "k")
    cache_file = cache.path_for(content_key(source))
    cache_file.write_bytes(cache_module._sealed(content) if sealed else content)
    assert cache.lookup(source) is None
    _, result = _fresh()
    cache.store([result])
    cache.save()
    assert header(cache_file)["format"] == FORMAT
    assert ResultCache(tmp_path, "k").lookup(source) is not None


# A results file's string table, and a good entry of the file format written against it.
STRINGS = ["heading-sequence", "H103", "msg", "help", "t", "x"]
GOOD = [0, 1, 2, 2, 3, 0, 3, None]


def parts(path: Path) -> tuple[dict, bytes]:
    """A results file's JSON document and the entries' JSON texts after it (past the checksum)."""
    data, size = path.read_bytes(), cache_module._CHECKSUM_SIZE
    assert data[:size] == cache_module._sealed(data[size:])[:size], "the checksum of what follows"
    document, _, texts = data[size:].partition(b"\n")
    return json.loads(document), texts


def header(path: Path) -> dict:
    """The JSON document of a results file (the entries' JSON texts follow it)."""
    return parts(path)[0]


def write_results(path: Path, document: dict, texts: bytes = b"") -> None:
    """Write a results file as the cache does, with the checksum of what it holds."""
    body = json.dumps(document).encode() + (b"\n" + texts if texts else b"")
    path.write_bytes(cache_module._sealed(body))


def stored_entry(profile: object, unit: object, rows: object, positions: object) -> list:
    """An entry of the results file format: rows and positions are one JSON text; no JSON text."""
    return [profile, unit, json.dumps([rows, positions]), "/", None, None]


def _entry(*rows: object, profile: object = "generic") -> list:
    return stored_entry(profile, "line", list(rows), [0, 1, 1, 3, 1, 4])


def _bad_entries():
    yield "not-a-list", "oops"
    yield "profile-not-text", _entry(GOOD, profile=1)
    yield "row-too-short", _entry(GOOD[:5])
    yield "offset-past-end", _entry([*GOOD[:5], 0, 10**6, None])
    yield "negative-offset", _entry([*GOOD[:5], -1, 3, None])
    yield "end-before-start", _entry([*GOOD[:5], 5, 3, None])
    yield "offset-not-int", _entry([*GOOD[:5], "0", 3, None])
    yield "unknown-severity", _entry([*GOOD[:2], 9, *GOOD[3:]])
    yield "message-not-an-index", _entry([*GOOD[:3], "msg", *GOOD[4:]])
    yield "negative-string-index", _entry([*GOOD[:3], -1, *GOOD[4:]])
    yield "string-index-past-the-table", _entry([*GOOD[:3], 99, *GOOD[4:]])
    yield "edit-past-end", _entry([*GOOD[:7], [4, True, [[0, 10**6, 5]]]])
    yield "edit-not-an-index", _entry([*GOOD[:7], [4, True, [[0, 1, "x"]]]])
    yield "safe-not-bool", _entry([*GOOD[:7], [4, "yes", []]])
    # json.loads raises RecursionError (not ValueError) on this: it must still be a miss.
    yield "rows-nested-too-deep", ["generic", "line", "[" * 100_000, "/", None, None]


def _lookup_entry(folder: Path, entry: object):
    source = Source("report.txt", REPORT)
    key = content_key(source)
    document = {"format": FORMAT, "strings": STRINGS, "entries": {key: entry}, "files": {}}
    cache = ResultCache(folder, "k")
    write_results(cache.path_for(key), document)
    return cache.lookup(source)


def test_the_good_entry_the_corrupt_ones_start_from_is_a_hit(tmp_path: Path) -> None:
    hit = _lookup_entry(tmp_path, _entry(GOOD, [*GOOD[:7], [4, True, [[0, 1, 5]]]]))
    assert hit is not None
    assert [(d.rule, d.code, d.message, d.help, d.start, d.end) for d in hit.diagnostics] == [
        ("heading-sequence", "H103", "msg", "help", 0, 3)
    ] * 2
    assert hit.diagnostics[1].fix.title == "t"
    assert hit.diagnostics[1].fix.edits[0].replacement == "x"


@pytest.mark.parametrize(
    ("name", "entry"), list(_bad_entries()), ids=[n for n, _ in _bad_entries()]
)
def test_a_corrupt_entry_is_a_miss_not_a_crash(tmp_path: Path, name: str, entry) -> None:
    assert _lookup_entry(tmp_path, entry) is None


def test_an_unwritable_folder_costs_nothing_but_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    _, result = _fresh()
    cache = ResultCache(blocker / "cache", "k")  # a folder below a file cannot be made
    cache.store([result])
    cache.save()
    assert not (blocker / "cache").exists()


def test_concurrent_saves_leave_a_valid_file(tmp_path: Path) -> None:
    texts = [REPORT.replace("12次", f"{n}次") for n in range(8)]
    results = [lint_source(Source("r.txt", text), _selection()) for text in texts]

    def save(result) -> None:
        for _ in range(5):
            cache = ResultCache(tmp_path, "k")
            cache.store([result])
            cache.save()

    threads = [threading.Thread(target=save, args=(result,)) for result in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    documents = [header(path) for path in tmp_path.glob("results-k-*.json")]
    assert documents and all(document["format"] == FORMAT for document in documents)
    assert any(document["entries"] for document in documents)
    assert not [path for path in tmp_path.iterdir() if path.suffix == ".tmp"]
    final = ResultCache(tmp_path, "k")
    hits = [final.lookup(Source("r.txt", text)) for text in texts]
    for hit, result in zip(hits, results, strict=True):
        assert hit is None or hit.diagnostics == result.diagnostics


def _copies(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    text = DEFECTIVE.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = folder / f"r{number:02d}.txt"
        path.write_text(text.replace("2024", str(2000 + number)), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("count", [1, runner.POOL_MIN_FILES + 2], ids=["one-file", "worker-pool"])
def test_second_run_uses_the_cache_and_prints_the_same(
    tmp_path: Path, capsys, monkeypatch, count: int
) -> None:
    paths = _copies(tmp_path / "in", count)
    args = ["--format", "json", "--jobs", "2", "--cache-dir", str(tmp_path / "cache"), *paths]
    first_status = cli.main(args)
    first = capsys.readouterr().out
    assert json.loads(first), "the inputs must have findings"

    def no_linting(*_args, **_kwargs):
        raise AssertionError("linted although the cache had the result")

    monkeypatch.setattr(runner, "lint_source", no_linting)
    assert cli.main(args) == first_status
    assert capsys.readouterr().out == first


def test_no_cache_writes_nothing(tmp_path: Path, capsys) -> None:
    paths = _copies(tmp_path / "in", 1)
    cli.main(["--no-cache", "--cache-dir", str(tmp_path / "cache"), *paths])
    capsys.readouterr()
    assert not (tmp_path / "cache").exists()


def test_a_cache_dir_that_cannot_be_made_does_not_fail_the_run(tmp_path: Path, capsys) -> None:
    paths = _copies(tmp_path / "in", 1)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    status = cli.main(["--format", "json", "--cache-dir", str(blocker / "cache"), *paths])
    captured = capsys.readouterr()
    assert status == 1 and json.loads(captured.out)
    assert "Traceback" not in captured.err


def test_clean_removes_the_cache(tmp_path: Path, capsys) -> None:
    paths = _copies(tmp_path / "in", 1)
    cache = tmp_path / "cache"
    cli.main(["--cache-dir", str(cache), *paths])
    assert cache.is_dir()
    assert cli.main(["clean", "--cache-dir", str(cache)]) == 0
    assert not cache.exists()
    assert cli.main(["clean", "--cache-dir", str(cache)]) == 0
    assert "没有缓存目录" in capsys.readouterr().out


def test_clean_refuses_a_folder_that_is_not_a_cache(tmp_path: Path, capsys) -> None:
    precious = tmp_path / "reports"
    precious.mkdir()
    (precious / "report.txt").write_text(REPORT, encoding="utf-8")
    assert cli.main(["clean", "--cache-dir", str(precious)]) == 2
    assert (precious / "report.txt").is_file()
    err = capsys.readouterr().err
    assert err.startswith("lawlint: error: ") and "not removing" in err
    with pytest.raises(OSError):
        clean(precious)


def _git_status(folder: Path) -> str:
    return subprocess.run(
        ["git", "status", "--short", "--untracked-files=all"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_users_folder_given_as_the_cache_loses_nothing(tmp_path: Path, capsys) -> None:
    """``--cache-dir .`` by mistake: the folder is neither hidden from git nor emptied by clean."""
    repository = tmp_path / "reports"
    repository.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    (repository / "report.txt").write_text(REPORT, encoding="utf-8")
    (repository / "drafts").mkdir()
    (repository / "drafts" / "notes.md").write_text("草稿\n", encoding="utf-8")
    before = _git_status(repository)
    cli.main(["--cache-dir", str(repository), str(repository / "report.txt")])
    assert sorted(repository.glob("results-*.json"))  # the cache was used
    assert not (repository / ".gitignore").exists() and not (repository / "CACHEDIR.TAG").exists()
    assert "report.txt" in _git_status(repository)
    assert cli.main(["clean", "--cache-dir", str(repository)]) == 0
    assert "保留其中另外 3 项" in capsys.readouterr().out  # .git, drafts, report.txt
    assert _git_status(repository) == before
    assert sorted(path.name for path in repository.iterdir()) == [".git", "drafts", "report.txt"]


def test_clean_removes_only_what_lawlint_writes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cli.main(["--cache-dir", str(cache), *_copies(tmp_path / "in", 2)])
    [results] = sorted(cache.glob("results-*.json"))[:1]
    (cache / f".{results.stem}-1a2b3c4d5e6f.tmp").write_bytes(b"left by a killed run")
    mine = ["mine.txt", "results-2025.json", "code-2024-12.json", "rules-a.json"]
    for name in mine:  # the last three: named like lawlint's files, but not as it names them
        (cache / name).write_text("a user's file", encoding="utf-8")
    (cache / "results-0123456789abcdef01234567-01.json.d").mkdir()  # a folder
    kept = sorted([*mine, "results-0123456789abcdef01234567-01.json.d"])
    assert clean(cache) == kept
    assert sorted(path.name for path in cache.iterdir()) == kept
    for name in mine:
        (cache / name).unlink()
    (cache / "results-0123456789abcdef01234567-01.json.d").rmdir()
    assert clean(cache) == [] and not cache.exists()


def test_an_empty_folder_becomes_a_tagged_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cli.main(["--cache-dir", str(cache), *_copies(tmp_path / "in", 1)])
    assert (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").is_file()
    assert clean(cache) == [] and not cache.exists()


def _rule_file(folder: Path) -> Path:
    path = folder / "rules.yaml"
    path.write_bytes((ROOT / "rules" / "headings.yaml").read_bytes())
    return path


def test_parsed_rule_files_are_reused_without_yaml(tmp_path: Path, monkeypatch) -> None:
    from lawlint import registry

    source = _rule_file(tmp_path)
    monkeypatch.setattr(registry.PARSED, "folder", tmp_path / "cache")
    first = registry.load_rule_file(source)
    assert list((tmp_path / "cache").glob("rules-*.json"))

    def no_yaml(*_args):
        raise AssertionError("parsed the YAML again")

    monkeypatch.setattr(registry, "_parse_yaml", no_yaml)
    assert registry.load_rule_file(source) == first


def test_a_corrupt_parsed_rule_file_is_parsed_again(tmp_path: Path, monkeypatch) -> None:
    from lawlint import registry

    source = _rule_file(tmp_path)
    monkeypatch.setattr(registry.PARSED, "folder", tmp_path)
    expected = registry.load_rule_file(source)
    for stored in tmp_path.glob("rules-*.json"):
        stored.write_text('{"rules": [', encoding="utf-8")
    assert registry.load_rule_file(source) == expected


def test_yaml_that_json_cannot_hold_is_not_cached(tmp_path: Path, monkeypatch) -> None:
    from lawlint import registry

    monkeypatch.setattr(registry.PARSED, "folder", tmp_path)
    registry.PARSED.put(b"x", {"rules": [], 1: "an int key"})
    registry.PARSED.put(b"y", {"when": __import__("datetime").date(2025, 1, 1)})
    assert not list(tmp_path.glob("rules-*.json"))


def _settled(paths: list[str]) -> None:
    """Date the files back, as files not touched for a while are."""
    for path in paths:
        os.utime(path, ns=(10**18, 10**18))


@pytest.mark.parametrize("output", ["json", "full", "concise"])
def test_an_unchanged_file_is_answered_without_reading_it(
    tmp_path: Path, capsys, monkeypatch, output: str
) -> None:
    paths = _copies(tmp_path / "in", 3)
    _settled(paths)
    args = ["--format", output, "--color", "never", "--cache-dir", str(tmp_path / "cache"), *paths]
    first_status = cli.main(args)
    first = capsys.readouterr().out
    reads = []
    real_read = runner.read_source
    monkeypatch.setattr(runner, "read_source", lambda *a: reads.append(a) or real_read(*a))
    monkeypatch.setattr(runner, "lint_source", lambda *_: pytest.fail("linted a cached file"))
    assert cli.main(args) == first_status
    assert capsys.readouterr().out == first
    assert reads == [], "the runner read a file the cache vouches for"


def test_a_file_edited_to_the_same_size_is_read_again(tmp_path: Path, capsys) -> None:
    [path] = _copies(tmp_path / "in", 1)
    _settled([path])
    args = ["--format", "json", "--cache-dir", str(tmp_path / "cache"), path]
    cli.main(args)
    before = json.loads(capsys.readouterr().out)
    text = Path(path).read_text(encoding="utf-8")
    assert "（三）" in text
    Path(path).write_text(text.replace("（三）", "（二）", 1), encoding="utf-8")
    os.utime(path, ns=(10**18 + 1, 10**18 + 1))  # same size, one nanosecond later
    cli.main(args)
    after = json.loads(capsys.readouterr().out)
    assert after != before


def test_a_file_changed_just_now_is_not_vouched_for_by_its_times(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    cache = ResultCache(tmp_path / "cache", "k")
    assert cache.recall(str(path)) is None
    cache.store([lint_source(runner.read_source(str(path)), _selection())])
    cache.save()
    assert ResultCache(tmp_path / "cache", "k").recall(str(path)) is None
    os.utime(path, ns=(10**18, 10**18))
    settled = ResultCache(tmp_path / "cache", "k")
    assert settled.recall(str(path)) is None  # stamps are taken when a file is looked at
    settled.store([settled.lookup(runner.read_source(str(path)))])
    settled.save()
    hit = ResultCache(tmp_path / "cache", "k").recall(str(path))
    assert hit is not None and hit.diagnostics == _fresh()[1].diagnostics


@pytest.mark.parametrize(
    "files",
    [{"X": "not a list"}, {"X": [1, 2]}, {"X": "STAMP"}, {"X": ["size", 0, 0, 0, "key"]}],
    ids=["not-a-list", "short", "stamp-without-key", "wrong-types"],
)
def test_a_corrupt_file_stamp_is_a_miss(tmp_path: Path, files: dict) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    info = path.stat()
    stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    files = {
        str(path) if key == "X" else key: stamp if value == "STAMP" else value
        for key, value in files.items()
    }
    document = {"format": FORMAT, "strings": [], "entries": {}, "files": files}
    cache = ResultCache(tmp_path, "k")
    write_results(cache.path_for(str(path)), document)
    assert cache.recall(str(path)) is None


def test_corrupt_stored_positions_are_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    cache = ResultCache(tmp_path, "k")
    cache.recall(str(path))
    result = lint_source(runner.read_source(str(path)), _selection())
    cache.store([result])
    cache.save()
    assert ResultCache(tmp_path, "k").recall(str(path)) is not None
    entries_file = cache.path_for(content_key(result.source))
    document, texts = parts(entries_file)
    [entry] = document["entries"].values()
    entry[2] = json.dumps([json.loads(entry[2])[0], [0, "1", 1]])
    write_results(entries_file, document, texts)
    assert ResultCache(tmp_path, "k").recall(str(path)) is None


def _report_in_a_git_repo(folder: Path, text: str, monkeypatch) -> None:
    """``folder`` as a fresh git work tree holding report.txt, and the working directory."""
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / "report.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)


def _git_status(folder: Path) -> list[str]:
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return status.stdout.split()


def test_the_cache_folder_keeps_itself_out_of_git(tmp_path: Path, capsys, monkeypatch) -> None:
    """A document repository using the pre-commit hooks needs no .gitignore line for it."""
    _report_in_a_git_repo(tmp_path, REPORT, monkeypatch)
    cli.main(["report.txt"])
    capsys.readouterr()
    assert (tmp_path / ".lawlint_cache" / "CACHEDIR.TAG").is_file()
    assert _git_status(tmp_path) == ["??", "report.txt"]
    assert cli.main(["clean"]) == 0 and not (tmp_path / ".lawlint_cache").exists()


def test_a_run_that_writes_only_the_marker_memo_also_keeps_the_folder_out_of_git(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """Every writer of the folder makes it the same way, not only the result cache."""
    _report_in_a_git_repo(tmp_path, "一、总体情况\n（二十五）不在常用表中的编号\n", monkeypatch)
    cli.main(["outline", "report.txt"])
    capsys.readouterr()
    assert any((tmp_path / ".lawlint_cache").glob("markers-*.json")), "the memo must be written"
    assert _git_status(tmp_path) == ["??", "report.txt"]


@pytest.mark.parametrize("json_text", [False, True], ids=["rows", "json-text"])
def test_a_file_changed_after_it_was_recalled_is_linted_as_it_is_now(
    tmp_path: Path, monkeypatch, json_text: bool
) -> None:
    """Recall happens for every file up front; one edited before its turn, which comes
    longer than `_RECENT_NS` after (here at once), is not shown stale (a JSON run, which
    recalls stored texts, as much as any other)."""
    monkeypatch.setattr(cache_module, "_RECENT_NS", 0)
    paths = _copies(tmp_path / "in", 2)
    _settled(paths)
    folder = tmp_path / "cache"

    def planned():
        return runner.plan(
            ((path, None) for path in paths),
            Resolver(),
            lambda *_: ResultCache(folder, "k"),
            json_text=json_text,
        )

    jobs, contexts = planned()
    list(runner.remembered(jobs, runner.lint_files(jobs, contexts), contexts))
    runner.save_caches(contexts)
    jobs, contexts = planned()
    reports = runner.lint_files(jobs, contexts, workers=1)
    assert next(reports).result.cached
    Path(paths[1]).write_text("一、标题\n（三）正文。\n", encoding="utf-8")
    fresh = next(reports)
    assert not fresh.result.cached
    assert fresh.result.source.text == "一、标题\n（三）正文。\n"
    if json_text:
        assert '"line": 2' in fresh.result.diagnostics.json_text


def test_a_file_recalled_soon_after_it_was_known_is_stat_once(tmp_path: Path, monkeypatch) -> None:
    """Within `_RECENT_NS` of the up-front check, its stamp stands for the file at its turn
    in a JSON run, which never reads the file; a run that may read it stats it again."""
    paths, folder = _warm_cache(tmp_path, 3)
    stats = []
    real_stamp = cache_module._stamp
    monkeypatch.setattr(cache_module, "_stamp", lambda path: stats.append(path) or real_stamp(path))
    cache = ResultCache(folder, "k")
    assert all(cache.known(path) for path in paths)
    for path in paths:
        cache.recall(path, text=True)  # a miss all the same: these entries hold no JSON text
    assert stats == paths
    assert cache.known(paths[1]) and cache.recall(paths[1]) is not None  # rows: read later
    assert stats == [*paths, paths[1], paths[1]]
    monkeypatch.setattr(cache_module, "_RECENT_NS", 0)  # once the moment has passed: stat again
    assert cache.known(paths[0])
    cache.recall(paths[0], text=True)
    assert stats == [*paths, paths[1], paths[1], paths[0], paths[0]]


def test_a_recalled_file_edited_since_is_not_read_as_its_findings_text(tmp_path: Path) -> None:
    """Its stored offsets belong to the text it was keyed by: new text is refused, not misread."""
    paths, folder = _warm_cache(tmp_path, 1)
    cache = ResultCache(folder, "k")
    recalled = cache.recall(paths[0])
    assert recalled is not None and recalled.cached
    Path(paths[0]).write_text("一、标题\n（三）正文。\n", encoding="utf-8")
    with pytest.raises(SourceError, match="changed on disk since it was linted"):
        recalled.source.line_text(0)


def _warm_cache(tmp_path: Path, count: int) -> tuple[list[str], Path]:
    """``count`` different settled reports and a cache folder that vouches for all of them."""
    paths = _copies(tmp_path / "in", count)
    for number, path in enumerate(paths):
        Path(path).write_text(f"{Path(path).read_text(encoding='utf-8')}第{number}份。\n", "utf-8")
    _settled(paths)
    folder = tmp_path / "cache"
    _fill(folder, paths)
    return paths, folder


def _fill(folder: Path, paths: list[str]) -> None:
    """Lint ``paths`` once with a cache in ``folder`` (key "k") and save it."""
    jobs, contexts = runner.plan(
        ((path, None) for path in paths), Resolver(), lambda *_: ResultCache(folder, "k")
    )
    list(runner.remembered(jobs, runner.lint_files(jobs, contexts, workers=1), contexts))
    runner.save_caches(contexts)


def test_one_file_reads_two_results_files_not_the_whole_cache(tmp_path: Path, monkeypatch) -> None:
    """A pre-commit run on one file in a large repository should not load every entry."""
    paths, folder = _warm_cache(tmp_path, 40)
    assert len(list(folder.glob("results-k-*.json"))) > 10, "the entries must be spread out"
    loaded = []
    real_load = cache_module._load
    monkeypatch.setattr(cache_module, "_load", lambda path: loaded.append(path) or real_load(path))
    hit = ResultCache(folder, "k").recall(paths[7])
    assert hit is not None and hit.diagnostics
    assert 1 <= len(loaded) <= 2


def test_a_save_rewrites_only_the_files_it_added_to(tmp_path: Path) -> None:
    paths, folder = _warm_cache(tmp_path, 40)
    before = _results_files(folder)
    Path(paths[3]).write_text("一、标题\n（三）正文。\n", encoding="utf-8")
    _settled([paths[3]])
    cache = ResultCache(folder, "k")
    assert cache.recall(paths[3]) is None
    cache.store([lint_source(runner.read_source(paths[3]), _selection())])
    cache.save()
    after = _results_files(folder)
    changed = [name for name in after if after[name] != before.get(name)]
    assert 1 <= len(changed) <= 2
    again = ResultCache(folder, "k")
    assert all(again.recall(path) is not None for path in paths), "a partial run dropped entries"


def _stored(folder: Path) -> tuple[set[str], set[str]]:
    """The content keys and the file paths that the results files hold."""
    keys, files = set(), set()
    for path in folder.glob("results-k-*.json"):
        document = header(path)
        keys.update(document["entries"])
        files.update(document["files"])
    return keys, files


def test_a_run_that_reads_every_results_file_drops_what_no_file_needs(
    tmp_path: Path, monkeypatch
) -> None:
    """Entries of edited or deleted files go, so the cache does not grow with every edit."""
    monkeypatch.setattr(cache_module, "SHARDS", 4)  # so that 12 files reach every results file
    paths, folder = _warm_cache(tmp_path, 12)
    keys, files = _stored(folder)
    assert len(keys) == 12 and files == set(paths)
    Path(paths[0]).write_text("一、标题\n（三）正文。\n", encoding="utf-8")
    Path(paths[1]).unlink()
    _settled([paths[0]])
    jobs, contexts = runner.plan(
        ((path, None) for path in paths[:1] + paths[2:]),
        Resolver(),
        lambda *_: ResultCache(folder, "k"),
    )
    list(runner.remembered(jobs, runner.lint_files(jobs, contexts, workers=1), contexts))
    runner.save_caches(contexts)
    keys, files = _stored(folder)
    current = {content_key(runner.read_source(path)) for path in paths[:1] + paths[2:]}
    assert files == set(paths[:1] + paths[2:])
    assert keys == current
    again = ResultCache(folder, "k")
    assert all(again.recall(path) is not None for path in paths[:1] + paths[2:])


def test_a_save_that_prunes_drops_an_entry_whose_rows_nest_too_deep() -> None:
    """Rebuilding the entries to keep meets every stored entry: a damaged one is dropped."""
    entries = {"deep": ["generic", "line", "[" * 100_000, "/", None, None], "good": _entry(GOOD)}
    assert list(cache_module._kept(STRINGS, entries, {"deep", "good"}, "")) == ["good"]


def test_fix_leaves_a_recalled_file_edited_since_as_it_is(tmp_path: Path) -> None:
    """Fixes recalled for one text are never applied to another (they would land off target):
    a file edited after the runner read it is left as it is."""
    from lawlint.fixer import applies, fix_reports
    from lawlint.render import FileReport

    paths, folder = _warm_cache(tmp_path, 1)
    recalled = ResultCache(folder, "k").recall(paths[0])
    assert any(applies(diagnostic, True) for diagnostic in recalled.diagnostics)
    recalled.source.read  # noqa: B018 - as the runner reads a recalled file with findings
    edited = "插入的一行。\n" + Path(paths[0]).read_text(encoding="utf-8")
    Path(paths[0]).write_text(edited, encoding="utf-8")
    outcome = fix_reports([FileReport(paths[0], recalled)], _no_lint, unsafe=True, write=True)
    refusal = "changed on disk since it was linted; file left unchanged"
    assert outcome.errors == [(paths[0], refusal)]
    assert Path(paths[0]).read_text(encoding="utf-8") == edited


def _no_lint(source: Source) -> None:
    raise AssertionError("a file refused for fixing is not linted again")


@pytest.mark.parametrize("reads_text", [True, False])
def test_a_file_edited_just_after_its_recall_is_linted_as_it_is_now(
    tmp_path: Path, monkeypatch, reads_text: bool
) -> None:
    """A run that may read a file with findings reads it at its recall: new text is linted.
    A run that shows stored places only (concise, json…) never reads it."""
    paths, folder = _warm_cache(tmp_path, 2)
    edited = "插入的一行。\n" + Path(paths[1]).read_text(encoding="utf-8")
    real_recall = ResultCache.recall

    def recall_then_edit(self, path: str, text: bool = False):
        result = real_recall(self, path, text)
        if path == paths[1]:  # saved by an editor right after its stat
            Path(path).write_text(edited, encoding="utf-8")
        return result

    monkeypatch.setattr(ResultCache, "recall", recall_then_edit)
    jobs, contexts = runner.plan(
        ((path, None) for path in paths),
        Resolver(),
        lambda *_: ResultCache(folder, "k"),
        reads_text=reads_text,
    )
    kept, fresh = runner.lint_files(jobs, contexts, workers=1)
    assert kept.result.cached
    if not reads_text:
        assert fresh.result.cached
        return
    assert not fresh.result.cached and fresh.result.source.text == edited
    expected = lint_source(Source(paths[1], edited), contexts[0].selection).diagnostics
    assert [(d.rule, d.start) for d in fresh.result.diagnostics] == [
        (d.rule, d.start) for d in expected
    ]


def test_a_file_name_that_is_not_utf8_does_not_keep_others_from_the_cache(
    tmp_path: Path, monkeypatch
) -> None:
    """Its stamp cannot be written as UTF-8; the results file it falls in must still be."""
    monkeypatch.setattr(cache_module, "SHARDS", 1)  # one results file holds every entry and stamp
    paths, odd = _with_a_name_not_utf8(tmp_path / "in", 3)
    cached = tmp_path / "cache"
    _fill(cached, paths)
    again = ResultCache(cached, "k")
    assert [again.known(path) for path in paths] == [False, True, True]
    assert again.lookup(read_source(odd)) is not None, "found by its content all the same"


def test_standard_input_named_after_a_file_does_not_vouch_for_that_file(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """`--stdin-filename f.txt f.txt -`: what stdin held must not become f.txt's stamp."""
    import io

    paths = _copies(tmp_path / "in", 1)
    _settled(paths)
    cached = str(tmp_path / "cache")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("一、短\n".encode())))
    cli.main(["--cache-dir", cached, "--stdin-filename", paths[0], paths[0], "-"])
    capsys.readouterr()
    assert cli.main(["--cache-dir", cached, "--format", "concise", paths[0]]) == 1
    assert "All checks passed" not in capsys.readouterr().out


def test_a_file_name_that_is_not_utf8_leaves_a_warm_cache_unwritten(tmp_path: Path) -> None:
    """It is never stamped, so an unchanged folder does not rewrite its results file each run."""
    paths, _ = _with_a_name_not_utf8(tmp_path / "in", 2)
    cached = tmp_path / "cache"
    _fill(cached, paths)
    written = {path: path.stat().st_mtime_ns for path in cached.glob("results-*.json")}
    _settled([str(path) for path in written])
    _fill(cached, paths)
    assert {path: path.stat().st_mtime_ns for path in cached.glob("results-*.json")} == {
        path: 10**18 for path in written
    }


def _with_a_name_not_utf8(folder: Path, count: int) -> tuple[list[str], Path]:
    """``count`` settled reports, the first named by bytes that are not UTF-8."""
    paths = _copies(folder, count)
    odd = folder / os.fsdecode(b"x\xff.txt")
    Path(paths[0]).rename(odd)
    paths[0] = str(odd)
    _settled(paths)
    return paths, odd


def test_clean_through_a_link_empties_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target, link = tmp_path / "real", tmp_path / "cache"
    target.mkdir()
    link.symlink_to(target, target_is_directory=True)
    cli.main(["--cache-dir", str(link), *_copies(tmp_path / "in", 1)])
    assert sorted(target.glob("results-*.json"))
    assert clean(link) == []
    assert link.is_symlink() and list(target.iterdir()) == []


def test_clean_refuses_a_file_given_as_the_cache(tmp_path: Path, capsys) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert cli.main(["clean", "--cache-dir", str(report)]) == 2
    assert "is not a folder" in capsys.readouterr().err and report.is_file()
