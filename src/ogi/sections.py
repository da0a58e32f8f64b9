"""Split a normalised report into the six standard sections.

Headings are found by their keywords after a top-level numeral (一、 … 七、), never by the
numeral alone: ``三、本年度办理结果`` and ``四、结转下年度继续办理`` are table rows, and
``(一)主动公开`` is a sub-heading of 总体情况. Sections are then taken in template order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .models import Section
from .normalize import literal_requirements, may_match, spaced

SECTION_KEYS = ("overview", "proactive", "requests", "remedies", "problems", "other")

_NUMERAL_FIRST = "[第一二三四五六七八九十]"  # the first character of every _NUMERAL
_NUMERAL = r"(?:第[一二三四五六七八九十]{1,2}部分\s*[、.．,，:：]?|[一二三四五六七八九十]{1,2}\s*[、.．,，]?)\s*"
# Words before a heading's keyword (一、2021年政府信息公开工作总体情况), allowed only after the
# numeral's separator: "一是…总体情况" and "五是存在问题…" in running text are not headings.
_LEAD = r"(?:(?<=[、.．,，:：\s)])[^。\n|]{0,16}?)?"  # ) ends a (四) numeral
_LEAD_NO_DIGIT = r"(?:(?<=[、.．,，:：\s)])[^。\n|\d]{0,18}?)?"
# a heading with no closing word (二、主动公开政府信息) must end its line
_LINE_END = r"(?=[^\S\n]*(?:\n|$))"
# keyword after the numeral, per section; pre-2019 headings are mapped where they fit
_HEADINGS = {
    "overview": _LEAD + r"(?:总体情况|概述|基本情况|总体工作情况)",
    "proactive": r"(?:政府信息)?主动公开(?:政府信息)?(?:的)?(?:工作)?(?:情况|方面|" + _LINE_END + ")",
    "requests": r"(?:收到和处理政府信息公开申请|收到和处理政府信息公开的申请|依申请公开(?:政府信息)?(?:的)?(?:工作)?情况|政府信息公开申请(?:的)?(?:受理|办理|处理)?情况)",
    "remedies": _LEAD_NO_DIGIT + r"复议[^。\n|\d]{0,20}?(?:情况|案件|" + _LINE_END + ")",
    # problems, or (pre-2019 and some later reports) a measures-only heading: 下一步改进措施, 工作计划
    "problems": _LEAD + r"(?:(?:存在的?(?:主要)?|主要)(?:困难和|困难与)?问题|问题和(?:不足|困难)|不足之处|存在不足"
                r"|(?:下一步|今后)(?:的)?(?:工作)?(?:改进措施|计划|打算|安排|思路|重点)|改进措施|工作计划|工作打算)"
                r"[^。\n|]{0,12}?(?:改进|整改)?(?:情况|措施|方向|计划|举措|办法|工作)?",
    "other": r"(?:其[他它]需要(?:报告|说明)的?事项|其[他它]需要(?:报告|说明)|其他事项)",
}
_PRE2019_HINTS = re.compile(r"收费及减免|收费和减免|减免情况|依申请公开政府信息情况")
# white space may cut a table's words (a narrow cell, a PDF line): 结转下年 度继续办理
_T4_HEADER = re.compile(spaced("行政复议") + r"[\s|]{0,20}" + spaced("行政诉讼"))
_CARRIED_FORWARD = re.compile(spaced("结转下年度继续办理"))

# Where a heading may begin: start of text or line, after a sentence end, a space, a pipe, a digit
# (one-line reports glue "…0000000四、政府信息公开行政复议").
_BEFORE_CHAR = r"[\n。；;：:！!？?\s|\d）)*]"  # * : markdown's **一、总体情况**
_BEFORE = r"(?:(?<=^)|(?<=" + _BEFORE_CHAR + "))"
# the rest of a heading line, up to its closing 情况/事项/措施 ("存在的主要问题" + "及改进情况")
_TAIL = r"(?:[^。\n|\d,，:：;；]{0,14}?(?:情况|事项|措施|举措|方向|打算|计划|安排|思路))?"
_PATTERNS = {key: re.compile(_BEFORE + "(" + _NUMERAL + ")" + "(" + kw + _TAIL + ")", re.M)
             for key, kw in _HEADINGS.items()}
_NEEDS = {key: literal_requirements(pattern) for key, pattern in _PATTERNS.items()}
# Reports that number their six headings otherwise: (一), 1. or 1、, or not at all (a heading alone
# at the start of its line). Tried only when the standard numerals find too few headings, one
# style at a time: in the standard template "(一)主动公开" is a sub-heading of 总体情况, and a
# report numbers its six headings one way.
_LOOSE_NUMERALS = {
    "paren": r"\(\s*[一二三四五六七八九十]{1,2}\s*\)\s*",
    "arabic": r"\d{1,2}\s*[、.．](?!\d)\s*",
    "bare": r"(?<![^\n])",
}
_FEW_HEADINGS = 4  # of six: fewer, and the loose numerals are tried too


@lru_cache(maxsize=1)
def _loose_patterns() -> dict[str, dict[str, re.Pattern[str]]]:
    """Compiled on first use: most reports never need them, and compiling costs 8 ms."""
    return {style: {key: re.compile(_BEFORE + "(" + numeral + ")" + "(" + kw + _TAIL + ")", re.M)
                    for key, kw in _HEADINGS.items()}
            for style, numeral in _LOOSE_NUMERALS.items()}


@dataclass(frozen=True, slots=True)
class _Hit:
    key: str
    start: int
    end: int
    heading: str


# A heading starts at a numeral character right after a _BEFORE character (or at the very start):
# trying the patterns only there finds what a search finds, without visiting every position.
# A numeral, then a look back at the character before it: the regex engine skips ahead to the
# (rare) numerals and tests the boundary itself, with no Python step per candidate.
_NUMERAL_AFTER_BEFORE = re.compile(_NUMERAL_FIRST + "(?<=" + _BEFORE_CHAR + _NUMERAL_FIRST + ")")
_NUMERAL_AT_START = re.compile(_NUMERAL_FIRST)


def _heading_starts(text: str) -> list[int]:
    starts = [m.start() for m in _NUMERAL_AFTER_BEFORE.finditer(text)]
    return [0, *starts] if _NUMERAL_AT_START.match(text) else starts


def _search(key: str, text: str, starts: list[int], pos: int) -> re.Match[str] | None:
    """``_PATTERNS[key].search(text, pos)``, trying only the possible heading starts."""
    pattern = _PATTERNS[key]
    if not may_match(_NEEDS[key], text):
        return None
    for start in starts[bisect_left(starts, pos):]:
        match = pattern.match(text, start)
        if match:
            return match
    return None


def _find_headings(text: str) -> list[_Hit]:
    starts = _heading_starts(text)
    hits = _headings_in_order(text, lambda key, pos: _search(key, text, starts, pos))
    if len(hits) < _FEW_HEADINGS:
        for patterns in _loose_patterns().values():  # the style that finds the most, the first on a tie
            loose = _headings_in_order(text, _numbered_search(text, patterns))
            if len(loose) > len(hits):
                hits = loose
    return hits


def _numbered_search(text: str, patterns: dict[str, re.Pattern[str]]):
    """A search for headings whose numbers rise: "(一)主动公开情况" under "(一)总体情况" is a
    sub-heading, "(二)主动公开政府信息情况" the section."""
    last = 0

    def search(key: str, pos: int) -> re.Match[str] | None:
        nonlocal last
        if not may_match(_NEEDS[key], text):
            return None
        for match in patterns[key].finditer(text, pos):
            number = _numeral_value(match.group(1))
            if number is None or number > last:
                last = number or last
                return match
        return None
    return search


_CJK_NUMERALS = {ch: value for value, ch in enumerate("一二三四五六七八九十", start=1)}


def _numeral_value(numeral: str) -> int | None:
    """1 for "1." or "(一)", 11 for "(十一)"; None when there is no number (a bare heading)."""
    digits = "".join(ch for ch in numeral if ch.isdigit())
    if digits:
        return int(digits)
    values = [_CJK_NUMERALS[ch] for ch in numeral if ch in _CJK_NUMERALS]
    if not values:
        return None
    if len(values) == 3:  # 二十一
        return values[0] * 10 + values[2]
    if len(values) == 2:  # 十一 is 11, 二十 is 20
        return values[0] * 10 if values[1] == 10 else 10 + values[1]
    return values[0]


def _headings_in_order(text: str, search) -> list[_Hit]:
    """The headings ``search(key, pos)`` finds, each after the one before, in template order."""
    hits: list[_Hit] = []
    cursor = 0
    for key in SECTION_KEYS:
        match = search(key, cursor)
        if match is None:
            continue
        if key == "requests" and "结转" in match.group(2):
            continue
        hits.append(_Hit(key, match.start(), match.end(), match.group(0).strip()))
        cursor = match.end()
    return hits


def _infer_remedies(text: str, hits: list[_Hit]) -> _Hit | None:
    """The section-四 table is sometimes printed with no heading: it follows 结转下年度继续办理."""
    requests = next((h for h in hits if h.key == "requests"), None)
    if requests is None:
        return None
    after = next((h.start for h in hits if h.start > requests.start and h.key != "requests"), len(text))
    carried = None
    for match in _CARRIED_FORWARD.finditer(text, requests.end, after):
        carried = match  # the last 结转下年度 row before the next section
    search_from = carried.end() if carried else requests.end
    header = _T4_HEADER.search(text, search_from, after)
    if header is None:
        return None
    line_start = text.rfind("\n", search_from, header.start()) + 1 or header.start()
    start = max(line_start, search_from)
    return _Hit("remedies", start, start, "")


# Table 2 opens with 第二十条第(一)项 (its first row group): a heading lost, the table is still there
_T2_START = re.compile(r"第\s*(?:二\s*十|20)\s*条\s*第\s*\(\s*[一1]\s*\)\s*项")


def _infer_proactive(text: str, hits: list[_Hit]) -> _Hit | None:
    """Section 二 with no heading found: it starts at Table 2's first row group, the last one
    before section 三 (the narrative may cite 第二十条第(一)项 earlier)."""
    requests = next((h for h in hits if h.key == "requests"), None)
    if requests is None:
        return None
    overview = next((h for h in hits if h.key == "overview"), None)
    start = overview.end if overview else 0
    last = None
    for match in _T2_START.finditer(text, start, requests.start):
        last = match
    return _Hit("proactive", last.start(), last.start(), "") if last else None


# Table 3 opens with its header note, its applicant header or its first row
_T3_START = re.compile("|".join(("本列数据的勾稽关系", spaced("申请人情况"), spaced("本年新收政府信息公开申请"))))


def _infer_requests(text: str, hits: list[_Hit]) -> _Hit | None:
    """Section 三 with no heading found: it starts on the line where Table 3 opens, after the
    sections before it and before those after it."""
    before = [h for h in hits if SECTION_KEYS.index(h.key) < SECTION_KEYS.index("requests")]
    after = [h for h in hits if SECTION_KEYS.index(h.key) > SECTION_KEYS.index("requests")]
    start = max((h.end for h in before), default=0)
    end = min((h.start for h in after), default=len(text))
    found = _T3_START.search(text, start, end)
    if found is None:
        return None
    line_start = max(text.rfind("\n", start, found.start()) + 1, start)
    at = line_start if found.start() - line_start <= 80 else found.start()  # a run-together page is one line
    return _Hit("requests", at, at, "")


def split_sections(text: str) -> list[Section]:
    """Return the standard sections found, in order, each from its heading to the next one."""
    hits = _find_headings(text)
    keys = {h.key for h in hits}
    inferred: set[str] = set()
    # a lost heading, inferred from its table: 三 first, as 二 ends and 四 starts by it
    if "requests" not in keys:
        guess = _infer_requests(text, hits)
        if guess is not None:
            hits.append(guess)
            inferred.add("requests")
    if "proactive" not in keys:
        guess = _infer_proactive(text, hits)
        if guess is not None:
            hits.append(guess)
            inferred.add("proactive")
    if "remedies" not in keys:
        guess = _infer_remedies(text, hits)
        if guess is not None:
            hits.append(guess)
            inferred.add("remedies")
    if "overview" not in keys and hits and min(h.start for h in hits) > 0:
        # no 总体情况 heading: what comes before the first section is section 一 (its narrative
        # numbers still check the tables)
        hits.append(_Hit("overview", 0, 0, ""))
        inferred.add("overview")
    hits.sort(key=lambda h: h.start)
    sections = []
    for i, hit in enumerate(hits):
        end = hits[i + 1].start if i + 1 < len(hits) else len(text)
        body_start = hit.end
        while body_start < end and text[body_start].isspace():
            body_start += 1
        while end > body_start and text[end - 1].isspace():
            end -= 1
        sections.append(Section(
            key=hit.key,
            heading=hit.heading or None,
            start=body_start,
            end=end,
            text=text[body_start:end],
            inferred=hit.key in inferred,
        ))
    return sections


def looks_pre2019(text: str) -> bool:
    return bool(_PRE2019_HINTS.search(text))
