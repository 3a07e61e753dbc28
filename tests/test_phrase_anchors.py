"""fixed-phrase finds its places by anchors exactly where a plain scan finds them.

A phrase is looked for by a literal text every match of it holds (its anchor),
at a known distance from the match's start, and the anchors are grouped by
their first character (``fixed_phrase._groups``). The traps: an anchor whose
distance varies (二十大三中全会), an anchor inside a group or a branch, an
anchor after a look-behind, an anchor too near the text's start for its
distance, two anchors in one place, and a phrase with no anchor at all. These
tests hold the anchored search to a try of every pattern at every position, on
text built from the characters at stake, and to the combined regex it replaces
on the real reports.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lawlint.checks import _text, fixed_phrase
from lawlint.outline import build_outline
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds, rule

SHIPPED = rule("fixed-phrase").options


def _options(patterns: list[str]) -> fixed_phrase.Options:
    return fixed_phrase.Options([{"wrong": pattern, "right": "对"} for pattern in patterns])


def _every_place(patterns: list[str], text: str) -> list[int]:
    compiled = [re.compile(pattern) for pattern in patterns]
    return [at for at in range(len(text)) if any(p.match(text, at) for p in compiled)]


_LISTS = [
    [phrase["wrong"] for phrase in SHIPPED.phrases],
    # Distances that vary, before and inside groups; an optional group; a branch.
    ["([一二][一二]{0,2})大([一二]{1,2}中全会)", "扫黑(专项)?争斗", "法制(政府|思维)"],
    # Anchors behind look-arounds, and one phrase inside another's anchor.
    ['[一二](?<=[“"].)个(维护|确立)(?=[”"])', "习近平(?!法治)[法制思想]{2,4}", "学习近平"],
    # No anchor of two characters (one character, a class, a distance without
    # bound): the combined regex finds these, the anchors the rest.
    ["法[制治]", "[法学]习", "一.{0,20}大会", "(?:法制){1,2}政府", "大会"],
    # Branches of unequal length, an empty branch, a nested group.
    ["((大|十九)(届|))中全会", "二(?:个(维护|确立)|大)", "((法制))政府"],
    # More first characters than groups: the last phrases go to the combined regex.
    ["法制", "治政", "政府", "府思", "思维", "学习", "习近", "近平", "一二", "十九", "大届"],
]
_TEXT = st.lists(
    st.sampled_from(
        [*'法制治政府思维学习近平一二十九大届中全会专项扫黑争斗“”"个维护确立想\n。',
         "二十大三中全会", "一二大二一中全会", "法制法制政府"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("二十大三中全会")  # the anchor at its farthest, the match at the text's start
@example("大二中全会，十九大一中全会")  # too near the start for the farthest distance
@example("学习近平，习近平法制思想，“二个维护”“一个确立”")
@example("推进法治建设，一大一中全会，一二大一二中全会，党的一届大，党的一二届大")  # each distance
def test_anchored_places_are_every_place_a_phrase_matches(text: str) -> None:
    for patterns in _LISTS:
        places = fixed_phrase._phrase_places(_options(patterns), text)
        assert places == _every_place(patterns, text), patterns


@pytest.mark.parametrize(
    ("pattern", "anchors"),
    [
        ("法制(政府|思维)", [(("法制政府", "法制思维"), 0, 0), (("制政府", "制思维"), 1, 1)]),
        (
            '二(?<=[“"「]二)个(维护|确立)',
            [(("二个维护", "二个确立"), 0, 0), (("个维护", "个确立"), 1, 1)],
        ),
        ("([一二][一二]{0,2})大([一二]{1,2}中全会)", [(("中全会",), 3, 6), (("全会",), 4, 7)]),
        ("扫黑(专项)?争斗", [(("扫黑",), 0, 0), (("争斗",), 2, 4)]),
        ("法[制治]", []),  # one character is no anchor
        ("(?i:ab)cd", [(("cd",), 2, 2)]),  # a caseless group is no plain text
        ("(?i)abcd", []),
        ("a.{0,20}bcd", []),  # the distance varies too much
    ],
)
def test_a_phrase_can_take_each_literal_text_of_its_matches(pattern: str, anchors: list) -> None:
    found = [tuple(candidate) for candidate in fixed_phrase._candidates(pattern)]
    assert found == anchors


def test_anchors_share_first_characters_and_the_rest_are_merged() -> None:
    options = _options(["学习近平", "习近平法制思想", "习近平(?!法治)思想", "法[制治]", "大二"])
    assert [group.first for group in options.groups] == ["习", "大"]
    assert options.locator is not None  # 法[制治] has no anchor
    assert not SHIPPED.locator  # every shipped phrase has one


def test_past_the_most_groups_the_phrases_left_go_to_the_merged_regex() -> None:
    options = _options(_LISTS[-1])
    assert len(options.groups) == fixed_phrase._MOST_GROUPS < len(_LISTS[-1])
    assert options.locator is not None


def _by_the_merged_regex(text: str) -> list[int]:
    """The places as the rule found them before anchors: one regex of every phrase."""
    patterns = [phrase.wrong for phrase in SHIPPED.compiled]
    return list(fixed_phrase._places(fixed_phrase._locator(patterns), text))


def _same_places(text: str) -> None:
    joined = _text.joined(build_outline(Source("t.txt", text))).text
    assert fixed_phrase._phrase_places(SHIPPED, joined) == _by_the_merged_regex(joined)


@needs_seeds
def test_seeds_give_the_same_places_as_the_merged_regex() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _same_places(read_source(path).text)


@needs_corpus
def test_corpus_gives_the_same_places_as_the_merged_regex() -> None:
    for row in corpus():
        _same_places(row["content"])
