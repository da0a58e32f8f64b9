"""Tables 二–四 from a normalised report: anchor rows by label, read their values, solve, check.

Every layout reaches this module as text: pipe rows, markdown, grids rendered by the HTML,
DOCX and PDF readers, one cell per line, or cells run together. Values are read between one
row label and the next, never by counting numbers across rows, so a digit in a label or a
missing cell cannot move any other cell.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import itemgetter
from types import MappingProxyType

from .. import schema
from ..models import Cell, CellStatus, Check, Section
from .anchor import Anchor, find_all, find_rows
from .identities import check_records, checks_and_suspects, count_holding, holds, solve_unknowns
from .rows import (
    INFERRED,
    MISSING,
    MISSING_STATUS,
    OK,
    Candidate,
    Reading,
    candidates_for_row,
    from_token,
    reading_values,
    row_sum_check,
)
from .solve import choose, choose_by_columns
from .tokens import TokenIndex, find_tokens

Hints = Mapping[str, int | float]
TABLE_TAIL = 2000  # characters after a table's last row label that may still hold its values
_SENTENCE_END = re.compile(r"。")
_NUMBER = (int, float)  # a constant: ``int | float`` in a loop builds a union type each time
_SOLVABLE = frozenset({CellStatus.MISSING, CellStatus.BLANK})  # cells the identities may fill
AMBIGUOUS = CellStatus.AMBIGUOUS  # bound once: enum member lookup is a descriptor call
T3_COLUMN_KEYS = tuple(c.key for c in schema.T3_COLUMNS)


@dataclass(frozen=True, slots=True)
class TableResult:
    cells: tuple[Cell, ...]
    checks: tuple[Check, ...]


def _region(sections: Mapping[str, Section], key: str) -> tuple[int, int]:
    """A section's span; an absent section is an empty span, so its table comes out missing."""
    section = sections.get(key)
    return (section.start, section.end) if section else (0, 0)


def _spans(text: str, anchors: list[Anchor], stops: list[int], end: int) -> dict[str, tuple[int, int]]:
    """Each row's value span: from its label to the next label or stop, or a sentence end."""
    bounds = sorted({a.start for a in anchors} | set(stops) | {end})
    spans = {}
    for anchor in anchors:
        at = bisect_left(bounds, anchor.end)
        stop = bounds[at] if at < len(bounds) else end
        sentence = _SENTENCE_END.search(text, anchor.end, stop)
        spans[anchor.key] = (anchor.end, sentence.start() if sentence else stop)
    return spans


# A Cell straight from a tuple of all its fields: the generated NamedTuple __new__ is a Python
# call, this one is C, and a document has hundreds of cells.
_new_cell_tuple = partial(tuple.__new__, Cell)


def _cell(spec: schema.CellSpec, reading: Reading, candidates: tuple = ()) -> Cell:
    value, raw, start, end, status, source, unit = reading
    if not unit:
        unit = spec.unit if value is not None else None
    return _new_cell_tuple((spec.cell_id, spec.table, spec.row, spec.col, value, raw, status, start, end, unit,
                            source, candidates, False))


@lru_cache(maxsize=16)
def _specs(template: str, table: str) -> Mapping[str, schema.CellSpec]:
    """A table's canonical cells by id (read-only: it is shared between calls)."""
    return MappingProxyType({s.cell_id: s for s in schema.cell_specs(template) if s.table == table})


@lru_cache(maxsize=16)
def _identities(template: str, table: str) -> tuple[schema.Identity, ...]:
    return tuple(i for i in schema.identities(template) if i.name.startswith(f"{table}."))


@lru_cache(maxsize=256)
def _t3_ids(row_key: str, col_keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"t3.{row_key}.{c}" for c in col_keys)


@lru_cache(maxsize=256)
def _row_specs(template: str, row_key: str, col_keys: tuple[str, ...]) -> tuple[schema.CellSpec, ...] | None:
    """The canonical specs of a Table 3 row's cells, or None if one of them is not canonical."""
    specs = _specs(template, "t3")
    found = tuple(specs.get(cid) for cid in _t3_ids(row_key, col_keys))
    return None if None in found else found  # type: ignore[return-value]


