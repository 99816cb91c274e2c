"""Parts, restated wholes, comparisons and baselines: what a figure counts and when, taken from the one it refers to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.nlp import analyze_text
from extract.settings import load_settings

CASES = Path(__file__).parent / "cases" / "count_relations.tsv"


def _cases() -> list[list[str]]:
    lines = CASES.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("lang", "published", "text", "expected"), _cases())
def test_count_relation_cases(lang: str, published: str, text: str, expected: str) -> None:
    result = analyze_text(text.replace("\\n", "\n"), load_settings().nlp, lang=lang, published=published)
    counts = result.records["counts"]
    got = []
    for c in counts:
        whole = counts[c.whole].text if c.whole is not None else None
        period = c.period or {}
        got.append([c.text, c.relation, whole, c.category, period.get("start"), period.get("end")])
    assert got == json.loads(expected)
