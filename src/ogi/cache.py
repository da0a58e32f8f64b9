"""Parsed documents kept between builds, in batches, so an interrupted build loses little.

Each batch is a folder of Arrow IPC files (one per output table, zstd-compressed: less than half
the cost of writing Parquet, whose wide table alone takes longer than the rest) holding the rows
of one worker task's documents (at most 64) exactly as parsed, before duplicates are resolved. A
batch appears whole or not at all (written in a temporary folder, then renamed), so a build killed
at any point leaves only complete batches behind. ``--incremental`` reuses every cached document whose path and
SHA-256 are unchanged and whose parser version is the current one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

from .report import PARSER_VERSION
from .tables_out import SCHEMAS


class ParseCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self._loaded: tuple[Path, dict[str, pa.Table]] | None = None

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def index(self) -> dict[tuple[str, str], Path]:
        """(document id, sha256) -> the batch folder that holds its rows."""
        found: dict[tuple[str, str], Path] = {}
        if not self.folder.is_dir():
            return found
        for batch in sorted(self.folder.glob("batch-*")):
            try:
                docs = _read(batch / "documents.arrow").select(["id", "sha256", "parser_version"])
            except (OSError, pa.ArrowInvalid, KeyError):
                continue  # unreadable: it is simply not reused
            for row in docs.to_pylist():
                if row["sha256"] and row["parser_version"] == PARSER_VERSION:
                    found[(row["id"], row["sha256"])] = batch
        return found

    def tables(self, batch: Path, documents: list[str]) -> dict[str, pa.Table]:
        """The rows of ``documents`` from one batch, in the order given; a batch is read once and
        kept while its documents are asked for."""
        if self._loaded is None or self._loaded[0] != batch:
            self._loaded = (batch, {name: _read(batch / f"{name}.arrow").cast(schema)
                                    for name, schema in SCHEMAS.items()})
        wanted = pa.array(documents, pa.string())
        out = {}
        for name, table in self._loaded[1].items():
            position = pc.index_in(table["id" if name == "documents" else "document"], value_set=wanted)
            wanted_rows = pc.is_valid(position)
            # a stable sort by position in ``documents`` keeps each document's rows in their order
            out[name] = table.filter(wanted_rows).take(pc.sort_indices(position.filter(wanted_rows)))
        return out

    def write(self, tables: dict[str, pa.Table]) -> None:
        """Keep a batch of parsed documents (those with a content hash: the others are not reusable)."""
        docs = tables["documents"].filter(pc.is_valid(tables["documents"]["sha256"]))
        if docs.num_rows == 0:
            return
        key = "\n".join(f"{i}\t{h}" for i, h in zip(docs["id"].to_pylist(), docs["sha256"].to_pylist(), strict=True))
        name = "batch-" + hashlib.sha256(key.encode()).hexdigest()[:20]
        final = self.folder / name
        if final.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)  # creates the output folder on a first build
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.folder))
        try:
            for table, schema in SCHEMAS.items():
                _write((docs if table == "documents" else tables[table]).cast(schema), tmp / f"{table}.arrow")
            os.replace(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


_OPTIONS = ipc.IpcWriteOptions(compression="zstd")


def _write(table: pa.Table, path: Path) -> None:
    with ipc.new_file(path, table.schema, options=_OPTIONS) as writer:
        writer.write_table(table)


def _read(path: Path) -> pa.Table:
    with ipc.open_file(path) as reader:
        return reader.read_all()
