"""Locate a disclosing agency in the GB/T 2260 division table and tell its administrative level.

The table is ``resources/regions.tsv`` (built by ``scripts/make_regions.py``). Nothing is guessed: a
name that fits several units and that the context cannot narrow yields the deepest thing all readings
share (often just the province), or nulls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEVELS = ("central", "province", "city", "county", "township")

# Central organs carry no region name; these prefixes and ministry names mark them.
_CENTRAL_PREFIX = re.compile(
    r"^(?:国务院|国家|中华人民共和国|中共中央|中央|最高人民|全国|中国人民银行|海关总署|审计署)"
)
_CENTRAL_MINISTRY = re.compile(
    r"^(?:外交|国防|教育|科学技术|科技|工业和信息化|公安|国家安全|民政|司法|财政|人力资源和社会保障|自然资源|"
    r"生态环境|住房和城乡建设|交通运输|水利|农业农村|商务|文化和旅游|应急管理|退役军人事务|监察|"
    r"国土资源|环境保护|农业|文化|卫生|卫生和计划生育|铁道|人事|劳动和社会保障|建设)部"
)
# A township unit right after the last located unit (or at the very start): 高市乡人民政府, 城关镇, X街道办事处.
_TOWNSHIP = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,6}?)(?P<suf>街道办事处|街道|乡|镇)")
# Words with 乡/镇 that are not townships: 城乡建设, 乡村振兴, 乡镇企业.
_NOT_TOWNSHIP_NAME_END = ("城",)
_NOT_TOWNSHIP_NEXT = ("村", "镇", "企", "土", "建")
# 辽公网安备 21090402210922号: the first six digits are the registering public-security bureau's region.
_GONGAN = re.compile(r"公网安备\s*[:：]?\s*(\d{6})\d*")
# 辽ICP备 / 辽公网安备: the one-character province abbreviation.
_ABBREV = re.compile(
    r"([京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新港澳台])\s*(?:ICP|公网安)"
)
_ABBREV_CODE = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
    "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41",
    "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "蜀": "51",
    "黔": "52", "贵": "52", "滇": "53", "云": "53", "藏": "54", "陕": "61", "秦": "61", "甘": "62",
    "陇": "62", "青": "63", "宁": "64", "新": "65", "台": "71", "港": "81", "澳": "82",
}  # fmt: skip
# Long report texts: names are looked for in this many leading characters only, to keep a call cheap;
# the 公网安备/ICP clues (usually in the footer) are searched in the whole text.
CONTEXT_SCAN_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class Region:
    code: str | None  # 6-digit GB/T 2260 code of the most specific unit identified
    name: str | None  # full name of that unit, e.g. 淮安市
    province: str | None  # e.g. 江苏省
    province_code: str | None  # e.g. 320000
    level: str | None  # central/province/city/county/township for the AGENCY


EMPTY = Region(None, None, None, None, None)


@dataclass(frozen=True, slots=True)
class _Unit:
    code: str
    name: str
    level: str  # province/city/county
    parent: str
    current: bool


@dataclass(frozen=True, slots=True)
class _Table:
    units: dict[str, _Unit]  # code -> unit (aliases excluded: they share their unit's code)
    full: dict[str, tuple[str, ...]]  # full name (or alias) -> codes, current units first
    short: dict[str, tuple[str, ...]]  # short province/city name -> codes, for free context text only
    full_lens: dict[str, tuple[int, ...]]  # last char -> name lengths ending in it, longest first
    short_lens: dict[str, tuple[int, ...]]  # first two chars -> short-name lengths, longest first
    # where a name can end / a short name can begin: the scan visits only those positions
    full_ends: re.Pattern[str]
    short_starts: re.Pattern[str]


@lru_cache(maxsize=1)
def _table() -> _Table:
    text = resources.files("ogi.resources").joinpath("regions.tsv").read_text(encoding="utf-8")
    units: dict[str, _Unit] = {}
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    for ln in lines[1:]:
        code, name, sname, level, parent, status = ln.split("\t")
        # Rows of one code: the c row (or the only h row) is the unit; the rest are names for it.
        if status == "c" or (status == "h" and code not in units):
            units[code] = _Unit(code, name, level, parent, status == "c")
        full.setdefault(name, []).append(code)
        if level in ("province", "city") and sname != name and len(sname) >= 2:
            short.setdefault(sname, []).append(code)

    def order(d: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        # Current units first so ties read naturally; both stay candidates.
        return {k: tuple(sorted(set(v), key=lambda c: (not units[c].current, c))) for k, v in d.items()}

    full_lens: dict[str, set[int]] = {}
    for n in full:
        full_lens.setdefault(n[-1], set()).add(len(n))
    short_lens: dict[str, set[int]] = {}
    for n in short:
        short_lens.setdefault(n[:2], set()).add(len(n))
    return _Table(
        units,
        order(full),
        order(short),
        {k: tuple(sorted(v, reverse=True)) for k, v in full_lens.items()},
        {k: tuple(sorted(v, reverse=True)) for k, v in short_lens.items()},
        _one_of(full_lens),
        re.compile(_one_of(k[0] for k in short_lens).pattern + "(?=" + _one_of(k[1] for k in short_lens).pattern + ")"),
    )


def _one_of(chars) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]")


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    codes: tuple[str, ...]


def _scan(text: str, with_short: bool) -> list[_Mention]:
    """Non-overlapping unit names in text, leftmost then longest first."""
    t = _table()
    # (position visited, full before short at one position, mention): the order of a scan of every
    # character, which the stable sort below keeps for mentions of equal span
    found: list[tuple[int, int, _Mention]] = []
    for end in t.full_ends.finditer(text):  # the longest name ending at each position
        j = end.start()
        for n in t.full_lens[text[j]]:
            i = j - n + 1
            if i >= 0 and (codes := t.full.get(text[i : j + 1])):
                found.append((j, 0, _Mention(i, j + 1, codes)))
                break
    if with_short:
        for begin in t.short_starts.finditer(text):  # the longest short name starting at each position
            j = begin.start()
            for n in t.short_lens.get(text[j : j + 2], ()):
                if codes := t.short.get(text[j : j + n]):
                    found.append((j, 1, _Mention(j, j + n, codes)))
                    break
    found.sort(key=lambda f: (f[0], f[1]))
    return _leftmost_longest(m for _, _, m in found)


def _leftmost_longest(found: Iterable[_Mention]) -> list[_Mention]:
    """Non-overlapping mentions, the leftmost and then longest first."""
    out: list[_Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue
        # Two-char names (沛县, 城区, 东区) hide inside longer words; trust them only where a name starts.
        if m.end - m.start == 2 and m.start > 0 and not (out and out[-1].end == m.start):
            continue
        out.append(m)
    return out


def _within(code: str, anc: str) -> bool:
    """code is anc or lies under it (prefix rule of GB/T 2260; 省直辖 units hang off the province)."""
    if code == anc:
        return True
    if anc.endswith("0000"):
        return code[:2] == anc[:2]
    return anc.endswith("00") and code[:4] == anc[:4]


def _related(a: str, b: str) -> bool:
    return _within(a, b) or _within(b, a)


def _common(codes: tuple[str, ...] | list[str]) -> str | None:
    """Deepest unit that contains every code, if any."""
    units = _table().units
    first = codes[0]
    for anc in (first, first[:4] + "00", first[:2] + "0000"):
        if anc in units and all(_within(c, anc) for c in codes):
            return anc
    return None


def _chain(mentions: list[_Mention]) -> tuple[tuple[str, ...], int]:
    """Follow a hierarchical name (江苏省淮安市清江浦区) as deep as it stays consistent.

    Returns the candidate codes for the deepest unit and where its name ends in the text.
    """
    cands, end = mentions[0].codes, mentions[0].end
    for m in mentions[1:]:
        narrowed = tuple(c for c in m.codes if any(_within(c, a) and c != a for a in cands))
        if not narrowed:
            break  # 淮安市驻北京办事处: a second, unrelated place; the agency is the first one's
        cands, end = narrowed, m.end
    return cands, end


def _clues(context: str) -> list[tuple[str, ...]]:
    """Candidate-code groups named by the context, strongest first."""
    t = _table()
    groups: list[tuple[str, ...]] = []
    for m in _GONGAN.finditer(context):
        code = m.group(1)
        for c in (code, code[:4] + "00", code[:2] + "0000"):
            if c in t.units:
                groups.append((c,))
                break
    for m in _ABBREV.finditer(context):
        groups.append((_ABBREV_CODE[m.group(1)] + "0000",))
    groups.extend(m.codes for m in _scan(context[:CONTEXT_SCAN_LIMIT], with_short=True))
    return groups


def _narrow(cands: tuple[str, ...], clues: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Keep candidates that an unambiguous clue supports; clues that rule out everything are ignored."""
    for group in clues:
        if len(cands) == 1:
            break
        kept = tuple(c for c in cands if any(_related(c, g) for g in group))
        if kept:
            cands = kept
    return cands


