"""Every rule flags each of its 'flag' examples and none of its 'ok' examples."""

from __future__ import annotations

import pytest

from tests.conftest import all_rules, lint_text

CASES = [
    pytest.param(rule.name, kind, index, text, id=f"{rule.name}-{kind}{index}")
    for rule in all_rules()
    for kind, texts in (("flag", rule.examples.flag), ("ok", rule.examples.ok))
    for index, text in enumerate(texts)
]


@pytest.mark.parametrize(("name", "kind", "index", "text"), CASES)
def test_rule_example(name: str, kind: str, index: int, text: str) -> None:
    found = [d for d in lint_text(text, only=name).diagnostics if d.rule == name]
    if kind == "flag":
        assert found, f"{name} did not flag its example {index}:\n{text}"
    else:
        assert not found, f"{name} flagged its ok example {index}: {found}"
