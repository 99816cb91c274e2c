"""The resolver: each count's period (its sentence, the sentence it goes on from, its block's head line, its
section's heading), from the golden table ``tests/cases/periods.tsv``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.nlp.analyze import analyze_text
from extract.settings import load_settings

CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "cases" / "periods.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize(("lang", "published", "text", "expected"), CASES)
def test_period_cases(lang: str, published: str, text: str, expected: str) -> None:
    result = analyze_text(text.replace("\\n", "\n"), load_settings().nlp, lang=lang, published=published)
    got = [[c.text, (c.period or {}).get("start"), (c.period or {}).get("end")] for c in result.records["counts"]]
    assert got == json.loads(expected)
