"""Candidate readings of one table row: each is a tuple of cell readings, one per column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import combinations, islice
from typing import NamedTuple

from ..models import CellStatus
from .digits import pieces, split_digits, split_row_with_total, split_tokens
from .tokens import Token

MAX_PLACEMENTS = 300


class Reading(NamedTuple):
    """One cell's reading. A named tuple, not a dataclass: a glued table has thousands."""

    value: int | float | None
    raw: str | None
    start: int | None
    end: int | None
    status: CellStatus
    source: str = "cell"
    unit: str | None = None


Candidate = tuple[Reading, ...]
RowCheck = Callable[[Sequence[int | float | None]], bool]

# Enum members bound once: CellStatus.OK is a descriptor call each time it is looked up
OK, NA, BLANK, MISSING_STATUS, INFERRED = (CellStatus.OK, CellStatus.NA, CellStatus.BLANK, CellStatus.MISSING,
                                           CellStatus.INFERRED)
MISSING = Reading(None, None, None, None, MISSING_STATUS, "none")


# A Reading straight from a tuple (all seven fields): the generated NamedTuple __new__ is a Python
# call, this is C, and a table reads every token it has.
_new_reading = partial(tuple.__new__, Reading)


def from_token(token: Token) -> Reading:
    kind, raw, start, end, value, unit, _, _ = token
    if kind == "num":
        return _new_reading((value, raw, start, end, OK, "cell", unit))
    if kind == "na":
        return _new_reading((None, raw, start, end, NA, "cell", None))
    return _new_reading((None, "", start, end, BLANK, "cell", None))


def reading_values(candidate: Candidate) -> tuple[int | float | None, ...]:
    """The cell values of one reading of a row."""
    return tuple(r.value for r in candidate)


def row_sum_check(n_parts: int) -> RowCheck:
    """The last cell is the sum of the others (Table 3's 总计 column)."""
    def check(values: Sequence[int | float | None]) -> bool:
        if any(v is None for v in values[:n_parts]):
            return True  # cannot be checked: not a reason to reject
        return abs(sum(values[: n_parts - 1]) - values[n_parts - 1]) < 1e-9  # type: ignore[operator]
    check.row_sum = True  # type: ignore[attr-defined]
    return check


def candidates_for_row(tokens: list[Token], n_cells: int, check: RowCheck | None) -> list[Candidate]:
    """All readings of ``tokens`` as ``n_cells`` cells that pass the row's own identity."""
    if len(tokens) == n_cells:
        return [tuple(map(from_token, tokens))]
    if not tokens:
        return [tuple(MISSING for _ in range(n_cells))]
    if len(tokens) > n_cells:
        return _drop_extras(tokens, n_cells, check)
    fast = _summing_splits(tokens, n_cells) if getattr(check, "row_sum", False) else None
    splits = fast if fast is not None else [_split_reading(p) for p in split_tokens(tokens, n_cells)]
    if check is not None:
        splits = [c for c in splits if check(reading_values(c))]
    if splits:
        return splits
    if any(t.digits and len(t.digits) > 1 for t in tokens):
        # cells run together that no split makes add up: the row cannot be read, only solved
        return [tuple(MISSING for _ in range(n_cells))]
    return _gap_placements(tokens, n_cells, check)


def _summing_splits(tokens: list[Token], n_cells: int) -> list[Candidate] | None:
    """Row-total splits of the two common glued shapes, found without enumerating every split:
    one run for the whole row, or a run for the parts followed by the printed total."""
    if len(tokens) == 1 and tokens[0].digits:
        token = tokens[0]
        splits = split_row_with_total(token.digits, n_cells)
        return [_split_reading(pieces(token, parts)) for parts in splits]
    if len(tokens) == 2 and tokens[0].digits and tokens[1].kind == "num" and isinstance(tokens[1].value, int):
        head, total = tokens
        splits = split_digits(head.digits, n_cells - 1, total.value)
        return [_split_reading((*pieces(head, parts), (total, total.raw, total.start))) for parts in splits]
    return None


def _split_reading(pieces) -> Candidate:
    readings = []
    for token, part, offset in pieces:
        if part == token.raw:
            readings.append(from_token(token))
        else:
            readings.append(_new_reading((int(part), part, offset, offset + len(part), OK, "digit_run", None)))
    return tuple(readings)


def _gap_placements(tokens: list[Token], n_cells: int, check: RowCheck | None) -> list[Candidate]:
    """Fewer values than cells and no split fits: the missing cells may be anywhere.

    With one gap and a row identity, the gap's value follows from the others.
    """
    n_gaps = n_cells - len(tokens)
    out: list[Candidate] = []
    # gaps at the end first: a short row usually lost its last cells (padding pipes hide them)
    for count, gaps in enumerate(combinations(range(n_cells - 1, -1, -1), n_gaps)):
        if count >= MAX_PLACEMENTS:
            break
        it = iter(tokens)
        readings = [MISSING if i in gaps else from_token(next(it)) for i in range(n_cells)]
        if getattr(check, "row_sum", False) and n_gaps == 1:
            solved = _solve_one(readings)
            if solved is None:
                continue
            readings = solved
        if check is None or check(reading_values(tuple(readings))):
            out.append(tuple(readings))
    return out or [tuple(MISSING for _ in range(n_cells))]


def _solve_one(readings: list[Reading]) -> list[Reading] | None:
    """Fill the single missing cell from 'last = sum of the others'; reject a negative count."""
    gap = next(i for i, r in enumerate(readings) if r.status is MISSING_STATUS)
    known = [r.value for i, r in enumerate(readings) if i != gap]
    if any(v is None for v in known):
        return readings
    last = len(readings) - 1
    if gap == last:
        value = sum(known)  # type: ignore[arg-type]
    else:
        value = readings[last].value - sum(v for i, v in enumerate(reading_values(tuple(readings)))  # type: ignore[operator]
                                           if i not in (gap, last))
    if value < 0:
        return None
    filled = list(readings)
    filled[gap] = Reading(value, None, None, None, INFERRED, "identity")
    return filled


def _drop_extras(tokens: list[Token], n_cells: int, check: RowCheck | None) -> list[Candidate]:
    """More values than cells (a stray number): keep the subsets the row identity accepts."""
    out: list[Candidate] = []
    for count, kept in enumerate(combinations(range(len(tokens)), n_cells)):
        if count >= MAX_PLACEMENTS:
            break
        candidate = tuple(from_token(tokens[i]) for i in kept)
        if check is None or check(reading_values(candidate)):
            out.append(candidate)
    if not out:  # nothing fits: every subset stays a candidate, so the cells come out ambiguous
        out = [tuple(from_token(tokens[i]) for i in kept)
               for kept in islice(combinations(range(len(tokens)), n_cells), MAX_PLACEMENTS)]
    return out
