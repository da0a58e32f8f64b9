from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi import schema
from ogi.tables.anchor import compile_anchor, find_all, find_label

GAP = " " * 30 + "\n" * 30  # more white space than the window searched before a keyword

TEXTS = [
    "(三)不予公开 | 1.属于国家秘密 | 0 | 1 |",
    "2.其他法律行政法规禁止公开 3 0 0",
    "1." + GAP + "属于国家秘密 5",
    "(" + GAP + "一" + GAP + ")" + GAP + "予以公开 | 1 |",
    "三、本年度办理结果(一)予以公开 4005009 (二)部分公开 50120210",
    "3.其他 | 1 | 其他处理 | 其他 2",
    "本 年 新 收 | 7 | 新收政府信息公开申请 | 8 |",
    "第二十条 | 信息内容 | 第 20 条",
]
ANCHORS = [r.anchors for r in schema.T3_ROWS + schema.T2_ROWS_2019] + [g.anchors for g in schema.T3_GROUPS]


@pytest.mark.parametrize("text", TEXTS)
def test_labels_are_where_the_full_pattern_finds_them(text):
    for anchors in ANCHORS:
        pattern = compile_anchor(anchors)
        for start in range(0, len(text), 3):
            expected = pattern.search(text, start, len(text))
            assert find_label(text, anchors, start, len(text)) == (expected.span() if expected else None)
        assert find_all(text, anchors, 0, len(text)) == [m.span() for m in pattern.finditer(text)]


def test_an_enumerator_far_before_its_keyword_is_still_part_of_the_label():
    text = "| 0 |" + "1." + GAP + "属于国家秘密 5"
    assert find_label(text, ("国家秘密",), 0, len(text)) == (5, text.index("密") + 1)


PIECES = ["(", ")", "一", "十", "二", "、", ".", "1", "2", "0", " ", "\n", "|", "属于", "国家秘密", "其他", "予以公开",
          "部分公开", "本年新收", "商业企业", "法人", "处理", "第", "条", "年", "  ", "(三)", "3.", "十一、"]


@given(st.lists(st.sampled_from(PIECES), max_size=60), st.integers(0, 40), st.sampled_from(ANCHORS))
@settings(max_examples=400, deadline=None)
def test_find_label_is_the_full_pattern_search_on_any_text(pieces, start, anchors):
    # find_label tries the full pattern only where an enumerator could open before the keyword:
    # on any text it must give what the full pattern's own search gives
    text = "".join(pieces)
    start = min(start, len(text))
    expected = compile_anchor(anchors).search(text, start, len(text))
    assert find_label(text, anchors, start, len(text)) == (expected.span() if expected else None)
