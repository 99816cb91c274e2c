"""PDF sections of ``make bench``: text-layer pages per second of one worker and its peak memory on a long PDF
(each in a fresh process, see :mod:`extract.bench.child`), the dump's report PDFs (some pages with ruled tables
that go to pdfplumber), and the table and OCR page rates of the leaked lists."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from extract.bench.table import Target, check, median_of, timed
from extract.settings import Settings

__all__ = ["bench_long_pdf", "bench_pages", "child_run"]

ROOT = Path(__file__).resolve().parents[2]
TEXT_PAGES = Target("text-layer PDF pages/s per worker (parse only)", 200.0, " pages/s")
MEMORY = Target("peak memory of a worker on the long PDF", 1536.0, " MB", below=True)


def child_run(mode: str, path: Path) -> dict:
    """Run :mod:`extract.bench.child` in a fresh interpreter that imports this checkout's package."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-m", "extract.bench.child", mode, str(path)], cwd=ROOT, env=env, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"bench child {mode} {path.name} failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_long_pdf(path: Path, repeats: int, *, with_worker: bool) -> list[str]:
    """Pages/s of the parse in a fresh process (median), and a worker's peak memory on the same PDF."""
    parses = [child_run("parse", path) for _ in range(max(1, repeats))]
    pages = parses[0]["pages"]
    seconds = statistics.median(p["parse"] for p in parses)
    rows = [
        f"long PDF: {pages} text-layer pages, parse only in a fresh process, median of {len(parses)}",
        f"  parse {seconds:.2f} s; peak RSS of the parsing process {max(p['peak_mb'] for p in parses):,.0f} MB",
        check(TEXT_PAGES, pages / seconds, ",.0f"),
    ]
    if with_worker:
        worker = child_run("worker", path)
        rows += [
            f"  a worker on it (models loaded, then parse + NLP + link; status {worker['status']}): parse "
            f"{worker.get('parse', 0):.1f} s, nlp {worker.get('nlp', 0):.1f} s, link {worker.get('link', 0):.1f} s;",
            f"  resident memory after start-up {worker['startup_mb']:,.0f} MB",
            check(MEMORY, worker["peak_mb"], ",.0f"),
        ]
    else:
        rows.append("  (worker peak memory: skipped with --quick)")
    return rows


def bench_pages(dump: Path, settings: Settings, repeats: int, *, lists: bool = True) -> list[str]:
    """The dump's PDFs parsed in this process; table and OCR pages/s of the leaked lists (one run each)."""
    from extract.evaluation.leaks import page_rates
    from extract.parsers import parse

    pdfs = sorted(dump.rglob("*.pdf"))
    pages = sum(parse(p, settings, "pdf").page_count for p in pdfs)  # also warms up
    seconds = median_of(lambda: timed(lambda: [parse(p, settings, "pdf") for p in pdfs]), repeats)
    rows = [
        f"pages: the dump's {len(pdfs)} report PDFs ({pages} pages, a ruled table in every third), parse only, "
        f"median of {repeats}: {pages / seconds:,.0f} pages/s"
    ]
    if not lists:
        return [*rows, "  (table and OCR pages/s of the leaked lists: skipped with --quick)"]
    rates = page_rates(settings)
    return [
        *rows,
        f"  leaked lists (extract.evaluation.leaks.page_rates, parse + list rows): ruled-table pages "
        f"{rates['table_pages_per_s']:.1f} pages/s, OCR pages {rates['ocr_pages_per_s']:.2f} pages/s",
    ]
