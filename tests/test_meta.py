from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.meta import classify_kind, detect_template, extract_meta

BODY = "\n一、总体情况\n{year}年,{agency}认真贯彻落实《条例》。"


@pytest.mark.parametrize(("head", "agency", "year"), [
    ("某某市教育局2021年政府信息公开工作年度报告", "某某市教育局", 2021),
    ("某某县人民政府办公室关于2022年度政府信息公开工作年度报告的公告", "某某县人民政府办公室", 2022),
    ("2021年太平区政府信息公开工作年度报告", "太平区人民政府", 2021),  # year first
    ("《某某市财政局2020年政府信息公开工作年度报告》", "某某市财政局", 2020),
    ("某某镇人民政府2023年度政务公开工作年度报告", "某某镇人民政府", 2023),
    ("某某省人民政府办公厅\n2024年政府信息公开工作年度报告", "某某省人民政府办公厅", 2024),  # two lines
    ("关于某某区卫生健康委员会2021年政府信息公开工作年度报告", "某某区卫生健康委员会", 2021),
    ("某某市公安局政府信息公开工作2021年度报告", "某某市公安局", 2021),  # year after 工作
    ("标题: 某某县水利局2019年政府信息公开工作年度报告\n发布时间: 2020-01-20", "某某县水利局", 2019),
    # published as a notice: the verb is not part of the agency
    ("关于印发《某某县2021年政府信息公开工作年度报告》的通知", "某某县", 2021),
    ("关于公布某某市财政局2022年政府信息公开工作年度报告的公告", "某某市财政局", 2022),
    # published by an office, of the agency named after 关于
    ("某某市人民政府办公室关于某某市财政局2022年政府信息公开工作年度报告", "某某市财政局", 2022),
    ("某某区人民政府关于2021年度政府信息公开工作年度报告", "某某区人民政府", 2021),
    ("某某区发展和改革委员会2022年政府信息公开年报", "某某区发展和改革委员会", 2022),  # 年报
    ("某某县财政局二〇二一年政府信息公开工作年度报告", "某某县财政局", 2021),  # a year in Chinese numerals
    ("某某县财政局二○二二年度政府信息公开工作年度报告", "某某县财政局", 2022),
])
def test_agency_and_year_from_title_forms(head, agency, year):
    text = head + BODY.format(year=year, agency="太平区人民政府")
    meta = extract_meta(text)
    assert (meta.agency, meta.year, meta.year_source) == (agency, year, "title")


def test_without_a_title_the_opening_sentence_names_agency_and_year():
    meta = extract_meta("一、总体情况\n2022年,在县委、县政府的正确领导下,某某县司法局认真贯彻《条例》。")
    assert (meta.agency, meta.year, meta.year_source, meta.kind) == ("某某县司法局", 2022, "opening", "department")


def test_statistics_period_gives_the_year_not_the_publication_date():
    text = "发布时间: 2023-01-15\n本报告中所列数据统计期限为2022年1月1日至2022年12月31日。\n一、总体情况\n我局认真。"
    meta = extract_meta(text)
    assert (meta.year, meta.year_source, meta.published) == (2022, "statistics_period", "2023-01-15")


def test_unknown_stays_null():
    meta = extract_meta("一、总体情况\n认真贯彻落实。")
    assert (meta.agency, meta.year, meta.published, meta.kind) == (None, None, None, None)


