"""Records (lawlint.record) behave as the NamedTuples they replaced: fields, defaults, pickling."""

from __future__ import annotations

import copy
import pickle

from lawlint.diagnostics import Diagnostic, Edit, Finding, Fix, Severity
from lawlint.markers import MARKERS
from lawlint.outline import Heading, Paragraph
from lawlint.render import RenderOptions
from lawlint.runner import Job
from lawlint.source import Position


def _diagnostic() -> Diagnostic:
    fix = Fix("改为“（一）”", (Edit(0, 1, "（"), Edit(2, 3, "）")), safe=False)
    return Diagnostic("heading-bracket-width", "H104", Severity.WARNING, "消息", "帮助", 0, 3, fix)


def test_fields_are_read_by_name_in_their_order() -> None:
    diagnostic = _diagnostic()
    assert Diagnostic._fields == (
        *("rule", "code", "severity", "message", "help", "start", "end", "fix"),
    )
    assert [getattr(diagnostic, name) for name in Diagnostic._fields] == list(diagnostic)
    assert diagnostic.fix.edits[1].replacement == "）" and diagnostic.fix.safe is False
    assert Position(3, 7).column == 7 and Paragraph("正文。", ((0, 5),)).end == 8


def test_defaults_and_keywords_are_those_of_the_named_tuples() -> None:
    assert Finding(1, 2) == (1, 2, {}, None) and Finding(1, 2).args == {}
    assert Fix("t", ()).safe is True
    assert Diagnostic("r", "c", Severity.INFO, "m", "h", 0, 1).fix is None
    assert Job("a.txt", display="-").name == "-" and Job("a.txt").context == 0
    assert RenderOptions(rules=()).color == "auto"
    assert Finding(end=2, start=1, fix=None) == Finding(1, 2)


def test_records_have_no_instance_dict() -> None:
    """Each class sets ``__slots__ = ()``: without it every record would carry a dict."""
    marker = MARKERS.parse("（一）")
    heading = Heading(marker, 0, 0, 3, "标题", 3, 5, False)
    for record in (_diagnostic(), Position(1, 1), marker, heading, Job("a"), RenderOptions()):
        assert not hasattr(record, "__dict__"), type(record).__name__


def test_pickled_and_copied_records_come_back_equal_and_of_their_class() -> None:
    """Workers send diagnostics back pickled; pickle calls ``__new__`` with the fields."""
    diagnostic = _diagnostic()
    for record in (diagnostic, Job("a.txt", 1, None, b"x", None), MARKERS.parse("1.")):
        for back in (pickle.loads(pickle.dumps(record)), copy.deepcopy(record)):
            assert back == record and type(back) is type(record)
    back = pickle.loads(pickle.dumps(diagnostic))
    assert type(back.fix) is Fix and type(back.fix.edits[0]) is Edit


def test_repr_names_the_fields() -> None:
    assert repr(Position(2, 5)) == "Position(line=2, column=5)"
