"""Synthetic reports with consistent tables, rendered in the layouts found in the wild.

Used by the property tests and the benchmarks: every identity holds on the generated values,
so a parser that reads them back can be checked cell by cell.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    t3_lines = _render_rows(t3, layout, rng)
    lines.extend(_requests_and_remedies(t3_lines, _render_rows([t4], layout, rng, labels=False)))
    lines.append("五、存在的主要问题及改进情况")
    lines.append("一是公开内容不够丰富。二是队伍建设有待加强。下一步,一是丰富内容;二是加强培训。")
    lines.append("六、其他需要报告的事项")
    lines.append("无。")
    sep = " " if layout == "glued" else "\n"
    return sep.join(lines)


def _requests_and_remedies(t3_lines: list[str], t4_lines: list[str]) -> list[str]:
    """Sections 三 and 四 with the template's headers around already rendered rows."""
    return ["三、收到和处理政府信息公开申请情况", " | ".join(_T3_HEADER), "自然人 | 法人或其他组织 | 总计",
            "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他", *t3_lines,
            "四、政府信息公开行政复议、行政诉讼情况", _T4_HEADER, *t4_lines]


def _render_rows(rows: list[list[str]], layout: str, rng: random.Random, labels: bool = True) -> list[str]:
    split = []
    for cells in rows:
        n_labels = sum(1 for c in cells if not _is_value(c)) if labels else 0
        split.append((tuple(cells[:n_labels]), cells[n_labels:]))
    return _render_split(split, layout, rng)


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


# ---- Realistic reports: many agencies, years, layouts, with narrative from real reports -------------

# Where the shipped real reports live (a source checkout); without them a short stock narrative is used.
_ROOT = Path(__file__).resolve().parents[2]
REAL_RAW = _ROOT / "corpus" / "raw"
REAL_SECTIONS = _ROOT / "tests" / "fixtures" / "items" / "sections.jsonl"

_DEPARTMENTS = ("教育局", "财政局", "公安局", "民政局", "司法局", "人力资源和社会保障局", "自然资源局",
                "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
                "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局",
                "医疗保障局", "信访局", "人民政府办公室", "发展和改革委员会", "退役军人事务局")
_PROVINCE_DEPARTMENTS = ("教育厅", "财政厅", "公安厅", "民政厅", "司法厅", "自然资源厅", "生态环境厅",
                         "交通运输厅", "水利厅", "农业农村厅", "商务厅", "卫生健康委员会", "审计厅",
                         "市场监督管理局", "人民政府办公厅", "发展和改革委员会")
# Generic town names (common across provinces), so no real township is implied.
_TOWNS = ("城关", "新集", "河口", "双河", "石桥", "王庄", "李集", "青山", "白马", "龙泉", "清水", "大营",
          "马集", "张桥", "新华", "东风", "红星", "太平", "长安", "永和", "金山", "柳林", "杨柳", "三河",
          "高桥", "黄土", "望江", "南塘", "北关", "西湖", "桃源", "花园", "古城", "新兴", "安乐", "仁和")
_TOWN_SUFFIX = ("镇", "镇", "乡", "街道")
# Level mix of a crawled corpus: county-level units and their departments dominate.
_LEVEL_WEIGHTS = (("province", 3), ("province_dept", 4), ("city", 8), ("city_dept", 15), ("county", 22),
                  ("county_dept", 28), ("township", 20))
_YEARS = tuple(range(2019, 2026))
_SUBHEADS = ("主动公开情况", "依申请公开情况", "政府信息管理", "政府信息公开平台建设", "监督保障")
_SUB_KEYS = ("proactive", "requests", "management", "platforms", "oversight")
_CN_NUM = "一二三四五六七八九十"
_NOISE_HEAD = ("首页 > 政务公开 > 政府信息公开年报", "字号:大 中 小", "【打印本页】【关闭窗口】", "分享到:",
               "当前位置:首页>信息公开>年度报告")