@pytest.mark.parametrize(("text", "template"), [
    ("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "2021"),
    ("信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量", "2019"),
    ("四、政府信息公开的收费及减免情况", "pre2019"),
    ("一、总体情况", "unknown"),
    ("信息内容 | 本年制发\n件数 | 本年废止\n件数", "2021"),  # header words wrapped in a narrow cell
    ("信息内容 本年新 制作数量 本年新 公开数量", "2019"),
])
def test_template(text, template):
    assert detect_template(text) == template


def test_title_from_a_crawler_line_or_the_first_forty_lines_only():
    from ogi.meta import find_title

    report_line = "某局2021年政府信息公开工作年度报告"
    assert find_title("来源:某网站\n标题: " + report_line + " \n正文") == report_line
    assert find_title("\n" * 39 + report_line + "\n正文") == report_line  # line 40
    assert find_title("\n" * 40 + report_line + "\n正文") is None  # line 41: not a title any more
    assert find_title("某县人民政府\n2021年政府信息公开工作年度报告\n") == "某县人民政府2021年政府信息公开工作年度报告"


@pytest.mark.parametrize(("agency", "kind"), [
    ("某某县人民政府", "government"), ("某某县", "government"), ("某某自治区某某市某某区", "government"),
    ("某某市财政局", "department"), ("某某发展服务中心", "other"),
])
def test_kind_of_agency(agency, kind):
    assert classify_kind(agency) == kind


def test_a_link_trail_is_never_the_title():
    from ogi.meta import find_title

    title = "某某县司法局2023年政府信息公开工作年度报告"
    assert find_title("当前位置:首页>信息公开>年度报告\n" + title + "\n正文") == title
    assert find_title("首页 > 政务公开 > 政府信息公开年报\n" + title + "\n正文") == title


FILLER = "本报告根据《中华人民共和国政府信息公开条例》要求编制。" * 4


@pytest.mark.parametrize("head", [
    "当前位置:首页>信息公开>年度报告 分享到: 发布时间:2024年3月25日 来源:某某县司法局 {title} ",
    "首页 > 政务公开 > 政府信息公开年报 {title} ",
    "{title} ",
])
def test_title_of_a_page_run_together_on_one_line(head):
    # a scraper that dropped the line breaks: the title is one of the first words
    title = "某某县司法局2023年政府信息公开工作年度报告"
    meta = extract_meta(head.format(title=title) + FILLER + " 一、总体情况 2023年,我局认真贯彻落实《条例》。")
    assert (meta.title, meta.agency, meta.year) == (title, "某某县司法局", 2023)


def test_realistic_reports_metadata_is_right():
    # generated pages carry link trails, crawler lines and every layout, glued ones included
    import random

    from ogi.report import parse_bytes
    from ogi.synth import realistic

    wrong = []
    for i in range(300):
        report = realistic(random.Random(1000 + i), i)
        meta = parse_bytes(report.data, source=report.filename).meta
        got, want = (meta["agency"], meta["year"], meta["level"]), (report.agency, report.year, report.level)
        if got != want:
            wrong.append((report.filename, report.layout, want, got))
    assert wrong == []


@pytest.mark.parametrize("page_title", [
    "某某县交通运输局2024年政府信息公开工作年度报告_政府信息公开年报_某某县人民政府",
    "某某县交通运输局2024年政府信息公开工作年度报告 - 某某县人民政府门户网站",
    "某某县交通运输局2024年政府信息公开工作年度报告|某某县人民政府",
    "某某县交通运输局2024年政府信息公开工作年度报告-某某县人民政府门户网站",
    "某某县交通运输局2024年政府信息公开工作年度报告——某某县人民政府",
    "【年度报告】某某县交通运输局2024年政府信息公开工作年度报告",
])
def test_a_page_title_gives_the_report_title_without_its_site(page_title):
    meta = extract_meta("一、总体情况\n2024年,本局认真贯彻落实《条例》。", title=page_title)
    assert (meta.title, meta.agency, meta.year) == ("某某县交通运输局2024年政府信息公开工作年度报告", "某某县交通运输局", 2024)


def test_a_page_titled_by_its_site_takes_the_title_from_the_text():
    meta = extract_meta("某某县交通运输局2024年政府信息公开工作年度报告\n一、总体情况\n正文。", title="某某县人民政府门户网站")
    assert (meta.title, meta.agency) == ("某某县交通运输局2024年政府信息公开工作年度报告", "某某县交通运输局")


@pytest.mark.parametrize(("opening", "agency"), [
    ("2022年以来,某某镇人民政府高度重视政府信息公开工作。", "某某镇人民政府"),
    ("今年以来,某某县教育局扎实推进政务公开工作。", "某某县教育局"),
    ("一年来,某某县教育局扎实推进政务公开工作。", "某某县教育局"),
])
def test_opening_sentence_names_the_agency_after_any_time_phrase(opening, agency):
    assert extract_meta("一、总体情况\n" + opening).agency == agency


_META_ALPHABET = list("年度报告政府信息公开工作某县局关于印发《》的通知_|-—【】[] \n一二三四五六(1.、总体情况首页>当前位置0123456789〇")


@given(st.text(st.sampled_from(_META_ALPHABET), max_size=150), st.one_of(st.none(), st.text(st.sampled_from(_META_ALPHABET), max_size=60)))
@settings(max_examples=300, deadline=None)
def test_metadata_of_any_text_and_page_title_never_raises(text, title):
    meta = extract_meta(text, title=title)
    assert meta.agency is None or (meta.agency and isinstance(meta.agency, str))
    assert meta.year is None or 1900 <= meta.year <= 2099
