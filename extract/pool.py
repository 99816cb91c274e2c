"""A pool of worker processes that holds every file to the per-file limits: time and memory.

Each worker is a spawned process that handles one work item at a time, so the driver always knows which file a
worker is on. A worker whose file takes longer than ``limits.timeout_s`` is killed and replaced, and the file is
recorded as skipped with the reason; a worker that dies (a crash in a C library, the kernel's OOM killer) is
replaced and its file recorded as an error. No other file is affected: files queued behind it go to the next
worker. Each worker's address space is capped at ``limits.max_memory_mb`` (``RLIMIT_AS``), so a file that needs
more gets a ``MemoryError`` (recorded as skipped) instead of taking the machine down. Workers ignore Ctrl-C (the
driver stops them) and die with the driver, even when it is killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from extract.settings import Settings
from extract.worker import DocumentResult, WorkItem, init_worker, limit_memory, single_thread_environment

__all__ = ["STARTUP_TIMEOUT", "Handler", "run_pool"]

log = logging.getLogger(__name__)

#: seconds a new worker may take to start and load the models before the run gives up
STARTUP_TIMEOUT = 300.0
Handler = Callable[[WorkItem, Settings], DocumentResult]
WarmUp = Callable[[Settings], None]
Outcome = tuple[WorkItem, DocumentResult]
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphaned workers after a SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_main(conn: Connection, settings: Settings, handler: Handler, warm_up: WarmUp | None) -> None:
    """The loop of one worker process: receive an item, send back its result, until told to stop."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker()
    limit_memory(settings.limits.max_memory_mb)
    try:
        if warm_up is not None:
            warm_up(settings)
    except BaseException as exc:  # reported to the driver, which stops the run with the reason
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        conn.send(("done", handler(item, settings)))


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection
    started: float
    ready: bool = False
    item: WorkItem | None = None
    deadline: float = 0.0
    handled: int = 0


def _result(item: WorkItem, status: str, message: str) -> DocumentResult:
    return DocumentResult(
        sha256=item.sha256, format=item.format, parser_key=item.parser_key, status=status, error=message
    )


def run_pool(
    items: Iterable[WorkItem], settings: Settings, handler: Handler, warm_up: WarmUp | None = None
) -> Iterator[Outcome]:
    """Run ``handler`` on every item in ``settings.run.workers`` processes; yield results as they finish."""
    limits = settings.limits
    context = multiprocessing.get_context("spawn")
    recycle_after = max(1, settings.run.recycle_after)
    pending = iter(items)
    exhausted = False
    workers: list[_Worker] = []

    def start() -> _Worker:
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker_main, args=(theirs, settings, handler, warm_up), daemon=True, name="extract-worker"
        )
        process.start()
        theirs.close()
        return _Worker(process, ours, time.monotonic())

    def stop(worker: _Worker, *, kill: bool) -> None:
        workers.remove(worker)
        if kill:
            worker.process.kill()
        else:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        worker.process.join(5 if not kill else None)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def feed(worker: _Worker) -> None:
        """Give an idle worker the next item, if there is one."""
        nonlocal exhausted
        if not worker.ready or worker.item is not None or exhausted:
            return
        item = next(pending, None)
        if item is None:
            exhausted = True
            return
        worker.item, worker.deadline = item, time.monotonic() + limits.timeout_s
        with contextlib.suppress(OSError):  # the worker died meanwhile: its sentinel says so below
            worker.conn.send(item)

    single_thread_environment()  # inherited by the workers started below
    try:
        for _ in range(max(1, settings.run.workers)):
            workers.append(start())
        while True:
            for worker in list(workers):
                feed(worker)
            if exhausted and all(w.item is None for w in workers):
                return
            now = time.monotonic()
            deadlines = [w.deadline if w.ready else w.started + STARTUP_TIMEOUT for w in workers]
            waitables = [w.conn for w in workers] + [w.process.sentinel for w in workers]
            ready = set(wait(waitables, timeout=max(0.0, min(deadlines) - now)))
            for worker in list(workers):
                message = None
                with contextlib.suppress(EOFError, OSError):
                    if worker.conn.poll():
                        message = worker.conn.recv()
                now = time.monotonic()
                if message is not None:
                    kind, payload = message
                    if kind == "failed":
                        raise RuntimeError(f"a worker process could not start: {payload}")
                    if kind == "ready":
                        worker.ready = True
                        continue
                    item, worker.item = worker.item, None
                    worker.handled += 1
                    assert item is not None
                    if worker.handled >= recycle_after:  # bounds memory growth in long runs
                        stop(worker, kill=False)
                        workers.append(start())
                    else:
                        feed(worker)  # before the driver stores this result: the worker goes on meanwhile
                    yield item, payload
                elif worker.process.sentinel in ready or not worker.process.is_alive():
                    worker.process.join(5)  # the pipe can close before the process is reaped
                    code = worker.process.exitcode
                    stop(worker, kill=True)
                    if not worker.ready:
                        raise RuntimeError(
                            f"a worker process died while starting (exit code {code}); if limits.max_memory_mb="
                            f"{limits.max_memory_mb:g} is too low for the models, raise it"
                        )
                    workers.append(start())
                    if worker.item is not None:
                        yield worker.item, _result(worker.item, "error", _death_message(code, limits.max_memory_mb))
                elif not worker.ready and now >= worker.started + STARTUP_TIMEOUT:
                    stop(worker, kill=True)
                    raise RuntimeError(f"a worker process did not start within {STARTUP_TIMEOUT:.0f} s")
                elif worker.item is not None and now >= worker.deadline:
                    item = worker.item
                    log.warning("%s: over limits.timeout_s=%g s, worker stopped", item.display_path, limits.timeout_s)
                    stop(worker, kill=True)
                    workers.append(start())
                    reason = (
                        f"processing took longer than limits.timeout_s={limits.timeout_s:g} s; "
                        "the worker was stopped and replaced"
                    )
                    yield item, _result(item, "skipped", reason)
    finally:
        for worker in list(workers):
            stop(worker, kill=True)


def _death_message(code: int | None, max_memory_mb: float) -> str:
    if code is not None and code < 0:
        try:
            how = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
    else:
        how = f"exit code {code}"
    return (
        f"the worker process died while handling this file ({how}: a crash in a parser, or memory over "
        f"limits.max_memory_mb={max_memory_mb:g}); it was replaced"
    )
