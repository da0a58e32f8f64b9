"""Plain text and markdown: detect the encoding, never guess silently."""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryContentError, EmptyDocumentError
from ..models import Document

# Encodings tried strictly, in order, before any statistical guess.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs on one parity of bytes: the high byte of ASCII.

    A report that is mostly CJK has few ASCII characters, so the NUL share alone is no test (a
    crawler text of pingtan-2022 has NULs in 15% of its high bytes): NULs clearly lopsided to one
    side, then a strict decode that reads as Chinese or ASCII text, decide.
    """
    sample = data[:4000]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    # the minimum keeps a file with a few stray NULs out; random bytes have as many on each side,
    # while CJK code points ending in 00 (一 is U+4E00) put some on the other side of real UTF-16
    if odd_nuls >= max(8, 0.02 * half) and odd_nuls > 2 * even_nuls:
        return "utf-16-le" if _reads_as_text(sample, "utf-16-le") else None
    if even_nuls >= max(8, 0.02 * half) and even_nuls > 2 * odd_nuls:
        return "utf-16-be" if _reads_as_text(sample, "utf-16-be") else None
    return None


# Characters of ordinary report text: whitespace, ASCII, CJK, CJK and full-width punctuation.
_UNUSUAL = re.compile("[^\t\n\r -~\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f]")
# Control characters other than whitespace, and the replacement character of a failed decode.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _reads_as_text(sample: bytes, encoding: str) -> bool:
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    usual = len(text) - len(_UNUSUAL.findall(text))
    return usual >= 0.95 * len(text)


def looks_binary(text: str) -> bool:
    """Control characters (other than whitespace) in more than 1% of the text mean junk."""
    sample = text[:20000]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    return controls > 0.01 * len(sample)


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings). Raises BinaryContentError for non-text bytes."""
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding, warnings
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, warnings
    if b"\x00" in data[:8000]:
        raise BinaryContentError("binary content (NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        first_bad = exc.start  # the offset, not the exception: its traceback would hold every frame in a cycle
    try:
        return data.decode("gb18030"), "gb18030", warnings
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few bad bytes mid-file: keep the text, say so.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(8, len(text) // 200):  # a few bad bytes in a UTF-8 file, not another encoding
        warnings.append(f"invalid UTF-8 bytes replaced ({bad}), first at byte {first_bad}")
        return text, "utf-8", warnings
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is None or best.encoding is None:
        raise BinaryContentError("no text encoding fits these bytes (binary or corrupt file)")
    encoding = best.encoding
    warnings.append(f"encoding guessed statistically as {encoding}")
    return data.decode(encoding, errors="replace"), encoding, warnings


def read(data: bytes, *, source: str) -> Document:
    text, encoding, warnings = decode(data)
    if looks_binary(text):
        raise BinaryContentError("binary content, not a text report")
    if not text.strip():
        raise EmptyDocumentError("empty file (no text after decoding)")
    return Document(text=text, format="txt", encoding=encoding, warnings=tuple(warnings))
