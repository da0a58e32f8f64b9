"""Score ``split_items`` against the hand-cut fixture items and list the misses.

Run ``python -m ogi.text.evaluate`` to rewrite ``tests/text/item_misses.txt``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .items import split_items

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "items"
MISSES = ROOT / "tests" / "text" / "item_misses.txt"


def canon(text: str) -> str:
    """Compare texts after NFKC and with all whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True, slots=True)
class Score:
    gold: int
    predicted: int
    exact: int
    part_correct: int
    misses: tuple[str, ...]

    @property
    def exact_rate(self) -> float:
        return self.exact / self.gold if self.gold else 1.0

    @property
    def part_accuracy(self) -> float:
        return self.part_correct / self.gold if self.gold else 1.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _gold_span(section: str, text: str) -> tuple[int, int]:
    pos = section.find(text)
    return (pos, pos + len(text)) if pos >= 0 else (-1, -1)


def score(fixtures: Path = FIXTURES) -> Score:
    sections = [json.loads(line) for line in (fixtures / "sections.jsonl").read_text("utf-8").splitlines() if line]
    gold = [json.loads(line) for line in (fixtures / "items.jsonl").read_text("utf-8").splitlines() if line]
    n_pred = exact = part_ok = 0
    misses: list[str] = []
    for sec in sections:
        text = sec["text"]
        pred = split_items(text)
        n_pred += len(pred)
        by_text = {canon(p.text): p for p in pred}
        gold_texts = {canon(g["text"]) for g in gold if g["sid"] == sec["sid"]}
        extras = [p for p in pred if canon(p.text) not in gold_texts]
        for g in (g for g in gold if g["sid"] == sec["sid"]):
            hit = by_text.get(canon(g["text"]))
            if hit is None:
                span = _gold_span(text, g["text"])
                best = max(pred, key=lambda p: _overlap((p.start, p.end), span), default=None)
                if best is not None and _overlap((best.start, best.end), span) == 0:
                    best = None
                got = f"{best.part}: {best.text!r}" if best else "(nothing)"
                misses.append(f"{g['iid']} {sec['sid']} {g['part']}\n  gold: {g['text']!r}\n  got:  {got}")
            else:
                exact += 1
                best = hit
            if best is not None and best.part == g["part"]:
                part_ok += 1
            elif hit is not None:
                misses.append(f"{g['iid']} {sec['sid']} part {g['part']} != {hit.part}: {g['text'][:40]!r}")
        misses.extend(f"extra {sec['sid']} {p.part}: {p.text!r}" for p in extras)
    return Score(len(gold), n_pred, exact, part_ok, tuple(misses))


def report(result: Score) -> str:
    head = (
        f"# split_items vs tests/fixtures/items (regenerate: python -m ogi.text.evaluate)\n"
        f"# gold items {result.gold}, predicted {result.predicted}, exact {result.exact} "
        f"({result.exact_rate:.1%}), part accuracy {result.part_accuracy:.1%}\n"
    )
    return head + "\n".join(result.misses) + "\n"


def main() -> int:
    result = score()
    MISSES.write_text(report(result), encoding="utf-8")
    print(report(result).splitlines()[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
