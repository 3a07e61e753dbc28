"""Where the builder places each section, against a plain reference of the same rules.

The builder searches the open sections for the list a heading continues without
a helper call, finds the sections a heading placed by its level leaves open
from the top of the stack (levels rise strictly from bottom to top), and makes
each title paragraph with its section. The reference here scans the stack from
the bottom, as the rules read, and makes every title paragraph afresh; both must
place every heading alike on adversarial marker sequences and on the real texts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.outline import _MAX_DEPTH, Heading, Outline, Paragraph, build_outline
from lawlint.source import Source
from tests.conftest import SEEDS, corpus, needs_corpus, needs_seeds

MARKERS = [
    *("一、", "二、", "三、", "（一）", "（二）", "（三）", "1.", "2.", "3.", "（1）", "（2）"),
    *("①", "②", "③", "一，", "(二)", "2、", "十、"),
]
HEADINGS = st.lists(st.sampled_from(MARKERS), max_size=40)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference_places(headings: list[Heading]) -> list[tuple[int, int, int | None]]:
    """(line, level, parent's line) of each heading, placed by the rules read plainly."""
    stack: list[tuple[Heading, int]] = []
    places = []
    for heading in headings:
        marker = heading.marker
        continued = [
            depth
            for depth, (open_heading, _) in enumerate(stack)
            if open_heading.marker.kind is marker.kind
            and open_heading.marker.number == marker.number - 1
        ]
        top = stack[-1] if stack else None
        if marker.number > 1 and continued:
            depth = continued[-1]
            level = stack[depth][1]
        elif (
            marker.number == 1
            and top is not None
            and not (top[0].marker.kind is marker.kind and top[0].marker.number == 1)
            and marker.level <= top[1]
            and len(stack) < _MAX_DEPTH
        ):
            depth, level = len(stack), top[1] + 1
        else:
            level = marker.level
            depth = 0
            while depth < len(stack) and stack[depth][1] < level:
                depth += 1
        del stack[depth:]
        places.append((heading.line, level, stack[-1][0].line if stack else None))
        stack.append((heading, level))
    return places


def _agree(outline: Outline) -> None:
    sections = list(outline.walk())
    built = [
        (s.heading.line, s.level, s.parent.heading.line if s.parent else None) for s in sections
    ]
    assert built == _reference_places([s.heading for s in sections])
    for section in sections:
        heading = section.heading
        assert section.parent is None or section.parent.level < section.level
        fresh = Paragraph(heading.title, ((0, heading.title_start),))
        assert section.title_paragraph == fresh
        assert type(section.title_paragraph) is Paragraph


@FAST
@given(HEADINGS)
def test_sections_are_placed_as_the_reference_places_them(markers: list[str]) -> None:
    text = "".join(f"{marker}标题{n}\n正文。\n" for n, marker in enumerate(markers))
    _agree(build_outline(Source("r.txt", text)))


def test_restarts_nested_past_the_depth_limit_are_placed_alike() -> None:
    text = "".join(f"{marker}标题\n" for marker in ["一、", "（一）", "1.", "（1）", "①"] * 6)
    _agree(build_outline(Source("r.txt", text)))


@needs_seeds
def test_the_seeds_are_placed_as_the_reference_places_them() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _agree(build_outline(Source(path.name, path.read_text(encoding="utf-8"))))


@needs_corpus
def test_the_corpus_is_placed_as_the_reference_places_them() -> None:
    for document in corpus():
        _agree(build_outline(Source("c.txt", document["content"])))
