"""Synthetic reports with consistent tables, rendered in the layouts found in the wild.

Used by the property tests and the benchmarks: every identity holds on the generated values,
so a parser that reads them back can be checked cell by cell.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import schema

LAYOUTS = ("pipe", "markdown", "cell_per_line", "glued", "html", "wrapped_pipe")


@dataclass(frozen=True, slots=True)
class SynthReport:
    template: str
    values: dict[str, int | float]
    text: str
    layout: str


def random_values(rng: random.Random, template: str = "2021", scale: int = 30) -> dict[str, int | float]:
    """Values for every canonical cell with every identity holding."""
    values: dict[str, int | float] = {}
    leaves = schema.t3_leaf_rows(template)
    cols = schema.T3_APPLICANT_COLUMNS
    for col in cols:
        sparse = rng.random() < 0.5
        total = 0
        for row in leaves:
            v = 0 if sparse and rng.random() < 0.7 else rng.randint(0, scale)
            values[f"t3.{row.key}.{col}"] = v
            total += v
        values[f"t3.results_total.{col}"] = total
        forward = rng.randint(0, min(total, scale // 3 + 1))
        values[f"t3.carried_forward.{col}"] = forward
        over = rng.randint(0, forward + total) if rng.random() < 0.5 else 0
        over = min(over, total + forward)
        values[f"t3.carried_over.{col}"] = over
        values[f"t3.new_received.{col}"] = total + forward - over
    for row in schema.t3_rows(template):
        values[f"t3.{row.key}.total"] = sum(values[f"t3.{row.key}.{c}"] for c in cols)
    for row in schema.T4_ROWS:
        parts = [rng.randint(0, 5) if rng.random() < 0.4 else 0 for _ in range(4)]
        for col, v in zip(schema.T4_COLUMNS[:-1], parts, strict=True):
            values[f"t4.{row.key}.{col.key}"] = v
        values[f"t4.{row.key}.total"] = sum(parts)
    for row in schema.t2_rows(template):
        for col in row.columns:
            if col == "amount":
                values[f"t2.{row.key}.{col}"] = round(rng.random() * 100, 2) if rng.random() < 0.3 else 0
            elif col == "change":
                values[f"t2.{row.key}.{col}"] = 0
            else:
                values[f"t2.{row.key}.{col}"] = rng.randint(0, 3000) if rng.random() < 0.5 else 0
    return values


def _fmt(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _table_rows(template: str, values: dict[str, int | float]) -> tuple[list[list[str]], list[list[str]], list[str]]:
    t2: list[list[str]] = []
    for row in schema.t2_rows(template):
        t2.append([row.label] + [_fmt(values[f"t2.{row.key}.{c}"]) for c in row.columns])
    t3: list[list[str]] = []
    group_labels = {g.key: g.label for g in schema.T3_GROUPS if template in g.templates}
    seen_groups: set[str] = set()
    for row in schema.t3_rows(template):
        label = [row.label]
        if row.group in group_labels and row.group not in seen_groups and row.group != "results":
            label = [group_labels[row.group], row.label]
            seen_groups.add(row.group)
        if row.key == "granted":
            label = [group_labels["results"], row.label]
        t3.append(label + [_fmt(values[f"t3.{row.key}.{c.key}"]) for c in schema.T3_COLUMNS])
    t4 = [_fmt(values[f"t4.{r.key}.{c.key}"]) for r in schema.T4_ROWS for c in schema.T4_COLUMNS]
    return t2, t3, t4


_T2_HEADER = {"2021": ["本年制发件数", "本年废止件数", "现行有效件数"],
              "2019": ["本年新制作数量", "本年新公开数量", "对外公开总数量"]}
_T3_HEADER = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"]
_T4_HEADER = "行政复议 | 行政诉讼\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉"


def render(template: str, values: dict[str, int | float], layout: str, rng: random.Random | None = None) -> str:
    rng = rng or random.Random(0)
    t2, t3, t4 = _table_rows(template, values)
    if layout == "html":
        return _render_html(template, t2, t3, t4)
    lines: list[str] = []
    year = 2021 if template == "2021" else 2020
    lines.append(f"某某县人民政府{year}年政府信息公开工作年度报告")
    lines.append("一、总体情况")
    lines.append(f"{year}年,某某县人民政府认真贯彻落实《条例》。")
    lines.append("二、主动公开政府信息情况")
    lines.append("第二十条第(一)项")
    lines.append(" | ".join(["信息内容", *_T2_HEADER[template]]))
    lines.extend(_render_rows(t2, layout, rng))
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.append(" | ".join(_T3_HEADER))
    lines.append("自然人 | 法人或其他组织 | 总计")
    lines.append("商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他")
    lines.extend(_render_rows(t3, layout, rng))
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.append(_T4_HEADER)
    lines.extend(_render_rows([t4], layout, rng, labels=False))
    lines.append("五、存在的主要问题及改进情况")
    lines.append("一是公开内容不够丰富。二是队伍建设有待加强。下一步,一是丰富内容;二是加强培训。")
    lines.append("六、其他需要报告的事项")
    lines.append("无。")
    sep = " " if layout == "glued" else "\n"
    return sep.join(lines)


def _render_rows(rows: list[list[str]], layout: str, rng: random.Random, labels: bool = True) -> list[str]:
    out: list[str] = []
    for row in rows:
        cells = row
        n_labels = sum(1 for c in cells if not _is_value(c)) if labels else 0
        label, nums = cells[:n_labels], cells[n_labels:]
        if layout == "pipe":
            out.append(" | ".join(label + nums) + " | ||")
        elif layout == "wrapped_pipe":
            cut = rng.randint(1, len(nums)) if len(nums) > 1 else len(nums)
            out.append(" | ".join(label + nums[:cut]) + " |")
            if nums[cut:]:
                out.append(" | ".join(nums[cut:]) + " | |")
        elif layout == "markdown":
            out.append("| " + " | ".join(([""] if rng.random() < 0.3 else []) + label + nums) + " |")
        elif layout == "cell_per_line":
            out.extend(c + " |" for c in label + nums)
        elif layout == "glued":
            out.append("".join(label) + " " + "".join(nums))
    return out


def _is_value(cell: str) -> bool:
    return cell.replace(".", "", 1).isdigit()


def _render_html(template: str, t2, t3, t4) -> str:
    def tr(cells, spans=None):
        return "<tr>" + "".join(f"<td><p><span>{c}</span></p></td>" for c in cells) + "</tr>"
    parts = ["<html><head><meta charset='utf-8'><title>报告</title><script>var x=1;</script></head><body>",
             "<div class='nav'>首页 | 政务公开</div><div class='content'>",
             "<p>某某县人民政府2021年政府信息公开工作年度报告</p><p>一、总体情况</p><p>2021年,某某县认真落实。</p>",
             "<p>二、主动公开政府信息情况</p><table>"]
    parts.append(tr(["信息内容", *_T2_HEADER[template]]))
    parts.extend(tr(r) for r in t2)
    parts.append("</table><p>三、收到和处理政府信息公开申请情况</p><table>")
    parts.append(tr(_T3_HEADER))
    parts.extend(tr(r) for r in t3)
    parts.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>")
    parts.append("<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>")
    parts.append(tr(t4))
    parts.append("</table><p>五、存在的主要问题及改进情况</p><p>一是不够。</p><p>六、其他需要报告的事项</p><p>无。</p>")
    parts.append("</div><div class='footer'>版权所有:某某县人民政府</div></body></html>")
    return "".join(parts)


def make_report(rng: random.Random, template: str, layout: str) -> SynthReport:
    values = random_values(rng, template)
    return SynthReport(template, values, render(template, values, layout, rng), layout)
