"""Rows for the Parquet tables, one function per table: Report -> row tuples (cells: columns)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from .models import CellStatus
from .report import META_FIELDS, Report
from .schema import all_cell_ids

DOCUMENT_SCHEMA = pa.schema(
    [("id", pa.string()), ("path", pa.string()), ("sha256", pa.string()), ("bytes", pa.int64()),
     ("format", pa.string()), ("encoding", pa.string()), ("status", pa.string()), ("error", pa.string()),
     ("warnings", pa.string()), ("duplicate_of", pa.string()), ("traditional", pa.bool_()),
     ("n_sections", pa.int32()), ("tables_complete", pa.bool_()), ("checks_failed", pa.int32()),
     ("cells_inferred", pa.int32()), ("cells_ambiguous", pa.int32()), ("ogi_version", pa.string()),
     ("parser_version", pa.string())]
    + [(f, pa.int32() if f == "year" else pa.string()) for f in META_FIELDS]
)
SECTION_SCHEMA = pa.schema([("document", pa.string()), ("key", pa.string()), ("heading", pa.string()),
                            ("inferred", pa.bool_()), ("start", pa.int64()), ("end", pa.int64()),
                            ("src_start", pa.int64()), ("src_end", pa.int64()), ("text", pa.string())])
CELL_SCHEMA = pa.schema([("document", pa.string()), ("cell_id", pa.string()), ("table", pa.string()),
                         ("row", pa.string()), ("col", pa.string()), ("value", pa.float64()),
                         ("raw", pa.string()), ("status", pa.string()), ("source", pa.string()),
                         ("unit", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                         ("src_start", pa.int64()), ("src_end", pa.int64()), ("extra", pa.bool_()),
                         ("candidates", pa.list_(pa.float64()))])
CHECK_SCHEMA = pa.schema([("document", pa.string()), ("name", pa.string()), ("holds", pa.bool_()),
                          ("lhs", pa.float64()), ("rhs", pa.float64()), ("cells", pa.list_(pa.string())),
                          ("note", pa.string())])
ITEM_SCHEMA = pa.schema([("document", pa.string()), ("part", pa.string()), ("n", pa.int32()),
                         ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
MENTION_SCHEMA = pa.schema([("document", pa.string()), ("section", pa.string()), ("concept", pa.string()),
                            ("value", pa.float64()), ("unit", pa.string()), ("raw", pa.string()),
                            ("start", pa.int64()), ("end", pa.int64())])
WIDE_IDS = all_cell_ids()
TABLE_SCHEMA = pa.schema([("document", pa.string()), ("template", pa.string())]
                         + [(cid, pa.float64()) for cid in WIDE_IDS])
SCHEMAS = {"documents": DOCUMENT_SCHEMA, "sections": SECTION_SCHEMA, "cells": CELL_SCHEMA,
           "checks": CHECK_SCHEMA, "items": ITEM_SCHEMA, "mentions": MENTION_SCHEMA, "tables": TABLE_SCHEMA}


# values a researcher may use as they are; ambiguous cells stay out of the wide table
_USABLE = (CellStatus.OK, CellStatus.INFERRED)
_COMPLETE = (*_USABLE, CellStatus.NA, CellStatus.BLANK)


def document_row(report: Report) -> dict[str, Any]:
    row = {name: report.document.get(name) for name in DOCUMENT_SCHEMA.names if name in report.document}
    row.update(report.meta)
    canonical = [c.status for c in report.cells if not c.extra]
    row.update(
        duplicate_of=report.document.get("duplicate_of"),
        n_sections=len(report.sections),
        tables_complete=bool(canonical) and all(s in _COMPLETE for s in canonical),
        checks_failed=sum(1 for c in report.checks if c.holds is False),
        cells_inferred=canonical.count(CellStatus.INFERRED),
        cells_ambiguous=canonical.count(CellStatus.AMBIGUOUS),
    )
    return row


# Rows are tuples in schema order: a batch becomes Arrow column by column (zip(*rows)), a third
# of the cost of building it from one dict per row. Arrow does the conversions itself: ints into
# float64 columns, str-valued enum members into strings, tuples into lists.
Row = tuple[Any, ...]


def _src(report: Report, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    if start is None or end is None or report.normalized is None:
        return None, None
    return report.normalized.to_source(start, end)


def section_rows(report: Report) -> list[Row]:
    doc = report.document["id"]
    return [(doc, s.key, s.heading, s.inferred, s.start, s.end, *_src(report, s.start, s.end), s.text)
            for s in report.sections]


def cell_columns(report: Report) -> list[tuple[Any, ...]]:
    """The cells table's columns for one report, in schema order. Column-wise, not row tuples:
    a Cell is itself a tuple, so ``zip(*cells)`` transposes them in C, and a report has hundreds."""
    cells = report.cells
    if not cells:
        return [() for _ in CELL_SCHEMA]
    cell_id, table, row, col, value, raw, status, start, end, unit, source, candidates, extra = zip(*cells, strict=True)
    src = [_src(report, a, b) for a, b in zip(start, end, strict=True)]
    src_start, src_end = zip(*src, strict=True)
    document = (report.document["id"],) * len(cells)
    return [document, cell_id, table, row, col, value, raw, status, source, unit, start, end, src_start, src_end,
            extra, candidates]


def check_rows(report: Report) -> list[Row]:
    doc = report.document["id"]
    return [(doc, *check) for check in report.checks]  # a Check's fields are the schema's, in order


_ITEM_FIELDS = ITEM_SCHEMA.names[1:]
_MENTION_FIELDS = MENTION_SCHEMA.names[1:]


def item_rows(report: Report) -> list[Row]:
    doc = report.document["id"]
    return [(doc, *(item.get(k) for k in _ITEM_FIELDS)) for item in report.items]


def mention_rows(report: Report) -> list[Row]:
    doc = report.document["id"]
    return [(doc, *(m.get(k) for k in _MENTION_FIELDS)) for m in report.mentions]


_WIDE_INDEX = {cid: i for i, cid in enumerate(WIDE_IDS, start=2)}


def wide_row(report: Report) -> Row | None:
    if not report.cells:
        return None
    row: list[Any] = [None] * len(TABLE_SCHEMA.names)
    row[0], row[1] = report.document["id"], report.meta.get("template")
    for c in report.cells:
        if not c.extra and c.status in _USABLE and c.value is not None:
            row[_WIDE_INDEX[c.cell_id]] = c.value
    return tuple(row)


def row_tuples(report: Report) -> dict[str, list[Row]]:
    """Every table's rows but the cells' for one report, as tuples in schema order (a duplicate
    or a failed document keeps only its document row)."""
    doc = document_row(report)
    out: dict[str, list[Row]] = {name: [] for name in SCHEMAS if name != "cells"}
    out["documents"] = [tuple(doc.get(name) for name in DOCUMENT_SCHEMA.names)]
    if not _has_rows(report):
        return out
    wide = wide_row(report)
    out.update(sections=section_rows(report), checks=check_rows(report), items=item_rows(report),
               mentions=mention_rows(report), tables=[wide] if wide else [])
    return out


def _has_rows(report: Report) -> bool:
    return not report.document.get("duplicate_of") and report.document["status"] == "ok"


def rows_for(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one report, as dicts with the values the Parquet files hold (for
    inspection and tests; builds use TableBatch)."""
    batch = TableBatch()
    batch.add(report)
    return {name: table.to_pylist() for name, table in batch.to_arrow().items()}


