"""What a JSON run counts of a stored text is kept beside it as a short code, read once per code."""

from __future__ import annotations

import pytest

from lawlint import cache
from lawlint.diagnostics import Diagnostic, Edit, Fix, Severity


def test_a_code_says_what_the_diagnostics_say() -> None:
    fixes = [Fix("t", (Edit(0, 1, ""),), safe) for safe in (True, False)]
    diagnostics = [
        Diagnostic("r", "C", Severity.INFO, "m", "h", 0, 1, fixes[1]),
        Diagnostic("r", "C", Severity.ERROR, "m", "h", 0, 1),
        Diagnostic("r", "C", Severity.WARNING, "m", "h", 0, 1, fixes[0]),
    ]
    code = cache._stating(diagnostics)
    assert code == "132/01"
    assert cache._stated(code) == ((Severity.INFO, Severity.ERROR, Severity.WARNING), (False, True))
    assert cache._stated(cache._stating([])) == ((), ())


@pytest.mark.parametrize("code", [None, 3, ["3/"], "", "3", "4/", "3/2", "3/1/1", "x/"])
def test_what_no_code_says_is_none(code: object) -> None:
    assert cache._stated(code) is None


def test_the_memo_starts_afresh_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_STATED_RUNS", {})
    monkeypatch.setattr(cache, "_STATED_KEPT", 3, raising=False)
    for errors in range(10):
        severities, fix_safety = cache._stated("3" * errors + "2/1")
        assert severities == (Severity.ERROR,) * errors + (Severity.WARNING,)
        assert fix_safety == (True,)
        assert len(cache._STATED_RUNS) <= 3
