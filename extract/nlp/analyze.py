"""Runs the spaCy pipelines over a document's text and collects the records the components found.

Long text is cut into segments (whole blocks of one language, about ``segment_chars`` long) so memory stays
flat and each block goes through the pipeline of its own language. Offsets of every record are moved back
into document coordinates, and each record gets the page it lies on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from extract.document import ParsedDocument
from extract.lang import detect_language
from extract.nlp.furniture import drop_furniture
from extract.nlp.pipeline import get_pipeline
from extract.nlp.spans import records
from extract.parsers.text import paragraph_spans
from extract.records import RECORD_TYPES, ExtractionResult, Mention
from extract.settings import NlpSettings

__all__ = ["Segment", "analyze_document", "analyze_text", "segments_of"]

#: count fields that refer to another mention, and the record type they refer to
_REFERENCES = {"unit": "units", "source": "sources", "whole": "counts", "period_date": "dates"}


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    lang: str


def segments_of(
    spans: list[tuple[int, int, str | None]], text: str, default_lang: str, max_chars: int
) -> list[Segment]:
    """Group consecutive (start, end, lang) spans of one language into segments of at most ``max_chars``."""
    segments: list[Segment] = []
    current: Segment | None = None
    for start, end, lang in spans:
        lang = lang or default_lang
        for piece_start, piece_end in _split_long(text, start, end, max_chars):
            if current and current.lang == lang and piece_end - current.start <= max_chars:
                current = Segment(current.start, piece_end, lang)
                continue
            if current:
                segments.append(current)
            current = Segment(piece_start, piece_end, lang)
    if current:
        segments.append(current)
    return segments


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a span longer than ``max_chars`` at line or sentence ends (a hard cut only as a last resort)."""
    pieces = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        cut = start + (cut + 1 if cut > max_chars // 4 else max_chars)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _records_of(doc: Doc, offset: int) -> dict[str, list[Mention]]:
    """The records the components stored, in document coordinates (references to units and sources too)."""
    found: dict[str, list[Mention]] = {}
    for key, record_type in RECORD_TYPES.items():
        items = []
        for stored in records(doc, key):
            fields = dict(stored)
            for ref in _REFERENCES:
                if fields.get(ref) is not None:
                    fields[ref] += offset  # the referenced mention's char_start, made an index later
            items.append(record_type(**fields).shifted(offset))
        found[key] = items
    return found


def _link_references(result: ExtractionResult) -> None:
    """Turn the resolver's references (a mention's char_start) into indices of the merged lists."""
    for ref, key in _REFERENCES.items():
        index = {m.char_start: i for i, m in enumerate(result.records[key])}
        result.records["counts"] = [
            replace(c, **{ref: index.get(getattr(c, ref))}) if getattr(c, ref) is not None else c
            for c in result.records["counts"]
        ]


def _make_doc(nlp: Language, text: str, published: str | None) -> Doc:
    """A tokenized doc carrying the publication date (``doc.user_data["published"]``) for the extractors."""
    doc = nlp.make_doc(text)
    doc.user_data["published"] = published
    doc.user_data["extract.text"] = text  # the tokenizer keeps every character: the same as doc.text, for free
    return doc


def _run(text: str, segments: list[Segment], settings: NlpSettings, result: ExtractionResult) -> None:
    for lang in {s.lang for s in segments}:
        mine = [s for s in segments if s.lang == lang]
        nlp = get_pipeline(lang, settings)
        docs = nlp.pipe(
            (_make_doc(nlp, text[s.start : s.end], result.published) for s in mine), batch_size=settings.batch_size
        )
        for segment, doc in zip(mine, docs, strict=True):
            for key, found in _records_of(doc, segment.start).items():
                result.records[key].extend(found)
    for found in result.records.values():
        found.sort(key=lambda m: (m.char_start, m.char_end))
    _link_references(result)


def analyze_text(
    text: str, settings: NlpSettings, *, lang: str | None = None, published: str | None = None
) -> ExtractionResult:
    """Records of one text in one language (``extract text``); ``lang`` None means detect it."""
    fixed = lang
    lang = lang or detect_language(text) or "en"
    result = ExtractionResult(lang=lang, published=published)
    # With the language left open, each paragraph goes through the pipeline of its own language.
    spans = [(s, e, fixed or detect_language(text[s:e]) or lang) for s, e in paragraph_spans(text)]
    _run(text, segments_of(spans, text, lang, settings.segment_chars), settings, result)
    return result


def analyze_document(doc: ParsedDocument, settings: NlpSettings) -> ExtractionResult:
    """Records of a parsed document; each block goes through the pipeline of its own language."""
    lang = doc.lang or "en"
    result = ExtractionResult(lang=lang, published=doc.metadata.get("published"))
    spans = [(b.char_start, b.char_end, b.lang) for b in doc.blocks]
    _run(doc.text, segments_of(spans, doc.text, lang, settings.segment_chars), settings, result)
    result.records["counts"] = drop_furniture(doc, result.records["counts"])
    return result
