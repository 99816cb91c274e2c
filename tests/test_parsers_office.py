"""extract.parsers.docx / xlsx / csv on small files generated in tmp_path."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from openpyxl.styles import Font

from extract.document import DocumentError, ParsedDocument
from extract.parsers import csv as csv_parser
from extract.parsers import docx as docx_parser
from extract.parsers import parse as registry_parse
from extract.parsers import xlsx as xlsx_parser
from extract.settings import Settings, load_settings


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings()


def check_offsets(doc: ParsedDocument) -> None:
    """Every block and every cell with a span slices exactly its own text out of doc.text."""
    for block in doc.blocks:
        piece = doc.text[block.char_start : block.char_end]
        assert piece.strip()
        if block.kind != "table_row":  # a row's text is its cells joined by tabs
            assert piece == piece.strip()
    rows = [block for block in doc.blocks if block.kind == "table_row"]
    assert len(rows) == sum(len(table.rows) for table in doc.tables)
    for block, row in zip(rows, [row for table in doc.tables for row in table.rows], strict=True):
        row_text = "\t".join(cell.text for cell in row)
        assert doc.text[block.char_start : block.char_end].strip("\t") == row_text.strip("\t")
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                if cell.char_start is None:
                    assert cell.text == ""
                else:
                    assert doc.text[cell.char_start : cell.char_end] == cell.text


def block_texts(doc: ParsedDocument, kind: str | None = None) -> list[str]:
    return [doc.text[b.char_start : b.char_end] for b in doc.blocks if kind is None or b.kind == kind]


# --- DOCX ---------------------------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Донесение о потерях"
    document.core_properties.author = "Петров П. П."
    document.core_properties.created = dt.datetime(2025, 8, 1, 9, 30)
    document.core_properties.modified = dt.datetime(2025, 8, 3, 18, 0)
    document.add_heading("Донесение", level=1)
    document.add_paragraph("Личный состав 56-й отдельной мотострелковой бригады.")
    document.add_paragraph("Первый пункт списка", style="List Bullet")
    table = document.add_table(rows=4, cols=3)
    values = [
        ["Подразделение", "Убито", "Ранено"],
        ["1-й батальон", "3", "5"],
        ["2-й батальон", "1", "2"],
        ["Всего", "", ""],
    ]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(3, 1).merge(table.cell(3, 2))  # horizontal merge: "4 / 7" spans two columns
    merged.text = "4 / 7"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Батальоны 1-2"  # vertical merge over two rows
    document.add_heading("Заключение", level=2)
    closing = document.add_paragraph("Потери подтверждены")
    # A tracked insertion is part of the text as read; a tracked deletion is not.
    closing._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="x"><w:r><w:t> командиром</w:t></w:r></w:ins>')
    )
    closing._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="x"><w:r><w:delText> ещё</w:delText></w:r></w:del>')
    )
    document.save(str(path))
    return path


def test_docx_blocks_headings_tables_and_metadata(tmp_path: Path, settings: Settings) -> None:
    doc = docx_parser.parse(make_docx(tmp_path / "report.docx"), settings)
    check_offsets(doc)
    assert block_texts(doc, "heading") == ["Донесение", "Заключение"]
    assert block_texts(doc, "paragraph") == [
        "Личный состав 56-й отдельной мотострелковой бригады.",
        "Потери подтверждены командиром",
    ]
    assert block_texts(doc, "list_item") == ["Первый пункт списка"]
    # Body order: heading, paragraph, list item, then the table rows, then the closing heading and paragraph.
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "list_item"] + ["table_row"] * 4 + ["heading", "paragraph"]
    assert len(doc.tables) == 1
    assert doc.tables[0].values() == [
        ["Подразделение", "Убито", "Ранено"],
        ["Батальоны 1-2", "3", "5"],
        ["", "1", "2"],  # the vertically merged cell's text is given once
        ["Всего", "4 / 7", ""],  # the horizontally merged cell keeps the column positions
    ]
    assert doc.text.count("Батальоны 1-2") == 1
    assert doc.pages == [] and doc.page_at(0) is None
    meta = doc.metadata
    assert meta["title"] == "Донесение о потерях" and meta["author"] == "Петров П. П."
    assert meta["created"] == "2025-08-01T09:30:00+00:00"  # OOXML core dates are UTC
    assert meta["modified"] == "2025-08-03T18:00:00+00:00"
    assert meta["published"] == "2025-08-01" and meta["published_source"] == "docx:core.created"
    assert meta["language"] == "ru"


def test_docx_via_registry_and_empty_document(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    doc = registry_parse(path, settings)
    assert doc.format == "docx" and doc.text == "" and doc.blocks == [] and doc.tables == []
    assert doc.metadata["language"] is None


DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def test_docm_macro_enabled_document_is_read(tmp_path: Path, settings: Settings) -> None:
    source = make_docx(tmp_path / "source.docx")
    docm = tmp_path / "leak.docm"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(docm, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(DOCX_MAIN, b"application/vnd.ms-word.document.macroEnabled.main+xml")
            zout.writestr(item, data)
    assert b"macroEnabled" in zipfile.ZipFile(docm).read("[Content_Types].xml")
    doc = registry_parse(docm, settings)
    assert doc.format == "docx"
    assert block_texts(doc, "heading") == ["Донесение", "Заключение"]


def test_docx_corrupt_and_encrypted(tmp_path: Path, settings: Settings) -> None:
    whole = make_docx(tmp_path / "whole.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DocumentError, match="corrupt DOCX"):
        docx_parser.parse(truncated, settings)
    # Password-protected OOXML is an OLE compound file holding an "EncryptedPackage" stream.
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(DocumentError, match="DOCX is encrypted and needs a password"):
        docx_parser.parse(encrypted, settings)


# --- XLSX ---------------------------------------------------------------------------------------------------------


def make_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Потери"
    sheet.append(["Сводка потерь за август 2025"])  # a title row over the table
    sheet.append(["Дата", "Подразделение", "Убито", "Доля"])
    sheet.append([dt.datetime(2025, 8, 1), "56-я бригада", 12.0, 0.25])
    sheet.append([dt.datetime(2025, 8, 2, 14, 30), "3rd Battalion", 7, None])
    sheet.append([dt.date(2025, 8, 3), None, 1e20, True])
    sheet["H1"].font = Font(bold=True)  # a styled but empty cell: a trailing empty column in the file
    sheet["A9"].font = Font(bold=True)  # a styled but empty row after the data
    empty = workbook.create_sheet("Пустой")
    empty["B2"].font = Font(bold=True)
    second = workbook.create_sheet("Notes")
    second["B2"] = "offset start"
    workbook.properties.title = "Учёт потерь"
    workbook.properties.creator = "Сидоров"
    workbook.properties.created = dt.datetime(2025, 7, 31, 8, 0)
    workbook.save(str(path))
    return path


def test_xlsx_sheets_tables_values_and_metadata(tmp_path: Path, settings: Settings) -> None:
    doc = xlsx_parser.parse(make_xlsx(tmp_path / "losses.xlsx"), settings)
    check_offsets(doc)
    assert block_texts(doc, "heading") == ["Потери", "Notes"]  # the empty sheet is left out
    assert [t.name for t in doc.tables] == ["Потери", "Notes"]
    assert [t.index for t in doc.tables] == [0, 1]
    assert doc.tables[0].values() == [
        ["Сводка потерь за август 2025", "", "", ""],
        ["Дата", "Подразделение", "Убито", "Доля"],
        ["2025-08-01", "56-я бригада", "12", "0.25"],
        ["2025-08-02 14:30", "3rd Battalion", "7", ""],
        ["2025-08-03", "", "1e+20", "TRUE"],
    ]
    assert doc.tables[1].values() == [["", "offset start"]]  # leading empty column kept, empty row dropped
    first_heading = doc.blocks[0]
    assert first_heading.kind == "heading" and first_heading.char_start == 0
    date_cell = doc.tables[0].rows[2][0]
    assert doc.text[date_cell.char_start : date_cell.char_end] == "2025-08-01"
    meta = doc.metadata
    assert meta["title"] == "Учёт потерь" and meta["author"] == "Сидоров"
    assert meta["published"] == "2025-07-31" and meta["published_source"] == "xlsx:core.created"
    assert meta["language"] == "ru"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (3.0, "3"),
        (-2.5, "-2.5"),
        (0.1 + 0.2, "0.3"),
        (float("nan"), "nan"),
        (dt.datetime(2025, 8, 1, 0, 0), "2025-08-01"),
        (dt.datetime(2025, 8, 1, 6, 5, 9), "2025-08-01 06:05:09"),
        (dt.time(12, 30), "12:30"),
        (dt.timedelta(hours=25), "1 day, 1:00:00"),
        (False, "FALSE"),
        ("текст", "текст"),
    ],
)
def test_xlsx_cell_text(value: object, expected: str) -> None:
    assert xlsx_parser.cell_text(value) == expected


def test_xlsx_with_a_misleading_extension(tmp_path: Path, settings: Settings) -> None:
    # Leaked dumps rename files; the format comes from the content, and openpyxl must not insist on ".xlsx".
    path = tmp_path / "attachment.bin"
    path.write_bytes(make_xlsx(tmp_path / "losses.xlsx").read_bytes())
    doc = registry_parse(path, settings)
    assert doc.format == "xlsx" and [t.name for t in doc.tables] == ["Потери", "Notes"]


def test_xlsx_corrupt(tmp_path: Path, settings: Settings) -> None:
    whole = make_xlsx(tmp_path / "whole.xlsx").read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(DocumentError, match="corrupt XLSX"):
        xlsx_parser.parse(broken, settings)
    not_zip = tmp_path / "text.xlsx"
    not_zip.write_text("just text", encoding="utf-8")
    with pytest.raises(DocumentError, match="corrupt XLSX"):
        xlsx_parser.parse(not_zip, settings)


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_csv_cp1251_semicolons(tmp_path: Path, settings: Settings) -> None:
    rows = [
        "Подразделение;Потери;Дата",
        "56-я бригада;12,5;01.08.2025",
        '"Полк; 3-й";7;02.08.2025',
        "Итого;19,5;",
    ]
    path = tmp_path / "losses.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1251"))
    doc = csv_parser.parse(path, settings)
    check_offsets(doc)
    assert doc.metadata["encoding"] == "cp1251"
    assert doc.metadata["delimiter"] == ";"
    assert doc.metadata["language"] == "ru"
    assert doc.metadata["title"] is None and doc.metadata["published"] is None
    assert len(doc.tables) == 1
    assert doc.tables[0].values() == [
        ["Подразделение", "Потери", "Дата"],
        ["56-я бригада", "12,5", "01.08.2025"],
        ["Полк; 3-й", "7", "02.08.2025"],
        ["Итого", "19,5", ""],
    ]
    assert [b.kind for b in doc.blocks] == ["table_row"] * 4
    assert block_texts(doc)[1] == "56-я бригада\t12,5\t01.08.2025"


@pytest.mark.parametrize(
    ("content", "delimiter", "expected"),
    [
        ('name,count\n"Smith, J.",3\nDoe,4\n', ",", [["name", "count"], ["Smith, J.", "3"], ["Doe", "4"]]),
        ("a\tb\tc\n1\t2\t3\n", "\t", [["a", "b", "c"], ["1", "2", "3"]]),
        ("a|b\n1|2\n3|4\n", "|", [["a", "b"], ["1", "2"], ["3", "4"]]),
        ("only\none\ncolumn\n", ",", [["only"], ["one"], ["column"]]),
    ],
)
def test_csv_delimiters(tmp_path: Path, settings: Settings, content: str, delimiter: str, expected: list) -> None:
    path = tmp_path / "data.csv"
    path.write_text(content, encoding="utf-8")
    doc = registry_parse(path, settings)
    check_offsets(doc)
    assert doc.format == "csv" and doc.metadata["encoding"] == "utf-8"
    assert doc.metadata["delimiter"] == delimiter
    assert doc.tables[0].values() == expected


def test_csv_long_sample_cut_at_a_line(tmp_path: Path, settings: Settings) -> None:
    lines = ["id;Подразделение;примечание"] + [
        f"{i};бригада {i};строка с запятой, но без точки с запятой" for i in range(400)
    ]
    path = tmp_path / "long.csv"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    doc = csv_parser.parse(path, settings)
    assert doc.metadata["delimiter"] == ";"
    assert len(doc.tables[0].rows) == 401
    assert doc.tables[0].rows[-1][2].text == "строка с запятой, но без точки с запятой"


def test_csv_empty_and_binary(tmp_path: Path, settings: Settings) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    doc = csv_parser.parse(empty, settings)
    assert doc.text == "" and doc.tables == []
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(32)) * 100)
    with pytest.raises(DocumentError, match="binary content"):
        csv_parser.parse(binary, settings)
