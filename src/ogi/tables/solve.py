"""Choose one reading per row so that the table's identities hold; say where the choice is open.

Rows with one reading are fixed; the rest are searched jointly. A combination's score is the
number of identities that hold; ties are broken by numbers stated in the narrative (hints),
then by a plausibility prior. Cells on which every best combination agrees are decided; the
others are ``ambiguous`` and carry their candidate values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import product

from ..models import CellStatus
from .rows import Candidate, Reading

MAX_COMBINATIONS = 200_000

Assignment = dict[str, Candidate]  # row key -> chosen reading
Scorer = Callable[[Assignment], float]


@dataclass(frozen=True, slots=True)
class Decision:
    readings: dict[str, Candidate]
    ambiguous: dict[tuple[str, int], tuple[int | float, ...]]  # (row, col index) -> candidate values


def choose(rows: dict[str, list[Candidate]], score: Scorer, prior: Scorer | None = None) -> Decision:
    fixed = {key: cands[0] for key, cands in rows.items() if len(cands) == 1}
    open_rows = sorted((key for key, cands in rows.items() if len(cands) > 1), key=list(rows).index)
    if not open_rows:
        return Decision(fixed, {})
    total = 1
    for key in open_rows:
        total *= len(rows[key])
    if total > MAX_COMBINATIONS:
        return _give_up(rows, fixed, open_rows)
    best_score = None
    best: list[tuple[Candidate, ...]] = []
    assignment = dict(fixed)
    for combo in product(*(rows[k] for k in open_rows)):
        assignment.update(zip(open_rows, combo, strict=True))
        s = score(assignment)
        if best_score is None or s > best_score:
            best_score, best = s, [combo]
        elif s == best_score:
            best.append(combo)
    if prior is not None and len(best) > 1:
        ranked = sorted(best, key=lambda c: -prior({**fixed, **dict(zip(open_rows, c, strict=True))}))
        best = ranked
    chosen = dict(fixed)
    ambiguous: dict[tuple[str, int], tuple[int | float, ...]] = {}
    for i, key in enumerate(open_rows):
        options = [combo[i] for combo in best]
        first = options[0]
        cells = []
        for col, reading in enumerate(first):
            values = sorted({o[col].value for o in options if o[col].value is not None}, key=float)
            if len(values) > 1 or (any(o[col].value is None for o in options) and values):
                ambiguous[(key, col)] = tuple(values)
                cells.append(replace(reading, status=CellStatus.AMBIGUOUS))
            else:
                cells.append(reading)
        chosen[key] = tuple(cells)
    return Decision(chosen, ambiguous)


def _give_up(rows: dict[str, list[Candidate]], fixed: dict[str, Candidate], open_rows: Sequence[str]) -> Decision:
    """Too many combinations to search: every open cell stays ambiguous."""
    chosen = dict(fixed)
    ambiguous: dict[tuple[str, int], tuple[int | float, ...]] = {}
    for key in open_rows:
        first = rows[key][0]
        cells: list[Reading] = []
        for col, reading in enumerate(first):
            values = tuple(sorted({c[col].value for c in rows[key] if c[col].value is not None}, key=float))
            if len(values) > 1:
                ambiguous[(key, col)] = values
                cells.append(replace(reading, status=CellStatus.AMBIGUOUS))
            else:
                cells.append(reading)
        chosen[key] = tuple(cells)
    return Decision(chosen, ambiguous)
