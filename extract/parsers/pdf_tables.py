"""Ruled tables in PDF pages, read by pdfplumber and tied back to the text pdfium already extracted.

pdfplumber is opened once per document, lazily, and only for pages the PDF parser picked (enough ruling lines).
Each cell is located in the page's text, so table text is never added twice and every cell found there has
exact character offsets.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from extract.document import BBox, Cell, Table
from extract.parsers.builder import TextBuilder

__all__ = ["TableFinder", "page_text", "round_box"]


class TableFinder:
    """Opens pdfplumber once, on the first page that looks like it holds a ruled table."""

    def __init__(self, path: Path, warnings: list[str]) -> None:
        self._path = path
        self._warnings = warnings
        self._pdf: Any = None
        self._failed = False

    def find(self, index: int, number: int, builder: TextBuilder, page_text: str, page_start: int) -> None:
        if self._failed:
            return
        try:
            if self._pdf is None:
                import pdfplumber

                self._pdf = pdfplumber.open(self._path)
            page = self._pdf.pages[index]
            try:
                found = [(t.bbox, t.extract(), [row.cells for row in t.rows]) for t in page.find_tables()]
                # pdfplumber measures from the media box, pdfium (and our blocks) from the visible crop box
                dx, dy = page.cropbox[0] - page.mediabox[0], page.cropbox[1] - page.mediabox[1]
            finally:
                page.close()
        except Exception as exc:  # tables are a bonus; never lose the page text for them
            if self._pdf is None:
                self._failed = True
            self._warnings.append(f"page {number}: table detection failed ({type(exc).__name__}: {exc})")
            return
        pos = 0
        for bbox, values, boxes in found:
            rows: list[tuple[Cell, ...]] = []
            for r, row in enumerate(values):
                cells: list[Cell] = []
                for c, value in enumerate(row):
                    box = boxes[r][c] if c < len(boxes[r]) else None
                    words = (value or "").split()
                    span = _locate(page_text, words, pos)
                    if span:
                        pos = span[1]
                        cell_text = page_text[span[0] : span[1]]
                        span = (span[0] + page_start, span[1] + page_start)
                    else:
                        cell_text = " ".join(words)
                    box = round_box(box, dx, dy) if box else None
                    cells.append(Cell(cell_text, len(rows), c, *(span or (None, None)), box))
                if any(cell.text for cell in cells):
                    rows.append(tuple(cells))
                    _separate_cells(cells, page_text, page_start, builder)
            if rows:
                builder.tables.append(
                    Table(len(builder.tables), tuple(rows), page=number, bbox=round_box(bbox, dx, dy))
                )

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def page_text(placed: list[tuple[int, str]], page_start: int) -> str:
    """The document text from ``page_start`` through the page's last block (the builder separates with newlines)."""
    parts: list[str] = []
    pos = page_start
    for char_start, text in placed:
        parts.append("\n" * (char_start - pos))
        parts.append(text)
        pos = char_start + len(text)
    return "".join(parts)


def _locate(page_text: str, words: list[str], pos: int) -> tuple[int, int] | None:
    """Where the cell's words occur in the page text, at or after ``pos`` (any whitespace between words)."""
    match = re.compile(r"\s+".join(map(re.escape, words))).search(page_text, pos) if words else None
    return match.span() if match else None


def round_box(box: Any, dx: float = 0.0, dy: float = 0.0) -> BBox:
    x0, top, x1, bottom = (float(v) for v in box)
    return (round(x0 - dx, 2), round(top - dy, 2), round(x1 - dx, 2), round(bottom - dy, 2))


def _separate_cells(cells: list[Cell], page_text: str, page_start: int, builder: TextBuilder) -> None:
    """Make the single space pdfium puts between two cells of a row a tab, so "24 | 425 | 313" in three cells is
    not read as the number 24 425 313. One character for one: every offset stays valid."""
    placed = [c for c in cells if c.char_start is not None]
    for left, right in pairwise(placed):
        gap = page_text[left.char_end - page_start : right.char_start - page_start]
        if gap and not gap.strip() and "\n" not in gap:
            builder.set_char(left.char_end, "\t")
