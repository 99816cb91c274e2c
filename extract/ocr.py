"""OCR of PDF pages without a text layer: render with pypdfium2, deskew, read with Tesseract (``rus+eng``).

The words Tesseract reads go into the document like any other text: one block per printed line (kind
``ocr_line``, with its box in PDF points and its mean word confidence), lines of a page joined by newlines, so
list rows stay one per line. Each page's mean confidence is kept in ``PageInfo.ocr_confidence``. Without the
``tesseract`` program (or its language data) the document keeps its ``needs_ocr`` status and gets a warning
that says what to install.
"""

from __future__ import annotations

import csv
import io
import logging
import math
import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image

from extract.document import Block, PageInfo, ParsedDocument, Table
from extract.lang import detect_language
from extract.settings import OcrSettings

__all__ = ["OcrLine", "OcrUnavailable", "apply_ocr", "estimate_skew", "ocr_image", "tesseract_problem"]

log = logging.getLogger(__name__)

INSTALL_HINT = "install tesseract-ocr, tesseract-ocr-rus and tesseract-ocr-eng (apt-get install on Debian/Ubuntu)"


class OcrUnavailable(RuntimeError):
    """Tesseract or its language data is missing; the message says what to install."""


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One printed line as Tesseract read it: text, box in pixels, mean word confidence, paragraph id."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    paragraph: tuple[int, int]


@cache
def tesseract_problem(program: str, languages: str) -> str | None:
    """Why OCR cannot run here (a message naming what to install), or None when it can."""
    exe = shutil.which(program)
    if exe is None:
        return f"OCR unavailable: the tesseract program ({program!r}) was not found; {INSTALL_HINT}"
    try:
        listed = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"OCR unavailable: tesseract could not be run ({exc}); {INSTALL_HINT}"
    have = set(listed.stdout.split())
    missing = [lang for lang in languages.split("+") if lang not in have]
    if missing:
        return f"OCR unavailable: tesseract has no language data for {', '.join(missing)}; {INSTALL_HINT}"
    return None


def estimate_skew(image: Image.Image, max_angle: float = 5.0) -> float:
    """The skew of the text lines in degrees, counter-clockwise (as PIL's ``rotate`` would have made it; rotate
    by its negative to level the page): the angle whose row profile of dark pixels is the most peaked."""
    small = image.convert("L")
    scale = 900 / max(small.size)
    if scale < 1:
        small = small.resize((round(small.width * scale), round(small.height * scale)))
    arr = np.asarray(small, dtype=np.uint8)
    ys, xs = np.nonzero(arr < min(128, int(arr.mean()) - 30))
    if len(ys) < 200:
        return 0.0
    if len(ys) > 80000:
        pick = np.linspace(0, len(ys) - 1, 80000).astype(int)
        ys, xs = ys[pick], xs[pick]
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)

    def score(angle: float) -> float:
        t = math.radians(angle)
        proj = ys * math.cos(t) + xs * math.sin(t)
        hist = np.bincount((proj - proj.min()).astype(np.int64))
        return float(np.dot(hist, hist))

    coarse = max(np.arange(-max_angle, max_angle + 1e-9, 0.5), key=score)
    fine = max(np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.1), key=score)
    return round(float(fine), 2)


