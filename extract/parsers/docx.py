"""DOCX: body paragraphs and tables in document order, via python-docx.

Paragraph text is read from the runs directly (tracked insertions and content controls included, tracked
deletions and text boxes left out), so nothing a reader sees in the body is lost. Headings are recognised by
style name or outline level. A merged table cell's text appears once: repeated grid positions, horizontal or
vertical, are emitted as empty cells so columns stay aligned and no text is counted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart

from extract.document import DocumentError, ParsedDocument
from extract.lang import detect_language
from extract.parsers.builder import TextBuilder
from extract.parsers.ole import reject_ole
from extract.settings import Settings

__all__ = ["VERSION", "parse"]

VERSION = "1"
log = logging.getLogger(__name__)

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_CUSTOM_XML, _R, _TR, _TC = qn("w:customXml"), qn("w:r"), qn("w:tr"), qn("w:tc")
#: run ancestors whose text is not part of the paragraph as read: deletions, moved-away text, text boxes
_SKIP_RUNS_IN = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), qn("w:p")}
_HEADING_STYLES = ("heading", "title", "заголовок", "название")
#: macro-enabled documents and templates have the same body; python-docx only registers plain .docx
_WORD_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
for _content_type in _WORD_MAIN_TYPES:
    PartFactory.part_type_for.setdefault(_content_type, DocumentPart)


def parse(path: Path, settings: Settings) -> ParsedDocument:
    """Parse one DOCX file; raises DocumentError when it is encrypted or damaged."""
    del settings  # no DOCX-specific settings
    reject_ole(path, "DOCX")
    try:
        document = _open(path)
        builder = TextBuilder()
        styles = _style_names(document)
        for element in _body_elements(document.element.body):
            if element.tag == _P:
                builder.add_block(_paragraph_text(element), kind=_kind(element, styles))
            else:
                builder.add_table(_table_rows(element))
        metadata = _metadata(document)
    except DocumentError:
        raise
    except Exception as exc:  # any library failure on a damaged file becomes a readable message
        raise DocumentError(f"corrupt DOCX: {type(exc).__name__}: {exc}") from exc
    text = builder.text()
    metadata["language"] = detect_language(text)
    return ParsedDocument(
        text=text, format="docx", parser="python-docx", parser_version=VERSION,
        blocks=builder.blocks, tables=builder.tables, pages=[], metadata=metadata,
    )  # fmt: skip


def _open(path: Path) -> Any:
    """The python-docx Document of a .docx, .docm, .dotx or .dotm file (docx.Document() takes .docx only)."""
    part = Package.open(str(path)).main_document_part
    if not isinstance(part, DocumentPart):
        raise DocumentError(f"not a Word document: its main part is {part.content_type}")
    return part.document


def _body_elements(container: Any) -> Iterator[Any]:
    """w:p and w:tbl children in order, looking inside content controls and custom XML wrappers."""
    for child in container.iterchildren():
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_elements(content)
        elif tag == _CUSTOM_XML:
            yield from _body_elements(child)


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for run in p.iter(_R):
        ancestor = run.getparent()
        while ancestor is not None and ancestor is not p and ancestor.tag not in _SKIP_RUNS_IN:
            ancestor = ancestor.getparent()
        if ancestor is p:
            parts.append(run.text)
    return "".join(parts)


def _style_names(document: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        style_id = style.get(qn("w:styleId"))
        if style_id is not None:
            names[style_id] = (name.get(qn("w:val")) if name is not None else style_id) or style_id
    return names


def _kind(p: Any, styles: dict[str, str]) -> str:
    ppr = p.pPr
    if ppr is None:
        return "paragraph"
    style_id = p.style or ""
    name = styles.get(style_id, style_id).lower()
    if name.startswith(_HEADING_STYLES) or style_id.lower().startswith(_HEADING_STYLES):
        return "heading"
    outline = ppr.find(qn("w:outlineLvl"))
    if outline is not None and outline.get(qn("w:val"), "9") in "012345678":  # level 9 is body text
        return "heading"
    if ppr.find(qn("w:numPr")) is not None or name.startswith("list"):
        return "list_item"
    return "paragraph"


def _table_rows(tbl: Any) -> list[list[str]]:
    """Cell texts row by row on the layout grid; merged cells give their text once, then empty strings."""
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_TR):
        row: list[str] = [""] * tr.grid_before
        for tc in tr.iterchildren(_TC):
            span = tc.grid_span
            if tc.vMerge == "continue":
                row.extend([""] * span)
            else:
                row.append(_cell_text(tc))
                row.extend([""] * (span - 1))
        rows.append(row)
    return rows


def _cell_text(tc: Any) -> str:
    parts: list[str] = []
    for element in _body_elements(tc):
        if element.tag == _P:
            parts.append(_paragraph_text(element))
        else:  # a nested table: its cells, flattened into the outer cell
            parts.extend(cell for row in _table_rows(element) for cell in row if cell)
    return "\n".join(part for part in parts if part.strip())


def _metadata(document: Any) -> dict[str, Any]:
    package = document.part.package
    if not any(rel.reltype == RT.CORE_PROPERTIES for rel in package.rels.values()):
        # python-docx would invent defaults (title "Word Document", modified = now) for a missing part.
        return dict.fromkeys(("title", "author", "created", "modified", "published", "published_source"))
    core = document.core_properties

    def text(value: str | None) -> str | None:
        return (value or "").strip() or None

    created: datetime | None = core.created
    modified: datetime | None = core.modified
    return {
        "title": text(core.title),
        "author": text(core.author),
        "last_modified_by": text(core.last_modified_by),
        "created": created.isoformat() if created else None,
        "modified": modified.isoformat() if modified else None,
        "published": created.date().isoformat() if created else None,
        "published_source": "docx:core.created" if created else None,
    }
