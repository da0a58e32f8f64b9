from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from ogi.text import nlp
from ogi.text.nlp import TOKENIZER_NAME, JiebaTokenizer, register_extensions
from ogi.text.tokenizer import Entry

TEXT = "推进互联网+政务服务，  做好依申请公开。"


def test_pipeline_uses_ogi_tokenizer_and_keeps_text():
    pipe = nlp()
    doc = pipe(TEXT)
    assert isinstance(pipe.tokenizer, JiebaTokenizer)
    assert pipe.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_NAME
    assert doc.text == TEXT
    assert "互联网+政务服务" in [t.text for t in doc]


def test_disk_round_trip_keeps_user_dictionary(tmp_path):
    pipe = nlp()
    custom = JiebaTokenizer(pipe.vocab, entries=(Entry("测试专用词汇甲", 50000, "n"),))
    pipe.tokenizer = custom
    pipe.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert isinstance(loaded.tokenizer, JiebaTokenizer)
    assert loaded.tokenizer.entries == custom.entries
    assert "测试专用词汇甲" in [t.text for t in loaded("我们的测试专用词汇甲")]


def test_bytes_round_trip():
    pipe = nlp(engine="jieba")
    again = spacy.blank("zh", config=pipe.config).from_bytes(pipe.to_bytes())
    assert again.tokenizer.engine == "jieba"
    assert [t.text for t in again(TEXT)] == [t.text for t in pipe(TEXT)]


def test_extensions_register_once_and_can_be_repeated():
    register_extensions()
    register_extensions()
    nlp()
    for cls in (Doc, Span):
        for name in ("section", "item", "numbers"):
            assert cls.has_extension(name)
    doc = nlp()(TEXT)
    doc._.section = "五"
    assert doc._.section == "五" and doc[0:2]._.item is None
