"""spaCy components for units and sources, registered as the factories ``extract_units`` and ``extract_sources``.

Each runs its grammar (``extract.grammars.units``, ``extract.grammars.sources``) on ``doc.text``, writes the
mentions and their records (the contract's fields with the exact ``text``, ``char_start``, ``char_end`` and the
``rule`` that fired) with ``extract.nlp.spans.store``. The record's offsets are exact even where the token-aligned
span is wider.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.grammars.sources import find_sources
from extract.grammars.unit_gazetteer import lookup
from extract.grammars.unit_links import find_unit_links, resolve_short_ids
from extract.grammars.units import UnitMatch, find_units
from extract.nlp.spans import store, text_of

__all__ = ["SourceExtractor", "UnitExtractor", "make_source_extractor", "make_unit_extractor"]


def _add(doc: Doc, text: str, found: tuple[list, list], start: int, end: int, rule: str, fields: dict) -> None:
    span = doc.char_span(start, end, label=rule, alignment_mode="expand")
    if span is not None:
        found[0].append(span)
        found[1].append({"text": text[start:end], "char_start": start, "char_end": end, "rule": rule, **fields})


class UnitExtractor:
    """Finds military units: unit numbers, designations, abbreviations and named formations."""

    def __init__(self, lang: str, *, spans_key: str = "units") -> None:
        self.lang = lang
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found: tuple[list, list] = ([], [])
        units = find_units(text, self.lang)
        links = {link.number_index: (units[link.designation_index], link.rule) for link in find_unit_links(text, units)}
        full = resolve_short_ids([u.id for u in units])
        for i, m in enumerate(units):
            linked, rule = links.get(i, (None, None))
            fields = {
                "military_unit_number": m.military_unit_number,
                "number": m.number,
                "echelon": m.echelon,
                "branch": m.branch,
                "guards": m.guards,
                "id": m.id,
                "resolved_id": _resolved_id(m, linked, full),
                "linked_id": full.get(linked.id, linked.id) if linked else None,
                "linked_text": text[linked.start : linked.end] if linked else None,
                "link_rule": rule,
            }
            _add(doc, text, found, m.start, m.end, m.rule, fields)
        store(doc, self.spans_key, *found)
        return doc


def _resolved_id(unit: UnitMatch, linked: UnitMatch | None, full: dict[str, str]) -> str:
    """The id to aggregate by: a unit number's designation (from the gazetteer, else from the text's own pairing),
    a short designation's full id when the text names it in full once ("the 155th brigade"), else the mention's id."""
    if unit.military_unit_number is not None:
        known = lookup(unit.military_unit_number)
        if known is not None:
            return known.id
        if linked is not None:
            return full.get(linked.id, linked.id)
        return unit.id
    return full.get(unit.id, unit.id)


class SourceExtractor:
    """Finds cited sources from the gazetteer and gives their canonical names."""

    def __init__(self, lang: str, *, spans_key: str = "sources") -> None:
        self.lang = lang
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found: tuple[list, list] = ([], [])
        for m in find_sources(text, self.lang):
            _add(doc, text, found, m.start, m.end, m.rule, {"name": m.name})
        store(doc, self.spans_key, *found)
        return doc


@Language.factory("extract_units", assigns=["doc.spans"], default_config={"spans_key": "units"})
def make_unit_extractor(nlp: Language, name: str, spans_key: str) -> UnitExtractor:
    return UnitExtractor(nlp.lang, spans_key=spans_key)


@Language.factory("extract_sources", assigns=["doc.spans"], default_config={"spans_key": "sources"})
def make_source_extractor(nlp: Language, name: str, spans_key: str) -> SourceExtractor:
    return SourceExtractor(nlp.lang, spans_key=spans_key)
