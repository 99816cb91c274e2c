"""``make bench``: throughput of every stage, measured side by side with what bounds it, as a checklist.

Generates a mixed dump (``corpus/tools/generate_bench.py``: English and Russian reports as text, HTML, DOCX and
PDF, lists as XLSX) and a 1,000-page PDF into a temporary folder (or takes a dump with ``--dump``), then prints,
as medians over ``--repeats`` runs: a cold run with one worker (files/s, pages/s, words/s, time per stage), our
words/s on English report text against the bare en_core_web_sm pipeline on the same text, one worker against
two, ``--force`` (parse cache warm) against a cold run, PDF pages/s and a worker's peak memory, table and OCR
pages/s, the NLP pipelines against bare spaCy on the gold texts, and our dates against dateparser. Each target
of issue 9 is a line marked PASS or MISS. ``--quick`` runs a smaller version in about a minute.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["SECTIONS", "main"]

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "corpus" / "tools" / "generate_bench.py"
SECTIONS = ("dump", "text", "workers", "reextract", "pdf", "pages", "nlp", "dates")


def _generate(folder: Path, files: int, long_pages: int, seed: int = 9) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), str(folder), "--files", str(files), "--long-pages", str(long_pages),
         "--seed", str(seed)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def _second_dump(work: Path, files: int, given: Path | None) -> Path | None:
    """A second dump of the same make-up (another seed): the worker section times the extra files it adds."""
    if given is not None:
        return None
    _generate(work / "second", files, 0, seed=11)
    return work / "second" / "dump"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extract.benchmark", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a short run (~1 min): smaller dump, one repeat")
    parser.add_argument("--repeats", type=int, help="runs per measurement (default 3; 1 with --quick)")
    parser.add_argument("--files", type=int, help="files in the generated dump (default 48; 8 with --quick)")
    parser.add_argument("--dump", type=Path, help="measure this dump instead of generating one (its en/ subfolder "
                        "is the English report text)")  # fmt: skip
    parser.add_argument("--long-pages", type=int, help="pages of the long PDF (default 1000; 300 with --quick)")
    parser.add_argument("--words", type=int, help="gold-corpus words per language, nlp section (8000; --quick 2000)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    quick = args.quick
    repeats = args.repeats or (1 if quick else 3)
    files = args.files or (8 if quick else 48)
    long_pages = args.long_pages or (300 if quick else 1000)
    words = args.words or (2000 if quick else 8000)
    sections = set(args.only or SECTIONS)
    began = time.perf_counter()

    from extract.bench.pdf import bench_long_pdf, bench_pages
    from extract.bench.runs import bench_dump, bench_reextract, bench_report_text, bench_workers
    from extract.bench.text import bench_dates, bench_nlp
    from extract.run import run
    from extract.settings import load_settings
    from extract.worker import warm_up

    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        work = Path(tmp)
        dump = args.dump or work / "dump"
        started = time.perf_counter()
        _generate(work, 0 if args.dump else files, long_pages)
        tiny = work / "tiny"
        tiny.mkdir()
        (tiny / "en.txt").write_text("More than 20,000 soldiers deserted in 2024, Mediazona reported.\n")
        (tiny / "ru.txt").write_text("По данным «Медиазоны», в 2024 году более 20 тыс. военнослужащих ушли в СЗЧ.\n")
        _emit([f"extract bench: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, repeats {repeats}"
               f"{' (--quick)' if quick else ''}; dump {dump} and long PDF generated in "
               f"{time.perf_counter() - started:.1f} s"])  # fmt: skip
        warm_up(settings)  # load the models once: runs in this process measure the work, not the loading
        run([str(tiny)], settings.with_run(db=str(work / "warm.sqlite"), executor="serial"))  # lazy first uses
        cold_s, cold_db = 0.0, work
        if sections & {"dump", "reextract"}:
            rows, cold_s, cold_db = bench_dump(dump, _mkdir(work / "dump-runs"), settings, repeats)
            _emit(rows if "dump" in sections else [])
        steps: list[tuple[str, Callable[[], list[str]]]] = [
            ("text", lambda: bench_report_text(dump, _mkdir(work / "text-runs"), settings, repeats)),
            (
                "workers",
                lambda: bench_workers(
                    dump,
                    _second_dump(work, files, args.dump),
                    _mkdir(work / "worker-runs"),
                    settings,
                    max(1, repeats - 1),
                ),
            ),
            ("reextract", lambda: bench_reextract(dump, cold_db, cold_s, settings, repeats)),
            ("pdf", lambda: bench_long_pdf(work / "long.pdf", repeats, with_worker=not quick)),
            ("pages", lambda: bench_pages(dump, settings, repeats, lists=not quick)),
            ("nlp", lambda: bench_nlp(words, repeats)),
            ("dates", lambda: bench_dates(max(1, repeats - 1))),
        ]
        for name, step in steps:
            if name in sections:
                _emit(step())
    _emit([f"bench finished in {time.perf_counter() - began:.0f} s"])
    return 0


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _emit(rows: list[str]) -> None:
    if rows:
        print("\n".join(rows) + "\n", flush=True)
