"""Rows of a table as the parsers write them into a document's text: one line per row, cells split by a tab
(DOCX, XLSX and PDF tables) or by a spaced bar ("71432 | 146 | 58")."""

from __future__ import annotations

import regex

__all__ = ["CELL", "is_row"]

#: what separates the cells of a table row
CELL = regex.compile(r"\t|\s\|\s")


def is_row(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` is a row of a table (has at least two cells)."""
    return CELL.search(text, start, end) is not None
