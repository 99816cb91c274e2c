"""Rows of a table as the parsers write them into a document's text: one line per row, cells split by a tab
(DOCX, XLSX and PDF tables) or by a spaced bar ("71432 | 146 | 58")."""

from __future__ import annotations

import regex

__all__ = ["CELL", "is_row", "title_above"]

#: what separates the cells of a table row
CELL = regex.compile(r"\t|\s\|\s")


def is_row(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` is a row of a table (has at least two cells)."""
    return CELL.search(text, start, end) is not None


#: the longest title a table can have above it, in characters and line breaks ("СВЕДЕНИЯ … за период с …")
_TITLE_CHARS = 600
_TITLE_BREAKS = 5


def title_above(text: str, top: int) -> tuple[int, int] | None:
    """(start, end) of the title of the table whose first line starts at ``top``: the short paragraph right
    above it, after a blank line. None when there is no such paragraph."""
    if top < 2 or text[top - 2] != "\n":
        return None
    start = text.rfind("\n\n", 0, top - 2)
    start = 0 if start < 0 else start + 2
    title = text[start : top - 2]
    if len(title) > _TITLE_CHARS or title.count("\n") > _TITLE_BREAKS:
        return None
    return start, top - 2
