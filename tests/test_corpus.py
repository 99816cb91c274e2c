"""Every parser on the sample corpus: the text is found, pages and offsets are right, tables come through."""

from pathlib import Path

import pytest

from extract.document import ParsedDocument
from extract.parsers import detect_format, parse

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"
FILES = sorted(p for p in SAMPLE.rglob("*") if p.is_file() and p.suffix != ".zip")

# (file, format, language, a phrase that must be in the text exactly as written)
EXPECTED = [
    ("reports/en/court-statistics-2025.html", "html", "en", "have now received 20,538 criminal cases"),
    ("reports/ru/sudebnaya-statistika.html", "html", "ru", "получили 7\u00a0593 уголовных дела"),
    ("reports/en/osint-analysis-leaked-lists.txt", "text", "en", "Published 12 September 2025"),
    ("reports/ru/obzor-soch-cp1251.txt", "text", "ru", "13,8 тыс."),
    ("reports/ru/hotline-koi8r.txt", "text", "ru", "Хочу жить"),
    ("reports/en/intelligence-update.pdf", "pdf", "en", "150,000"),
    ("reports/ru/analiticheskaya-zapiska.pdf", "pdf", "ru", "самовольн"),
    ("reports/ru/prigovor-press-reliz.docx", "docx", "ru", "ч. 5 ст. 337 УК РФ"),
    ("reports/en/desertion-explainer.docx", "docx", "en", "Article 338"),
    ("leaks/spisok-soch-vch-12345.pdf", "pdf", "ru", "Всего: 84 военнослужащих"),
    ("leaks/spisok-szch.xlsx", "xlsx", "ru", "Итого"),
    ("leaks/roster.csv", "csv", "ru", "Фамилия"),
]


@pytest.fixture(scope="module")
def parsed(base_settings) -> dict[str, ParsedDocument]:
    return {str(p.relative_to(SAMPLE)): parse(p, base_settings) for p in FILES}


def test_the_sample_corpus_is_there() -> None:
    assert len(FILES) >= 14, "run `.venv/bin/python corpus/tools/generate_sample.py`"
    assert {detect_format(p) for p in FILES} == {"text", "html", "pdf", "docx", "xlsx", "csv"}


@pytest.mark.parametrize(("name", "fmt", "lang", "phrase"), EXPECTED)
def test_text_format_and_language(parsed, name: str, fmt: str, lang: str, phrase: str) -> None:
    doc = parsed[name]
    assert doc.format == fmt
    assert doc.lang == lang
    assert phrase in doc.text


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SAMPLE)))
def test_offsets_slice_the_quoted_text(parsed, path: Path) -> None:
    doc = parsed[str(path.relative_to(SAMPLE))]
    for block in doc.blocks:
        quoted = doc.text[block.char_start : block.char_end]
        assert quoted and quoted == quoted.strip()
        if doc.pages:
            assert block.page == doc.page_at(block.char_start) == doc.page_at(block.char_end - 1)
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                if cell.char_start is not None:
                    assert doc.text[cell.char_start : cell.char_end] == cell.text


@pytest.mark.parametrize(
    ("name", "pages"),
    [
        ("reports/en/intelligence-update.pdf", 3),
        ("reports/ru/analiticheskaya-zapiska.pdf", 2),
        ("leaks/spisok-soch-vch-12345.pdf", 4),
        ("leaks/prikaz-scan.pdf", 1),
    ],
)
def test_pdf_pages_partition_the_text(parsed, name: str, pages: int) -> None:
    doc = parsed[name]
    assert [p.number for p in doc.pages] == list(range(1, pages + 1))
    for before, after in zip(doc.pages, doc.pages[1:], strict=False):
        assert before.char_end <= after.char_start
    for block in doc.blocks:
        page = doc.pages[block.page - 1]
        assert page.char_start <= block.char_start < block.char_end <= page.char_end
        x0, top, x1, bottom = block.bbox
        assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height


def test_scanned_page_needs_ocr(parsed) -> None:
    doc = parsed["leaks/prikaz-scan.pdf"]
    assert doc.text == ""
    assert doc.status == "needs_ocr"
    assert doc.pages[0].needs_ocr and not doc.pages[0].has_text_layer


def test_leaked_list_pdf_table_spans_pages(parsed) -> None:
    doc = parsed["leaks/spisok-soch-vch-12345.pdf"]
    assert [t.page for t in doc.tables] == [1, 2, 3, 4]
    rows = [row for t in doc.tables for row in t.values()]
    headers = [r for r in rows if r[0].startswith("№")]
    people = [r for r in rows if r[0].isdigit()]
    assert len(headers) == 4  # the header is repeated on every page
    assert [int(r[0]) for r in people] == list(range(1, 85))
    assert all(len(r) == 9 for r in people)
    assert all(r[5] == "12345" for r in people)


def test_spreadsheet_rows_and_excel_dates(parsed) -> None:
    doc = parsed["leaks/spisok-szch.xlsx"]
    sheet, totals = doc.tables
    rows = sheet.values()
    header = next(i for i, r in enumerate(rows) if any("Фамилия" in c for c in r))
    people = rows[header + 1 :]
    assert len(people) == 60
    birth = next(c for c in rows[header] if "рожд" in c.lower())
    column = rows[header].index(birth)
    assert all(len(r[column]) == 10 and r[column][4] == "-" for r in people)  # Excel dates -> ISO
    assert totals.name == "Итого"


def test_cp1251_csv_roster(parsed) -> None:
    doc = parsed["leaks/roster.csv"]
    assert doc.metadata["encoding"] == "cp1251"
    (table,) = doc.tables
    assert len(table.rows) == 21
    assert len({len(r) for r in table.rows}) == 1  # a quoted ';' stays inside its cell


def test_publication_dates_from_metadata(parsed) -> None:
    assert parsed["reports/en/court-statistics-2025.html"].metadata["published"] == "2025-08-14"
    assert parsed["reports/ru/sudebnaya-statistika.html"].metadata["published"] == "2025-03-02"
    assert parsed["reports/en/intelligence-update.pdf"].metadata["published"] == "2025-09-10"