@dataclass(frozen=True, slots=True)
class _Chunk:
    """A narrative passage: text with number slots that restate table cells, and the cells it says are 0."""

    parts: tuple[str, ...]  # text pieces around the slots
    slots: tuple[str, ...]  # concept of each slot (len(parts) == len(slots) + 1)
    zeros: tuple[str, ...]  # concepts the passage states are zero (未发生行政复议…)
    year: int | None
    names: tuple[str, ...]  # the source agency's own names, longest first


@dataclass(frozen=True, slots=True)
class _Pool:
    intro: tuple[_Chunk, ...]
    sub: dict[str, tuple[_Chunk, ...]]
    problems: tuple[_Chunk, ...]
    other: tuple[_Chunk, ...]


@dataclass(frozen=True, slots=True)
class RealisticReport:
    filename: str
    data: bytes
    template: str
    layout: str
    values: dict[str, int | float]
    agency: str
    year: int
    level: str


_YEAR_RE = re.compile(r"(?<!\d)(20[0-2]\d)(?=\s*年)")
_NUM_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PINYIN_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǘǚǜ]+\)")
_HEADING_RE = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*[^\n。,:;]{0,40}"
                         r"(?:情况|措施|打算|计划|安排|问题|情況|措施|計劃)[。.]?\s*")
_SUB_RE = re.compile(r"(?:^|\n|(?<=[。;]))\s*[((][一二三四五六七八九十][))]")
_SELF_RE = re.compile(r"(?<=[我本])(?:局|乡|镇|街道|区|县|市|办|委|署|厅|中心)(?![长委])")
_SUFFIXES = ("人民政府办公室", "人民政府办公厅", "人民政府", "办事处", "发展服务中心")


@dataclass(frozen=True, slots=True)
class _Keys:
    """Cell ids of a template, precomputed once: building f-strings per cell dominated generation."""

    t3_cols: tuple[tuple[tuple[str, ...], str, str, str, str], ...]  # per column: leaves, results, fwd, over, new
    t3_totals: tuple[tuple[str, tuple[str, ...]], ...]  # per row: total id, the applicant-column ids
    t4: tuple[tuple[tuple[str, ...], str], ...]
    t2: tuple[tuple[str, str], ...]  # (id, column)
    t3_rows: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # rendered rows: labels, value ids
    t2_blocks: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...]
    t4_row: tuple[str, ...]


@lru_cache(maxsize=2)
def _keys(template: str) -> _Keys:
    leaves = [r.key for r in schema.t3_leaf_rows(template)]
    cols = schema.T3_APPLICANT_COLUMNS
    t3_cols = tuple((tuple(f"t3.{r}.{c}" for r in leaves), f"t3.results_total.{c}", f"t3.carried_forward.{c}",
                     f"t3.carried_over.{c}", f"t3.new_received.{c}") for c in cols)
    t3_totals = tuple((f"t3.{r.key}.total", tuple(f"t3.{r.key}.{c}" for c in cols)) for r in schema.t3_rows(template))
    t4 = tuple((tuple(f"t4.{r.key}.{c.key}" for c in schema.T4_COLUMNS[:-1]), f"t4.{r.key}.total")
               for r in schema.T4_ROWS)
    t2 = tuple((f"t2.{r.key}.{c}", c) for r in schema.t2_rows(template) for c in r.columns)
    # the same labels as _table_rows, so the realistic layouts read like the tested ones
    group_labels = {g.key: g.label for g in schema.T3_GROUPS if template in g.templates}
    seen: set[str] = set()
    t3_rows = []
    for row in schema.t3_rows(template):
        label = (row.label,)
        if row.group in group_labels and row.group not in seen and row.group != "results":
            label = (group_labels[row.group], row.label)
            seen.add(row.group)
        if row.key == "granted":
            label = (group_labels["results"], row.label)
        t3_rows.append((label, tuple(f"t3.{row.key}.{c.key}" for c in schema.T3_COLUMNS)))
    rows = {r.key: r for r in schema.t2_rows(template)}
    t2_blocks = tuple((title, header, tuple((rows[k].label, tuple(f"t2.{k}.{c}" for c in rows[k].columns))
                                            for k in keys))
                      for title, header, keys in _T2_GROUPS[template])
    t4_row = tuple(f"t4.{r.key}.{c.key}" for r in schema.T4_ROWS for c in schema.T4_COLUMNS)
    return _Keys(t3_cols, t3_totals, t4, t2, tuple(t3_rows), t2_blocks, t4_row)


