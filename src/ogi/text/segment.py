"""Rows for ``ogi segment``: one row per item of each (id, section text) pair."""

from __future__ import annotations

from collections.abc import Iterable

from .items import split_items

COLUMNS = ("id", "part", "n", "text", "start", "end")


def segment_table(rows: Iterable[tuple[str, str]]) -> list[dict]:
    """``rows`` are (id, section-五 text); output keys are ``COLUMNS``, offsets into that text."""
    out: list[dict] = []
    for row_id, text in rows:
        for item in split_items(text or ""):
            out.append(
                {"id": row_id, "part": item.part, "n": item.n, "text": item.text, "start": item.start, "end": item.end}
            )
    return out
