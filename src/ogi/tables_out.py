"""Rows for the Parquet tables, one function per table: Report -> list of dicts."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

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
USABLE_STATUSES = frozenset({"ok", "inferred"})


def document_row(report: Report) -> dict[str, Any]:
    row = {name: report.document.get(name) for name in DOCUMENT_SCHEMA.names if name in report.document}
    row.update(report.meta)
    canonical = [c for c in report.cells if not c.extra]
    row.update(
        duplicate_of=report.document.get("duplicate_of"),
        n_sections=len(report.sections),
        tables_complete=bool(canonical) and all(c.status.value in USABLE_STATUSES | {"na", "blank"}
                                                for c in canonical),
        checks_failed=sum(1 for c in report.checks if c.holds is False),
        cells_inferred=sum(1 for c in canonical if c.status.value == "inferred"),
        cells_ambiguous=sum(1 for c in canonical if c.status.value == "ambiguous"),
    )
    return row


def _src(report: Report, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    if start is None or end is None or report.normalized is None:
        return None, None
    return report.normalized.to_source(start, end)


def section_rows(report: Report) -> list[dict[str, Any]]:
    doc = report.document["id"]
    return [{"document": doc, "key": s.key, "heading": s.heading, "inferred": s.inferred, "start": s.start,
             "end": s.end, "src_start": _src(report, s.start, s.end)[0], "src_end": _src(report, s.start, s.end)[1],
             "text": s.text} for s in report.sections]


def cell_rows(report: Report) -> list[dict[str, Any]]:
    doc = report.document["id"]
    out = []
    for c in report.cells:
        src_start, src_end = _src(report, c.start, c.end)
        out.append({"document": doc, "cell_id": c.cell_id, "table": c.table, "row": c.row, "col": c.col,
                    "value": None if c.value is None else float(c.value), "raw": c.raw, "status": c.status.value,
                    "source": c.source, "unit": c.unit, "start": c.start, "end": c.end, "src_start": src_start,
                    "src_end": src_end, "extra": c.extra, "candidates": [float(v) for v in c.candidates]})
    return out


def check_rows(report: Report) -> list[dict[str, Any]]:
    doc = report.document["id"]
    return [{"document": doc, "name": c.name, "holds": c.holds, "lhs": c.lhs, "rhs": c.rhs,
             "cells": list(c.cells), "note": c.note} for c in report.checks]


def item_rows(report: Report) -> list[dict[str, Any]]:
    doc = report.document["id"]
    return [{"document": doc, **item} for item in report.items]


def mention_rows(report: Report) -> list[dict[str, Any]]:
    doc = report.document["id"]
    return [{"document": doc, **{k: m.get(k) for k in MENTION_SCHEMA.names if k != "document"}}
            for m in report.mentions]


def wide_row(report: Report) -> dict[str, Any] | None:
    if not report.cells:
        return None
    row: dict[str, Any] = {"document": report.document["id"], "template": report.meta.get("template")}
    for c in report.cells:
        if not c.extra and c.status.value in USABLE_STATUSES and c.value is not None:
            row[c.cell_id] = float(c.value)
    return row


def rows_for(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one report (a duplicate keeps only its document row)."""
    out: dict[str, list[dict[str, Any]]] = {"documents": [document_row(report)]}
    if report.document.get("duplicate_of") or report.document["status"] != "ok":
        return out | {k: [] for k in SCHEMAS if k != "documents"}
    wide = wide_row(report)
    out.update(sections=section_rows(report), cells=cell_rows(report), checks=check_rows(report),
               items=item_rows(report), mentions=mention_rows(report), tables=[wide] if wide else [])
    return out
