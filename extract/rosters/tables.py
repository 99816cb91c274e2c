"""Rows of servicemen from a document's tables (PDF, DOCX, XLSX, CSV).

Columns come from the header row (searched in the first rows, below any title rows) or, for a table without
one, from the previous table's header when the table continues it (same width: the next page of a list whose
header is printed once) or else from the values. Repeated headers, column-number rows and total rows are
skipped; a row without a number and dates continues the row above (a wrapped row); an empty unit cell under a
vertically merged one takes the unit above.
"""

from __future__ import annotations

import logging

import regex

from extract.document import ParsedDocument, Table
from extract.rosters.columns import NAME_FIELDS, column_of_header, header_fields, type_columns
from extract.rosters.rows import RawRow

__all__ = ["table_rows"]

log = logging.getLogger(__name__)

_HEADER_SEARCH = 10
_TOTAL = regex.compile(r"^\s*(всего|итого)", regex.IGNORECASE)
_KEYS = ("number", "birth_date", "event_date")
_CARRIED = ("military_unit_number",)


def _texts(table: Table) -> list[list[str]]:
    return [[" ".join(cell.text.split()) for cell in row] for row in table.rows]


def _is_column_numbers(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return (
        len(filled) >= 3
        and all(c.isdigit() for c in filled)
        and [int(c) for c in filled] == list(range(int(filled[0]), int(filled[0]) + len(filled)))
    )


def _is_header(cells: list[str]) -> bool:
    """A header row, repeated on a later page or not recognized as a whole (two or more header words)."""
    return header_fields(cells) is not None or sum(column_of_header(c) is not None for c in cells) >= 2


def table_rows(doc: ParsedDocument) -> list[RawRow]:
    """Every person row of every table in ``doc``, in document order."""
    out: list[RawRow] = []
    schema: dict[int, str] | None = None
    width = 0
    for table in doc.tables:
        values = _texts(table)
        if not values:
            continue
        start = 0
        found = None
        for i, cells in enumerate(values[:_HEADER_SEARCH]):
            found = header_fields(cells)
            if found:
                start = i + 1
                break
        this_width = max(len(r) for r in values)
        if found:
            schema, width = found, this_width
        elif schema is None or this_width != width:
            schema = type_columns(values)
            width = this_width
            if schema is None:
                continue
            log.debug("table %d: columns typed by content: %s", table.index, schema)
        previous: RawRow | None = None
        for r in range(start, len(values)):
            cells = values[r]
            if _is_header(cells) or _is_column_numbers(cells) or not any(cells):
                continue
            first = next((c for c in cells if c), "")
            if _TOTAL.match(first):
                continue
            rec = {field: cells[col] for col, field in schema.items() if col < len(cells) and cells[col]}
            spans = [(c.char_start, c.char_end) for c in table.rows[r] if c.char_start is not None]
            start_char = min((s for s, _ in spans), default=None)
            end_char = max((e for _, e in spans), default=None)
            has_keys = any(rec.get(k) for k in _KEYS if k in schema.values())
            if previous is not None and not has_keys and any(k in schema.values() for k in _KEYS):
                previous.append(rec, end_char)  # a row wrapped onto a second table row
                continue
            if not any(rec.get(f) for f in NAME_FIELDS):
                continue
            if previous is not None:
                for key in _CARRIED:
                    if key in schema.values() and not rec.get(key) and previous.values.get(key):
                        rec[key] = previous.values[key]
            if start_char is None:
                start_char = end_char = doc.pages[table.page - 1].char_start if table.page and doc.pages else 0
            previous = RawRow(
                dict(rec), start_char, end_char or start_char, table=table.index, row=table.rows[r][0].row
            )
            out.append(previous)
    return out
