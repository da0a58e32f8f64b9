"""Report metadata: agency, year, publication date, template, kind. Unknown stays None."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import literal_requirements, may_match, spaced

_TITLE_LINE = re.compile(r"(?m)^\s*(?:标题|题名)\s*[:：]\s*(?P<title>[^\n]+)$")
_TITLE_LINE_NEEDS = literal_requirements(_TITLE_LINE)  # 标题 or 题名: most pages have no such line
_PUBLISHED_LINE = re.compile(
    r"(?:发布时间|发布日期|日期|成文日期|发文日期)\s*[:：]\s*(?P<y>(?:19|20)\d\d)[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})"
)
_SIGNED_DATE = re.compile(r"(?P<y>20\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$")
_STATS_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计时间|统计区间|统计周期|统计范围)[^。\n]{0,12}?(?P<year>(?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日"
)
_OPENING_YEAR = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*年(?:度)?(?:以来|,|，|\s|我|全|在)")
_AGENCY_SUFFIX = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办|办事处|管理委员会|管委会|委员会|"
    r"局|委|办公室|办|中心|厅|署|院|会|所|站|队|处|部|综合实验区|新区|开发区|园区)"
)
_OPENING_AGENCY = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)\s*年(?:度)?(?:以来)?|今年以来|今年|本年度|一年来)\s*[,，]?\s*(?:在[^,，。]{2,40}?(?:下|中|指导下)\s*[,，]\s*)?"
    r"(?P<agency>[\u4e00-\u9fff]{2,30}?" + _AGENCY_SUFFIX + r")(?=认真|坚持|深入|紧紧|全面|按照|严格|扎实|以|在|"
    r"进一步|政务|政府信息|高度|始终|持续|积极|围绕|不断|切实|聚焦|着力|立足|贯彻|把|将|结合|根据|依据|全力|强化|共|主动|"
    r"信息公开|紧扣|牢牢|对标|从)"
)
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:乡|镇|县|区|市|省|街道|自治州|自治县|旗)(?:政府)?$")
_SELF_OFFICE = re.compile(r"我办")
_PLACE_NAME = re.compile(r"(?:省|市|区|县|乡|镇|街道|自治州|自治县|自治区|旗|盟)$")

def _header_words(*words: str) -> re.Pattern[str]:
    """Any of ``words``, with white space allowed between their characters: a PDF or a narrow
    table cell wraps 本年制发件数 as 本年制发 / 件数."""
    return re.compile("|".join(map(spaced, words)))


TEMPLATE_2021 = _header_words("本年制发件数", "本年废止件数", "现行有效件数")
TEMPLATE_2019 = _header_words("本年新制作数量", "本年新公开数量", "对外公开总数量")
TEMPLATE_2021_T3 = _header_words("逾期不补正", "逾期未按收费通知")
_PRE2019 = re.compile(r"收费及减免|收费和减免|减免情况|依申请公开政府信息(?:的)?情况|依申请公开情况统计")


@dataclass(frozen=True, slots=True)
class Meta:
    title: str | None
    agency: str | None
    year: int | None
    year_source: str | None
    published: str | None
    template: str
    kind: str | None


def _iso(y: str, m: str, d: str) -> str | None:
    month, day = int(m), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(y):04d}-{month:02d}-{day:02d}"


def find_title(head: str, given: str | None = None) -> str | None:
    """The report title: given by the page, a crawler's 标题: line, or the first title-like line."""
    if given:
        title = _page_title(given)
        if _TITLE_CORE.search(title):
            return title
        # the page is titled by its site's name (某某管理委员会门户网站): look in the text
    line = _TITLE_LINE.search(head) if may_match(_TITLE_LINE_NEEDS, head) else None
    if line:
        return line.group("title").strip()
    lines = [ln.strip() for ln in head.split("\n", 40)[:40]]  # a title is in the first 40 lines
    for i, ln in enumerate(lines):
        if len(ln) <= 80 and _TITLE_CORE.search(ln) and re.search(r"报告[》\"”]?$|年度报告|年报", ln) \
                and not _BREADCRUMB.search(ln):
            previous = next((p for p in reversed(lines[:i]) if p), "")
            if _agency_from_title(ln)[0] is None and previous and len(previous) <= 40:
                return previous + ln  # a title printed on two lines: agency, then year + 年度报告
            return ln
    # a page run together (a scraper that dropped the line breaks): a first line too long for a
    # title holds it as one of its first words, with a year (a word of the link trail has none)
    first_line = head.split("\n", 1)[0]
    if len(first_line) <= 80:
        return None
    for word in first_line[:_RUN_TOGETHER_HEAD].split():
        if len(word) <= 60 and _TITLE_CORE.search(word) and _WORD_TITLE_END.search(word) \
                and _TITLE_YEAR.search(word) and not _BREADCRUMB.search(word):
            return word
    return None


