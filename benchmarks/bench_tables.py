"""Table parser: per-layout cell accuracy on synthetic reports, and documents/s.

Usage: python benchmarks/bench_tables.py [N_PER_LAYOUT]
A cell counts as right when its value is the generated one; 'flagged' cells are ambiguous or
missing (the parser said it was unsure); 'silent' cells are ok/inferred with a wrong value.
"""

from __future__ import annotations

import random
import sys
import time

from ogi.meta import detect_template
from ogi.normalize import normalize_text
from ogi.sections import split_sections
from ogi.synth import LAYOUTS, make_report
from ogi.tables import parse_tables


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print("| layout | template | documents | cells right | flagged | silent errors | ms/document |")
    print("|---|---|---|---|---|---|---|")
    for template in ("2021", "2019"):
        for layout in LAYOUTS:
            right = flagged = silent = total = 0
            elapsed = 0.0
            for seed in range(n):
                synth = make_report(random.Random(seed), template, layout)
                text = synth.text
                if layout == "html":
                    from ogi.ingest import read_bytes
                    text = read_bytes(text.encode(), source="x.html").text
                start = time.perf_counter()
                body = normalize_text(text).text
                sections = {s.key: s for s in split_sections(body)}
                result = parse_tables(body, sections, detect_template(body))
                elapsed += time.perf_counter() - start
                cells = {c.cell_id: c for c in result.cells}
                for cid, want in synth.values.items():
                    total += 1
                    cell = cells.get(cid)
                    if cell is not None and cell.value == want:
                        right += 1
                    elif cell is None or cell.status.value in ("ambiguous", "missing"):
                        flagged += 1
                    else:
                        silent += 1
            print(f"| {layout} | {template} | {n} | {right / total:.2%} | {flagged / total:.2%} | {silent} | "
                  f"{elapsed / n * 1000:.1f} |")


if __name__ == "__main__":
    main()
