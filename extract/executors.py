"""Where work items run: in this process, in a local process pool, or on a Dask cluster.

Each executor takes an iterable of :class:`WorkItem` and yields ``(item, DocumentResult)`` pairs as they finish
(any order). Workers load the spaCy pipelines once each (they are cached per process); only the driver writes to
the store. At most a few items per worker are in flight, so memory stays bounded on large dumps. Only the process
executor enforces the per-file time and memory limits (see :mod:`extract.pool`); the serial executor runs in the
driver itself and cannot stop a parse that hangs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from extract.pool import Handler, run_pool
from extract.settings import Settings
from extract.worker import DocumentResult, WorkItem, process, single_thread_environment, warm_up

__all__ = ["EXECUTORS", "run_dask", "run_items"]

log = logging.getLogger(__name__)

EXECUTORS = ("serial", "process", "dask")
Outcome = tuple[WorkItem, DocumentResult]


def run_items(items: Iterable[WorkItem], settings: Settings, *, scheduler: str | None = None) -> Iterator[Outcome]:
    executor = settings.run.executor
    if executor == "serial":
        return _serial(items, settings)
    if executor == "process":
        return _process_pool(items, settings)
    if executor == "dask":
        return run_dask(items, settings, scheduler)
    raise ValueError(f"unknown executor {executor!r}; expected one of {', '.join(EXECUTORS)}")


def _serial(items: Iterable[WorkItem], settings: Settings) -> Iterator[Outcome]:
    for item in items:
        yield item, process(item, settings)


def _died(item: WorkItem, why: str) -> DocumentResult:
    return DocumentResult(sha256=item.sha256, format=item.format, parser_key=item.parser_key, status="error", error=why)


def _process_pool(items: Iterable[WorkItem], settings: Settings) -> Iterator[Outcome]:
    """Local worker processes, each holding one file at a time to limits.timeout_s and limits.max_memory_mb."""
    return run_pool(items, settings, process, warm_up)


def run_dask(
    items: Iterable[WorkItem], settings: Settings, scheduler: str | None = None, handler: Handler = process
) -> Iterator[Outcome]:
    """Each item a Dask task on the cluster at ``scheduler`` (or a local one on loopback); results as they finish.

    A task whose worker dies is run once more on another worker (a local cluster's scheduler allows one
    failure; a remote scheduler applies its own ``distributed.scheduler.allowed-failures``); if that dies too,
    the item comes back as an error result. ``handler`` is :func:`extract.worker.process` except in tests.
    """
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed

        from extract.dask_plugin import WorkerSetup
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise RuntimeError("the dask executor needs dask[distributed]; run `make setup`") from exc
    workers = max(1, settings.run.workers)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        single_thread_environment()  # inherited by the local workers' processes
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            )
        client = Client(cluster)
    try:
        client.register_plugin(WorkerSetup(settings), name=WorkerSetup.name)
        capacity = max(workers, sum(client.nthreads().values())) * 2
        pending = iter(items)
        futures = {}
        queue = as_completed()
        for item in pending:
            future = client.submit(handler, item, settings, pure=False, retries=1)
            futures[future.key] = item
            queue.add(future)
            if len(futures) >= capacity:
                break
        for future in queue:
            item = futures.pop(future.key)
            try:
                yield item, future.result()
            except Exception as exc:
                log.warning("%s: the Dask task failed twice: %s", item.display_path, exc)
                yield item, _died(item, f"the Dask task failed after a retry: {type(exc).__name__}: {exc}")
            nxt = next(pending, None)
            if nxt is not None:
                new = client.submit(handler, nxt, settings, pure=False, retries=1)
                futures[new.key] = nxt
                queue.add(new)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