_RUN_TOGETHER_HEAD = 1000
_WORD_TITLE_END = re.compile(r"(?:报告|年报)[》\"”]?$")


# A page's <title> adds its column and site: 某局2021年…年度报告_政府信息公开年报_某市人民政府,
# or after " - ", "|", "——"; and a tag may lead it: 【年度报告】
_PAGE_TITLE_PARTS = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s|——|--|-(?=[^\d\s]))\s*")
_PAGE_TITLE_TAG = re.compile(r"^\s*(?:【[^】]{0,12}】|\[[^\]]{0,12}\])\s*")


def _page_title(given: str) -> str:
    """The report's own part of a page title: the first part naming the report, else the first."""
    parts = [p for p in _PAGE_TITLE_PARTS.split(_PAGE_TITLE_TAG.sub("", given).strip()) if p]
    return next((p for p in parts if _TITLE_CORE.search(p)), parts[0] if parts else "")


# 当前位置: 首页 > 政务公开 > 政府信息公开年报: a page's trail of links, never its title
_BREADCRUMB = re.compile(r"当前位置|首页|[>»›]")
_TITLE_CORE = re.compile(r"(?:政府)?(?:信息公开|政务公开)(?:工作)?")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?:度)?")
_TITLE_LEAD = re.compile(r"^(?:关于)?(?:印发|公布|发布|转发)?")
_TITLE_NOISE = re.compile(r"[《》“”\"'\s]|的(?:公告|通知|报告)$")


# 二〇二一年 (or 二○二一年, 二零二一年): a year written in Chinese numerals
_CJK_YEAR = re.compile(r"(?<![〇○零一二三四五六七八九十])[一二][〇○零一二三四五六七八九]{3}(?=\s*年)")
_CJK_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def _arabic_years(text: str) -> str:
    return _CJK_YEAR.sub(lambda m: m.group().translate(_CJK_DIGITS), text)


def _agency_from_title(title: str) -> tuple[str | None, int | None]:
    """Agency and year from a title, whichever order they come in:
    某局2021年政府信息公开工作年度报告 · 2021年某区政府信息公开… · 某局政府信息公开工作2021年度报告."""
    text = _TITLE_NOISE.sub("", _arabic_years(title))
    core = _TITLE_CORE.search(text)
    if core is None:
        return None, None
    year_match = _TITLE_YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    if year_match and year_match.start() < core.start():
        before = text[: year_match.start()]
        agency = before or text[year_match.end(): core.start()]  # year first: 2021年太平区政府…
    else:
        agency = text[: core.start()]
    # 关于印发《某区2021年…报告》的通知: the report published as a notice; 某市人民政府办公室关于某市
    # 2022年…报告: published by an office, of the agency named after 关于
    agency = _TITLE_LEAD.sub("", agency).removesuffix("关于").removesuffix("的")
    publisher, about, subject = agency.partition("关于")
    agency = subject if about and subject else publisher
    agency = re.sub(r"^[,、:]+|[,、:]+$", "", agency)
    return agency or None, year


def _complete_bare_place(agency: str, text: str) -> str:
    """'高市乡' in a title '高市乡政府信息公开工作年度报告' is the 高市乡人民政府."""
    place = agency.removesuffix("政府")
    if not _BARE_PLACE.match(agency):
        return agency
    full = place + "人民政府"
    if full in text:
        return full
    return agency


