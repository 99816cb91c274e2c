"""The Dask executor on a local cluster (loopback) gives the same rows as a serial run."""

import sqlite3
from pathlib import Path

import pytest

from extract.run import run

pytest.importorskip("distributed")


def _rows(db: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        docs = conn.execute("SELECT path, sha256, status, error FROM documents ORDER BY path").fetchall()
        contents = conn.execute("SELECT sha256, format, lang, pages, chars FROM contents ORDER BY sha256").fetchall()
        return docs + contents
    finally:
        conn.close()


def test_local_dask_cluster_matches_serial(tmp_path: Path, settings) -> None:
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
