"""HTML pages: the main text without navigation and boilerplate, tables kept as tables, meta dates.

The main content is the largest ``<article>`` (else ``<main>``, ``[role=main]``, or the body), after removing
scripts, navigation, headers and footers outside it, sidebars, cookie banners and "related" boxes. Block
elements become blocks; ``<table>`` elements become tables; ``<br>`` is a line break.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
from lxml import etree

from extract.document import DocumentError, ParsedDocument
from extract.lang import detect_language
from extract.parsers.builder import TextBuilder, collapse_spaces
from extract.parsers.encoding import decode_bytes
from extract.settings import Settings

__all__ = ["VERSION", "parse", "parse_html"]

VERSION = "2"

_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "input",
    "select", "textarea", "nav", "aside", "menu", "object", "embed", "video", "audio", "map", "dialog",
}  # fmt: skip
_PAGE_CHROME = {"header", "footer"}
_BOILERPLATE = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumbs?|cookies?|consent|banner|gdpr|related|also[-_]?read|read[-_]?also|"
    r"see[-_]?also|read[-_]?more|more[-_]?news|tags|tag[-_]?list|rubric|"
    r"recommend\w*|share|sharing|social|subscribe|subscription|newsletter|advert\w*|ads?|promo|sidebar|"
    r"comments?|footer|masthead|popup|modal|teaser)($|[-_\s])",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "figcaption",
    "caption", "address", "summary", "td", "th",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CONTAINER_TAGS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "figure",
    "header",
    "footer",
    "details",
    "center",
    "fieldset",
    "html",
    "span",
    "font",
}
_META_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.created", "pubdate", "publishdate", "publish-date", "sailthru.date", "parsely-pub-date",
    "citation_publication_date", "citation_date",
)  # fmt: skip
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAX_TITLE_CHARS = 1000


def parse(path: Path, settings: Settings) -> ParsedDocument:
    data = path.read_bytes()
    text, encoding = _decode(data)
    doc = parse_html(text)
    doc.metadata["encoding"] = encoding
    return doc


def _decode(data: bytes) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    return decode_bytes(data)


def parse_html(markup: str) -> ParsedDocument:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", markup) or "<html></html>", parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"HTML could not be parsed: {exc}") from exc
    metadata = _metadata(root)
    _strip(root)
    main = _main_content(root)
    builder = TextBuilder()
    title = metadata.get("title")
    if title and main.tag != "body" and next(main.iter("h1"), None) is None:
        builder.add_block(title, kind="heading")
    _Walker(builder).walk(main)
    text = builder.text()
    metadata["language"] = detect_language(text)
    return ParsedDocument(
        text=text,
        format="html",
        parser="html",
        parser_version=VERSION,
        blocks=builder.blocks,
        tables=builder.tables,
        metadata=metadata,
    )


def _metadata(root: lxml.html.HtmlElement) -> dict:
    meta: dict = {"title": None, "published": None, "published_source": None}
    titles = root.xpath("//head/title")
    if titles:
        # An unclosed <title> swallows the rest of the page (it is raw text to the end); that is no title.
        title = _text(titles[0])
        meta["title"] = title if 0 < len(title) <= _MAX_TITLE_CHARS else None
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and el.get("content"):
            found.setdefault(key, el.get("content"))
    if not meta["title"] and found.get("og:title"):
        meta["title"] = found["og:title"].strip()
    for key in _META_DATE_KEYS:
        date = _iso_date(found.get(key, ""))
        if date:
            meta["published"], meta["published_source"] = date, f"html:meta[{key}]"
            break
    if not meta["published"]:
        for script in root.xpath('//script[@type="application/ld+json"]'):
            date = _iso_date(_json_ld_date(script.text or ""))
            if date:
                meta["published"], meta["published_source"] = date, "html:json-ld datePublished"
                break
    if not meta["published"]:
        for el in root.iter("time"):
            date = _iso_date(el.get("datetime") or "")
            if date:
                meta["published"], meta["published_source"] = date, "html:time[datetime]"
                break
    author = found.get("author") or found.get("article:author")
    if author:
        meta["author"] = author.strip()
    if root.get("lang"):
        meta["declared_language"] = root.get("lang")
    return meta


def _json_ld_date(blob: str) -> str:
    try:
        data = json.loads(blob)
    except ValueError:
        return ""
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict):
            for graph in [item, *(item.get("@graph") or [])]:
                if isinstance(graph, dict) and isinstance(graph.get("datePublished"), str):
                    return graph["datePublished"]
    return ""


def _iso_date(value: str) -> str | None:
    match = _ISO_DATE.search(value)
    if match:
        return match.group(0)
    match = _DOTTED_DATE.search(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _strip(root: lxml.html.HtmlElement) -> None:
    """Remove what is never content, and boilerplate outside the article."""
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _DROP_TAGS or el.tag == "head":
            doomed.append(el)
            continue
        if el.tag in _PAGE_CHROME and not _inside(el, ("article", "main")):
            doomed.append(el)
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if el.tag not in ("body", "html", "article", "main") and _BOILERPLATE.search(marker):
            doomed.append(el)
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true":
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _inside(el: lxml.html.HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(parent.tag in tags for parent in el.iterancestors())


def _main_content(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for query in ("//article", "//main", "//*[@role='main']"):
        candidates = root.xpath(query)
        if candidates:
            return max(candidates, key=lambda el: len(el.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _text(el: lxml.html.HtmlElement) -> str:
    return collapse_spaces(el.text_content())


class _Walker:
    """Turns the content tree into blocks: inline text accumulates until a block element flushes it."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.inline: list[str] = []

    def walk(self, el: lxml.html.HtmlElement) -> None:
        self._visit(el)
        self._flush()

    def _flush(self, kind: str = "paragraph") -> None:
        text = "".join(self.inline)
        self.inline = []
        lines = [collapse_spaces(line) for line in text.split("\n")]
        self.builder.add_block("\n".join(line for line in lines if line), kind=kind)

    def _add(self, text: str | None) -> None:
        """Source line breaks are not significant in HTML; only <br> and blocks break lines."""
        if text:
            self.inline.append(text.replace("\n", " "))

    def _visit(self, el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            self._flush()
            self._table(el)
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._inline_text(el)
            self._flush("heading" if tag in _HEADINGS else "list_item" if tag == "li" else "paragraph")
        elif tag == "br":
            self.inline.append("\n")
        else:
            block = tag in _CONTAINER_TAGS and tag not in ("span", "font")
            if block:
                self._flush()
            self._add(el.text)
            for child in el:
                self._visit(child)
                self._add(child.tail)
            if block:
                self._flush()

    def _inline_text(self, el: lxml.html.HtmlElement) -> None:
        self._add(el.text)
        for child in el:
            if child.tag == "br":
                self.inline.append("\n")
            elif child.tag in _BLOCK_TAGS or child.tag in ("table", "ul", "ol", "div"):
                # A block nested in a block (li > p, td > div): keep its text on its own line.
                self.inline.append("\n")
                self._inline_text(child)
                self.inline.append("\n")
            elif isinstance(child.tag, str):
                self._inline_text(child)
            self._add(child.tail)

    def _table(self, table: lxml.html.HtmlElement) -> None:
        rows = []
        for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
            cells = []
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                cells.append(_text(cell))
                span = cell.get("colspan", "1")
                extra = int(span) - 1 if span.isdigit() else 0
                cells.extend([""] * min(extra, 50))
            rows.append(cells)
        caption = table.find("caption")
        if caption is not None:
            self.builder.add_block(_text(caption), kind="heading")
        self.builder.add_table(rows)