def detect_template(text: str) -> str:
    if TEMPLATE_2021.search(text):
        return "2021"
    if TEMPLATE_2019.search(text):
        return "2019"
    if TEMPLATE_2021_T3.search(text):
        return "2021"
    if _PRE2019.search(text):
        return "pre2019"
    return "unknown"


def classify_kind(agency: str | None) -> str | None:
    if not agency:
        return None
    if agency.endswith(("人民政府", "管委会", "管理委员会", "综合实验区", "街道办事处", "乡政府", "镇政府")):
        return "government"
    if re.search(r"(?:局|委|厅|部|署|办公室|办公厅|办|委员会|政府办)$", agency):
        return "department"
    if _PLACE_NAME.search(agency):
        return "government"  # 某某区2022年政府信息公开工作年度报告: a place's report is its government's
    return "other"


def extract_meta(text: str, *, title: str | None = None, published: str | None = None) -> Meta:
    """Metadata from the normalised text (and the page's own title/date where the reader found them)."""
    head = text[:3000]
    title = find_title(head, title)
    agency, year = _agency_from_title(title) if title else (None, None)
    year_source = "title" if year else None
    body_start = re.search(r"(?:^|\n|\s)一\s*[、.]\s*(?:总体情况|概述)", text)
    opening = text[body_start.end(): body_start.end() + 400] if body_start else head
    if agency is None:
        match = _OPENING_AGENCY.search(opening) or _OPENING_AGENCY.search(head)
        if match:
            agency = match.group("agency")
    if agency and title is None and _SELF_OFFICE.search(text[:4000]) and agency.endswith("人民政府"):
        agency += "办公室"  # 我办 is how a government's general office speaks of itself
    if agency:
        agency = _complete_bare_place(agency, text)
    if year is None:
        stats = _STATS_PERIOD.search(text[:6000])
        if stats:
            year, year_source = int(stats.group("year")), "statistics_period"
    if year is None:
        match = _OPENING_YEAR.search(opening)
        if match:
            year, year_source = int(match.group("year")), "opening"
    if agency is None:
        agency = _agency_from_self_reference(head)
    if year is None:
        year = _dominant_year(opening + text[:4000])
        year_source = "narrative" if year else None
    published_iso = None
    if published:
        match = re.match(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", published)
        published_iso = _iso(*match.groups()) if match else None
    if published_iso is None:
        match = _PUBLISHED_LINE.search(head)
        if match:
            published_iso = _iso(match.group("y"), match.group("m"), match.group("d"))
    if published_iso is None:
        match = _SIGNED_DATE.search(text[-200:].rstrip())
        if match:
            published_iso = _iso(match.group("y"), match.group("m"), match.group("d"))
    return Meta(title=title, agency=agency, year=year, year_source=year_source, published=published_iso,
                template=detect_template(text), kind=classify_kind(agency))


_PLACE_GOVERNMENT = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,12}?(?:省|市|县|区|乡|镇|旗))(?:人民)?政府")
_SELF_GOVERNMENT = re.compile(r"我(?:省|市|县|区|乡|镇|旗)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")


def _agency_from_self_reference(head: str) -> str | None:
    """No title and no named subject: '我办' + '石台县人民政府网站' is 石台县人民政府办公室."""
    match = _PLACE_GOVERNMENT.search(head)
    if not match:
        return None
    place = match.group("place")
    # the match starts too early in running text ("电子版可在石台县"): most place names are 2 characters
    government = place[-3:] + "人民政府"
    if _SELF_OFFICE.search(head):
        return government + "办公室"
    if _SELF_GOVERNMENT.search(head):
        return government
    return None


def _dominant_year(text: str) -> int | None:
    """A year named at least twice and more often than any other, e.g. 2021年底前 … 截至2021年12月31日."""
    counts: dict[int, int] = {}
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    best, n = ranked[0]
    if n >= 2 and (len(ranked) == 1 or ranked[1][1] < n):
        return best
    return None
