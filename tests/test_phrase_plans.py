"""fixed-phrase's built-in phrase list ships with its plan (``rules/fixed-phrase-plans.json``).

Working out the anchor groups and locator parses every pattern (~2.5 ms of every
run), so the plan of each built-in list is shipped, keyed by the list. The plan
must be exactly what the code makes of the list now; any other list (a user's,
or one a configuration changed) is worked out, and validated, as before.
"""

from __future__ import annotations

import pytest

from lawlint.checks import fixed_phrase
from lawlint.resources import data_dir
from tests.conftest import lint_text, rule

PHRASES = rule("fixed-phrase").options_data["phrases"]


def _described(options: fixed_phrase.Options) -> list:
    """Everything the check reads of the options, as plain data to compare."""
    phrases = [(p.wrong, p.right, p.exceptions, p.certain, p.joinable) for p in options.compiled]
    groups = [
        (
            group.first,
            group.scan.pattern,
            [
                (a.text, a.nearest, a.farthest, [options.compiled.index(p) for p in a.phrases])
                for a in group.anchors
            ],
        )
        for group in options.groups
    ]
    locator = None if options.locator is None else options.locator.pattern
    return [phrases, groups, locator, options.joinable]


def _worked_out(monkeypatch: pytest.MonkeyPatch, phrases: list) -> fixed_phrase.Options:
    with monkeypatch.context() as patch:
        patch.setattr(fixed_phrase, "_shipped_plans", dict)
        return fixed_phrase.Options(phrases)


def test_the_shipped_plans_are_what_the_code_makes_of_the_built_in_lists() -> None:
    shipped = (data_dir("rules") / fixed_phrase._PLANS_FILE).read_text(encoding="utf-8")
    stale = f"the phrases or the planning code changed: run {fixed_phrase.REGENERATE}"
    assert shipped == fixed_phrase.shipped_plans_text(), stale


def test_the_built_in_list_is_read_from_its_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    worked_out = _worked_out(monkeypatch, PHRASES)

    def no_plan(_phrases: list) -> dict:
        raise AssertionError("worked the plan out again")

    monkeypatch.setattr(fixed_phrase, "plan", no_plan)
    assert _described(fixed_phrase.Options(PHRASES)) == _described(worked_out)


def test_another_list_is_worked_out_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = [*PHRASES, {"wrong": "依法治县", "right": "依法治国"}]
    options = fixed_phrase.Options(changed)
    assert _described(options) == _described(_worked_out(monkeypatch, changed))
    assert options.compiled[-1].wrong == "依法治县"
    with pytest.raises(ValueError, match="phrases\\[14\\]"):
        fixed_phrase.Options([*PHRASES, {"wrong": "(", "right": "x"}])


@pytest.mark.parametrize(
    "damage",
    [
        lambda plan: plan.update(phrases=[["only two", "fields"]]),
        lambda plan: plan.update(groups=[["法", "[", []]]),  # a scan that does not compile
        lambda plan: plan.update(groups=[["法", "法", [["法制", 0, 0, [99]]]]]),
        lambda plan: plan.pop("locator"),
    ],
    ids=["phrase-fields", "bad-regex", "phrase-index", "missing-key"],
)
def test_a_damaged_plan_is_worked_out_again(monkeypatch: pytest.MonkeyPatch, damage) -> None:
    key = fixed_phrase._plan_key(PHRASES)
    damaged = fixed_phrase.plan(PHRASES)
    damage(damaged)
    monkeypatch.setattr(fixed_phrase, "_shipped_plans", lambda: {key: damaged})
    options = fixed_phrase.Options(PHRASES)
    assert _described(options) == _described(_worked_out(monkeypatch, PHRASES))


def test_a_list_json_cannot_hold_has_no_key() -> None:
    import datetime

    assert fixed_phrase._plan_key([{"wrong": datetime.date(2025, 1, 1)}]) is None


def test_the_built_in_list_finds_as_before() -> None:
    """The shipped plan at work: one phrase of each kind of anchor and the exception."""
    text = "一、总体情况\n坚持学习近平法治思想，推进法制政府建设，大学习近平研究院。\n"
    found = [d.message for d in lint_text(text, only="fixed-phrase").diagnostics]
    assert len(found) == 2, found
