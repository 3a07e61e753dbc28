"""The regex memo: a pattern rebuilt from stored code behaves exactly like ``re.compile``'s.

The patterns are the ones lawlint really compiles (recorded in a fresh process
that loads every rule and lints every fixture), whichever module compiles
them; each goes through a memo file and back, and is compared with
``re.compile`` on the fixtures, the seeds and texts made to probe edge cases.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint import regex_memo
from lawlint.regex_memo import Memo
from tests.conftest import FIXTURES, SEEDS, needs_seeds

# Records every str pattern compiled while lawlint loads its rules and lints the
# fixtures and the seeds with every rule under every profile, through re.compile
# or the memo (whose misses end in _sre.compile).
_RECORDER = r"""
import json, re, sys
from pathlib import Path
seen = {}
original = re._compile
def recording(pattern, flags):
    if isinstance(pattern, str):
        seen[(pattern, int(flags))] = None
    return original(pattern, flags)
re._compile = recording
from lawlint import regex_memo
regex_memo.MEMO = regex_memo.Memo(Path(sys.argv[1]))
from lawlint.linter import Selection, lint_source
from lawlint.registry import load_rules, profiles
from lawlint.source import read_source
rules = load_rules()
everything = frozenset(rule.name for rule in rules)  # the rules off by default too
selections = [Selection(rules, profile, everything) for profile in profiles(rules)]
for folder in sys.argv[2:]:
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix in (".txt", ".md"):
            for selection in selections:
                lint_source(read_source(str(path)), selection)
seen.update(dict.fromkeys(regex_memo.MEMO.entries or {}))
json.dump(sorted(seen), sys.stdout, ensure_ascii=False)
"""

_PROBES = (
    "",
    "\n",
    "\r\n\r\n",
    "一、总体情况\n（一）加强党的领导。2023年，全区共办理案件1,234件，同比增长12.5%。\n",
    "１２３４５６７８９０％，百分之九十五点五，二〇二三年度，第三季度，1.（1）①",
    "XX区XXX局 ××× 【】 [bookmark: _Toc1] \ufeff\u200b\u00ad\ue000 \x0c",
    "法制政府 学习近平法治思想 《中华人民共和国行政处罚法》 “放管服” 依法行政",
    "abc ABC aBc 123 - _ . , ; : ! ? ( ) [ ] { } * + ^ $ \\ |",
    "\U0001f600 emoji 𠀀 扩展汉字 　 full-width space",
)


def _seeds() -> list[str]:
    return [str(SEEDS)] if SEEDS.is_dir() else []


@pytest.fixture(scope="module")
def patterns(tmp_path_factory) -> list[tuple[str, int]]:
    memo = tmp_path_factory.mktemp("recorder") / "memo.json"
    out = subprocess.run(
        [sys.executable, "-c", _RECORDER, str(memo), str(FIXTURES), *_seeds()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(pattern, flags) for pattern, flags in json.loads(out)]


def _texts() -> list[str]:
    texts = list(_PROBES)
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".txt", ".md"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def _behaviour(pattern: re.Pattern[str], texts: list[str]) -> list:
    """Every match's span, groups and last group, and the anchored matches, on each text."""
    seen = []
    for text in texts:
        seen.append(
            [(m.span(), m.groups(), m.groupdict(), m.lastgroup) for m in pattern.finditer(text)]
        )
        for anchored in (pattern.match(text), pattern.fullmatch(text)):
            seen.append(anchored and (anchored.span(), anchored.groups()))
    return seen


def _attributes(pattern: re.Pattern[str]) -> tuple:
    return (pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex))


def _through_file(path, pairs) -> list[re.Pattern[str]]:
    """Compile ``pairs`` with an empty memo, write it, and compile them again from the file."""
    first = Memo(path)
    for pattern, flags in pairs:
        _compile_with(first, pattern, flags)
    first.save()
    assert path.is_file()
    second = Memo(path)
    rebuilt = [_compile_with(second, pattern, flags) for pattern, flags in pairs]
    assert not second.added, "every pattern came from the file"
    return rebuilt


def _compile_with(memo: Memo, pattern: str, flags: int) -> re.Pattern[str]:
    saved = regex_memo.MEMO
    regex_memo.MEMO = memo
    try:
        return regex_memo.compile(pattern, flags)
    finally:
        regex_memo.MEMO = saved


