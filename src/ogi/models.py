"""Record types shared by every stage. Frozen dataclasses (cells and checks: named tuples): records are values."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


class CellStatus(str, Enum):
    OK = "ok"
    BLANK = "blank"
    NA = "na"
    MISSING = "missing"
    TEXT = "text"
    INFERRED = "inferred"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True, slots=True)
class Grid:
    """A table as found in the source, spans expanded: ``rows[r][c]`` is a cell's text.

    ``origin[r][c]`` is True where the cell is the top-left of its span (the only place the
    text really stands); spanned copies are False.
    """

    rows: tuple[tuple[str, ...], ...]
    origin: tuple[tuple[bool, ...], ...]
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader returns: decoded text and tables, before normalisation."""

    text: str
    format: str
    encoding: str | None = None
    grids: tuple[Grid, ...] = ()
    title: str | None = None
    published: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    heading: str | None
    start: int
    end: int
    text: str
    inferred: bool = False


class Cell(NamedTuple):
    """One table cell. A named tuple, not a dataclass: a report has hundreds, and a tuple is
    built in one call (it is as immutable; ``_replace`` and ``_asdict`` stand for
    ``dataclasses.replace`` and ``asdict``)."""

    cell_id: str
    table: str
    row: str
    col: str
    value: int | float | None
    raw: str | None
    status: CellStatus
    start: int | None = None
    end: int | None = None
    unit: str | None = None
    source: str = "cell"  # how the value was obtained: cell, digit_run, identity, narrative, position
    candidates: tuple[int | float, ...] = ()  # the values an ambiguous cell may take
    extra: bool = False  # a subtotal cell outside the canonical schema


class Check(NamedTuple):
    """One identity or consistency check. A named tuple, as cells are: every table has dozens."""

    name: str
    holds: bool | None
    lhs: float | None
    rhs: float | None
    cells: tuple[str, ...] = ()
    note: str | None = None
