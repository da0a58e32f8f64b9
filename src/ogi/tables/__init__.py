"""Table parser for sections 二–四."""

from .parse import TableResult, parse_tables

__all__ = ["TableResult", "parse_tables"]
