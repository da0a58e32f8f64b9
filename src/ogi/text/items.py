"""Cut section 五 into problem and measure items (codebook §3).

Steps: find headings (they set the part), split running text at measure markers, find
numbered enumerator sequences, cut items between enumerators (or at ";" when there are
none), then drop preambles and transition headers. All matching runs on the view
(``view.py``); offsets returned are into the caller's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import literal_requirements, may_match
from . import lexicon as lx
from .view import View, make_view

PROBLEM = "problem"
MEASURE = "measure"
_PENDING = "pending"  # after a combined title: problem until an item names no shortfall
_SKIP = "skip"  # achievement paragraphs (主要措施)


@dataclass(frozen=True, slots=True)
class Item:
    part: str
    n: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Enum:
    family: str
    value: int  # 0 = "any next" (最后)
    start: int
    end: int


# ---------------------------------------------------------------- headings and regions


def _heading_kind(phrase: str) -> str:
    problem = bool(lx.HEAD_PROBLEM.search(phrase))
    measure = bool(lx.HEAD_MEASURE.search(phrase))
    if problem and measure:
        return _PENDING
    if problem:
        return PROBLEM
    if measure:
        return MEASURE
    return _SKIP if lx.HEAD_ACHIEVEMENT.search(phrase) else ""


def _headings(v: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    title = lx.TITLE.match(v)
    if title:
        kind = _heading_kind(title.group(0))
        if kind:
            found.append((title.start(), title.end(), kind))
    for pattern in (lx.NUMBERED_HEAD, lx.LABEL_HEAD):
        for m in pattern.finditer(v):
            phrase = m.group("phrase")
            if lx.HEAD_NOT.match(phrase) or (found and m.start() < found[0][1] and title):
                continue
            kind = _heading_kind(phrase)
            if kind:
                found.append((m.start(), m.end(), kind))
    found.sort()
    out: list[tuple[int, int, str]] = []
    for h in found:  # overlapping matches: keep the first
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


def _at_sentence_start(v: str, pos: int, comma_ok: bool) -> bool:
    i = pos - 1
    while i >= 0 and v[i].isspace():
        i -= 1
    if i < 0:
        return True
    return v[i] in "。;!?:" or (i < pos - 1 and v[i] not in ",、") or (comma_ok and v[i] == ",")


def _measure_start(v: str, start: int, end: int) -> int | None:
    for m in lx.MEASURE_MARKERS.finditer(v, start, end):
        comma_ok = bool(lx.COMMA_MARKERS.fullmatch(m.group(0)))
        if _at_sentence_start(v, m.start(), comma_ok) and m.start() > start:
            return m.start()
        if m.start() == start:
            return start
    return None


def _regions(v: str) -> list[tuple[str, int, int]]:
    regions: list[tuple[str, int, int]] = []
    kind, cursor = _PENDING, 0
    for h_start, h_end, h_kind in [*_headings(v), (len(v), len(v), _PENDING)]:
        if h_start > cursor:
            regions.append((kind, cursor, h_start))
        kind, cursor = h_kind, h_end
    out: list[tuple[str, int, int]] = []
    for kind, s, e in regions:
        if kind in (PROBLEM, _PENDING):
            cut = _measure_start(v, s, e)
            if cut is not None:
                if cut > s:
                    out.append((kind, s, cut))
                out.append((MEASURE, cut, e))
                continue
        out.append((kind, s, e))
    return out


# ---------------------------------------------------------------- enumerators


def _value(family: str, raw: str) -> int:
    if family in ("order", "aspect"):
        return lx.ORDER_VALUES[raw]
    if raw.isdigit():
        return int(raw)
    if raw == "十":
        return 10
    if raw.startswith("十"):
        return 10 + lx.ZH_VALUES[raw[1]]
    if len(raw) == 2 and raw[1] == "十":
        return 10 * lx.ZH_VALUES[raw[0]]
    return lx.ZH_VALUES.get(raw[0], 0) if len(raw) == 1 else 0


# each enumerator pattern with the words its matches contain: most are absent from a given region
_ENUMERATORS = tuple((family, pattern, literal_requirements(pattern)) for family, pattern in lx.ENUMERATORS)


def _occurrences(v: str, start: int, end: int) -> list[_Enum]:
    occ: list[_Enum] = []
    region = v[start:end]  # a region start counts as a line start (e.g. right after a heading)
    for family, pattern, needs in _ENUMERATORS:
        if not may_match(needs, region):
            continue
        for m in pattern.finditer(region):
            value = _value(family, m.group("n"))
            if value or family == "order":
                occ.append(_Enum(family, value, start + m.start(), start + m.end()))
    occ.sort(key=lambda e: (e.start, -e.end))
    return occ


def _chain(occ: list[_Enum], first: _Enum) -> list[_Enum]:
    chain = [first]
    expected = 2
    for e in occ:
        if e.family == first.family and e.start >= chain[-1].end and e.value in (expected, 0):
            chain.append(e)
            expected += 1
    return chain


def _sequences(v: str, start: int, end: int) -> list[_Enum]:
    """Top-level enumerators: the earliest "1" decides the family; restarts are allowed."""
    occ = _occurrences(v, start, end)
    ones = [e for e in occ if e.value == 1]
    if not ones:
        return []
    result = _chain(occ, ones[0])
    while True:
        last = result[-1]
        single = len(result) == 1 or result[-2].family != last.family
        nxt = next((e for e in ones if e.start >= last.end and (e.family == last.family or single)), None)
        if nxt is None:
            return result
        result.extend(_chain(occ, nxt))


# ---------------------------------------------------------------- cleaning


_SENTENCE = re.compile(r"[^。!?:]*[。!?:]+|[^。!?:]+$")


def _sentences(v: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _SENTENCE.finditer(v[start:end]) if m.group().strip()]


def _names_problem(text: str, strict: bool) -> bool:
    generic = lx.GENERIC_STRICT if strict else lx.GENERIC_LOOSE
    return bool(lx.PROBLEM_CUES.search(generic.sub("", text)))


def _is_header(text: str) -> bool:
    return bool(lx.HEADER_SENTENCE.search(text.strip()))


def _strip_leadin(v: str, start: int, end: int) -> int:
    text = v[start:end]
    for pattern in (lx.LEADIN_MAIN, lx.LEADIN_RU):
        m = pattern.match(text)
        if m:
            return start + m.end()
    m = lx.LEADIN_BUT.match(text)
    if m and lx.ACHIEVEMENT.search(m.group("pre")):
        return start + m.end()
    m = lx.LEADIN_GAP.match(text)
    return start + m.end() if m else start


_CUT_OFF_ENUMERATOR = re.compile(r"[。;]\s*(?:[一二三四五六七八九十]|\d{1,2})$")


def _trim(v: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (v[start].isspace() or v[start] in ",:;、"):
        start += 1
    while end > start and (v[end - 1].isspace() or v[end - 1] in ",;、"):
        end -= 1
    # A source cut off right after the next enumerator: "…公众。一".
    m = _CUT_OFF_ENUMERATOR.search(v, start, end)
    if m:
        end = m.start() + 1
    return start, end


def _clean(v: str, start: int, end: int, part: str, mode: str) -> tuple[int, int] | None:
    """mode: "item" (after an enumerator), "pre" (before the first one), "chunk" (no enumerators)."""
    start, end = _trim(v, start, end)
    sents = _sentences(v, start, end)
    problem = part != MEASURE
    while sents:
        text = v[sents[0][0] : sents[0][1]]
        if mode == "item":
            drop = problem and bool(lx.GENERIC_ENDING.search(text)) and not _names_problem(text, strict=True)
        elif problem:
            drop = _is_header(text) or not _names_problem(text, strict=mode == "pre")
        else:
            drop = _is_header(text)
        if not drop:
            break
        sents.pop(0)
    while sents and mode != "item" and _is_header(v[sents[-1][0] : sents[-1][1]]):
        sents.pop()
    if not sents:
        return None
    start, end = sents[0][0], sents[-1][1]
    if problem and mode != "item":
        start = _strip_leadin(v, start, end)
    start, end = _trim(v, start, end)
    return (start, end) if end > start else None


_SEMICOLON = re.compile(";")


def _cut(v: str, part: str, start: int, end: int) -> list[tuple[int, int]]:
    seq = _sequences(v, start, end)
    spans: list[tuple[int, int]] = []
    if not seq:
        pos = start
        for m in [*_SEMICOLON.finditer(v, start, end), None]:
            stop = m.start() if m else end
            span = _clean(v, pos, stop, part, "chunk")
            if span:
                spans.append(span)
            pos = stop + 1
        return spans
    pre = _clean(v, start, seq[0].start, part, "pre")
    if pre:
        spans.append(pre)
    bounds = [*(e.start for e in seq[1:]), end]
    for e, stop in zip(seq, bounds, strict=True):
        span = _clean(v, e.end, stop, part, "item")
        if span:
            spans.append(span)
    return spans


# ---------------------------------------------------------------- public


def _original_span(view: View, start: int, end: int) -> tuple[int, int]:
    o_start, o_end = view.span(start, end)
    if end < len(view.index) and view.index[end] > o_end and view.text[end - 1] not in "。;,":
        o_end = view.index[end]  # keep a pinyin gloss that follows the last character
    return o_start, o_end


def split_items(section_text: str) -> list[Item]:
    """Problem and measure items of a section-五 text; ``text == section_text[start:end]``."""
    view = make_view(section_text)
    v = view.text
    items: list[Item] = []
    counts = {PROBLEM: 0, MEASURE: 0}
    for kind, start, end in _regions(v):
        if kind == _SKIP:
            continue
        switched = False
        for s, e in _cut(v, kind, start, end):
            part = kind
            if kind == _PENDING:
                # After a combined title the problems come first; the first item that names no
                # shortfall opens the measure part.
                switched = switched or not _names_problem(v[s:e], strict=False)
                part = MEASURE if switched else PROBLEM
            o_start, o_end = _original_span(view, s, e)
            counts[part] += 1
            items.append(Item(part, counts[part], section_text[o_start:o_end], o_start, o_end))
    return items
