from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.tables.tokens import TokenIndex, find_tokens


def _values(text: str) -> list:
    return [t.value for t in find_tokens(text, 0, len(text)) if t.kind == "num"]


@pytest.mark.parametrize(("text", "values"), [
    ("| 0 | 00 | 1,036 | +3 | -18 |", [0, 0, 1036, 3, -18]),
    ("行政事业性收费 | 251000元 |", [25.1]),
    ("采购总金额 | 9.46万元 |", [9.46]),
    ("(单位:万元,保留4位小数) | 0 |", [0]),  # a note's digit is not a value
    ("第20条 2021年 3月 | 5 |", [5]),
    ("0000000 2.其他", [0]),  # the enumerator of an unanchored label is cut off the run
])
def test_values(text, values):
    assert _values(text) == values


def test_wrapped_label_note_does_not_hide_the_values_between_its_lines():
    # PDF text: the label's bracket opens on one line and closes two lines later
    text = "(二)部分公开(区分处理的,只计这一情\n447 7 0 0 0 0 454\n形,不计其他情形)"
    assert _values(text) == [447, 7, 0, 0, 0, 0, 454]


def test_markdown_rule_and_na_marks():
    kinds = [t.kind for t in find_tokens("|---|:--|\n| / | — | 3 |", 0, 22)]
    assert kinds == ["na", "na", "num"]


def test_interior_blank_cell_counts_but_padding_does_not():
    kinds = [t.kind for t in find_tokens("| 1 |  | 2 | | |", 0, 16)]
    assert kinds == ["num", "blank", "num"]


def test_index_slices_like_separate_searches():
    text = "规章 | 0 | 1 | 2 |\n行政规范性文件 | 3 | 4 | 5 |"
    index = TokenIndex(text, 0, len(text))
    cut = text.index("行政")
    assert [t.value for t in index.between(0, cut)] == [t.value for t in find_tokens(text, 0, cut)]
    assert [t.value for t in index.between(cut, len(text))] == [3, 4, 5]


def test_value_before_a_wrapped_vertical_label_is_not_a_year():
    # PDF text of a merged 三、本年度办理结果 cell read one character per line
    assert _values("禁止公开 30 1 0 0 0 0 31\n年\n3.危及") == [30, 1, 0, 0, 0, 0, 31]


def test_pdf_text_layer_alone_reads_every_gold_cell():
    import json

    import pdfplumber

    import ogi
    from tests.conftest import GOLD_PATH, raw_path

    with pdfplumber.open(raw_path("huaian-city-2024.pdf")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    report = ogi.parse_bytes(text.encode(), source="huaian-text-layer.txt")
    gold = next(json.loads(line) for line in GOLD_PATH.read_text().splitlines() if "huaian" in line)["cells"]
    cells = {c.cell_id: c.value for c in report.cells}
    assert {k: (v, cells[k]) for k, v in gold.items() if cells[k] != v} == {}


def test_blank_cell_of_unicode_spaces_and_boxed_digits_of_other_scripts():
    # the blank-cell pre-check must accept any non-newline whitespace between borders, as str.strip does
    tokens = find_tokens("| 3 |\u3000| ４５ |", 0, 15)
    assert [(t.kind, t.value, t.boxed) for t in tokens] == [("num", 3, True), ("blank", None, False),
                                                            ("num", 45, True)]
    # a border only across a line break is no blank cell
    assert [t.kind for t in find_tokens("| 3 |\n| 5 |", 0, 11)] == ["num", "num"]


def test_boxed_looks_past_the_span_and_through_spaces_only():
    text = "a 12 |\t7\t| x8"
    assert [t.boxed for t in find_tokens(text, 2, 10)] == [False, True]
    assert [t.boxed for t in find_tokens("|\t12\t\n", 2, 4)] == [True]
    assert [t.boxed for t in find_tokens("| 12元 |", 0, 7)] == [True]
    # a masked note is still text beside the value
    assert [t.boxed for t in find_tokens("| 5 (注:说明) |", 0, 12)] == [False]


@pytest.mark.parametrize(("text", "marks"), [
    # the alternation tries a lone dash before a double one, so "--" is two marks, as it always was
    ("| -- | —— | 未涉及 | 不适用 | 无 | / |", ["-", "-", "—", "—", "未涉及", "不适用", "无", "/"]),
    ("未 不 a- -b 无x 3- x/", []),  # half a mark, or a mark touching a word, is no mark
    ("-5 —5 5— 不适用了", []),  # a sign, or marks against digits and CJK
])
def test_na_marks_stand_alone(text, marks):
    assert [t.raw for t in find_tokens(text, 0, len(text)) if t.kind == "na"] == marks


# Characters and pieces that decide how a number reads: borders, spaces, units, dates, notes,
# rules, signs, enumerators, not-applicable marks, digits of other scripts.
_PIECES = [*"0123456789|||\n\n  \t.,、()年件元万%-—–/无未涉及不适用第a５=:+−\r\u3000（）",
           "万元", "--", "——", "(注明)", "|---|", "12", "007", " | ", "\n|", "1,234", "3.5", "一、", "(二)"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.data())
def test_boxed_pass_reads_what_number_pattern_reads(pieces, data):
    # the fast pass for numbers alone in their cells must give exactly the tokens of the full rules
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert find_tokens(text, start, end) == find_tokens(text, start, end, boxed_pass=False)


@pytest.mark.parametrize("text", [
    "| 9\n(注:说明)万元",  # white space and a masked note lead to a unit: 9 万元 is one token
    "| 4 \n---件",  # a masked rule, then a unit
    "| 7\n件",  # a unit on the next line
    "|5|6|\n|7|",  # adjacent cells share their borders
    "| 3 |  | 5 |",  # an interior blank cell
])
def test_boxed_pass_edge_cases(text):
    for start in range(len(text) + 1):
        assert find_tokens(text, start, len(text)) == find_tokens(text, start, len(text), boxed_pass=False)
