"""How a build splits its inputs into worker tasks and reused cache batches."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ogi.build import CHUNK_MAX, _Input, _plan, chunk_size


def _items(n: int) -> list[_Input]:
    return [_Input(f"r{i:04d}.txt") for i in range(n)]


@given(st.lists(st.sampled_from([None, "a", "b"]), max_size=300))
def test_plan_keeps_order_and_bounds_tasks(batches: list[str | None]) -> None:
    items = _items(len(batches))
    reuse = {item.id: Path(b) for item, b in zip(items, batches, strict=True) if b is not None}
    segments = _plan(items, reuse)
    assert [i for s in segments for i in s.items] == items  # every input once, in input order
    size = chunk_size(len(items) - len(reuse))
    for segment in segments:
        if segment.batch is None:
            assert 1 <= len(segment.items) <= size <= CHUNK_MAX
            assert not any(i.id in reuse for i in segment.items)
        else:
            assert all(reuse[i.id] == segment.batch for i in segment.items)


def test_chunk_size_shares_small_corpora_out_and_caps_large_ones() -> None:
    assert chunk_size(9) == 1  # the nine sample reports: one task each, so two workers share them
    assert chunk_size(1000) == 63
    assert chunk_size(100_000) == CHUNK_MAX
