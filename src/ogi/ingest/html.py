"""HTML pages: decode (GBK pages included), drop chrome, keep every data table as a grid.

The whole page text is rendered line by line; each data table is rendered in place as pipe
rows (``| a | b |``) so one table parser serves every format, and is also kept as a Grid
with rowspan/colspan expanded.
"""

from __future__ import annotations

import re

import lxml.etree

from ..errors import CorruptFileError, EmptyDocumentError
from ..models import Document, Grid
from .text import decode

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "iframe", "template", "head", "nav", "select", "button",
     "svg", "canvas", "object", "embed", "form", "input", "textarea", "map"}
)
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "tr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
     "article", "table", "tbody", "thead", "tfoot", "blockquote", "pre", "dd", "dt", "dl",
     "header", "footer", "main", "aside", "center", "hr", "caption"}
)
MAX_SPAN = 200  # a rowspan/colspan beyond this is junk, not layout
MAX_GRID_CELLS = 200_000
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030"}


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii", "ignore").lower()
        encoding = _ENCODING_ALIASES.get(declared, declared)
        try:
            return data.decode(encoding), encoding, []
        except (LookupError, UnicodeDecodeError):
            pass  # the declaration lies; fall back to detection
    return decode(data)


def _cell_text(cell: lxml.etree._Element) -> str:
    if len(cell) == 0:  # most cells hold bare text
        raw = cell.text or ""
    else:  # libxml2 joins the subtree's text nodes (the same text as itertext) without a Python loop
        raw = lxml.etree.tostring(cell, method="text", encoding="unicode", with_tail=False)
    return " ".join(raw.split())


def _is_data_table(table: lxml.etree._Element) -> bool:
    return table.find(".//table") is None


def _table_rows(table: lxml.etree._Element) -> list[lxml.etree._Element]:
    rows = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("tbody", "thead", "tfoot"):
            rows.extend(r for r in child if isinstance(r.tag, str) and r.tag == "tr")
    return rows


def table_to_grid(table: lxml.etree._Element) -> Grid:
    """Expand rowspan/colspan into a rectangular grid; record which cells are span origins."""
    placed: dict[tuple[int, int], tuple[str, bool]] = {}
    n_cols = 0
    rows = _table_rows(table)
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.iterchildren("td", "th"):
            while (r, c) in placed:
                c += 1
            text = _cell_text(td)
            rowspan, colspan = td.get("rowspan"), td.get("colspan")
            rowspan = 1 if rowspan is None else _span(rowspan)
            colspan = 1 if colspan is None else _span(colspan)
            if len(placed) >= MAX_GRID_CELLS:
                raise CorruptFileError("HTML table too large (span bomb?)")
            placed[(r, c)] = (text, True)
            if rowspan > 1 or colspan > 1:
                _cover(placed, r, c, rowspan, colspan, text)
            c += colspan
            if c > n_cols:
                n_cols = c
    n_rows = max((r for r, _ in placed), default=-1) + 1
    texts = [[""] * n_cols for _ in range(n_rows)]
    origins = [[False] * n_cols for _ in range(n_rows)]
    for (r, c), (text, first) in placed.items():
        texts[r][c] = text
        origins[r][c] = first
    return Grid(rows=tuple(map(tuple, texts)), origin=tuple(map(tuple, origins)))


def _cover(placed: dict[tuple[int, int], tuple[str, bool]], r: int, c: int, rowspan: int, colspan: int,
           text: str) -> None:
    """Fill the cells a spanning cell covers, besides its origin (r, c)."""
    for dr in range(rowspan):
        for dc in range(colspan):
            if dr or dc:
                if len(placed) >= MAX_GRID_CELLS:
                    raise CorruptFileError("HTML table too large (span bomb?)")
                placed[(r + dr, c + dc)] = (text, False)


