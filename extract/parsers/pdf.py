"""PDF: text and boxes from pypdfium2, ruled tables from pdfplumber (only on pages that draw enough lines).

Text comes page by page from pdfium's text page; lines are grouped into paragraphs by baseline spacing, font
size and column jumps. Each block's box is the union of pdfium's text rectangles for its characters, in PDF
points with a top-left origin. pdfplumber is opened lazily and only for pages with at least
``pdf.table_min_lines`` straight path segments; its table cells are located in the page text already added,
so table text is never duplicated.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from extract.document import BBox, DocumentError, ParsedDocument
from extract.lang import detect_language
from extract.parsers.builder import TextBuilder, clean_text
from extract.parsers.pdf_tables import TableFinder, page_text, round_box
from extract.settings import Settings

__all__ = ["VERSION", "char_index_map", "parse", "parse_pdf_date"]

VERSION = "2"
log = logging.getLogger(__name__)

_LINE = re.compile(r"[^\r\n]+")
#: pdfium writes U+FFFE where it joined a word hyphenated across lines ("infor\ufffemation"): drop the marker
_MARKERS = {0xFFFE: None}
_SENTENCE_END = frozenset('.!?:;»"')
_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?")
#: values some producers write when the field is unknown (reportlab's defaults among them)
_PLACEHOLDERS = {"(anonymous)", "(unspecified)", "anonymous", "unspecified", "untitled", "unknown"}
_OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "PDF is encrypted and needs a password",
    pdfium_c.FPDF_ERR_SECURITY: "PDF is encrypted with an unsupported security scheme",
    pdfium_c.FPDF_ERR_FORMAT: "corrupt PDF: the file is damaged or truncated (pdfium: data format error)",
    pdfium_c.FPDF_ERR_FILE: "cannot read PDF: file access error",
}


def parse(path: Path, settings: Settings) -> ParsedDocument:
    """Parse one PDF; raises DocumentError for encrypted, corrupt or oversized files."""
    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        raise DocumentError(_OPEN_ERRORS.get(exc.err_code, f"corrupt PDF: {exc}")) from exc
    except OSError as exc:
        raise DocumentError(f"cannot read PDF: {exc}") from exc
    except Exception as exc:  # anything the library raises becomes a readable message
        raise DocumentError(f"corrupt PDF: {exc}") from exc
    try:
        n_pages, limit = len(pdf), settings.limits.max_pages
        if n_pages > limit:
            msg = f"PDF has {n_pages} pages, over the limit of {limit} (limits.max_pages)"
            raise DocumentError(msg, status="skipped")
        if n_pages == 0:
            raise DocumentError("corrupt PDF: no pages could be read")
        metadata = _metadata(pdf)
        builder = TextBuilder()
        warnings: list[str] = []
        tables = TableFinder(path, warnings)
        try:
            for index in range(n_pages):
                _parse_page(pdf, index, builder, settings, tables, warnings)
        finally:
            tables.close()
    finally:
        pdf.close()
    text = builder.text()
    metadata["language"] = detect_language(text)
    return ParsedDocument(
        text=text, format="pdf", parser="pypdfium2+pdfplumber", parser_version=VERSION, blocks=builder.blocks,
        tables=builder.tables, pages=builder.pages, metadata=metadata, warnings=warnings,
    )  # fmt: skip


@dataclass(slots=True)
class _Line:
    start: int  # Python indices into the page text
    end: int
    bbox: BBox
    first: float  # display y of the first character's baseline (top-left origin)
    last: float  # ... and of the last one's: pdfium joins lines it dehyphenates
    size: float  # font size in points


def _parse_page(
    pdf: Any, index: int, builder: TextBuilder, settings: Settings, tables: TableFinder, warnings: list[str]
) -> None:
    number = index + 1
    start = builder.start_page()
    try:
        page = pdf[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range().rstrip("\x00")
                lines = _lines(textpage, text, _display_transform(page))
            finally:
                textpage.close()
            has_text = len("".join(text.split())) >= settings.pdf.min_page_chars
            images, rules = _scan_objects(page.raw, settings.pdf.table_min_lines, need_images=not has_text)
        finally:
            page.close()
    except Exception as exc:  # a broken page must not cost the rest of the document
        log.warning("page %d of PDF unreadable: %s", number, exc)
        warnings.append(f"page {number}: could not be read ({exc})")
        builder.end_page(number, start, has_text_layer=False, needs_ocr=False, notes=("page could not be read",))
        return
    placed: list[tuple[int, str]] = []  # (char_start, text) of this page's blocks, for locating table cells
    for group in _paragraphs(lines, text):
        chunk = text[group[0].start : group[-1].end].translate(_MARKERS)
        block = builder.add_block(chunk, page=number, bbox=round_box(_union([line.bbox for line in group])))
        if block is not None:
            placed.append((block.char_start, clean_text(chunk).strip()))
    if rules >= settings.pdf.table_min_lines:
        tables.find(index, number, builder, page_text(placed, start), start)
    builder.end_page(
        number, start, width=round(width, 2), height=round(height, 2), has_text_layer=has_text,
        needs_ocr=not has_text and images > 0, notes=() if has_text else ("no text layer",),
    )  # fmt: skip


def char_index_map(text: str, n_chars: int, text_to_char: Callable[[int], int]) -> list[int] | None:
    """pdfium char index for each index of ``text`` (plus an end sentinel), or None when they coincide.

    pdfium's text output can differ from its char list: characters outside the BMP take two UTF-16 units but
    one char slot, and a few PDFs make pdfium exclude or insert characters. ``text_to_char`` is
    FPDFText_GetCharIndexFromTextIndex (UTF-16 unit -> char index, -1 for inserted text).
    """
    n = len(text)
    units = len(text.encode("utf-16-le")) // 2
    if n == n_chars and units == n and all(text_to_char(i) == i for i in range(0, n, max(1, n // 8))):
        return None
    mapping: list[int] = []
    unit = 0
    last = 0
    for ch in text:
        idx = text_to_char(unit)
        last = idx if idx >= 0 else last
        mapping.append(last)
        unit += 2 if ord(ch) > 0xFFFF else 1
    mapping.append(n_chars)
    return mapping


def _lines(textpage: Any, text: str, to_display: Callable[[float, float], tuple[float, float]]) -> list[_Line]:
    raw = textpage.raw
    n_chars = pdfium_c.FPDFText_CountChars(raw)
    mapping = char_index_map(text, n_chars, lambda u: pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, u))
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
    count_rects, get_rect = pdfium_c.FPDFText_CountRects, pdfium_c.FPDFText_GetRect
    lines: list[_Line] = []
    for match in _LINE.finditer(text):
        line = match.group()
        lead = len(line) - len(line.lstrip())
        if lead == len(line):
            continue
        s, e = match.start() + lead, match.end()
        cs, ce = (s, e) if mapping is None else (mapping[s], mapping[e - 1] + 1)
        if ce <= cs or cs >= n_chars:
            continue
        xs: list[float] = []
        ys: list[float] = []
        for i in range(count_rects(raw, cs, ce - cs)):
            if get_rect(raw, i, *refs):
                x0, y0 = to_display(left.value, top.value)
                x1, y1 = to_display(right.value, bottom.value)
                xs += (x0, x1)
                ys += (y0, y1)
        if not xs:
            continue
        bbox = (min(xs), min(ys), max(xs), max(ys))
        size = pdfium_c.FPDFText_GetFontSize(raw, cs) or (bbox[3] - bbox[1])
        # One pdfium line is one printed line, unless pdfium joined a hyphenated word across lines.
        joined = "\ufffe" in line
        baselines = [bbox[3], bbox[3]]
        for k, index in enumerate((cs, ce - 1) if joined else (cs,)):
            if pdfium_c.FPDFText_GetCharOrigin(raw, index, refs[0], refs[1]):
                baselines[k] = to_display(left.value, top.value)[1]
        if not joined:
            baselines[1] = baselines[0]
        lines.append(_Line(s, e, bbox, baselines[0], baselines[1], max(size, 1.0)))
    return lines


def _paragraphs(lines: list[_Line], text: str) -> list[list[_Line]]:
    """Group lines into paragraphs: break on a larger baseline step, a font size change, a jump, or after a
    short line that ends a sentence (paragraphs set without spacing between them)."""
    if not lines:
        return []
    right = max(line.bbox[2] for line in lines)
    pitches = [b.first - a.last for a, b in pairwise(lines)]
    normal = [p for p, a in zip(pitches, lines, strict=False) if 0.5 * a.size < p <= 3 * a.size]
    typical = median(normal) if normal else 0.0
    groups = [[lines[0]]]
    for (prev, line), pitch in zip(pairwise(lines), pitches, strict=True):
        size = max(prev.size, line.size)
        new = (
            pitch < 0.5 * size  # same baseline or moving up: another column or out-of-order text
            or pitch > 1.3 * max(typical, size)
            or size > 1.25 * min(prev.size, line.size)
            or line.bbox[0] > prev.bbox[2]
            or line.bbox[2] < prev.bbox[0]
            or (text[prev.end - 1] in _SENTENCE_END and right - prev.bbox[2] > 0.25 * (right - prev.bbox[0]))
        )
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _display_transform(page: Any) -> Callable[[float, float], tuple[float, float]]:
    """PDF user space (bottom-left origin) -> displayed page in points (top-left origin), honouring /Rotate."""
    left, bottom, right, top = page.get_bbox()
    rotation = page.get_rotation()
    if rotation == 90:
        return lambda x, y: (y - bottom, x - left)
    if rotation == 180:
        return lambda x, y: (right - x, y - bottom)
    if rotation == 270:
        return lambda x, y: (top - y, right - x)
    return lambda x, y: (x - left, top - y)


def _scan_objects(page_raw: Any, min_lines: int, *, need_images: bool) -> tuple[int, int]:
    """(image objects, straight path segments) on the page, stopping once the answers needed are known."""
    state = [0, 0]
    count_segments, line_to = pdfium_c.FPDFPath_CountSegments, pdfium_c.FPDF_SEGMENT_LINETO

    def visit(count: int, get: Callable[[int], Any], depth: int) -> None:
        for i in range(count):
            if (state[0] or not need_images) and state[1] >= min_lines:
                return
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                state[0] += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and state[1] < min_lines:
                segments = (pdfium_c.FPDFPath_GetPathSegment(obj, k) for k in range(min(count_segments(obj), 16)))
                state[1] += sum(pdfium_c.FPDFPathSegment_GetType(seg) == line_to for seg in segments)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                get_child = partial(pdfium_c.FPDFFormObj_GetObject, obj)
                visit(pdfium_c.FPDFFormObj_CountObjects(obj), get_child, depth + 1)

    visit(pdfium_c.FPDFPage_CountObjects(page_raw), partial(pdfium_c.FPDFPage_GetObject, page_raw), 0)
    return state[0], state[1]


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def parse_pdf_date(value: str | None) -> datetime | None:
    """A PDF date string (``D:20250801120000+03'00'``) as a datetime; None when absent or implausible."""
    match = _DATE.match((value or "").strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zulu, sign, tz_h, tz_m = match.groups()
    try:
        tz = UTC if zulu else None
        if sign:
            offset = timedelta(hours=int(tz_h), minutes=int(tz_m or 0))
            tz = timezone(offset if sign == "+" else -offset)
        fields = [int(v or 0) for v in (year, month, day, hour, minute, second)]
        parsed = datetime(*fields, tzinfo=tz)
    except ValueError:
        return None
    return parsed if 1980 <= parsed.year <= 2100 else None


def _metadata(pdf: Any) -> dict[str, Any]:
    try:
        raw = pdf.get_metadata_dict()
    except Exception as exc:  # damaged metadata is no reason to drop the text
        log.debug("PDF metadata unreadable: %s", exc)
        raw = {}

    def value(key: str) -> str | None:
        text = clean_text(raw.get(key) or "").strip()
        return None if not text or text.lower() in _PLACEHOLDERS else text

    created, modified = parse_pdf_date(raw.get("CreationDate")), parse_pdf_date(raw.get("ModDate"))
    return {
        "title": value("Title"),
        "author": value("Author"),
        "subject": value("Subject"),
        "producer": value("Producer"),
        "creator_app": value("Creator"),
        "created": created.isoformat() if created else None,
        "modified": modified.isoformat() if modified else None,
        "published": created.date().isoformat() if created else None,
        "published_source": "pdf:CreationDate" if created else None,
    }
