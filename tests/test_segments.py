"""Long text is analysed in segments: a table cut across segments keeps its title's period and its columns'
categories, and a segment never cuts a row in two."""

from dataclasses import replace

import pytest

from extract.nlp.analyze import analyze_text, segments_of

TITLE = {
    "ru": "СВЕДЕНИЯ о фактах СОЧ за период с 01.01.2025 по 31.05.2025 (по состоянию на 01.06.2025)",
    "en": "Table 2. AWOL cases by unit, January–May 2025",
}
HEADER = {
    "ru": ["в/ч", "выявлено фактов СОЧ", "погибших", "по ст. 338"],
    "en": ["Unit", "AWOL cases", "killed", "tanks lost"],
}


def _table(lang: str, rows: int, sep: str) -> str:
    lines = [sep.join(HEADER[lang])]
    lines += [sep.join([str(10000 + i), str(3 + i % 90), str(4 + i % 70), str(5 + i % 50)]) for i in range(rows)]
    return "Intro.\n\n" + TITLE[lang] + "\n\n" + "\n".join(lines) + "\n\nEnd of the table.\n"


def _fields(result) -> list[tuple]:
    dates = result.records["dates"]
    return [
        (
            c.char_start,
            c.text,
            c.category,
            c.period_basis,
            c.period,
            dates[c.period_date].text if c.period_date is not None else None,
        )
        for c in result.records["counts"]
    ]


@pytest.mark.parametrize(("lang", "sep"), [("ru", "\t"), ("en", " | ")])
def test_a_table_cut_into_segments_reads_as_a_whole(base_settings, lang: str, sep: str) -> None:
    text = _table(lang, 150, sep)
    whole = analyze_text(text, replace(base_settings.nlp, segment_chars=10**6), lang=lang, published="2025-06-05")
    cut_settings = replace(base_settings.nlp, segment_chars=600)
    assert len(segments_of([(0, len(text), lang)], text, lang, 600)) > 3
    cut = analyze_text(text, cut_settings, lang=lang, published="2025-06-05")
    assert _fields(cut) == _fields(whole)
    assert [d.text for d in cut.records["dates"]] == [d.text for d in whole.records["dates"]]
    assert len(whole.records["counts"]) == 450
    assert {c.period_basis for c in whole.records["counts"]} == {"table_title"}
    assert len({c.category for c in whole.records["counts"]}) == 3  # each column its own category


def test_segments_end_at_line_ends(base_settings) -> None:
    text = _table("ru", 150, "\t")
    for segment in segments_of([(0, len(text), "ru")], text, "ru", 1200):
        assert segment.start == 0 or text[segment.start - 1] == "\n"
