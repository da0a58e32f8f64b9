"""One exception per kind of failure.

Problems *inside* a report (a failed identity, a missing cell) are statuses in the output,
never exceptions. These are for documents that cannot be read at all; each message is one
line that says what is wrong and, where possible, what to do.
"""

from __future__ import annotations


class OgiError(Exception):
    """Base class of every error ogi raises on purpose."""


class UnsupportedFormatError(OgiError, ValueError):
    """The file's format is not one ogi reads (e.g. legacy .doc)."""


class EmptyDocumentError(OgiError, ValueError):
    """The file holds no text at all."""


class BinaryContentError(OgiError, ValueError):
    """The bytes are not text in any supported encoding."""


class NoTextLayerError(OgiError, ValueError):
    """A PDF whose pages carry no text layer: it needs OCR first."""


class CorruptFileError(OgiError, ValueError):
    """A container (PDF, DOCX, HTML) that is damaged, encrypted or malicious."""


class TooLargeError(OgiError, ValueError):
    """The input is over the configured size limit."""
