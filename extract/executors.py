"""Where work items run: in this process, in a local process pool, or on a Dask cluster.

Each executor takes an iterable of :class:`WorkItem` and yields ``(item, DocumentResult)`` pairs as they finish
(any order). Workers load the spaCy pipelines once each (they are cached per process); only the driver writes to
the store. At most a few items per worker are in flight, so memory stays bounded on large dumps.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from extract.settings import Settings
from extract.worker import DocumentResult, WorkItem, init_worker, process

__all__ = ["EXECUTORS", "run_items"]

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
        return _dask(items, settings, scheduler)
    raise ValueError(f"unknown executor {executor!r}; expected one of {', '.join(EXECUTORS)}")


def _serial(items: Iterable[WorkItem], settings: Settings) -> Iterator[Outcome]:
    for item in items:
        yield item, process(item, settings)


def _died(item: WorkItem, why: str) -> DocumentResult:
    return DocumentResult(sha256=item.sha256, format=item.format, parser_key=item.parser_key, status="error", error=why)


def _process_pool(items: Iterable[WorkItem], settings: Settings) -> Iterator[Outcome]:
    workers = max(1, settings.run.workers)
    window = workers * 2
    pending = iter(items)
    context = multiprocessing.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=init_worker,
            max_tasks_per_child=max(1, settings.run.recycle_after),
        )

    pool = new_pool()
    running: dict[Future, WorkItem] = {}
    try:
        while True:
            while len(running) < window:
                item = next(pending, None)
                if item is None:
                    break
                running[pool.submit(process, item, settings)] = item
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                item = running.pop(future)
                try:
                    yield item, future.result()
                except BrokenProcessPool:
                    broken = True
                    yield item, _died(item, "the worker process died while handling this file (crash or memory)")
            if broken:
                # Every item still in the dead pool failed with it; record them and go on with a new pool.
                for item in running.values():
                    yield item, _died(item, "the worker process pool died while this file was queued; rerun to retry")
                running.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask(items: Iterable[WorkItem], settings: Settings, scheduler: str | None) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise RuntimeError("the dask executor needs dask[distributed]; run `make setup`") from exc
    workers = max(1, settings.run.workers)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
        client = Client(cluster)
    try:
        client.run(init_worker)
        capacity = max(workers, sum(client.nthreads().values())) * 2
        pending = iter(items)
        futures = {}
        queue = as_completed()
        for item in pending:
            future = client.submit(process, item, settings, pure=False, retries=1)
            futures[future.key] = item
            queue.add(future)
            if len(futures) >= capacity:
                break
        for future in queue:
            item = futures.pop(future.key)
            try:
                yield item, future.result()
            except Exception as exc:
                yield item, _died(item, f"the Dask task failed after a retry: {type(exc).__name__}: {exc}")
            nxt = next(pending, None)
            if nxt is not None:
                new = client.submit(process, nxt, settings, pure=False, retries=1)
                futures[new.key] = nxt
                queue.add(new)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
