"""Value tokens in a span of table text: numbers, not-applicable marks, interior blank cells.

Digits that belong to text are not values: enumerators (``1.属于``), years and dates (``2021年``),
article numbers (``第20条``), and anything inside a parenthesised note (``(保留4位小数)``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import partial
from itertools import accumulate, repeat
from typing import NamedTuple

# An optional sign, then digits. Written to open with one character class (a sign is followed by a
# digit, a digit stands for itself) so the engine skips straight to candidates instead of trying
# the pattern at every position. After the digits, two lookaheads say whether the number is text,
# not a value: a date or count word on the same line ("31\n年" is a value, then a wrapped label),
# or an enumerator's dot.
_SIGNS = "+-−"
_NUMBER = re.compile(
    r"[+\-−\d](?:(?<=[+\-−])\d|(?<=\d))(?P<tail>[\d,]*(?:\.\d+)?)"
    r"(?:(?=(?P<date>[ \t]*(?:年|月|日|号|时|页|届|周|季度)))|(?=(?P<enum>[.、])\s*[\u4e00-\u9fff(])|)"
    r"(?:\s*(?P<unit>万元|元|%|件|个|条|次|项))?"
)
# A not-applicable mark: / - — – -- —— 无 未涉及 不适用, standing alone (no word or CJK character on
# either side). Written to open with its first character's class, so the engine skips straight to
# candidates (a pattern opening with a lookbehind is tried at every position); the lookbehind then
# checks the character before that one, and the alternatives, in the order of the plain
# alternation (/|-|—|–|--|——|无|未涉及|不适用: a lone "-" before "--"), say how the mark goes on.
_NA = re.compile(r"[/\-—–无未不](?<![\w\u4e00-\u9fff][/\-—–无未不])"
                 r"(?:(?<=[/\-—–无])|(?<=-)-|(?<=—)—|(?<=未)涉及|(?<=不)适用)(?![\w\u4e00-\u9fff])")
_RULE = re.compile(r"[-:—–=][-:—–=]{2,}")  # markdown separator rows |---|:--| (a class first: fast scan)
# a note in brackets within one cell; never across a line or a cell border, or it would hide
# the values that a wrapped label ("(区分处理的,只计这一情 447 7 … 形,…)") has between its parts
_PAREN_NOTE = re.compile(r"\([^()\n|]*[\u4e00-\u9fff][^()\n|]*\)")


class Token(NamedTuple):
    """A value token. A named tuple, not a dataclass: a table has hundreds and they are built fast."""

    kind: str  # "num", "na", "blank"
    raw: str
    start: int
    end: int
    value: int | float | None = None
    unit: str | None = None
    signed: bool = False
    boxed: bool = False  # a cell border or line break on both sides: one cell, never a run

    @property
    def digits(self) -> str | None:
        """The bare digit run when this number could be several cells run together."""
        if self.kind != "num" or self.signed or self.boxed or not self.raw.isdigit():
            return None
        return self.raw


def _mask_notes(text: str) -> str:
    text = _PAREN_NOTE.sub(lambda m: " " * len(m.group()), text)
    return _RULE.sub(lambda m: " " * len(m.group()), text)


def parse_number(raw: str, unit: str | None) -> tuple[int | float, str | None]:
    """'251000元' is 25.1 万元; thousands separators go; '00' is 0."""
    text = raw.replace(",", "")
    value: int | float = float(text) if "." in text else int(text)
    if unit == "元":
        return round(value / 10000, 6), "万元"
    if unit == "万元":
        return value, "万元"
    return value, None


_COUNT_UNITS = frozenset({"件", "个", "条", "次", "项", "%"})  # counted things: the value has no unit


# A Token straight from a tuple: the generated NamedTuple __new__ is a Python call, this one is C
# (about 4x cheaper), and find_tokens builds one per value.
_new_token = partial(tuple.__new__, Token)
_BLANKS = frozenset(" \t")
# two cell borders with nothing but spaces between them on one line: where a blank cell can be
_EMPTY_CELL = re.compile(r"\|[^\S\n]*\|")


# A plain integer alone in its cell: only spaces and tabs between it and a cell border or line
# break on both sides (the border before it is matched: a pattern that opens with a character
# class is scanned for fast). Such a number is a boxed value token whatever
# _NUMBER's other rules say, and most table cells are one, so they are read by this single pass;
# the rest of the region goes through _NUMBER with these digits masked out. Not taken: a number
# that _NUMBER's ``\s*`` before a unit could join to a unit word, even over a masked note or rule
# (so none that white space leads to a unit, "(" or a rule character). Possessive: no
# backtracking into the digits. A cell this misses (at a region edge, say) is read by _NUMBER.
# Three groups (border and spaces, digits, spaces) so that split() loses no character.
_BOXED_INT = re.compile(r"([|\n][ \t]*)(\d++)(?!\s*(?:万元|元|%|件|个|条|次|项|[(\-:—–=]))([ \t]*)(?=[|\n])")
_MASK = "\x00"  # stands for a digit already read: not a digit, space, border, unit or word character


def find_tokens(text: str, start: int, end: int, *, boxed_pass: bool = True) -> list[Token]:
    """Tokens in ``text[start:end]``, offsets in ``text``.

    ``boxed_pass=False`` reads every number through _NUMBER: slower, the same tokens (a property
    test holds the two equal).
    """
    region = text[start:end]
    # split() keeps every piece (the three groups of each match and the text between matches), so
    # running lengths give each piece's offset: the tokens and the masked region are then built
    # by C iteration, with no Python step per value
    pieces = _BOXED_INT.split(region) if boxed_pass else [region]
    if len(pieces) > 1:
        offsets = list(accumulate(map(len, pieces), initial=start))
        digits = pieces[2::4]
        boxed_ints = list(map(_new_token, zip(repeat("num"), digits, offsets[2::4], offsets[3::4], map(int, digits),
                                              repeat(None), repeat(False), repeat(True))))
        pieces[2::4] = map(_MASK.__mul__, map(len, digits))
        span = _mask_notes("".join(pieces))
    else:
        boxed_ints = []
        span = _mask_notes(region)
    tokens = _other_numbers(text, start, span)
    if boxed_ints:
        tokens = boxed_ints + tokens if not tokens else sorted(boxed_ints + tokens, key=_start)
    numbers = len(tokens)
    number_starts: list[int] | None = None
    append = tokens.append
    for match in _NA.finditer(span):
        if number_starts is None:
            number_starts = [t.start for t in tokens]  # in order
        a, b = match.span()
        at = bisect_right(number_starts, start + a) - 1
        if at >= 0 and tokens[at].start <= start + a < tokens[at].end:
            continue  # the sign of a number, not a dash
        append(_new_token(("na", match.group(), start + a, start + b, None, None, False, False)))
    if len(tokens) > numbers:
        tokens.sort(key=_start)
    if len(tokens) < 2:
        return tokens
    return _with_interior_blanks(text, tokens, start, end)


def _other_numbers(text: str, start: int, span: str) -> list[Token]:
    """The number tokens of the masked ``span`` (which starts at ``start`` in ``text``)."""
    tokens: list[Token] = []
    append = tokens.append
    size = len(text)
    for match in _NUMBER.finditer(span):
        tail, date, enum, unit = match.groups()
        if date is not None:
            continue
        a, b = match.span()
        first = span[a]
        if a:
            before = span[a - 1]
            if before == "第" or (before.isalpha() and not "\u4e00" <= before <= "\u9fff"):
                continue  # 第20条, or digits inside a Latin word
        # boxed: a cell border or line break (or the text's edge) on both sides, past spaces and tabs
        at = start + a - 1
        while at >= 0 and text[at] in _BLANKS:
            at -= 1
        if at < 0 or text[at] in _BORDER:
            after = start + (b if enum is None else b - 1)
            while after < size and text[after] in _BLANKS:
                after += 1
            boxed = after >= size or text[after] in _BORDER
        else:
            boxed = False
        if unit is None and enum is None and first not in _SIGNS:
            # the common case: unsigned digits, no unit; the match ends where the digits do
            if a and before == "(" and span[b:b + 1] == ")":
                continue  # (4) is an enumerator
            num = first + tail
            value: int | float = int(num) if num.isdecimal() else parse_number(num, None)[0]
            append(_new_token(("num", num, start + a, start + b, value, None, False, boxed)))
            continue
        sign = first if first in _SIGNS else None
        num_end = match.end(1)  # the tail group: where the digits end
        num = span[a + 1 if sign else a:num_end]
        if enum is not None:
            # a label's enumerator ("2.其他…") whose label was not anchored: it is not a value,
            # but in glued text the digits before it still are ("00000002." is 0000000 + 2.)
            if len(num) == 1 or not num.isdigit():
                continue
            b = num_end - 1
            append(Token("num", span[a:b], start + a, start + b, *parse_number(num[:-1], None), boxed=boxed))
            continue
        if a and before == "(" and span[b:b + 1] == ")":
            continue  # (4) is an enumerator
        if unit is None and num.isdecimal():
            value = int(num)  # as parse_number would read it
        else:
            value, unit = parse_number(num, None if unit in _COUNT_UNITS else unit)
        if sign == "-" or sign == "−":
            value = -value
        append(_new_token(("num", span[a:b].strip(), start + a, start + b, value, unit, sign is not None, boxed)))
    return tokens


def _start(token: Token) -> int:
    return token.start


_BORDER = frozenset("|\n")


def _with_interior_blanks(text: str, tokens: list[Token], start: int, end: int) -> list[Token]:
    """An empty cell between two values in a pipe row (``| 3 |  | 5 |``) is a blank cell.

    Leading and trailing empty cells are layout padding, so only interior ones count. Only the
    gaps that hold two borders with nothing between them can hold one, and a gap holds no token
    character, so each such pair of borders points at the one gap to look at.
    """
    starts: list[int] | None = None
    blanks_before: dict[int, list[Token]] = {}
    for match in _EMPTY_CELL.finditer(text, start, end):
        if starts is None:
            starts = [t.start for t in tokens]
        at = bisect_right(starts, match.start())  # tokens[at] is the first token after the borders
        if at == 0 or at == len(tokens) or at in blanks_before:
            continue
        prev, cur = tokens[at - 1], tokens[at]
        gap = text[prev.end:cur.start]
        if "\n" not in gap and gap.count("|") >= 2 and not gap.replace("|", "").strip():
            blanks = []
            for k in range(gap.count("|") - 1):
                pos = prev.end + _nth_pipe(gap, k) + 1
                blanks.append(_new_token(("blank", "", pos, pos, None, None, False, False)))
            blanks_before[at] = blanks
    if not blanks_before:
        return tokens
    out: list[Token] = []
    for at, token in enumerate(tokens):
        if at in blanks_before:
            out.extend(blanks_before[at])
        out.append(token)
    return out


def _nth_pipe(text: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.index("|", pos + 1)
    return pos


class TokenIndex:
    """The tokens of a whole table region, found once, then sliced per row span."""

    def __init__(self, text: str, start: int, end: int):
        self.tokens = find_tokens(text, start, end)
        self._starts = [t.start for t in self.tokens]

    def between(self, start: int, end: int) -> list[Token]:
        """Tokens starting in [start, end) and ending by ``end``."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, first)
        return [token for token in self.tokens[first:last] if token.end <= end]
