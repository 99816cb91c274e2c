"""extract.parsers.pdf on small PDFs generated with reportlab in tmp_path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from reportlab.lib import colors, pdfencrypt
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from extract.document import DocumentError, ParsedDocument
from extract.parsers import parse as registry_parse
from extract.parsers import pdf
from extract.settings import Settings, load_settings

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_cyrillic_font = pytest.mark.skipif(
    not FONT_PATH.is_file(), reason=f"Cyrillic PDF tests need the DejaVu Sans TTF at {FONT_PATH}"
)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="module")
def font() -> str:
    if not FONT_PATH.is_file():
        pytest.skip(f"Cyrillic PDF tests need the DejaVu Sans TTF at {FONT_PATH}")
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_PATH)))
    return "DejaVu"


def check_offsets(doc: ParsedDocument) -> None:
    """Every block and located cell slices exactly its own text; pages cover their blocks."""
    for block in doc.blocks:
        piece = doc.text[block.char_start : block.char_end]
        assert piece and piece == piece.strip()
        if block.page is not None:
            page = doc.pages[block.page - 1]
            assert page.number == block.page
            assert page.char_start <= block.char_start <= block.char_end <= page.char_end
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                if cell.char_start is not None:
                    assert doc.text[cell.char_start : cell.char_end] == cell.text


def block_texts(doc: ParsedDocument) -> list[str]:
    return [doc.text[b.char_start : b.char_end] for b in doc.blocks]


def check_bbox_inside(box: tuple[float, float, float, float], width: float, height: float) -> None:
    x0, top, x1, bottom = box
    assert 0 <= x0 < x1 <= width + 0.5
    assert 0 <= top < bottom <= height + 0.5


def make_text_pdf(path: Path, font: str, pages: list[list[str]], **canvas_args: object) -> Path:
    """One page per list; each string is a line, "" leaves a blank line (a paragraph break)."""
    c = canvas.Canvas(str(path), pagesize=A4, **canvas_args)
    c.setTitle("Сводка за август")
    c.setAuthor("Иванов И. И.")
    c.setDateFormatter(lambda *_: "D:20250801120000+03'00'")
    for lines in pages:
        c.setFont(font, 11)
        y = 780
        for line in lines:
            if line:
                c.drawString(72, y, line)
            y -= 14
        c.showPage()
    c.save()
    return path


@needs_cyrillic_font
def test_text_pages_blocks_offsets_and_metadata(tmp_path: Path, settings: Settings, font: str) -> None:
    path = make_text_pdf(
        tmp_path / "report.pdf",
        font,
        [
            [
                "Сводка о потерях 56-й бригады",
                "за первую неделю августа.",
                "",
                "Second paragraph in English,",
                "two lines.",
            ],
            ["Вторая страница: одна строка текста."],
        ],
    )
    doc = pdf.parse(path, settings)
    check_offsets(doc)
    assert [p.number for p in doc.pages] == [1, 2]
    assert block_texts(doc) == [
        "Сводка о потерях 56-й бригады\nза первую неделю августа.",
        "Second paragraph in English,\ntwo lines.",
        "Вторая страница: одна строка текста.",
    ]
    assert [b.page for b in doc.blocks] == [1, 1, 2]
    assert [b.lang for b in doc.blocks] == ["ru", "en", "ru"]
    for block in doc.blocks:
        page = doc.pages[block.page - 1]
        assert block.bbox is not None
        check_bbox_inside(block.bbox, page.width, page.height)
    # reportlab draws the first line's baseline at y=780 (bottom-left origin): its top is ~842-780-11 from the top.
    first = doc.blocks[0].bbox
    assert 50 < first[1] < 70 and 70 <= first[0] < 80
    assert doc.blocks[1].bbox[1] > first[3]  # the second paragraph lies below the first
    assert doc.pages[0].width == pytest.approx(595.28, abs=0.1)
    assert doc.pages[0].has_text_layer and not doc.pages[0].needs_ocr
    assert doc.status == "ok"
    assert doc.metadata["title"] == "Сводка за август"
    assert doc.metadata["author"] == "Иванов И. И."
    assert doc.metadata["created"] == "2025-08-01T12:00:00+03:00"
    assert doc.metadata["published"] == "2025-08-01"
    assert doc.metadata["published_source"] == "pdf:CreationDate"
    assert doc.metadata["language"] == "ru"
    assert doc.tables == []


@needs_cyrillic_font
def test_heading_split_and_hyphenated_words_joined(tmp_path: Path, settings: Settings, font: str) -> None:
    path = tmp_path / "hyphen.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 16)
    c.drawString(72, 760, "Заголовок донесения")
    c.setFont(font, 11)
    c.drawString(72, 730, "Потери батальон-")
    c.drawString(72, 716, "ных тактических групп за неделю.")
    c.save()
    doc = pdf.parse(path, settings)
    check_offsets(doc)
    # pdfium joins a word hyphenated across lines and marks the join with U+FFFE; the marker is dropped.
    assert block_texts(doc) == ["Заголовок донесения", "Потери батальонных тактических групп за неделю."]
    assert "\ufffe" not in doc.text
    _, top, _, bottom = doc.blocks[1].bbox
    assert bottom - top > 20  # the box covers both printed lines


def test_paragraphs_without_spacing_split_after_a_short_last_line(tmp_path: Path, settings: Settings) -> None:
    lines = [
        "The first paragraph is a long line of text that fills the width of the column",
        "and ends here.",
        "A second paragraph starts right below it, without any extra spacing at all",
        "and continues on a second line",
        "that also ends the paragraph.",
    ]
    doc = pdf.parse(make_text_pdf(tmp_path / "dense.pdf", "Helvetica", [lines]), settings)
    check_offsets(doc)
    assert block_texts(doc) == ["\n".join(lines[:2]), "\n".join(lines[2:])]


def test_plain_pages_never_open_pdfplumber(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("pdfplumber opened for a page without rulings")

    monkeypatch.setattr(pdfplumber, "open", fail)
    path = make_text_pdf(tmp_path / "plain.pdf", "Helvetica", [["Just text, no lines at all."] * 3] * 3)
    doc = pdf.parse(path, settings)
    assert len(doc.pages) == 3 and doc.tables == [] and not doc.warnings


@needs_cyrillic_font
def test_ruled_table_found_with_cell_spans(tmp_path: Path, settings: Settings, font: str) -> None:
    data = [
        ["Подразделение", "Потери", "Дата"],
        ["56-я бригада", "12", "01.08.2025"],
        ["3rd Battalion", "7", "02.08.2025"],
        ["Итого", "19", ""],
    ]
    table = RLTable(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), font)]))
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Spacer(1, 200), table])
    doc = pdf.parse(path, settings)
    check_offsets(doc)
    assert len(doc.tables) == 1
    found = doc.tables[0]
    assert found.index == 0 and found.page == 1
    assert found.values() == data
    for row in found.rows:
        for cell in row:
            assert (cell.char_start is not None) == bool(cell.text)
            x0, top, x1, bottom = cell.bbox
            assert found.bbox[0] - 0.5 <= x0 < x1 <= found.bbox[2] + 0.5
            assert found.bbox[1] - 0.5 <= top < bottom <= found.bbox[3] + 0.5
    check_bbox_inside(found.bbox, doc.pages[0].width, doc.pages[0].height)
    # The table text comes once, from pdfium's page text, not appended a second time.
    assert doc.text.count("56-я бригада") == 1
    brigade = found.rows[1][0]
    assert doc.page_at(brigade.char_start) == 1


def test_table_on_a_cropped_page_shares_the_blocks_coordinates(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "cropped.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setCropBox((50, 40, 545, 800))
    c.grid([100, 250, 400], [600, 580, 560, 540, 520])  # 4 rows x 2 columns: 8 ruling lines in one path
    rows = [("Unit", "Losses"), ("1st Company", "4"), ("2nd Company", "9"), ("Total", "13")]
    for row, (left, right) in enumerate(rows):
        c.drawString(105, 586 - 20 * row, left)
        c.drawString(255, 586 - 20 * row, right)
    c.save()
    doc = pdf.parse(path, settings)
    check_offsets(doc)
    page = doc.pages[0]
    assert (page.width, page.height) == (495, 760)
    [table] = doc.tables
    assert table.values() == [list(row) for row in rows]
    # The grid spans x 100..400 and y 600..520 in PDF space: (50, 200, 350, 280) from the crop box's top-left.
    assert table.bbox == pytest.approx((50, 200, 350, 280), abs=1)
    [block] = doc.blocks
    assert table.bbox[0] <= block.bbox[0] < block.bbox[2] <= table.bbox[2]
    assert table.bbox[1] <= block.bbox[1] < block.bbox[3] <= table.bbox[3]
    check_bbox_inside(table.bbox, page.width, page.height)


def test_image_only_page_needs_ocr(tmp_path: Path, settings: Settings) -> None:
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (300, 200), "white").save(image)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 780, "The first page has a real text layer with enough characters.")
    c.showPage()
    c.drawImage(str(image), 72, 300, 300, 200)
    c.showPage()
    c.drawString(72, 780, "7")  # a page number only, no image: no text layer, but nothing to OCR either
    c.showPage()
    c.save()
    doc = pdf.parse(path, settings)
    check_offsets(doc)
    first, scanned, blank = doc.pages
    assert first.has_text_layer and not first.needs_ocr and first.notes == ()
    assert not scanned.has_text_layer and scanned.needs_ocr and scanned.notes == ("no text layer",)
    assert scanned.char_start == scanned.char_end
    assert not blank.has_text_layer and not blank.needs_ocr
    assert doc.status == "partial"
    assert "2" in doc.status_message()


def test_encrypted_pdf_needs_password(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(72, 700, "Classified text behind a user password.")
    c.save()
    with pytest.raises(DocumentError, match="PDF is encrypted and needs a password") as err:
        pdf.parse(path, settings)
    assert err.value.status == "error"


def test_encrypted_pdf_with_empty_user_password_opens(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "owner_only.pdf"
    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    c = canvas.Canvas(str(path), encrypt=enc)
    c.drawString(72, 700, "Readable without a password, copying forbidden.")
    c.save()
    doc = pdf.parse(path, settings)
    assert doc.text == "Readable without a password, copying forbidden."


@pytest.mark.parametrize("cut", [0.5, 0.95])
def test_truncated_pdf_is_corrupt(tmp_path: Path, settings: Settings, cut: float) -> None:
    whole = make_text_pdf(tmp_path / "whole.pdf", "Helvetica", [["Some text on a page."]])
    data = whole.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(DocumentError, match="corrupt PDF"):
        pdf.parse(broken, settings)


def test_garbage_after_pdf_magic_is_corrupt(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(DocumentError, match="corrupt PDF"):
        registry_parse(path, settings)


def test_page_limit_skips(tmp_path: Path, settings: Settings) -> None:
    path = make_text_pdf(tmp_path / "long.pdf", "Helvetica", [["page"]] * 4)
    small = dataclasses.replace(settings, limits=dataclasses.replace(settings.limits, max_pages=3))
    with pytest.raises(DocumentError, match=r"4 pages, over the limit of 3 \(limits.max_pages\)") as err:
        pdf.parse(path, small)
    assert err.value.status == "skipped"


def test_rotated_page_boxes_stay_on_the_displayed_page(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "rotated.pdf"
    # reportlab swaps the page size when rotating: this writes MediaBox [0 0 595 842] with /Rotate 90,
    # a portrait page shown in landscape.
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    c.setPageRotation(90)
    c.drawString(72, 780, "Text on a page displayed in landscape.")
    c.showPage()
    c.save()
    assert b"/Rotate 90" in path.read_bytes()
    doc = pdf.parse(path, settings)
    page = doc.pages[0]
    assert page.width > page.height  # the displayed size
    box = doc.blocks[0].bbox
    check_bbox_inside(box, page.width, page.height)
    # Rotated 90 degrees clockwise, user-space (x, y) is shown at (y, x): the text runs down from (780, 72).
    assert box[0] == pytest.approx(778, abs=4) and box[1] == pytest.approx(72, abs=2)
    assert box[3] - box[1] > box[2] - box[0]  # a vertical run of text on the displayed page


def test_registry_dispatches_to_pdf(tmp_path: Path, settings: Settings) -> None:
    path = make_text_pdf(tmp_path / "via_registry.pdf", "Helvetica", [["Hello from the registry."]])
    doc = registry_parse(path, settings)
    assert doc.format == "pdf" and doc.parser_version == pdf.VERSION
    assert doc.text == "Hello from the registry."


def test_char_index_map() -> None:
    # The usual case: pdfium's text and char list coincide, no mapping needed.
    assert pdf.char_index_map("ab\r\ncd", 6, lambda u: u) is None
    # A character outside the BMP: two UTF-16 units, one pdfium char.
    text = "a\U0001d400b"
    unit_to_char = {0: 0, 1: 1, 2: 1, 3: 2}
    assert pdf.char_index_map(text, 3, lambda u: unit_to_char.get(u, -1)) == [0, 1, 2, 3]
    # pdfium excluded char 1 from the text: text "ac" covers chars 0 and 2.
    assert pdf.char_index_map("ac", 3, lambda u: {0: 0, 1: 2}.get(u, -1)) == [0, 2, 3]
    # An inserted character (-1) borrows the previous char's index.
    assert pdf.char_index_map("a b", 2, lambda u: {0: 0, 1: -1, 2: 1}.get(u, -1)) == [0, 0, 1, 2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D:20250801120000+03'00'", "2025-08-01T12:00:00+03:00"),
        ("D:20250801120000Z", "2025-08-01T12:00:00+00:00"),
        ("D:20250801120000-05'30", "2025-08-01T12:00:00-05:30"),
        ("D:20250801", "2025-08-01T00:00:00"),
        ("20250801093000", "2025-08-01T09:30:00"),
        ("D:2025", None),
        ("D:20251341000000", None),
        ("D:16010101000000", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_pdf_date(raw: str | None, expected: str | None) -> None:
    parsed = pdf.parse_pdf_date(raw)
    assert (parsed.isoformat() if parsed else None) == expected
