"""The unit of work: one file's content, parsed (or taken from the parse cache) and analysed into records.

:func:`process` runs in a worker (a process of the pool or a Dask worker). It never raises: any failure becomes
a result with status ``error`` and a clear message, and the driver records it. Its inputs and outputs are plain
picklable data, so every executor can ship them.
"""

from __future__ import annotations

import logging
import os
import resource
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extract.document import DocumentError, ParsedDocument
from extract.nlp import analyze_document
from extract.ocr import apply_ocr
from extract.parsers import parse
from extract.rosters import find_roster, merge_persons
from extract.settings import Settings

__all__ = ["DocumentResult", "WorkItem", "init_worker", "limit_memory", "process", "warm_up"]

log = logging.getLogger(__name__)

#: the address-space cap of this process in MB, once :func:`limit_memory` has set one
_memory_limit_mb: float | None = None


@dataclass(frozen=True, slots=True)
class WorkItem:
    sha256: str
    path: str  # where the worker can read the file
    display_path: str  # the path as found, for messages
    format: str
    parser_key: str
    cached: dict | None = None  # a ParsedDocument from the parse cache, as a dict


@dataclass(slots=True)
class DocumentResult:
    sha256: str
    format: str
    parser_key: str
    status: str = "ok"
    error: str | None = None
    lang: str | None = None
    page_count: int | None = None
    chars: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    parsed: dict | None = None  # set when freshly parsed, so the driver can cache it
    #: seconds per stage in the worker: parse (with OCR; near zero from the parse cache), nlp (the spaCy
    #: pipelines and our components), link (list rows merged into persons, records placed on pages)
    timings: dict[str, float] = field(default_factory=dict)


#: one BLAS/OpenMP thread per worker process: the cores are shared between workers (two workers with two BLAS
#: threads each ran 25% slower here than with one each)
_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def single_thread_environment() -> None:
    """Set the thread variables in this process's environment, so the worker processes it starts inherit them
    (numpy reads them when it is imported, which in a spawned child happens before any code of ours runs)."""
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def init_worker() -> None:
    """Set up a worker process: one BLAS thread each (the cores are shared between workers)."""
    single_thread_environment()


def limit_memory(max_mb: float) -> None:
    """Cap this process's address space (RLIMIT_AS): allocations beyond it raise MemoryError."""
    global _memory_limit_mb
    if max_mb <= 0:
        return
    limit = int(max_mb * 1024 * 1024)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    _memory_limit_mb = max_mb


def warm_up(settings: Settings) -> None:
    """Load the parsers and both NLP pipelines before the first file, so its time limit counts only its own work."""
    from extract.lang import LANGUAGES
    from extract.nlp.pipeline import get_pipeline
    from extract.parsers import FORMATS, parser_version

    for fmt in FORMATS:
        parser_version(fmt)  # imports the parser module
    for lang in LANGUAGES:
        get_pipeline(lang, settings.nlp)
    # One short text per language: the first call pays one-off costs (natasha's and pymorphy's models, lazy rule
    # tables, the NER's first batch) of several seconds, which would otherwise fall on the first file.
    from extract.nlp.analyze import analyze_text

    analyze_text(_WARM_UP["en"], settings.nlp, lang="en", published="2025-01-31")
    analyze_text(_WARM_UP["ru"], settings.nlp, lang="ru", published="2025-01-31")


_WARM_UP = {
    "en": "According to Mediazona, Private Ivan Petrov of military unit 12345 was one of more than 20,000 "
    "servicemen charged since September 2022.",
    "ru": "По данным «Медиазоны», рядовой Петров Иван Иванович из в/ч 12345 стал одним из более 20 тыс. "
    "военнослужащих, осуждённых с сентября 2022 года.",
}


def process(item: WorkItem, settings: Settings) -> DocumentResult:
    """Parse and analyse one content; every failure is returned as an error result, never raised."""
    result = DocumentResult(sha256=item.sha256, format=item.format, parser_key=item.parser_key)
    try:
        started = time.perf_counter()
        if item.cached is not None:
            doc = ParsedDocument.from_dict(item.cached)
        else:
            doc = parse(Path(item.path), settings, item.format)
            if doc.format == "pdf":
                doc = apply_ocr(doc, Path(item.path), settings.ocr)
            result.parsed = doc.to_dict()
        parsed_at = time.perf_counter()
        result.timings["parse"] = parsed_at - started
        _describe(result, doc)
        analysis = analyze_document(doc, settings.nlp)
        analysed_at = time.perf_counter()
        result.timings["nlp"] = analysed_at - parsed_at
        roster = find_roster(doc)
        analysis.records["persons"] = merge_persons(analysis.records["persons"], roster)
        result.warnings.extend(roster.warnings)
        result.records = {
            key: [{**m.to_dict(), "page": doc.page_at(m.char_start)} for m in mentions]
            for key, mentions in analysis.records.items()
        }
        result.timings["link"] = time.perf_counter() - analysed_at
    except DocumentError as exc:
        result.status, result.error = exc.status, str(exc)
    except MemoryError:
        result.records, result.parsed, result.pages = {}, None, []
        if _memory_limit_mb is None:
            result.status, result.error = "error", "out of memory while processing this file"
        else:
            result.status = "skipped"
            result.error = f"needed more memory than limits.max_memory_mb={_memory_limit_mb:g} allows a worker"
    except Exception as exc:
        log.debug("failure on %s\n%s", item.display_path, traceback.format_exc())
        result.status, result.error = "error", f"{type(exc).__name__}: {exc}".strip()
    return result


def _describe(result: DocumentResult, doc: ParsedDocument) -> None:
    result.lang = doc.lang
    result.page_count = doc.page_count
    result.chars = len(doc.text)
    result.metadata = {k: doc.metadata.get(k) for k in ("title", "published", "published_source")}
    result.warnings = list(doc.warnings)
    result.pages = [asdict(p) for p in doc.pages]
    result.status = doc.status
    result.error = doc.status_message()
