"""Find row labels in table text, in template order, each with its own enumerator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A row's enumerator: (一), 一、, or ONE digit (1.–8.): in glued text "3700000372.没有" the digit
# before the dot is the enumerator and everything before it is the previous row's values.
_ENUMERATOR = r"(?:[(]\s*[一二三四五六七八九十\d]{1,2}\s*[)]|[一二三四五六七八九十]{1,2}\s*[、.]|\d\s*[.、])\s*"
# Label words may stand between the enumerator and the anchor keyword (1.属于 + 国家秘密).
_LEAD = r"[^\d|\n]{0,8}?"


@dataclass(frozen=True, slots=True)
class Anchor:
    key: str
    start: int  # label start, enumerator included
    end: int  # label end: values follow


def _spaced(keyword: str) -> str:
    """Allow spaces (and line breaks) between the characters of a plain keyword: 商业 企业."""
    if any(ch in keyword for ch in "()[]?\\|*+^$"):
        return keyword  # already a regex
    return r"\s*".join(re.escape(ch) for ch in keyword)


@lru_cache(maxsize=256)
def compile_anchor(anchors: tuple[str, ...]) -> re.Pattern[str]:
    core = "|".join(_spaced(a) for a in anchors)
    return re.compile(f"(?:{_ENUMERATOR}{_LEAD})?(?:{core})")


def find_label(text: str, anchors: tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
    match = compile_anchor(anchors).search(text, start, end)
    if match is None:
        return None
    return match.start(), match.end()


def find_all(text: str, anchors: tuple[str, ...], start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in compile_anchor(anchors).finditer(text, start, end)]


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