# ---- Table 3 ------------------------------------------------------------------------------------
def parse_t3(text: str, start: int, end: int, template: str, hints: Hints) -> tuple[list[Cell], list[Check], int]:
    templ = schema.table_template(template)
    rows = schema.t3_rows(templ)
    anchors = find_rows(text, [(r.key, r.anchors) for r in rows], start, end)
    # The table ends soon after its last row label: what follows (a repeated copy, a scraper's
    # junk) is not searched, so a 200,000-line file costs what its first table costs.
    if anchors:
        end = min(end, anchors[-1].end + TABLE_TAIL)
    group_hits = []
    for group in schema.T3_GROUPS:
        if templ in group.templates:
            group_hits.extend((group.key, s, e) for s, e in find_all(text, group.anchors, start, end))
    row_starts = {a.start for a in anchors}
    group_hits = [(key, s, e) for key, s, e in sorted(group_hits, key=lambda h: h[1]) if s not in row_starts]
    # every group label ends the row before it; only its first occurrence can carry a subtotal row
    first_hits = {key: (s, e) for key, s, e in reversed(group_hits)}
    group_anchors = [Anchor(f"{key}_subtotal", s, e) for key, (s, e) in first_hits.items()]
    spans = _spans(text, anchors + group_anchors, [s for _, s, _ in group_hits], end)
    index = TokenIndex(text, start, max((b for _, b in spans.values()), default=end))
    tokens = {key: index.between(a, b) for key, (a, b) in spans.items()}
    subtotal_at = _org_subtotal_position([tokens[a.key] for a in anchors])
    three_columns = subtotal_at is None and _three_column_table([tokens[a.key] for a in anchors])
    cols = schema.T3_COLUMNS + ((schema.T3_ORG_SUBTOTAL,) if subtotal_at or three_columns else ())

    def read_row(row_tokens):
        if three_columns:
            return [_three_column_reading(row_tokens)]
        if subtotal_at is None:
            return candidates_for_row(row_tokens, len(cols), row_sum_check(len(cols)))
        order = _canonical_order(subtotal_at)
        printed = candidates_for_row(row_tokens, len(cols), _org_subtotal_check(subtotal_at))
        return [tuple(c[i] for i in order) for c in printed]

    positional = None if anchors else _by_position(text, start, end, [r.key for r in rows], len(cols))
    candidates = positional or {anchor.key: read_row(tokens[anchor.key]) for anchor in anchors}
    subtotals = {a.key: read_row(tokens[a.key]) for a in group_anchors if tokens[a.key]}
    idents = list(_identities(templ, "t3"))
    idents += _subtotal_identities(templ, subtotals, cols)
    if subtotal_at or three_columns:
        idents += _org_subtotal_identities(templ, rows)
    if three_columns:
        idents += [schema.Identity(f"t3.row_total_by_org.{r.key}", (f"t3.{r.key}.natural_person", f"t3.{r.key}.org_subtotal"),
                                   (f"t3.{r.key}.total",)) for r in rows]
    all_rows = {**candidates, **subtotals}

    def values_of(assignment):
        return _values_t3(assignment, cols)

    def score(assignment: dict[str, Candidate]) -> float:
        return count_holding(idents, values_of(assignment))

    if subtotals:
        decision = choose(all_rows, score, prior=_hint_prior(hints, values_of))
    else:
        leaves = [r.key for r in schema.t3_leaf_rows(templ)]
        decision = choose_by_columns(all_rows, leaves,
                                     ("new_received", "carried_over", "results_total", "carried_forward"))
    # A cell open only because one reading of a short row puts the gap there (every reading that
    # has a value for it agrees) is a missing cell for the identities to solve, if they can.
    gap_only = {(row, col): vals[0] for (row, col), vals in decision.ambiguous.items() if len(vals) == 1}
    for row, col in gap_only:
        readings = list(decision.readings[row])
        readings[col] = MISSING
        decision.readings[row] = tuple(readings)
    _distrust_decodes_if_broken(decision, all_rows, idents, values_of)
    col_keys = tuple(c.key for c in cols)
    # an ambiguous cell's value is only a guess: identities neither use it to solve others nor check it
    values, status_of = _values_and_statuses_t3(decision.readings, col_keys)
    unknown = {cid for cid, v in values.items() if v is None}
    unknown |= {cid for r in rows if r.key not in decision.readings for cid in _t3_ids(r.key, col_keys)}
    for cid in unknown:
        values.setdefault(cid, None)
    # a missing cell, or a blank one (a table that leaves its zeros empty): what the identities
    # prove it holds, it holds; an ambiguous or not-applicable cell stays as it is
    solvable = {c for c in unknown if status_of.get(c, MISSING_STATUS) in _SOLVABLE}
    solved = solve_unknowns(idents, values, solvable)
    cells: list[Cell] = []
    specs = _specs(templ, "t3")
    ambiguous = decision.ambiguous
    for row_key, row_readings in decision.readings.items():
        row_specs = _row_specs(templ, row_key, col_keys)
        if row_specs is not None and not solved and not ambiguous:
            # the common case, a canonical row read as printed: nothing to fill in or mark
            cells.extend(map(_cell, row_specs, row_readings))
            continue
        for col_index, (col, cid, reading) in enumerate(zip(col_keys, _t3_ids(row_key, col_keys), row_readings,
                                                                 strict=True)):
            if cid in solved:
                reading = Reading(solved[cid], reading.raw, reading.start, reading.end, INFERRED, "identity")
            spec = specs.get(cid) or schema.CellSpec(cid, "t3", row_key, col, row_key, col, frozenset(), None)
            cand = ambiguous.get((row_key, col_index), ()) if ambiguous else ()
            if gap_only and (row_key, col_index) in gap_only and cid not in solved:
                value = gap_only[(row_key, col_index)]
                reading = Reading(value, None, None, None, AMBIGUOUS, "cell")
            cell = _cell(spec, reading, cand)
            if cid not in specs:
                cell = cell._replace(extra=True)
            cells.append(cell)
    for row in rows:
        if row.key in decision.readings:
            continue
        for cid in _t3_ids(row.key, T3_COLUMN_KEYS):
            if cid in solved:
                reading = Reading(solved[cid], None, None, None, INFERRED, "identity")
            else:
                reading = MISSING
            cells.append(_cell(specs[cid], reading))
    printed = {c.cell_id for c in cells if c.status is OK and c.source == "cell"}
    checks = checks_and_suspects(idents, values, printed)
    if positional:
        checks.append(Check("t3.position_only", None, None, None, (),
                            note="no row labels found; values filled by position (the count matched the template)"))
    if three_columns:
        checks.append(Check("t3.three_columns", None, None, None, (),
                            note="法人或其他组织 printed as one column: its five columns are missing, "
                                 "the printed column is t3.<row>.org_subtotal"))
    return cells, checks, len(anchors)