def _span(value: str | None) -> int:
    try:
        return min(max(int(str(value).strip() or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


def render_grid(grid: Grid) -> list[str]:
    """Pipe rows, each cell text at its span origin only (no duplicated labels or values)."""
    lines = []
    for cells, origin in zip(grid.rows, grid.origin, strict=True):
        kept = [text for text, first in zip(cells, origin, strict=True) if first]
        if any(kept):
            lines.append("| " + " | ".join(kept) + " |")
    return lines


def _content_root(root: lxml.etree._Element) -> lxml.etree._Element:
    """The smallest element holding the report from 总体情况 to 其他需要报告 (or the last table).

    Portal pages wrap the report in menus and footers; anchoring on the report's own landmarks
    works across content-management systems without a list of their class names.
    """
    body = root.find("body")
    if body is None:
        body = root
    first = last = None
    for el in body.iter(lxml.etree.Element):  # elements only: no comments or processing instructions
        tag = el.tag
        if tag in SKIP_TAGS:
            continue
        own = el.text
        if own is None:  # most elements: nothing of their own to test
            if tag == "table":
                last = el
            continue
        if first is None and ("总体情况" in own or "概述" in own):
            first = el
        if "其他需要报告" in own or tag == "table":
            last = el
    if first is None or last is None:
        return body
    ancestors = {id(a): a for a in first.iterancestors()}
    ancestors[id(first)] = first
    node = last
    while node is not None and id(node) not in ancestors:
        node = node.getparent()
    return node if node is not None else body


def _render(root: lxml.etree._Element, grids: list[Grid]) -> str:
    out: list[str] = []
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if not tag or tag in SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag == "table" and _is_data_table(el):
                grid = table_to_grid(el)
                grids.append(grid)
                out.append("\n" + "\n".join(render_grid(grid)) + "\n")
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                out.append("\n")
            if el.text:
                out.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                out.append("\n")
            if el.tail:
                out.append(el.tail)
    return "".join(out)


_TITLE_TEXT = lxml.etree.XPath("//title/text()")  # compiled once: compiling costs more than running
# A report's title names it: 某局2021年政府信息公开工作年度报告 (or …年报)
_REPORT_TITLE = re.compile(r"(?:信息公开|政务公开)[^\n]{0,30}?(?:报告|年报)")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "p", "div", "span", "td", "strong", "b")


def _report_heading(root: lxml.etree._Element) -> str | None:
    """The first short element text that names the report, outside scripts and navigation."""
    for el in root.iter(*_HEADING_TAGS):
        text = " ".join((el.text or "").split())
        if 6 <= len(text) <= 80 and _REPORT_TITLE.search(text) and text.endswith(("报告", "年报")) \
                and not any(a.tag in SKIP_TAGS for a in el.iterancestors()):
            return text
    return None


def _metas(root: lxml.etree._Element) -> dict[str, str]:
    """name -> content of the first <meta name=… content=…> of each name, in one pass over the page."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        name, content = meta.get("name"), meta.get("content")
        if name is not None and content is not None:
            found.setdefault(name, content)
    return found


def _meta(metas: dict[str, str], name: str) -> str | None:
    found = metas.get(name)
    return found.strip() or None if found is not None else None


def read(data: bytes, *, source: str) -> Document:
    text, encoding, warnings = decode_html(data)
    root = _parse(text)
    if _too_deep():
        # libxml2 stops at 2048 levels and silently drops the rest of the page. Layout wrappers
        # (div, span, font, ...) carry no table structure: flatten them and parse again.
        root = _parse(_WRAPPER_TAG.sub(lambda m: "\n" if m.group(1).lower() in BLOCK_TAGS else "", text))
        if _too_deep():
            raise CorruptFileError(f"HTML nested deeper than {_MAX_DEPTH} elements: refused as malformed")
        warnings = [*warnings, "HTML nested too deep: layout wrappers flattened"]
    metas = _metas(root)
    title = _meta(metas, "ArticleTitle")
    if title is None:
        titles = _TITLE_TEXT(root)
        title = titles[0].strip() if titles else None
    if title is None or not _REPORT_TITLE.search(title):
        title = _report_heading(root) or title  # a page titled by its site: the report's own heading
    published = _meta(metas, "PubDate") or _meta(metas, "pubdate")
    grids: list[Grid] = []
    body_text = _render(_content_root(root), grids)
    if not body_text.strip():
        raise EmptyDocumentError("HTML page has no visible text")
    if title and title not in body_text[:2000]:
        body_text = title + "\n" + body_text
    return Document(text=body_text, format="html", encoding=encoding, grids=tuple(grids),
                    title=title, published=published, warnings=tuple(warnings))


# A plain etree parser, not lxml.html's: its elements are built without a Python class lookup per
# node, and nothing here uses the HtmlElement extras.
_PARSER = lxml.etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True)
_MAX_DEPTH = 2048  # libxml2's element depth limit, even with huge_tree
_WRAPPER_TAG = re.compile(r"</?(div|span|font|section|article|center|main|header|footer|aside|b|i|u|strong|em|a|small)\b[^>]*>", re.I)


def _parse(text: str) -> lxml.etree._Element:
    try:
        root = lxml.etree.fromstring(text.encode("utf-8"), _PARSER)
        if root is None:  # what lxml.html.document_fromstring raises for this
            raise lxml.etree.ParserError("Document is empty")
        return root
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptFileError(f"malformed HTML: {' '.join(str(exc).split())[:160]}") from exc


def _too_deep() -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in _PARSER.error_log)
