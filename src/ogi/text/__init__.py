"""Text analysis for section narratives: segmentation, items of section 五, quantity mentions."""

from __future__ import annotations

from .items import Item, split_items
from .mentions import Mention, TextCheck, compare_mentions, extract_mentions
from .nlp import nlp
from .overview import Subsection, split_overview
from .segment import segment_table
from .tokenizer import tokenize

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
