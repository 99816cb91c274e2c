"""Sections of ``make bench`` that run the whole tool on the generated dump: a cold run with one worker (files,
pages and words per second, time per stage), our words/s on English report text against the bare spaCy pipeline
on the same text, one worker against two, and ``--force`` (parse cache warm) against a cold run."""

from __future__ import annotations

import logging
import shutil
import statistics
from collections import Counter
from pathlib import Path

from extract.bench.table import Target, check, median_of, timed
from extract.run import RunSummary, run
from extract.settings import Settings
from extract.store import Store

__all__ = ["STAGES", "bench_dump", "bench_reextract", "bench_report_text", "bench_workers", "dump_texts"]

log = logging.getLogger(__name__)

STAGES = ("parse", "nlp", "link", "store", "claims")
RATIO_BARE = Target("end-to-end words/s on English report text / bare en_core_web_sm's", 3.0, "x")
SPEEDUP = Target("2 workers / 1 worker, after worker start-up", 1.8, "x")
REEXTRACT = Target("cold run / make reextract (--force, parse cache warm)", 3.0, "x")


class _Runs:
    """Fresh stores in one folder, one per cold run."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder, self.settings, self.count = folder, settings, 0

    def cold(self, sources: list[str], **run_changes: object) -> tuple[RunSummary, Path]:
        self.count += 1
        db = self.folder / f"run-{self.count}.sqlite"
        summary = run(sources, self.settings.with_run(db=str(db), **run_changes))
        if summary.errors:
            log.warning("%d file(s) failed in the bench run: %s", len(summary.errors), summary.errors[:3])
        return summary, db


def dump_texts(db: Path, lang: str | None = None) -> list[str]:
    """The parsed text of every content in a store (of one language when ``lang`` is given)."""
    store = Store.open(db)
    try:
        shas = [r[0] for r in store.conn.execute("SELECT sha256 FROM contents WHERE lang = ? OR ? IS NULL "
                                                 "ORDER BY sha256", (lang, lang))]  # fmt: skip
        return [t for t in (store.document_text(sha) for sha in shas) if t]
    finally:
        store.close()


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def bench_dump(dump: Path, folder: Path, settings: Settings, repeats: int) -> tuple[list[str], float, Path]:
    """Cold serial runs of the dump. Returns the printed rows, the median wall time and the last store."""
    runs = _Runs(folder, settings)
    summaries: list[RunSummary] = []
    db = folder
    for _ in range(repeats):
        summary, db = runs.cold([str(dump)], executor="serial", workers=1)
        summaries.append(summary)
    elapsed = statistics.median(s.elapsed for s in summaries)
    words = _words(dump_texts(db))
    last = summaries[-1]
    store = Store.open(db)
    try:
        formats = Counter(r[0] for r in store.conn.execute("SELECT format FROM contents"))
    finally:
        store.close()
    rows = [
        f"end-to-end: cold run of the dump, 1 worker (serial), median of {repeats}",
        f"  dump: {last.processed} files ({', '.join(f'{n} {k}' for k, n in sorted(formats.items()))}), "
        f"{last.pages} pages, {words:,} words",
        f"  {'files/s':>9} {'pages/s':>9} {'words/s':>9} {'wall s':>8}",
        f"  {last.processed / elapsed:>9.2f} {last.pages / elapsed:>9.2f} {words / elapsed:>9,.0f} {elapsed:>8.2f}",
        "  time per stage (s, median; share of the wall time):",
    ]
    for stage in STAGES:
        seconds = statistics.median(s.stages.get(stage, 0.0) for s in summaries)
        rows.append(f"    {stage:<7} {seconds:>7.2f}  {seconds / elapsed:>6.1%}")
    other = elapsed - sum(statistics.median(s.stages.get(k, 0.0) for s in summaries) for k in STAGES)
    rows.append(f"    {'other':<7} {other:>7.2f}  {other / elapsed:>6.1%}   (finding and hashing files, the driver)")
    return rows, elapsed, db


def bench_report_text(dump: Path, folder: Path, settings: Settings, repeats: int) -> list[str]:
    """Cold runs of the English files of the dump against the bare en_core_web_sm pipeline on their text."""
    import spacy

    runs = _Runs(folder, settings)
    english = dump / "en"
    times, db = [], folder
    for _ in range(repeats):
        summary, db = runs.cold([str(english)], executor="serial", workers=1)
        times.append(summary.elapsed)
    texts = dump_texts(db, "en")
    words = _words(texts)
    bare = spacy.load(settings.nlp.en_model)
    list(bare.pipe(texts[:2]))  # warm up
    bare_s = median_of(lambda: timed(lambda: list(bare.pipe(texts, batch_size=settings.nlp.batch_size))), repeats)
    ours_s = statistics.median(times)
    ratio = (words / ours_s) / (words / bare_s)
    return [
        f"report text: the English files of the dump ({len(texts)} files, {words:,} words), median of {repeats};",
        f"  ours end to end (parse, NLP, link, store; cold, 1 worker) against spacy.load({settings.nlp.en_model!r})"
        ".pipe on the parsed text, in this process",
        f"  {'':<10} {'words/s':>9} {'s':>7}",
        f"  {'ours':<10} {words / ours_s:>9,.0f} {ours_s:>7.2f}",
        f"  {'bare':<10} {words / bare_s:>9,.0f} {bare_s:>7.2f}",
        check(RATIO_BARE, ratio, ".2f"),
    ]


def bench_workers(dump: Path, second: Path | None, folder: Path, settings: Settings, repeats: int) -> list[str]:
    """Process executor with 1 and 2 workers, in steady state: the time the second dump's files add to a run of
    the first (worker start-up and the first files' one-off costs cancel out)."""
    runs = _Runs(folder, settings)
    walls, doubled = {}, {}
    for workers in (1, 2):
        walls[workers] = median_of(lambda w=workers: runs.cold([str(dump)], executor="process", workers=w)[0].elapsed,
                                   repeats)  # fmt: skip
        if second is not None:
            doubled[workers] = median_of(
                lambda w=workers: runs.cold([str(dump), str(second)], executor="process", workers=w)[0].elapsed,
                repeats,
            )
    rows = [
        f"workers: --executor process, median of {repeats}; steady state = the time a second dump of the same make-up",
        "  adds to a run of the first (start-up and first-file costs cancel out)",
        f"  {'workers':>7} {'dump s':>8} {'both s':>8} {'added s':>8}",
    ]
    if second is None:
        rows += [f"  {w:>7} {walls[w]:>8.2f}" for w in (1, 2)]
        rows.append(
            f"  wall-clock speed-up (start-up included): {walls[1] / walls[2]:.2f}x (--dump given: no steady state)"
        )
        return rows
    added = {w: max(doubled[w] - walls[w], 1e-9) for w in walls}
    rows += [f"  {w:>7} {walls[w]:>8.2f} {doubled[w]:>8.2f} {added[w]:>8.2f}" for w in (1, 2)]
    rows.append(f"  wall-clock speed-up on the first dump (start-up included): {walls[1] / walls[2]:.2f}x")
    rows.append(check(SPEEDUP, added[1] / added[2], ".2f"))
    return rows


def bench_reextract(dump: Path, db: Path, cold_s: float, settings: Settings, repeats: int) -> list[str]:
    """``--force`` on a store holding the dump (its parses cached) against the cold run's median."""
    config = settings.with_run(db=str(db), executor="serial", workers=1)
    summaries = [run([str(dump)], config, force=True) for _ in range(max(1, repeats))]
    force_s = statistics.median(s.elapsed for s in summaries)
    parse_s = statistics.median(s.stages.get("parse", 0.0) for s in summaries)
    nlp_s = statistics.median(s.stages.get("nlp", 0.0) for s in summaries)
    rows = [
        f"reextract: --force on the cold run's store (parse cache warm), median of {len(summaries)}",
        f"  cold {cold_s:.2f} s, reextract {force_s:.2f} s (of which parse from the cache {parse_s:.2f} s, "
        f"NLP {nlp_s:.2f} s)",
        check(REEXTRACT, cold_s / force_s, ".2f"),
    ]
    leaks = Path(__file__).resolve().parents[2] / "corpus" / "leaks"
    if leaks.is_dir():  # where the parse is the work: tables (pdfplumber) and scans (Tesseract)
        documents = db.parent / "leaks-documents"  # the lists without their truth files
        documents.mkdir(exist_ok=True)
        for path in leaks.iterdir():
            if path.is_file() and not path.name.startswith("truth"):
                shutil.copy(path, documents / path.name)
        lists = settings.with_run(db=str(db.parent / "leaks-reextract.sqlite"), executor="serial", workers=1)
        cold = run([str(documents)], lists)
        again = run([str(documents)], lists, force=True)
        rows.append(
            f"  on corpus/leaks (leaked lists: ruled and unruled table PDFs, a 2-page scan, DOCX, XLSX, CSV): cold "
            f"{cold.elapsed:.2f} s (parse {cold.stages.get('parse', 0.0):.2f} s), reextract {again.elapsed:.2f} s: "
            f"{cold.elapsed / again.elapsed:.1f}x"
        )
    return rows
