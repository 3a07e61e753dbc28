"""Parsed rule files kept in the cache folder: a damaged one is parsed again, never trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawlint import registry
from tests.conftest import ROOT

NESTED = "[" * 100_000 + "]" * 100_000  # too deep for json: RecursionError


def _first_rule(document: dict, **changes: object) -> str:
    rules = [{**document["rules"][0], **changes}, *document["rules"][1:]]
    return json.dumps({**document, "rules": rules}, ensure_ascii=False)


DAMAGED = {
    "list": lambda kept: "[]",
    "number": lambda kept: "5",
    "empty-mapping": lambda kept: "{}",
    "rules-not-a-list": lambda kept: '{"rules": 5}',
    "rule-not-a-mapping": lambda kept: '{"rules": [5]}',
    "rule-empty": lambda kept: '{"rules": [{}]}',
    "bad-severity": lambda kept: _first_rule(kept, severity=5),
    "bad-examples": lambda kept: _first_rule(kept, examples=[[[]]]),
    "bad-options": lambda kept: _first_rule(kept, options=5),
    "nested": lambda kept: NESTED,
}


@pytest.mark.parametrize("damage", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_parsed_rule_file_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    source = tmp_path / "rules.yaml"
    source.write_bytes((ROOT / "rules" / "headings.yaml").read_bytes())
    monkeypatch.setattr(registry.PARSED, "folder", tmp_path / "cache")
    expected = registry.load_rule_file(source)
    (stored,) = (tmp_path / "cache").glob("rules-*.json")
    stored.write_text(damage(json.loads(stored.read_bytes())), encoding="utf-8")
    assert registry.load_rule_file(source) == expected
    assert registry.PARSED.get(source.read_bytes()) is not None  # and kept anew
    assert registry.load_rule_file(source) == expected


def test_options_that_are_not_a_mapping_are_a_rule_file_error(tmp_path: Path) -> None:
    source = tmp_path / "rules.yaml"
    text = (ROOT / "rules" / "headings.yaml").read_text(encoding="utf-8")
    source.write_text(
        text.replace(
            "    kind: heading_bracket_width\n",
            "    kind: heading_bracket_width\n    options: 5\n",
            1,
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        registry.RuleFileError, match=r"rules.yaml:\d+: rule 'heading-bracket-width': options: "
    ):
        registry.load_rule_file(source)
