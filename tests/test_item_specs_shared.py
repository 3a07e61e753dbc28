"""parse_items builds one ItemSpecs per distinct set of items and still rejects bad ones alike."""

from __future__ import annotations

import copy

import pytest

from lawlint.fazhi_items import ItemOptions, parse_items
from tests.conftest import all_rules


def _item_rules():
    return [r for r in all_rules() if isinstance(r.options, ItemOptions)]


def test_the_fazhi_rules_share_one_spec_of_their_items() -> None:
    rules = _item_rules()
    assert len(rules) >= 5
    assert len({id(r.options.specs) for r in rules}) == 1


def _items() -> dict:
    return copy.deepcopy(_item_rules()[0].options.items)


def test_equal_items_give_the_same_specs_and_other_labels_others() -> None:
    items = _items()
    assert parse_items(_items()) is parse_items(items)
    items["plans"]["label"] = "另一个名称"
    other = parse_items(items)
    assert other["plans"].label == "另一个名称"
    assert other is not parse_items(_items())
    assert other.memo_key is parse_items(_items()).memo_key  # the same wordings


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda items: items["plans"].update(headings="下一步"), "items.plans.headings must be"),
        (lambda items: items["plans"].update(mentions=["…"]), "items.plans.mentions must be"),
        (lambda items: items["measures"].update(headings=[["x"]]), "items.measures.headings"),
        (lambda items: items["other"].pop("label"), "items.other needs a 'label' string"),
        (lambda items: items["other"].update(extra=1), "items.other: unknown key(s) extra"),
    ],
)
def test_bad_items_are_rejected_each_time(change, message: str) -> None:
    items = _items()
    change(items)
    for _ in range(2):  # a refusal is not remembered as an answer
        with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
            parse_items(items)
