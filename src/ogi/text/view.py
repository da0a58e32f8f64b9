"""A matching view of a text: NFKC, simplified characters, pinyin glosses removed.

Rules are written once against the view; ``View.span`` maps a view span back to the
original text, so callers always get offsets into the text they passed in.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import opencc

from ..normalize import identity_array

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
    # index[i] = offset in the original of view character i: a range when nothing was cut, else an
    # int64 array (no Python int per character)
    index: Sequence[int]
    length: int  # length of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map view span [start, end) to the original text."""
        if start >= end:
            pos = self.index[start] if start < len(self.index) else self.length
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


_SPACE = re.compile(r"\s\s*")  # \s+, spelled so the regex engine can skip ahead to a space


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern[str]:
    """A superset of the characters ``_fold`` changes, so a text without any is not folded at all.

    ``_fold`` changes a character only if NFKC changes it or the converter has it as a one-character
    key; everything beyond the BMP is included rather than scanned. A converter that does not show
    its dictionaries makes every character a candidate: slower, never different.
    """
    dictionaries = getattr(_t2s(), "dict_cache", None)
    if not isinstance(dictionaries, dict):
        return re.compile(r"(?s:.)")
    chars = {chr(c) for c in range(0x80, 0x10000)
             if not 0xD800 <= c <= 0xDFFF and not unicodedata.is_normalized("NFKC", chr(c))}
    for entry in dictionaries.values():
        chars.update(key for key in entry[-1] if len(key) == 1)
    bmp = "".join(re.escape(c) for c in sorted(chars) if c <= "\uffff")
    return re.compile("[" + bmp + r"\U00010000-\U0010ffff]")


def _fold_text(text: str) -> str:
    """``_fold`` applied to every character, looking up only the characters that may change."""
    found = _foldable().findall(text)
    if not found:
        return text
    table = {ord(ch): folded for ch in set(found) if (folded := _fold(ch)) != ch}
    if not table:
        return text
    if len(found) * 8 > len(text):  # mostly candidates (a traditional page): one pass over all
        return text.translate(table)
    return _foldable().sub(lambda m: table.get(ord(m.group()), m.group()), text)


def make_view(text: str, *, drop_space: bool = False) -> View:
    """``drop_space`` also removes whitespace (PDF text breaks lines inside numbers and words)."""
    folded = _fold_text(text)  # one character for one: offsets are unchanged so far
    # Only a gloss right after a CJK character; "(一)" style brackets never match.
    cuts = [m.span() for m in _PINYIN.finditer(text) if m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff"]
    if drop_space:
        spaces = [m.span() for m in _SPACE.finditer(folded)]
        cuts = sorted(cuts + spaces) if cuts else spaces  # found in order: no sort without a gloss
    if not cuts:
        return View(folded, range(len(text)), len(text))
    chars: list[str] = []
    index = array("q")
    pos = 0
    for start, end in cuts:
        if start > pos:
            chars.append(folded[pos:start])
            index += identity_array(pos, start)
        pos = max(pos, end)
    chars.append(folded[pos:])
    index += identity_array(pos, len(text))
    return View("".join(chars), index, len(text))
