"""Growing ``models/units/gazetteer.tsv`` from the store: the unit-number pairs the extracted documents state.

Every ``units`` row with a ``linked_id`` is a number that its document ties to a designation (in brackets beside
it, or in one table row: ``extract.grammars.unit_links``). Pairs are counted by distinct document content, so a
file copied into three folders is one witness; ``extract.grammars.unit_gazetteer.grow`` decides what enters.
"""

from __future__ import annotations

from pathlib import Path

from extract.grammars.lexicon import models_dir
from extract.grammars.unit_gazetteer import GAZETTEER, Growth, Observation, grow, read_gazetteer, write_gazetteer
from extract.store import Store

__all__ = ["gazetteer_path", "grow_from_store", "observations"]


def gazetteer_path() -> Path:
    return models_dir() / GAZETTEER


def observations(store: Store) -> list[Observation]:
    """The number–designation pairs stated in the store's documents, with the first path of each document."""
    paths: dict[str, str] = {}
    for doc in store.iter_documents():
        if doc["sha256"]:
            paths.setdefault(doc["sha256"], doc["path"])
    out = []
    for row in store.iter_records("units"):
        if row.get("military_unit_number") and row.get("linked_id"):
            sha = row["doc_sha256"]
            out.append(
                Observation(
                    row["military_unit_number"], row["linked_id"], row["linked_text"] or row["linked_id"], sha,
                    paths.get(sha, sha), row["text"],
                )
            )  # fmt: skip
    return out


def grow_from_store(store: Store, path: Path, *, min_documents: int, write: bool) -> Growth:
    """Merge the store's pairs into the gazetteer at ``path``; rewrite the file only with ``write``."""
    entries = read_gazetteer(path) if path.exists() else []
    growth = grow(entries, observations(store), min_documents=min_documents)
    if write and (growth.added or growth.updated):
        write_gazetteer(path, growth.entries)
    return growth
