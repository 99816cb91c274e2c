"""Count categories from the golden table ``tests/cases/categories.tsv``, through the whole pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.nlp.analyze import analyze_text
from extract.settings import load_settings

CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "cases" / "categories.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_category_cases(lang: str, text: str, expected: str) -> None:
    text = text.replace("\\n", "\n").replace("\\t", "\t")
    result = analyze_text(text, load_settings().nlp, lang=lang, published="2025-08-14")
    assert [[c.text.lstrip("+"), c.category] for c in result.records["counts"]] == json.loads(expected)


def test_a_table_column_says_what_its_cells_count_in_tab_separated_rows() -> None:
    """Rows as the DOCX, XLSX and PDF parsers write them (cells joined by tabs) take their column's category."""
    text = "Unit\tAWOL\tof which mobilised\tdesertion cases\tcases sent to court\n71432\t146\t58\t6\t22\n"
    result = analyze_text(text, load_settings().nlp, lang="en", published="2025-08-14")
    got = [[c.text, c.category, c.category_basis] for c in result.records["counts"]]
    assert got == [
        ["146", "awol", "column"],
        ["58", "awol", "column"],
        ["6", "desertion", "column"],
        ["22", "prosecution", "column"],
    ]
