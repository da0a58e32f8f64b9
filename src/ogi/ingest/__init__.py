"""Readers: ``bytes -> Document``, one per format, picked from one registry.

Readers get bytes, never paths: opening files is the pipeline's job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from ..errors import EmptyDocumentError, UnsupportedFormatError
from ..models import Document
from . import docx, html, pdf, text

Reader = Callable[..., Document]

READERS: dict[str, Reader] = {
    "txt": text.read,
    "html": html.read,
    "pdf": pdf.read,
    "docx": docx.read,
}

SUFFIX_FORMATS = {
    ".txt": "txt", ".md": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

UNSUPPORTED_SUFFIXES = {
    ".doc": "legacy Word .doc is not supported; convert it to .docx or PDF (e.g. libreoffice --convert-to docx)",
    ".wps": "WPS files are not supported; convert to .docx or PDF",
    ".xls": "spreadsheets are not annual reports; unsupported format",
    ".xlsx": "spreadsheets are not annual reports; unsupported format",
}


def sniff_format(data: bytes, name: str) -> str:
    """Pick a format from the content first (scrapers mislabel files), then the suffix."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(UNSUPPORTED_SUFFIXES[".doc"])
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    suffix = PurePath(name).suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(UNSUPPORTED_SUFFIXES[suffix])
    lowered = head[:512].lower()
    if suffix not in {".txt", ".md", ".text"} and (
        lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered
    ):
        return "html"
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    raise UnsupportedFormatError(f"unsupported file type {suffix or '(no suffix)'}")


def read_bytes(data: bytes, *, source: str) -> Document:
    """Decode one file's bytes into a Document; raise an OgiError with a one-line reason."""
    if not data or not data.strip():
        raise EmptyDocumentError("empty file (0 bytes or only whitespace)")
    fmt = sniff_format(data, source)
    return READERS[fmt](data, source=source)
