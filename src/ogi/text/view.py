"""A matching view of a text: NFKC, simplified characters, pinyin glosses removed.

Rules are written once against the view; ``View.span`` maps a view span back to the
original text, so callers always get offsets into the text they passed in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

# Pinyin glosses that mirror sites insert after a character, e.g. 進(jìn).
_PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,8}\)")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _fold(char: str) -> str:
    """One character in, one character out, so offsets stay aligned."""
    nfkc = unicodedata.normalize("NFKC", char)
    if len(nfkc) != 1:
        nfkc = char
    simple = _t2s().convert(nfkc)
    return simple if len(simple) == 1 else nfkc


@dataclass(frozen=True, slots=True)
class View:
    text: str
    index: tuple[int, ...]  # index[i] = offset in the original of view character i
    length: int  # length of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map view span [start, end) to the original text."""
        if start >= end:
            pos = self.index[start] if start < len(self.index) else self.length
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


def make_view(text: str, *, drop_space: bool = False) -> View:
    """``drop_space`` also removes whitespace (PDF text breaks lines inside numbers and words)."""
    chars: list[str] = []
    index: list[int] = []
    removed = [False] * len(text)
    for m in _PINYIN.finditer(text):
        # Only a gloss right after a CJK character; "(一)" style brackets never match.
        if m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff":
            for i in range(m.start(), m.end()):
                removed[i] = True
    for i, ch in enumerate(text):
        if removed[i]:
            continue
        folded = _fold(ch)
        if drop_space and folded.isspace():
            continue
        chars.append(folded)
        index.append(i)
    return View("".join(chars), tuple(index), len(text))
