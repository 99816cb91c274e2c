"""Which column of a list holds what: by its header (``models/persons/columns.tsv``) or by its content.

A header row is a row where at least two cells name distinct known fields and one of them is a name column.
Where a table has no header (a continuation page, a headerless export), the columns are typed by what most
of their values look like.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

import regex

from extract.grammars.lexicon import rows
from extract.rosters.values import NAME_RE, fold, parse_article, parse_date, parse_rank, parse_unit

__all__ = ["NAME_FIELDS", "column_of_header", "header_fields", "type_columns"]

#: fields that make a row a person
NAME_FIELDS = frozenset({"name", "surname"})


@cache
def _patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((r[0], regex.compile(r[1], regex.IGNORECASE | regex.V1)) for r in rows("persons/columns.tsv"))


def column_of_header(text: str) -> str | None:
    """The field a header cell names, or None."""
    folded = fold(text.replace("-\n", "").replace("\n", " ")).strip(" :;")
    if not folded or len(folded) > 80:
        return None
    for field, pattern in _patterns():
        if pattern.search(folded):
            return field
    return None


def header_fields(cells: Sequence[str]) -> dict[int, str] | None:
    """column -> field when ``cells`` are a header row, else None."""
    found: dict[int, str] = {}
    for col, text in enumerate(cells):
        field = column_of_header(text)
        if field and field not in found.values():
            found[col] = field
    if len(found) >= 2 and NAME_FIELDS & set(found.values()):
        return found
    return None


def _kind(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if regex.fullmatch(r"\d{1,5}\.?", value) and not parse_unit(value):
        return "number"
    if parse_unit(value) and regex.fullmatch(r"(в/ч\s*)?\d{5}", value, regex.IGNORECASE):
        return "military_unit_number"
    if parse_date(value) and len(value) <= 22:
        return "date"
    if parse_article(value) and len(value) <= 30:
        return "article"
    if parse_rank(value) and len(value) <= 25:
        return "rank"
    if NAME_RE.fullmatch(value):
        return "name"
    return "text"


def type_columns(table_rows: Sequence[Sequence[str]]) -> dict[int, str] | None:
    """column -> field guessed from the values: the first date column is the birth date (lists are ordered
    birth date before event date), the second the event date; None without a name column."""
    width = max((len(r) for r in table_rows), default=0)
    found: dict[int, str] = {}
    dates = []
    for col in range(width):
        kinds = Counter(k for r in table_rows if col < len(r) and (k := _kind(r[col])))
        if not kinds:
            continue
        kind, n = kinds.most_common(1)[0]
        if n < 0.6 * sum(kinds.values()) or kind == "text":
            continue
        if kind == "date":
            dates.append(col)
        elif kind not in found.values():
            found[col] = kind
    for col, field in zip(dates, ("birth_date", "event_date"), strict=False):
        found[col] = field
    if "name" not in found.values():
        return None
    return found
