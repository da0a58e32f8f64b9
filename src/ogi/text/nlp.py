"""A blank Chinese spaCy pipeline whose tokenizer is ours (user dictionary, no global jieba).

spaCy's own ``segmenter="jieba"`` uses the global jieba module and no user dictionary, so
the tokenizer is registered as ``ogi.JiebaTokenizer.v1`` instead. It serialises the user
dictionary with the pipeline: ``nlp.to_disk(path)`` then ``spacy.load(path)`` round-trips
(import ``ogi.text`` first so the registry knows the function).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path
from spacy.vocab import Vocab

from .tokenizer import Entry, Segmenter, default_entries

TOKENIZER_NAME = "ogi.JiebaTokenizer.v1"
EXTENSIONS = ("section", "item", "numbers")
_FILE = "ogi_userdict.json"


class JiebaTokenizer:
    def __init__(self, vocab: Vocab, entries: Iterable[Entry] | None = None, engine: str = "rjieba", hmm: bool = False):
        self.vocab = vocab
        self.engine = engine
        self.hmm = hmm
        self._set_entries(tuple(entries) if entries is not None else default_entries())

    def _set_entries(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        self.segmenter = Segmenter(entries)

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.tokenize(text, engine=self.engine, hmm=self.hmm)
        # No trailing spaces: whitespace stays as its own tokens, so doc.text == text.
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # serialisation: the user dictionary travels with the pipeline
    def _state(self) -> dict:
        return {"engine": self.engine, "hmm": self.hmm, "entries": [[e.word, e.freq, e.tag] for e in self.entries]}

    def _load_state(self, state: dict) -> None:
        self.engine = state["engine"]
        self.hmm = state["hmm"]
        self._set_entries(tuple(Entry(w, int(f), t) for w, f, t in state["entries"]))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> JiebaTokenizer:
        self._load_state(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / _FILE, self._state())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> JiebaTokenizer:
        self._load_state(srsly.read_json(ensure_path(path) / _FILE))
        return self


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer(engine: str = "rjieba", hmm: bool = False) -> Callable[[Language], JiebaTokenizer]:
    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, engine=engine, hmm=hmm)

    return make


def register_extensions() -> None:
    """``._.section``, ``._.item``, ``._.numbers`` on Doc and Span; safe to call repeatedly."""
    for cls in (Doc, Span):
        for name in EXTENSIONS:
            if not cls.has_extension(name):
                cls.set_extension(name, default=None)


def nlp(engine: str = "rjieba", hmm: bool = False) -> Language:
    """A new blank ``zh`` pipeline using the ogi tokenizer."""
    register_extensions()
    config = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "engine": engine, "hmm": hmm}}}
    return spacy.blank("zh", config=config)
