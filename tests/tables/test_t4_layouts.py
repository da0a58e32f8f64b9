from __future__ import annotations

import pytest

import ogi

HEAD = "一、总体情况\n2021年,某县人民政府认真落实。\n四、政府信息公开行政复议、行政诉讼情况\n"
TAIL = "\n五、存在的主要问题及改进情况\n一是不够。\n六、其他需要报告的事项\n无。"
VALUES = [2, 1, 0, 1, 4, 3, 0, 1, 0, 4, 0, 0, 1, 1, 2]
IDS = [f"t4.{r}.{c}" for r in ("review", "litigation_direct", "litigation_after_review")
       for c in ("upheld", "corrected", "other", "pending", "total")]


def _t4(report) -> list:
    cells = {c.cell_id: c.value for c in report.cells}
    return [cells[cid] for cid in IDS]


@pytest.mark.parametrize("body", [
    # the template: header rows, then 15 values
    "行政复议 | 行政诉讼\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
    + " | ".join(map(str, VALUES)),
    # transposed: one labelled row per remedy
    "| | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 行政复议 | 2 | 1 | 0 | 1 | 4 |\n"
    "| 行政诉讼 | 未经复议直接起诉 | 3 | 0 | 1 | 0 | 4 |\n| | 复议后起诉 | 0 | 0 | 1 | 1 | 2 |",
    # one digit run
    "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉" + "".join(map(str, VALUES)),
])
def test_table4_layouts(body):
    report = ogi.parse_bytes((HEAD + body + TAIL).encode(), source="t4.txt")
    assert _t4(report) == VALUES
    assert all(c.holds for c in report.checks if c.name.startswith("t4."))
