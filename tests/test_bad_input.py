"""Bad input gets a one-line error on its document row; the batch carries on."""

from __future__ import annotations

import io
import zipfile

import pytest

import ogi
from ogi import load_corpus
from ogi.build import build
from tests.conftest import raw_path

SAMPLE = raw_path("samples/taiping-district-2021.txt").read_bytes()
# A one-page PDF with no text objects: what a scanned (image-only) report looks like to a parser.
BLANK_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD = {
    "empty.txt": (b"", "EmptyDocumentError"),
    "blank.txt": (b"  \n\n ", "EmptyDocumentError"),
    "junk.txt": (bytes(range(256)) * 40, "BinaryContentError"),
    "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "UnsupportedFormatError"),
    "scan.pdf": (BLANK_PDF, "NoTextLayerError"),
    "broken.pdf": (b"%PDF-1.4\n" + b"\x00garbage" * 50, "CorruptFileError"),
    "broken.docx": (b"PK\x03\x04" + b"not really a zip" * 20, "CorruptFileError"),
    "notword.docx": (_zip({"hello.txt": b"hi"}), "CorruptFileError"),
    "bomb.docx": (_zip({"word/document.xml": b"<a>" + b" " * 50_000_000 + b"</a>"}), "CorruptFileError"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gets_one_line_error(name):
    data, kind = BAD[name]
    report = ogi.parse_bytes(data, source=name)
    assert report.document["status"] == "error"
    assert report.document["error"].startswith(kind)
    assert "\n" not in report.document["error"]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_other_encodings_decode_to_the_same_tables(encoding):
    reference = ogi.parse_bytes(SAMPLE, source="a.txt")
    data = SAMPLE.decode("utf-8").encode(encoding)
    report = ogi.parse_bytes(data, source="b.txt")
    assert report.document["status"] == "ok"
    assert report.document["encoding"].replace("-", "").startswith(encoding.replace("-", "")[:5]) or \
        report.document["encoding"] in {"utf-16", "utf-16-le", "gb18030", "utf-8-sig"}
    assert [c.value for c in report.cells] == [c.value for c in reference.cells]


def test_invalid_utf8_bytes_mid_file_are_replaced_and_reported():
    data = SAMPLE[:3000] + b"\xff\xfe\xfa" + SAMPLE[3000:]
    report = ogi.parse_bytes(data, source="bad-bytes.txt")
    assert report.document["status"] == "ok"
    assert "invalid UTF-8" in report.document["warnings"]


def test_truncated_report_keeps_what_is_there():
    text = SAMPLE.decode("utf-8")
    cut = text[: text.index("(四)无法提供")]
    report = ogi.parse_bytes(cut.encode(), source="cut.txt")
    cells = {c.cell_id: c for c in report.cells}
    assert cells["t3.new_received.total"].value == 7
    assert cells["t3.carried_forward.total"].status.value == "missing"
    assert cells["t4.review.total"].status.value == "missing"


def test_size_limit_is_an_error_not_a_crash():
    report = ogi.parse_bytes(SAMPLE, source="big.txt", settings=ogi.report.Settings(max_bytes=100))
    assert report.document["error"].startswith("TooLargeError")


def test_batch_carries_on_and_every_file_is_accounted_for(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, (data, _) in BAD.items():
        (raw / name).write_bytes(data)
    (raw / "good report 报告.txt").write_bytes(SAMPLE)
    (raw / "copy.txt").write_bytes(SAMPLE)
    (raw / "link.txt").symlink_to(raw / "copy.txt")
    (raw / "loop").symlink_to(raw)
    (raw / "dangling.txt").symlink_to(raw / "nowhere.txt")
    summary = build(raw, tmp_path / "out")
    docs = load_corpus(tmp_path / "out")["documents"].set_index("id")
    assert set(docs.index) == set(BAD) | {"good report 报告.txt", "copy.txt", "link.txt", "loop", "dangling.txt"}
    assert docs.loc["dangling.txt", "status"] == "error"
    statuses = docs["status"].value_counts().to_dict()
    assert statuses["ok"] == 1 and statuses["duplicate"] == 2
    assert summary.errors == len(BAD) + 2
    cells = load_corpus(tmp_path / "out")["cells"]
    assert cells["document"].nunique() == 1  # the duplicates are not double-counted
