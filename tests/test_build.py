from __future__ import annotations

import hashlib
import importlib
import json
import shutil

import pyarrow.parquet as pq
from typer.testing import CliRunner

import ogi
from ogi.build import _DuplicateIndex, build
from ogi.cli import app
from ogi.sections import SECTION_KEYS
from tests.conftest import FIXTURES, RAW, raw_path

TABLES = ("documents", "sections", "cells", "tables", "checks", "items", "mentions")


def _content_hashes(folder) -> dict[str, str]:
    return {name: hashlib.sha256(pq.read_table(folder / f"{name}.parquet").to_pandas().to_csv().encode()).hexdigest()
            for name in TABLES}


def test_build_writes_every_table_and_manifest(tmp_path):
    summary = build(RAW, tmp_path / "out")
    corpus = ogi.load_corpus(tmp_path / "out")
    assert set(corpus) == set(TABLES)
    assert len(corpus["documents"]) == summary.documents == 9
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["by_status"] == {"ok": 9}
    assert len(manifest["inputs"]) == 9
    assert corpus["sections"].groupby("document").size().eq(len(SECTION_KEYS)).all()
    assert len(corpus["tables"]) == 9 and "t3.new_received.total" in corpus["tables"].columns


def test_same_input_same_output_whatever_the_workers(tmp_path):
    build(RAW, tmp_path / "one", workers=1)
    build(RAW, tmp_path / "two", workers=2)
    assert _content_hashes(tmp_path / "one") == _content_hashes(tmp_path / "two")


def test_incremental_reparses_only_changed_files_and_equals_full_build(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    build(raw, tmp_path / "out")
    changed = raw / "samples" / "gaoshi-township-2021.txt"
    changed.write_bytes(changed.read_bytes().replace("高市乡".encode(), "低市乡".encode(), 1))
    summary = build(raw, tmp_path / "out", incremental=True)
    assert summary.reused == 8
    build(raw, tmp_path / "full")
    assert _content_hashes(tmp_path / "out") == _content_hashes(tmp_path / "full")


def test_incremental_reparses_what_another_parser_version_wrote(tmp_path, monkeypatch):
    build(RAW, tmp_path / "out")
    assert build(RAW, tmp_path / "out", incremental=True).reused == 9
    monkeypatch.setattr(importlib.import_module("ogi.cache"), "PARSER_VERSION", "0.0.0+other")
    assert build(RAW, tmp_path / "out", incremental=True).reused == 0


def test_parser_version_follows_the_code_and_data_files(tmp_path):
    from ogi import __version__
    from ogi.report import PARSER_VERSION, code_digest

    assert PARSER_VERSION.startswith(f"{__version__}+")
    (tmp_path / "a.py").write_text("x = 1")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.tsv").write_text("a\tb")
    first = code_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"compiled")
    (tmp_path / "notes.md").write_text("not read by a parse")
    assert code_digest(tmp_path) == first
    (tmp_path / "data" / "t.tsv").write_text("a\tc")
    assert code_digest(tmp_path) != first


def test_cli_parse_prints_the_documented_json():
    result = CliRunner().invoke(app, ["parse", str(RAW / "samples" / "weihui-petition-bureau-2021.txt")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"document", "meta", "sections", "cells", "checks", "items", "mentions"}
    assert set(doc["sections"]) == set(SECTION_KEYS)
    assert doc["meta"]["agency"] == "卫辉市信访局"
    cell = next(c for c in doc["cells"] if c["cell_id"] == "t3.new_received.total")
    assert set(cell) >= {"table", "row", "col", "value", "raw", "status", "unit", "start", "end"}


def test_cli_build_strict_exit_codes(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes((RAW / "samples" / "taiping-district-2021.txt").read_bytes())
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(raw), "--out", str(tmp_path / "o")]).exit_code == 0
    (raw / "empty.txt").write_bytes(b"")
    assert runner.invoke(app, ["build", str(raw), "--out", str(tmp_path / "o")]).exit_code == 0
    assert runner.invoke(app, ["build", str(raw), "--out", str(tmp_path / "o"), "--strict"]).exit_code == 1
    assert runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]).exit_code == 2


