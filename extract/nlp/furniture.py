"""Document furniture that is no content: page numbers in headers and footers, row-number columns of tables.

Counts are found in the text without knowing its layout; the parsed document knows where pages begin and which
cells number the rows of a list, so those numbers are dropped here.
"""

from __future__ import annotations

from itertools import pairwise

from extract.document import ParsedDocument
from extract.records import Mention

__all__ = ["drop_furniture", "page_number_spans", "row_number_cells"]


def drop_furniture(doc: ParsedDocument, counts: list[Mention]) -> list[Mention]:
    """The counts that are not page or row numbers."""
    spans = row_number_cells(doc) + page_number_spans(doc, counts)
    if not spans:
        return counts
    return [c for c in counts if not any(s <= c.char_start and c.char_end <= e for s, e in spans)]


def page_number_spans(doc: ParsedDocument, counts: list[Mention]) -> list[tuple[int, int]]:
    """A page's own number printed in its first or last block (headers and footers) is no count."""
    edges: dict[int, list] = {}
    for block in doc.blocks:
        if block.page is not None:
            pair = edges.setdefault(block.page, [block, block])
            pair[1] = block
    spans = []
    for c in counts:
        page = doc.page_at(c.char_start)
        on_edge = page in edges and any(b.char_start <= c.char_start < b.char_end for b in edges[page])
        if page is not None and c.value == page and on_edge:
            spans.append((c.char_start, c.char_end))
    return spans


def row_number_cells(doc: ParsedDocument) -> list[tuple[int, int]]:
    """Spans of the cells of "№ п/п" columns: a column of consecutive integers numbers rows, it counts nothing."""
    spans = []
    for table in doc.tables:
        columns: dict[int, list] = {}
        for row in table.rows:
            for cell in row:
                if cell.text.strip().rstrip(".").isdigit() and cell.char_start is not None:
                    columns.setdefault(cell.col, []).append(cell)
        for cells in columns.values():
            values = [int(c.text.strip().rstrip(".")) for c in cells]
            steps = sum(1 for a, b in pairwise(values) if b == a + 1)
            if len(values) >= 3 and steps >= 0.8 * (len(values) - 1):
                spans += [(c.char_start, c.char_end) for c in cells]
    return spans
