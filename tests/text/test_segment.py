from __future__ import annotations

from ogi.text import segment_table
from ogi.text.segment import COLUMNS

SECTION = "存在问题:一是公开内容不够全面;二是更新不及时。改进措施:加强培训。"


def test_rows_carry_id_part_and_offsets():
    rows = segment_table([("S1", SECTION), ("S2", "")])
    assert [tuple(r) for r in rows] == [COLUMNS] * 3
    assert [(r["id"], r["part"], r["n"]) for r in rows] == [("S1", "problem", 1), ("S1", "problem", 2), ("S1", "measure", 1)]
    for r in rows:
        assert SECTION[r["start"] : r["end"]] == r["text"]