class TableBatch:
    """The rows of a batch of reports, turned into one Arrow table per output table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {name: [] for name in SCHEMAS if name != "cells"}
        self.cell_columns: list[list[Any]] = [[] for _ in CELL_SCHEMA]
        self.documents = 0

    def add(self, report: Report) -> None:
        for name, rows in row_tuples(report).items():
            self.rows[name].extend(rows)
        if _has_rows(report):
            for column, values in zip(self.cell_columns, cell_columns(report), strict=True):
                column.extend(values)
        self.documents += 1

    def to_arrow(self) -> dict[str, pa.Table]:
        tables = {name: to_table(rows, SCHEMAS[name]) for name, rows in self.rows.items()}
        tables["cells"] = _from_columns(self.cell_columns, CELL_SCHEMA)
        return {name: tables[name] for name in SCHEMAS}  # in SCHEMAS order, as before


def to_table(rows: list[Row], schema: pa.Schema) -> pa.Table:
    if not rows:
        return schema.empty_table()
    return _from_columns(zip(*rows, strict=True), schema)


def _from_columns(columns: Iterable[Sequence[Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_arrays([_array(col, f.type) for col, f in zip(columns, schema, strict=True)], schema=schema)


def _array(values: Sequence[Any], type_: pa.DataType) -> pa.Array:
    try:
        return pa.array(values, type=type_)
    except (pa.ArrowInvalid, OverflowError):
        # Arrow refuses an int that float64 cannot hold exactly (a 20-digit "count" in a glued or
        # garbled cell); Python's float rounds it, as the value always was, and a number past
        # float64's range is infinite. The raw text keeps every digit.
        if type_ == pa.float64():
            return pa.array([None if v is None else _float(v) for v in values], type=type_)
        if type_ == pa.list_(pa.float64()):
            return pa.array([None if v is None else [_float(x) for x in v] for v in values], type=type_)
        raise


def _float(value: int | float) -> float:
    try:
        return float(value)
    except OverflowError:
        return float("inf")
