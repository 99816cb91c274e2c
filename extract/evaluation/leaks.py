"""``python -m extract.evaluation leaks``: lists of servicemen read against the expected rows.

Scores ``corpus/leaks/`` (truth.jsonl) and the sample corpus's lists (truth-sample.jsonl) per group of formats:
row recall (expected rows found), field accuracy (name, rank, birth date, unit, event, event date, article over
the expected rows; a row not found counts as wrong) and name accuracy; and measures pages per second for
text-layer table pages and for OCR pages (parse, OCR and list reading, no NLP). Found rows are paired with
expected rows of the same file by name and birth date similarity, so an OCR misreading still pairs.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from extract.ocr import apply_ocr
from extract.parsers import parse
from extract.rosters import find_roster
from extract.rosters.values import fold
from extract.settings import Settings

__all__ = ["BARS", "FIELDS", "LEAKS", "bars_failed", "evaluate_leaks", "format_leaks", "page_rates", "read_file"]

ROOT = Path(__file__).resolve().parent.parent.parent / "corpus"
LEAKS = ROOT / "leaks"
SAMPLE = ROOT / "sample" / "leaks"
FIELDS = ("name", "rank", "birth_date", "military_unit_number", "event", "event_date", "article")
#: the issue's quality bars: (group, figure) -> minimum
BARS = {
    **{
        (g, f): 0.99
        for g in ("text_pdf", "spreadsheet", "docx", "list", "sample")
        for f in ("row_recall", "field_accuracy")
    },
    ("scan", "row_recall"): 0.90,
    ("scan", "name_accuracy"): 0.90,
}


@dataclass(slots=True)
class FileRead:
    rows: list[dict[str, Any]]
    pages: int
    ocr_pages: int
    seconds: float
    warnings: list[str]


def read_file(path: Path, settings: Settings) -> FileRead:
    """Parse (with OCR) and read the list rows of one file, timed."""
    started = time.perf_counter()
    doc = parse(path, settings)
    ocr_pages = sum(p.needs_ocr for p in doc.pages)
    if doc.format == "pdf":
        doc = apply_ocr(doc, path, settings.ocr)
    roster = find_roster(doc)
    seconds = time.perf_counter() - started
    rows = [p.to_dict() for p in roster.persons]
    return FileRead(rows, len(doc.pages), ocr_pages, seconds, [*doc.warnings, *roster.warnings])


def _similarity(truth: dict, found: dict) -> float:
    a = f"{fold(truth['name'])} {truth['birth_date']}"
    b = f"{fold(found['name'] or '')} {found.get('birth_date')}"
    return SequenceMatcher(None, a, b).ratio()


def _pair(truth: list[dict], found: list[dict]) -> list[tuple[dict, dict | None]]:
    exact = {(fold(f["name"]), f.get("birth_date")): f for f in found}
    used: set[int] = set()
    pairs: list[tuple[dict, dict | None]] = []
    rest = []
    for t in truth:
        f = exact.get((fold(t["name"]), t["birth_date"]))
        if f is not None and id(f) not in used:
            used.add(id(f))
            pairs.append((t, f))
        else:
            rest.append(t)
    for t in rest:
        best = max((f for f in found if id(f) not in used), key=lambda f: _similarity(t, f), default=None)
        if best is not None and _similarity(t, best) >= 0.75:
            used.add(id(best))
            pairs.append((t, best))
        else:
            pairs.append((t, None))
    return pairs


def _same(field: str, truth: Any, found: Any) -> bool:
    if field == "name":
        return fold(truth) == fold(found or "")
    return truth == found


def evaluate_leaks(settings: Settings) -> dict[str, Any]:
    """Figures per group of formats, pages/s, and the files' warnings."""
    truth: dict[tuple[Path, str], list[dict]] = defaultdict(list)
    for folder, name in ((LEAKS, "truth.jsonl"), (LEAKS, "truth-sample.jsonl")):
        base = folder if name == "truth.jsonl" else SAMPLE
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            truth[(base / row["file"], row["group"])].append(row)
    per: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    timing = {"table": [0, 0.0], "ocr": [0, 0.0]}
    files: dict[str, Any] = {}
    for (path, group), expected in sorted(truth.items()):
        read = read_file(path, settings)
        pairs = _pair(expected, read.rows)
        g = per[group]
        g["rows"] += len(expected)
        g["found"] += len(read.rows)
        g["matched"] += sum(f is not None for _, f in pairs)
        for field in FIELDS:
            g[f"ok_{field}"] += sum(f is not None and _same(field, t[field], f.get(field)) for t, f in pairs)
        if path.suffix == ".pdf":
            kind = "ocr" if read.ocr_pages else "table"
            timing[kind][0] += read.pages
            timing[kind][1] += read.seconds
        files[path.name] = {"expected": len(expected), "found": len(read.rows), "warnings": read.warnings}
    figures: dict[str, Any] = {}
    for group, g in sorted(per.items()):
        n = g["rows"]
        figures[group] = {
            "row_recall": g["matched"] / n,
            "row_precision": g["matched"] / g["found"] if g["found"] else 0.0,
            "field_accuracy": sum(g[f"ok_{f}"] for f in FIELDS) / (n * len(FIELDS)),
            "name_accuracy": g["ok_name"] / n,
            **{f"accuracy/{f}": g[f"ok_{f}"] / n for f in FIELDS},
        }
    speed = {f"{k}_pages_per_s": (v[0] / v[1] if v[1] else 0.0) for k, v in timing.items()}
    return {"figures": figures, "speed": speed, "files": files}


def page_rates(settings: Settings) -> dict[str, float]:
    """Pages per second for text-layer table pages and for OCR pages (for ``make bench``)."""
    rates = {}
    for kind, paths in (
        ("table", ["spisok-ruled.pdf", "spisok-unruled-67890.pdf"]),
        ("ocr", ["scan-spisok-74740.pdf"]),
    ):
        pages = seconds = 0.0
        for name in paths:
            read = read_file(LEAKS / name, settings)
            pages += read.pages
            seconds += read.seconds
        rates[f"{kind}_pages_per_s"] = pages / seconds if seconds else 0.0
    return rates


def bars_failed(figures: dict[str, Any]) -> list[str]:
    """The issue's bars that today's figures miss."""
    return [
        f"{group}/{figure}: {figures.get(group, {}).get(figure, 0.0):.3f} is below the bar {bar:.2f}"
        for (group, figure), bar in sorted(BARS.items())
        if figures.get(group, {}).get(figure, 0.0) + 1e-9 < bar
    ]


def format_leaks(result: dict[str, Any]) -> str:
    lines = [f"{'group':<12} {'recall':>7} {'prec':>7} {'fields':>7} {'names':>7}  per field"]
    for group, f in result["figures"].items():
        per_field = " ".join(f"{k.split('/')[1]}={v:.3f}" for k, v in f.items() if k.startswith("accuracy/"))
        lines.append(
            f"{group:<12} {f['row_recall']:>7.3f} {f['row_precision']:>7.3f} {f['field_accuracy']:>7.3f}"
            f" {f['name_accuracy']:>7.3f}  {per_field}"
        )
    lines.append("")
    for name, info in result["files"].items():
        warn = f"  warnings: {'; '.join(info['warnings'])}" if info["warnings"] else ""
        lines.append(f"{name:<32} expected {info['expected']:>4}  found {info['found']:>4}{warn}")
    lines.append("")
    lines.append(" ".join(f"{k}={v:.2f}" for k, v in result["speed"].items()))
    return "\n".join(lines)
