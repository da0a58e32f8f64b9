"""The single source of truth for table cells: ids, Chinese labels, anchors, templates, identities.

Cell ids are ``TABLE.ROW.COLUMN`` (``t3.new_received.total``). The parser, the checks, the
wide table and the docs all read this module; nobody restates a label elsewhere.

Anchors are short keywords that find a row label in running text; a row's own enumerator
(``1.``, ``(一)``) is consumed with it so its digit is never read as a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

BOTH = frozenset({"2019", "2021"})
T2021 = frozenset({"2021"})
T2019 = frozenset({"2019"})


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    label: str
    anchors: tuple[str, ...]  # regex alternatives, matched with optional spaces between characters
    templates: frozenset[str] = BOTH
    columns: tuple[str, ...] = ()  # Table 2 rows have their own columns
    group: str | None = None  # Table 3: the outcome group a leaf row belongs to
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    label: str
    anchors: tuple[str, ...]
    templates: frozenset[str] = BOTH


@dataclass(frozen=True, slots=True)
class CellSpec:
    cell_id: str
    table: str
    row: str
    col: str
    row_label: str
    col_label: str
    templates: frozenset[str]
    unit: str | None


# ---- Table 2: 主动公开政府信息情况 (Art. 20) ---------------------------------------------------
T2_COLUMNS = {
    "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
    "new_made": "本年新制作数量", "new_published": "本年新公开数量", "total_published": "对外公开总数量",
    "prior_items": "上一年项目数量", "change": "本年增/减", "decisions": "本年处理决定数量",
    "amount": "本年收费金额(万元)", "items": "采购项目数量",
}
T2_ROWS_2021 = (
    Row("rules", "规章", ("规章",), T2021, ("issued", "repealed", "in_force")),
    Row("normative_docs", "行政规范性文件", ("(?:行政)?规范性文件",), T2021, ("issued", "repealed", "in_force")),
    Row("licensing", "行政许可", ("行政许可",), T2021, ("decisions",)),
    Row("penalty", "行政处罚", ("行政处罚",), T2021, ("decisions",)),
    Row("coercion", "行政强制", ("行政强制",), T2021, ("decisions",)),
    Row("fees", "行政事业性收费", ("行政事业性收费", "事业性收费"), T2021, ("amount",), unit="万元"),
)
T2_ROWS_2019 = (
    Row("rules", "规章", ("规章",), T2019, ("new_made", "new_published", "total_published")),
    Row("normative_docs", "规范性文件", ("(?:行政)?规范性文件",), T2019, ("new_made", "new_published", "total_published")),
    Row("licensing", "行政许可", ("行政许可",), T2019, ("prior_items", "change", "decisions")),
    Row("other_services", "其他对外管理服务事项", ("其他对外管理服务", "对外管理服务"), T2019,
        ("prior_items", "change", "decisions")),
    Row("penalty", "行政处罚", ("行政处罚",), T2019, ("prior_items", "change", "decisions")),
    Row("coercion", "行政强制", ("行政强制",), T2019, ("prior_items", "change", "decisions")),
    Row("fees", "行政事业性收费", ("行政事业性收费", "事业性收费"), T2019, ("prior_items", "change")),
    Row("procurement", "政府集中采购", ("政府集中采购", "集中采购"), T2019, ("items", "amount")),
)
# Text in Table 2 that is not a row but ends the row before it (headers of the next block).
T2_TERMINATORS = (r"第\s*(?:二\s*十|20)\s*条", r"信息内容")
T2_MONEY_COLUMNS = frozenset({"amount"})

# ---- Table 3: 收到和处理政府信息公开申请情况 ----------------------------------------------------
T3_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("social_welfare", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
T3_APPLICANT_COLUMNS = tuple(c.key for c in T3_COLUMNS[:-1])
# Some reports print a 法人或其他组织 subtotal column; it is parsed and checked as an extra cell.
T3_ORG_SUBTOTAL = Column("org_subtotal", "法人或其他组织(小计)")
T3_ORG_COLUMNS = T3_APPLICANT_COLUMNS[1:]

T3_ROWS = (
    Row("new_received", "一、本年新收政府信息公开申请数量", ("本年新收", "新收政府信息公开申请")),
    Row("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转", "上年度结转")),
    Row("granted", "(一)予以公开", ("予以公开",), group="results"),
    Row("partially_granted", "(二)部分公开", ("部分公开",), group="results"),
    Row("withheld_state_secret", "1.属于国家秘密", ("国家秘密",), group="withheld"),
    Row("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开", ("禁止公开", "法律行政法规"), group="withheld"),
    Row("withheld_security_stability", "3.危及“三安全一稳定”", ("三安全一稳定", "危及"), group="withheld"),
    Row("withheld_third_party", "4.保护第三方合法权益", ("第三方",), group="withheld"),
    Row("withheld_internal_affairs", "5.属于三类内部事务信息", ("内部事务",), group="withheld"),
    Row("withheld_process_info", "6.属于四类过程性信息", ("过程性",), group="withheld"),
    Row("withheld_enforcement_file", "7.属于行政执法案卷", ("执法案卷",), group="withheld"),
    Row("withheld_admin_query", "8.属于行政查询事项", ("行政查询",), group="withheld"),
    Row("unavailable_not_held", "1.本机关不掌握相关政府信息", ("不掌握",), group="unavailable"),
    Row("unavailable_needs_creation", "2.没有现成信息需要另行制作", ("另行制作", "没有现成"), group="unavailable"),
    Row("unavailable_unclear", "3.补正后申请内容仍不明确", ("仍不明确", "补正后申请"), group="unavailable"),
    Row("not_processed_petition", "1.信访举报投诉类申请", ("信访举报", "投诉类"), group="not_processed"),
    Row("not_processed_repeat", "2.重复申请", ("重复申请",), group="not_processed"),
    Row("not_processed_publication", "3.要求提供公开出版物", ("出版物",), group="not_processed"),
    Row("not_processed_excessive", "4.无正当理由大量反复申请", ("大量反复", "反复申请"), group="not_processed"),
    Row("not_processed_reconfirm", "5.要求行政机关确认或重新出具已获取信息", ("确认或重新", "重新出具"),
        group="not_processed"),
    Row("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正", "不补正"), T2021, group="other"),
    Row("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("收费通知", "缴纳费用"), T2021, group="other"),
    Row("other_other", "3.其他", (r"(?<=\d[.、])其他", r"其他(?=[\s|\d/-])"), T2021, group="other"),
    Row("other_handling", "(六)其他处理", ("其他处理",), T2019, group="results"),
    Row("results_total", "(七)总计", ("总计", "合计"), group=None),
    Row("carried_forward", "四、结转下年度继续办理", ("结转下年度", "结转下一年度", "下年度继续办理")),
)
T3_GROUPS = (
    Group("results", "三、本年度办理结果", ("本年度办理结果", "办理结果")),
    Group("withheld", "(三)不予公开", ("不予公开",)),
    Group("unavailable", "(四)无法提供", ("无法提供",)),
    Group("not_processed", "(五)不予处理", ("不予处理",)),
    Group("other", "(六)其他处理", ("其他处理",), T2021),
)
T3_OUTCOME_GROUPS = ("withheld", "unavailable", "not_processed", "other")

# ---- Table 4: 行政复议、行政诉讼 ----------------------------------------------------------------
T4_ROWS = (
    Row("review", "行政复议", ("行政复议",)),
    Row("litigation_direct", "行政诉讼·未经复议直接起诉", ("未经复议直接起诉",)),
    Row("litigation_after_review", "行政诉讼·复议后起诉", ("复议后起诉",)),
)
T4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
T4_HEADER_WORDS = ("审结", "总计", "起诉", "维持", "纠正", "结果", "行政诉讼", "行政复议")


def table_template(template: str) -> str:
    """The table layout a report is read with: 〔2019〕60号 for 2019, else 〔2021〕30号 (also the
    guess for unknown and pre-2019 reports, whose tables rarely follow either)."""
    return "2019" if template == "2019" else "2021"


def t3_rows(template: str) -> tuple[Row, ...]:
    wanted = table_template(template)
    return tuple(r for r in T3_ROWS if wanted in r.templates)


def t3_leaf_rows(template: str) -> tuple[Row, ...]:
    return tuple(r for r in t3_rows(template) if r.group is not None)


def t2_rows(template: str) -> tuple[Row, ...]:
    return T2_ROWS_2019 if template == "2019" else T2_ROWS_2021


@lru_cache(maxsize=8)
def cell_specs(template: str) -> tuple[CellSpec, ...]:
    """Every canonical cell of a template, in table order."""
    templ = table_template(template)
    specs: list[CellSpec] = []
    for row in t2_rows(templ):
        for col in row.columns:
            specs.append(CellSpec(f"t2.{row.key}.{col}", "t2", row.key, col, row.label, T2_COLUMNS[col],
                                  row.templates, "万元" if col in T2_MONEY_COLUMNS else None))
    for row in t3_rows(templ):
        for col in T3_COLUMNS:
            specs.append(CellSpec(f"t3.{row.key}.{col.key}", "t3", row.key, col.key, row.label, col.label,
                                  row.templates, None))
    for row in T4_ROWS:
        for col in T4_COLUMNS:
            specs.append(CellSpec(f"t4.{row.key}.{col.key}", "t4", row.key, col.key, row.label, col.label,
                                  BOTH, None))
    return tuple(specs)


def all_cell_ids() -> tuple[str, ...]:
    """The union of both templates' ids, 2021 order first: the wide table's columns."""
    seen: dict[str, None] = {}
    for template in ("2021", "2019"):
        for spec in cell_specs(template):
            seen.setdefault(spec.cell_id, None)
    return tuple(seen)


# ---- Identities: lhs == rhs, as data ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]


@lru_cache(maxsize=8)
def identities(template: str) -> tuple[Identity, ...]:
    """Every accounting identity of the canonical tables (subtotals are added by the parser)."""
    leaves = [r.key for r in t3_leaf_rows(template)]
    out: list[Identity] = []
    for col in T3_COLUMNS:
        c = col.key
        out.append(Identity(f"t3.balance.{c}", (f"t3.new_received.{c}", f"t3.carried_over.{c}"),
                            (f"t3.results_total.{c}", f"t3.carried_forward.{c}")))
        out.append(Identity(f"t3.results.{c}", tuple(f"t3.{r}.{c}" for r in leaves), (f"t3.results_total.{c}",)))
    for row in t3_rows(template):
        out.append(Identity(f"t3.row_total.{row.key}", tuple(f"t3.{row.key}.{c}" for c in T3_APPLICANT_COLUMNS),
                            (f"t3.{row.key}.total",)))
    for row in T4_ROWS:
        parts = tuple(f"t4.{row.key}.{c.key}" for c in T4_COLUMNS[:-1])
        out.append(Identity(f"t4.block.{row.key}", parts, (f"t4.{row.key}.total",)))
    return tuple(out)
