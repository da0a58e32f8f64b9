from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ogi
from ogi.sections import _PATTERNS, SECTION_KEYS, _heading_starts, _search, split_sections
from tests.conftest import load_gold, raw_path

FILES = [g["file"] for g in load_gold()]


@pytest.mark.parametrize("name", FILES)
def test_all_six_sections_found_in_order(name):
    report = ogi.parse(raw_path(name))
    assert [s.key for s in report.sections] == list(SECTION_KEYS)
    starts = [s.start for s in report.sections]
    assert starts == sorted(starts)


@pytest.mark.parametrize("name", FILES)
def test_section_text_is_its_span(name):
    report = ogi.parse(raw_path(name))
    for section in report.sections:
        assert report.text[section.start:section.end] == section.text


def test_missing_remedies_heading_is_inferred_after_carried_forward_row():
    report = ogi.parse(raw_path("samples/taiping-district-2021.txt"))
    remedies = {s.key: s for s in report.sections}["remedies"]
    assert remedies.inferred and remedies.heading is None
    assert remedies.text.startswith("行政复议")


def test_table_rows_numbered_like_sections_are_not_headings():
    text = ("一、总体情况\n概况。\n二、主动公开政府信息情况\n表\n三、收到和处理政府信息公开申请情况\n"
            "三、本年度办理结果 | 0 |\n四、结转下年度继续办理 | 0 |\n四、政府信息公开行政复议、行政诉讼情况\n0\n"
            "五、存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n无。")
    sections = {s.key: s for s in split_sections(text)}
    assert sections["requests"].text.startswith("三、本年度办理结果")
    assert sections["remedies"].heading == "四、政府信息公开行政复议、行政诉讼情况"


@pytest.mark.parametrize("heading", ["五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题和改进情况",
                                     "五、存在的问题及改进措施", "五 、存在的主要问题及改进情况", "五.存在的主要问题及改进情况",
                                     "五、存在问题", "三、存在的困难和问题", "四、下一步改进措施", "五、下一步工作计划"])
def test_problem_heading_variants(heading):
    text = f"一、总体情况\n好。\n{heading}\n一是不足。\n六、其他需要报告的事项\n无"
    sections = {s.key: s for s in split_sections(text)}
    assert sections["problems"].text == "一是不足。"


def test_one_line_report():
    text = "一、总体情况 2021年,好。 二、主动公开政府信息情况 表 五、存在的主要问题及改进情况 一是少。 六、其他需要报告的事项 无。"
    sections = {s.key: s.text for s in split_sections(text)}
    assert sections["problems"] == "一是少。" and sections["other"] == "无。"


def test_pre2019_headings_map_problems_and_template():
    text = ("一、概述\n2015年,我局……\n二、主动公开政府信息的情况\n……\n三、依申请公开政府信息情况\n……\n"
            "四、政府信息公开的收费及减免情况\n……\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n……\n"
            "六、政府信息公开工作存在的主要问题及改进措施\n一是不够。\n七、其他需要报告的事项\n无。")
    sections = {s.key: s for s in split_sections(text)}
    assert sections["problems"].text == "一是不够。"
    report = ogi.parse_bytes(text.encode(), source="old.txt")
    assert report.meta["template"] == "pre2019"


@pytest.mark.parametrize("heading", ["一、2021年政府信息公开工作总体情况", "一、政府信息公开总体情况", "第一部分 总体情况",
                                     "一、概述", "一、基本情况"])
def test_overview_heading_variants(heading):
    text = f"某县\n{heading}\n2021年,我县认真。\n二、主动公开政府信息情况\n表\n六、其他需要报告的事项\n无。"
    sections = {s.key: s for s in split_sections(text)}
    assert sections["overview"].heading == heading and sections["overview"].text == "2021年,我县认真。"


def test_enumerations_in_running_text_are_not_headings():
    text = ("一、总体情况 2021年好。一是加强总体情况研判。五是存在问题整改不到位。二、主动公开政府信息情况 表 "
            "五、存在的主要问题及改进情况 一是少。")
    sections = {s.key: s for s in split_sections(text)}
    assert sections["overview"].heading == "一、总体情况"
    assert sections["problems"].heading == "五、存在的主要问题及改进情况" and sections["problems"].text == "一是少。"


_HEADING_ALPHABET = [
    *"一二三四五六七八九十第部分、.,，:：。；\n |0123", "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议", "情况", "存在的主要问题",
    "改进措施", "其他需要报告的事项", "结转", "2021年", "（一）", "是"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_ALPHABET), max_size=40), st.integers(0, 30))
def test_search_at_heading_starts_equals_a_plain_search(pieces, pos):
    # headings are only tried where one can start; that must find exactly what a search finds
    text = "".join(pieces)
    starts = _heading_starts(text)
    for key, pattern in _PATTERNS.items():
        found, expected = _search(key, text, starts, pos), pattern.search(text, pos)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("name", ["pingtan-2022.txt", "pingtan-transport-2024.txt", "samples/taiping-district-2021.txt"])
def test_search_at_heading_starts_on_real_reports(name):
    text = ogi.parse(raw_path(name)).text
    starts = _heading_starts(text)
    for key, pattern in _PATTERNS.items():
        for pos in range(0, len(text), 97):
            found, expected = _search(key, text, starts, pos), pattern.search(text, pos)
            assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_ALPHABET), max_size=40))
