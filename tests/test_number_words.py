"""Number words in English and Russian: the golden table ``tests/cases/number_words.tsv`` and the lexicons."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pytest

from extract.grammars.lexicon import rows
from extract.grammars.number_words import NumberWords, find_number_words

CASES = Path(__file__).parent / "cases" / "number_words.tsv"


def _cases() -> list[tuple[str, str, list]]:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, text, expected = line.split("\t")
            out.append((lang, text, json.loads(expected)))
    return out


@pytest.mark.parametrize(("lang", "text", "expected"), _cases(), ids=lambda x: x if isinstance(x, str) else None)
def test_golden(lang: str, text: str, expected: list) -> None:
    got = find_number_words(text, lang)
    assert [(w.kind, w.text) for w in got] == [(kind, surface) for _, kind, surface in expected]
    for w, (value, _, _) in zip(got, expected, strict=True):
        assert math.isclose(w.value, value, rel_tol=1e-9, abs_tol=1e-12), (w, value)
        assert text[w.start : w.end] == w.text


def test_table_is_large_enough() -> None:
    cases = _cases()
    assert len(cases) >= 150
    assert {lang for lang, _, _ in cases} == {"en", "ru"}


def test_spans_with_yo_and_surrounding_text() -> None:
    text = "Потери: трёхсот двадцати военнослужащих; ещё двое."
    got = find_number_words(text, "ru")
    first, second = text.index("трёхсот"), text.index("двое")
    assert got == [
        NumberWords(first, first + len("трёхсот двадцати"), 320.0, "cardinal", "трёхсот двадцати"),
        NumberWords(second, second + 4, 2.0, "collective", "двое"),
    ]


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        find_number_words("one", "de")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_lexicon_forms_are_unique_and_typed(lang: str) -> None:
    types = {"unit", "teen", "tens", "hundreds", "hundred", "noun", "scale", "ordinal", "fraction", "collective"}
    types |= {"vague", "several", "complete", "one_context", "gen_prep"}
    forms = [r[0].lower().replace("ё", "е") for r in rows(f"numbers/{lang}.tsv")]
    assert len(forms) == len(set(forms)), sorted({f for f in forms if forms.count(f) > 1})
    assert {r[2] for r in rows(f"numbers/{lang}.tsv")} <= types


def test_speed_one_megabyte_of_russian() -> None:
    sentence = "По данным штаба, двадцать одна тысяча триста военнослужащих и тысячи единиц техники, каждый десятый. "
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    find_number_words("разогрев", "ru")
    t0 = time.perf_counter()
    found = find_number_words(text, "ru")
    assert time.perf_counter() - t0 < 3.0  # about 0.3 s on a laptop; generous for loaded CI machines
    assert found[0].value == 21300