def ocr_image(image: Image.Image, settings: OcrSettings, dpi: int) -> list[OcrLine]:
    """Lines of text Tesseract reads in ``image`` (TSV output: words with boxes and confidences)."""
    problem = tesseract_problem(settings.tesseract, settings.languages)
    if problem:
        raise OcrUnavailable(problem)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    cmd = [shutil.which(settings.tesseract) or settings.tesseract, "stdin", "stdout", "-l", settings.languages]
    cmd += ["--psm", str(settings.psm), "--dpi", str(dpi), "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        cmd, input=buf.getvalue(), capture_output=True, timeout=settings.timeout, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"tesseract failed: {done.stderr.decode(errors='replace').strip()[:200]}")
    lines: dict[tuple[int, int, int], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=3):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        lines.setdefault((int(row["block_num"]), int(row["par_num"]), int(row["line_num"])), []).append(row)
    out = []
    for (block, par, _), words in lines.items():
        x0 = min(int(w["left"]) for w in words)
        y0 = min(int(w["top"]) for w in words)
        x1 = max(int(w["left"]) + int(w["width"]) for w in words)
        y1 = max(int(w["top"]) + int(w["height"]) for w in words)
        confs = [max(0.0, float(w["conf"])) for w in words]
        text = " ".join(w["text"].strip() for w in words)
        out.append(OcrLine(text, (x0, y0, x1, y1), round(sum(confs) / len(confs), 1), (block, par)))
    return out


def _render(path: Path, numbers: list[int], dpi: int) -> dict[int, Image.Image]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        images = {}
        for number in numbers:
            page = pdf[number - 1]
            try:
                images[number] = page.render(scale=dpi / 72, grayscale=True).to_pil()
            finally:
                page.close()
        return images
    finally:
        pdf.close()


def _page_text(lines: list[OcrLine], dpi: int, page: int, base: int) -> tuple[str, list[Block]]:
    """The page's text (a line per line, a blank line between paragraphs) and its blocks from ``base``."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = base
    previous: tuple[int, int] | None = None
    k = 72 / dpi
    for line in lines:
        sep = "" if not parts else ("\n" if line.paragraph == previous else "\n\n")
        parts.append(sep)
        pos += len(sep)
        parts.append(line.text)
        box = tuple(round(v * k, 2) for v in line.box)
        blocks.append(
            Block(pos, pos + len(line.text), page=page, bbox=box, kind="ocr_line",  # type: ignore[arg-type]
                  lang=detect_language(line.text), confidence=line.confidence)
        )  # fmt: skip
        pos += len(line.text)
        previous = line.paragraph
    return "".join(parts), blocks


def apply_ocr(doc: ParsedDocument, path: Path, settings: OcrSettings) -> ParsedDocument:
    """``doc`` with the text of its ``needs_ocr`` pages read by OCR (a new document; offsets remapped)."""
    todo = [p.number for p in doc.pages if p.needs_ocr]
    if not todo or not settings.enabled:
        return doc
    problem = tesseract_problem(settings.tesseract, settings.languages)
    if problem:
        doc.warnings.append(problem)
        return doc
    read: dict[int, tuple[list[OcrLine], float]] = {}
    for number, image in _render(path, todo, settings.dpi).items():
        angle = estimate_skew(image, settings.max_skew) if settings.deskew else 0.0
        if angle:
            image = image.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
        try:
            read[number] = (ocr_image(image, settings, settings.dpi), angle)
        except (RuntimeError, subprocess.SubprocessError) as exc:
            doc.warnings.append(f"page {number}: OCR failed ({exc})")
    return _splice(doc, read, settings)


def _splice(doc: ParsedDocument, read: dict[int, tuple[list[OcrLine], float]], settings: OcrSettings) -> ParsedDocument:
    """Put each OCR'd page's text in place of its empty text, moving every later offset."""
    text = doc.text
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []  # (old offset, delta from there on)
    new_blocks: list[Block] = []
    pages: list[PageInfo] = []
    cursor = 0
    delta = 0
    for page in doc.pages:
        if page.number not in read:
            pages.append(replace(page, char_start=page.char_start + delta, char_end=page.char_end + delta))
            continue
        lines, angle = read[page.number]
        pieces.append(text[cursor : page.char_start])
        done = "".join(pieces)
        lead = "\n\n" if done and not done.endswith("\n\n") and lines else ""
        start = len(done) + len(lead)
        body, blocks = _page_text(lines, settings.dpi, page.number, start)
        pieces.append(lead + body)
        new_blocks += blocks
        cursor = page.char_end
        delta = start + len(body) - page.char_end
        shifts.append((page.char_end, delta))
        conf = round(sum(b.confidence or 0 for b in blocks) / len(blocks), 1) if blocks else None
        note = f"text from OCR (tesseract {settings.languages}); skew {angle:+.1f}° corrected"
        pages.append(
            replace(page, char_start=start, char_end=start + len(body), needs_ocr=False, ocr_confidence=conf,
                    notes=(*page.notes, note))
        )  # fmt: skip
    pieces.append(text[cursor:])

    def move(offset: int) -> int:
        shift = 0
        for at, d in shifts:
            if offset >= at:
                shift = d
        return offset + shift

    done_pages = set(read)
    blocks = [replace(b, char_start=move(b.char_start), char_end=move(b.char_end)) for b in doc.blocks]
    blocks = sorted([*blocks, *new_blocks], key=lambda b: b.char_start)
    tables = [
        Table(
            t.index,
            tuple(
                tuple(
                    c
                    if c.char_start is None
                    else replace(c, char_start=move(c.char_start), char_end=move(c.char_end or 0))
                    for c in row
                )
                for row in t.rows
            ),
            page=t.page,
            bbox=t.bbox,
            name=t.name,
        )
        for t in doc.tables
        if t.page not in done_pages
    ]
    new_text = "".join(pieces)
    metadata = dict(doc.metadata)
    if not metadata.get("language"):
        metadata["language"] = detect_language(new_text)
    return replace(doc, text=new_text, blocks=blocks, tables=tables, pages=pages, metadata=metadata,
                   parser=f"{doc.parser}+tesseract")  # fmt: skip
