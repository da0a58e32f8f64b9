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


# ord -> folded character, for every character seen so far that folding changes: a memo of
# _fold, so a text is folded by one str.translate instead of a Python loop over its characters
_TRANSLATE: dict[int, str] = {}
_SEEN: set[str] = set()
_SPACE = re.compile(r"\s+")


def _fold_text(text: str) -> str:
    new = set(text) - _SEEN
    for ch in new:
        folded = _fold(ch)
        if folded != ch:
            _TRANSLATE[ord(ch)] = folded
    _SEEN.update(new)
    return text.translate(_TRANSLATE)


def make_view(text: str, *, drop_space: bool = False) -> View:
    """``drop_space`` also removes whitespace (PDF text breaks lines inside numbers and words)."""
    folded = _fold_text(text)  # one character for one: offsets are unchanged so far
    # Only a gloss right after a CJK character; "(一)" style brackets never match.
    cuts = [m.span() for m in _PINYIN.finditer(text) if m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff"]
    if drop_space:
        cuts += [m.span() for m in _SPACE.finditer(folded)]
        cuts.sort()
    if not cuts:
        return View(folded, tuple(range(len(text))), len(text))
    chars: list[str] = []
    index: list[int] = []
    pos = 0
    for start, end in cuts:
        if start > pos:
            chars.append(folded[pos:start])
            index.extend(range(pos, start))
        pos = max(pos, end)
    chars.append(folded[pos:])
    index.extend(range(pos, len(text)))
    return View("".join(chars), tuple(index), len(text))
