"""Choose one reading per row so that the table's identities hold; say where the choice is open.

Rows with one reading are fixed; the rest are searched jointly. A combination's score is the
number of identities that hold; ties are broken by numbers stated in the narrative (hints),
then by a plausibility prior. Cells on which every best combination agrees are decided; the
others are ``ambiguous`` and carry their candidate values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product, repeat
from operator import add, eq

from ..models import CellStatus
from .rows import Candidate, reading_values

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
        return _decide(rows)  # too many combinations to search: every open cell stays ambiguous
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
    options = {key: [cand] for key, cand in fixed.items()}
    options.update({key: [combo[i] for combo in best] for i, key in enumerate(open_rows)})
    return _decide(options)


MAX_STATES = 50_000
MAX_PATHS = 32  # readings kept per partial-sum state: enough to tell unique from ambiguous


def choose_by_columns(rows: dict[str, list[Candidate]], leaves: Sequence[str], balance: Sequence[str]) -> Decision:
    """Table 3 without enumerating every combination.

    The column identities only see column sums, so leaf rows are folded one at a time into a
    map from partial-sum vectors to the readings that reach them; then the header rows
    (new_received, carried_over, results_total, carried_forward) are matched against it.
    """
    if all(len(cands) == 1 for cands in rows.values()):
        return Decision({key: cands[0] for key, cands in rows.items()}, {})  # nothing to choose
    leaves = [k for k in leaves if k in rows]
    heads = [k if k in rows else None for k in balance]  # new, over, total, forward
    width = len(next(iter(rows.values()))[0]) if rows else 0
    states = _fold_leaves(rows, leaves, width)
    if states is None:
        return _decide(rows)  # too many readings to search: every open cell stays ambiguous
    states, overflowed, implicit = states
    head_keys = [k for k in heads if k is not None]
    head_values = {k: [reading_values(cand) for cand in rows[k]] for k in head_keys}
    total_key = heads[2]
    # a state scores one point per column whose sum is the printed total: the best states for
    # each reading of the total row, found once, not once per combination of header rows
    top_states = {}
    for index, values in enumerate(head_values[total_key] if total_key else [(None,) * width]):
        target = tuple(_NEVER if v is None else v for v in values)
        top_states[index] = _best_matches(states, target)
    best_score = None
    best: list[tuple[tuple[int, ...], tuple]] = []  # (header reading indices, leaf path)
    complete = True  # False once a best reading was dropped: then agreement is not proof
    for head_combo in product(*(range(len(rows[k])) for k in head_keys)):
        chosen = dict(zip(head_keys, head_combo, strict=True))
        columns = [head_values[k][chosen[k]] if k is not None else (None,) * width for k in heads]
        balance_ok = sum(1 for new, over, total, forward in zip(*columns, strict=True)
                         if None not in (new, over, total, forward) and new + over == total + forward)
        matched, top = top_states[chosen[total_key] if total_key else 0]
        score = balance_ok + matched
        if best_score is None or score > best_score:
            best_score, best, complete = score, [], True
        if score != best_score:
            continue
        for state, paths in top:
            complete &= state not in overflowed and len(best) + len(paths) <= 4 * MAX_PATHS
            best.extend((head_combo, path) for path in paths[: max(0, 4 * MAX_PATHS - len(best))])
    if not complete:  # some best readings were not kept: every row may be read any of its ways
        return _decide(dict(rows))
    best = [(combo, _indices(path, implicit)) for combo, path in best]
    leaf_at = {k: i for i, k in enumerate(leaves)}
    head_at = {k: i for i, k in enumerate(head_keys)}
    options = {}
    for key, cands in rows.items():
        if key in leaf_at:
            options[key] = [cands[path[leaf_at[key]]] for _, path in best]
        elif key in head_at:
            options[key] = [cands[combo[head_at[key]]] for combo, _ in best]
        options[key] = options.get(key) or [cands[0]]
    return _decide(options)


_NEVER = object()  # equal to no column sum: a total cell without a value matches nothing


def _fold_leaves(rows: dict[str, list[Candidate]], leaves: list[str], width: int):
    """Partial column sums of the leaf rows -> the reading paths that reach them, at most MAX_PATHS
    each, and the sums that more paths reach than are kept; None when there are more than
    MAX_STATES sums. A path is linked, ``(parent path, reading index)`` from ``()``: extending one
    costs the same for the last leaf as for the first. A leaf with one fully known reading only
    shifts every sum (no two meet), so its paths are kept as they are and the leaf is marked
    implicit: its index is 0 (``_indices`` puts it back)."""
    states: dict[tuple, list[tuple]] = {(0,) * width: [()]}
    overflowed: set[tuple] = set()  # states that reach more readings than they keep
    implicit: list[bool] = []
    values_by_leaf = {key: [reading_values(cand) for cand in rows[key]] for key in leaves}
    # integer sums come out the same in any order, so the implicit leaves' shifts can be added up
    # on their own and applied once at the end; float sums are shifted leaf by leaf, in order
    exact = all(v is None or isinstance(v, int) for readings in values_by_leaf.values()
                for values in readings for v in values)
    offset = (0,) * width
    for key in leaves:
        readings = values_by_leaf[key]
        known = [None not in values for values in readings]
        implicit.append(len(readings) == 1 and known[0])
        if implicit[-1] and exact:
            offset = tuple(map(add, offset, readings[0]))
            continue
        if implicit[-1]:
            states, overflowed = _shift(states, overflowed, readings[0])
            continue
        folded: dict[tuple, list[tuple]] = {}
        folded_overflow: set[tuple] = set()
        for state, paths in states.items():
            state_known = None not in state
            carried = state in overflowed
            n_paths = len(paths)
            for index, values in enumerate(readings):
                # known on both sides (checked once per state and reading): the plain sum
                new_state = tuple(map(add, state, values)) if state_known and known[index] else _add(state, values)
                bucket = folded.setdefault(new_state, [])
                room = MAX_PATHS - len(bucket)
                if carried or n_paths > room:
                    folded_overflow.add(new_state)
                bucket.extend(zip(paths[:room], repeat(index)))
        states, overflowed = folded, folded_overflow
        if len(states) > MAX_STATES:
            return None
    if any(offset):
        states, overflowed = _shift(states, overflowed, offset)
    return states, overflowed, implicit


def _shift(states: dict[tuple, list], overflowed: set[tuple], values: tuple) -> tuple[dict, set]:
    """Every sum plus the same fully known row: no two sums meet, each keeps its paths."""
    shifted = {state: _add(state, values) for state in states}
    return {shifted[state]: paths for state, paths in states.items()}, {shifted[state] for state in overflowed}


def _add(state: tuple, values: tuple) -> tuple:
    """Column sums plus one row; a column with an unknown cell has an unknown sum."""
    if None in state or None in values:
        return tuple(None if a is None or b is None else a + b for a, b in zip(state, values, strict=True))
    return tuple(map(add, state, values))


def _indices(path: tuple, implicit: list[bool]) -> tuple[int, ...]:
    """The reading index per leaf of a linked path."""
    stored = []
    while path:
        path, index = path
        stored.append(index)
    stored.reverse()
    explicit = iter(stored)
    return tuple(0 if fixed else next(explicit) for fixed in implicit)


def _best_matches(states: dict[tuple, list], target: tuple) -> tuple[int, list[tuple[tuple, list]]]:
    """The most columns on which a state equals ``target``, and the states that do, in order."""
    counts = [sum(map(eq, state, target)) for state in states]
    most = max(counts, default=0)
    return most, [item for item, count in zip(states.items(), counts, strict=True) if count == most]


def _decide(options_by_row: dict[str, list[Candidate]]) -> Decision:
    """Each row's first option is its reading; cells on which all its options agree are decided,
    the rest are ambiguous and carry the values they may take."""
    chosen: dict[str, Candidate] = {}
    ambiguous: dict[tuple[str, int], tuple[int | float, ...]] = {}
    for key, options in options_by_row.items():
        first = options[0]
        cells = []
        for col, reading in enumerate(first):
            values = sorted({o[col].value for o in options if o[col].value is not None}, key=float)
            if len(values) > 1 or (values and any(o[col].value is None for o in options)):
                ambiguous[(key, col)] = tuple(values)
                cells.append(reading._replace(status=CellStatus.AMBIGUOUS))
            else:
                cells.append(reading)
        chosen[key] = tuple(cells)
    return Decision(chosen, ambiguous)
