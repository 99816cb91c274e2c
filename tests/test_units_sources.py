"""Units and sources: the golden case tables, run through the spaCy components on a blank pipeline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import extract.nlp.entities  # noqa: F401 - registers extract_units and extract_sources
from extract.grammars.lexicon import rows
from extract.grammars.sources import source_names

CASES = Path(__file__).parent / "cases"
GOLD_README = Path(__file__).resolve().parent.parent / "corpus" / "gold" / "README.md"


def _table(name: str) -> list[list[str]]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _text(cell: str) -> str:
    """A case's text: ``\\n`` and ``\\t`` stand for a line break and a tab (tables in the text)."""
    return cell.replace("\\n", "\n").replace("\\t", "\t")


_PIPELINES: dict[str, Language] = {}


def _nlp(lang: str) -> Language:
    if lang not in _PIPELINES:
        nlp = spacy.blank(lang)
        nlp.add_pipe("extract_units")
        nlp.add_pipe("extract_sources")
        _PIPELINES[lang] = nlp
    return _PIPELINES[lang]


def _records(lang: str, text: str, key: str) -> list[dict]:
    doc = _nlp(lang)(text)
    records = [span._.record for span in doc.spans[key]]
    for r in records:
        assert text[r["char_start"] : r["char_end"]] == r["text"]
        assert r["rule"]
    return records


@pytest.mark.parametrize(("lang", "text", "expected"), _table("units.tsv"), ids=lambda v: v[:40])
def test_unit_cases(lang: str, text: str, expected: str) -> None:
    fields = ("text", "military_unit_number", "number", "echelon", "branch", "guards", "id")
    got = [[r[f] for f in fields] for r in _records(lang, _text(text), "units")]
    assert got == json.loads(expected)


@pytest.mark.parametrize(("lang", "text", "why"), _table("units_negatives.tsv"), ids=lambda v: v[:40])
def test_not_units(lang: str, text: str, why: str) -> None:
    assert [r["text"] for r in _records(lang, _text(text), "units")] == [], why


@pytest.mark.parametrize(("lang", "text", "expected"), _table("sources.tsv"), ids=lambda v: v[:40])
def test_source_cases(lang: str, text: str, expected: str) -> None:
    got = [[r["text"], r["name"]] for r in _records(lang, text, "sources")]
    assert got == json.loads(expected)


def test_every_abbreviation_is_exercised() -> None:
    surfaces = {lang: [] for lang in ("en", "ru")}
    for lang, _, expected in _table("units.tsv"):
        surfaces[lang] += [case[0] for case in json.loads(expected)]
    for surface, lang, *_, case, _notes in rows("units/abbreviations.tsv"):
        flags = 0 if case == "exact" else re.IGNORECASE
        word = re.escape(surface.rstrip("."))
        assert any(re.search(rf"(?<!\w){word}(?!\w)", s, flags) for s in surfaces[lang]), surface


def test_every_canonical_source_name_is_in_the_gazetteer_and_the_cases() -> None:
    readme = GOLD_README.read_text(encoding="utf-8")
    listed = readme.split("`name`: the canonical name:", 1)[1].split("(extend this list", 1)[0]
    canonical = {name.strip() for name in listed.replace("\n", " ").split("·")}
    assert canonical <= set(source_names())
    named = {case[1] for _, _, expected in _table("sources.tsv") for case in json.loads(expected)}
    assert set(source_names()) <= named


def test_case_tables_are_large_enough() -> None:
    assert len(_table("units.tsv")) >= 80
    assert len(_table("sources.tsv")) >= 50


def test_unit_records_carry_the_contract_fields() -> None:
    (record,) = _records("ru", "Бойцы 4 гв. тд.", "units")
    assert set(record) == {
        "text", "char_start", "char_end", "rule", "military_unit_number", "number", "echelon", "branch", "guards", "id",
        "resolved_id", "linked_id", "linked_text", "link_rule",
    }  # fmt: skip
    (source,) = _records("en", "Mediazona said.", "sources")
    assert set(source) == {"text", "char_start", "char_end", "rule", "name"}


def test_spans_key_is_configurable() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_units", config={"spans_key": "my_units"})
    doc = nlp("The 155th brigade.")
    assert [s._.record["id"] for s in doc.spans["my_units"]] == ["155-brigade"]
