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


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Absences by period:\nMarch–May 2024: 164\nJune–August 2024: 241", ["164", "241"]),
        ("ru", "По месяцам:\nмарт 2025 г.: 164\nиюнь 2025 г.: 241", ["164", "241"]),
        ("en", "Courts received 40 cases on 5 June 2024.", ["40"]),
    ],
)
def test_a_figure_ending_a_line_is_no_day_of_the_month_starting_the_next(
    base_settings, lang: str, text: str, expected: list[str]
) -> None:
    """A list line "March–May 2024: 164" followed by "June–August 2024: 241": 164 is no day of June."""
    counts = analyze_text(text, base_settings.nlp, lang=lang).records["counts"]
    assert [c.text for c in counts] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "в/ч\tСОЧ\tв розыске\tв суд\n71432\t16\t12\t14\n71433\t214\t285\t52\n",
            ["16", "12", "14", "214", "285", "52"],
        ),
        ("в/ч | СОЧ | в розыске\n71432 | 16 | 12\n", ["16", "12"]),
        ("№ | звание | дата СОЧ\n1 | рядовой | 12.02.2024\n2 | ефрейтор | 28.02.2024\n", []),  # row numbers
    ],
)
def test_cells_of_a_table_row_are_no_phone_number(base_settings, text: str, expected: list[str]) -> None:
    """ "16\t12\t14" are three cells, not a phone number "16 12 14": phone digits are split by spaces or hyphens."""
    counts = analyze_text(text, base_settings.nlp, lang="ru").records["counts"]
    assert [c.text for c in counts] == expected


def test_a_cell_of_a_table_is_read_alone(base_settings) -> None:
    """No "320 years" across the line break, no "Year 12,310" across the tab."""
    text = "Table 1. Cases received in 2025\n\nQuarter\tCases\tVerdicts\nQ4\t3,350\t320\nYear\t12,310\t1,040\n"
    counts = analyze_text(text, base_settings.nlp, lang="en").records["counts"]
    assert [c.text for c in counts] == ["3,350", "320", "12,310", "1,040"]


SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"


def test_row_and_page_numbers_of_a_leaked_list_are_no_counts(base_settings) -> None:
    from extract.nlp import analyze_document
    from extract.parsers import parse

    doc = parse(SAMPLE / "leaks" / "spisok-soch-vch-12345.pdf", base_settings)
    counts = analyze_document(doc, base_settings.nlp).records["counts"]
    assert [c.text for c in counts] == ["84"]  # "Всего: 84 военнослужащих"; not "№ п/п", pages or phones


def test_numbers_in_neighbouring_pdf_cells_stay_apart(base_settings) -> None:
    from extract.nlp import analyze_document
    from extract.parsers import parse

    doc = parse(SAMPLE / "reports" / "ru" / "analiticheskaya-zapiska.pdf", base_settings)
    assert "Январь 2024\t401\t24\t425\t313" in doc.text
    values = [c.value for c in analyze_document(doc, base_settings.nlp).records["counts"]]
    assert 24425313 not in values and {401, 24, 425, 313} <= set(values)
