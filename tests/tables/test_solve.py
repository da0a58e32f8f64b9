from __future__ import annotations

from ogi.models import CellStatus
from ogi.tables.rows import Reading
from ogi.tables.solve import choose_by_columns

BALANCE = ("new", "over", "total", "forward")


def _row(*readings: tuple[int | None, ...]) -> list[tuple[Reading, ...]]:
    return [tuple(Reading(v, None if v is None else str(v), None, None, CellStatus.OK) for v in values)
            for values in readings]


def test_the_leaf_reading_whose_column_sums_are_the_total_is_chosen():
    rows = {"new": _row((3, 2)), "over": _row((0, 0)), "a": _row((1, 2), (2, 1)), "b": _row((1, 1)),
            "total": _row((3, 2)), "forward": _row((0, 0))}
    decision = choose_by_columns(rows, ["a", "b"], BALANCE)
    assert [r.value for r in decision.readings["a"]] == [2, 1]
    assert decision.ambiguous == {}


def test_the_total_reading_that_balances_the_table_is_chosen():
    rows = {"new": _row((5, 1)), "over": _row((0, 0)), "a": _row((2, 1)), "b": _row((3, 0)),
            "total": _row((4, 1), (5, 1)), "forward": _row((0, 0))}
    decision = choose_by_columns(rows, ["a", "b"], BALANCE)
    assert [r.value for r in decision.readings["total"]] == [5, 1]


def test_readings_nothing_tells_apart_stay_ambiguous():
    rows = {"a": _row((1, 2), (2, 1)), "b": _row((2, 1), (1, 2)), "total": _row((3, 3))}
    decision = choose_by_columns(rows, ["a", "b"], BALANCE)
    assert decision.ambiguous == {("a", 0): (1, 2), ("a", 1): (1, 2), ("b", 0): (1, 2), ("b", 1): (1, 2)}
    assert decision.readings["a"][0].status is CellStatus.AMBIGUOUS


def test_an_unknown_cell_makes_its_column_sum_unknown():
    rows = {"a": _row((None, 1), (1, 1)), "b": _row((1, 0)), "total": _row((2, 1))}
    decision = choose_by_columns(rows, ["a", "b"], BALANCE)
    assert [r.value for r in decision.readings["a"]] == [1, 1]


def test_rows_with_one_reading_shift_the_sums_of_the_others():
    rows = {"a": _row((1, 0)), "b": _row((2, 2), (3, 1)), "c": _row((None, 5)), "d": _row((4, 0)),
            "total": _row((8, 6))}
    decision = choose_by_columns(rows, ["a", "b", "c", "d"], BALANCE)
    assert [r.value for r in decision.readings["b"]] == [3, 1]
    assert decision.ambiguous == {}


def test_decimal_cells_are_summed_in_row_order():
    total = 0.1 + 0.2 + 0.3  # 0.6000000000000001, not 0.6
    rows = {"a": _row((0.1,)), "b": _row((0.25,), (0.2,)), "c": _row((0.3,)), "total": _row((total,))}
    decision = choose_by_columns(rows, ["a", "b", "c"], BALANCE)
    assert [r.value for r in decision.readings["b"]] == [0.2]


def test_unknown_counts_that_an_identity_already_balances_are_zero():
    from ogi.schema import Identity
    from ogi.tables.identities import solve_unknowns

    row = Identity("row", ("a", "b", "c"), ("total",))
    assert solve_unknowns([row], {"a": 5, "b": None, "c": None, "total": 5}, {"b", "c"}) == {"b": 0, "c": 0}
    assert solve_unknowns([row], {"a": 5, "b": None, "c": None, "total": 6}, {"b", "c"}) == {}  # 1 to share: open
    assert solve_unknowns([row], {"a": None, "b": None, "c": 0, "total": None}, {"a", "b", "total"}) == {}
    both_sides = Identity("both", ("a", "b"), ("c", "d"))
    assert solve_unknowns([both_sides], {"a": 1, "b": None, "c": 1, "d": None}, {"b", "d"}) == {}
