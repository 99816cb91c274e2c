"""CSV: decode the bytes (UTF-8, UTF-16, cp1251, KOI8-R), guess the delimiter, emit one table."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from extract.document import DocumentError, ParsedDocument
from extract.lang import detect_language
from extract.parsers.builder import TextBuilder
from extract.parsers.encoding import decode_bytes
from extract.settings import Settings

__all__ = ["VERSION", "parse", "parse_string", "sniff_dialect"]

VERSION = "2"
log = logging.getLogger(__name__)

DELIMITERS = ",;\t|"
_SAMPLE_CHARS = 8192


def parse(path: Path, settings: Settings) -> ParsedDocument:
    """Parse one CSV file; raises DocumentError for binary content or a malformed file."""
    del settings  # no CSV-specific settings
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read CSV: {exc}") from exc
    text, encoding = decode_bytes(data)
    doc = parse_string(text)
    doc.metadata["encoding"] = encoding
    return doc


def parse_string(text: str) -> ParsedDocument:
    """A document holding ``text`` parsed as CSV (one table, cells separated by tabs in the text)."""
    dialect = sniff_dialect(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise DocumentError(f"corrupt CSV: {exc}") from exc
    builder = TextBuilder()
    builder.add_table(rows)
    doc_text = builder.text()
    return ParsedDocument(
        text=doc_text, format="csv", parser="csv", parser_version=VERSION, blocks=builder.blocks,
        tables=builder.tables, pages=[],
        metadata={
            "title": None, "language": detect_language(doc_text), "published": None, "published_source": None,
            "delimiter": dialect.delimiter,
        },
    )  # fmt: skip


def sniff_dialect(text: str) -> type[csv.Dialect]:
    """The CSV dialect of ``text``: csv.Sniffer on the first 8 KB (whole lines), delimiter one of , ; tab |."""
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut line would look like a different field count
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        log.debug("csv.Sniffer found no delimiter; counting candidates")
        return _fallback_dialect(sample)
    dialect.doublequote = True  # the sniffer guesses this from too little evidence
    return dialect


def _fallback_dialect(sample: str) -> type[csv.Dialect]:
    """The candidate found the same non-zero number of times on most lines; otherwise ','."""
    lines = [line for line in sample.splitlines() if line.strip()][:50]
    best, best_score = ",", 0.0
    for delimiter in DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        if not counts or not any(counts):
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) / len(counts) if mode else 0.0
        if score > best_score:
            best, best_score = delimiter, score

    class Fallback(csv.excel):
        delimiter = best

    return Fallback
