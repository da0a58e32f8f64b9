from __future__ import annotations

import pytest

from ogi.models import Cell, CellStatus
from ogi.schema import cell_specs
from ogi.tables.parse import _cell, _new_cell_tuple
from ogi.tables.rows import MISSING, Reading, from_token
from ogi.tables.tokens import Token

FIELDS = ("t3.a.total", "t3", "a", "total", 5, "5", CellStatus.OK, 3, 4, "万元", "cell", (5, 6), True)


def test_fast_cell_is_the_cell_init_builds():
    fast, slow = _new_cell_tuple(FIELDS), Cell(*FIELDS)
    assert type(fast) is Cell and fast == slow and hash(fast) == hash(slow)
    assert fast._asdict() == slow._asdict()
    assert fast._replace(extra=False) == Cell(*FIELDS[:-1])
    with pytest.raises(AttributeError):
        fast.value = 6  # type: ignore[misc]


@pytest.mark.parametrize("reading", [Reading(7, "7", 1, 2, CellStatus.OK), MISSING])
def test_cell_from_a_reading_has_every_field(reading):
    # _cell builds the tuple itself: a field added to Cell and not to _cell would make short cells
    spec = cell_specs("2021")[0]
    cell = _cell(spec, reading)
    assert len(cell) == len(Cell._fields) and cell == Cell(spec.cell_id, spec.table, spec.row, spec.col,
                                                            reading.value, reading.raw, reading.status,
                                                            reading.start, reading.end, cell.unit, reading.source)


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
    assert got[0]._replace(note="n").note == "n"
    assert all(len(c) == len(Check._fields) for c in got)  # built from tuples: none may be short
    with pytest.raises(AttributeError):
        got[0].holds = False  # type: ignore[misc]
