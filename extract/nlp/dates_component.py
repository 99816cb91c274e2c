"""The date extractor as a spaCy component (factory ``extract_dates``, also through the ``spacy_factories``
entry point).

It runs ``extract.grammars.dates.find_dates`` over the ``Doc`` text with the publication date from
``doc.user_data["published"]`` (an ISO string or None) and stores its spans and records with
``extract.nlp.spans.store`` (``doc.spans[<spans_key>]``; each record holds the DateMention fields with ISO dates
and the exact character offsets of the mention).
"""

from __future__ import annotations

import logging
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from extract.grammars.dates import find_dates
from extract.nlp.spans import store, text_of

__all__ = ["DateExtractor", "make_date_extractor"]

log = logging.getLogger(__name__)


def _published(doc: Doc) -> date | None:
    value = doc.user_data.get("published")
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        log.warning("ignoring a publication date that is not ISO: %r", value)
        return None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class DateExtractor:
    """Finds date and period mentions and stores them as DateMention records."""

    def __init__(self, lang: str, *, spans_key: str = "dates") -> None:
        self.lang = lang
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans, records = [], []
        for m in find_dates(text_of(doc), self.lang, _published(doc)):
            span = doc.char_span(m.start, m.end, label=m.rule, alignment_mode="expand")
            if span is None:
                continue
            record = {
                "text": text_of(doc)[m.start : m.end],
                "char_start": m.start,
                "char_end": m.end,
                "rule": m.rule,
                "start": _iso(m.start_date),
                "end": _iso(m.end_date),
                "precision": m.precision,
                "relative": m.relative,
            }
            spans.append(span)
            records.append(record)
        store(doc, self.spans_key, spans, records)
        return doc


@Language.factory("extract_dates", assigns=["doc.spans"], default_config={"spans_key": "dates"})
def make_date_extractor(nlp: Language, name: str, spans_key: str) -> DateExtractor:
    return DateExtractor(nlp.lang, spans_key=spans_key)
