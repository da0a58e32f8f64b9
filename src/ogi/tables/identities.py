"""Evaluate identities on cell values, fill single unknowns, and point at suspect cells."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

from ..models import Check
from ..schema import Identity

Values = Mapping[str, int | float | None]
TOLERANCE = 1e-6


def _sums(identity: Identity, values: Values) -> tuple[int | float, int | float] | None:
    """Both sides of an identity, or None when a cell is unknown."""
    get = values.get
    try:
        return sum(map(get, identity.lhs)), sum(map(get, identity.rhs))
    except TypeError:  # None, an unknown cell, does not add
        return None


def holds(identity: Identity, values: Values) -> bool | None:
    sums = _sums(identity, values)
    return None if sums is None else abs(sums[0] - sums[1]) <= TOLERANCE


def count_holding(identities: Iterable[Identity], values: Values) -> int:
    return sum(1 for i in identities if holds(i, values) is True)


def solve_unknowns(identities: Iterable[Identity], values: dict[str, int | float | None],
                   unknown: set[str]) -> dict[str, int | float]:
    """Repeatedly solve identities with exactly one unknown cell; negatives are not counts."""
    solved: dict[str, int | float] = {}
    identities = list(identities)
    progress = True
    while progress and unknown:
        progress = False
        for identity in identities:
            cells = identity.lhs + identity.rhs
            missing = [c for c in cells if c in unknown]
            if not missing or any(values.get(c) is None for c in cells if c not in unknown):
                continue
            if len(missing) > 1:
                zeros = _zeros(identity, values, missing)
                for cell in zeros:
                    values[cell] = solved[cell] = 0
                    unknown.discard(cell)
                progress = progress or bool(zeros)
                continue
            target = missing[0]
            lhs = sum(values[c] for c in identity.lhs if c != target)  # type: ignore[misc]
            rhs = sum(values[c] for c in identity.rhs if c != target)  # type: ignore[misc]
            value = rhs - lhs if target in identity.lhs else lhs - rhs
            if value < 0:
                continue
            value = round(value, 6) if isinstance(value, float) else value
            values[target] = value
            solved[target] = value
            unknown.discard(target)
            progress = True
    return solved


def _zeros(identity: Identity, values: Values, missing: list[str]) -> list[str]:
    """Several unknown counts on one side of an identity whose known cells already balance it:
    counts are never negative, so every one of them is 0 (an org subtotal of 0 makes its five
    organisation columns 0). Anything else is left open."""
    if all(c in identity.lhs for c in missing):
        same, other = identity.lhs, identity.rhs
    elif all(c in identity.rhs for c in missing):
        same, other = identity.rhs, identity.lhs
    else:
        return []
    residual = sum(values[c] for c in other) - sum(values[c] for c in same if c not in missing)  # type: ignore[misc]
    return list(missing) if abs(residual) <= TOLERANCE else []


# A Check straight from a tuple of all its fields: one C call, not the generated __new__.
_new_check_tuple = partial(tuple.__new__, Check)


def check_records(identities: Iterable[Identity], values: Values) -> list[Check]:
    out = []
    for identity in identities:
        cells = identity.lhs + identity.rhs
        sums = _sums(identity, values)
        if sums is None:
            out.append(_new_check_tuple((identity.name, None, None, None, cells, None)))
            continue
        lhs, rhs = sums
        out.append(_new_check_tuple((identity.name, abs(lhs - rhs) <= TOLERANCE, float(lhs), float(rhs), cells, None)))
    return out


def checks_and_suspects(identities: Iterable[Identity], values: Values, printed: set[str]) -> list[Check]:
    """``check_records`` plus the suspect cells of the failing identities, each identity evaluated once."""
    identities = list(identities)
    checks = check_records(identities, values)
    failing = [i for i, check in zip(identities, checks, strict=True) if check.holds is False]
    return checks + _suspects(failing, values, printed)


def _suspects(failing: list[Identity], values: Values, printed: set[str]) -> list[Check]:
    """A printed cell that alone explains two failing identities: report the value they imply.

    The printed value is kept: the check tells the researcher where to look and what the
    identities say, and that is all.
    """
    by_cell: dict[str, list[Identity]] = {}
    for identity in failing:
        for cell in identity.lhs + identity.rhs:
            by_cell.setdefault(cell, []).append(identity)
    out = []
    for cell in sorted(by_cell):
        group = by_cell[cell]
        if len(group) < 2 or cell not in printed:
            continue
        implied = set()
        for identity in group:
            others_l = sum(values[c] for c in identity.lhs if c != cell)  # type: ignore[misc]
            others_r = sum(values[c] for c in identity.rhs if c != cell)  # type: ignore[misc]
            implied.add(round(others_r - others_l if cell in identity.lhs else others_l - others_r, 6))
        if len(implied) == 1:
            value = implied.pop()
            if value >= 0:
                out.append(Check(name=f"locate.{cell}", holds=False, lhs=float(values[cell]),  # type: ignore[arg-type]
                                 rhs=float(value), cells=(cell,),
                                 note=f"{len(group)} identities fail and all imply {value:g} here"))
    return out
