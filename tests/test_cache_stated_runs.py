"""The memo of severities and fix safety read from stored JSON texts stays bounded."""

from __future__ import annotations

import pytest

from lawlint import cache
from lawlint.diagnostics import Severity


def _text(errors: int) -> str:
    """A stored text stating ``errors`` errors and one warning with a safe fix."""
    error = '"severity": "error", '
    return error * errors + '"severity": "warning", "applicability": "safe"'


def test_the_memo_starts_afresh_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_STATED_RUNS", {})
    monkeypatch.setattr(cache, "_STATED_KEPT", 3, raising=False)
    for errors in range(10):
        severities, fix_safety = cache._stated(_text(errors))
        assert severities == (Severity.ERROR,) * errors + (Severity.WARNING,)
        assert fix_safety == (True,)
        assert len(cache._STATED_RUNS) <= 3
