"""The record types of ``CONTRACT.md``: small frozen value objects with ``to_dict()``.

Every mention carries its exact surface ``text`` and ``char_start``/``char_end`` into the text it was found in,
plus the ``rule`` that produced it (for debugging and evaluation; an added field). Missing parts stay None.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, ClassVar

__all__ = [
    "RECORD_TYPES",
    "SCHEMA_VERSION",
    "Count",
    "DateMention",
    "ExtractionResult",
    "Mention",
    "Person",
    "Source",
    "Unit",
    "record_fields",
]

SCHEMA_VERSION = 1


@cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


@dataclass(frozen=True, kw_only=True, slots=True)
class Mention:
    text: str
    char_start: int
    char_end: int
    rule: str | None = None

    kind_name: ClassVar[str] = "mention"

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (shallow: ``dataclasses.asdict`` deep-copies and costs 10x more per record)."""
        return {name: getattr(self, name) for name in _field_names(type(self))}

    def shifted(self, offset: int) -> Mention:
        """The same mention with offsets moved by ``offset`` (segment -> document coordinates)."""
        if not offset:
            return self
        data = self.to_dict()
        data["char_start"] += offset
        data["char_end"] += offset
        return type(self)(**data)


@dataclass(frozen=True, kw_only=True, slots=True)
class Count(Mention):
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    kind: str = "count"
    counted: str | None = None
    category: str = "other"
    #: what the category rests on, for checking it: ``sentence`` (a telling cue near the figure or in what it
    #: counts), ``clause`` (a part's own clause: "Of these, 139 ended in convictions"), ``list`` (the line that
    #: introduces a list), ``column`` (the header of its table column: "по ст. 338"), ``related`` (the figure it
    #: refers to), ``generic`` (only a generic noun: "soldiers", "человек"), ``topic`` (nothing near it: the
    #: offence named before it in its paragraph or the text's dominant category), ``guess`` (nothing at all)
    category_basis: str | None = None
    projection: bool = False
    period: dict[str, str | None] | None = None
    #: how the count came by its period, for checking it: ``clause`` (a date in its own sentence), ``whole`` (the
    #: figure it refers to), ``same_period`` ("over the same period"), ``previous_sentence`` ("Of these, …"),
    #: ``list`` (the line above in a list), ``event_day`` ("On 4 December the court sentenced three"),
    #: ``paragraph`` (the figure before it in the paragraph), ``heading``, ``table_title`` (the title above the
    #: table whose row it is in: "СВЕДЕНИЯ … за период с 01.01.2025 по 31.05.2025"), ``table_row`` (the part of
    #: the title's year its row's label names: "Q1", "I квартал", "March"), ``table_column`` (the part of the
    #: table's period its column's header names: "2023"), ``dataset`` (the period
    #: of the list or file it is read off: "The list covers October 2022 to March 2025 … 389 entries");
    #: null without a period
    period_basis: str | None = None
    #: index into ``dates`` of the date mention that states the period, or null
    period_date: int | None = None
    unit: int | None = None
    source: int | None = None
    #: index into ``counts`` of the figure this one refers to, and how: ``part`` ("Of these, 1,240 …"),
    #: ``restated`` ("Of the 2,012, …"), ``comparison`` ("twice as many", "на 23% больше"), ``baseline``
    #: ("than in May 2023, when courts registered 183"); both null for a figure standing on its own
    whole: int | None = None
    relation: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention(Mention):
    start: str | None = None
    end: str | None = None
    precision: str = "day"
    relative: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Unit(Mention):
    military_unit_number: str | None = None
    number: int | None = None
    echelon: str | None = None
    branch: str | None = None
    guards: bool | None = None
    id: str | None = None
    #: the id to aggregate by: a unit number's designation when the gazetteer or the text ties them, a short
    #: designation's full id when the text names it in full ("the 155th brigade"), else ``id``
    resolved_id: str | None = None
    linked_id: str | None = None  # a unit number's designation stated beside it ("в/ч 30926 (155-я бригада …)")
    linked_text: str | None = None
    link_rule: str | None = None  # apposition | table_row


@dataclass(frozen=True, kw_only=True, slots=True)
class Source(Mention):
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Person(Mention):
    name: str
    rank: str | None = None
    key: str | None = None  # the same person across documents: folded name (+ birth date from lists)
    # from lists and tables of servicemen (extract.rosters); None for names in running text
    surname: str | None = None
    given_name: str | None = None
    patronymic: str | None = None
    birth_date: str | None = None  # ISO
    military_unit_number: str | None = None  # digits
    event: str | None = None  # awol, desertion, ...
    event_date: str | None = None  # ISO
    article: str | None = None  # article of the Criminal Code: "337"
    article_part: str | None = None  # its part: "5", "2.1"
    category: str | None = None  # контракт / мобилизованный / призыв, as written
    note: str | None = None
    table: int | None = None  # index of the document's table the row is in; None for a list in running text
    row: int | None = None  # row index in that table; 1-based item number of a list in running text
    list_number: str | None = None  # the row's own number ("№ п/п") as written
    ocr_confidence: float | None = None  # mean Tesseract word confidence (0-100) of the row, for scanned pages


#: result key (and store table) -> record type, in the contract's order
RECORD_TYPES: dict[str, type[Mention]] = {
    "counts": Count,
    "dates": DateMention,
    "units": Unit,
    "sources": Source,
    "persons": Person,
}


def record_fields(record_type: type[Mention]) -> list[str]:
    return [f.name for f in fields(record_type)]


@dataclass(slots=True)
class ExtractionResult:
    """The mentions found in one text, grouped by type."""

    lang: str
    published: str | None = None
    records: dict[str, list[Mention]] = field(default_factory=lambda: {k: [] for k in RECORD_TYPES})

    def total(self) -> int:
        return sum(len(v) for v in self.records.values())

    def to_contract(self) -> dict[str, Any]:
        """The result object of CONTRACT.md."""
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "lang": self.lang, "published": self.published}
        for key in RECORD_TYPES:
            out[key] = [m.to_dict() for m in self.records[key]]
        return out
