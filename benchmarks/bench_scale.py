"""Scaling of `ogi build` on realistic synthetic corpora: wall time, documents/s (per core), peak RSS,
output size, time per document by stage, and PDF pages/s.

Usage: python benchmarks/bench_scale.py [--sizes 1000 10000 100000] [--workers 1 2] [--seed S] [--corpus-dir DIR]
Each build runs in a fresh child process, so its peak RSS (ru_maxrss) is its own and not the
high-water mark of an earlier run. Prints markdown tables ready for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import report_rng, write_corpus  # the sibling script: one generator for both

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "corpus" / "raw" / "huaian-city-2024.pdf"
STAGES = ("read", "normalise", "sections", "meta", "mentions", "tables", "items")


def _run_build(raw: str, out: str, workers: int) -> None:
    """Child process: one build, then its figures as JSON on stdout."""
    from ogi.build import build

    start = time.perf_counter()
    summary = build(raw, out, workers=workers)
    wall = time.perf_counter() - start
    size = sum(p.stat().st_size for p in Path(out).iterdir())
    import pyarrow.parquet as pq

    docs = pq.read_table(Path(out) / "documents.parquet", columns=["status", "error"]).to_pylist()
    first_error = next((d["error"] for d in docs if d["status"] == "error"), None)  # a broken run shows why
    print(json.dumps({
        "documents": summary.documents, "errors": summary.errors, "wall": wall, "bytes": size,
        # ru_maxrss is KiB on Linux; CHILDREN is the largest worker that has exited
        "rss_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "first_error": first_error,
        "cpu": sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                   for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)),
        # the main process's own share: its serial work is what bounds scaling to more cores
        "cpu_main": resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
    }))


def build_in_child(raw: Path, out: Path, workers: int) -> dict:
    import ogi

    env = dict(os.environ)
    src = str(Path(ogi.__file__).resolve().parents[1])  # the child parses with the same ogi as we do
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", str(raw), str(out), str(workers)],
                          env=env, capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - start  # includes interpreter and import start-up
    return result


def stage_times(n: int, seed: int) -> tuple[dict[str, float], float, float, float]:
    """Mean seconds per document of each parse stage, of the Arrow conversion, of the Parquet
    write, and of word segmentation (rjieba over every section's text: not part of a build)."""
    import pyarrow as pa

    from ogi.build import CHUNK_MAX, _Writers
    from ogi.report import parse_bytes
    from ogi.synth import realistic_report
    from ogi.tables_out import TableBatch
    from ogi.text.tokenizer import segmenter

    docs = [realistic_report(report_rng(seed, i), i) for i in range(n)]
    pa.array([0])  # warm-up: pyarrow's first conversion imports pandas, once per process
    totals = dict.fromkeys(STAGES, 0.0)
    arrow_seconds = segment_seconds = 0.0
    chunks = []
    batch = TableBatch()
    seg = segmenter()
    seg.tokenize("预热")  # loads the dictionaries outside the timing
    for name, data in docs:
        report = parse_bytes(data, source=name)
        for stage in STAGES:
            totals[stage] += report.timings.get(stage, 0.0)
        start = time.perf_counter()
        for section in report.sections:
            seg.tokenize(section.text)
        segment_seconds += time.perf_counter() - start
        start = time.perf_counter()
        batch.add(report)
        if batch.documents == CHUNK_MAX:  # as a worker does: one Arrow hand-over per task
            chunks.append(batch.to_arrow())
            batch = TableBatch()
        arrow_seconds += time.perf_counter() - start
    start = time.perf_counter()
    chunks.append(batch.to_arrow())
    arrow_seconds += time.perf_counter() - start
    folder = Path(tempfile.mkdtemp(prefix="ogi-write-"))
    try:
        start = time.perf_counter()
        writers = _Writers(folder)
        for tables in chunks:
            writers.add(tables)
        writers.close()
        write_seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {k: v / n for k, v in totals.items()}, arrow_seconds / n, write_seconds / n, segment_seconds / n


def machine_reference(rounds: int = 3) -> float:
    """rjieba's characters/s on the fixture sections, best of ``rounds``: the issue's aim was set on
    a machine where it reads about 13 M, so this says how fast this machine is against that one."""
    from bench_tokenize import corpus, measure

    return measure(corpus(20), "rjieba", False, rounds)[0]


def pdf_pages_per_second(repeats: int) -> tuple[int, float] | None:
    if not PDF.exists():
        return None
    import pdfplumber

    from ogi.ingest import read_bytes

    data = PDF.read_bytes()
    with pdfplumber.open(PDF) as pdf:
        pages = len(pdf.pages)
    read_bytes(data, source=PDF.name)  # warm-up (imports, font caches)
    start = time.perf_counter()
    for _ in range(repeats):
        read_bytes(data, source=PDF.name)
    return pages, pages * repeats / (time.perf_counter() - start)


def _corpus(raw: Path, size: int, seed: int, jobs: int) -> int:
    """The corpus of ``size`` reports in ``raw``, generated unless a complete one is there already;
    returns its size in bytes. The marker is hidden, so the build does not read it."""
    marker = raw / ".complete"
    if marker.exists():
        return int(marker.read_text())
    shutil.rmtree(raw, ignore_errors=True)
    in_bytes = write_corpus(size, raw, seed=seed, jobs=jobs)
    marker.write_text(str(in_bytes))
    return in_bytes


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _run_build(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=500, help="documents for the per-stage split")
    parser.add_argument("--pdf-repeats", type=int, default=3, help="0 to skip the PDF figure")
    parser.add_argument("--jobs", type=int, default=2, help="processes generating the corpus")
    parser.add_argument("--corpus-dir", help="keep the generated corpora here and reuse them on later runs")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ogi-scale-"))
    rows: list[dict] = []
    try:
        for size in args.sizes:
            raw = Path(args.corpus_dir or tmp) / f"raw-{size}-seed{args.seed}"
            start = time.perf_counter()
            in_bytes = _corpus(raw, size, args.seed, args.jobs)
            gen = time.perf_counter() - start
            print(f"# corpus of {size}: {in_bytes / 1e6:.1f} MB ready in {gen:.1f} s", flush=True)
            for workers in args.workers:
                out = tmp / f"out-{size}-{workers}"
                before = machine_reference()  # the machine's speed drifts: measured on both sides
                r = build_in_child(raw, out, workers)
                r["reference"] = (before, machine_reference())
                r.update(size=size, workers=workers, input_mb=in_bytes / 1e6)
                rows.append(r)
                shutil.rmtree(out, ignore_errors=True)
                print(f"# {size} documents, {workers} worker(s): {r['wall']:.1f} s, "
                      f"{r['documents'] / r['wall']:.0f} documents/s, errors {r['errors']} {r['first_error'] or ''}",
                      flush=True)
            if not args.corpus_dir:
                shutil.rmtree(raw, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("| documents | workers | wall (s) | documents/s | per core | ms/document | CPU ms/document | "
          "main CPU ms/document | peak RSS main (MiB) | peak RSS worker (MiB) | input (MB) | Parquet (MB) | "
          "rjieba before / after (M characters/s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        rate = r["documents"] / r["wall"]
        print(f"| {r['size']:,} | {r['workers']} | {r['wall']:.1f} | {rate:.0f} | {rate / r['workers']:.0f} | "
              f"{1000 * r['wall'] / r['documents']:.1f} | {1000 * r['cpu'] / r['documents']:.1f} | "
              f"{1000 * r['cpu_main'] / r['documents']:.2f} | "
              f"{r['rss_main']:.0f} | {r['rss_child']:.0f} | {r['input_mb']:.1f} | {r['bytes'] / 1e6:.1f} | "
              f"{r['reference'][0] / 1e6:.1f} / {r['reference'][1] / 1e6:.1f} |")

    stages, rows_for_s, write_s, segment_s = stage_times(args.sample, args.seed)
    total = sum(stages.values()) + rows_for_s + write_s
    print()
    print(f"Time per document by stage (one core, mean of {args.sample} generated documents):")
    print()
    print("| stage | ms/document | share |")
    print("|---|---|---|")
    for name, seconds in [*stages.items(), ("rows (to Arrow, in the worker)", rows_for_s), ("write (Parquet, main process)", write_s)]:
        print(f"| {name} | {1000 * seconds:.2f} | {100 * seconds / total:.0f}% |")
    print(f"| **total** | **{1000 * total:.2f}** | |")
    print()
    print(f"Not in a build, for comparison: word segmentation (rjieba, every section's text) "
          f"{1000 * segment_s:.2f} ms/document. Item classification has no model in ogi yet.")
    print()
    print(f"Machine reference: rjieba reads {machine_reference() / 1e6:.1f} M characters/s here "
          "(fixture sections, one core; the issue's aim assumes about 13 M).")

    if args.pdf_repeats:
        pdf = pdf_pages_per_second(args.pdf_repeats)
        if pdf:
            pages, rate = pdf
            print()
            print(f"PDF text extraction (pdfplumber via ogi.ingest, {PDF.name}, {pages} pages × "
                  f"{args.pdf_repeats}): {rate:.1f} pages/s on one core ({1000 / rate:.0f} ms/page)")


if __name__ == "__main__":
    main()
