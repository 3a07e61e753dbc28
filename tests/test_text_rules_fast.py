"""The text rules' fast paths give exactly what the plain algorithms they replace give.

Each fast path (a pre-scan that skips most of a report, a merged pattern, a
character test written in Python instead of a regex class) is checked against
a simple reference on adversarial text: short strings drawn from the very
characters the fast path's reasoning is about, where an off-by-one shows.
"""

from __future__ import annotations

import re
from itertools import islice

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lawlint.checks import conversion_artifact, fixed_phrase, pdf_digit_space
from lawlint.fazhi_items import compile_wordings
from lawlint.outline import build_outline
from lawlint.safe_regex import UnsafePattern, check_bounded
from lawlint.source import Source

# --- pdf-digit-space -------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _reference_digit_space(text: str) -> list:
    """The rule as it was: every number in the text, after a regex count of Han and Latin."""
    latin = len(_LATIN.findall(text))
    if next(islice(_HAN.finditer(text), latin, None), None) is None:
        return []
    found = (
        pdf_digit_space._finding(text, match.start(), match.end())
        for match in pdf_digit_space._NUMBER.finditer(text)
    )
    return [finding for finding in found if finding]


# Digits, points, percent signs, both spaces, Han on both sides of the block
# edges, Latin letters and line ends: the characters the pre-scan reasons about.
_DIGIT_SPACE_ALPHABET = [*"0129.．%％ \u00a0\n\tAbz-", "年", "会", "㐀", "\u4dbf", "\u9fff", "〇"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DIGIT_SPACE_ALPHABET), max_size=40).map("".join))
def test_digit_space_prescan_matches_the_full_scan(text: str) -> None:
    outline = build_outline(Source("t.txt", text))
    assert list(pdf_digit_space.check(outline, None)) == _reference_digit_space(text)


def test_digit_space_prescan_on_spaced_numbers() -> None:
    cases = [
        "会议 6 场，培训 12 次",
        "增长 12.5% ，达到 3 项",
        "共 1.2.3 项",
        "第 5%3 号",
        "2024 年度",
        "\u00a02024\u00a0年",
        "Windows 10 系统 5 个",
        "用A4 纸，v2.0 版，共 12 页",  # no number ends before the space: none is looked for beyond
        "A4 纸" + "，共 3 页" * 3,
    ]
    for text in cases:
        outline = build_outline(Source("t.txt", text))
        assert list(pdf_digit_space.check(outline, None)) == _reference_digit_space(text), text


def test_latin_count_matches_the_regex() -> None:
    text = "Aa Zz ａ é ß 中文 xyz_09 \u00a0ǅ"
    assert pdf_digit_space.is_chinese(text) == (len(_HAN.findall(text)) > len(_LATIN.findall(text)))
    assert not pdf_digit_space.is_chinese("abc 中文")
    assert pdf_digit_space.is_chinese("ab 中文字")


# --- fazhi item wordings -----------------------------------------------------------


def _reference_wordings(wordings: list[str]) -> re.Pattern[str]:
    """The wordings as they were compiled: a plain alternation, the gap a negated class."""
    gap = "[^，。；：！？,.;:!?\r\n]{0,12}"
    return re.compile(
        "|".join(
            gap.join(re.escape(part) for part in wording.split("…") if part) for wording in wordings
        )
    )


# Few characters, so that wordings share beginnings, nest (问题 and 问题…原因) and
# meet in the text, with the gap's stop marks, line ends and a long filler.
_WORDING = st.lists(st.sampled_from([*"问题原因不足", "…"]), min_size=1, max_size=6).map("".join)
_WORDING_TEXT = st.lists(
    st.sampled_from([*"问题原因不足很，。；：！？,.;:!?\r\n", "很" * 6]), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDING.filter(lambda w: w.strip("…")), min_size=1, max_size=6), _WORDING_TEXT)
def test_merged_wordings_find_the_same_first_place(wordings: list[str], pieces: list[str]) -> None:
    text = "".join(pieces)
    merged = compile_wordings(wordings, "test")
    reference = _reference_wordings(wordings)
    for start in range(len(text) + 1):
        found, expected = merged.search(text[start:]), reference.search(text[start:])
        assert (found and found.start()) == (expected and expected.start()), (text, start)


def test_merged_wordings_keep_the_gap_length_and_its_stop_marks() -> None:
    wordings = ["问题…原因", "问题…不足", "短板", "问题…原因…分析"]
    texts = [f"问题{'很' * n}原因" for n in range(15)]
    texts += [f"问题很{mark}很不足" for mark in "，。；：！？,.;:!?\r\n、"]
    merged, reference = compile_wordings(wordings, "test"), _reference_wordings(wordings)
    for text in texts:
        assert bool(merged.search(text)) == bool(reference.search(text)), text
    assert sum(bool(merged.search(text)) for text in texts) == 14  # 0-12 characters, and 、


