"""Faults of the run itself: SIGKILL at random moments then a restart gives exactly the records of an uninterrupted
run; --force replaces a document's records atomically (a crash mid-document keeps the old ones); Ctrl-C stops
cleanly and says how to resume."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.run import run
from extract.store import Store

ROOT = Path(__file__).resolve().parents[1]
RUN_SPECIFIC = {"run_id", "updated_at", "record_id"}


def _start(*args: str, env: dict | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "extract.cli", "-q", *args]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _extract(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "extract.cli", "-q", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _export(db: Path, out: Path) -> dict[str, list[str]]:
    """Every exported row without its run-specific fields, sorted (so duplicates would show)."""
    _extract("export", "--db", str(db), "--format", "jsonl", "--out", str(out))
    tables = {}
    for path in sorted(out.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text().splitlines()]
        tables[path.name] = sorted(
            json.dumps({k: v for k, v in row.items() if k not in RUN_SPECIFIC}, sort_keys=True, ensure_ascii=False)
            for row in rows
        )
    return tables


def _children(pid: int) -> list[int]:
    """The worker processes of ``pid`` (not multiprocessing's resource tracker, which exits on its own later)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with open(task / "children") as fh:
            found += [int(p) for p in fh.read().split()]
    return [p for p in found if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("resume") / "dump"
    shutil.copytree(ROOT / "corpus" / "sample", folder)
    return folder


def test_sigkill_at_random_moments_then_resume_gives_the_uninterrupted_records(dump: Path, tmp_path: Path) -> None:
    _extract("run", str(dump), "--db", str(tmp_path / "whole.sqlite"))
    expected = _export(tmp_path / "whole.sqlite", tmp_path / "whole")
    assert sum(len(rows) for name, rows in expected.items() if name != "documents.jsonl") > 100

    db = tmp_path / "killed.sqlite"
    rng = random.Random(10)
    orphans: list[int] = []
    for attempt in range(5):
        workers = ["--workers", "2"] if attempt % 2 else []
        process = _start("run", str(dump), "--db", str(db), *workers)
        time.sleep(rng.uniform(0.5, 8.0))
        if process.poll() is not None:
            break  # finished before the kill: nothing left to interrupt
        orphans += _children(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    _extract("run", str(dump), "--db", str(db))
    assert _export(db, tmp_path / "resumed") == expected

    statuses = [row[0] for row in sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id")]
    assert statuses[-1] == "finished" and statuses.count("running") >= 3  # the killed runs
    time.sleep(1)
    assert not [pid for pid in orphans if Path(f"/proc/{pid}").exists()], "workers outlived their killed driver"


def test_a_failure_mid_document_during_force_keeps_the_old_records(tmp_path: Path, settings, monkeypatch) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "a.txt").write_text("More than 20,000 soldiers deserted from 2022 to July 2025, according to Mediazona.")
    (dump / "b.txt").write_text("Более 20 тыс. военнослужащих самовольно оставили части в 2024 году.")
    run([str(dump)], settings)
    store = Store.open(settings.run.db)
    before = {t: list(store.iter_records(t)) for t in ("counts", "dates", "sources")}
    sha_a = next(d["sha256"] for d in store.iter_documents() if d["path"].endswith("a.txt"))
    store.close()
    assert before["counts"] and before["dates"]

    original = Store._insert_records

    def failing(self, table, sha, records):
        if sha == sha_a and table == "dates":  # after the old rows were deleted and the new counts written
            raise sqlite3.OperationalError("disk I/O error (injected)")
        return original(self, table, sha, records)

    monkeypatch.setattr(Store, "_insert_records", failing)
    summary = run([str(dump)], settings, force=True)
    assert summary.processed == 2
    store = Store.open(settings.run.db)
    try:
        assert {t: list(store.iter_records(t)) for t in before} == before
        rows = {Path(d["path"]).name: d for d in store.iter_documents()}
    finally:
        store.close()
    assert rows["a.txt"]["status"] == "error"
    assert "could not be stored" in rows["a.txt"]["error"] and "earlier records are kept" in rows["a.txt"]["error"]
    assert rows["b.txt"]["status"] == "ok"
    monkeypatch.undo()
    assert run([str(dump)], settings).unchanged == 2  # the next run puts the row right without work


KILL_MID_DOCUMENT = """
import os, signal
from extract.store import Store

_insert = Store._insert_records

def _die_in_the_middle(self, table, sha, records):
    if table == "dates":  # the old rows are deleted, some new ones written, nothing committed
        os.kill(os.getpid(), signal.SIGKILL)
    return _insert(self, table, sha, records)

Store._insert_records = _die_in_the_middle
"""


def test_sigkill_mid_document_during_force_keeps_the_old_records(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "a.txt").write_text("More than 20,000 soldiers deserted from 2022 to July 2025, according to Mediazona.")
    db = tmp_path / "store.sqlite"
    _extract("run", str(dump), "--db", str(db))
    before = _export(db, tmp_path / "before")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(KILL_MID_DOCUMENT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hooks), str(ROOT)])}
    killed = subprocess.run(
        [sys.executable, "-m", "extract.cli", "-q", "run", str(dump), "--db", str(db), "--force"],
        cwd=ROOT, env=env, capture_output=True, timeout=300,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    assert _export(db, tmp_path / "after") == before


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(dump: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    process = _start("run", str(dump), "--db", str(db), "--workers", "2")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the run has started (its row is in the store)
        time.sleep(0.5)
        try:
            if sqlite3.connect(db).execute("SELECT COUNT(*) FROM runs").fetchone()[0]:
                break
        except sqlite3.Error:
            continue
    time.sleep(2)
    children = _children(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "run the same command again to resume" in stderr
    assert "Traceback" not in stderr
    assert sqlite3.connect(db).execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    time.sleep(1)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
