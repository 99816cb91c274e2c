"""The gazetteer of military unit numbers: "в/ч 30926" is the 155th Separate Guards Marine Brigade.

``models/units/gazetteer.tsv`` holds one row per unit number: the designation's canonical id, the designation as
written in Russian (the unit grammar must read it to that id; a test checks every row), where the pair is attested
(a public source for seeded rows; the documents of the corpus for grown rows), the number of independent documents
that state it, and the row's origin (``seed`` or ``corpus``). ``grow`` merges pairs observed in extracted documents
(``extract.grammars.unit_links``) into it: a new number enters once enough distinct documents state the same
designation; a number the table already maps elsewhere is reported as a conflict and never overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from extract.grammars.lexicon import models_dir, rows
from extract.grammars.unit_numbers import unit_number_id

__all__ = [
    "GAZETTEER",
    "GazetteerEntry",
    "Growth",
    "Observation",
    "gazetteer",
    "grow",
    "lookup",
    "read_gazetteer",
    "write_gazetteer",
]

GAZETTEER = "units/gazetteer.tsv"
_HEADER = (
    '# Military unit numbers and the formations they stand for (see models/units/README.md, "Gazetteer").\n'
    "# military_unit_number\tid\tdesignation\tsource\tdocuments\torigin\n"
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    military_unit_number: str
    id: str  # the designation's canonical id (155-brigade-naval_infantry)
    designation: str
    source: str
    documents: int | None = None  # independent documents of the corpus that state the pair (grown rows)
    origin: str = "seed"


@dataclass(frozen=True, slots=True)
class Observation:
    """A pair stated in one extracted document: the number, the designation's id and text, and where."""

    military_unit_number: str
    id: str
    designation: str
    doc_sha256: str
    path: str
    quote: str


@dataclass(slots=True)
class Growth:
    """What ``grow`` did: rows added or updated, pairs below the document threshold, and conflicts."""

    entries: list[GazetteerEntry]
    added: list[GazetteerEntry] = field(default_factory=list)
    updated: list[GazetteerEntry] = field(default_factory=list)
    pending: list[tuple[str, str, int]] = field(default_factory=list)  # number, id, documents
    conflicts: list[tuple[str, str, str, int]] = field(default_factory=list)  # number, known id, seen id, documents


def _entry(fields: tuple[str, ...]) -> GazetteerEntry:
    number, id_, designation, source, documents, origin = (*fields, "", "", "", "")[:6]
    return GazetteerEntry(
        number, id_, designation, source, int(documents) if documents.isdigit() else None, origin or "seed"
    )


def read_gazetteer(path: Path) -> list[GazetteerEntry]:
    """The rows of a gazetteer file (for ``grow``; the pipeline reads ``models/`` through ``gazetteer()``)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(_entry(tuple(f.strip() for f in line.split("\t"))))
    return out


def write_gazetteer(path: Path, entries: list[GazetteerEntry]) -> None:
    """Write rows sorted by number, seeded rows and grown rows alike, with the header comment."""
    lines = [
        "\t".join(
            (e.military_unit_number, e.id, e.designation, e.source, "-" if e.documents is None else str(e.documents),
             e.origin)
        )
        for e in sorted(entries, key=lambda e: e.military_unit_number)
    ]  # fmt: skip
    path.write_text(_HEADER + "\n".join(lines) + "\n", encoding="utf-8")


@cache
def gazetteer() -> dict[str, GazetteerEntry]:
    """``models/units/gazetteer.tsv`` keyed by the number's id (``vch-30926``), read once per process."""
    if not (models_dir() / GAZETTEER).exists():
        return {}
    return {unit_number_id(e.military_unit_number): e for e in map(_entry, rows(GAZETTEER))}


def lookup(military_unit_number: str) -> GazetteerEntry | None:
    """The gazetteer row of a unit number as written ("30926", "12345-А"), or None."""
    return gazetteer().get(unit_number_id(military_unit_number))


def grow(entries: list[GazetteerEntry], observations: list[Observation], *, min_documents: int = 2) -> Growth:
    """Merge observed pairs into ``entries``: add numbers stated with one designation by at least ``min_documents``
    distinct documents, refresh the document counts of grown rows, and report conflicts (a number seen with a
    designation other than the table's, or with two designations that both reach the threshold)."""
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    example: dict[tuple[str, str], Observation] = {}
    for o in observations:
        key = (unit_number_id(o.military_unit_number), o.id)
        docs[key].add(o.doc_sha256)
        example.setdefault(key, o)
    by_number: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (number_id, id_), seen in docs.items():
        by_number[number_id].append((id_, len(seen)))
    known = {unit_number_id(e.military_unit_number): e for e in entries}
    growth = Growth(entries=list(entries))
    for number_id, seen_ids in sorted(by_number.items()):
        ready = [(i, n) for i, n in seen_ids if n >= min_documents]
        entry = known.get(number_id)
        for id_, n in sorted(seen_ids):
            obs = example[number_id, id_]
            if entry is not None and entry.id != id_:
                growth.conflicts.append((obs.military_unit_number, entry.id, id_, n))
            elif entry is None and n < min_documents:
                growth.pending.append((obs.military_unit_number, id_, n))
        if entry is not None:
            n = next((n for i, n in seen_ids if i == entry.id), 0)
            if entry.origin == "corpus" and n > (entry.documents or 0):
                new = replace(entry, documents=n)
                growth.entries[growth.entries.index(entry)] = new
                growth.updated.append(new)
            continue
        if len(ready) == 1:
            id_, n = ready[0]
            obs = example[number_id, id_]
            new = GazetteerEntry(obs.military_unit_number, id_, obs.designation, f"corpus: {obs.path}", n, "corpus")
            growth.entries.append(new)
            growth.added.append(new)
        elif len(ready) > 1:
            first = example[number_id, ready[0][0]]
            growth.conflicts.extend((first.military_unit_number, "-", i, n) for i, n in ready)
    return growth
