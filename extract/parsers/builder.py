"""Assembles a document's text from paragraphs and tables while recording blocks and cell spans.

Every parser appends pieces in reading order; the builder keeps offsets exact, so a block's or a cell's
``char_start``/``char_end`` always slice its text out of the final string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.document import BBox, Block, Cell, PageInfo, Table
from extract.lang import detect_language

__all__ = ["TextBuilder", "clean_text", "collapse_spaces"]

_SPACES = str.maketrans({"\r": None, "\x00": None, "\x0c": "\n", "\u00ad": None})


_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def collapse_spaces(text: str) -> str:
    """Runs of ASCII whitespace become one space; no-break and narrow spaces stay (they matter in numbers)."""
    return _ASCII_SPACES.sub(" ", text).strip(" ")


def clean_text(text: str) -> str:
    """Drop carriage returns, NULs and soft hyphens; keep every other character (no-break spaces included)."""
    return text.translate(_SPACES)


class TextBuilder:
    """Accumulates text, blocks, tables and pages for one document."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.pages: list[PageInfo] = []
        self._replacements: dict[int, str] = {}

    @property
    def length(self) -> int:
        return self._length

    def _append(self, text: str) -> tuple[int, int]:
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return start, self._length

    def separate(self, separator: str = "\n\n") -> None:
        """Put a separator between the previous piece and the next, unless the text already ends with one."""
        if not self._length:
            return
        tail = self._parts[-1]
        if tail.endswith(separator):
            return
        if separator == "\n\n" and tail.endswith("\n"):
            self._append("\n")
        else:
            self._append(separator)

    def add_block(
        self, text: str, *, page: int | None = None, bbox: BBox | None = None, kind: str = "paragraph"
    ) -> Block | None:
        """Append a block of text (stripped) as its own paragraph; empty text adds nothing."""
        text = clean_text(text).strip()
        if not text:
            return None
        self.separate()
        start, end = self._append(text)
        block = Block(start, end, page=page, bbox=bbox, kind=kind, lang=detect_language(text))
        self.blocks.append(block)
        return block

    def add_table(
        self,
        rows: Sequence[Sequence[str | None]],
        *,
        page: int | None = None,
        bbox: BBox | None = None,
        name: str | None = None,
        cell_bboxes: Sequence[Sequence[BBox | None]] | None = None,
    ) -> Table | None:
        """Append a table: one line per row, cells separated by tabs, each row a ``table_row`` block."""
        out_rows: list[tuple[Cell, ...]] = []
        self.separate()
        for r, row in enumerate(rows):
            values = [_cell_text(v) for v in row]
            if not any(values):
                continue
            if out_rows:
                self._append("\n")
            cells: list[Cell] = []
            for c, value in enumerate(values):
                if c:
                    self._append("\t")
                start, end = self._append(value)
                box = cell_bboxes[r][c] if cell_bboxes and c < len(cell_bboxes[r]) else None
                cells.append(Cell(value, len(out_rows), c, start if value else None, end if value else None, box))
            # The row's block runs from its first to its last non-empty cell.
            row_start = min(c.char_start for c in cells if c.char_start is not None)
            row_end = max(c.char_end for c in cells if c.char_end is not None)
            row_text = "\t".join(values)
            self.blocks.append(
                Block(row_start, row_end, page=page, bbox=None, kind="table_row", lang=detect_language(row_text))
            )
            out_rows.append(tuple(cells))
        if not out_rows:
            return None
        table = Table(index=len(self.tables), rows=tuple(out_rows), page=page, bbox=bbox, name=name)
        self.tables.append(table)
        return table

    def start_page(self) -> int:
        """Mark where the next page's text begins (call before adding the page's blocks)."""
        self.separate()
        return self._length

    def end_page(self, number: int, start: int, **info: object) -> PageInfo:
        page = PageInfo(number=number, char_start=start, char_end=self._length, **info)  # type: ignore[arg-type]
        self.pages.append(page)
        return page

    def set_char(self, offset: int, char: str) -> None:
        """Replace the character at ``offset`` with another single character (offsets do not move)."""
        self._replacements[offset] = char

    def text(self) -> str:
        text = "".join(self._parts)
        if not self._replacements:
            return text
        chars = list(text)
        for offset, char in self._replacements.items():
            chars[offset] = char
        return "".join(chars)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    # Tabs and newlines inside a cell would break the row/column layout of the text.
    return collapse_spaces(clean_text(str(value)))
