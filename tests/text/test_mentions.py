from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.text import compare_mentions, extract_mentions

GOLD = {
    row["file"]: row["cells"]
    for row in (json.loads(line) for line in (Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "gold.jsonl").open(encoding="utf-8"))
}

# Verbatim snippets from corpus/raw (huaian as pdfplumber extracts it, line breaks and spaces kept).
HUAIAN_APPLICATIONS = "市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复"
HUAIAN_CASES = (
    "政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；"
    "政府信息公开行政诉讼 46 件，其中结果维持 25\n件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件"
)
HUAIAN_FEES = "格落实《政府信息公开信息处理费管理\n办法》，全年收取政府信息公开信息处理费 3940 元"
TAIPING = "全年通过电子邮箱申请、当面申请、邮寄申请等多渠道受理依申请公开7件,全部按时办结,未发生行政复议及行政诉讼案件"
PINGTAN_DOCS = "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件"
PINGTAN_RECEIVED = "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%"
PINGTAN_CASES = "2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案"
TRANSPORT = "全年我局依法办结政府信息公开申请58件，其中网络申请数14件，信函申请数44件"
TRANSPORT_12345 = "2024年，我局通过关联12345平台受理群众政策解答、维权服务等方面的诉求累计受理4355件，全部办结"
SHITAI = "2020年,我办共收到2件政府信息依申请公开"


def values(text: str) -> dict[str, float | int]:
    return {m.concept: m.value for m in extract_mentions(text)}


def test_application_counts_with_carry_over():
    assert values(HUAIAN_APPLICATIONS) == {
        "t3.new_received.total": 3119,
        "t3.results_total.total": 3050,
        "t3.carried_over.total": 34,
        "t3.carried_forward.total": 103,
    }


def test_case_results_follow_their_case_type():
    got = values(HUAIAN_CASES)
    assert got["t4.review.total"] == 351 and got["t4.review.upheld"] == 72 and got["t4.review.pending"] == 37
    assert got["t4.litigation.total"] == 46 and got["t4.litigation.corrected"] == 5


def test_normative_documents_in_force_and_issued():
    assert values(PINGTAN_DOCS) == {"t2.normative_docs.in_force": 698, "t2.normative_docs.issued": 88}


@pytest.mark.parametrize(
    ("text", "concept", "value"),
    [
        (TAIPING, "t3.new_received.total", 7),
        (TAIPING, "t4.review.total", 0),
        (TAIPING, "t4.litigation.total", 0),
        (PINGTAN_RECEIVED, "t3.new_received.natural_person", 72),
        (PINGTAN_CASES, "t4.review.total", 2),
        (PINGTAN_CASES, "t4.litigation.total", 1),
        (TRANSPORT, "t3.results_total.total", 58),
        (SHITAI, "t3.new_received.total", 2),
        (HUAIAN_FEES, "fees.information_processing", 3940),
        ("收取信息处理费380元", "fees.information_processing", 380),
        ("本年度未收取信息处理费", "fees.information_processing", 0),
        ("没有产生信息处理费", "fees.information_processing", 0),
    ],
)
def test_anchored_patterns(text, concept, value):
    assert values(text)[concept] == value


def test_numbers_without_anchor_are_ignored():
    assert extract_mentions(TRANSPORT_12345) == []


def test_raw_and_offsets_point_into_the_input():
    for m in extract_mentions(HUAIAN_APPLICATIONS + HUAIAN_CASES):
        text = HUAIAN_APPLICATIONS + HUAIAN_CASES
        assert m.raw == text[m.start : m.end]
        assert str(m.value)[:2] in m.raw.replace("\n", "").replace(" ", "")


def test_fees_are_in_yuan():
    (m,) = extract_mentions("收取信息处理费0.5万元")
    assert (m.value, m.unit) == (5000, "元")


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        ("huaian-city-2024.pdf", HUAIAN_APPLICATIONS, {"t3.new_received.total": True, "t3.carried_forward.total": True}),
        ("huaian-city-2024.pdf", HUAIAN_CASES, {"t4.review.total": True, "t4.litigation.total": True}),
        ("samples/taiping-district-2021.txt", TAIPING, {"t3.new_received.total": True, "t4.review.total": True}),
        ("pingtan-2022.txt", PINGTAN_DOCS, {"t2.normative_docs.in_force": True, "t2.normative_docs.issued": True}),
        # The narrative's 75 includes the application carried over; Table 3 has 74 new ones.
        ("pingtan-2022.txt", PINGTAN_RECEIVED, {"t3.new_received.total": False}),
        ("huaian-city-2024.pdf", HUAIAN_FEES, {"fees.information_processing": None}),
    ],
)
def test_compare_with_gold_tables(file, text, expected):
    checks = {c.name: c for c in compare_mentions(extract_mentions(text), GOLD[file])}
    for concept, holds in expected.items():
        assert checks[f"text.{concept}"].holds is holds


def test_litigation_total_sums_both_table_columns():
    cells = {"t4.litigation_direct.total": 26, "t4.litigation_after_review.total": 20}
    (check,) = [c for c in compare_mentions(extract_mentions(HUAIAN_CASES), cells) if c.name == "text.t4.litigation.total"]
    assert (check.holds, check.table_value) == (True, 46)


def test_report_mention_rows_carry_every_mention_field_plus_section():
    from dataclasses import asdict

    from ogi.models import Section
    from ogi.report import _mentions
    from ogi.text import Mention

    text = "前言。" + PINGTAN_RECEIVED
    rows, hints = _mentions({"overview": Section(key="overview", heading="一、总体情况", start=10, end=10 + len(text),
                                                 text=text, inferred=False)})
    expected = [{**asdict(m), "start": m.start + 10, "end": m.end + 10, "section": "overview"}
                for m in extract_mentions(text)]
    assert rows == expected and list(rows[0]) == [*asdict(extract_mentions(text)[0]), "section"]
    assert isinstance(Mention(**{k: v for k, v in rows[0].items() if k != "section"}), Mention)
    assert hints == {}


def test_skipping_patterns_whose_words_are_missing_loses_no_mention(monkeypatch):
    import ogi
    from ogi.text import mentions as M
    from tests.conftest import raw_path

    texts = [HUAIAN_APPLICATIONS, HUAIAN_CASES, HUAIAN_FEES, TAIPING, PINGTAN_DOCS, PINGTAN_RECEIVED,
             PINGTAN_CASES, TRANSPORT, TRANSPORT_12345, SHITAI]
    for name in ("pingtan-2022.txt", "pingtan-transport-2024.txt", "samples/shitai-county-office-2020.txt"):
        texts += [s.text for s in ogi.parse(raw_path(name)).sections]
    filtered = [extract_mentions(t) for t in texts]
    monkeypatch.setattr(M, "may_match", lambda needs, text: True)
    assert [extract_mentions(t) for t in texts] == filtered
    assert sum(map(len, filtered)) > 20