def _from_context(clues: list[tuple[str, ...]]) -> tuple[str | None, bool]:
    """Locate from the context alone: the deepest named unit if all clues agree with it.

    Returns (code, exact): exact is False when only a common ancestor of disagreeing clues is known.
    """
    picks: list[str] = []
    for group in clues:
        g = _narrow(group, [x for x in clues if x is not group])
        if len(g) == 1:
            picks.append(g[0])
        elif (anc := _common(g)) is not None:
            picks.append(anc)
    if not picks:
        return None, False
    deepest = max(picks, key=lambda c: _depth(c))
    if all(_within(deepest, p) for p in picks):
        return deepest, True
    return _common(picks), False


def _depth(code: str) -> int:
    return {"province": 0, "city": 1, "county": 2}[_table().units[code].level]


def _township_after(rest: str) -> bool:
    # 武侯区人民政府浆洗街街道办事处: a township office named under its district's government
    rest = rest.removeprefix("人民政府")
    m = _TOWNSHIP.match(rest)
    if not m:
        return False
    # 城乡建设 and 城镇 are no townships, but 古城乡人民政府 is one: a government after the suffix says so
    if m.group("suf") in ("乡", "镇") and m.group("name").endswith(_NOT_TOWNSHIP_NAME_END) \
            and not rest.startswith(("人民政府", "政府"), m.end()):
        return False
    return not (m.group("suf") in ("乡", "镇") and rest[m.end() : m.end() + 1] in _NOT_TOWNSHIP_NEXT)


