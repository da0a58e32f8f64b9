"""Quantities stated in the narrative (总体情况, 六), named by the table cell they restate.

Every pattern is anchored on the words around the number (受理…申请N件, 现行有效…规范性文件N件),
never "the first number after a keyword". Matching runs on a view without whitespace (PDF
text breaks lines inside numbers); offsets are into the caller's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..normalize import literal_requirements, may_match
from .view import make_view

Number = float | int


@dataclass(frozen=True, slots=True)
class Mention:
    concept: str
    value: Number
    unit: str
    raw: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextCheck:
    name: str
    holds: bool | None  # None: no table value to compare with
    text_value: Number
    table_value: Number | None
    start: int
    end: int


_N = r"(?P<v>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"
_ITEMS = rf"{_N}(?P<u>件)"
_APPLY = r"(?:政府信息公开|信息公开|依申请公开|政府信息依申请公开)"
_CLAUSE = r"[^。;,\d]"  # within one clause, no other number in between

# (concept, pattern); "{case}" concepts take the case type most recently mentioned.
_PATTERNS: tuple[tuple[str, str], ...] = (
    # Table 3
    ("t3.new_received.total", rf"(?:新)?(?:收到|受理|接收|接到|新收)[^。;\d]{{0,30}}?{_APPLY}(?:申请|事项)?(?:共计?|数量为?)?{_ITEMS}"),
    ("t3.new_received.total", rf"(?:新)?(?:收到|受理|接收|接到)(?:各类)?{_ITEMS}(?:政府信息)?(?:依申请公开|公开申请|政府信息公开申请)"),
    ("t3.results_total.total", rf"(?:答复|办结|办理完毕){_CLAUSE}{{0,4}}?{_APPLY}(?:申请)?(?:共计?)?{_ITEMS}"),
    ("t3.results_total.total", rf"(?<=件,)(?:已|共|均|依法)?(?:答复|办结){_ITEMS}"),
    ("t3.carried_over.total", rf"(?:上年度?|上一年度?)结转(?:的)?(?:政府信息公开)?(?:申请)?{_ITEMS}"),
    ("t3.carried_forward.total", rf"{_ITEMS}(?:申请)?(?:顺延|结转)(?:到|至)下一?年度?"),
    ("t3.carried_forward.total", rf"结转(?:到|至)?下一?年度?(?:办理|答复)?(?:的)?(?:申请)?{_ITEMS}"),
    ("t3.new_received.natural_person", rf"(?<=[,、:])(?:其中|涉及)?自然人(?:申请|提出)?{_ITEMS}"),
    ("t3.new_received.commercial", rf"(?<=[,、:])(?:其中|涉及)?商业企业(?:申请|提出)?{_ITEMS}"),
    ("t3.new_received.research", rf"(?<=[,、:])(?:其中|涉及)?科研机构(?:申请|提出)?{_ITEMS}"),
    ("t3.new_received.social_welfare", rf"(?<=[,、:])(?:其中|涉及)?社会公益组织(?:申请|提出)?{_ITEMS}"),
    ("t3.new_received.legal_service", rf"(?<=[,、:])(?:其中|涉及)?法律服务机构(?:申请|提出)?{_ITEMS}"),
    # Table 4 (case totals, then results that refer back to the last case type)
    ("t4.review.total", rf"(?:行政)?复议(?:案件)?(?:共计?)?{_ITEMS}"),
    ("t4.litigation.total", rf"(?:行政)?诉讼(?:案件)?(?:共计?)?{_ITEMS}"),
    ("{case}.upheld", rf"(?:结果)?维持{_ITEMS}"),
    ("{case}.corrected", rf"(?:结果)?纠正{_ITEMS}"),
    ("{case}.other", rf"其他结果{_ITEMS}"),
    ("{case}.pending", rf"尚未审结{_ITEMS}"),
    # Table 2
    ("t2.normative_docs.in_force", rf"现行有效(?:的)?(?:行政)?规范性文件{_ITEMS}"),
    ("t2.normative_docs.issued", rf"(?:制发|制定|印发|出台|发布|新增)(?:的)?(?:行政)?规范性文件{_ITEMS}"),
    ("t2.normative_docs.repealed", rf"废止(?:的)?(?:行政)?规范性文件{_ITEMS}"),
    ("t2.rules.in_force", rf"现行有效(?:的)?(?:[^。;,\d]{{0,6}})规章{_ITEMS}"),
    ("t2.rules.issued", rf"(?:制发|制定|出台|发布|新增公开|新增)(?:的)?(?:[^。;,\d、]{{0,6}})规章{_ITEMS}"),
    ("t2.rules.repealed", rf"废止(?:的)?(?:[^。;,\d]{{0,6}})规章{_ITEMS}"),
    ("t2.licensing.decisions", rf"行政许可(?:决定|事项|案件)?(?:数量|数)?(?:为|共计?)?{_N}(?P<u>件|项|个)"),
    ("t2.penalty.decisions", rf"行政处罚(?:决定|案件)?(?:数量|数)?(?:为|共计?)?{_N}(?P<u>件|项|个)"),
    # Fees (in 元)
    ("fees.information_processing", rf"收取{_CLAUSE}{{0,16}}?信息处理费(?:共计?)?{_N}(?P<u>万元|元)"),
)
# each with the words a match must contain: a pattern whose words are missing is not run at all
_COMPILED = tuple((concept, compiled, literal_requirements(compiled))
                  for concept, compiled in ((concept, re.compile(p)) for concept, p in _PATTERNS))

# Stated zeros: 未收取信息处理费, 未发生行政复议及行政诉讼案件.
_NO = r"(?:未|无|没有|不)(?:发生|产生|收取|出现|涉及)"
_ZERO_FEES = re.compile(rf"{_NO}[^。;\d]{{0,16}}?(?:信息处理费|收费)|信息处理费[^。;\d]{{0,4}}(?:0|零)元")
_ZERO_CASES = re.compile(
    rf"{_NO}(?:[^。;,\d]{{0,12}}?)(?P<a>行政复议|行政诉讼)(?:(?:及|和|、|或|与)(?P<b>行政复议|行政诉讼))?"
)
_ZERO_FEES_NEEDS = literal_requirements(_ZERO_FEES)
_ZERO_CASES_NEEDS = literal_requirements(_ZERO_CASES)
_CASE_OF = {"行政复议": "t4.review.total", "行政诉讼": "t4.litigation.total"}
_CASE_WORD = re.compile(r"复议|诉讼")
_SCOPE_END = re.compile(r"[。;]")


def _number(raw: str) -> Number:
    raw = raw.replace(",", "")
    return float(raw) if "." in raw else int(raw)


def _case_before(v: str, pos: int) -> str | None:
    """The case type (review or litigation) named last before ``pos`` in the same clause chain."""
    scope = v.rfind("。", 0, pos)
    scope = max(scope, v.rfind(";", 0, pos))
    hits = list(_CASE_WORD.finditer(v, scope + 1, pos))
    if not hits:
        return None
    return "t4.review" if hits[-1].group() == "复议" else "t4.litigation"


# No pattern crosses a "。" (every gap class excludes it), so the text can be matched in pieces cut
# after one: the same mentions, with the per-character view of a huge dump built piece by piece.
_CHUNK = 100_000


def extract_mentions(text: str) -> list[Mention]:
    """Quantity mentions in reading order; concepts are table cell ids where a cell exists."""
    if len(text) <= _CHUNK:
        return _extract(text)
    found: list[Mention] = []
    start = 0
    while start < len(text):
        stop = text.find("。", start + _CHUNK)
        stop = len(text) if stop < 0 else stop + 1
        for m in _extract(text[start:stop]):
            found.append(Mention(m.concept, m.value, m.unit, m.raw, m.start + start, m.end + start))
        start = stop
    return sorted(found, key=lambda x: (x.start, x.concept))


def _extract(text: str) -> list[Mention]:
    view = make_view(text, drop_space=True)
    v = view.text
    found: dict[tuple[str, int], Mention] = {}

    def add(concept: str, value: Number, unit: str, start: int, end: int) -> None:
        o_start, o_end = view.span(start, end)
        key = (concept, o_start)
        if key not in found:
            found[key] = Mention(concept, value, unit, text[o_start:o_end], o_start, o_end)

    for concept, pattern, needs in _COMPILED:
        if not may_match(needs, v):
            continue
        for m in pattern.finditer(v):
            name = concept
            if concept.startswith("{case}"):
                case = _case_before(v, m.start())
                if case is None:
                    continue
                name = concept.replace("{case}", case)
            value = _number(m.group("v"))
            unit = m.group("u")
            if unit == "万元":
                value, unit = round(value * 10000, 2), "元"
            add(name, value, unit, m.start(), m.end())
    for m in _ZERO_FEES.finditer(v) if may_match(_ZERO_FEES_NEEDS, v) else ():
        add("fees.information_processing", 0, "元", m.start(), m.end())
    for m in _ZERO_CASES.finditer(v) if may_match(_ZERO_CASES_NEEDS, v) else ():
        for group in ("a", "b"):
            if m.group(group):
                add(_CASE_OF[m.group(group)], 0, "件", m.start(), m.end())
    return sorted(found.values(), key=lambda x: (x.start, x.concept))


_LITIGATION = "t4.litigation."


def _table_value(concept: str, cells: Mapping[str, Number | None]) -> Number | None:
    if concept.startswith(_LITIGATION):
        # The narrative's 行政诉讼 counts both columns of Table 4.
        col = concept[len(_LITIGATION) :]
        parts = [cells.get(f"t4.litigation_direct.{col}"), cells.get(f"t4.litigation_after_review.{col}")]
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
    return cells.get(concept)


def compare_mentions(mentions: list[Mention], cells: Mapping[str, Number | None]) -> list[TextCheck]:
    """One check per mention: does the narrative figure equal the table cell?"""
    checks: list[TextCheck] = []
    for m in mentions:
        table = _table_value(m.concept, cells)
        holds = None if table is None else abs(float(m.value) - float(table)) <= 1e-6 * max(1.0, abs(float(table)))
        checks.append(TextCheck(f"text.{m.concept}", holds, m.value, table, m.start, m.end))
    return checks
