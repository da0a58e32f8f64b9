"""A 法人或其他组织 subtotal column: parsed as an extra, checked cell; canonical cells never shift."""

from __future__ import annotations

import re

import pytest

import ogi
from tests.conftest import load_gold, raw_path

GOLD = {g["file"]: g["cells"] for g in load_gold()}
_ROW = re.compile(r"(?P<label>\|)(?P<nums>(?:\s*\d+\s*\|){6,7})(?P<rest>[^\n]*)$", re.M)


def _with_subtotal(text: str, position: int) -> str:
    """Insert the organisations' subtotal after 自然人 (position 1) or before 总计 (position 6)."""
    start = text.index("三、收到和处理")
    end = text.index("五、存在的主要问题")

    def add(match: re.Match) -> str:
        nums = [int(n) for n in match.group("nums").replace(" ", "").strip("|").split("|")]
        # a row that lost its total (taiping prints six numbers in one row) stays one short
        values = [*nums[:6], sum(nums[1:6]), *nums[6:]] if position == 6 else [nums[0], sum(nums[1:6]), *nums[1:]]
        return match.group("label") + " " + " | ".join(map(str, values)) + " |" + match.group("rest")

    return text[:start] + _ROW.sub(add, text[start:end]) + text[end:]


@pytest.mark.parametrize("position", [1, 6])
@pytest.mark.parametrize("name", ["samples/taiping-district-2021.txt", "pingtan-transport-2024.html"])
def test_subtotal_column_is_an_extra_cell(name, position):
    path = raw_path(name)
    text = ogi.parse(path).text if path.suffix == ".html" else path.read_text(encoding="utf-8")
    report = ogi.parse_bytes(_with_subtotal(text, position).encode(), source="x.txt")
    cells = {c.cell_id: c for c in report.cells}
    wrong = {cid: (want, cells[cid].value) for cid, want in GOLD[name].items() if cells[cid].value != want}
    assert wrong == {}
    extra = cells["t3.new_received.org_subtotal"]
    assert extra.extra and extra.value == GOLD[name]["t3.new_received.total"] - GOLD[name]["t3.new_received.natural_person"]
    checks = {c.name: c.holds for c in report.checks}
    assert checks["t3.org_subtotal.granted"] is True
    assert not [n for n, h in checks.items() if h is False and not n.startswith("text.")]


def test_one_stray_eighth_number_does_not_switch_the_table():
    text = raw_path("samples/gaoshi-township-2021.txt").read_text(encoding="utf-8")
    text = text.replace("2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    cells = {c.cell_id: c for c in ogi.parse_bytes(text.encode(), source="g.txt").cells}
    assert "t3.new_received.org_subtotal" not in cells
    assert all(cells[cid].value == v for cid, v in GOLD["samples/gaoshi-township-2021.txt"].items())


def _three_columns(text: str) -> str:
    """Table 3 printed as 自然人 | 法人或其他组织 | 总计: the five organisation columns summed."""
    def collapse(line: str) -> str:
        cells = [c.strip() for c in line.split("|")]
        at = [i for i, c in enumerate(cells) if c.isdigit()]
        if len(at) != 7 or at != list(range(at[0], at[0] + 7)):
            return line
        v = [int(cells[i]) for i in at]
        return " | ".join([*cells[:at[0]], str(v[0]), str(sum(v[1:6])), str(v[6]), *cells[at[0] + 7:]])
    return "\n".join(map(collapse, text.split("\n")))


@pytest.mark.parametrize("name", ["samples/gaoshi-township-2021.txt", "pingtan-transport-2024.html", "huaian-city-2024.pdf"])
def test_organisations_printed_as_one_column(name):
    report = ogi.parse_bytes(_three_columns(ogi.parse(raw_path(name)).text).encode(), source="x.txt")
    cells = {c.cell_id: c for c in report.cells}
    gold = GOLD[name]
    for cid, want in gold.items():
        if not cid.startswith("t3."):
            continue
        if cid.endswith((".natural_person", ".total")):
            assert cells[cid].value == want, cid  # the printed columns read as printed
        elif cells[cid].status.value == "inferred":
            # a printed 法人或其他组织 of 0: its five columns are all 0 (counts are never negative)
            row = cid.split(".")[1]
            assert cells[f"t3.{row}.org_subtotal"].value == 0 and cells[cid].value == want == 0, cid
        else:
            assert cells[cid].status.value == "missing", cid  # never guessed, never shifted
    extra = cells["t3.new_received.org_subtotal"]
    assert extra.extra and extra.value == gold["t3.new_received.total"] - gold["t3.new_received.natural_person"]
    checks = {c.name: c.holds for c in report.checks}
    assert "t3.three_columns" in checks and checks["t3.row_total_by_org.new_received"] is True
    assert not [n for n, h in checks.items() if h is False and not n.startswith("text.")]