def _region(code: str | None, level: str | None) -> Region:
    if code is None:
        return Region(None, None, None, None, level)
    units = _table().units
    u, prov = units[code], units[code[:2] + "0000"]
    return Region(u.code, u.name, prov.name, prov.code, level)


def locate_agency(agency: str | None, context: str = "") -> Region:
    """Region and administrative level of a disclosing agency.

    ``context`` is optional clue text: the report's title or header/footer, a 公网安备 number, an ICP
    filing (辽ICP备...). Only its first CONTEXT_SCAN_LIMIT characters are searched for place names.
    """
    if not agency:
        return EMPTY
    return _locate(re.sub(r"\s+", "", agency), context or "")


@lru_cache(maxsize=1024)  # keyed by the context text too: a large cache only grows a worker's memory
def _locate(agency: str, context: str) -> Region:
    mentions = _scan(agency, with_short=False)
    if not mentions:
        if _township_after(agency):
            code, exact = _from_context(_clues(context)) if context else (None, False)
            return _region(code, "township")
        if _CENTRAL_PREFIX.match(agency) or _CENTRAL_MINISTRY.match(agency):
            return Region(None, None, None, None, "central")
        if not context:
            return EMPTY
        # 沿海工业城发展服务中心 + 三门县: an agency of whatever government the context names.
        code, exact = _from_context(_clues(context))
        level = _table().units[code].level if code and exact else None
        return _region(code, level)

    cands, end = _chain(mentions)
    township = _township_after(agency[end:])
    if len(cands) > 1 and context:
        cands = _narrow(cands, _clues(context))
    if len(cands) == 1:
        code = cands[0]
        level = "township" if township else _table().units[code].level
        return _region(code, level)
    # Still ambiguous: report only what every reading shares, never one of them.
    units = _table().units
    levels = {units[c].level for c in cands}
    level = "township" if township else (levels.pop() if len(levels) == 1 else None)
    return _region(_common(cands), level)
