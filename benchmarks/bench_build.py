"""Build a corpus of N copies of the shipped reports; print documents/s and peak memory.

Usage: python benchmarks/bench_build.py [N] [--workers W]
Copies get a distinct first line so they are not deduplicated by hash.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from ogi.build import build

RAW = Path(__file__).resolve().parents[1] / "corpus" / "raw"


def make_inputs(folder: Path, n: int, text_only: bool) -> None:
    sources = sorted(p for p in RAW.rglob("*") if p.is_file() and p.name != "sources.csv"
                     and (not text_only or p.suffix in {".txt", ".html"}))
    for i in range(n):
        src = sources[i % len(sources)]
        data = src.read_bytes()
        if src.suffix in {".txt", ".html"}:
            data = f"<!-- copy {i} -->\n".encode() + data if src.suffix == ".html" else f"副本{i}\n".encode() + data
        (folder / f"{i:06d}{src.suffix}").write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--with-pdf", action="store_true", help="include the PDF (pdfplumber dominates)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ogi-bench-"))
    try:
        raw = tmp / "raw"
        raw.mkdir()
        make_inputs(raw, args.n, text_only=not args.with_pdf)
        start = time.perf_counter()
        summary = build(raw, tmp / "out", workers=args.workers)
        elapsed = time.perf_counter() - start
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = sum(p.stat().st_size for p in (tmp / "out").iterdir()) / 1e6
        print(f"documents: {summary.documents}  workers: {args.workers}  wall: {elapsed:.2f} s")
        print(f"documents/s: {summary.documents / elapsed:.0f}  per core: {summary.documents / elapsed / args.workers:.0f}")
        print(f"peak RSS: main {self_rss:.0f} MiB, largest worker {child_rss:.0f} MiB  output: {size:.1f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
