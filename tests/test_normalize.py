"""Normalisation: the offset map, and the literal prefilters that let most regex searches be skipped."""

from __future__ import annotations

import random
import re
import unicodedata
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi import normalize as N
from ogi import sections
from ogi.ingest import read_bytes
from ogi.normalize import literal_requirements, may_match, normalize_text
from ogi.resources import chrome_patterns
from ogi.synth import realistic_report
from ogi.text import mentions
from tests.conftest import raw_path


def _char_map_by_character(text: str) -> tuple[str, list[int]]:
    """The offset map built one character at a time, as its definition reads."""
    out, index = [], []
    for i, ch in enumerate(text):
        repl = N._replacement(ch) if N._changing_chars().match(ch) else ch
        out.append(repl)
        index.extend([i] * len(repl))
    return "".join(out), index


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("报告，。（）１２ａ\u3000\u00a0\t\r\n\u200b\ufeff…㎡ﬁ①⑴〔〕x ")) | st.characters(),
               max_size=60))
def test_char_map_equals_character_by_character(text):
    norm, index = N._char_map(text)
    expected_text, expected_index = _char_map_by_character(text)
    assert norm == expected_text
    if index is not None:
        assert list(index) == expected_index
    else:
        assert norm == text


def test_offsets_beyond_the_identity_block():
    text = "一，" * 40000 + "…尾"  # longer than the precomputed block of offsets
    norm, index = N._char_map(text)
    assert norm == "一," * 40000 + "...尾"
    assert list(index) == [*range(80000), 80000, 80000, 80000, 80001]
    assert N.identity_array(65530, 65540) == array("q", range(65530, 65540))
    assert N.identity_array(70000, 70003) == array("q", range(70000, 70003))
    assert N.identity_array(5, 3) == array("q")


def test_normalized_spans_map_back_to_the_source():
    source = "标题\u200b\r\n一、总体情况…\n\n\n\n- 3 -\n２０２２年 收到申请１２件。  \n版权所有 某某网站\n"
    result = normalize_text(source)
    assert result.text == "标题\n\n一、总体情况...\n\n2022年 收到申请12件。\n"  # \r is a line break of its own
    start = result.text.index("12件")
    assert source[slice(*result.to_source(start, start + 3))] == "１２件"


@pytest.mark.parametrize(("pattern", "needs"), [
    ("a(?:bc|de)f", [{"bc", "de"}, {"a"}, {"f"}]),
    ("x?abc", [{"abc"}]),
    ("(?:ab)*c", [{"c"}]),
    ("(?:ab)+", [{"ab"}]),
    ("(?i:ab)cd", [{"cd"}]),  # a case-insensitive group is not relied on
    ("ab|c*", []),  # one alternative needs nothing
    (r"\n{3,}", [{"\n\n\n"}]),
    ("[:：]x", [{"x"}, {":", "："}]),
    ("[a-c]d", [{"d"}]),  # a range is not spelled out
    ("日期|发布日期", [{"日期"}]),  # 发布日期 contains 日期: testing both adds nothing
])
def test_literal_requirements_of_small_patterns(pattern, needs):
    found = literal_requirements(re.compile(pattern))
    assert sorted(map(sorted, found)) == sorted(map(sorted, needs))


def test_case_insensitive_patterns_need_nothing():
    assert literal_requirements(re.compile("abc", re.I)) == ()
    assert literal_requirements(re.compile("(?i)abc")) == ()


def test_may_match():
    needs = literal_requirements(re.compile("收到(?:申请|请求)共?\\d+件"))
    assert may_match(needs, "今年收到请求3件")
    assert not may_match(needs, "今年收到3件")
    assert may_match((), "")


_PIECES = st.sampled_from(["a", "b", "c", "ab", "x"])


@st.composite
def _regex(draw, depth=0):
    """Small random regexes over a tiny alphabet: literals, classes, groups, alternation, repeats."""
    atoms = [draw(_PIECES), "[ab]", "[a-c]", ".", r"\d"]
    if depth < 2:
        atoms.append("(?:" + draw(_regex(depth + 1)) + "|" + draw(_regex(depth + 1)) + ")")
        atoms.append("(" + draw(_regex(depth + 1)) + ")")
    parts = draw(st.lists(st.sampled_from(atoms), min_size=1, max_size=4))
    return "".join(p + draw(st.sampled_from(["", "", "?", "*", "+", "{2}", "{0,2}", "??"])) for p in parts)


@settings(max_examples=300, deadline=None)
@given(_regex(), st.text(alphabet="abcx1", max_size=30))
def test_every_match_holds_its_required_words(pattern, text):
    compiled = re.compile(pattern)
    needs = literal_requirements(compiled)
    for match in compiled.finditer(text):
        assert may_match(needs, match.group()), (pattern, match.group(), needs)


def _report_texts() -> list[str]:
    texts = [normalize_text(read_bytes(data, source=name).text).text
             for name, data in (realistic_report(random.Random(i), i) for i in range(40))]
    texts += [normalize_text(raw_path(n).read_text(encoding="utf-8")).text
              for n in ("pingtan-2022.txt", "pingtan-transport-2024.txt")]
    return texts


def test_every_match_of_the_real_patterns_holds_its_required_words():
    patterns = [N._PAGE_NUMBER, N._BLANK_LINES, *chrome_patterns(), *sections._PATTERNS.values(),
                *(p for _, p, _ in mentions._COMPILED), mentions._ZERO_FEES, mentions._ZERO_CASES]
    checked = 0
    for text in _report_texts():
        for pattern in patterns:
            needs = literal_requirements(pattern)
            for match in pattern.finditer(text):
                assert may_match(needs, match.group()), (pattern.pattern, match.group())
                checked += 1
    assert checked > 100


def test_normalize_keeps_nfkc_of_every_changed_character():
    # the precomputed class covers exactly the BMP characters NFKC changes (plus the spaces and \r)
    changing = N._changing_chars()
    for c in range(0x80, 0x10000, 7):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF:
            continue
        if unicodedata.normalize("NFKC", ch) != ch:
            assert changing.match(ch)
