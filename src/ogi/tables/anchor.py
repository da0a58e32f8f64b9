"""Find row labels in table text, in template order, each with its own enumerator."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..normalize import spaced

# A row's enumerator: (一), 一、, or ONE digit (1.–8.): in glued text "3700000372.没有" the digit
# before the dot is the enumerator and everything before it is the previous row's values.
_ENUMERATOR = r"(?:[(]\s*[一二三四五六七八九十\d]{1,2}\s*[)]|[一二三四五六七八九十]{1,2}\s*[、.]|\d\s*[.、])\s*"
# Label words may stand between the enumerator and the anchor keyword (1.属于 + 国家秘密).
_LEAD_MAX = 8
_LEAD = rf"[^\d|\n]{{0,{_LEAD_MAX}}}?"
# Characters other than white space that an enumerator and its lead can hold: "(十一)" and 8.
_PREFIX_SOLID = 4 + _LEAD_MAX
# How far before a keyword the search for its enumerator starts; when those characters are mostly
# white space, an enumerator could stand further back, and the search starts where it was asked to.
_PREFIX_WINDOW = 48
# Where an enumerator can open (a digit only before its dot: the values of the row before are
# digits too): before its keyword, a label can only start at one.
_ENUMERATOR_OPENER = re.compile(r"[(一二三四五六七八九十]|\d(?=\s*[.、])")


class Anchor(NamedTuple):
    """A row label found. A named tuple: a frozen dataclass sets each field through a call."""

    key: str
    start: int  # label start, enumerator included
    end: int  # label end: values follow


def _spaced(keyword: str) -> str:
    """Allow spaces (and line breaks) between the characters of a keyword: 商业 企业. In a keyword
    that is already a regex, between its Chinese characters outside brackets, and after an
    optional group: (?:行政)?规范性文件 also finds 行政规 范性文件."""
    if not any(ch in keyword for ch in "()[]?\\|*+^$"):
        return spaced(keyword)
    out, depth = [], 0
    for i, ch in enumerate(keyword):
        depth += (ch == "[") - (ch == "]")
        follows = keyword[i - 1] if i else ""
        if depth == 0 and _is_han(ch) and (_is_han(follows) or keyword[max(0, i - 2):i] == ")?"):
            out.append(r"\s*")
        out.append(ch)
    return "".join(out)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=256)
def compile_anchor(anchors: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"(?:{_ENUMERATOR}{_LEAD})?(?:{_core(anchors)})")


@lru_cache(maxsize=256)
def _compile_core(anchors: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_core(anchors))


def _core(anchors: tuple[str, ...]) -> str:
    return "|".join(_spaced(a) for a in anchors)


def find_label(text: str, anchors: tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
    """The first label in ``text[start:end]``: what ``compile_anchor(anchors).search`` finds.

    That pattern opens with an optional prefix, so the regex engine tries it at every position.
    The keyword alone is found fast; the first label starts at that keyword or at an enumerator
    shortly before it (no label can start earlier: its keyword would be an earlier one). Before
    the keyword only the enumerator can start a label, so the full pattern is tried only where
    one could open, then searched for from the keyword on.
    """
    keyword = _compile_core(anchors).search(text, start, end)
    if keyword is None:
        return None  # every label holds a keyword
    at = keyword.start()
    lo = max(start, at - _PREFIX_WINDOW)
    if lo > start and len("".join(text[lo:at].split())) <= _PREFIX_SOLID:
        lo = start  # white space all the way back: an enumerator may stand further back
    pattern = compile_anchor(anchors)
    for opener in _ENUMERATOR_OPENER.finditer(text, lo, at):
        match = pattern.match(text, opener.start(), end)
        if match is not None:
            return match.span()
    match = pattern.search(text, at, end)
    assert match is not None  # the keyword itself matches
    return match.span()


def find_all(text: str, anchors: tuple[str, ...], start: int, end: int) -> list[tuple[int, int]]:
    """Every label in ``text[start:end]``, left to right, not overlapping (as ``finditer``)."""
    found = []
    while (hit := find_label(text, anchors, start, end)) is not None:
        if hit[0] == hit[1]:  # an anchor that can match nothing: leave the stepping to finditer
            return [m.span() for m in compile_anchor(anchors).finditer(text, found[0][0] if found else start, end)]
        found.append(hit)
        start = hit[1]
    return found


def find_rows(text: str, rows: list[tuple[str, tuple[str, ...]]], start: int, end: int) -> list[Anchor]:
    """Anchor each row after the previous one found; a row not found is skipped, not guessed."""
    found: list[Anchor] = []
    cursor = start
    for key, anchors in rows:
        hit = find_label(text, anchors, cursor, end)
        if hit is None:
            continue
        found.append(Anchor(key, hit[0], hit[1]))
        cursor = hit[1]
    return found
