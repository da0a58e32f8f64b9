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
def _changing_set() -> str:
    chars = [chr(c) for c in range(0x80, 0x10000)
             if not 0xD800 <= c <= 0xDFFF and unicodedata.normalize("NFKC", chr(c)) != chr(c)]
    chars.extend(_SPACES)
    chars.append("\r")
    return "".join(sorted(set(chars)))


@lru_cache(maxsize=1)
def _changing_chars() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in _changing_set()) + "]")


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


def spaced(word: str) -> str:
    """A regex for ``word`` with white space allowed between its characters: a narrow cell or a
    PDF line cuts 结转下年度继续办理 as 结转下年 / 度继续办理."""
    return r"\s*".join(map(re.escape, word))


@lru_cache(maxsize=8192)
def _replacement(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch in _KEEP:
        return _KEEP[ch]
    if ch in _SPACES:
        return " "
    return unicodedata.normalize("NFKC", ch)


def _substitute(match: re.Match[str]) -> str:
    return _replacement(match.group())


@lru_cache(maxsize=1)
def _resizing_chars() -> re.Pattern[str]:
    """The changing characters not replaced one for one (… by ..., a zero-width space by nothing):
    only they move offsets, so the offset map is built around them alone."""
    chars = [c for c in _changing_set() if len(_replacement(c)) != 1]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


_IDENTITY_BLOCK = 1 << 16


@lru_cache(maxsize=1)
def _identity_bytes() -> bytes:
    # 0, 1, 2, … as int64 bytes: copying a slice of it is far cheaper than array("q", range(n))
    return array("q", range(_IDENTITY_BLOCK)).tobytes()


def identity_array(start: int, stop: int) -> array:
    """array("q", range(start, stop)), mostly copied from a precomputed block."""
    out = array("q")
    cut = min(stop, _IDENTITY_BLOCK)
    if start < cut:
        out.frombytes(memoryview(_identity_bytes())[8 * start : 8 * cut])
    if stop > max(start, _IDENTITY_BLOCK):
        out.extend(range(max(start, _IDENTITY_BLOCK), stop))
    return out


def _char_map(text: str) -> tuple[str, array | None]:
    pattern = _changing_chars()
    if not pattern.search(text):
        return text, None
    norm = pattern.sub(_substitute, text)
    # Offsets: the identity, except that a character replaced by k characters maps k times.
    index = array("q")
    last = 0
    for match in _resizing_chars().finditer(text):
        pos = match.start()
        index.extend(identity_array(last, pos))
        index.extend([pos] * len(_replacement(match.group())))
        last = pos + 1
    index.extend(identity_array(last, len(text)))
    return norm, index


_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[/,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})[ \t]*$\n?")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
_BLANK_LINES = re.compile(r"\n{3,}")


def _drop(text: str, index: array | None, pattern: re.Pattern[str], keep: str = "") -> tuple[str, array | None]:
    """Delete every match of ``pattern`` (replacing it by ``keep``), carrying the map along."""
    if not may_match(_requirements_of(pattern), text) or not pattern.search(text):
        return text, index
    if index is None:
        index = identity_array(0, len(text))
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


# ---------------------------------------------------------------- literal prefilters
# Most patterns here match nowhere in a given report, yet a regex search still visits every
# position of the text. A pattern's literal words can be looked for first with ``in`` (a fast
# substring search); the search proper runs only where they all occur.

Requirements = tuple[frozenset[str], ...]


def literal_requirements(pattern: re.Pattern[str]) -> Requirements:
    """Sets of strings such that every match of ``pattern`` contains a string of each set.

    Read from the parsed pattern: runs of literal characters, alternations, groups, and repeats
    of at least once count; anything else (classes, optional parts, lookarounds) is not relied
    on. Nothing is required of a case-insensitive pattern or one the parser cannot read.
    """
    if pattern.flags & re.IGNORECASE:
        return ()
    try:  # the stdlib's own regex parser
        from re import _constants as sre
        from re import _parser

        found = _requirements(_parser.parse(pattern.pattern, pattern.flags).data, sre)
    except Exception:  # a parser whose internals differ: no prefilter, never a wrong one
        return ()
    found = [need for need in map(_strongest, ([n] for n in found)) if need]
    return tuple(sorted(set(found), key=lambda need: -min(map(len, need))))  # longest words first: rarest


def _requirements(items, sre) -> list[frozenset[str]]:
    """Requirements of a sequence: those of each item in it, plus its runs of literals."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset(["".join(run)]))
            run = []
        need = _item_requirement(op, av, sre)
        if need:
            out.append(need)
    return out


def _item_requirement(op, av, sre) -> frozenset[str] | None:
    """One set of strings a match of this item contains one of, or None."""
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, items = av
        return None if add_flags & re.IGNORECASE else _strongest(_requirements(items, sre))
    if op is sre.BRANCH:
        alternatives = [_strongest(_requirements(items, sre)) for items in av[1]]
        if not alternatives or any(a is None for a in alternatives):
            return None
        return frozenset().union(*alternatives)
    if op is sre.IN and av and all(kind is sre.LITERAL for kind, _ in av):  # [:：], no ranges
        return frozenset(chr(code) for _, code in av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        least, _most, items = av
        if len(items) == 1 and items[0][0] is sre.LITERAL:  # \n{3,}: three in a row
            return frozenset([chr(items[0][1]) * least])
        return _strongest(_requirements(items, sre))
    return None


def _strongest(needs: list[frozenset[str]]) -> frozenset[str] | None:
    # the set whose shortest string is longest (rarest), then the smaller set; a string holding
    # another of its set adds nothing to the test and is dropped
    best = max(needs, key=lambda need: (min(map(len, need)), -len(need)), default=None)
    if best is None:
        return None
    return frozenset(w for w in best if not any(o != w and o in w for o in best))


@lru_cache(maxsize=256)
def _requirements_of(pattern: re.Pattern[str]) -> Requirements:
    return literal_requirements(pattern)


def may_match(requirements: Requirements, text: str) -> bool:
    """False only if ``text`` lacks every string of some requirement: then the pattern cannot match."""
    for need in requirements:  # loops, not all(any(...)): this runs for every pattern and text
        for word in need:
            if word in text:
                break
        else:
            return False
    return True


def normalize_text(text: str) -> Normalized:
    """NFKC + whitespace + chrome removal, with an offset map to ``text``."""
    norm, index = _char_map(text)
    norm, index = _drop(norm, index, _PAGE_NUMBER)
    for pattern in chrome_patterns():
        norm, index = _drop(norm, index, pattern)
    if " \n" in norm or "\t\n" in norm or norm.endswith((" ", "\t")):  # where [ \t]+$ can match
        norm, index = _drop(norm, index, _TRAILING_SPACE)
    norm, index = _drop(norm, index, _BLANK_LINES, keep="\n\n")
    return Normalized(text=norm, source_index=index,
                      source_length=len(text))
