from __future__ import annotations

import dataclasses

import pytest

from ogi.models import Cell, CellStatus
from ogi.tables.parse import _new_cell
from ogi.tables.rows import from_token
from ogi.tables.tokens import Token

FIELDS = ("t3.a.total", "t3", "a", "total", 5, "5", CellStatus.OK, 3, 4, "万元", "cell", (5, 6), True)


def test_fast_cell_is_the_cell_init_builds():
    fast, slow = _new_cell(*FIELDS), Cell(*FIELDS)
    assert type(fast) is Cell and fast == slow and hash(fast) == hash(slow)
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)
    assert dataclasses.replace(fast, extra=False) == Cell(*FIELDS[:-1])
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = 6  # type: ignore[misc]


def test_fast_cell_needs_every_field():
    with pytest.raises(TypeError):
        _new_cell(*FIELDS[:-1])


@pytest.mark.parametrize("token", [Token("num", "12", 3, 5, 12, "万元", True, True), Token("na", "无", 1, 2),
                                   Token("blank", "", 7, 7)])
def test_reading_from_token_has_the_named_tuple_defaults(token):
    reading = from_token(token)
    expected = {"num": (12, "12", 3, 5, CellStatus.OK, "cell", "万元"),
                "na": (None, "无", 1, 2, CellStatus.NA, "cell", None),
                "blank": (None, "", 7, 7, CellStatus.BLANK, "cell", None)}[token.kind]
    assert tuple(reading) == expected and reading.source == "cell" and reading.unit == expected[-1]


def test_check_records_match_checks_built_by_init():
    from ogi.models import Check
    from ogi.schema import Identity
    from ogi.tables.identities import check_records

    idents = [Identity("a", ("x", "y"), ("z",)), Identity("b", ("x",), ("w",)), Identity("c", ("y",), ("x",))]
    values = {"x": 1, "y": 2.5, "z": 3.5, "w": None}
    got = check_records(idents, values)
    assert got == [Check("a", True, 3.5, 3.5, ("x", "y", "z")), Check("b", None, None, None, ("x", "w")),
                   Check("c", False, 2.5, 1.0, ("y", "x"))]
    assert all(type(c) is Check and c.note is None for c in got)
    assert dataclasses.replace(got[0], note="n").note == "n"
    with pytest.raises(dataclasses.FrozenInstanceError):
        got[0].holds = False  # type: ignore[misc]
