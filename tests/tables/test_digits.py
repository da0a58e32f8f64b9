from __future__ import annotations

import random
from itertools import combinations, pairwise

import pytest

from ogi.tables.digits import split_digits, split_row_with_total


def _brute(digits: str, parts: int, target: int | None) -> list[tuple[str, ...]]:
    """Every cut of ``digits`` into ``parts`` numbers without leading zeros, shortest first part
    first (the order the parser's tie-breaking relies on)."""
    out = []
    for cuts in combinations(range(1, len(digits)), parts - 1):
        bounds = (0, *cuts, len(digits))
        split = tuple(digits[a:b] for a, b in pairwise(bounds))
        if any(p[0] == "0" and p != "0" for p in split):
            continue
        if target is None or sum(map(int, split)) == target:
            out.append(split)
    return out


@pytest.mark.parametrize(("digits", "parts", "target"), [
    ("713000074", 6, 74),
    ("222812404522", 6, 169),
    ("22281240452", 6, 2169),
    ("0000000", 7, 0),
    ("1111111111", 5, 46),
    ("10101", 3, 2),
    ("10101", 3, 12),
    ("990", 2, 99),
    ("5", 1, 5),
    ("05", 1, 5),
    ("123", 2, -1),
    ("\uff11\uff12\uff10\uff13", 3, 6),  # full-width digits: read by int(), like ASCII ones
])
def test_summing_splits_are_every_split_with_that_sum_in_order(digits, parts, target):
    assert list(split_digits(digits, parts, target)) == _brute(digits, parts, target)


def test_summing_splits_match_brute_force_on_random_rows():
    rng = random.Random(11)
    for _ in range(300):
        cells = [rng.choice([0, 0, rng.randint(0, 9), rng.randint(10, 99), rng.randint(100, 999)])
                 for _ in range(rng.randint(2, 7))]
        digits = "".join(map(str, cells))
        target = sum(cells) + rng.choice([0, 0, 9, 1])  # 9 off: the digit sum test alone passes it
        assert list(split_digits(digits, len(cells), target)) == _brute(digits, len(cells), target)


@pytest.mark.parametrize("run", ["3004007", "123000116", "270090036", "50120210"])
def test_whole_row_run_tries_every_total_shortest_first(run):
    expected = []
    for size in range(1, len(run) - 5):
        total = run[len(run) - size:]
        if total[0] != "0" or total == "0":
            expected += [(*head, total) for head in _brute(run[:len(run) - size], 6, int(total))]
    assert expected  # every run here has at least one reading
    assert list(split_row_with_total(run, 7)) == expected
