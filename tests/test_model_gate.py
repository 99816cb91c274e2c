"""The model gate: the English model runs only on the sentences that need it, and nothing is lost by it."""

from __future__ import annotations

import dataclasses

import pytest

from extract.evaluation.gold import load_gold
from extract.grammars.name_cues import needs_ner
from extract.nlp.analyze import analyze_text
from extract.nlp.pipeline import get_pipeline
from extract.settings import load_settings

NER_CASES = [
    ("The court sentenced John Smith to five years.", True),
    ("Ivan Sokolov, who was mobilised in 2022, left his unit.", True),
    ("Sokolov, who was mobilised in 2022, left his unit.", False),
    ("Private Ivanov did not return.", True),
    ("According to the analysts, J. Brown counted them.", True),
    ("In July 2025 Russia lost 400 tanks near Pokrovsk.", False),
    ("The 155th Separate Guards Marine Brigade lost a battalion.", False),
    ("Article 337 cases rose by a third in the first half of 2025.", False),
    ("Over 20,000 cases of AWOL reached military courts since September 2022.", False),
]


@pytest.mark.parametrize(("sentence", "expected"), NER_CASES)
def test_which_sentences_need_the_ner(sentence: str, expected: bool) -> None:
    assert needs_ner(sentence) is expected


def test_the_models_own_components_stay_in_the_pipeline_disabled() -> None:
    nlp = get_pipeline("en", load_settings().nlp)
    assert nlp.pipe_names[0] == "extract_model_gate"
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(nlp.disabled)
    assert nlp.get_pipe("ner") is not None


def test_gated_and_ungated_pipelines_find_the_same_persons_counts_and_dates() -> None:
    """Over the English gold documents: the gate changes the cost, not the records (bar the noun only the full parse
    finds, "the remaining 880 concerned conscripts", and the categories that noun implies: its count's, and through
    the text's topic and related figures, others')."""
    settings = load_settings().nlp
    ungated = dataclasses.replace(settings, gate_model=False)
    docs = [d for d in load_gold() if d.lang == "en"]
    assert len(docs) >= 20
    compared = total = 0
    for d in docs:
        a = analyze_text(d.text, settings, lang="en", published=d.published)
        b = analyze_text(d.text, ungated, lang="en", published=d.published)
        assert [(p.char_start, p.name) for p in a.records["persons"]] == [
            (p.char_start, p.name) for p in b.records["persons"]
        ], d.id
        assert [(c.char_start, c.value) for c in a.records["counts"]] == [
            (c.char_start, c.value) for c in b.records["counts"]
        ], d.id
        same_noun = [
            (x, y)
            for x, y in zip(a.records["counts"], b.records["counts"], strict=True)
            if x.counted == y.counted and not {x.category_basis, y.category_basis} & {"topic", "related"}
        ]
        compared, total = compared + len(same_noun), total + len(a.records["counts"])
        assert [x.category for x, _ in same_noun] == [y.category for _, y in same_noun], d.id
        assert a.records["dates"] == b.records["dates"], d.id
    assert compared >= 0.4 * total  # the comparison is not empty: 718 of 1,376 counts in session 8


def test_with_parse_counts_the_count_sentences_are_parsed() -> None:
    settings = dataclasses.replace(load_settings().nlp, parse_counts=True)
    nlp = get_pipeline("en", settings)
    doc = nlp("The weather was fine. Courts received 20,538 criminal cases in 2025.")
    parsed = [t.text for t in doc if t.dep_]
    assert "cases" in parsed and "weather" not in parsed
