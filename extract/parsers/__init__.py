"""Every file format behind one interface: ``parse(path, settings) -> ParsedDocument``.

:func:`detect_format` decides the format from the file's first bytes (extensions lie in leaked dumps) and
falls back to the extension; :func:`parse` dispatches to ``extract/parsers/<format>.py``.
"""

from __future__ import annotations

import importlib
import zipfile
from pathlib import Path

from extract.document import ZIP_ERRORS, DocumentError, ParsedDocument
from extract.parsers.ole import OLE_MAGIC, reject_ole
from extract.settings import Settings

__all__ = ["FORMATS", "DocumentError", "detect_format", "parse", "parser_version"]

#: format name -> module in extract.parsers that parses it
FORMATS = {
    "text": "text",
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "csv": "csv",
}
#: formats handled by the run driver itself, not by a parser
CONTAINERS = {"zip"}

_TEXT_EXTENSIONS = {".txt", ".text", ".md", ".log", ".json", ".xml", ".tsv", ".rtf0"}
_HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml", ".mhtml"}
_IMAGE_MAGIC = {
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF8": "image/gif",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def detect_format(path: Path) -> str:
    """One of FORMATS or CONTAINERS; raises DocumentError(status='skipped') for formats we do not read."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    suffix = path.suffix.lower()
    if not head:
        raise DocumentError("empty file (0 bytes)")
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, suffix)
    for magic, mime in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            raise DocumentError(f"unsupported format: {mime} image (no OCR of standalone images yet)", status="skipped")
    if head.startswith(OLE_MAGIC):
        reject_ole(path)
    if head.startswith(b"{\\rtf"):
        raise DocumentError("unsupported format: RTF", status="skipped")
    if suffix in {".pdf", ".docx", ".xlsx", ".zip"}:
        raise DocumentError(f"not a {suffix[1:].upper()} file: its content does not start like one")
    if suffix == ".csv":
        return "csv"
    if suffix in _HTML_EXTENSIONS or _looks_like_html(head):
        return "html"
    return "text"


def _zip_kind(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except ZIP_ERRORS as exc:
        raise DocumentError(f"corrupt zip container: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if suffix in {".docx", ".xlsx"}:
        raise DocumentError(f"not a valid {suffix[1:].upper()} file: the zip holds no {suffix[1:]} document part")
    if any(n.startswith(("ppt/", "content.xml")) for n in names) or suffix in {".pptx", ".odt", ".ods"}:
        raise DocumentError(f"unsupported format: office document {suffix or '(zip)'}", status="skipped")
    return "zip"


def _looks_like_html(head: bytes) -> bool:
    # NULs are dropped so UTF-16 markup is recognised too.
    sniff = head[:2048].replace(b"\x00", b"").lower()
    return b"<html" in sniff or b"<!doctype html" in sniff


def parser_version(fmt: str) -> str:
    """The version of the parser for ``fmt``; part of the parse-cache key."""
    return f"{fmt}/{_module(fmt).VERSION}"


def parse(path: Path, settings: Settings, fmt: str | None = None) -> ParsedDocument:
    """Parse one file; raises DocumentError with a clear message when the file cannot be read."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise DocumentError(f"{fmt} is a container, not a document")
    doc: ParsedDocument = _module(fmt).parse(path, settings)
    limit = settings.limits.max_text_chars
    if len(doc.text) > limit:
        raise DocumentError(
            f"extracted text is {len(doc.text):,} characters, over the limit of {limit:,} (limits.max_text_chars)",
            status="skipped",
        )
    return doc


def _module(fmt: str):
    return importlib.import_module(f"extract.parsers.{FORMATS[fmt]}")