def test_heading_starts_are_numerals_at_the_start_or_after_a_boundary(pieces):
    import re

    from ogi.sections import _BEFORE_CHAR, _NUMERAL_FIRST

    text = "".join(pieces)
    expected = [i for i, ch in enumerate(text) if re.fullmatch(_NUMERAL_FIRST, ch)
                and (i == 0 or re.fullmatch(_BEFORE_CHAR, text[i - 1]))]
    assert _heading_starts(text) == expected


# Top-level headings numbered otherwise: (一) (over sub-headings numbered the same way), 1.,
# none at all, markdown bold. Each rewrite of every real report must find the six sections and
# read every gold cell as before.
_TOP_LEVEL = re.compile(r"(?m)^(\s*)([一二三四五六])\s*[、.．]\s*")
HEADING_STYLES = {
    "paren": lambda m: f"{m.group(1)}({m.group(2)})",
    "arabic": lambda m: f"{m.group(1)}{'一二三四五六'.index(m.group(2)) + 1}.",
    "bare": lambda m: m.group(1),
    "bold": lambda m: f"{m.group(1)}**{m.group(2)}、",
}


@pytest.mark.parametrize("style", HEADING_STYLES)
def test_headings_numbered_otherwise_still_give_six_sections_and_the_same_cells(style):
    for entry in load_gold():
        text = _TOP_LEVEL.sub(HEADING_STYLES[style], ogi.parse(raw_path(entry["file"])).text)
        report = ogi.parse_bytes(text.encode("utf-8"), source=entry["file"] + ".txt")
        assert [s.key for s in report.sections] == list(SECTION_KEYS), entry["file"]
        values = {c.cell_id: c.value for c in report.cells if not c.extra}
        assert {cid: values.get(cid) for cid in entry["cells"]} == entry["cells"], entry["file"]


def test_a_subheading_numbered_like_the_sections_is_not_one():
    text = ("(一)总体情况\n本年度工作。\n(一)主动公开情况\n公开信息。\n(二)主动公开政府信息情况\n表格\n"
            "(三)收到和处理政府信息公开申请情况\n表格\n(五)存在的主要问题及改进情况\n问题。\n")
    sections = {s.key: s.heading for s in split_sections(text)}
    assert sections["proactive"] == "(二)主动公开政府信息情况"


@pytest.mark.parametrize(("numeral", "value"), [("1.", 1), ("12、", 12), ("(一)", 1), ("(十)", 10),
                                                 ("(十一)", 11), ("(二十)", 20), ("(二十一)", 21), ("", None)])
def test_numeral_values(numeral, value):
    from ogi.sections import _numeral_value

    assert _numeral_value(numeral) == value


@pytest.mark.parametrize(("key", "heading"), [
    ("proactive", "二、主动公开政府信息"),  # no closing 情况: the heading ends its line
    ("remedies", "四、政府信息公开行政复议和行政诉讼"),
    ("problems", "五、工作中存在的问题及下一步打算"),
    ("other", "六、其他需要说明的事项"),
])
def test_heading_wordings(key, heading):
    report = ogi.parse(raw_path("samples/gaoshi-township-2021.txt"))
    old = next(s.heading for s in report.sections if s.key == key)
    sections = {s.key: s for s in split_sections(report.text.replace(old, heading, 1))}
    assert sections[key].heading == heading and not sections[key].inferred


@pytest.mark.parametrize("name", ["pingtan-2022.txt", "samples/gaoshi-township-2021.txt"])
def test_section_two_without_a_heading_starts_at_table_two(name):
    entry = next(g for g in load_gold() if g["file"] == name)
    report = ogi.parse(raw_path(name))
    heading = next(s.heading for s in report.sections if s.key == "proactive")
    # the narrative cites the article too: the section still starts at the table
    text = report.text.replace(heading, "", 1).replace("一、总体情况", "一、总体情况\n依照第二十条第(一)项公开。", 1)
    again = ogi.parse_bytes(text.encode("utf-8"), source=name)
    proactive = next(s for s in again.sections if s.key == "proactive")
    assert proactive.inferred and proactive.text.startswith("第二十条")
    values = {c.cell_id: c.value for c in again.cells if not c.extra}
    assert {cid: values.get(cid) for cid in entry["cells"]} == entry["cells"]


@pytest.mark.parametrize("lost", [("requests",), ("proactive", "requests", "remedies"), ("overview",)])
def test_table_sections_without_headings_are_inferred_from_their_tables(lost):
    for entry in load_gold():
        report = ogi.parse(raw_path(entry["file"]))
        text = report.text
        for section in report.sections:
            if section.key in lost and section.heading:
                text = text.replace(section.heading, "", 1)
        again = ogi.parse_bytes(text.encode("utf-8"), source=entry["file"] + ".txt")
        assert [s.key for s in again.sections] == list(SECTION_KEYS), entry["file"]
        assert all(s.inferred for s in again.sections if s.key in lost), entry["file"]
        values = {c.cell_id: c.value for c in again.cells if not c.extra}
        assert {cid: values.get(cid) for cid in entry["cells"]} == entry["cells"], entry["file"]
