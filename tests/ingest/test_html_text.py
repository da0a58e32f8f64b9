"""HTML grids and text checks on small hand-made inputs (the fast paths and the slow ones agree)."""

from __future__ import annotations

import lxml.etree
import pytest

from ogi.errors import BinaryContentError, CorruptFileError, EmptyDocumentError
from ogi.ingest import html, read_bytes
from ogi.ingest.text import looks_binary


def _table(markup: str) -> lxml.etree._Element:
    return html._parse(f"<html><body><table>{markup}</table></body></html>").find(".//table")


def test_cell_text_joins_nested_markup_like_itertext():
    table = _table("<tr><td> a <b>b<i> c</i></b>\n d<br/>e </td><td>x</td><td></td></tr>")
    cells = list(table.iter("td"))
    assert [html._cell_text(c) for c in cells] == [" ".join("".join(c.itertext()).split()) for c in cells]
    assert [html._cell_text(c) for c in cells] == ["a b c de", "x", ""]


def test_overlapping_spans_later_cell_wins_and_origins_are_marked():
    # the colspan of row 2 runs into the cell that row 1's rowspan already covers
    grid = html.table_to_grid(_table(
        '<tr><td>a</td><td rowspan="2">b</td><td>c</td></tr>'
        '<tr><td colspan=" 3 ">d</td></tr>'
        '<tr><td rowspan="x">e</td><td colspan="0">f</td></tr>'))
    assert grid.rows == (("a", "b", "c"), ("d", "d", "d"), ("e", "f", ""))
    assert grid.origin == ((True, True, True), (True, False, False), (True, True, False))


def test_span_bomb_is_refused():
    bomb = '<tr><td rowspan="200" colspan="200">x</td></tr>' * 6
    with pytest.raises(CorruptFileError):
        html.table_to_grid(_table(bomb))


def test_page_meta_tags_first_one_with_content_wins():
    page = ('<html><head><title>页面标题</title><meta name="ArticleTitle"><meta name="ArticleTitle" content=" 某局报告 ">'
            '<meta name="pubdate" content="2023-02-01"></head><body><p>一、总体情况</p><p>正文。</p></body></html>')
    doc = read_bytes(page.encode(), source="p.html")
    assert doc.title == "某局报告" and doc.published == "2023-02-01"
    assert doc.text.startswith("某局报告\n")


def test_page_without_meta_title_uses_the_title_tag():
    doc = read_bytes("<html><head><title> 标题 </title></head><body><p>正文</p></body></html>".encode(), source="p.html")
    assert doc.title == "标题"


def test_page_without_visible_text_is_empty():
    with pytest.raises(EmptyDocumentError):
        read_bytes(b"<html><head><script>var a = 1;</script></head><body> </body></html>", source="p.html")


@pytest.mark.parametrize(("text", "binary"), [
    ("报告" * 50, False),
    ("报告\t\n\r\f\v" * 20, False),  # whitespace controls are text
    ("a" * 99 + "\x01", False),  # exactly 1%: not more than 1%
    ("a" * 98 + "\x01\x1f", True),
    ("a" * 98 + "\ufffd\ufffd", True),  # replacement characters of a failed decode count
    ("", False),
])
def test_looks_binary_threshold(text, binary):
    assert looks_binary(text) is binary


def test_utf16_without_bom_is_read_and_binary_bytes_are_refused():
    doc = read_bytes("一、总体情况\n本机关2022年收到申请3件。\n".encode("utf-16-le"), source="a.txt")
    assert doc.encoding == "utf-16-le" and "总体情况" in doc.text
    with pytest.raises(BinaryContentError):
        read_bytes(bytes(range(1, 32)) * 40, source="b.txt")
