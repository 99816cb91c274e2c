"""XLSX: every worksheet becomes one table (after a heading block with the sheet's name), via openpyxl.

The workbook is read in read-only mode with cached formula results (``data_only``). Values are written the way
an analyst reads them: dates as ISO dates (with the time when it is not midnight), whole floats without ``.0``,
empty cells as empty strings. Empty rows and trailing empty columns are dropped.
"""

from __future__ import annotations

import logging
import math
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree

from extract.document import ZIP_ERRORS, DocumentError, ParsedDocument
from extract.lang import detect_language
from extract.parsers.builder import TextBuilder
from extract.parsers.ole import reject_ole
from extract.settings import Settings

__all__ = ["VERSION", "cell_text", "parse"]

VERSION = "1"
log = logging.getLogger(__name__)

_CORE_XML = "docProps/core.xml"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)
_DC, _DCTERMS = "{http://purl.org/dc/elements/1.1/}", "{http://purl.org/dc/terms/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_CORE_TAGS = {
    "title": f"{_DC}title",
    "author": f"{_DC}creator",
    "last_modified_by": f"{_CP}lastModifiedBy",
    "created": f"{_DCTERMS}created",
    "modified": f"{_DCTERMS}modified",
}


def parse(path: Path, settings: Settings) -> ParsedDocument:
    """Parse one XLSX workbook; raises DocumentError when it is encrypted or damaged."""
    del settings  # no XLSX-specific settings
    reject_ole(path, "XLSX")
    builder = TextBuilder()
    warnings: list[str] = []
    # A file handle, not the path: openpyxl refuses paths whose extension is not .xlsx/.xlsm/...
    with path.open("rb") as fh:
        try:
            workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except Exception as exc:  # any library failure on a damaged file becomes a readable message
            raise DocumentError(f"corrupt XLSX: {type(exc).__name__}: {exc}") from exc
        try:
            for sheet in workbook.worksheets:
                rows = _sheet_rows(sheet)
                if not rows:
                    continue
                if sheet.sheet_state != "visible":
                    warnings.append(f"sheet {sheet.title!r} is {sheet.sheet_state}; its cells are included")
                builder.add_block(sheet.title, kind="heading")
                builder.add_table(rows, name=sheet.title)
        except Exception as exc:  # read-only sheets parse lazily, so damage can surface only here
            raise DocumentError(f"corrupt XLSX: {type(exc).__name__}: {exc}") from exc
        finally:
            workbook.close()
    metadata = _metadata(path)
    text = builder.text()
    metadata["language"] = detect_language(text)
    return ParsedDocument(
        text=text, format="xlsx", parser="openpyxl", parser_version=VERSION, blocks=builder.blocks,
        tables=builder.tables, pages=[], metadata=metadata, warnings=warnings,
    )  # fmt: skip


def _sheet_rows(sheet: Any) -> list[list[str]]:
    """Non-empty rows as strings, trailing empty cells dropped, every row padded to the widest one."""
    rows: list[list[str]] = []
    width = 0
    sheet.reset_dimensions()  # a stale <dimension> would pad every row to it (up to 16384 columns)
    for values in sheet.iter_rows(values_only=True):
        row = [cell_text(v) for v in values]
        while row and not row[-1].strip():
            row.pop()
        if row:
            rows.append(row)
            width = max(width, len(row))
    for row in rows:
        row.extend([""] * (width - len(row)))
    return rows


def cell_text(value: Any) -> str:
    """One cell value as text: ISO dates, whole floats as integers, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second or value.microsecond else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second or value.microsecond else "minutes")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"
    return str(value)


def _metadata(path: Path) -> dict[str, Any]:
    """Core properties read from docProps/core.xml directly: openpyxl fills a missing date with 'now'."""
    found: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read(_CORE_XML), _SAFE_XML)
        for key, tag in _CORE_TAGS.items():
            element = root.find(tag)
            if element is not None and element.text and element.text.strip():
                found[key] = element.text.strip()
    except (KeyError, etree.XMLSyntaxError, *ZIP_ERRORS) as exc:
        log.debug("%s: no readable core properties (%s)", path.name, exc)
    created, modified = _w3c_datetime(found.get("created")), _w3c_datetime(found.get("modified"))
    return {
        "title": found.get("title"),
        "author": found.get("author"),
        "last_modified_by": found.get("last_modified_by"),
        "created": created.isoformat() if created else None,
        "modified": modified.isoformat() if modified else None,
        "published": created.date().isoformat() if created else None,
        "published_source": "xlsx:core.created" if created else None,
    }


def _w3c_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if 1980 <= parsed.year <= 2100 else None