def _three_column_table(rows: list[list]) -> bool:
    """A table printed as 自然人 | 法人或其他组织 | 总计: most rows print three counts, and the
    first two add up to the third on most of them (a stray number never switches the table)."""
    printed = [[t.value for t in r if t.kind != "blank"] for r in rows if r]
    three = [v for v in printed if len(v) == 3 and all(isinstance(x, int) for x in v)]
    if len(three) < max(3, 0.6 * len(printed)):
        return False
    return sum(1 for natural, organisations, total in three if natural + organisations == total) >= 0.6 * len(three)


def _three_column_reading(row_tokens: list) -> Candidate:
    """自然人, the five organisation columns (not printed), 总计, then the printed 法人或其他组织."""
    values = [t for t in row_tokens if t.kind != "blank"]
    if len(values) != 3:
        return (MISSING,) * (len(schema.T3_COLUMNS) + 1)
    natural, organisations, total = map(from_token, values)
    return (natural, *(MISSING,) * len(schema.T3_ORG_COLUMNS), total, organisations)


def _distrust_decodes_if_broken(decision, rows: Mapping[str, list[Candidate]], idents, values_of) -> None:
    """If even the best reading breaks an identity, the table has an error somewhere, and nothing
    confirms how its digit runs split (a corrupted run can still add up across its own row): every
    cell cut from a run becomes ambiguous, with the values its row's readings give it."""
    if not any(r.source == "digit_run" for readings in decision.readings.values() for r in readings):
        return  # no cell was cut from a run: nothing to distrust, whatever the identities say
    guess = values_of(decision.readings)
    if not any(holds(i, guess) is False for i in idents):
        return
    for key, options in rows.items():
        readings = list(decision.readings[key])
        for col, reading in enumerate(readings):
            if reading.source == "digit_run" and reading.status is OK:
                values = tuple(sorted({o[col].value for o in options if o[col].value is not None}, key=float))
                readings[col] = reading._replace(status=AMBIGUOUS)
                decision.ambiguous[(key, col)] = values
        decision.readings[key] = tuple(readings)


