"""Text analysis for section narratives: segmentation, items of section 五, quantity mentions."""

from __future__ import annotations

from .items import Item, split_items
from .mentions import Mention, TextCheck, compare_mentions, extract_mentions
from .overview import Subsection, split_overview
from .segment import segment_table

# spaCy and the segmenters take seconds to import: only their users pay for them, not every
# build worker (which needs items and mentions only)
_LAZY = {"nlp": ".nlp", "tokenize": ".tokenizer"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value  # importing the submodule bound its name to the module: rebind it
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Item",
    "Mention",
    "Subsection",
    "TextCheck",
    "compare_mentions",
    "extract_mentions",
    "nlp",
    "segment_table",
    "split_items",
    "split_overview",
    "tokenize",
]
