"""The process executor's worker pool: a file that hangs, crashes its worker or needs too much memory costs only
itself; the other files are processed, and workers are replaced."""

from __future__ import annotations

import dataclasses
import os
import signal
import time

import pytest

from extract.pool import run_pool
from extract.settings import Settings
from extract.worker import DocumentResult, WorkItem


def _item(name: str) -> WorkItem:
    return WorkItem(sha256=name, path=f"/nonexistent/{name}", display_path=name, format="text", parser_key="k")


def _ok(item: WorkItem) -> DocumentResult:
    return DocumentResult(sha256=item.sha256, format="text", parser_key="k", metadata={"pid": os.getpid()})


# Handlers run in spawned workers, which import this module by name.
def hang_or_crash(item: WorkItem, settings: Settings) -> DocumentResult:
    if item.sha256.startswith("hang"):
        time.sleep(3600)
    if item.sha256.startswith("segv"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if item.sha256.startswith("exit"):
        os._exit(3)
    return _ok(item)


def hog_memory(item: WorkItem, settings: Settings) -> DocumentResult:
    """The real worker.process, with a parser that allocates 3 GB for files named hog*."""
    import extract.worker as worker

    def parse(path, settings, fmt):
        if path.name.startswith("hog"):
            return bytearray(3 << 30)
        raise worker.DocumentError("nothing to parse here")

    worker.parse = parse
    result = worker.process(item, settings)
    result.metadata["pid"] = os.getpid()
    return result


def failing_warm_up(settings: Settings) -> None:
    raise OSError("model files missing")


def _settings(base: Settings, **limits) -> Settings:
    return dataclasses.replace(base, limits=dataclasses.replace(base.limits, **limits))


def _run(items: list[str], settings: Settings, handler, **kwargs) -> dict[str, DocumentResult]:
    return {item.sha256: result for item, result in run_pool([_item(n) for n in items], settings, handler, **kwargs)}


def test_a_hanging_file_is_stopped_and_the_rest_go_on(settings: Settings) -> None:
    fast = _settings(settings, timeout_s=3).with_run(workers=1)
    started = time.monotonic()
    results = _run(["a", "hang1", "b", "c"], fast, hang_or_crash)
    assert time.monotonic() - started < 60
    assert results["hang1"].status == "skipped"
    assert "limits.timeout_s=3" in results["hang1"].error
    assert [results[n].status for n in "abc"] == ["ok"] * 3
    assert results["a"].metadata["pid"] != results["b"].metadata["pid"]  # the hung worker was replaced


def test_a_crashing_worker_is_replaced_and_only_its_file_is_an_error(settings: Settings) -> None:
    results = _run(["a", "segv1", "b", "exit1", "c", "d"], settings.with_run(workers=2), hang_or_crash)
    assert results["segv1"].status == "error" and "SIGSEGV" in results["segv1"].error
    assert results["exit1"].status == "error" and "exit code 3" in results["exit1"].error
    assert [results[n].status for n in "abcd"] == ["ok"] * 4


def test_memory_over_the_limit_is_skipped_and_the_worker_survives(settings: Settings) -> None:
    capped = _settings(settings, max_memory_mb=1536).with_run(workers=1)
    results = _run(["hog1", "other"], capped, hog_memory)
    assert results["hog1"].status == "skipped"
    assert "limits.max_memory_mb=1536" in results["hog1"].error
    assert results["other"].error == "nothing to parse here"
    assert results["hog1"].metadata["pid"] == results["other"].metadata["pid"]


def test_workers_are_recycled(settings: Settings) -> None:
    results = _run(["a", "b", "c"], settings.with_run(workers=1, recycle_after=1), hang_or_crash)
    assert len({r.metadata["pid"] for r in results.values()}) == 3


def test_a_worker_that_cannot_start_stops_the_run_with_the_reason(settings: Settings) -> None:
    with pytest.raises(RuntimeError, match="could not start: OSError: model files missing"):
        _run(["a"], settings, hang_or_crash, warm_up=failing_warm_up)
