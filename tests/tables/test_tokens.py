from __future__ import annotations

import pytest

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
