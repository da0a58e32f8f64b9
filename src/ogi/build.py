"""Build a corpus: every input file becomes a document row, parsed or with its error.

I/O lives here: walking the input folder, worker processes, Parquet writers, the manifest.
Outputs are written into a fresh temporary folder that replaces the old one only when all
of it is complete, so an interrupted build never leaves a half-written corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .cache import ParseCache
from .report import PARSER_VERSION, Settings, parse_bytes
from .tables_out import SCHEMAS, rows_for

BATCH_DOCUMENTS = 500
CACHE_DIR = ".cache"  # inside the output folder: parsed batches kept for --incremental


@dataclass(frozen=True, slots=True)
class InputFile:
    id: str  # path relative to the input folder, POSIX separators: stable across machines
    path: str
    error: str | None = None


@dataclass(slots=True)
class BuildSummary:
    out_dir: str
    documents: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_template: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, int] = field(default_factory=dict)
    by_level: dict[str, int] = field(default_factory=dict)
    tables_complete: int = 0
    checks_failed: int = 0
    documents_with_failed_checks: int = 0
    cells_inferred: int = 0
    cells_ambiguous: int = 0
    reused: int = 0

    @property
    def errors(self) -> int:
        return self.by_status.get("error", 0)


def iter_inputs(raw_dir: Path) -> list[InputFile]:
    """Every regular file below ``raw_dir`` (hidden files skipped), sorted; links are followed
    to files but never into folders, so a link loop cannot trap the walk."""
    found: list[InputFile] = []
    for root, dirs, files in os.walk(raw_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [d for d in dirs if (Path(root) / d).is_symlink()]:
            # a link to a folder is listed, not walked: that is how a link loop stays harmless
            path = Path(root) / name
            found.append(InputFile(path.relative_to(raw_dir).as_posix(), str(path),
                                   "symlink to a folder (not followed)"))
        for name in sorted(files):
            if name.startswith(".") or name == "sources.csv":
                continue
            path = Path(root) / name
            rel = path.relative_to(raw_dir).as_posix()
            error = None
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                    if not target.is_file():
                        error = "symlink does not point to a file"
                except (OSError, RuntimeError):
                    error = "broken or looping symlink"
            found.append(InputFile(rel, str(path), error))
    return sorted(found, key=lambda f: f.id)


def _parse_file(args: tuple[InputFile, Settings]) -> dict[str, list[dict[str, Any]]]:
    item, settings = args
    if item.error is None:
        try:
            data = Path(item.path).read_bytes()
        except OSError as exc:
            item = InputFile(item.id, item.path, f"cannot read file: {exc.strerror or exc}")
    if item.error is not None:
        report = parse_bytes(b"", source=item.id, settings=settings)
        report.document.update(status="error", error=f"UnreadableFileError: {item.error}", sha256=None, bytes=None)
        return rows_for(report)
    report = parse_bytes(data, source=item.id, settings=settings)
    return rows_for(report)


class _Writers:
    """One Parquet writer per table, fed in batches; the schemas are fixed, so empty tables exist too."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
        self.writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", schema) for name, schema in SCHEMAS.items()}

    def add(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        for name, table_rows in rows.items():
            self.buffers[name].extend(table_rows)

    def add_table(self, name: str, table: pa.Table) -> None:
        self.flush()
        self.writers[name].write_table(table.select(SCHEMAS[name].names).cast(SCHEMAS[name]))

    def flush(self) -> None:
        for name, rows in self.buffers.items():
            if rows:
                self.writers[name].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
                rows.clear()

    def close(self) -> None:
        self.flush()
        for writer in self.writers.values():
            writer.close()


def _sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


ENGINES = ("local", "dask")


def _parallel(items: list[InputFile], settings: Settings, workers: int, engine: str = "local",
              scheduler: str | None = None) -> Iterator[dict[str, list[dict[str, Any]]]]:
    args = [(item, settings) for item in items]
    if engine == "dask":
        # the same per-document function on a Dask cluster; the workers must see the input paths
        from .dask_engine import dask_map

        yield from dask_map(_parse_file, args, scheduler)
        return
    if workers <= 1 or len(items) < 4:
        yield from map(_parse_file, args)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # map keeps input order, so results never depend on which worker finished first
        yield from pool.map(_parse_file, args, chunksize=max(1, min(32, len(items) // (workers * 8) or 1)))


def build(raw_dir: str | Path, out_dir: str | Path, *, workers: int = 1, incremental: bool = False,
          settings: Settings | None = None, progress: Callable[[int, int], None] | None = None,
          batch_documents: int = BATCH_DOCUMENTS, engine: str = "local", scheduler: str | None = None) -> BuildSummary:
    """Parse every file below ``raw_dir`` into Parquet tables in ``out_dir``.

    ``engine="dask"`` runs the parsing on a Dask cluster (``scheduler`` address, or a local
    cluster); writing stays here, so the outputs are the same whatever the engine.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine value = {engine!r} is invalid; value must be one of {ENGINES}")
    raw = Path(raw_dir)
    out = Path(out_dir)
    if not raw.is_dir():
        raise NotADirectoryError(f"{raw}: not a folder of reports")
    settings = settings or Settings()
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover(out)
    items = iter_inputs(raw)
    cache = ParseCache(out / CACHE_DIR)
    if not incremental:
        cache.clear()
    index = cache.index() if incremental else {}
    reuse: dict[str, Path] = {}
    for item in items if index else ():
        batch = index.get((item.id, _sha256(item.path) or ""))
        if batch is not None:
            reuse[item.id] = batch
    todo = [i for i in items if i.id not in reuse]
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    summary = BuildSummary(out_dir=str(out), reused=len(reuse))
    try:
        writers = _Writers(tmp)
        seen_hashes: dict[str, str] = {}
        hashes: list[dict[str, Any]] = []
        pending: list[dict[str, list[dict[str, Any]]]] = []
        results = _parallel(todo, settings, workers, engine, scheduler)
        for done, item in enumerate(items, start=1):
            if item.id in reuse:
                rows = cache.rows(reuse[item.id], item.id)
            else:
                rows = next(results)
                if rows["documents"][0].get("sha256"):
                    pending.append(rows | {"documents": [dict(rows["documents"][0])]})
                if len(pending) >= batch_documents:
                    cache.write(pending)
                    pending = []
            doc = rows["documents"][0]
            sha = doc.get("sha256")
            if sha and doc["status"] == "ok":
                if sha in seen_hashes:
                    doc = doc | {"duplicate_of": seen_hashes[sha], "status": "duplicate"}
                    rows = {name: [] for name in SCHEMAS} | {"documents": [doc]}
                else:
                    seen_hashes[sha] = item.id
            hashes.append({"id": item.id, "sha256": sha})
            _count(summary, doc)
            writers.add(rows)
            if done % batch_documents == 0:
                writers.flush()
            if progress:
                progress(done, len(items))
        cache.write(pending)
        writers.close()
        for counter in (summary.by_status, summary.by_template, summary.by_year, summary.by_level):
            ordered = sorted(counter.items())  # sorted keys: the same manifest whatever the input order
            counter.clear()
            counter.update(ordered)
        manifest = {
            "ogi_version": __version__, "parser_version": PARSER_VERSION, "documents": summary.documents,
            "by_status": summary.by_status, "by_template": summary.by_template, "by_year": summary.by_year,
            "by_level": summary.by_level, "tables_complete": summary.tables_complete,
            "checks_failed": summary.checks_failed, "cells_inferred": summary.cells_inferred,
            "cells_ambiguous": summary.cells_ambiguous, "settings": {"max_bytes": settings.max_bytes},
            "inputs": hashes,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                                           encoding="utf-8")
        if cache.folder.exists():
            os.replace(cache.folder, tmp / CACHE_DIR)  # the cache travels with the corpus it belongs to
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return summary


def _recover(out: Path) -> None:
    """Undo what a killed build left: its temporary folders, or a swap cut between its two renames."""
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    old = out.with_name(f".{out.name}.old")
    if old.exists() and not out.exists():
        os.replace(old, out)


def _swap(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` in two renames; the old corpus survives until the new one is whole."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def _count(summary: BuildSummary, doc: dict[str, Any]) -> None:
    summary.documents += 1
    _bump(summary.by_status, doc["status"])
    if doc["status"] != "ok":
        return
    _bump(summary.by_template, doc.get("template") or "unknown")
    _bump(summary.by_year, str(doc.get("year") or "unknown"))
    _bump(summary.by_level, doc.get("level") or "unknown")
    summary.tables_complete += bool(doc.get("tables_complete"))
    summary.checks_failed += doc.get("checks_failed") or 0
    summary.documents_with_failed_checks += bool(doc.get("checks_failed"))
    summary.cells_inferred += doc.get("cells_inferred") or 0
    summary.cells_ambiguous += doc.get("cells_ambiguous") or 0


def _bump(counter: dict[str, int], key: str) -> None:
    counter[key] = counter.get(key, 0) + 1



