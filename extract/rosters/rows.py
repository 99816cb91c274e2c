"""A list row before interpretation, and its interpretation as a :class:`~extract.records.Person`.

Table readers and the running-text reader both produce :class:`RawRow` (field -> text as written, plus where
the row lies); :func:`to_person` reads the values with ``extract.rosters.values``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extract.records import Person
from extract.rosters.values import event_of, parse_article, parse_date, parse_name, parse_rank, parse_unit

__all__ = ["RawRow", "to_person"]


@dataclass(slots=True)
class RawRow:
    """One serviceman's row: ``values`` maps a field of ``models/persons/columns.tsv`` to its text."""

    values: dict[str, str]
    char_start: int
    char_end: int
    table: int | None = None
    row: int | None = None
    dates_read: dict[str, str | None] = field(default_factory=dict)  # ISO dates already read by the text reader
    ocr_confidence: float | None = None

    def append(self, values: dict[str, str], char_end: int | None) -> None:
        """Add the text of a wrapped continuation line to this row's cells."""
        for key, text in values.items():
            if text.strip():
                self.values[key] = f"{self.values.get(key, '')} {text.strip()}".strip()
        if char_end is not None:
            self.char_end = max(self.char_end, char_end)


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split()).strip(" ;,")
    return text or None


def to_person(raw: RawRow, text: str, *, unit: str | None, wording: str | None) -> Person | None:
    """The Person of a row; ``unit`` and ``wording`` are the document's, for rows that do not say. None when the
    row holds no readable name."""
    v = raw.values
    if v.get("name"):
        name = parse_name(v["name"])
    else:
        name = parse_name(v.get("surname"), v.get("given_name"), v.get("patronymic"))
    if name is None:
        return None
    birth = raw.dates_read.get("birth_date") if "birth_date" in raw.dates_read else parse_date(v.get("birth_date", ""))
    event_date = raw.dates_read.get("event_date") if "event_date" in raw.dates_read else None
    if "event_date" not in raw.dates_read:
        event_date = parse_date(v.get("event_date", ""))
    article = parse_article(v.get("article", "")) if v.get("article") else None
    row_unit = parse_unit(v.get("military_unit_number", "")) or unit
    number = _clean(v.get("number"))
    if number:
        number = number.rstrip(".)")
    return Person(
        text=text[raw.char_start : raw.char_end],
        char_start=raw.char_start,
        char_end=raw.char_end,
        rule="roster_table" if raw.table is not None else "roster_list",
        name=name.full,
        rank=parse_rank(v.get("rank", "")) if v.get("rank") else None,
        key=name.key(birth),
        surname=name.surname,
        given_name=name.given_name,
        patronymic=name.patronymic,
        birth_date=birth,
        military_unit_number=row_unit,
        event=event_of(article[0] if article else None, " ".join(filter(None, (v.get("event"), wording)))),
        event_date=event_date,
        article=article[0] if article else None,
        article_part=article[1] if article else None,
        category=_clean(v.get("category")),
        note=_clean(v.get("note")),
        table=raw.table,
        row=raw.row,
        list_number=number if number and regex.fullmatch(r"\d+", number) else None,
        ocr_confidence=raw.ocr_confidence,
    )