def _by_position(text: str, start: int, end: int, row_keys: list[str], width: int) -> dict[str, list[Candidate]] | None:
    """A numbers-only grid whose labels were lost: fill it in template order, but only when the
    count of values matches the template exactly (one more or one fewer and nothing is filled)."""
    tokens = [t for t in find_tokens(text, start, end) if t.kind != "blank"]
    if not tokens or len(tokens) != len(row_keys) * width:
        return None
    out = {}
    for i, key in enumerate(row_keys):
        row_tokens = tokens[i * width:(i + 1) * width]
        out[key] = [tuple(from_token(t)._replace(source="position") for t in row_tokens)]
    return out


def _org_subtotal_position(rows: list[list]) -> int | None:
    """Where a 法人或其他组织 subtotal column stands (after 自然人, or before 总计), if there is one.

    Most rows must print eight values, and the subtotal must add up on most of them: a stray
    number in one row never switches the whole table to eight columns.
    """
    printed = [[t.value for t in r] for r in rows if r]
    eight = [v for v in printed if len(v) == 8 and all(isinstance(x, int) for x in v)]
    if len(eight) < max(3, 0.6 * len(printed)):
        return None
    votes = {p: sum(1 for v in eight if _org_subtotal_check(p)(v)) for p in (1, 6)}
    best = max(votes, key=lambda p: (votes[p], p))
    return best if votes[best] >= 0.6 * len(eight) else None


def _org_subtotal_check(position: int):
    order = _canonical_order(position)

    def check(values) -> bool:
        v = [values[i] for i in order]  # natural person, five organisations, total, subtotal
        if any(x is None for x in v):
            return True
        return sum(v[1:6]) == v[7] and v[0] + v[7] == v[6]
    return check


def _canonical_order(position: int) -> list[int]:
    """Indices that put a printed eight-value row into schema order with the subtotal last."""
    printed = list(range(8))
    subtotal = printed.pop(position)
    return [*printed, subtotal]


def _org_subtotal_identities(templ: str, rows) -> list[schema.Identity]:
    out = [schema.Identity(f"t3.org_subtotal.{r.key}", tuple(f"t3.{r.key}.{c}" for c in schema.T3_ORG_COLUMNS),
                           (f"t3.{r.key}.org_subtotal",)) for r in rows]
    leaves = [r.key for r in schema.t3_leaf_rows(templ)]
    c = schema.T3_ORG_SUBTOTAL.key
    out.append(schema.Identity(f"t3.balance.{c}", (f"t3.new_received.{c}", f"t3.carried_over.{c}"),
                               (f"t3.results_total.{c}", f"t3.carried_forward.{c}")))
    out.append(schema.Identity(f"t3.results.{c}", tuple(f"t3.{r}.{c}" for r in leaves), (f"t3.results_total.{c}",)))
    return out


def _subtotal_identities(templ: str, subtotals: Mapping[str, list[Candidate]], cols) -> list[schema.Identity]:
    out = []
    leaves = schema.t3_leaf_rows(templ)
    for key in subtotals:
        group = key.removesuffix("_subtotal")
        members = [r.key for r in leaves if r.group == group]
        if not members:
            continue
        for col in cols:
            out.append(schema.Identity(f"t3.subtotal.{group}.{col.key}",
                                       tuple(f"t3.{m}.{col.key}" for m in members), (f"t3.{key}.{col.key}",)))
        out.append(schema.Identity(f"t3.row_total.{key}", tuple(f"t3.{key}.{c}" for c in schema.T3_APPLICANT_COLUMNS),
                                   (f"t3.{key}.total",)))
    return out


