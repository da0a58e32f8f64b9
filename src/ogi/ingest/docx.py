"""DOCX: paragraphs and tables in document order; tables kept as grids (merged cells expanded)."""

from __future__ import annotations

import io
import zipfile

from ..errors import CorruptFileError, EmptyDocumentError
from ..models import Document, Grid
from .html import render_grid

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # zip-bomb guard
MAX_RATIO = 200


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if "word/document.xml" not in {i.filename for i in infos}:
                raise CorruptFileError("not a Word document (no word/document.xml in the zip)")
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"corrupt DOCX (bad zip): {exc}") from exc
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise CorruptFileError(
            f"DOCX expands to {total} bytes (ratio {total // packed}): refused as a possible zip bomb"
        )


def _table_grid(table) -> Grid:
    rows = []
    origin = []
    for row in table.rows:
        texts = []
        firsts = []
        previous = None
        for cell in row.cells:  # python-docx repeats a merged cell's object across its span
            texts.append(" ".join(cell.text.split()))
            firsts.append(cell._tc is not previous)
            previous = cell._tc
        rows.append(tuple(texts))
        origin.append(tuple(firsts))
    _mark_vertical_merges(rows, origin, table)
    return Grid(rows=tuple(rows), origin=tuple(origin))


def _mark_vertical_merges(rows, origin, table) -> None:
    """A vertically merged cell reappears in each row it spans: only the first counts."""
    seen: dict[int, object] = {}  # the elements are kept alive here, so their ids stay unique
    for r, row in enumerate(table.rows):
        flags = list(origin[r])
        for c, cell in enumerate(row.cells):
            key = id(cell._tc)
            if key in seen and seen[key] is cell._tc and flags[c] and _is_vertical_continuation(cell):
                flags[c] = False
            seen[key] = cell._tc
        origin[r] = tuple(flags)


def _is_vertical_continuation(cell) -> bool:
    props = cell._tc.tcPr
    return props is not None and props.vMerge is not None


def read(data: bytes, *, source: str) -> Document:
    _check_zip(data)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        grids: list[Grid] = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(block, document).text)
            elif tag == "tbl":
                grid = _table_grid(Table(block, document))
                grids.append(grid)
                lines.extend(render_grid(grid))
    except CorruptFileError:
        raise
    except Exception as exc:
        raise CorruptFileError(f"corrupt DOCX: {type(exc).__name__}: {str(exc)[:120]}") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocumentError("DOCX has no text")
    return Document(text=text, format="docx", encoding=None, grids=tuple(grids))
