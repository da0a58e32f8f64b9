"""Normalise decoded text for analysis while keeping a map back to the source.

NFKC (full-width digits, brackets, punctuation), one kind of whitespace and line break,
web chrome and page-number lines removed. ``Normalized.source_index[i]`` is the offset in
the decoded source of normalised character ``i``, so every record can point to its span.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .resources import chrome_patterns

# Every BMP character NFKC changes, found once: normalising only those keeps the fast path fast.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff\u200b"


@lru_cache(maxsize=1)
def _changing_chars() -> re.Pattern[str]:
    chars = [chr(c) for c in range(0x80, 0x10000)
             if not 0xD800 <= c <= 0xDFFF and unicodedata.normalize("NFKC", chr(c)) != chr(c)]
    chars.extend(_SPACES)
    chars.append("\r")
    return re.compile("[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]")


# Characters kept as they are although NFKC would change them: they carry meaning here.
_KEEP = {"〔": "〔", "〕": "〕"}
_SPECIAL = {"\r": "\n", "\u200b": "", "\ufeff": ""}


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    # None: identity map (nothing moved). An int64 array, not a tuple: 8 bytes a character instead of
    # ~36 for boxed ints, so a 30 MB input does not need gigabytes for its offset map.
    source_index: Sequence[int] | None
    source_length: int

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the decoded source text."""
        if self.source_index is None:
            return start, end
        idx = self.source_index
        if not idx:
            return 0, 0
        src_start = idx[start] if start < len(idx) else self.source_length
        src_end = idx[end - 1] + 1 if 0 < end <= len(idx) else src_start
        return src_start, src_end


def _char_map(text: str) -> tuple[str, array | None]:
    pattern = _changing_chars()
    if not pattern.search(text):
        return text, None
    out: list[str] = []
    index = array("q")
    last = 0
    for match in pattern.finditer(text):
        pos = match.start()
        if pos > last:
            out.append(text[last:pos])
            index.extend(range(last, pos))
        ch = match.group()
        if ch in _SPECIAL:
            repl = _SPECIAL[ch]
        elif ch in _KEEP:
            repl = _KEEP[ch]
        elif ch in _SPACES:
            repl = " "
        else:
            repl = unicodedata.normalize("NFKC", ch)
        out.append(repl)
        index.extend([pos] * len(repl))
        last = pos + 1
    out.append(text[last:])
    index.extend(range(last, len(text)))
    return "".join(out), index


_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[/,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})[ \t]*$\n?")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
_BLANK_LINES = re.compile(r"\n{3,}")


def _drop(text: str, index: array | None, pattern: re.Pattern[str], keep: str = "") -> tuple[str, array | None]:
    """Delete every match of ``pattern`` (replacing it by ``keep``), carrying the map along."""
    if not pattern.search(text):
        return text, index
    if index is None:
        index = array("q", range(len(text)))
    out: list[str] = []
    new_index = array("q")
    last = 0
    for match in pattern.finditer(text):
        out.append(text[last:match.start()])
        new_index.extend(index[last:match.start()])
        if keep:
            out.append(keep)
            anchor = index[match.start()] if match.start() < len(index) else (index[-1] if index else 0)
            new_index.extend([anchor] * len(keep))
        last = match.end()
    out.append(text[last:])
    new_index.extend(index[last:])
    return "".join(out), new_index


def normalize_text(text: str) -> Normalized:
    """NFKC + whitespace + chrome removal, with an offset map to ``text``."""
    norm, index = _char_map(text)
    norm, index = _drop(norm, index, _PAGE_NUMBER)
    for pattern in chrome_patterns():
        norm, index = _drop(norm, index, pattern)
    norm, index = _drop(norm, index, _TRAILING_SPACE)
    norm, index = _drop(norm, index, _BLANK_LINES, keep="\n\n")
    return Normalized(text=norm, source_index=index,
                      source_length=len(text))
