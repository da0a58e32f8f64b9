"""Every hand-checked cell of the nine real files, against the parser."""

from __future__ import annotations

import pytest

import ogi
from tests.conftest import load_gold, raw_path

GOLD = load_gold()


@pytest.fixture(scope="module")
def reports():
    return {g["file"]: ogi.parse(raw_path(g["file"])) for g in GOLD}


@pytest.mark.parametrize("entry", GOLD, ids=[g["file"] for g in GOLD])
def test_every_gold_cell_is_right(entry, reports):
    report = reports[entry["file"]]
    cells = {c.cell_id: c for c in report.cells if not c.extra}
    wrong = {cid: (want, cells[cid].value if cid in cells else "absent")
             for cid, want in entry["cells"].items() if cid not in cells or cells[cid].value != want}
    assert wrong == {}


@pytest.mark.parametrize("entry", GOLD, ids=[g["file"] for g in GOLD])
def test_metadata_matches_gold(entry, reports):
    meta = reports[entry["file"]].meta
    assert (meta["agency"], meta["year"], meta["template"]) == (entry["agency"], entry["year"], entry["template"])


@pytest.mark.parametrize("entry", GOLD, ids=[g["file"] for g in GOLD])
def test_no_identity_fails_on_gold_files(entry, reports):
    failed = [c.name for c in reports[entry["file"]].checks if c.holds is False and not c.name.startswith("text.")]
    assert failed == []


def test_missing_cell_is_inferred_not_shifted(reports):
    cells = {c.cell_id: c for c in reports["samples/taiping-district-2021.txt"].cells}
    row = [cells[f"t3.withheld_prohibited_by_law.{col}"] for col in
           ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")]
    assert [c.status.value for c in row] == ["ok"] * 6 + ["inferred"]
    assert row[-1].raw is None and row[-1].value == 0


def test_cell_printed_00_keeps_raw(reports):
    cell = {c.cell_id: c for c in reports["samples/gaoshi-township-2021.txt"].cells}["t3.carried_forward.research"]
    assert (cell.value, cell.raw, cell.status.value) == (0, "00", "ok")


def test_glued_digit_run_decoded_with_offsets(reports):
    report = reports["pingtan-2022.txt"]
    cells = {c.cell_id: c for c in report.cells}
    new = [cells[f"t3.new_received.{c}"] for c in ("natural_person", "commercial", "total")]
    assert [c.value for c in new] == [71, 3, 74]
    assert all(report.text[c.start:c.end] == c.raw for c in new)
    assert {c.source for c in new} == {"digit_run"}


def test_narrative_number_fixes_ambiguous_run(reports):
    cells = {c.cell_id: c for c in reports["pingtan-2022.txt"].cells}
    docs = [cells[f"t2.normative_docs.{c}"] for c in ("issued", "repealed", "in_force")]
    assert [c.value for c in docs] == [88, 55, 698]


def test_ambiguous_split_without_narrative_lists_candidates(reports):
    cells = {c.cell_id: c for c in reports["pingtan-transport-2024.txt"].cells}
    in_force = cells["t2.normative_docs.in_force"]
    assert in_force.status.value == "ambiguous"
    assert 23 in in_force.candidates and len(in_force.candidates) > 1


def test_money_with_unit_in_cell(reports):
    cell = {c.cell_id: c for c in reports["samples/shitai-county-office-2020.txt"].cells}["t2.procurement.amount"]
    assert (cell.value, cell.unit, cell.raw) == (9.46, "万元", "9.46万元")