def test_cli_segment_writes_items_csv(tmp_path):
    import pandas as pd

    sections = tmp_path / "sections.csv"
    pd.DataFrame({"id": ["a"], "text": ["存在的问题:一是公开不及时;二是解读不够。下一步,一是加强培训;二是完善制度。"]}).to_csv(
        sections, index=False)
    result = CliRunner().invoke(app, ["segment", "--input", str(sections), "--out", str(tmp_path / "items.csv")])
    assert result.exit_code == 0, result.output
    items = pd.read_csv(tmp_path / "items.csv")
    assert list(items.columns) == ["id", "part", "n", "text", "start", "end"]
    assert set(items["part"]) == {"problem", "measure"}


def test_results_do_not_depend_on_file_creation_order(tmp_path):
    files = sorted(p for p in RAW.rglob("*") if p.is_file() and p.name != "sources.csv")
    for name, order in (("forward", files), ("backward", list(reversed(files)))):
        folder = tmp_path / name
        for path in order:
            target = folder / path.relative_to(RAW)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        build(folder, tmp_path / f"out-{name}")
    assert _content_hashes(tmp_path / "out-forward") == _content_hashes(tmp_path / "out-backward")


def test_wide_table_keeps_statistics_for_its_keys_only(tmp_path):
    # regression: per-column statistics of the 229-column wide table made the main process grow by
    # ~340 B a document (the writer keeps every row group's metadata until it closes)
    build(RAW, tmp_path / "out")
    meta = pq.ParquetFile(tmp_path / "out" / "tables.parquet").metadata
    group = meta.row_group(0)
    names = [group.column(i).path_in_schema for i in range(group.num_columns)]
    with_stats = {n for i, n in enumerate(names) if group.column(i).is_stats_set}
    assert with_stats == {"document", "template"}
    cells = pq.ParquetFile(tmp_path / "out" / "cells.parquet").metadata.row_group(0)
    assert all(cells.column(i).is_stats_set for i in range(cells.num_columns))  # other tables keep theirs


def test_wide_table_row_groups_are_ten_batches_long(tmp_path):
    # a writer keeps each row group's metadata (about 1 KiB a column) until it closes: the
    # 229-column wide table gets fewer, longer row groups than the narrow tables
    build(RAW, tmp_path / "out", batch_documents=2)
    groups = {name: pq.ParquetFile(tmp_path / "out" / f"{name}.parquet").metadata.num_row_groups
              for name in ("cells", "tables")}
    assert groups == {"cells": 5, "tables": 1}
    assert pq.read_table(tmp_path / "out" / "tables.parquet").num_rows == 9


