"""Selection.rules_for remembers its answer per profile; each answer is still that profile's own."""

from __future__ import annotations

from lawlint.linter import FAZHI, GENERIC, Selection
from tests.conftest import all_rules


def _plain(selection: Selection, profile: str) -> list[str]:
    return [
        rule.name
        for rule in selection.rules
        if (rule.name in selection.select or (profile in rule.profiles and rule.enabled))
        and rule.name not in selection.ignore
    ]


def test_each_profile_gets_its_own_rules_however_often_asked() -> None:
    fazhi_only = next(rule for rule in all_rules() if GENERIC not in rule.profiles)
    ignored = next(rule for rule in all_rules() if GENERIC in rule.profiles)
    selection = Selection(list(all_rules()), ignore=frozenset([ignored.name]))
    for profile in (GENERIC, FAZHI, GENERIC, FAZHI):
        names = [rule.name for rule in selection.rules_for(profile)]
        assert names == _plain(selection, profile)
        assert (fazhi_only.name in names) == (profile == FAZHI)
        assert ignored.name not in names
