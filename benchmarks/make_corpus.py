"""Write N realistic synthetic reports (many agencies, years 2019-2025, every layout) to a folder.

Usage: python benchmarks/make_corpus.py N OUT_DIR [--seed S] [--jobs J]
Report i depends only on (seed, i), so a corpus of 1,000 is the first 1,000 files of one of 10,000,
and any number of jobs writes the same bytes. Files go in sub-folders of 1,000 as crawls do.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ogi.synth import realistic_report, warm_up

PER_FOLDER = 1000


def report_rng(seed: int, index: int) -> random.Random:
    # one generator per report: output independent of N, order and parallelism
    return random.Random((seed << 32) | index)


def _write_range(out_dir: str, seed: int, start: int, stop: int) -> int:
    warm_up()
    out = Path(out_dir)
    written = 0
    for index in range(start, stop):
        name, data = realistic_report(report_rng(seed, index), index)
        folder = out / f"{index // PER_FOLDER:04d}"
        if index % PER_FOLDER == 0 or index == start:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        written += len(data)
    return written


def write_corpus(n: int, out_dir: str | Path, *, seed: int = 0, jobs: int = 1) -> int:
    """Write reports 0..n-1 below ``out_dir``; returns the bytes written."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    if jobs <= 1 or n < 2 * PER_FOLDER:
        return _write_range(str(out_dir), seed, 0, n)
    bounds = [*range(0, n, PER_FOLDER), n]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_write_range, str(out_dir), seed, a, b) for a, b in itertools.pairwise(bounds)]
        return sum(f.result() for f in futures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1, help="processes (the output does not depend on it)")
    args = parser.parse_args()
    start = time.perf_counter()
    warm_up()  # one-off: reads the real reports' narrative (and imports ogi.text, which loads spaCy)
    startup = time.perf_counter() - start
    start = time.perf_counter()
    size = write_corpus(args.n, args.out_dir, seed=args.seed, jobs=args.jobs)
    elapsed = time.perf_counter() - start
    print(f"{args.n} reports, {size / 1e6:.1f} MB in {elapsed:.2f} s ({args.n / elapsed:.0f} reports/s; "
          f"start-up {startup:.1f} s) -> {args.out_dir}")


if __name__ == "__main__":
    main()