# --- fixed-phrase: patterns checked at load, compiled on first use ------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "法制(政府|思维)",
        "(?<=a{1,2})b",
        "(?<!ab|c)d",
        "(?<=(?=x{1,3})ab)c",
        '(?<=[“"「].)个',
        "a[",
        "(?P<n>a)(?P=n)",
        "(?<=\\d)x",
        "x(?<=a|bc)",
    ],
)
def test_checking_a_pattern_refuses_what_compiling_refuses(pattern: str) -> None:
    try:
        re.compile(pattern)
        compiles = True
    except re.error:
        compiles = False
    try:
        check_bounded(pattern)
        accepted = True
    except re.error:
        accepted = False
    except UnsafePattern:
        accepted = compiles  # refused for its backtracking, not its syntax
    assert accepted == compiles


def test_a_bad_group_in_the_right_form_is_refused_at_load() -> None:
    def options(right: str) -> fixed_phrase.Options:
        return fixed_phrase.Options(phrases=[{"wrong": "二十(?P<n>大)", "right": right}])

    assert options("\\1届").compiled and options("\\g<n>").compiled
    for right, reason in [("\\2", "invalid group reference"), ("\\g<m>", "unknown group name")]:
        with pytest.raises(ValueError, match=reason):
            options(right)


# --- fixed-phrase: the locator's second-character test ---------------------------

# Pattern lists whose matches start with frequent characters: the locator tests
# the character after the first, drawn from groups, optional repeats, branches
# and look-arounds between the two; a list with a one-character match has no
# such test, and one with a pattern that can start with anything no class at all.
_LOCATED_LISTS = [
    ["法制(政府|思维)", "学习近平", "法治审核"],
    ["([一二][一二]{0,2})大([一二]{1,2}中)", '[一三](?<=[“"].)个(维护|确立)(?=[”"])'],
    ["(法制|学)习", "二(?:专项)?大", "党(?=的)的?届", "十(?!九)[九八]", "a(?<=a)b?c"],
    ["法", "法制"],
    ["\\d{1,2}个", "法制"],
]
_LOCATED_TEXT = st.lists(
    st.sampled_from(
        [*'法制政府学习近平一二三十九八大中个维护确立党的届专项“”"ac1\n', "一大", "二中"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_LOCATED_TEXT)
@example("二一大二中，“一个维护”，二专项大，党的届，十八，abc，法制政府")
def test_the_locator_finds_every_place_a_phrase_matches(text: str) -> None:
    for patterns in _LOCATED_LISTS:
        compiled = [re.compile(pattern) for pattern in patterns]
        expected = [at for at in range(len(text)) if any(p.match(text, at) for p in compiled)]
        assert list(fixed_phrase._places(fixed_phrase._locator(patterns), text)) == expected


@pytest.mark.parametrize(
    ("pattern", "second"),
    [
        ("法制(政府|思维)", "制"),
        ("([一二][一二]{0,2})大", "一二大"),
        ('[一三](?<=[“"].)个(维护|确立)', "个"),
        ("(法|学)习", "习"),  # the parser makes a class of one-character branches
        ("(法制|学)习", None),  # a branch first: unsure
        ("二(?:专项)?大", "专大"),
        ("法制?", None),  # one character long
        ("a[^b]", None),  # a negated class
    ],
)
def test_second_characters_of_a_pattern(pattern: str, second: str | None) -> None:
    found = fixed_phrase._second_chars(list(fixed_phrase._sre_parse.parse(pattern)))
    chars = (
        None
        if found is None
        else "".join(sorted({chr(c) for lo, hi in found for c in range(lo, hi + 1)}))
    )
    assert chars == (None if second is None else "".join(sorted(second)))


# --- line-start tests read only as far as they must ---------------------------------

_LINE_TEXT = st.lists(
    st.sampled_from([*"12.3 \t\u3000\u00a0\ufeff\r\n年A", "3.1"]), max_size=16
).map("".join)


def _clause_number_by_slice(text: str, start: int, end: int) -> bool:
    """The test as it was: the line's text before the number, sliced and stripped."""
    after = text[end] if end < len(text) else ""
    line_start = text.rfind("\n", 0, start) + 1
    line_start = max(line_start, text.rfind("\r", line_start, start) + 1)
    opens_line = not text[line_start:start].strip(" \t\u3000\u00a0\ufeff")
    return (
        opens_line
        and after in pdf_digit_space._SPACES
        and bool(pdf_digit_space._CLAUSE_NUMBER.fullmatch(text[start:end]))
    )


@settings(max_examples=400, deadline=None)
@given(_LINE_TEXT, st.data())
def test_clause_number_reads_its_line_start_as_the_slice_did(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    after = text[end] if end < len(text) else ""
    expected = _clause_number_by_slice(text, start, end)
    assert pdf_digit_space._clause_number(text, start, end, after) == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "clause"),
    [
        ("年\n3.1 术语", 2, 5, True),
        ("年\r3 年", 2, 3, True),
        ("\u3000\u30003 年", 2, 3, True),
        ("年 3.1 术语", 2, 5, False),
        ("3.1\t术语", 0, 3, False),
    ],
)
def test_clause_number_at_a_line_start(text: str, start: int, end: int, clause: bool) -> None:
    assert _clause_number_by_slice(text, start, end) is clause
    assert pdf_digit_space._clause_number(text, start, end, text[end]) is clause


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\r\n\u3000\u00a0x\x01", max_size=12), st.data())
def test_blank_reads_as_strip_did(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = not text[start:end].strip(" \t\r\n\u3000\u00a0")
    assert conversion_artifact._blank(text, start, end) == expected
