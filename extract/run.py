"""The batch driver: find files, skip what is done, hand the rest to an executor, store each result.

The driver is the only writer to the store. Each file's content is identified by its SHA-256; a content
already processed with the same pipeline version is not processed again (unless ``force``), identical files
found at several paths are processed once, and a parse cached for the same parser is reused.
"""

from __future__ import annotations

import hashlib
import logging
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from extract.claims import claim_mentions, group_claims
from extract.document import ZIP_ERRORS, DocumentError
from extract.executors import run_items
from extract.ingest import FoundFile, find_files
from extract.parsers import detect_format
from extract.progress import Progress
from extract.store import DocumentRow, Store
from extract.version import parser_key, pipeline_version
from extract.workdir import run_workdir
from extract.worker import DocumentResult, WorkItem

__all__ = ["RunSummary", "build_claims", "run"]

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    run_id: int
    db: str
    pipeline_version: str
    files: Counter = field(default_factory=Counter)  # this run's files by status
    records: Counter = field(default_factory=Counter)  # records written in this run, by type
    processed: int = 0  # contents parsed or analysed in this run
    unchanged: int = 0  # files already done with this pipeline version
    pages: int = 0
    elapsed: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False
    claims: int = 0  # claims in the store after this run (they span documents, so all are rebuilt)
    conflicts: int = 0  # of which flagged as conflicting
    #: seconds per stage: parse, nlp, link (summed over the workers), store (the driver's writes), claims (once)
    stages: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict:
        return {
            "files": dict(self.files),
            "records": dict(self.records),
            "processed": self.processed,
            "unchanged": self.unchanged,
            "pages": self.pages,
            "elapsed": round(self.elapsed, 3),
            "errors": len(self.errors),
            "claims": self.claims,
            "conflicts": self.conflicts,
            "stages": {k: round(v, 3) for k, v in self.stages.items()},
        }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def run(
    sources: list[str], settings, *, force: bool = False, scheduler: str | None = None, progress: Progress | None = None
) -> RunSummary:
    """Process every file under ``sources`` into the store ``settings.run.db``."""
    started = time.perf_counter()
    store = Store.open(settings.run.db)
    version = pipeline_version(settings)
    run_id = store.start_run(
        pipeline_version=version,
        settings=settings.to_dict(),
        settings_hash=settings.hash(),
        sources=sources,
        force=force,
        executor=settings.run.executor,
        workers=settings.run.workers,
    )
    summary = RunSummary(run_id=run_id, db=str(settings.run.db), pipeline_version=version)
    progress = progress or Progress(enabled=False)
    status = "failed"
    try:
        with run_workdir() as tmpdir:
            _process(sources, settings, store, version, force, run_id, summary, progress, scheduler, tmpdir)
        pruned = store.prune_orphans()
        if pruned:
            log.info("dropped the records of %d file version(s) no longer found at any path", pruned)
        building = time.perf_counter()
        claims = build_claims(store)
        store.replace_claims(claims)
        summary.stages["claims"] += time.perf_counter() - building
        summary.claims = len(claims)
        summary.conflicts = sum(1 for c in claims if c["conflict"])
        status = "finished"
    except KeyboardInterrupt:
        summary.interrupted = True
        status = "interrupted"
    finally:
        progress.close()
        summary.elapsed = time.perf_counter() - started
        store.finish_run(run_id, status, summary.to_dict())
        store.close()
    return summary


def build_claims(store: Store) -> list[dict]:
    """Group every count in the store into claims (see :mod:`extract.claims`)."""
    started = time.perf_counter()
    claims = group_claims(claim_mentions(store))
    log.debug("built %d claims in %.2f s", len(claims), time.perf_counter() - started)
    return claims


def _process(
    sources: list[str],
    settings,
    store: Store,
    version: str,
    force: bool,
    run_id: int,
    summary: RunSummary,
    progress: Progress,
    scheduler: str | None,
    tmpdir: Path,
) -> None:
    groups: dict[str, list[tuple[str, int | None]]] = {}
    items: list[WorkItem] = []
    for found in find_files(sources, settings.archive, tmpdir):
        item = _triage(found, store, settings, version, force, run_id, summary, groups)
        if item is not None:
            items.append(item)
    progress.start(len(items), already=summary.unchanged)
    # Cached parses are loaded just before dispatch, so at most a window of them is in memory.
    with_cache = (replace(i, cached=store.cached_parse(i.sha256, i.parser_key)) for i in items)
    for item, result in run_items(with_cache, settings, scheduler=scheduler):
        paths = groups[item.sha256]
        saving = time.perf_counter()
        result = _save(store, result, paths, run_id, version)
        summary.stages["store"] += time.perf_counter() - saving
        _tally(summary, result, paths)
        progress.advance(result)


