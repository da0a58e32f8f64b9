"""Parsed documents kept between builds, in batches, so an interrupted build loses little.

Each batch is a folder of Parquet files (one per output table) holding the rows of up to a few
hundred documents exactly as parsed, before duplicates are resolved. A batch appears whole or
not at all (written in a temporary folder, then renamed), so a build killed at any point leaves
only complete batches behind. ``--incremental`` reuses every cached document whose path and
SHA-256 are unchanged and whose parser version is the current one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .report import PARSER_VERSION
from .tables_out import SCHEMAS

Rows = dict[str, list[dict[str, Any]]]


class ParseCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self._loaded: tuple[Path, dict[str, Rows]] | None = None

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def index(self) -> dict[tuple[str, str], Path]:
        """(document id, sha256) -> the batch folder that holds its rows."""
        found: dict[tuple[str, str], Path] = {}
        if not self.folder.is_dir():
            return found
        for batch in sorted(self.folder.glob("batch-*")):
            try:
                docs = pq.read_table(batch / "documents.parquet", columns=["id", "sha256", "parser_version"])
            except (OSError, pa.ArrowInvalid):
                continue  # unreadable: it is simply not reused
            for row in docs.to_pylist():
                if row["sha256"] and row["parser_version"] == PARSER_VERSION:
                    found[(row["id"], row["sha256"])] = batch
        return found

    def rows(self, batch: Path, document: str) -> Rows:
        """One document's rows; a batch is read once and kept while its documents are asked for."""
        if self._loaded is None or self._loaded[0] != batch:
            self._loaded = (batch, _read_batch(batch))
        return self._loaded[1][document]

    def write(self, documents: list[Rows]) -> None:
        if not documents:
            return
        key = "\n".join(f"{d['documents'][0]['id']}\t{d['documents'][0]['sha256']}" for d in documents)
        name = "batch-" + hashlib.sha256(key.encode()).hexdigest()[:20]
        final = self.folder / name
        if final.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)  # creates the output folder on a first build
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.folder))
        try:
            for table, schema in SCHEMAS.items():
                rows = [row for d in documents for row in d[table]]
                pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp / f"{table}.parquet")
            os.replace(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _read_batch(batch: Path) -> dict[str, Rows]:
    grouped: dict[str, Rows] = {}
    for table in SCHEMAS:
        key = "id" if table == "documents" else "document"
        for row in pq.read_table(batch / f"{table}.parquet").to_pylist():
            grouped.setdefault(row[key], {name: [] for name in SCHEMAS})[table].append(row)
    return grouped
