"""Traditional-character mirror pages: detect them and convert to simplified for analysis."""

from __future__ import annotations

from functools import lru_cache

# Characters common in these reports that exist only in traditional script.
_TRADITIONAL_ONLY = frozenset("開資訊處與關數總體況報門業務權會為這個們來時國區縣鄉聯網絡統請機構規範審辦發議書實際")
THRESHOLD = 0.02


def is_traditional(text: str) -> bool:
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    if cjk < 50:
        return False
    hits = sum(1 for ch in sample if ch in _TRADITIONAL_ONLY)
    return hits / cjk > THRESHOLD


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified_if_traditional(text: str) -> tuple[str, bool]:
    """Return (text for analysis, converted?). The caller keeps the original bytes' hash and path."""
    if not is_traditional(text):
        return text, False
    return _converter().convert(text), True
