"""Word segmentation with a government-domain user dictionary.

The module owns one ``jieba.Tokenizer`` and one ``rjieba.Jieba``, both created lazily and
loaded from ``resources/userdict.txt``; the global ``jieba`` instance is never touched, so
other code using jieba is not affected. Terms with punctuation or digits (互联网+政务服务,
12345热线) are cut out before segmenting so no engine can split them.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import jieba
import rjieba

from ..resources import resource_text

ENGINES = ("jieba", "rjieba")
USERDICT = "userdict.txt"
STOPWORDS = "stopwords.txt"

_lock = threading.Lock()
_SURROGATES = re.compile("[\ud800-\udfff]+")


@dataclass(frozen=True, slots=True)
class Entry:
    word: str
    freq: int
    tag: str


def parse_userdict(text: str) -> tuple[Entry, ...]:
    """Lines ``word freq [tag]``; ``#`` starts a comment line."""
    entries: list[Entry] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1000
        tag = parts[2] if len(parts) > 2 else "n"
        entries.append(Entry(parts[0], freq, tag))
    return tuple(entries)


@lru_cache(maxsize=1)
def default_entries() -> tuple[Entry, ...]:
    return parse_userdict(resource_text(USERDICT))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(w for w in (line.strip() for line in resource_text(STOPWORDS).splitlines()) if w and not w.startswith("#"))


def _protected_pattern(entries: tuple[Entry, ...]) -> re.Pattern[str] | None:
    # Longest first, so 12345政务服务便民热线 wins over 12345.
    words = sorted({e.word for e in entries if re.search(r"[^\u4e00-\u9fff]", e.word)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


class Segmenter:
    """Both engines loaded with one user dictionary (the reusable unit behind ``tokenize``)."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        self._protected = _protected_pattern(entries)
        self._jieba: jieba.Tokenizer | None = None
        self._rjieba: rjieba.Jieba | None = None

    def jieba(self) -> jieba.Tokenizer:
        if self._jieba is None:
            with _lock:
                if self._jieba is None:
                    # jieba logs "Building prefix dict…" at DEBUG/INFO on its own logger.
                    jieba.setLogLevel(logging.WARNING)
                    tok = jieba.Tokenizer()
                    tok.initialize()
                    for e in self.entries:
                        tok.add_word(e.word, e.freq, e.tag)
                    self._jieba = tok
        return self._jieba

    def rjieba(self) -> rjieba.Jieba:
        if self._rjieba is None:
            with _lock:
                if self._rjieba is None:
                    tok = rjieba.Jieba()
                    for e in self.entries:
                        tok.add_word(e.word, e.freq, e.tag)
                    self._rjieba = tok
        return self._rjieba

    def _cut(self, text: str, engine: str, hmm: bool) -> list[str]:
        if _SURROGATES.search(text):
            # a lone surrogate (left by a broken decode) cannot cross to the Rust engine as UTF-8:
            # each run of them is a token of its own, for both engines alike
            out: list[str] = []
            pos = 0
            for m in _SURROGATES.finditer(text):
                if m.start() > pos:
                    out.extend(self._cut(text[pos : m.start()], engine, hmm))
                out.append(m.group())
                pos = m.end()
            if pos < len(text):
                out.extend(self._cut(text[pos:], engine, hmm))
            return out
        if engine == "jieba":
            return list(self.jieba().cut(text, HMM=hmm))
        if engine == "rjieba":
            return self.rjieba().cut(text, hmm)
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")

    def _pieces(self, text: str) -> Iterator[tuple[str, bool]]:
        pos = 0
        if self._protected is not None:
            for m in self._protected.finditer(text):
                if m.start() > pos:
                    yield text[pos : m.start()], False
                yield m.group(), True
                pos = m.end()
        if pos < len(text):
            yield text[pos:], False

    def tokenize(self, text: str, *, engine: str = "rjieba", hmm: bool = False, drop_stopwords: bool = False) -> list[str]:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
        tokens: list[str] = []
        for piece, protected in self._pieces(text):
            tokens.extend([piece] if protected else self._cut(piece, engine, hmm))
        if drop_stopwords:
            stop = stopwords()
            tokens = [t for t in tokens if t.strip() and t not in stop and not _PUNCT.fullmatch(t)]
        return tokens


_PUNCT = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """The package's shared segmenter, loaded with the shipped user dictionary."""
    return Segmenter(default_entries())


def tokenize(text: str, *, engine: str = "rjieba", hmm: bool = False, drop_stopwords: bool = False) -> list[str]:
    """Segment ``text``. Without ``drop_stopwords`` the tokens concatenate back to ``text``."""
    return segmenter().tokenize(text, engine=engine, hmm=hmm, drop_stopwords=drop_stopwords)
