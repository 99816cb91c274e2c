"""Dates and periods: the golden case table and the negatives table, through the same path as `extract text`."""

import json
from pathlib import Path

import pytest

from extract.nlp import analyze_text

CASES = Path(__file__).parent / "cases"


def _table(name: str) -> list[list[str]]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("lang", "published", "text", "expected"), _table("dates.tsv"), ids=lambda v: v[:40])
def test_date_cases(base_settings, lang: str, published: str, text: str, expected: str) -> None:
    result = analyze_text(text, base_settings.nlp, lang=lang, published=None if published == "-" else published)
    dates = result.records["dates"]
    got = [[d.text, d.start, d.end, d.precision, d.relative] for d in dates]
    assert got == json.loads(expected)
    for d in dates:
        assert text[d.char_start : d.char_end] == d.text


@pytest.mark.parametrize(("lang", "text", "why"), _table("dates_negatives.tsv"), ids=lambda v: v[:40])
def test_not_dates(base_settings, lang: str, text: str, why: str) -> None:
    dates = analyze_text(text, base_settings.nlp, lang=lang, published="2025-06-01").records["dates"]
    assert [d.text for d in dates] == [], why


def test_tables_are_large_enough() -> None:
    cases = _table("dates.tsv")
    assert len(cases) >= 120
    assert {row[0] for row in cases} == {"en", "ru"}
    assert len(_table("dates_negatives.tsv")) >= 30


def test_relative_phrases_need_a_publication_date(base_settings) -> None:
    """Without a publication date relative mentions keep null dates: never today's date."""
    text = "Last month 400 men left; since 12 May the count has doubled, and 2024 was worse."
    dates = analyze_text(text, base_settings.nlp, lang="en").records["dates"]
    assert [(d.text, d.start, d.end, d.relative) for d in dates] == [
        ("Last month", None, None, True),
        ("since 12 May", None, None, True),
        ("2024", "2024-01-01", "2024-12-31", False),
    ]
