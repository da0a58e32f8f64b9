"""Real-layout fixtures per format: the real HTML page and PDF, and a generated DOCX."""

from __future__ import annotations

import io

import docx
import pytest

import ogi
from ogi.ingest import read_bytes
from tests.conftest import raw_path


def test_html_table_is_a_grid_with_spans_expanded():
    doc = read_bytes(raw_path("pingtan-transport-2024.html").read_bytes(), source="page.html")
    t3 = next(g for g in doc.grids if any("本年新收" in c for row in g.rows for c in row))
    results_rows = [row for row in t3.rows if row[0] == "三、本年度办理结果"]
    assert len(results_rows) > 20  # the rowspan label repeats on every row it covers
    assert sum(1 for row, origin in zip(t3.rows, t3.origin, strict=True) if row[0] == "三、本年度办理结果" and origin[0]) == 1
    assert len({len(row) for row in t3.rows}) == 1  # rectangular
    assert "<td" not in doc.text and "<p" not in doc.text and "var " not in doc.text  # no markup or script left


def test_html_page_metadata_from_its_meta_tags():
    report = ogi.parse(raw_path("pingtan-transport-2024.html"))
    assert report.meta["published"] == "2025-01-22"
    assert report.document["format"] == "html"


def test_gbk_html_page_is_decoded():
    html = ('<html><head><meta charset="gb2312"></head><body><p>平潭综合实验区2022年政府信息公开工作年度报告</p>'
            "<p>一、总体情况</p><p>2022年,好。</p></body></html>")
    doc = read_bytes(html.encode("gbk"), source="gbk.html")
    assert "总体情况" in doc.text and doc.encoding == "gb18030"


def test_pdf_tables_across_page_break_are_joined():
    doc = read_bytes(raw_path("huaian-city-2024.pdf").read_bytes(), source="huaian.pdf")
    t3 = [g for g in doc.grids if any("予以公开" in c or "结转下年度" in c for row in g.rows for c in row)]
    assert len(t3) == 1 and any("结转下年度继续办理" in row[0] for row in t3[0].rows)
    assert "- 4 -" not in ogi.parse(raw_path("huaian-city-2024.pdf")).text


def _docx_from_report(text: str) -> bytes:
    """A DOCX with the report's prose as paragraphs and its pipe rows as a real Word table."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush():
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
        rows.clear()

    for line in text.splitlines():
        if "|" in line:
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        else:
            flush()
            document.add_paragraph(line)
    flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_generated_docx_reads_like_its_source():
    source = raw_path("samples/sanmen-coastal-industrial-city-2023.txt").read_text(encoding="utf-8")
    report = ogi.parse_bytes(_docx_from_report(source), source="sanmen.docx")
    reference = ogi.parse(raw_path("samples/sanmen-coastal-industrial-city-2023.txt"))
    assert report.document["format"] == "docx"
    assert [s.key for s in report.sections] == [s.key for s in reference.sections]
    assert {c.cell_id: c.value for c in report.cells} == {c.cell_id: c.value for c in reference.cells}


def test_traditional_mirror_page_is_converted_for_analysis():
    from opencc import OpenCC

    simplified = raw_path("samples/weihui-petition-bureau-2021.txt").read_text(encoding="utf-8")
    traditional = OpenCC("s2t").convert(simplified)
    report = ogi.parse_bytes(traditional.encode(), source="mirror.txt")
    assert report.document["traditional"] is True
    assert report.meta["agency"] == "卫辉市信访局"
    assert [s.key for s in report.sections] == ["overview", "proactive", "requests", "remedies", "problems", "other"]


@pytest.mark.parametrize("name", ["samples/taiping-district-2021.txt", "pingtan-2022.txt"])
def test_cell_offsets_point_at_their_raw_text(name):
    report = ogi.parse(raw_path(name))
    for cell in report.cells:
        if cell.raw:
            assert report.text[cell.start:cell.end] == cell.raw


def test_docx_merged_cells_are_expanded_with_one_origin():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "三、本年度办理结果"  # a label spanning three rows
    table.cell(0, 1).merge(table.cell(0, 2)).text = "(一)予以公开 2"  # spanning two columns
    table.cell(1, 1).text, table.cell(1, 2).text = "(二)部分公开", "0"
    table.cell(2, 1).text, table.cell(2, 2).text = "(三)不予公开", "1"
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_bytes(buffer.getvalue(), source="merged.docx")
    grid = doc.grids[0]
    assert [row[0] for row in grid.rows] == ["三、本年度办理结果"] * 3
    assert [row[0] for row in grid.origin] == [True, False, False]
    assert grid.origin[0] == (True, True, False)
    assert doc.text.count("三、本年度办理结果") == 1 and doc.text.count("(一)予以公开 2") == 1


def test_a_page_titled_by_its_site_takes_the_reports_heading():
    html = ("<html><head><title>某某县人民政府门户网站</title></head><body>"
            "<nav><a>政府信息公开年报</a><span>某某县2020年政府信息公开工作年度报告</span></nav>"
            "<div class='article'><h2>某某县交通运输局2024年政府信息公开工作年度报告</h2>"
            "<p>一、总体情况</p><p>2024年,本局认真贯彻落实《条例》。</p></div></body></html>")
    doc = read_bytes(html.encode("utf-8"), source="page.html")
    assert doc.title == "某某县交通运输局2024年政府信息公开工作年度报告"  # not the site, not the menu
    meta = ogi.parse_bytes(html.encode("utf-8"), source="page.html").meta
    assert (meta["agency"], meta["year"]) == ("某某县交通运输局", 2024)