def test_manifest_lists_inputs_streamed_from_disk_and_is_valid_json(tmp_path):
    (tmp_path / "empty").mkdir()
    build(tmp_path / "empty", tmp_path / "out-empty")
    empty = json.loads((tmp_path / "out-empty" / "manifest.json").read_text())
    assert (empty["documents"], empty["inputs"]) == (0, [])
    build(RAW, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    ids = sorted(p.relative_to(RAW).as_posix() for p in RAW.rglob("*") if p.is_file() and p.name != "sources.csv")
    assert [i["id"] for i in manifest["inputs"]] == ids
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert not (tmp_path / "out" / ".inputs.jsonl").exists()  # the log is gone once the manifest holds it


def test_duplicate_index_keeps_the_first_document_and_leaves_no_file(tmp_path):
    index = _DuplicateIndex(tmp_path / "h.sqlite")
    a, b = hashlib.sha256(b"a").digest(), hashlib.sha256(b"b").digest()
    assert index.first_of(a, "1.txt") is None
    assert index.first_of(a, "2.txt") == "1.txt"  # seen in the same batch, before any commit
    index.commit()
    assert index.first_of(b, "3.txt") is None
    assert index.first_of(a, "4.txt") == "1.txt"  # and in a later one
    index.close()
    assert not (tmp_path / "h.sqlite").exists()


def test_duplicates_in_different_tasks_point_to_the_first_and_leave_only_the_corpus(tmp_path, monkeypatch):
    build_module = importlib.import_module("ogi.build")  # ``ogi.build`` the attribute is the function
    monkeypatch.setattr(build_module, "CHUNK_MAX", 2)  # tasks of two: the copies fall in different tasks
    raw = tmp_path / "raw"
    raw.mkdir()
    data = raw_path("pingtan-2022.txt").read_bytes()
    for name in ("a.txt", "c.txt", "e.txt"):
        (raw / name).write_bytes(data)
    for name in ("b.txt", "d.txt"):
        (raw / name).write_bytes(raw_path("pingtan-transport-2024.txt").read_bytes() + name.encode())
    summary = build(raw, tmp_path / "out", workers=2)
    docs = {d["id"]: d for d in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert {i: d["duplicate_of"] for i, d in docs.items()} == {"a.txt": None, "b.txt": None, "c.txt": "a.txt", "d.txt": None,
                                              "e.txt": "a.txt"}
    assert summary.by_status == {"duplicate": 2, "ok": 3}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [".cache", "manifest.json", *(f"{name}.parquet" for name in TABLES)])


def test_a_document_whose_rows_cannot_be_written_is_an_error_row_and_its_task_carries_on(monkeypatch):
    # the guard in parse_chunk: one bad row must not lose the other documents of its task
    from ogi.build import InputFile, parse_chunk

    build_module = importlib.import_module("ogi.build")  # ``ogi.build`` the attribute is the function
    from ogi.report import Settings

    items = [InputFile(p.name, str(p)) for p in sorted(RAW.glob("*.txt"))]
    assert len(items) >= 2
    real_parse = build_module._parse_item

    def parse(item, settings):
        report = real_parse(item, settings)
        if item is items[0]:
            report.document["bytes"] = "not a number"  # an int64 column: Arrow refuses it
        return report

    monkeypatch.setattr(build_module, "_parse_item", parse)
    tables = parse_chunk((items, Settings(), None))
    docs = tables["documents"].to_pylist()
    assert [d["id"] for d in docs] == [i.id for i in items]
    assert docs[0]["status"] == "error" and "writing its rows" in docs[0]["error"]
    assert all(d["status"] == "ok" for d in docs[1:])
    written = set(tables["cells"]["document"].to_pylist())
    assert items[0].id not in written and {i.id for i in items[1:]} <= written


def test_build_leaves_the_callers_garbage_collector_as_it_found_it(tmp_path):
    import gc

    before = gc.get_freeze_count()
    build(RAW, tmp_path / "out", workers=1)
    assert gc.get_freeze_count() == before


def test_parsing_makes_no_reference_cycles(tmp_path):
    # parse_chunk pauses the cyclic collector for its task: that is free only while parsing makes
    # no cycles. Regressions: a recursive closure in the digit splitter, and a decode error kept
    # with its traceback (which held every frame of the task, and so its reports, until collected).
    import gc
    import random

    from ogi.build import InputFile, parse_chunk
    from ogi.report import Settings
    from ogi.synth import make_report

    for layout in ("glued", "pipe", "html"):
        report = make_report(random.Random(3), "2021", layout)
        (tmp_path / f"synthetic-{layout}.txt").write_text(report.text, encoding="utf-8")
    text = raw_path("samples/taiping-district-2021.txt").read_bytes()
    (tmp_path / "bad-utf8.txt").write_bytes(text[:5000] + b"\xff\xfe" + text[5000:])
    (tmp_path / "cut.pdf").write_bytes(raw_path("huaian-city-2024.pdf").read_bytes()[:20000])
    files = sorted(RAW.rglob("*.*")) + sorted((FIXTURES / "hostile").glob("*.pdf")) + sorted(tmp_path.glob("*"))
    items = [InputFile(p.name, str(p)) for p in files if p.name != "sources.csv"]
    text = [i for i in items if not i.id.endswith(".pdf")]
    pdfs = [i for i in items if i.id.endswith(".pdf")]  # cyclic: collected after each one
    for task in (text, pdfs):
        parse_chunk((task, Settings(), None))  # first calls fill lazy imports and caches
        gc.collect()
        try:
            parse_chunk((task, Settings(), None))
            gc.disable()
            assert gc.collect() == 0
        finally:
            gc.enable()
