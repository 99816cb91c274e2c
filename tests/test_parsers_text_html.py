"""Plain text and HTML: text found, boilerplate dropped, offsets exact, tables kept, metadata read."""

from pathlib import Path

import pytest

from extract.parsers import detect_format, parse
from extract.parsers.html import parse_html
from extract.parsers.text import parse_string

ARTICLE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="windows-1251"><title>Суды и СОЧ</title>
<meta property="article:published_time" content="2025-03-02T08:00:00+03:00">
<script>var tracking = "Более 99 тыс. просмотров";</script><style>p { color: red }</style></head>
<body>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/war">Война</a></li></ul></nav>
<header class="site-header">Издание</header>
<div class="cookie-banner">Мы используем cookies</div>
<article>
  <h1>Суды и СОЧ</h1>
  <p>С начала мобилизации суды получили <b>более 20 тыс.</b> дел<br>о самовольном оставлении части.</p>
  <aside class="also-read">Читайте также: другая статья</aside>
  <table><caption>Дела по статьям</caption>
    <thead><tr><th>Статья</th><th>2024</th><th>2025</th></tr></thead>
    <tbody><tr><td>ст. 337</td><td>3 200</td><td>3 400</td></tr>
    <tr><td>ст. 338</td><td colspan="2">нет данных</td></tr></tbody>
  </table>
  <p>Данные: Медиазона.</p>
</article>
<footer>© 2025 Издание. Телефон редакции +7 495 000-00-00</footer>
</body></html>"""


def test_html_main_text_without_boilerplate(tmp_path: Path, settings) -> None:
    path = tmp_path / "article.html"
    path.write_bytes(ARTICLE.encode("cp1251"))
    assert detect_format(path) == "html"
    doc = parse(path, settings)
    assert "С начала мобилизации суды получили более 20 тыс. дел\nо самовольном оставлении части." in doc.text
    for boilerplate in ("Главная", "Издание", "cookies", "Читайте также", "Телефон", "просмотров", "color"):
        assert boilerplate not in doc.text
    assert doc.metadata["title"] == "Суды и СОЧ"
    assert doc.metadata["published"] == "2025-03-02"
    assert doc.metadata["language"] == "ru"
    assert doc.metadata["encoding"] == "windows-1251"
    for block in doc.blocks:
        assert doc.text[block.char_start : block.char_end].strip()
        assert block.page is None
    assert [b.kind for b in doc.blocks][:2] == ["heading", "paragraph"]


def test_html_table_cells_slice_the_text() -> None:
    doc = parse_html(ARTICLE)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.values() == [
        ["Статья", "2024", "2025"],
        ["ст. 337", "3 200", "3 400"],
        ["ст. 338", "нет данных", ""],
    ]
    for row in table.rows:
        for cell in row:
            if cell.text:
                assert doc.text[cell.char_start : cell.char_end] == cell.text


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="date" content="2025-03-02">', "2025-03-02"),
        ('<meta name="DC.date.issued" content="02.03.2025">', "2025-03-02"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-11-05T10:00"}</script>',
            "2024-11-05",
        ),
        ("", None),
    ],
)
def test_html_publication_date_sources(meta: str, expected: str | None) -> None:
    doc = parse_html(f"<html><head>{meta}</head><body><p>Text of the report.</p></body></html>")
    assert doc.metadata["published"] == expected


def test_html_time_element_gives_the_date() -> None:
    doc = parse_html(
        '<html><body><article><time datetime="2025-08-14">14 Aug</time><p>Body</p></article></body></html>'
    )
    assert doc.metadata["published"] == "2025-08-14"


def test_broken_markup_still_yields_text() -> None:
    doc = parse_html("<html><body><div><p>Unclosed <b>bold <i>and italic</div><p>Second</body>")
    assert "Unclosed bold and italic" in doc.text
    assert "Second" in doc.text


def test_text_keeps_the_original_offsets() -> None:
    raw = "Заголовок\r\n\r\nПервый абзац, 20 538 дел.\nВторая строка.\n \n\nSecond paragraph in English.\n"
    doc = parse_string(raw)
    assert doc.text == raw.replace("\r", "")
    spans = [doc.text[b.char_start : b.char_end] for b in doc.blocks]
    assert spans == ["Заголовок", "Первый абзац, 20 538 дел.\nВторая строка.", "Second paragraph in English."]
    assert [b.lang for b in doc.blocks] == ["ru", "ru", "en"]
    assert doc.metadata["title"] == "Заголовок"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", b"plain words", "text"),
        ("a.dat", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a.htm", b"<p>fragment</p>", "html"),
        ("a.csv", b"a;b\n1;2\n", "csv"),
        ("a.bin", b"%PDF-1.7\n...", "pdf"),
    ],
)
def test_format_is_sniffed_from_content(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == expected


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("empty.txt", b"", "error", "empty file"),
        ("fake.pdf", b"this is not a pdf at all", "error", "not a PDF"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "skipped", "image"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "skipped", "legacy"),
        (
            "locked.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "error",
            "DOCX is encrypted",
        ),
    ],
)
def test_unreadable_formats_are_explained(tmp_path: Path, name: str, content: bytes, status: str, message: str) -> None:
    from extract.document import DocumentError

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message) as info:
        detect_format(path)
    assert info.value.status == status
