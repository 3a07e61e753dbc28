"""instrument-name's shortcuts agree with the plain comparison they replace.

Each new title is compared with every known form of its kind. The distance is
computed only in the band around the diagonal where a distance within reach
can run, and a form is skipped when the title has more characters the form
lacks than the reach allows. Both are checked against the full Levenshtein
table on titles one to a few edits away from the known ones.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import instrument_name
from tests.conftest import rule

KNOWN = rule("instrument-name").options.known
_FORMS = sorted(form for instrument in KNOWN for form in instrument.forms)
_ALPHABET = "法治政府建设实施纲要规定条例（）()—-年 中华人民共和国行政"


def _full_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _reference_nearest(title: str) -> tuple | None:
    """The comparison as it was: every form of the kind, the full table, nothing skipped."""
    normal = instrument_name._normal(title)
    kind = instrument_name._kind(normal)
    best = None
    for instrument in KNOWN:
        if kind and instrument.kind != kind:
            continue
        for form in instrument.forms:
            target = instrument_name._normal(form)
            reach = instrument_name._reach(len(target.removeprefix(instrument_name._STATE)))
            distance = _full_distance(normal, target)
            if distance <= reach and (best is None or distance < best[2]):
                best = (instrument, form, distance)
    return best


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=_ALPHABET[:8], max_size=12),
    st.text(alphabet=_ALPHABET[:8], max_size=12),
    st.integers(0, 5),
)
def test_banded_distance_is_the_full_distance_up_to_the_limit(a: str, b: str, limit: int) -> None:
    assert instrument_name._distance(a, b, limit) == min(_full_distance(a, b), limit + 1)


_EDIT = st.tuples(st.sampled_from("dis"), st.integers(0, 60), st.sampled_from(_ALPHABET))


def _edited(form: str, edits: list[tuple[str, int, str]]) -> str:
    for kind, at, char in edits:
        at = at % (len(form) + 1)
        if kind == "d":
            form = form[:at] + form[at + 1 :]
        elif kind == "i":
            form = form[:at] + char + form[at:]
        else:
            form = form[:at] + char + form[at + 1 :]
    return form


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_FORMS), st.lists(_EDIT, max_size=4))
def test_nearest_form_is_the_one_the_full_comparison_finds(form: str, edits: list) -> None:
    title = _edited(form, edits)
    assert instrument_name._nearest(title, KNOWN) == _reference_nearest(title)
