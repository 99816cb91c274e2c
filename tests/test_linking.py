"""The resolver: each count's period (its sentence, the sentence it goes on from, its block's head line, its
section's heading), from the golden table ``tests/cases/periods.tsv``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.nlp.analyze import analyze_text
from extract.settings import load_settings


def _cases(name: str) -> list[list[str]]:
    lines = (Path(__file__).parent / "cases" / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


CASES = _cases("periods.tsv")


@pytest.mark.parametrize(("lang", "published", "text", "expected"), CASES)
def test_period_cases(lang: str, published: str, text: str, expected: str) -> None:
    text = text.replace("\\n", "\n").replace("\\t", "\t")
    result = analyze_text(text, load_settings().nlp, lang=lang, published=published)
    got = [[c.text, (c.period or {}).get("start"), (c.period or {}).get("end")] for c in result.records["counts"]]
    assert got == json.loads(expected)


BASIS_CASES = _cases("period_basis.tsv")


@pytest.mark.parametrize(("lang", "published", "text", "expected"), BASIS_CASES)
def test_period_basis_cases(lang: str, published: str, text: str, expected: str) -> None:
    """Each period says how it was found and which date mention states it, so a reader can check it."""
    text = text.replace("\\n", "\n").replace("\\t", "\t")
    result = analyze_text(text, load_settings().nlp, lang=lang, published=published)
    dates = result.records["dates"]
    got = [
        [c.text, c.period_basis, dates[c.period_date].text if c.period_date is not None else None]
        for c in result.records["counts"]
    ]
    assert got == json.loads(expected)
