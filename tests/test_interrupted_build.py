"""Kill the build at random points; an --incremental rerun gives the corpus an uninterrupted build gives."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ogi.build import build
from ogi.synth import LAYOUTS, make_report

TABLES = ("documents", "sections", "cells", "tables", "checks", "items", "mentions")
SCRIPT = ("import sys; from ogi.build import build; "
          "build(sys.argv[1], sys.argv[2], workers=2, incremental=True, batch_documents=10)")


def _hashes(folder: Path) -> dict[str, str]:
    return {t: hashlib.sha256(pq.read_table(folder / f"{t}.parquet").to_pandas().to_csv().encode()).hexdigest()
            for t in TABLES}


def _inputs(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        layout = LAYOUTS[i % len(LAYOUTS)]
        synth = make_report(random.Random(i), "2021" if i % 3 else "2019", layout)
        (folder / f"r{i:03d}.{'html' if layout == 'html' else 'txt'}").write_text(synth.text, encoding="utf-8")


def _cached_documents(batch: Path) -> int:
    with pa.ipc.open_file(batch / "documents.arrow") as reader:
        return reader.read_all().num_rows


def test_sigkill_then_incremental_equals_uninterrupted(tmp_path):
    raw = tmp_path / "raw"
    _inputs(raw, 80)
    build(raw, tmp_path / "reference", workers=1)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    rng = random.Random(7)
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(raw), str(out)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(1.0, 3.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    summary = build(raw, out, workers=2, incremental=True, batch_documents=10)
    assert summary.documents == 80
    assert _hashes(out) == _hashes(tmp_path / "reference")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # nothing left beside the corpus


def test_incremental_rerun_reuses_what_a_killed_build_finished(tmp_path):
    raw = tmp_path / "raw"
    _inputs(raw, 60)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(raw), str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(1200):  # wait (up to a minute) for the first finished batch, then kill
        if list((out / ".cache").glob("batch-*")):
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = sum(_cached_documents(batch) for batch in (out / ".cache").glob("batch-*"))
    summary = build(raw, out, incremental=True, batch_documents=10)
    assert 1 <= finished < 60
    assert summary.reused == finished
