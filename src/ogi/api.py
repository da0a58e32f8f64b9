"""The Python API: parse one file, build a corpus, load a built corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .build import BuildSummary
from .build import build as _build
from .report import Report, Settings, parse_bytes

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("documents", "sections", "cells", "tables", "checks", "items", "mentions")


def parse(path: str | Path, *, settings: Settings | None = None) -> Report:
    """Parse one report file. Example: ``ogi.parse("corpus/raw/pingtan-2022.txt").cells``."""
    path = Path(path)
    return parse_bytes(path.read_bytes(), source=path.name, settings=settings)


def build(raw_dir: str | Path, out_dir: str | Path, *, workers: int = 1, incremental: bool = False,
          max_bytes: int | None = None) -> BuildSummary:
    """Build a corpus. Example: ``ogi.build("corpus/raw", "corpus/build", workers=2)``."""
    settings = Settings(max_bytes=max_bytes) if max_bytes else None
    return _build(raw_dir, out_dir, workers=workers, incremental=incremental, settings=settings)


def load_corpus(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a built corpus as a DataFrame. Example: ``ogi.load_corpus("corpus/build")["cells"]``."""
    import pandas as pd  # imported here: parsing and building do not need it

    folder = Path(out_dir)
    if not (folder / "documents.parquet").exists():
        raise FileNotFoundError(f"{folder}: no documents.parquet; build it first with `ogi build RAW --out {folder}`")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES if (folder / f"{name}.parquet").exists()}
