"""ogi: Chinese government information disclosure annual reports as a research dataset."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import build, load_corpus, parse
from .report import Report, parse_bytes

__all__ = ["Report", "__version__", "build", "load_corpus", "parse", "parse_bytes"]