def _values_t3(readings: Mapping[str, Candidate], cols) -> dict[str, int | float | None]:
    col_keys = tuple(c.key for c in cols)
    values: dict[str, int | float | None] = {}
    for row_key, row_readings in readings.items():
        values.update(zip(_t3_ids(row_key, col_keys), [r.value for r in row_readings], strict=True))
    return values


_VALUE, _STATUS = itemgetter(0), itemgetter(4)  # a Reading's value and status, read in C


def _values_and_statuses_t3(readings: Mapping[str, Candidate], col_keys: tuple[str, ...]):
    """Each cell's value for the identities (None when unknown or ambiguous) and its status."""
    values: dict[str, int | float | None] = {}
    statuses: dict[str, CellStatus] = {}
    for row_key, row_readings in readings.items():
        ids = _t3_ids(row_key, col_keys)
        row_statuses = tuple(map(_STATUS, row_readings))
        statuses.update(zip(ids, row_statuses, strict=True))
        if AMBIGUOUS in row_statuses:
            values.update((cid, None if r.status is AMBIGUOUS else r.value)
                          for cid, r in zip(ids, row_readings, strict=True))
        else:
            values.update(zip(ids, map(_VALUE, row_readings), strict=True))
    return values, statuses


def _hint_prior(hints: Hints, to_values):
    def prior(assignment: dict[str, Candidate]) -> float:
        values = to_values(assignment)
        return sum(1 for cid, v in hints.items() if values.get(cid) == v)
    return prior


# ---- Table 4 ------------------------------------------------------------------------------------
_T4_HEADER = re.compile("|".join(schema.T4_HEADER_WORDS))


def parse_t4(text: str, start: int, end: int) -> tuple[list[Cell], list[Check]]:
    region_tokens = TokenIndex(text, start, end)
    tokens = _t4_by_rows(text, start, end, region_tokens) or _t4_after_header(text, start, end, region_tokens)
    n_cells = len(schema.T4_ROWS) * len(schema.T4_COLUMNS)
    idents = _identities("2021", "t4")
    ids = [f"t4.{r.key}.{c.key}" for r in schema.T4_ROWS for c in schema.T4_COLUMNS]

    def block_check(values) -> bool:
        named = dict(zip(ids, values, strict=True))
        return all(holds(i, named) is not False for i in idents)

    found = candidates_for_row(tokens, n_cells, block_check) if tokens else []
    specs = _specs("2021", "t4")
    if not found:
        values = dict.fromkeys(ids)
        cells = [_cell(specs[cid], MISSING) for cid in ids]
        return cells, check_records(idents, values)
    decision = choose({"t4": found},
                      lambda a: count_holding(idents, dict(zip(ids, reading_values(a["t4"]), strict=True))))
    readings = decision.readings["t4"]
    values = {cid: None if r.status is AMBIGUOUS else r.value for cid, r in zip(ids, readings, strict=True)}
    unknown = {cid for cid, r in zip(ids, readings, strict=True) if r.status in _SOLVABLE}
    solved = solve_unknowns(idents, values, unknown)
    cells = []
    for index, (cid, reading) in enumerate(zip(ids, readings, strict=True)):
        if cid in solved:
            reading = Reading(solved[cid], None, None, None, INFERRED, "identity")
        cells.append(_cell(specs[cid], reading, decision.ambiguous.get(("t4", index), ())))
    printed = {c.cell_id for c in cells if c.status is OK and c.source == "cell"}
    return cells, checks_and_suspects(idents, values, printed)


def _t4_after_header(text: str, start: int, end: int, region_tokens: TokenIndex) -> list:
    """The template's layout: two header rows, then the 15 values in one row (or one run)."""
    header_end = start
    for match in _T4_HEADER.finditer(text, start, end):
        if header_end > start and region_tokens.between(header_end, match.start()):
            break  # values came before this word: it belongs to something after the table
        header_end = match.end()
    sentence = _SENTENCE_END.search(text, header_end, end)
    return [t for t in region_tokens.between(header_end, sentence.start() if sentence else end) if t.kind != "blank"]


