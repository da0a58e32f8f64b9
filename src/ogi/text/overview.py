"""Cut section 一、总体情况 into its numbered sub-sections ((一)主动公开 … (五)监督保障)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .items import _sequences
from .view import make_view

# The section's own heading line, e.g. "一、 总体情况".
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+[、.]\s*[^\n]{0,24}?(?:\n|$)")
_TITLE_END = re.compile(r"[。\n:;,\s]|(?=20\d\d年)")
_TITLE_MAX = 40


@dataclass(frozen=True, slots=True)
class Subsection:
    n: int
    title: str
    text: str  # the whole sub-section, enumerator included
    start: int
    end: int
    title_start: int
    title_end: int


def split_overview(section_text: str) -> list[Subsection]:
    """Sub-sections in order; offsets are into ``section_text``. Empty list when unnumbered."""
    view = make_view(section_text)
    v = view.text
    head = _HEADING.match(v)
    begin = head.end() if head else 0
    seq = _sequences(v, begin, len(v))
    if not seq:
        return []
    out: list[Subsection] = []
    bounds = [*(e.start for e in seq[1:]), len(v)]
    for n, (e, stop) in enumerate(zip(seq, bounds, strict=True), start=1):
        while stop > e.end and v[stop - 1].isspace():
            stop -= 1
        t_start = e.end
        while t_start < stop and v[t_start].isspace():
            t_start += 1
        m = _TITLE_END.search(v, t_start, min(stop, t_start + _TITLE_MAX))
        t_end = m.start() if m else min(stop, t_start + _TITLE_MAX)
        o_start, o_end = view.span(e.start, stop)
        ot_start, ot_end = view.span(t_start, t_end)
        out.append(
            Subsection(n, section_text[ot_start:ot_end], section_text[o_start:o_end], o_start, o_end, ot_start, ot_end)
        )
    return out