def _save(
    store: Store, result: DocumentResult, paths: list[tuple[str, int | None]], run_id: int, version: str
) -> DocumentResult:
    """Store one content's result; if that fails, its old records stay and its paths get an error row."""
    try:
        store.save_result(result, paths, run_id, version)
        return result
    except Exception as exc:  # the transaction was rolled back: nothing half-written, nothing old lost
        log.error("could not store the records of %s: %s", paths[0][0], exc)
        failed = DocumentResult(
            sha256=result.sha256, format=result.format, parser_key=result.parser_key, status="error",
            error=f"the records could not be stored ({type(exc).__name__}: {exc}); earlier records are kept",
        )  # fmt: skip
        for path, size in paths:  # the hash keeps an earlier content of this file referenced, so it is not pruned
            row = DocumentRow(path, result.sha256, size, result.format, None, None, "error", failed.error)
            store.record_document(row, run_id)
        return failed


def _triage(
    found: FoundFile,
    store: Store,
    settings,
    version: str,
    force: bool,
    run_id: int,
    summary: RunSummary,
    groups: dict[str, list[tuple[str, int | None]]],
) -> WorkItem | None:
    """Record what needs no work; return a work item for what does."""

    def record(
        status: str, error: str | None, sha: str | None = None, fmt: str | None = None, lang: str | None = None,
        pages: int | None = None,
    ) -> None:  # fmt: skip
        row = DocumentRow(found.display_path, sha, found.size, fmt, lang, pages, status, error)
        store.record_document(row, run_id)
        summary.files[status] += 1
        if status == "error":
            summary.errors.append((found.display_path, error or ""))

    if found.status:
        record(found.status, found.error)
        return None
    assert found.path is not None
    limit = settings.limits.max_file_mb * 1024 * 1024
    if found.size is not None and found.size > limit:
        record(
            "skipped", f"file is {found.size / 1048576:.0f} MB, over limits.max_file_mb={settings.limits.max_file_mb}"
        )
        return None
    try:
        sha = sha256_of(found.path)
    except OSError as exc:
        record("error", f"cannot read file: {exc.strerror or exc}")
        return None
    if found.is_archive:
        try:
            with zipfile.ZipFile(found.path):
                pass
        except UnicodeDecodeError as exc:
            record("error", f"corrupt zip archive: a member name marked UTF-8 is not UTF-8 ({exc.reason})", sha, "zip")
        except ZIP_ERRORS as exc:
            record("error", f"corrupt zip archive: {exc}", sha, "zip")
        else:
            record("ok", None, sha, "zip")
        return None
    if sha in groups:  # the same content at another path, already queued in this run
        groups[sha].append((found.display_path, found.size))
        return None
    done = store.processed(sha)
    if done is not None and done["pipeline_version"] == version and not force:
        summary.unchanged += 1
        record(done["status"], done["error"], sha, done["format"], done["lang"], done["pages"])
        return None
    try:
        fmt = detect_format(found.path)
    except DocumentError as exc:
        record(exc.status, str(exc), sha)
        return None
    except OSError as exc:
        record("error", f"cannot read file: {exc.strerror or exc}", sha)
        return None
    key = parser_key(fmt, settings)
    groups[sha] = [(found.display_path, found.size)]
    return WorkItem(sha256=sha, path=str(found.path), display_path=found.display_path, format=fmt, parser_key=key)


def _tally(summary: RunSummary, result: DocumentResult, paths: list[tuple[str, int | None]]) -> None:
    summary.processed += 1
    summary.pages += result.page_count or 0
    summary.stages.update(result.timings)
    for key, records in result.records.items():
        summary.records[key] += len(records)
    for path, _ in paths:
        summary.files[result.status] += 1
        if result.status == "error":
            summary.errors.append((path, result.error or ""))
