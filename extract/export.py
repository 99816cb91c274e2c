"""Writing the store out as one file per record type: JSON Lines, CSV or Parquet.

``documents`` has one row per file found; every mention row carries the contract fields plus ``doc_sha256``
and ``page``; ``person_tallies`` holds persons per unit, month and event (``extract.aggregates``);
``claims`` has one row per claim (:mod:`extract.claims`) with its citations nested (as JSON text in CSV and
Parquet). With a pseudonymization key, person names, name parts and birth dates (and the quoted text of person
mentions) become keyed hashes: stable for one key, so linkage survives, identities do not; the quoted sentences
of claim citations, which may name people, are cut down to the quoted figure.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extract.aggregates import TALLY_COLUMNS, person_tallies
from extract.claims import CLAIM_COLUMNS
from extract.records import RECORD_TYPES
from extract.store import DOCUMENT_COLUMNS, Store, record_columns

__all__ = ["FORMATS", "Pseudonymizer", "export"]

FORMATS = ("jsonl", "csv", "parquet")


class Pseudonymizer:
    """Keyed HMAC-SHA256 pseudonyms; the key itself is never written anywhere."""

    FIELDS = ("name", "birth_date", "text", "key", "surname", "given_name", "patronymic")

    def __init__(self, key: bytes) -> None:
        if len(key.strip()) < 8:
            raise ValueError("the pseudonymization key must be at least 8 bytes long")
        self._key = key.strip()

    def pseudonym(self, value: str) -> str:
        normalized = " ".join(value.lower().replace("ё", "е").split())
        return "p_" + hmac.new(self._key, normalized.encode(), hashlib.sha256).hexdigest()[:20]

    def apply(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: self.pseudonym(v) if k in self.FIELDS and isinstance(v, str) and v else v for k, v in row.items()}


Rows = Iterable[dict[str, Any]]


def _tables(store: Store, pseudonymizer: Pseudonymizer | None) -> Iterator[tuple[str, list[str], Rows]]:
    yield "documents", list(DOCUMENT_COLUMNS), store.iter_documents()
    for table in RECORD_TYPES:
        rows = store.iter_records(table)
        if table == "persons" and pseudonymizer is not None:
            rows = (pseudonymizer.apply(r) for r in rows)
        yield table, record_columns(table), rows
    # computed from the raw rows: the keys pseudonymize consistently, and the tallies hold no names
    yield "person_tallies", list(TALLY_COLUMNS), iter(person_tallies(store.iter_records("persons")))
    claims = store.iter_claims()
    if pseudonymizer is not None:
        claims = (_without_sentences(c) for c in claims)
    yield "claims", list(CLAIM_COLUMNS), claims


def _without_sentences(claim: dict[str, Any]) -> dict[str, Any]:
    citations = [{**c, "sentence": c.get("text")} for c in claim.get("citations") or []]
    return {**claim, "citations": citations}


def export(
    store: Store, fmt: str, out_dir: str | Path, *, pseudonymizer: Pseudonymizer | None = None
) -> dict[str, int]:
    """Write every table; returns the number of rows written per file name."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, columns, rows in _tables(store, pseudonymizer):
        path = out / f"{name}.{fmt}"
        written[path.name] = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt](path, columns, rows)
    return written


def _jsonl(path: Path, columns: list[str], rows: Rows) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def _flat(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(path: Path, columns: list[str], rows: Rows) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(v) for k, v in row.items()})
            n += 1
    return n


def _parquet(path: Path, columns: list[str], rows: Rows) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = [
        {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in r.items()} for r in rows
    ]
    # An empty table still gets its columns.
    table = pa.Table.from_pylist(data) if data else pa.table({name: pa.array([], pa.null()) for name in columns})
    pq.write_table(table, path)
    return len(data)
