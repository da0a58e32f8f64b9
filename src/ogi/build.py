"""Build a corpus: every input file becomes a document row, parsed or with its error.

I/O lives here: walking the input folder, worker processes, Parquet writers, the manifest.
Outputs are written into a fresh temporary folder that replaces the old one only when all
of it is complete, so an interrupted build never leaves a half-written corpus.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import __version__
from .cache import ParseCache
from .report import META_FIELDS, PARSER_VERSION, Report, Settings, parse_bytes
from .tables_out import SCHEMAS, TableBatch

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


class _Input(NamedTuple):
    """An input as the main process keeps it until its task is made: its id and any error, not
    its path (``raw / id``), which would double what a million of them hold."""
    id: str
    error: str | None = None


def _walk(raw_dir: Path) -> list[_Input]:
    """Every regular file below ``raw_dir`` (hidden files skipped), sorted; links are followed
    to files but never into folders, so a link loop cannot trap the walk."""
    found: list[_Input] = []
    for root, dirs, files in os.walk(raw_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [d for d in dirs if (Path(root) / d).is_symlink()]:
            # a link to a folder is listed, not walked: that is how a link loop stays harmless
            path = Path(root) / name
            found.append(_Input(path.relative_to(raw_dir).as_posix(), "symlink to a folder (not followed)"))
        for name in sorted(files):
            if name.startswith(".") or name == "sources.csv":
                continue
            path = Path(root) / name
            error = None
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                    if not target.is_file():
                        error = "symlink does not point to a file"
                except (OSError, RuntimeError):
                    error = "broken or looping symlink"
            found.append(_Input(path.relative_to(raw_dir).as_posix(), error))
    found.sort()  # by id: ids are unique, so the error never decides
    return found


def _input_file(raw_dir: Path, item: _Input) -> InputFile:
    return InputFile(item.id, str(raw_dir / item.id), item.error)


def iter_inputs(raw_dir: Path) -> list[InputFile]:
    """Every input file below ``raw_dir``, sorted by id (see ``_walk``)."""
    return [_input_file(raw_dir, item) for item in _walk(raw_dir)]


CHUNK_MAX = 64  # documents per worker task: enough to amortise the hand-over, small enough to share out


def chunk_size(documents: int) -> int:
    """Documents per worker task. It depends on the corpus size only, never on the worker count,
    so the cache batches and the output row groups are the same whatever the parallelism."""
    return max(1, min(CHUNK_MAX, -(-documents // 16)))


def _parse_item(item: InputFile, settings: Settings) -> Report:
    if item.error is None:
        try:
            data = Path(item.path).read_bytes()
        except OSError as exc:
            item = InputFile(item.id, item.path, f"cannot read file: {exc.strerror or exc}")
    if item.error is not None:
        report = parse_bytes(b"", source=item.id, settings=settings)
        report.document.update(status="error", error=f"UnreadableFileError: {item.error}", sha256=None, bytes=None)
        return report
    return parse_bytes(data, source=item.id, settings=settings)


Task = tuple[list[InputFile], Settings, str | None]
_ACYCLIC_FORMATS = frozenset({"txt", "html"})  # readers known to leave no reference cycles


def parse_chunk(task: Task) -> dict[str, pa.Table]:
    """The per-task function: a few documents parsed into Arrow tables (columnar, so the hand-over
    to the writing process is cheap) and, when a cache folder is given, kept there as a batch."""
    items, settings, cache_folder = task
    # The cyclic collector is paused for the task: its passes over the task's live reports find
    # nothing to free (text and HTML parsing make no reference cycles; reference counting frees
    # the rest) and cost a few per cent of the time. pdfminer's object graph is full of cycles,
    # so the young objects are collected after any other document (a PDF, a DOCX, a failed
    # read): one pass, small beside what such a read costs.
    collecting = gc.isenabled()
    gc.disable()
    try:
        reports = []
        for item in items:
            reports.append(_parse_item(item, settings))
            if reports[-1].document["format"] not in _ACYCLIC_FORMATS:
                gc.collect(0)
        try:
            tables = _to_arrow(reports)
        except Exception:  # a row Arrow cannot hold: find whose it is, so the others still land
            tables = _to_arrow([_writable(report) for report in reports])
        if cache_folder is not None:
            ParseCache(Path(cache_folder)).write(tables)
        return tables
    finally:
        if collecting:
            gc.enable()


def _to_arrow(reports: list[Report]) -> dict[str, pa.Table]:
    batch = TableBatch()
    for report in reports:
        batch.add(report)
    return batch.to_arrow()


def _writable(report: Report) -> Report:
    """The report itself if its rows convert; else its document row alone, with the error on it."""
    try:
        _to_arrow([report])
        return report
    except Exception as exc:  # recorded on the document, never raised: the batch carries on
        # the identity fields only: the field that would not convert may be on the document row
        document = {key: report.document.get(key) for key in _IDENTITY_FIELDS}
        document.update(status="error",
                        error=f"internal error ({type(exc).__name__}) writing its rows: {str(exc)[:200]}")
        return Report(document=document, meta=dict.fromkeys(META_FIELDS))


_IDENTITY_FIELDS = ("id", "path", "sha256", "ogi_version", "parser_version")


# A Parquet writer keeps every row group's column statistics in memory until it closes: for the
# 229-column wide table that was 167 KiB a row group, 340 B a document of the main process's
# growth. Its value columns get none; readers filter on document and template.
_STATISTICS: dict[str, bool | list[str]] = {"tables": ["document", "template"]}


# Documents a row group holds, as a multiple of ``batch_documents``. A writer keeps every row
# group's metadata until it closes, about 1 KiB a column, so the 229-column wide table gets row
# groups ten times longer (a row of it is only 229 floats: 5,000 rows are about 9 MiB).
_ROW_GROUP_SCALE: dict[str, int] = {"tables": 10}


class _Writers:
    """One Parquet writer per table, fed Arrow tables; a row group per ``batch_documents``
    documents (times the table's ``_ROW_GROUP_SCALE``). The schemas are fixed, so empty tables
    exist too."""

    def __init__(self, folder: Path, batch_documents: int = BATCH_DOCUMENTS):
        self.folder = folder
        self.limits = {name: batch_documents * _ROW_GROUP_SCALE.get(name, 1) for name in SCHEMAS}
        self.pending: dict[str, list[pa.Table]] = {name: [] for name in SCHEMAS}
        self.pending_documents = dict.fromkeys(SCHEMAS, 0)
        self.writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", schema,
                                               write_statistics=_STATISTICS.get(name, True))
                        for name, schema in SCHEMAS.items()}

    def add(self, tables: dict[str, pa.Table]) -> None:
        documents = tables["documents"].num_rows
        for name, table in tables.items():
            self.pending[name].append(table)
            self.pending_documents[name] += documents
            if self.pending_documents[name] >= self.limits[name]:
                self._flush(name)

    def _flush(self, name: str) -> None:
        tables = self.pending[name]
        if sum(t.num_rows for t in tables):
            self.writers[name].write_table(pa.concat_tables(tables))
        tables.clear()
        self.pending_documents[name] = 0

    def flush(self) -> None:
        for name in self.pending:
            self._flush(name)

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


def _parallel(tasks: Iterable[Task], n_tasks: int, workers: int, engine: str = "local",
              scheduler: str | None = None) -> Iterator[dict[str, pa.Table]]:
    """Each task's tables, in task order, so results never depend on which worker finished first."""
    if engine == "dask":
        # the same per-task function on a Dask cluster; the workers must see the input paths
        from .dask_engine import dask_map

        yield from dask_map(parse_chunk, tasks, scheduler)
        return
    # Objects alive before parsing starts (modules, pyarrow, pandas) are frozen out of the cyclic
    # collector: its full passes over them cost about 1 ms a document. They are still freed by
    # reference counting; only cycles among them wait for the unfreeze.
    if workers <= 1 or n_tasks < 2:
        gc.freeze()
        try:
            yield from map(parse_chunk, tasks)
        finally:
            gc.unfreeze()
        return
    pa.array([0])  # pyarrow's first conversion imports pandas (~1.5 s): once here, and forked workers inherit it
    pool = ProcessPoolExecutor(max_workers=workers, initializer=gc.freeze)
    try:
        # a bounded window of tasks in flight: the main process never holds more than a few results
        pending: deque[Future[dict[str, pa.Table]]] = deque()
        queue = iter(tasks)
        for task in islice(queue, 2 * workers):
            pending.append(pool.submit(parse_chunk, task))
        while pending:
            result = pending.popleft().result()
            task = next(queue, None)
            if task is not None:
                pending.append(pool.submit(parse_chunk, task))
            yield result
    finally:
        pool.shutdown(cancel_futures=True)


@dataclass(frozen=True, slots=True)
class _Segment:
    """Consecutive inputs handled alike: parsed in one task, or reused from one cache batch."""
    items: list[_Input]
    batch: Path | None = None


def _plan(items: list[_Input], reuse: dict[str, Path]) -> list[_Segment]:
    size = chunk_size(sum(1 for i in items if i.id not in reuse))
    segments: list[_Segment] = []
    for item in items:
        batch = reuse.get(item.id)
        last = segments[-1] if segments else None
        if last is not None and last.batch == batch and (batch is not None or len(last.items) < size):
            last.items.append(item)
        else:
            segments.append(_Segment([item], batch))
    return segments


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
    items = _walk(raw)
    cache = ParseCache(out / CACHE_DIR)
    if not incremental:
        cache.clear()
    index = cache.index() if incremental else {}
    reuse: dict[str, Path] = {}
    for item in items if index else ():
        batch = index.get((item.id, _sha256(str(raw / item.id)) or ""))
        if batch is not None:
            reuse[item.id] = batch
    segments = _plan(items, reuse)
    own_cache = engine == "local"  # local workers keep their own batches; remote ones may not see this disk
    cache_folder = str(cache.folder) if own_cache else None
    # made as they are submitted, so only the tasks in flight hold input paths
    parsed = [seg for seg in segments if seg.batch is None]
    tasks = (([_input_file(raw, i) for i in seg.items], settings, cache_folder) for seg in parsed)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    summary = BuildSummary(out_dir=str(out), reused=len(reuse))
    try:
        writers = _Writers(tmp, batch_documents)
        seen = _DuplicateIndex(tmp / ".hashes.sqlite")  # on disk, as the manifest's list: no memory per document
        inputs = _InputLog(tmp / ".inputs.jsonl")
        results = _parallel(tasks, len(parsed), workers, engine, scheduler)
        done = 0
        for segment in segments:
            if segment.batch is not None:
                tables = cache.tables(segment.batch, [i.id for i in segment.items])
            else:
                tables = next(results)
                if not own_cache:
                    cache.write(tables)
            tables, docs = _resolve_duplicates(tables, seen)
            for doc in docs:
                inputs.add(doc["id"], doc["sha256"])
                _count(summary, doc)
            writers.add(tables)
            done += len(segment.items)
            if progress:
                progress(done, len(items))
        writers.close()
        seen.close()
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
        }
        inputs.write_manifest(manifest, tmp / "manifest.json")
        if cache.folder.exists():
            os.replace(cache.folder, tmp / CACHE_DIR)  # the cache travels with the corpus it belongs to
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return summary


