"""Layout 8: a numbers-only grid whose labels were lost is filled by position only on an exact count."""

from __future__ import annotations

import random

import ogi
from ogi import schema
from ogi.synth import random_values

HEAD = "一、总体情况\n2021年,某县人民政府认真落实。\n"
TAIL = "\n五、存在的主要问题及改进情况\n一是不够。\n六、其他需要报告的事项\n无。"


def _numbers_only(values, template="2021", drop: int | None = None) -> str:
    t2 = [values[f"t2.{r.key}.{c}"] for r in schema.t2_rows(template) for c in r.columns]
    t3 = [values[f"t3.{r.key}.{c.key}"] for r in schema.t3_rows(template) for c in schema.T3_COLUMNS]
    if drop is not None:
        del t3[drop]
    t4 = [values[f"t4.{r.key}.{c.key}"] for r in schema.T4_ROWS for c in schema.T4_COLUMNS]
    header = "本年制发件数 本年废止件数 现行有效件数"

    def grid(numbers, width):
        return "\n".join(" ".join(str(n) for n in numbers[i:i + width]) for i in range(0, len(numbers), width))

    return (HEAD + "二、主动公开政府信息情况\n" + header + "\n" + grid(t2, 3) + "\n三、收到和处理政府信息公开申请情况\n"
            + grid(t3, 7) + "\n四、政府信息公开行政复议、行政诉讼情况\n" + grid(t4, 15) + TAIL)


def test_exact_count_fills_by_position_and_says_so():
    values = random_values(random.Random(3))
    report = ogi.parse_bytes(_numbers_only(values).encode(), source="grid.txt")
    cells = {c.cell_id: c for c in report.cells}
    assert all(cells[cid].value == v for cid, v in values.items())
    assert {cells[cid].source for cid in values if cid.startswith(("t2.", "t3."))} == {"position"}
    assert "t3.position_only" in {c.name for c in report.checks}


def test_one_value_short_fills_nothing():
    values = random_values(random.Random(4))
    report = ogi.parse_bytes(_numbers_only(values, drop=40).encode(), source="grid.txt")
    t3 = [c for c in report.cells if c.table == "t3"]
    assert {c.status.value for c in t3} == {"missing"}
