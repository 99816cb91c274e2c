"""The Dask executor on a local cluster (loopback) gives the same records as a serial run; a task whose worker
dies is retried once and then recorded as an error."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from extract.executors import run_dask
from extract.export import export
from extract.run import run
from extract.settings import Settings
from extract.store import Store
from extract.worker import DocumentResult, WorkItem, process

pytest.importorskip("distributed")

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"
#: fields that differ between two runs of the same input: row ids, run ids, times
RUN_FIELDS = {"id", "record_id", "run_id", "updated_at", "processed_at", "created_at", "timings"}


def _strip(value: object) -> object:
    """``value`` without run-specific fields at any depth; lists of objects in a canonical order."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in RUN_FIELDS}
    if isinstance(value, list):
        items = [_strip(v) for v in value]
        if all(isinstance(v, dict) for v in items):
            items.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return items
    return value


def _rows(db: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        docs = conn.execute("SELECT path, sha256, status, error FROM documents ORDER BY path").fetchall()
        contents = conn.execute("SELECT sha256, format, lang, pages, chars FROM contents ORDER BY sha256").fetchall()
        return docs + contents
    finally:
        conn.close()


def _exported(db: str, out: Path) -> dict[str, list[str]]:
    """Every exported JSONL table, run-specific fields dropped, rows sorted."""
    store = Store.open(db)
    try:
        export(store, "jsonl", out)
    finally:
        store.close()
    tables = {}
    for path in sorted(out.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        tables[path.stem] = sorted(json.dumps(_strip(row), sort_keys=True, ensure_ascii=False) for row in rows)
    return tables


def test_local_dask_cluster_matches_serial(tmp_path: Path, settings: Settings) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "en.txt").write_text("More than 20,000 soldiers deserted.")
    (dump / "ru.txt").write_text("Более 20 тыс. военнослужащих.")
    (dump / "page.html").write_text("<p>Court data: 20,538 cases.</p>")
    (dump / "bad.pdf").write_bytes(b"not a pdf")
    run([str(dump)], settings)
    on_dask = settings.with_run(db=str(tmp_path / "dask.sqlite"), executor="dask", workers=2)
    summary = run([str(dump)], on_dask)
    assert summary.processed == 3
    assert _rows(settings.run.db) == _rows(on_dask.run.db)


def test_sample_corpus_exports_the_same_records_on_dask(tmp_path: Path, settings: Settings, sample_store: Path) -> None:
    """The whole sample corpus on a 2-worker local cluster: the exported records equal a serial run's."""
    on_dask = settings.with_run(db=str(tmp_path / "dask.sqlite"), executor="dask", workers=2)
    summary = run([str(SAMPLE)], on_dask)
    assert not summary.interrupted and summary.processed > 10
    serial, dask = _exported(str(sample_store), tmp_path / "serial"), _exported(on_dask.run.db, tmp_path / "dask")
    assert serial.keys() == dask.keys()
    for table in serial:
        assert serial[table] == dask[table], table
    assert sum(len(rows) for rows in serial.values()) > 100


def _dies_on_marked_files(item: WorkItem, settings: Settings) -> DocumentResult:
    """The worker process exits abruptly (as in a segfault or the OOM killer) on files named die*."""
    if Path(item.display_path).name.startswith("die"):
        os._exit(1)
    return process(item, settings)


def test_a_task_whose_worker_dies_is_retried_then_an_error(tmp_path: Path, settings: Settings) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    try:
        items = []
        for name, text in (("die.txt", "Killed."), ("ok.txt", "More than 20,000 soldiers deserted.")):
            (tmp_path / name).write_text(text)
            items.append(WorkItem(name, str(tmp_path / name), name, "text", "text/1"))
        out = dict(run_dask(items, settings.with_run(workers=2), handler=_dies_on_marked_files))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    by_name = {item.display_path: result for item, result in out.items()}
    assert by_name["ok.txt"].status == "ok"
    assert by_name["die.txt"].status == "error"
    assert "failed after a retry" in (by_name["die.txt"].error or "")
