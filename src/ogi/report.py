"""One document, parsed: the per-document function ``parse_bytes`` and its result type."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import OgiError, TooLargeError
from .ingest import read_bytes
from .meta import Meta, extract_meta
from .models import Cell, Check, Section
from .normalize import Normalized, normalize_text
from .regions import locate_agency
from .sections import SECTION_KEYS, split_sections
from .tables import parse_tables
from .tradsimp import to_simplified_if_traditional

_CODE_SUFFIXES = frozenset({".py", ".tsv", ".txt", ".yaml", ".json"})


def code_digest(root: Path) -> str:
    """A digest of the code and data files below ``root`` (compiled caches aside)."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


# The release and a digest of the package's own files: any change to the code or data a parse
# runs on is a new parser version, so ``--incremental`` never reuses what older code parsed (a
# version number bumped by hand had been forgotten through every change since the first).
PARSER_VERSION = f"{__version__}+{code_digest(Path(__file__).resolve().parent)}"
DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # a real report is well under 5 MB; larger files are junk or dumps


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes value = {self.max_bytes} is invalid; value must be > 0")


@dataclass(slots=True)
class Report:
    document: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    normalized: Normalized | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for benchmarks only

    @property
    def ok(self) -> bool:
        return self.document["status"] == "ok"

    def to_json(self) -> dict[str, Any]:
        by_key = {s.key: s for s in self.sections}
        return {
            "document": self.document,
            "meta": self.meta,
            "sections": {k: ({"heading": by_key[k].heading, "text": by_key[k].text, "start": by_key[k].start,
                              "end": by_key[k].end, "inferred": by_key[k].inferred} if k in by_key else None)
                         for k in SECTION_KEYS},
            "cells": [_cell_json(c) for c in self.cells],
            "checks": [c._asdict() for c in self.checks],
            "items": self.items,
            "mentions": self.mentions,
        }


def _cell_json(cell: Cell) -> dict[str, Any]:
    out = cell._asdict()
    out["status"] = cell.status.value
    out["candidates"] = list(cell.candidates)
    return out


META_FIELDS = ("title", "agency", "year", "year_source", "published", "level", "kind", "province",
               "province_code", "region_code", "region_name", "template")


def _empty_meta() -> dict[str, Any]:
    return dict.fromkeys(META_FIELDS)


def parse_bytes(data: bytes, *, source: str, settings: Settings | None = None) -> Report:
    """Parse one file's bytes. Never raises for bad input: the error is on the document row."""
    settings = settings or Settings()
    document: dict[str, Any] = {
        "id": source, "path": source, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
        "format": None, "encoding": None, "status": "ok", "error": None, "warnings": None,
        "traditional": False, "ogi_version": __version__, "parser_version": PARSER_VERSION,
    }
    try:
        if len(data) > settings.max_bytes:
            raise TooLargeError(f"file is {len(data)} bytes, over the limit of {settings.max_bytes} "
                                "(raise it with --max-bytes)")
        started = time.perf_counter()
        doc = read_bytes(data, source=source)
        read_seconds = time.perf_counter() - started
    except OgiError as exc:
        document.update(status="error", error=f"{type(exc).__name__}: {exc}")
        return Report(document=document, meta=_empty_meta())
    except Exception as exc:  # a reader bug must not stop the batch; say what happened
        document.update(status="error", error=f"internal error ({type(exc).__name__}): {str(exc)[:200]}")
        return Report(document=document, meta=_empty_meta())
    document.update(format=doc.format, encoding=doc.encoding,
                    warnings="; ".join(doc.warnings) if doc.warnings else None)
    try:
        report = _analyse(doc, document)
        report.timings = {"read": read_seconds, **report.timings}
        return report
    except Exception as exc:  # pragma: no cover - recorded, never raised: the batch carries on
        document.update(status="error", error=f"internal error ({type(exc).__name__}): {str(exc)[:200]}")
        return Report(document=document, meta=_empty_meta())


def _analyse(doc, document: dict[str, Any]) -> Report:
    clock = _Clock()
    text, converted = to_simplified_if_traditional(doc.text)
    document["traditional"] = converted
    normalized = normalize_text(text)
    body = normalized.text
    clock.lap("normalise")
    sections = split_sections(body)
    by_key = {s.key: s for s in sections}
    clock.lap("sections")
    meta: Meta = extract_meta(body, title=doc.title, published=doc.published)
    region = locate_agency(meta.agency, _region_context(text))
    meta_row = {
        "title": meta.title, "agency": meta.agency, "year": meta.year, "year_source": meta.year_source,
        "published": meta.published, "level": region.level, "kind": meta.kind, "province": region.province,
        "province_code": region.province_code, "region_code": region.code, "region_name": region.name,
        "template": meta.template,
    }
    clock.lap("meta")
    report = Report(document=document, meta=meta_row, sections=sections, text=body, normalized=normalized)
    report.mentions, hints = _mentions(by_key)
    clock.lap("mentions")
    tables = parse_tables(body, by_key, meta.template, hints)
    report.cells = list(tables.cells)
    report.checks = list(tables.checks) + _text_checks(report.mentions, report.cells)
    clock.lap("tables")
    report.items = _items(by_key)
    clock.lap("items")
    report.timings = clock.laps
    return report


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = now - self._last
        self._last = now


def _region_context(text: str) -> str:
    # the head and foot of a page carry the clues (place names, 公网安备 numbers), not the body
    return text[:1500] + "\n" + text[-1500:] if len(text) > 3000 else text


def _mentions(sections: dict[str, Section]) -> tuple[list[dict[str, Any]], dict[str, int | float]]:
    try:
        from .text.mentions import extract_mentions
    except ImportError:  # pragma: no cover - text analysis not installed
        return [], {}
    mentions: list[dict[str, Any]] = []
    for key in ("overview", "other"):
        section = sections.get(key)
        if section is None:
            continue
        offset = section.start
        for m in extract_mentions(section.text):  # the fields of Mention, in order (asdict is slow)
            mentions.append({"concept": m.concept, "value": m.value, "unit": m.unit, "raw": m.raw,
                             "start": m.start + offset, "end": m.end + offset, "section": key})
    hints: dict[str, int | float] = {}
    for m in mentions:
        if m["concept"].startswith("t2."):
            hints.setdefault(m["concept"], m["value"])
    return mentions, hints


def _text_checks(mentions: list[dict[str, Any]], cells: list[Cell]) -> list[Check]:
    try:
        from .text.mentions import Mention, compare_mentions
    except ImportError:  # pragma: no cover
        return []
    values = {c.cell_id: c.value for c in cells if not c.extra}
    objs = [Mention(m["concept"], m["value"], m["unit"], m["raw"], m["start"], m["end"]) for m in mentions]
    return [Check(name=t.name, holds=t.holds, lhs=_float(t.text_value), rhs=_float(t.table_value),
                  cells=(t.name.removeprefix("text."),), note="narrative vs table")
            for t in compare_mentions(objs, values)]


def _float(value) -> float | None:
    return None if value is None else float(value)


def _items(sections: dict[str, Section]) -> list[dict[str, Any]]:
    section = sections.get("problems")
    if section is None:
        return []
    try:
        from .text.items import split_items
    except ImportError:  # pragma: no cover
        return []
    out = []
    for item in split_items(section.text):
        out.append({"part": item.part, "n": item.n, "text": item.text,
                    "start": item.start + section.start, "end": item.end + section.start})
    return out
