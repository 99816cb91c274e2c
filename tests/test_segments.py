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


SECTIONS = {
    "en": [("First half of 2025", "AWOL"), ("Third quarter of 2025", "desertion")],
    "ru": [("Первое полугодие 2025 года", "СОЧ"), ("III квартал 2025 года", "дезертирстве")],
}


def _report(lang: str) -> str:
    """A report of sections, each under a heading that states its period; no figure states its own."""
    parts = ["Military courts in review" if lang == "en" else "Обзор практики военных судов"]
    for i, (heading, offence) in enumerate(SECTIONS[lang] * 3):
        parts.append(heading)
        for j in range(4):
            n = 100 + 37 * i + j
            parts.append(
                f"Garrison courts received {n} {offence} cases. Another {n // 3} cases were sent back to "
                f"prosecutors, and {n // 5} are still pending. Officials gave no reason for the change."
                if lang == "en"
                else f"Гарнизонные суды получили {n} дел о {offence}. Ещё {n // 3} дел возвращены прокурорам, а "
                f"{n // 5} пока не рассмотрены. Причин ведомство не назвало."
            )
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_long_prose_cut_into_segments_keeps_headings_and_the_paragraph_before(base_settings, lang: str) -> None:
    text = _report(lang)
    whole = analyze_text(text, replace(base_settings.nlp, segment_chars=10**6), lang=lang, published="2025-11-20")
    assert len(segments_of([(0, len(text), lang)], text, lang, 600)) > 5
    cut = analyze_text(text, replace(base_settings.nlp, segment_chars=600), lang=lang, published="2025-11-20")
    periods = [(c.char_start, c.period_basis, c.period) for c in whole.records["counts"]]
    assert [(c.char_start, c.period_basis, c.period) for c in cut.records["counts"]] == periods
    assert len(periods) == 72
    assert {basis for _, basis, _ in periods} == {"heading", "paragraph"}
    third_quarter = {"start": "2025-07-01", "end": "2025-09-30"}
    assert sum(period == third_quarter for _, _, period in periods) == 36
    # the first figure of each paragraph names its offence and keeps it (bare "cases" are read by the topic of
    # the text analysed with them: the document, or the segment and its context)
    named = {}
    for c in whole.records["counts"]:
        paragraph = text.rfind("\n\n", 0, c.char_start)
        named.setdefault(paragraph, (c.char_start, c.category))
    assert sorted(set(category for _, category in named.values())) == ["awol", "desertion"]
    assert {c.char_start: c.category for c in cut.records["counts"]}.items() >= set(named.values())


def test_a_segment_split_off_a_long_paragraph_reads_its_beginning(base_settings) -> None:
    sentence = "Гарнизонные суды за первое полугодие 2025 года получили 1 240 дел о СОЧ. "
    text = sentence + "Ещё 310 дел возвращены прокурорам. " * 40
    cut = analyze_text(text, replace(base_settings.nlp, segment_chars=500), lang="ru", published="2025-11-20")
    assert len(segments_of([(0, len(text), "ru")], text, "ru", 500)) > 2
    counts = cut.records["counts"]
    assert len(counts) == 41
    assert {(c.period["start"], c.period["end"]) for c in counts} == {("2025-01-01", "2025-06-30")}
