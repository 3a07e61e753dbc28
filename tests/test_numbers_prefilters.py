"""The number rules' prefilters pass over nothing a rule would find.

Each prefilter lets a rule skip text before reading its figures: a rate word
with no figure close after it, a colon with no figure close before it, a 共
with no figure in its clause. With each prefilter letting everything through,
the rules must find exactly what they find with it, on crafted mixes of the
pieces that make and break findings and on the real texts in ../shared.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import _numbers, count_mismatch, rate_mismatch, rate_over_100, sum_mismatch
from lawlint.outline import build_outline
from lawlint.source import Source, read_source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds

_RULES = (sum_mismatch, rate_mismatch, rate_over_100, count_mismatch)
_EVERYTHING = {
    (_numbers, "figure_after_rate_word"): lambda text, at: True,
    (count_mismatch, "_figure_before"): lambda text, colon: True,
    (count_mismatch, "_opening_lists"): lambda text, hits: hits,
    (count_mismatch, "_first_items"): lambda text, hits: hits,
    (count_mismatch, "_TOTAL_MARK"): re.compile("共"),
}


def _findings(text: str) -> list[tuple]:
    """Every finding of the four rules, and every rate stated (which most texts hold none of)."""
    outline = build_outline(Source(path="t.txt", text=text))
    found: list[tuple] = [
        (module.__name__, f.start, f.end, tuple(sorted(f.args.items())))
        for module in _RULES
        for f in module.check(outline, None)
    ]
    rates = [
        (sentence.paragraph.start, *rate)
        for sentence in build_and_read_rates(text)
        for rate in _numbers.rates(sentence)
    ]
    return found + rates


def build_and_read_rates(text: str) -> tuple[_numbers.Sentence, ...]:
    return _numbers.rate_sentences(build_outline(Source(path="t.txt", text=text)))


def _agree_without_prefilters(text: str) -> None:
    found = _findings(text)
    with pytest.MonkeyPatch.context() as patch:
        for (module, name), everything in _EVERYTHING.items():
            patch.setattr(module, name, everything)
        assert found == _findings(text)


_PIECES = st.sampled_from(
    [
        *"0123456789",
        *"一二三五十百两",
        *"件项个类人%％",
        "百分之",
        "九十五",
        "点五",
        "办结率",
        "满意度",
        "合格率",
        "率",
        "均达到了",
        "为",
        "达",
        "提高到",
        "受理",
        "办结",
        "其中",
        "分别为",
        "包括",
        "共",
        "共同",
        "方面",
        "工作",
        "一是",
        "二是",
        "三是",
        "第一，",
        "第二，",
        *"，、：。；\n“”（）",
        " ",
        "\u3000",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=50).map("".join))
def test_prefilters_agree_on_any_mix(text: str) -> None:
    _agree_without_prefilters(text)


@pytest.mark.parametrize(
    "text",
    [
        "受理投诉31件，办结29件，办结率达到了100%。",
        "群众满意度为百分之九十五点五。参与率和合格率均达105%。",
        "群众满意率 达 99.5%，办结率（含转办）为100%。",
        "抓好以下五个方面工作：\n一是学法。\n二是用法。\n三是普法。",
        "重点推进三项任务。\n第一，立法。\n第二，执法。",
        "全县共有乡镇5个，分别是甲镇、乙镇、丙镇。",
        "共同推进一二三四五六七八九十一二三四五六七八九十，包括两项：甲、乙。",
        # at the reach of each prefilter: a six-character link, a twelve-character intro
        "受理投诉31件，办结29件，办结率始终保持在了100%。",
        "群众满意度始终保持在了120%。",
        "重点抓好以下五项重点领域改革任务工作：一是甲，二是乙。",
        "全县" + "共" + "依法" * 57 + "设立中心12家，分别是甲、乙。",
    ],
)
def test_prefilters_agree_on_near_misses(text: str) -> None:
    _agree_without_prefilters(text)


@needs_seeds
@needs_corpus
def test_prefilters_agree_on_the_real_texts() -> None:
    texts = [read_source(path).text for path in sorted(SEEDS.glob("*.txt"))]
    for text in texts + [report["content"] for report in corpus()]:
        _agree_without_prefilters(text)


def _places_by_walk(outline) -> list[tuple[int, int, int]]:
    """Each paragraph's body (by id), index there and sub-section count, by a walk."""
    bodies = [(outline.preamble, len(outline.sections))]
    bodies += [(section.body, len(section.children)) for section in outline.walk()]
    return [(id(body), index, children) for body, children in bodies for index in range(len(body))]


def _places_by_lookup(outline) -> list[tuple[int, int, int]]:
    found = []
    for index in range(len(_numbers.listed_paragraphs(outline))):
        body, at, children = count_mismatch._place(outline, index)
        found.append((id(body), at, children))
    return found


_NESTED_REPORT = (
    "关于某县2024年法治政府建设情况的报告\n"
    "一、总体情况\n"
    "（一）制度建设\n"
    "全年共制定规范性文件3件。\n"
    "（二）执法监督\n"
    "1.执法检查\n"
    "开展执法检查12次。\n"
    "2.案卷评查\n"
    "二、存在的问题\n"
    "主要有以下两个方面：\n"
    "（一）学法\n"
    "（二）用法\n"
    "三、下一步打算\n"
    "抓好以下三项工作。\n"
    "一是学法。\n"
    "二是用法。\n"
)


def test_a_paragraph_is_placed_in_its_body_as_a_walk_places_it() -> None:
    """Empty bodies (一、 with only sub-sections, 2.案卷评查) share their first index."""
    outline = build_outline(Source(path="t.txt", text=_NESTED_REPORT))
    assert _places_by_lookup(outline) == _places_by_walk(outline)


@needs_seeds
@needs_corpus
def test_paragraphs_are_placed_as_a_walk_places_them_in_the_real_texts() -> None:
    texts = [read_source(path).text for path in sorted(SEEDS.glob("*.txt"))]
    for text in texts + [report["content"] for report in corpus()]:
        outline = build_outline(Source(path="t.txt", text=text))
        assert _places_by_lookup(outline) == _places_by_walk(outline)