@pytest.fixture
def writable(monkeypatch):
    """Let the memo write although the test run may forbid bytecode (PYTHONDONTWRITEBYTECODE)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_lawlint_compiles_many_patterns(patterns):
    assert len(patterns) > 80  # the recorder saw the rules' and the modules' patterns


@pytest.mark.skipif(regex_memo._sre is None, reason="no memo on this Python")
def test_every_pattern_rebuilt_from_the_file_behaves_like_re_compile(patterns, tmp_path, writable):
    rebuilt = _through_file(tmp_path / "memo.json", patterns)
    texts = _texts()
    for (pattern, flags), memoised in zip(patterns, rebuilt, strict=True):
        fresh = re.compile(pattern, flags)
        assert memoised is not fresh
        assert _attributes(memoised) == _attributes(fresh), pattern
        assert _behaviour(memoised, texts) == _behaviour(fresh, texts), pattern


@needs_seeds
@pytest.mark.skipif(regex_memo._sre is None, reason="no memo on this Python")
def test_rebuilt_patterns_match_like_re_compile_on_the_seeds(patterns, tmp_path, writable):
    rebuilt = _through_file(tmp_path / "memo.json", patterns)
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for (pattern, flags), memoised in zip(patterns, rebuilt, strict=True):
        assert _behaviour(memoised, seeds) == _behaviour(re.compile(pattern, flags), seeds)


def test_named_groups_flags_and_backreferences_survive(tmp_path, writable):
    pairs = [
        (r"(?P<year>\d{4})年(?P=year)", 0),
        (r"(?i)(a)(?:b)(?P<c>c)?\1", 0),
        (r"^\s*[一二三]、", re.MULTILINE),
        (r"(?<![0-9])x{2,}(?=y)|(?s:.)", re.VERBOSE),
    ]
    rebuilt = _through_file(tmp_path / "memo.json", pairs)
    texts = [*_PROBES, "2023年2023", "abcca", "xxy"]
    for (pattern, flags), memoised in zip(pairs, rebuilt, strict=True):
        fresh = re.compile(pattern, flags)
        assert _attributes(memoised) == _attributes(fresh)
        assert _behaviour(memoised, texts) == _behaviour(fresh, texts)


def test_an_invalid_pattern_raises_re_error_as_re_compile_does(tmp_path):
    with pytest.raises(re.error, match="missing"):
        _compile_with(Memo(tmp_path / "memo.json"), "(unclosed", 0)


def test_a_memo_from_another_interpreter_or_version_is_ignored_and_rewritten(tmp_path, writable):
    path = tmp_path / "memo.json"
    _through_file(path, [("法治", 0)])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["key"] = "cpython-399 " + document["key"]
    document["patterns"][0][3] = [0]  # code no engine would accept
    path.write_text(json.dumps(document), encoding="utf-8")
    memo = Memo(path)
    assert _compile_with(memo, "法治", 0).search("依法治国").span() == (1, 3)
    assert memo.added  # compiled afresh
    memo.save()
    assert json.loads(path.read_text(encoding="utf-8"))["key"] != document["key"]


@pytest.mark.parametrize(
    "damage",
    ["not json", "[]", '{"key": 1}', "{}", pytest.param("[" * 100_000, id="deeply-nested")],
)
def test_a_damaged_memo_is_ignored(tmp_path, damage):
    path = tmp_path / "memo.json"
    path.write_text(damage, encoding="utf-8")
    compiled = _compile_with(Memo(path), r"[一二三]、", 0)
    assert compiled.match("二、") and _attributes(compiled) == _attributes(re.compile("[一二三]、"))


def test_code_that_does_not_rebuild_is_compiled_afresh(tmp_path, writable):
    path = tmp_path / "memo.json"
    _through_file(path, [("(a)b", 0)])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["patterns"][0][3] = regex_memo._hex([1, 2, 3])  # tampered code
    path.write_text(json.dumps(document), encoding="utf-8")
    memo = Memo(path)
    compiled = _compile_with(memo, "(a)b", 0)
    assert compiled.match("ab").group(1) == "a"
    assert memo.added


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    memo = Memo(tmp_path / "memo.json")
    _compile_with(memo, "法治", 0)
    memo.save()
    assert not (tmp_path / "memo.json").exists()


def test_an_unwritable_folder_is_no_error(tmp_path, writable):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    memo = Memo(blocker / "memo.json")  # its folder is a file: cannot be created
    assert _compile_with(memo, "法治", 0).pattern == "法治"
    memo.save()


def test_without_the_private_modules_it_is_re_compile(monkeypatch, tmp_path):
    monkeypatch.setattr(regex_memo, "_sre", None)
    memo = Memo(tmp_path / "memo.json")
    compiled = _compile_with(memo, "(?P<n>法治)", re.MULTILINE)
    assert compiled is re.compile("(?P<n>法治)", re.MULTILINE)  # re's own cache
    assert memo.entries is None


def test_the_memo_lives_in_the_package_bytecode_folder():
    assert regex_memo.MEMO.path.parent.name == "__pycache__"
    assert regex_memo.MEMO.path.parent.parent.name == "lawlint"
    assert sys.implementation.cache_tag in regex_memo.MEMO.path.name


def test_the_memo_file_is_as_readable_as_the_module(tmp_path, writable):
    path = tmp_path / "memo.json"
    _through_file(path, [("法治", 0)])
    module_mode = (Path(regex_memo.__file__).stat().st_mode) & 0o666
    assert path.stat().st_mode & 0o777 == module_mode


def test_past_the_limit_only_the_patterns_this_run_used_are_kept(tmp_path, writable, monkeypatch):
    path = tmp_path / "memo.json"
    _through_file(path, [("一", 0), ("二", 0), ("三", 0)])
    monkeypatch.setattr(regex_memo, "_LIMIT", 3)
    memo = Memo(path)
    _compile_with(memo, "二", 0)
    _compile_with(memo, "四", 0)  # new: four patterns now, over the limit
    memo.save()
    kept = {item[0] for item in json.loads(path.read_text(encoding="utf-8"))["patterns"]}
    assert kept == {"二", "四"}


_RUN = r"""
import sys
from pathlib import Path
sys.dont_write_bytecode = False
from lawlint import regex_memo
regex_memo.MEMO.path = Path(sys.argv[1])
assert regex_memo.compile("(法治)政府").match("法治政府").group(1) == "法治"
print(regex_memo.MEMO.added)
"""


def _run(path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_run_writes_the_memo_at_exit_and_the_next_reads_it(tmp_path):
    path = tmp_path / "memo.json"
    assert _run(path) == "True"  # compiled, and written at exit
    assert _run(path) == "False"  # rebuilt from the file


def test_a_run_repairs_a_tampered_memo_at_exit(tmp_path):
    path = tmp_path / "memo.json"
    _run(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["patterns"][0][3] = regex_memo._hex([1, 2, 3])
    path.write_text(json.dumps(document), encoding="utf-8")
    assert _run(path) == "True"  # did not rebuild: compiled afresh
    assert _run(path) == "False"  # the repaired entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda code: code[:-1],  # half a byte short
        lambda code: code[:-2],  # not a whole number of words
        lambda code: "zz" + code[2:],  # not hexadecimal
        lambda code: [int(code[:8], 16)],  # numbers, as the memo once held
    ],
    ids=["odd-digits", "part-word", "not-hex", "a-list"],
)
def test_code_that_is_not_words_is_compiled_afresh(tmp_path, writable, damage):
    """Tampered code text that does not decode to the engine's words is no traceback."""
    path = tmp_path / "memo.json"
    _through_file(path, [(r"[一二三]、", 0)])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["patterns"][0][3] = damage(document["patterns"][0][3])
    path.write_text(json.dumps(document), encoding="utf-8")
    compiled = _compile_with(Memo(path), r"[一二三]、", 0)
    assert compiled.match("二、") and _attributes(compiled) == _attributes(re.compile("[一二三]、"))


def test_the_memo_folder_is_made_and_not_tagged_as_a_cache_folder(tmp_path, writable):
    """The memo sits beside the bytecode: no CACHEDIR.TAG or .gitignore for pip to leave behind."""
    path = tmp_path / "__pycache__" / "memo.json"
    _through_file(path, [(r"[一二三]、", 0)])
    assert sorted(item.name for item in path.parent.iterdir()) == ["memo.json"]
