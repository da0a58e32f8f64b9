"""Traditional-character mirror pages: detect them and convert to simplified for analysis."""

from __future__ import annotations

import re
from functools import lru_cache

# Characters common in these reports that exist only in traditional script.
_TRADITIONAL_ONLY = frozenset("開資訊處與關數總體況報門業務權會為這個們來時國區縣鄉聯網絡統請機構規範審辦發議書實際")
THRESHOLD = 0.02
_CJK = re.compile("[\u4e00-\u9fff]")
_TRADITIONAL = re.compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")


def is_traditional(text: str) -> bool:
    sample = text[:20000]
    # Counting the CJK characters is the costly part: a text with no traditional-only character
    # (nearly every report) is answered without it.
    if not _TRADITIONAL.search(sample):
        return False
    cjk = len(_CJK.findall(sample))
    if cjk < 50:
        return False
    hits = len(_TRADITIONAL.findall(sample))
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
