"""Plain text: decode (UTF-8, UTF-16, cp1251, KOI8-R), keep the text as written, one block per paragraph."""

from __future__ import annotations

from pathlib import Path

import regex

from extract.document import Block, ParsedDocument
from extract.lang import detect_language
from extract.parsers.builder import clean_text
from extract.parsers.encoding import decode_bytes
from extract.settings import Settings

__all__ = ["VERSION", "paragraph_spans", "parse", "parse_string"]

VERSION = "2"

# Paragraphs are separated by blank lines (lines holding only whitespace).
_BLANK_LINES = regex.compile(r"\n[^\S\n]*\n\s*")


def parse(path: Path, settings: Settings) -> ParsedDocument:
    text, encoding = decode_bytes(path.read_bytes())
    doc = parse_string(text)
    doc.metadata["encoding"] = encoding
    return doc


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without surrounding whitespace."""
    spans = []
    pos = 0
    for sep in [*_BLANK_LINES.finditer(text), None]:
        end = sep.start() if sep else len(text)
        start = pos
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        if sep:
            pos = sep.end()
    return spans


def parse_string(text: str) -> ParsedDocument:
    """A document from text already in memory (``extract text`` uses this)."""
    text = clean_text(text)
    blocks = []
    for start, end in paragraph_spans(text):
        blocks.append(Block(start, end, kind="paragraph", lang=detect_language(text[start:end])))
    title = None
    if blocks:
        first_line = text[blocks[0].char_start : blocks[0].char_end].split("\n", 1)[0].strip()
        title = first_line if len(first_line) <= 200 else None
    return ParsedDocument(
        text=text,
        format="text",
        parser="text",
        parser_version=VERSION,
        blocks=blocks,
        metadata={"title": title, "language": detect_language(text), "published": None},
    )
