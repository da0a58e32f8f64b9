"""PDF: pdfplumber text, with each detected table rendered in place as pipe rows.

A page's text is read region by region (above, between and below its tables) so a table's
cells are never read twice. Tables that run over a page break are joined into one Grid.
"""

from __future__ import annotations

import io
import logging

from ..errors import CorruptFileError, NoTextLayerError
from ..models import Document, Grid
from .html import render_grid

MAX_PAGES = 400
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _clean_cell(text: str | None) -> str:
    # Wrapped cell text: CJK lines join without a space ("商业企\n业" is 商业企业).
    return "".join((text or "").split("\n")).strip()


def _grid_from_rows(rows: list[list[str | None]], page: int) -> Grid:
    cells = tuple(tuple(_clean_cell(c) for c in row) for row in rows)
    origin = tuple(tuple(c is not None for c in row) for row in rows)
    return Grid(rows=cells, origin=origin, page=page)


def _join_continued(grids: list[Grid]) -> list[Grid]:
    """A table whose next part starts the next page with the same column count is one table."""
    joined: list[Grid] = []
    for grid in grids:
        prev = joined[-1] if joined else None
        if (prev is not None and prev.page is not None and grid.page == prev.page + 1
                and grid.rows and prev.rows and len(grid.rows[0]) == len(prev.rows[0])):
            joined[-1] = Grid(rows=prev.rows + grid.rows, origin=prev.origin + grid.origin, page=grid.page)
        else:
            joined.append(grid)
    return joined


def read(data: bytes, *, source: str) -> Document:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a hard dependency, kept explicit
        raise ImportError("reading PDF needs pdfplumber: pip install pdfplumber") from exc
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    parts: list[str] = []
    page_grids: list[Grid] = []
    total_chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise CorruptFileError(f"PDF has {len(pdf.pages)} pages (limit {MAX_PAGES})")
            for number, page in enumerate(pdf.pages, start=1):
                total_chars += len(page.chars)
                tables = [t for t in page.find_tables(_TABLE_SETTINGS) if t.bbox and _n_cols(t) > 1]
                tables.sort(key=lambda t: t.bbox[1])
                top = 0.0
                for table in tables:
                    _, t_top, _, t_bottom = table.bbox
                    parts.append(_region_text(page, top, t_top))
                    grid = _grid_from_rows(table.extract(), number)
                    page_grids.append(grid)
                    parts.append("\n".join(render_grid(grid)))
                    top = t_bottom
                parts.append(_region_text(page, top, page.height))
                page.flush_cache()
    except CorruptFileError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken or encrypted files
        cause = _root_cause(exc)
        name = type(cause).__name__
        hint = "encrypted PDF (password needed)" if "Password" in name or "Encrypt" in name else "unreadable PDF"
        detail = " ".join(str(cause).split())[:120]  # one line, even when pdfminer's message has several
        raise CorruptFileError(f"{hint}: {name}: {detail}".rstrip(": ")) from exc
    if total_chars == 0:
        raise NoTextLayerError("no text layer (needs OCR): the PDF pages are images")
    text = "\n".join(p for p in parts if p)
    return Document(text=text, format="pdf", encoding=None, grids=tuple(_join_continued(page_grids)))


def _root_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors (PdfminerException(PDFPasswordIncorrect())): name the real one."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = exc.__cause__ or exc.__context__
        if inner is None and len(exc.args) == 1 and isinstance(exc.args[0], BaseException):
            inner = exc.args[0]
        if inner is None:
            break
        exc = inner
    return exc


def _n_cols(table) -> int:
    rows = table.rows
    return max((len(r.cells) for r in rows), default=0)


def _region_text(page, top: float, bottom: float) -> str:
    if bottom - top < 1:
        return ""
    region = page.within_bbox((0, max(top, 0), page.width, min(bottom, page.height)))
    return region.extract_text() or ""
