"""jieba vs rjieba throughput with the ogi user dictionary (characters per second).

Usage: PYTHONPATH=src python benchmarks/bench_tokenize.py [--repeat 20] [--rounds 3]
Input: the fixture section texts (tests/fixtures/items/sections.jsonl) joined and repeated.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ogi.text.tokenizer import segmenter

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ROOT / "tests" / "fixtures" / "items" / "sections.jsonl"


def corpus(repeat: int) -> str:
    texts = [json.loads(line)["text"] for line in SECTIONS.read_text("utf-8").splitlines() if line]
    return "\n".join(texts) * repeat


def measure(text: str, engine: str, hmm: bool, rounds: int) -> tuple[float, int]:
    seg = segmenter()
    seg.tokenize("预热", engine=engine, hmm=hmm)  # load dictionaries outside the timing
    best = float("inf")
    n_tokens = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        n_tokens = len(seg.tokenize(text, engine=engine, hmm=hmm))
        best = min(best, time.perf_counter() - t0)
    return len(text) / best, n_tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    text = corpus(args.repeat)
    print(f"input: {len(text):,} characters (fixture sections x{args.repeat}), best of {args.rounds}")
    print(f"{'engine':<8} {'hmm':<5} {'chars/s':>12} {'tokens':>9}")
    for hmm in (False, True):
        for engine in ("jieba", "rjieba"):
            rate, n = measure(text, engine, hmm, args.rounds)
            print(f"{engine:<8} {hmm!s:<5} {rate:>12,.0f} {n:>9,}")


if __name__ == "__main__":
    main()
