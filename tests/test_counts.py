"""Counts: the golden case table and the negatives table, through the same path as `extract text`."""

import json
from pathlib import Path

import pytest

from extract.nlp import analyze_text

CASES = Path(__file__).parent / "cases"


def _table(name: str) -> list[list[str]]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("lang", "text", "expected"), _table("counts.tsv"), ids=lambda v: v[:40])
def test_count_cases(base_settings, lang: str, text: str, expected: str) -> None:
    counts = analyze_text(text, base_settings.nlp, lang=lang).records["counts"]
    got = [[c.text, c.value, c.low, c.high, c.qualifier, c.kind] for c in counts]
    assert got == json.loads(expected)
    for c in counts:
        assert text[c.char_start : c.char_end] == c.text


@pytest.mark.parametrize(("lang", "text", "why"), _table("counts_negatives.tsv"), ids=lambda v: v[:40])
def test_not_counts(base_settings, lang: str, text: str, why: str) -> None:
    counts = analyze_text(text, base_settings.nlp, lang=lang).records["counts"]
    assert [c.text for c in counts] == [], why