def _t4_by_rows(text: str, start: int, end: int, region_tokens: TokenIndex) -> list | None:
    """A transposed Table 4: one labelled row of five values per remedy (复议, 直接起诉, 复议后起诉)."""
    anchors = find_rows(text, [(r.key, r.anchors) for r in schema.T4_ROWS], start, end)
    if len(anchors) != len(schema.T4_ROWS):
        return None
    spans = _spans(text, anchors, [], end)
    rows = [[t for t in region_tokens.between(*spans[a.key]) if t.kind != "blank"] for a in anchors]
    if any(len(r) != len(schema.T4_COLUMNS) for r in rows):
        return None
    return [t for r in rows for t in r]


# ---- Table 2 ------------------------------------------------------------------------------------
def parse_t2(text: str, start: int, end: int, template: str, hints: Hints) -> list[Cell]:
    templ = schema.table_template(template)
    rows = schema.t2_rows(templ)
    anchors = find_rows(text, [(r.key, r.anchors) for r in rows], start, end)
    stops = [s for pattern in schema.T2_TERMINATORS for s, _ in find_all(text, (pattern,), start, end)]
    spans = _spans(text, anchors, stops, end)
    row_tokens = TokenIndex(text, start, end)
    specs = _specs(templ, "t2")
    found = {a.key for a in anchors}
    cells: list[Cell] = []
    if not anchors:
        width = sum(len(r.columns) for r in rows)
        positional = _by_position(text, start, end, ["t2"], width)
        if positional:
            ids = [f"t2.{r.key}.{c}" for r in rows for c in r.columns]
            return [_cell(specs[cid], reading) for cid, reading in zip(ids, positional["t2"][0], strict=True)]
    for row in rows:
        ids = [f"t2.{row.key}.{c}" for c in row.columns]
        if row.key not in found:
            cells.extend(_cell(specs[cid], MISSING) for cid in ids)
            continue
        tokens = row_tokens.between(*spans[row.key])
        options = candidates_for_row(tokens, len(ids), None)

        def hint_score(assignment, ids=ids):
            values = dict(zip(ids, reading_values(assignment["row"]), strict=True))
            return sum(1 for cid, v in hints.items() if values.get(cid) == v)

        def prior(assignment, row=row):
            return _t2_plausibility(row.key, reading_values(assignment["row"]))

        # narrative numbers decide between splits; the plausibility prior only orders what stays open
        decision = choose({"row": options}, hint_score, prior=prior)
        for index, (cid, reading) in enumerate(zip(ids, decision.readings["row"], strict=True)):
            if reading.source == "digit_run" and cid in hints and reading.value == hints[cid] \
                    and reading.status is not AMBIGUOUS:
                reading = Reading(reading.value, reading.raw, reading.start, reading.end, reading.status, "narrative")
            cells.append(_cell(specs[cid], reading, decision.ambiguous.get(("row", index), ())))
    return cells


def _t2_plausibility(row_key: str, values: list) -> float:
    """For a stock-and-flow row, the stock in force is usually the largest of the three."""
    if len(values) == 3 and all(isinstance(v, _NUMBER) for v in values):
        issued, _, stock = values
        return (1.0 if stock >= issued else 0.0) + stock / (1 + sum(values))
    return 0.0


# ---- Entry point --------------------------------------------------------------------------------
def parse_tables(text: str, sections: Mapping[str, Section], template: str, hints: Hints | None = None) -> TableResult:
    hints = hints or {}
    cells: list[Cell] = []
    checks: list[Check] = []
    cells += parse_t2(text, *_region(sections, "proactive"), template, hints)
    t3_cells, t3_checks, _ = parse_t3(text, *_region(sections, "requests"), template, hints)
    t4_cells, t4_checks = parse_t4(text, *_region(sections, "remedies"))
    cells += t3_cells + t4_cells
    checks += t3_checks + t4_checks
    negatives = [c.cell_id for c in cells if isinstance(c.value, _NUMBER) and c.value < 0
                 and not c.cell_id.endswith(".change")]
    checks.append(Check("nonnegative", not negatives, float(len(negatives)), 0.0, tuple(negatives)))
    return TableResult(tuple(cells), tuple(checks))
