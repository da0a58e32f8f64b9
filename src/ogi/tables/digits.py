"""Cells run together with no separator: split a token sequence into a fixed number of cells.

``713000074`` as seven cells is 71|3|0|0|0|0|74. A part is a number without a leading zero
(or a lone 0). When the last cell is the row total, splits are enumerated total-first and
pruned by the running sum, so long runs stay cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .tokens import Token

MAX_CANDIDATES = 5000
Piece = tuple[Token, str, int]  # token, part text, offset of the part in the document


def _valid(part: str) -> bool:
    return part == "0" or (part[:1] != "0" and part != "")


def split_digits(digits: str, parts: int, target: int | None = None) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``digits`` into ``parts`` numbers without leading zeros; with ``target``,
    only those adding up to it (pruned as it goes: a head over the target ends the search)."""
    if target is not None and parts >= 1 and digits.isascii():  # (other scripts' digits: int() reads them)
        yield from _splits_summing_to(digits, parts, target)
        return
    if parts == 1:
        if _valid(digits) and (target is None or int(digits) == target):
            yield (digits,)
        return
    for cut in range(1, len(digits) - parts + 2):
        head = digits[:cut]
        if not _valid(head):
            if head[0] == "0":
                break  # a leading zero: every longer head is invalid too
            continue
        rest_target = None
        if target is not None:
            if int(head) > target:
                break  # longer heads are larger still
            rest_target = target - int(head)
        for rest in split_digits(digits[cut:], parts - 1, rest_target):
            yield (head, *rest)


def _splits_summing_to(digits: str, parts: int, target: int) -> list[tuple[str, ...]]:
    """``split_digits`` with a target, in the same order, skipping every branch that cannot reach
    the target: the digits left after a cut add up to at least their digit sum (a part is never
    less than the sum of its digits) and to within ``_sum_bounds`` of their count."""
    n = len(digits)
    values = [ord(ch) - 48 for ch in digits]
    floor = [0] * (n + 1)  # floor[i]: the least that digits[i:] can add up to
    for i in range(n - 1, -1, -1):
        floor[i] = floor[i + 1] + values[i]
    if not n or target < floor[0]:
        return []
    # casting out nines: every part is its digit sum modulo 9, so whatever the cuts, the parts
    # add up to the digit sum modulo 9; a target that is not is out of reach at once
    if (target - floor[0]) % 9:
        return []
    if parts == 1:
        return [(digits,)] if digits == str(target) else []
    least, most = _sum_bounds(n, parts)
    return _cuts((digits, values, floor, {}), 0, parts, target) if least <= target <= most else []


_Run = tuple[str, list[int], list[int], dict]  # digits, their values, the floors, the memo


def _cuts(run: _Run, pos: int, k: int, total: int) -> list[tuple[str, ...]]:
    """The splits of ``digits[pos:]`` into ``k`` parts adding up to ``total``. A module function,
    not a closure: a closure that calls itself is a reference cycle, left for the collector."""
    digits, values, floor, memo = run
    key = (pos, k, total)
    if key in memo:
        return memo[key]
    n = len(digits)
    out: list[tuple[str, ...]] = []
    head = 0
    for cut in range(pos + 1, n - k + 2):
        head = head * 10 + values[cut - 1]
        if head > total:
            break  # longer heads are larger still
        rest = total - head
        if k == 2:
            if digits[cut:] == str(rest):  # the last part: no leading zero, and the right value
                out.append((digits[pos:cut], digits[cut:]))
        else:
            least, most = _sum_bounds(n - cut, k - 1)
            if floor[cut] <= rest <= most and least <= rest:
                part = digits[pos:cut]
                out.extend((part, *tail) for tail in _cuts(run, cut, k - 1, rest))
        if values[pos] == 0:
            break  # a lone 0: every longer head has a leading zero
    memo[key] = out
    return out


@lru_cache(maxsize=4096)
def _sum_bounds(length: int, parts: int) -> tuple[int, int]:
    """What any ``length`` digits cut into ``parts`` numbers can add up to. At least: the most even
    cut, each part of l >= 2 digits being >= 10**(l-1). At most: one long part, the rest nines."""
    if length < parts:
        return 1, 0  # no cut at all: an empty range
    short, longer = divmod(length, parts)
    least = (longer * 10 ** short if short else 0) + ((parts - longer) * 10 ** (short - 1) if short > 1 else 0)
    return least, 10 ** (length - parts + 1) - 1 + 9 * (parts - 1)


def pieces(token: Token, parts: tuple[str, ...]) -> tuple[Piece, ...]:
    """The parts of a digit run, each with its offset in the document."""
    offset = token.start
    out = []
    for part in parts:
        out.append((token, part, offset))
        offset += len(part)
    return tuple(out)


def _token_part_counts(tokens: list[Token], n_cells: int) -> Iterator[tuple[int, ...]]:
    """How many cells each token holds: a splittable digit run may hold several, others one."""
    capacities = [len(t.digits) if t.digits else 1 for t in tokens]
    extra = n_cells - len(tokens)
    if extra >= 0:
        yield from _part_counts(capacities, 0, extra)


def _part_counts(capacities: list[int], i: int, left: int) -> Iterator[tuple[int, ...]]:
    """Cells per token from token ``i`` on, ``left`` more than one each (a module function: a
    closure that calls itself is a reference cycle)."""
    if i == len(capacities):
        if left == 0:
            yield ()
        return
    for more in range(min(left, capacities[i] - 1) + 1):
        for rest in _part_counts(capacities, i + 1, left - more):
            yield (1 + more, *rest)


def split_tokens(tokens: list[Token], n_cells: int) -> Iterator[tuple[Piece, ...]]:
    """Every assignment of ``n_cells`` cells to pieces of the tokens, in order."""
    produced = 0
    for counts in _token_part_counts(tokens, n_cells):
        per_token: list[list[tuple[Piece, ...]]] = []
        for token, count in zip(tokens, counts, strict=True):
            if count == 1:
                per_token.append([((token, token.raw, token.start),)])
                continue
            per_token.append([pieces(token, parts) for parts in split_digits(token.digits or "", count)])
        for combo in _product(per_token):
            yield combo
            produced += 1
            if produced >= MAX_CANDIDATES:
                return


def _product(options: list[list[tuple[Piece, ...]]]) -> Iterator[tuple[Piece, ...]]:
    if not options:
        yield ()
        return
    for first in options[0]:
        for rest in _product(options[1:]):
            yield first + rest


def split_row_with_total(digits: str, parts: int) -> Iterator[tuple[str, ...]]:
    """A whole row run together: the last part is the total of the others."""
    digit_sums = [0]  # digit_sums[m]: the digit sum of digits[:m]
    for ch in digits:
        digit_sums.append(digit_sums[-1] + ord(ch) - 48)
    for total_len in range(1, len(digits) - parts + 2):
        total = digits[len(digits) - total_len:]
        if not _valid(total):
            continue
        target, head_sum = int(total), digit_sums[len(digits) - total_len]
        if parts > 1 and digits.isascii() and (head_sum > target or (target - head_sum) % 9):
            continue  # the first tests of _splits_summing_to, made before slicing and calling it
        for head in split_digits(digits[: len(digits) - total_len], parts - 1, target):
            yield (*head, total)
