"""make_view folds a whole text at once; it must equal folding it character by character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.text import view as V

ALPHABET = "進(jìn)开開 \n\t　１２ａ（一）,，。资訊體\u3000\u00a0\u2028x"


def _per_character(text: str, drop_space: bool) -> tuple[str, tuple[int, ...]]:
    removed = [False] * len(text)
    for m in V._PINYIN.finditer(text):
        if m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff":
            removed[m.start():m.end()] = [True] * (m.end() - m.start())
    kept = [(i, V._fold(ch)) for i, ch in enumerate(text) if not removed[i]]
    kept = [(i, f) for i, f in kept if not (drop_space and f.isspace())]
    return "".join(f for _, f in kept), tuple(i for i, _ in kept)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list(ALPHABET)) | st.characters(), max_size=40),
       drop_space=st.booleans())
def test_fast_view_equals_per_character_folding(text, drop_space):
    view = V.make_view(text, drop_space=drop_space)
    assert (view.text, tuple(view.index)) == _per_character(text, drop_space)


def test_fold_of_dense_and_sparse_traditional_text():
    dense = "開資訊處與關數總體況報門業務" * 10  # every character folds: the one-pass path
    sparse = "本机关政府信息公开工作" * 30 + "開"  # one character folds: the per-match path
    for text in (dense, sparse, "没有要改的字", ""):
        assert V._fold_text(text) == "".join(V._fold(ch) for ch in text)
    assert V._fold_text(sparse).endswith("开") and V._fold_text(dense).startswith("开资讯处与关数总体况报门业务")
