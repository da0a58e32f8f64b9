from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.text import split_overview

# Verbatim heading layout of corpus/raw/samples/taiping-district-2021.txt (bodies shortened).
TAIPING = (
    "一、 总体情况\n\n(一)主动公开情况\n\n全年主动公开政府信息。\n\n(二)依申请公开情况\n\n受理依申请公开7件。\n\n"
    "(三)政府信息管理情况\n\n加强管理。\n\n(四)政府信息公开平台建设情况\n\n建设平台。\n\n(五)监督保障情况\n\n加强监督。\n"
)
# "一是…" layout of corpus/raw/samples/gaoshi-township-2021.txt.
GAOSHI = "一、总体情况\n一是推进主动公开和依申请公开。网站内容不断丰富。\n二是加强政府信息管理。多方捕捉信息。\n"


def test_numbered_subsections_with_titles():
    subs = split_overview(TAIPING)
    assert [s.title for s in subs] == [
        "主动公开情况",
        "依申请公开情况",
        "政府信息管理情况",
        "政府信息公开平台建设情况",
        "监督保障情况",
    ]
    assert subs[1].text.startswith("(二)依申请公开情况") and "7件" in subs[1].text


def test_shi_enumeration_is_recognised():
    assert [s.title for s in split_overview(GAOSHI)] == ["推进主动公开和依申请公开", "加强政府信息管理"]


def test_unnumbered_overview_gives_no_subsections():
    assert split_overview("一、总体情况\n本年度工作平稳推进。") == []


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("一二三(())、是情况。\n 公开")) | st.characters(), max_size=150))
def test_offsets_are_exact(text):
    for s in split_overview(text):
        assert s.text == text[s.start : s.end]
        assert s.title == text[s.title_start : s.title_end]
