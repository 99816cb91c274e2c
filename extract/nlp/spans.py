"""Where extractor components keep their records on a ``Doc``.

Each extractor writes its spans to ``doc.spans[<record type>]`` and the records, in the same order, to
``doc.user_data[("extract.records", <record type>)]``. The list is the source of truth: spaCy keys span
extension values by character offsets, so two extractors' spans on the same tokens (a count read inside a
date, a unit number inside a table row) would otherwise share one ``span._.record``. ``span._.record`` is still
set where it is free, for users who read spans directly.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

__all__ = ["records", "store", "text_of"]

if not Span.has_extension("record"):
    Span.set_extension("record", default=None)


def store(doc: Doc, key: str, spans: list[Span], found: list[dict[str, Any]]) -> None:
    """Write one extractor's spans and their records (same order) to the doc."""
    for span, record in zip(spans, found, strict=True):
        if span._.record is None:
            span._.record = record
    doc.spans[key] = spans
    doc.user_data[("extract.records", key)] = found


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token on each access, which costs more than a rule."""
    text = doc.user_data.get("extract.text")
    if text is None:
        text = doc.user_data["extract.text"] = doc.text
    return text


def records(doc: Doc, key: str) -> list[dict[str, Any]]:
    """The records an extractor stored for ``key`` (empty if it did not run)."""
    return doc.user_data.get(("extract.records", key), [])