def _fast_values(rng: random.Random, template: str, scale: int) -> dict[str, int | float]:
    """random_values with the same identities and shape, faster (rng.random, precomputed ids),
    so a corpus of 100,000 reports is generated in well under a minute."""
    rand = rng.random
    keys = _keys(template)
    values: dict[str, int | float] = {}
    for leaves, results, fwd_key, over_key, new_key in keys.t3_cols:
        sparse = rand() < 0.5
        total = 0
        for key in leaves:
            v = 0 if sparse and rand() < 0.7 else int(rand() * (scale + 1))
            values[key] = v
            total += v
        values[results] = total
        forward = int(rand() * (min(total, scale // 3 + 1) + 1))
        values[fwd_key] = forward
        over = int(rand() * (forward + total + 1)) if rand() < 0.5 else 0
        values[over_key] = over
        values[new_key] = total + forward - over
    for total_key, parts_keys in keys.t3_totals:
        values[total_key] = sum([values[k] for k in parts_keys])
    for part_keys, total_key in keys.t4:
        total = 0
        for key in part_keys:
            v = int(rand() * 6) if rand() < 0.4 else 0
            values[key] = v
            total += v
        values[total_key] = total
    for key, col in keys.t2:
        if col == "amount":
            values[key] = round(rand() * 100, 2) if rand() < 0.3 else 0
        elif col == "change":
            values[key] = 0
        else:
            values[key] = int(rand() * 3001) if rand() < 0.5 else 0
    return values


def _f(value: int | float) -> str:
    return str(value) if type(value) is int else f"{value:g}"


def _render_split(rows: list[tuple[tuple[str, ...], list[str]]], layout: str, rng: random.Random) -> list[str]:
    """_render_rows for rows already split into labels and values (no per-cell digit test)."""
    out: list[str] = []
    for labels, nums in rows:
        label = list(labels)
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


def _self_names(agency: str | None) -> tuple[str, ...]:
    """The forms in which a source report names itself: 高市乡人民政府, 高市乡, 高市."""
    if not agency:
        return ()
    agency = re.sub(r"[((].*", "", agency).strip()
    names = {agency}
    base = agency
    for suffix in _SUFFIXES:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    else:
        base = re.sub(r"(?<=[市区县乡镇])[^市区县乡镇]{2,12}$", "", base)
    names.add(base)
    tail = re.split(r"(?<=[省市区县])", base)
    names.update(t for t in tail if len(t) >= 2)
    names.update(n[:-1] for n in list(names) if len(n) >= 3 and n[-1] in "市区县乡镇")
    return tuple(sorted((n for n in names if len(n) >= 2 and "某" not in n), key=len, reverse=True))


def _chunk(text: str, year: int | None, names: tuple[str, ...]) -> _Chunk | None:
    from .text.mentions import extract_mentions

    text = _PINYIN_RE.sub("", text).strip()
    if len(text) < 20:
        return None
    parts: list[str] = []
    slots: list[str] = []
    zeros: list[str] = []
    last = 0
    for m in extract_mentions(text):
        numbers = list(_NUM_RE.finditer(m.raw))
        if not numbers:
            zeros.append(m.concept)
            continue
        if len(numbers) != 1 or m.start < last:
            return None  # a clause with several numbers: cannot tell which one restates the cell
        n = numbers[0]
        parts.append(text[last : m.start + n.start()])
        slots.append(m.concept)
        last = m.start + n.end()
    parts.append(text[last:])
    return _Chunk(tuple(parts), tuple(slots), tuple(zeros), year, names)


def _split_overview(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Intro paragraph and (kind, body) sub-sections cut at (一), (二)…"""
    cuts = [m.end() for m in _SUB_RE.finditer(text)]
    starts = [m.start() for m in _SUB_RE.finditer(text)]
    intro = text[: starts[0]] if starts else text
    subs: list[tuple[str, str]] = []
    for i, end in enumerate(cuts):
        body = text[end : starts[i + 1] if i + 1 < len(starts) else len(text)].strip()
        head = body[:16]
        kind = next((k for k, w in (("requests", "依申请"), ("proactive", "主动公开"), ("management", "管理"),
                                    ("platforms", "平台"), ("oversight", "监督"), ("oversight", "保障"))
                     if w in head), None)
        if kind:
            # drop the source's own sub-heading words; ours are written in template order
            body = re.sub(r"^[^。,:\n]{0,14}?(?:情况|方面|工作)?[。.:\s]+", "", body, count=1) if len(head) else body
            subs.append((kind, body))
    return intro.strip(), subs


def _mode_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR_RE.findall(text)]
    return max(set(years), key=years.count) if years else None


@lru_cache(maxsize=1)
def _pool() -> _Pool:
    import json

    from .ingest import read_bytes
    from .meta import extract_meta
    from .normalize import normalize_text
    from .sections import split_sections
    from .tradsimp import to_simplified_if_traditional

    intro: list[_Chunk] = []
    sub: dict[str, list[_Chunk]] = {k: [] for k in _SUB_KEYS}
    problems: list[_Chunk] = []
    other: list[_Chunk] = []

    def add(target: list[_Chunk], text: str, year: int | None, names: tuple[str, ...]) -> None:
        chunk = _chunk(text, year, names)
        if chunk is not None:
            target.append(chunk)

    # the .txt reports only: the PDF is slow to read and the HTML repeats a .txt
    for path in sorted(REAL_RAW.rglob("*.txt")) if REAL_RAW.is_dir() else []:
        doc = read_bytes(path.read_bytes(), source=path.name)
        body = normalize_text(to_simplified_if_traditional(doc.text)[0]).text
        meta = extract_meta(body, title=doc.title, published=doc.published)
        names = _self_names(meta.agency)
        for section in split_sections(body):
            if section.key == "overview":
                head, subs = _split_overview(section.text)
                add(intro, head, meta.year, names)
                for kind, text in subs:
                    add(sub[kind], text, meta.year, names)
            elif section.key == "problems":
                add(problems, section.text, meta.year, names)
            elif section.key == "other" and len(section.text) < 200:
                add(other, re.sub(r"\s+\S{2,20}\s+\d{4}年\d+月\d+日\s*$", "", section.text), meta.year, names)
    if REAL_SECTIONS.exists():
        for line in REAL_SECTIONS.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if not row or row.get("truncated"):
                continue
            text = to_simplified_if_traditional(row["text"])[0]
            text = _HEADING_RE.sub("", text, count=1)
            add(problems, text, row.get("year") or _mode_year(text), _self_names(row.get("agency")))
    if not intro:  # no source checkout: a stock narrative keeps the generator usable
        intro.append(_Chunk(("本机关认真贯彻落实《中华人民共和国政府信息公开条例》,扎实推进政务公开工作。",), (), (), None, ()))
    if not problems:
        problems.append(_Chunk(("一是公开内容不够丰富。二是队伍建设有待加强。下一步,一是丰富内容;二是加强培训。",), (), (), None, ()))
    return _Pool(tuple(intro), {k: tuple(v) for k, v in sub.items()}, tuple(problems), tuple(other))


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """(name, short, parent name) of current provinces, cities and counties in regions.tsv."""
    from importlib import resources

    rows = resources.files("ogi").joinpath("resources/regions.tsv").read_text(encoding="utf-8").splitlines()
    names: dict[str, str] = {}
    out: dict[str, list[tuple[str, str, str]]] = {"province": [], "city": [], "county": []}
    parsed = [r.split("\t") for r in rows if r and not r.startswith("#") and not r.startswith("code")]
    for code, name, _short, _level, _parent, _status in parsed:
        names[code] = name
    for _code, name, short, level, parent, status in parsed:
        if status == "c" and level in out:
            out[level].append((name, short or name, names.get(parent, "")))
    return {k: tuple(v) for k, v in out.items()}


def _agency(rng: random.Random) -> tuple[str, str, str, str, str]:
    """(agency, place it names, short place, self word for 我X, level) at a random level."""
    kinds, weights = zip(*_LEVEL_WEIGHTS, strict=True)
    kind = rng.choices(kinds, weights)[0]
    return (*_agency_of(rng, kind), kind.removesuffix("_dept"))


def _agency_of(rng: random.Random, kind: str) -> tuple[str, str, str, str]:
    places = _places()
    for level, departments in (("province", _PROVINCE_DEPARTMENTS), ("city", _DEPARTMENTS)):
        if kind.startswith(level):
            name, short, _ = rng.choice(places[level])
            if kind == level:
                return f"{name}人民政府", name, short, name[-1]
            dept = rng.choice(departments)
            return f"{name}{dept}", name, short, _self_word(dept)
    name, short, parent = rng.choice(places["county"])
    # county names repeat across provinces (朝阳区): the city in front is how reports disambiguate
    prefix = parent if parent.endswith("市") and not parent.endswith(("北京市", "上海市", "天津市", "重庆市")) \
        and rng.random() < 0.3 else ""
    if kind == "county":
        return f"{prefix}{name}人民政府", name, short, name[-1]
    if kind == "county_dept":
        dept = rng.choice(_DEPARTMENTS)
        return f"{prefix}{name}{dept}", name, short, _self_word(dept)
    town = rng.choice(_TOWNS) + rng.choice(_TOWN_SUFFIX)
    head = f"{name}{town}" if rng.random() < 0.4 else town
    office = "办事处" if town.endswith("街道") else "人民政府"
    return f"{head}{office}", town, town[:-1] if not town.endswith("街道") else town[:-2], \
        "街道" if town.endswith("街道") else town[-1]


def _self_word(dept: str) -> str:
    for word, self_word in (("委员会", "委"), ("办公室", "办"), ("办公厅", "厅"), ("中心", "中心")):
        if dept.endswith(word):
            return self_word
    return dept[-1]


def _fill(chunk: _Chunk, values: dict[str, int | float], year: int, place: str, short: str,
          agency: str, self_word: str) -> str | None:
    """The passage restated for this report: its numbers from our tables, its years, names and 我X."""
    for concept in chunk.zeros:
        if _cell_value(concept, values) not in (None, 0):
            return None
    out = [chunk.parts[0]]
    for concept, part in zip(chunk.slots, chunk.parts[1:], strict=True):
        value = _cell_value(concept, values)
        if value is None:
            return None  # a figure with no cell of ours (fees, say): leave the passage out
        out.append(_fmt(value))
        out.append(part)
    text = "".join(out)
    if chunk.year:
        shift = year - chunk.year
        text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) + shift), text)
    for name in chunk.names:
        repl = agency if name == chunk.names[0] else (place if name[-1] in "省市区县乡镇道" else short)
        text = text.replace(name, repl)
    return _SELF_RE.sub(self_word, text)


def _cell_value(concept: str, values: dict[str, int | float]) -> int | float | None:
    if concept.startswith("t4.litigation."):
        col = concept.rsplit(".", 1)[1]
        return values[f"t4.litigation_direct.{col}"] + values[f"t4.litigation_after_review.{col}"]
    return values.get(concept)


def _pick(rng: random.Random, chunks: tuple[_Chunk, ...], fill) -> str | None:
    # a few tries: a passage may not fit this report's tables (it says 0 where we have cases)
    for _ in range(4):
        if not chunks:
            return None
        text = fill(rng.choice(chunks))
        if text:
            return text
    return None


_T2_GROUPS = {
    "2021": (("第二十条第(一)项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), ("rules", "normative_docs")),
             ("第二十条第(五)项", ("信息内容", "本年处理决定数量"), ("licensing",)),
             ("第二十条第(六)项", ("信息内容", "本年处理决定数量"), ("penalty", "coercion")),
             ("第二十条第(八)项", ("信息内容", "本年收费金额(单位:万元)"), ("fees",))),
    "2019": (("第二十条第(一)项", ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
              ("rules", "normative_docs")),
             ("第二十条第(五)项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
              ("licensing", "other_services")),
             ("第二十条第(六)项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), ("penalty", "coercion")),
             ("第二十条第(八)项", ("信息内容", "上一年项目数量", "本年增/减"), ("fees",)),
             ("第二十条第(九)项", ("信息内容", "采购项目数量", "采购总金额"), ("procurement",))),
}


def realistic(rng: random.Random, index: int = 0) -> RealisticReport:
    """One report as a crawler would save it, with the tables' true values for checking."""
    year = rng.choice(_YEARS)
    template = "2019" if year <= 2020 else "2021"  # 〔2021〕30号 applies from the 2021 reports on
    layout = rng.choice(LAYOUTS)
    agency, place, short, self_word, level = _agency(rng)
    # most units get a handful of requests; a few cities get thousands
    values = _fast_values(rng, template, rng.choices((5, 30, 200), (50, 35, 15))[0])
    pool = _pool()

    def fill(chunk: _Chunk) -> str | None:
        return _fill(chunk, values, year, place, short, agency, self_word)

    overview = [_pick(rng, pool.intro, fill) or f"{year}年,{agency}认真贯彻落实《中华人民共和国政府信息公开条例》。"]
    n_sub = rng.randint(2, len(_SUB_KEYS))
    for i, key in enumerate(_SUB_KEYS[:n_sub]):
        body = _pick(rng, pool.sub.get(key, ()), fill)
        if key == "requests" and (body is None or rng.random() < 0.5):
            # the sentence most reports have, restating Table 3
            t = values
            body = (f"{year}年,共收到政府信息公开申请{_fmt(t['t3.new_received.total'])}件,"
                    f"上年结转{_fmt(t['t3.carried_over.total'])}件,已办结{_fmt(t['t3.results_total.total'])}件,"
                    f"结转下年度办理{_fmt(t['t3.carried_forward.total'])}件。" + (body or ""))
        if body:
            overview.append(f"({_CN_NUM[i]}){_SUBHEADS[i]}")
            overview.append(body)
    problems = _pick(rng, pool.problems, fill) or "一是公开内容不够丰富。下一步,将进一步丰富公开内容。"
    other = _pick(rng, pool.other, fill) if rng.random() < 0.7 else None
    other = other or rng.choice(("无。", f"{year}年度未收取信息处理费。", "本年度无其他需要报告的事项。"))
    published = f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"
    title = f"{agency}{year}年政府信息公开工作年度报告"
    preamble = (f"本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自{year}年1月1日起"
                f"至{year}年12月31日止。本报告电子版可在{place}人民政府门户网站查阅或下载。")
    narrative = (title, preamble, overview, problems, other, agency, published)
    if layout == "html":
        data = _realistic_html(template, values, narrative).encode("utf-8")
        ext = "html"
    else:
        text = _realistic_text(template, values, layout, rng, narrative)
        data = text.encode("gb18030" if rng.random() < 0.1 else "utf-8")  # some sites still serve GBK
        ext = "md" if layout == "markdown" else "txt"
    return RealisticReport(f"{index:07d}-{year}-{level}.{ext}", data, template, layout, values, agency, year, level)


def warm_up() -> None:
    """Load the narrative pool and place names now, so timings of realistic() are steady-state."""
    _pool()
    _places()


def realistic_report(rng: random.Random, index: int = 0) -> tuple[str, bytes]:
    """(file name, bytes) of one realistic report; the same rng state gives the same file."""
    report = realistic(rng, index)
    return report.filename, report.data


def _realistic_text(template: str, values: dict[str, int | float], layout: str, rng: random.Random,
                    narrative: tuple) -> str:
    title, preamble, overview, problems, other, agency, published = narrative
    keys = _keys(template)
    t3 = [(labels, [_f(values[k]) for k in ids]) for labels, ids in keys.t3_rows]
    t4 = [((), [_f(values[k]) for k in keys.t4_row])]
    lines: list[str] = []
    if rng.random() < 0.3:  # crawled page chrome around the report
        lines.extend(rng.sample(_NOISE_HEAD, 2))
        lines.append(f"发布时间:{published}  来源:{agency}")
    lines.append(title)
    lines.append(preamble)
    lines.append("一、总体情况")
    lines.extend(overview)
    lines.append("二、主动公开政府信息情况")
    for block_title, header, rows in keys.t2_blocks:
        lines.append(block_title)
        lines.append(" | ".join(header))
        lines.extend(_render_split([((label,), [_f(values[k]) for k in ids]) for label, ids in rows], layout, rng))
    t3_lines = _render_split(t3, layout, rng)
    lines.extend(_requests_and_remedies(t3_lines, _render_split(t4, layout, rng)))
    lines.append("五、存在的主要问题及改进情况")
    lines.append(problems)
    lines.append("六、其他需要报告的事项")
    lines.append(other)
    lines.append(agency)
    lines.append(published)
    sep = " " if layout == "glued" else "\n"
    return sep.join(lines)


def _realistic_html(template: str, values: dict[str, int | float], narrative: tuple) -> str:
    title, preamble, overview, problems, other, agency, published = narrative

    def tr(cells) -> str:
        return "<tr>" + "".join(f"<td><p><span>{c}</span></p></td>" for c in cells) + "</tr>"

    def paras(texts) -> str:
        return "".join(f"<p style='text-indent:2em'>{t}</p>" for t in texts)

    keys = _keys(template)
    parts = [f"<html><head><meta charset='utf-8'><title>{title}</title><script>var x=1;</script></head><body>",
             "<div class='nav'>首页 | 政务公开 | 年度报告</div>",
             f"<div class='info'>发布时间:{published} 来源:{agency}</div><div class='content'>",
             f"<h1>{title}</h1>", paras([preamble]), "<p>一、总体情况</p>", paras(overview),
             "<p>二、主动公开政府信息情况</p><table>"]
    for block_title, header, rows in keys.t2_blocks:
        parts.append(f"<tr><td colspan='4'>{block_title}</td></tr>")
        parts.append(tr(header))
        parts.extend(tr([label] + [_f(values[k]) for k in ids]) for label, ids in rows)
    parts.append("</table><p>三、收到和处理政府信息公开申请情况</p><table>")
    parts.append(tr(_T3_HEADER))
    parts.extend(tr([*labels] + [_f(values[k]) for k in ids]) for labels, ids in keys.t3_rows)
    parts.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>")
    parts.append("<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>")
    parts.append(tr([_f(values[k]) for k in keys.t4_row]))
    parts.append("</table><p>五、存在的主要问题及改进情况</p>")
    parts.append(paras(problems.split("\n")))
    parts.append(f"<p>六、其他需要报告的事项</p>{paras(other.split(chr(10)))}")
    parts.append(f"<p style='text-align:right'>{agency}</p><p style='text-align:right'>{published}</p>")
    parts.append(f"</div><div class='footer'>版权所有:{agency}</div></body></html>")
    return "".join(parts)
