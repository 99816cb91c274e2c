"""Lists of servicemen (leaked unit documents) to one :class:`~extract.records.Person` row per serviceman.

:func:`find_roster` reads a parsed document's tables and numbered lists, maps the document's unit and wording
onto rows that lack them, and checks stated totals ("Всего: 48 военнослужащих") against the rows found.
:func:`merge_persons` puts the rows in place of the names the NLP stage found inside them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import regex

from extract.document import ParsedDocument
from extract.records import Mention, Person
from extract.rosters.lines import text_rows
from extract.rosters.rows import RawRow, to_person
from extract.rosters.tables import table_rows

__all__ = ["Roster", "find_roster", "merge_persons"]

log = logging.getLogger(__name__)

_DOC_UNIT = regex.compile(r"(?:войсковой\s+части|воинской\s+части|в\s*/\s*ч\.?)\s*№?\s*(\d{5})(?!\d)", regex.IGNORECASE)
_TOTAL = regex.compile(
    r"(?<![\p{L}])(?:всего|итого)\s*(?:по\s+списку)?\s*[:\-–—]?\s*(\d{1,6})(?!\d)\s*(?:военнослужащ\w*|человек|чел\.?)?",
    regex.IGNORECASE | regex.V1,
)
_HEAD_CHARS = 1500


@dataclass(slots=True)
class Roster:
    """The person rows of one document and what its checks found."""

    persons: list[Person] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unit: str | None = None
    stated_total: int | None = None


def _head(doc: ParsedDocument, raws: list[RawRow]) -> str:
    """The text above the list: title and preamble, where the document's unit and wording are."""
    first = min((r.char_start for r in raws), default=len(doc.text))
    return doc.text[max(0, first - _HEAD_CHARS) : first] if first else doc.text[:_HEAD_CHARS]


def _confidence(doc: ParsedDocument, start: int, end: int) -> float | None:
    """Mean OCR confidence of the lines under a row, weighted by their overlap with it."""
    total = weight = 0.0
    for block in doc.blocks:
        conf = getattr(block, "confidence", None)
        if conf is None or block.char_end <= start or block.char_start >= end:
            continue
        overlap = min(end, block.char_end) - max(start, block.char_start)
        total += conf * overlap
        weight += overlap
    return round(total / weight, 1) if weight else None


def find_roster(doc: ParsedDocument) -> Roster:
    """Person rows from every table and numbered list of ``doc``."""
    raws = table_rows(doc)
    covered = [
        (c.char_start, c.char_end) for t in doc.tables for row in t.rows for c in row if c.char_start is not None
    ]
    raws += text_rows(doc, covered)
    raws.sort(key=lambda r: r.char_start)
    roster = Roster()
    if not raws:
        return roster
    head = _head(doc, raws)
    units = {m.group(1) for m in _DOC_UNIT.finditer(head)}
    roster.unit = units.pop() if len(units) == 1 else None
    has_ocr = any(getattr(b, "confidence", None) is not None for b in doc.blocks)
    for raw in raws:
        if has_ocr:
            raw.ocr_confidence = _confidence(doc, raw.char_start, raw.char_end)
        person = to_person(raw, doc.text, unit=roster.unit, wording=head)
        if person is not None:
            roster.persons.append(person)
    _check_total(doc, roster)
    return roster


def _check_total(doc: ParsedDocument, roster: Roster) -> None:
    rows = [p for p in roster.persons]
    inside = [(p.char_start, p.char_end) for p in rows]
    totals = [int(m.group(1)) for m in _TOTAL.finditer(doc.text) if not any(s <= m.start() < e for s, e in inside)]
    if not totals:
        return
    roster.stated_total = totals[-1]
    if roster.stated_total != len(rows):
        message = f"list total: the document states {roster.stated_total}, {len(rows)} person rows were found"
        log.info(message)
        roster.warnings.append(message)


def merge_persons(found: list[Mention], roster: Roster) -> list[Mention]:
    """The roster rows plus the names found in running text outside them (a name inside a row is the row)."""
    spans = [(p.char_start, p.char_end) for p in roster.persons]
    outside = [m for m in found if not any(s < m.char_end and m.char_start < e for s, e in spans)]
    return sorted([*outside, *roster.persons], key=lambda m: (m.char_start, m.char_end))
