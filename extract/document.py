"""The one document type every parser produces and the NLP stage consumes.

A :class:`ParsedDocument` is the extracted text of one file plus the provenance needed to trace any character
back to its place: blocks (page, bounding box, character span), tables (rows of cells, each with its span where
the cell's text is part of ``text``), per-page quality and document metadata. Offsets are Python string offsets
into ``ParsedDocument.text``, so ``text[block.char_start:block.char_end]`` is the block's text.
"""

from __future__ import annotations

import zipfile
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["BBox", "Block", "Cell", "DocumentError", "PageInfo", "ParsedDocument", "Table"]

#: (x0, top, x1, bottom) in PDF points with the origin at the page's top-left corner.
BBox = tuple[float, float, float, float]


#: what the standard zipfile module raises on a broken, hostile or unsupported container: a crafted header can
#: raise NotImplementedError ("zip file version 6.4") or EOFError as well as BadZipFile
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError,
)  # fmt: skip


class DocumentError(Exception):
    """A file could not be turned into a document; the message is shown to the user as is."""

    def __init__(self, message: str, *, status: str = "error") -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Block:
    """A contiguous stretch of text: a paragraph, heading, list item, table row or page line group."""

    char_start: int
    char_end: int
    page: int | None = None
    bbox: BBox | None = None
    kind: str = "paragraph"
    lang: str | None = None
    confidence: float | None = None  # mean OCR word confidence (0-100) for text read from a scan


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell; ``char_start``/``char_end`` locate its text in the document text, or are None."""

    text: str
    row: int
    col: int
    char_start: int | None = None
    char_end: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cells, in reading order; ``index`` counts tables in the document from 0."""

    index: int
    rows: tuple[tuple[Cell, ...], ...]
    page: int | None = None
    bbox: BBox | None = None
    name: str | None = None

    def values(self) -> list[list[str]]:
        """The table as plain strings, row by row."""
        return [[cell.text for cell in row] for row in self.rows]


@dataclass(frozen=True, slots=True)
class PageInfo:
    """Per-page facts and quality: where the page's text lies and whether it has a usable text layer."""

    number: int
    char_start: int
    char_end: int
    width: float | None = None
    height: float | None = None
    has_text_layer: bool = True
    needs_ocr: bool = False
    notes: tuple[str, ...] = ()
    ocr_confidence: float | None = None  # mean word confidence (0-100) where the text came from OCR


@dataclass(slots=True)
class ParsedDocument:
    """Everything a parser learned about one file."""

    text: str
    format: str
    parser: str
    parser_version: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def lang(self) -> str | None:
        return self.metadata.get("language")

    @property
    def page_count(self) -> int | None:
        return len(self.pages) or None

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding character ``offset``, or None for formats without pages."""
        if not self.pages:
            return None
        lo, hi = 0, len(self.pages) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.pages[mid].char_start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.pages[lo].number

    @property
    def status(self) -> str:
        """`ok`, `needs_ocr` (no page has text) or `partial` (some pages have none)."""
        missing = [p.number for p in self.pages if p.needs_ocr]
        if not missing:
            return "ok"
        if len(missing) == len(self.pages) or not self.text.strip():
            return "needs_ocr"
        return "partial"

    def status_message(self) -> str | None:
        missing = [p.number for p in self.pages if p.needs_ocr]
        if not missing:
            return None
        if len(missing) == len(self.pages):
            return "no page has a text layer; the document needs OCR"
        return f"pages {_ranges(missing)} have no text layer (need OCR); the other pages were extracted"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedDocument:
        def bbox(value: Any) -> BBox | None:
            return tuple(value) if value is not None else None  # type: ignore[return-value]

        return cls(
            text=data["text"],
            format=data["format"],
            parser=data["parser"],
            parser_version=data["parser_version"],
            blocks=[Block(**{**b, "bbox": bbox(b["bbox"])}) for b in data["blocks"]],
            tables=[
                Table(
                    index=t["index"],
                    rows=tuple(tuple(Cell(**{**c, "bbox": bbox(c["bbox"])}) for c in row) for row in t["rows"]),
                    page=t["page"],
                    bbox=bbox(t["bbox"]),
                    name=t.get("name"),
                )
                for t in data["tables"]
            ],
            pages=[PageInfo(**{**p, "notes": tuple(p["notes"])}) for p in data["pages"]],
            metadata=dict(data["metadata"]),
            warnings=list(data["warnings"]),
        )


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
