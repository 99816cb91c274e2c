"""Runs the spaCy pipelines over a document's text and collects the records the components found.

Long text is cut into segments (whole blocks of one language, about ``segment_chars`` long) so memory stays
flat and each block goes through the pipeline of its own language. A segment is analysed with the context it
needs in front of it: when it starts inside a table, or right under its title, the table's title and header line
(the period of "СВЕДЕНИЯ … за период с 01.01.2025 по 31.05.2025" and the category of each column); else, when
the text before it is of the same language, the nearest heading above and the last sentences of the paragraph
before (a section's period, the figures "of these" and "the same period" refer to). Records found in that
context are the earlier segment's and are dropped. A bare "cases" is still read by the topic of the segment and
its context, not of the whole document. Offsets of every record are moved back into document coordinates, and
each record gets the page it lies on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extract.document import ParsedDocument
from extract.grammars.headings import heading_above, headings
from extract.grammars.table_rows import is_row, title_above
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
    """Cut a span longer than ``max_chars`` at a line end, else a sentence end, else a space, in its second half
    (a hard cut only as a last resort): a table row stays whole."""
    pieces = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = next((at for at in map(window.rfind, ("\n", ". ", " ")) if at > max_chars // 2), -1)
        cut = start + (cut + 1 if cut >= 0 else max_chars)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _context(text: str, start: int, heads: list[tuple[int, int]], prose: bool) -> list[tuple[int, int]]:
    """Pieces of ``text`` before ``start`` that a segment starting there needs, in document order: for a segment
    that starts inside a table or right under its title, the title paragraph above the table (``title_above``) and
    the table's first line (its header); else, when ``prose`` (the text before is of the same language), the
    nearest heading above (``heads``: the text's headings) and the end of the paragraph before."""
    if start == 0:
        return []
    first_end = text.find("\n", start)
    if is_row(text, start, len(text) if first_end < 0 else first_end):
        return _table_context(text, start)
    return _prose_context(text, start, heads) if prose else []


def _table_context(text: str, start: int) -> list[tuple[int, int]]:
    top = start
    while top > 1 and text[top - 2] != "\n":  # up the table's rows, to the blank line above it
        above = text.rfind("\n", 0, top - 1) + 1
        if not is_row(text, above, top - 1):
            break
        top = above
    title = title_above(text, top)
    pieces = [title] if title else []
    if top < start:
        pieces.append((top, text.find("\n", top)))
    return pieces


#: the most of the paragraph before a segment that is read with it, in characters (its last sentences)
_PREVIOUS_CHARS = 1000
_SENTENCE_GAP = regex.compile(r"[.!?…]\s+|\n", regex.V1)


def _prose_context(text: str, start: int, heads: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The nearest heading above ``start`` and the last sentences of the paragraph before it (or of the part of
    its own paragraph before it, when a long paragraph was cut there): the section's period, the figures and
    dates "of these", "the same period" and the next sentence go on about."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    first = text.rfind("\n\n", 0, end)
    first = 0 if first < 0 else first + 2
    if end - first > _PREVIOUS_CHARS:
        gap = _SENTENCE_GAP.search(text, end - _PREVIOUS_CHARS, end)
        first = gap.end() if gap else end - _PREVIOUS_CHARS
    pieces = [(first, end)] if end > first else []
    heading = heading_above(heads, end)
    if heading is not None and heading[1] < first:
        pieces.insert(0, heading)
    return pieces


class _Placement:
    """Moves positions of a segment analysed with its context in front (``context`` pieces of the text, each
    followed by a blank line or line break as in the text) back into document coordinates."""

    def __init__(self, text: str, start: int, context: list[tuple[int, int]]) -> None:
        self.prefix, self.spans = "", []  # spans: (position in the prefix, document position, length)
        for a, b in context:
            self.spans.append((len(self.prefix), a, b - a))
            self.prefix += text[a:b] + ("\n\n" if text.startswith("\n\n", b) else "\n")
        self.offset = start - len(self.prefix)

    def position(self, pos: int) -> int | None:
        """The document position of ``pos`` in the analysed text (None between the context pieces)."""
        if pos >= len(self.prefix):
            return pos + self.offset
        return next((doc + pos - at for at, doc, n in self.spans if at <= pos <= at + n), None)


def _records_of(doc: Doc, place: _Placement) -> dict[str, list[Mention]]:
    """The records the components stored, in document coordinates (references to units and sources too); those
    found in the context in front of the segment are left out: the earlier segment holds them."""
    found: dict[str, list[Mention]] = {}
    cut = len(place.prefix)
    for key, record_type in RECORD_TYPES.items():
        items = []
        for stored in records(doc, key):
            if stored["char_start"] < cut:
                continue
            fields = dict(stored)
            for ref in _REFERENCES:
                if fields.get(ref) is not None:  # the referenced mention's char_start, made an index later
                    fields[ref] = place.position(fields[ref])
            items.append(record_type(**fields).shifted(place.offset))
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
    heads = headings(text)
    # a segment reads the text before it when that is of its own language (the segment before was cut for size)
    prose = {s.start: i > 0 and segments[i - 1].lang == s.lang for i, s in enumerate(segments)}
    for lang in {s.lang for s in segments}:
        mine = [s for s in segments if s.lang == lang]
        nlp = get_pipeline(lang, settings)
        places = [_Placement(text, s.start, _context(text, s.start, heads, prose[s.start])) for s in mine]
        docs = nlp.pipe(
            (
                _make_doc(nlp, p.prefix + text[s.start : s.end], result.published)
                for s, p in zip(mine, places, strict=True)
            ),
            batch_size=settings.batch_size,
        )
        for place, doc in zip(places, docs, strict=True):
            for key, found in _records_of(doc, place).items():
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
