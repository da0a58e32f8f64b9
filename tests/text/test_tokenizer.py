from __future__ import annotations

import json
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.text import tokenize
from ogi.text.tokenizer import ENGINES, default_entries, stopwords

SECTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "items" / "sections.jsonl"
TEXTS = [json.loads(line)["text"] for line in SECTIONS.read_text("utf-8").splitlines() if line]
DOMAIN = "深化“放管服”改革，推进互联网+政务服务，开通12345热线，做好依申请公开和政策解读，防范三安全一稳定风险。"


def test_userdict_has_a_few_hundred_entries():
    assert 200 <= len(default_entries()) <= 1000


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("term", ["放管服", "互联网+政务服务", "12345热线", "依申请公开", "政策解读", "三安全一稳定"])
def test_domain_terms_come_out_whole(engine, term):
    assert term in tokenize(DOMAIN, engine=engine)


@pytest.mark.parametrize("hmm", [False, True])
def test_engines_agree_on_fixture_sections(hmm):
    # Prose agrees even with HMM on; the documented HMM difference is in alphanumeric runs.
    for text in TEXTS:
        assert tokenize(text, engine="jieba", hmm=hmm) == tokenize(text, engine="rjieba", hmm=hmm)


@pytest.mark.parametrize("engine", ENGINES)
def test_tokens_rebuild_fixture_sections(engine):
    for text in TEXTS:
        assert "".join(tokenize(text, engine=engine)) == text


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("政务公开依申请互联网+12345热线，。 \n（）aZ")) | st.characters(), max_size=80))
def test_tokens_always_rebuild_input(text):
    for engine in ENGINES:
        assert "".join(tokenize(text, engine=engine)) == text


@pytest.mark.parametrize("engine", ENGINES)
def test_lone_surrogates_are_kept_as_tokens(engine):
    # regression: rjieba raised UnicodeEncodeError on a lone surrogate (found by Hypothesis)
    text = "政务公开\ud800\udfff依申请\udc00"
    tokens = tokenize(text, engine=engine)
    assert "".join(tokens) == text
    assert "\ud800\udfff" in tokens and "\udc00" in tokens


def test_drop_stopwords_removes_function_words_and_punctuation():
    tokens = tokenize(DOMAIN, drop_stopwords=True)
    assert "，" not in tokens and "和" not in tokens
    assert not set(tokens) & stopwords()
    assert "政策解读" in tokens


def test_unknown_engine_is_rejected():
    with pytest.raises(ValueError, match="unknown engine"):
        tokenize("政务公开", engine="pkuseg")


def test_global_jieba_is_untouched():
    tokenize(DOMAIN, engine="jieba")
    assert "三安全一稳定" not in jieba.dt.user_word_tag_tab