class _InputLog:
    """The manifest's ``inputs``, one JSON line a document, kept on disk while the build runs:
    at a million documents a list of them would be the largest thing the main process holds."""

    def __init__(self, path: Path):
        self.path = path
        self.file = path.open("w", encoding="utf-8")

    def add(self, document_id: str, sha256: str | None) -> None:
        self.file.write(json.dumps({"id": document_id, "sha256": sha256}, ensure_ascii=False) + "\n")

    def write_manifest(self, fields: dict[str, Any], path: Path) -> None:
        """``fields`` with sorted keys, then ``inputs``, streamed from the log; the log goes."""
        self.file.close()
        head = json.dumps(fields, ensure_ascii=False, indent=1, sort_keys=True)
        with path.open("w", encoding="utf-8") as out, self.path.open(encoding="utf-8") as log:
            out.write(head[:-2] + ',\n "inputs": [')
            separator = "\n  "
            for line in log:
                out.write(separator + line.rstrip("\n"))
                separator = ",\n  "
            out.write("]\n}\n" if separator == "\n  " else "\n ]\n}\n")
        self.path.unlink()


class _DuplicateIndex:
    """Each distinct document's SHA-256 and the first document with those bytes, in an SQLite
    file in the build's temporary folder: held in a dict, it was the second largest thing the
    main process kept (195 B a document, some 200 MB at a million). SQLite's page cache is
    bounded (2 MiB by default), so the index costs no more memory at a million than at ten."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path)
        # scratch data, rebuilt by any rerun: no journal, no waiting for the disk
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("CREATE TABLE seen (sha BLOB PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID")

    def first_of(self, sha: bytes, document_id: str) -> str | None:
        """The document seen first with these bytes, or None: then it is this one, from now on."""
        row = self.db.execute("SELECT id FROM seen WHERE sha = ?", (sha,)).fetchone()
        if row is not None:
            return row[0]
        self.db.execute("INSERT INTO seen VALUES (?, ?)", (sha, document_id))
        return None

    def commit(self) -> None:
        self.db.commit()  # once a batch: one transaction per insert would cost more than the lookups

    def close(self) -> None:
        self.db.close()
        self.path.unlink()


def _resolve_duplicates(tables: dict[str, pa.Table], seen: _DuplicateIndex
                        ) -> tuple[dict[str, pa.Table], list[dict[str, Any]]]:
    """A document whose bytes were seen before becomes a duplicate: its document row says of
    what, and its other rows are dropped, so nothing is counted twice."""
    docs = tables["documents"].to_pylist()
    duplicates = []
    for doc in docs:
        if not doc["sha256"] or doc["status"] != "ok":
            continue
        first = seen.first_of(bytes.fromhex(doc["sha256"]), doc["id"])  # 32 bytes, not 64 characters
        if first is not None:
            doc.update(duplicate_of=first, status="duplicate")
            duplicates.append(doc["id"])
    seen.commit()
    if not duplicates:
        return tables, docs
    dropped = pa.array(duplicates, pa.string())
    out = {name: table.filter(pc.invert(pc.is_in(table["document"], value_set=dropped)))
           for name, table in tables.items() if name != "documents"}
    out["documents"] = pa.Table.from_pylist(docs, schema=SCHEMAS["documents"])
    return out, docs


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



