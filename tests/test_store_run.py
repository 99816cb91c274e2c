"""The store and the batch driver: one row per file, no work twice, --force replaces without duplicates."""

import sqlite3
import zipfile
from pathlib import Path

import pytest

from extract.run import run
from extract.store import Store
from extract.worker import DocumentResult


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    root = tmp_path / "dump"
    (root / "ru").mkdir(parents=True)
    (root / "en.txt").write_text("More than 20,000 soldiers deserted from 2022 to July 2025.\n\nSecond paragraph.")
    (root / "ru" / "отчёт.txt").write_bytes("Более 20 тыс. военнослужащих, в/ч 12345.".encode("cp1251"))
    (root / "ru" / "copy.txt").write_bytes("Более 20 тыс. военнослужащих, в/ч 12345.".encode("cp1251"))
    (root / "page.html").write_text("<html><body><article><p>Court data: 20,538 cases.</p></article></body></html>")
    (root / "empty.txt").write_bytes(b"")
    (root / "junk.pdf").write_bytes(b"garbage, not a pdf")
    with zipfile.ZipFile(root / "bundle.zip", "w") as zf:
        zf.writestr("inner/note.txt", "A note inside an archive.")
        zf.writestr("../evil.txt", "never extracted")
    return root


def _rows(db: str, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_file_gets_a_row_and_bad_files_do_not_stop_the_run(dump: Path, settings) -> None:
    summary = run([str(dump)], settings)
    rows = dict(
        (p.split("dump/", 1)[1], (s, e))
        for p, s, e in _rows(settings.run.db, "SELECT path, status, error FROM documents")
    )
    assert set(rows) == {
        "en.txt",
        "ru/отчёт.txt",
        "ru/copy.txt",
        "page.html",
        "empty.txt",
        "junk.pdf",
        "bundle.zip",
        "bundle.zip!inner/note.txt",
        "bundle.zip!../evil.txt",
    }
    assert rows["en.txt"] == ("ok", None)
    assert rows["empty.txt"][0] == "error" and "empty" in rows["empty.txt"][1]
    assert rows["junk.pdf"][0] == "error" and "not a PDF" in rows["junk.pdf"][1]
    assert rows["bundle.zip!../evil.txt"][0] == "error"
    assert rows["bundle.zip!inner/note.txt"] == ("ok", None)
    # identical files are one content, processed once
    assert summary.processed == 4
    langs = dict(_rows(settings.run.db, "SELECT format || ':' || sha256, lang FROM contents"))
    assert sorted(langs.values()) == ["en", "en", "en", "ru"]


def test_second_run_does_no_work(dump: Path, settings) -> None:
    first = run([str(dump)], settings)
    second = run([str(dump)], settings)
    assert first.processed == 4
    assert second.processed == 0
    assert second.unchanged == 5  # four contents at five paths
    assert sum(second.files.values()) == sum(first.files.values())
    assert _rows(settings.run.db, "SELECT COUNT(*) FROM documents") == [(9,)]
    runs = _rows(settings.run.db, "SELECT status FROM runs ORDER BY id")
    assert runs == [("finished",), ("finished",)]


def test_force_reuses_the_parse_cache_and_replaces_records(dump: Path, settings, monkeypatch) -> None:
    run([str(dump)], settings)
    import extract.worker

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again despite the parse cache")

    monkeypatch.setattr(extract.worker, "parse", no_parse)
    again = run([str(dump)], settings, force=True)
    assert again.processed == 4
    assert not [e for e in again.errors if "parsed again" in e[1]]
    assert len(again.errors) == 3  # empty.txt, junk.pdf, ../evil.txt: the same as the first run
    assert _rows(settings.run.db, "SELECT COUNT(*) FROM documents") == [(9,)]
    assert _rows(settings.run.db, "SELECT COUNT(*) FROM contents") == [(4,)]


def test_a_file_changed_in_place_leaves_no_stale_content(dump: Path, settings) -> None:
    run([str(dump)], settings)
    (dump / "en.txt").write_text("A rewritten report.")
    again = run([str(dump)], settings)
    assert again.processed == 1
    assert _rows(settings.run.db, "SELECT COUNT(*) FROM contents") == [(4,)]
    orphans = "SELECT COUNT(*) FROM {} WHERE sha256 NOT IN (SELECT sha256 FROM documents WHERE sha256 IS NOT NULL)"
    for table in ("contents", "pages", "parse_cache"):
        assert _rows(settings.run.db, orphans.format(table)) == [(0,)]


def _result(sha: str, n: int) -> DocumentResult:
    return DocumentResult(
        sha256=sha,
        format="text",
        parser_key="text/1:x",
        lang="en",
        chars=100,
        pages=[
            {
                "number": 1,
                "char_start": 0,
                "char_end": 100,
                "width": 595.0,
                "height": 842.0,
                "has_text_layer": True,
                "needs_ocr": False,
                "notes": [],
            }
        ],
        records={
            "counts": [
                {
                    "text": f"{i} cases",
                    "char_start": i,
                    "char_end": i + 7,
                    "rule": "test",
                    "value": i,
                    "low": i,
                    "high": i,
                    "qualifier": "exact",
                    "kind": "count",
                    "counted": "cases",
                    "category": "prosecution",
                    "projection": False,
                    "period": {"start": "2024-01-01", "end": "2024-12-31"},
                    "unit": None,
                    "source": None,
                    "page": 1,
                }
                for i in range(n)
            ]
        },
    )


def test_saving_a_result_again_replaces_its_records(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite")
    run_id = store.start_run(
        pipeline_version="v", settings={}, settings_hash="h", sources=[], force=False, executor="serial", workers=1
    )
    store.save_result(_result("abc", 3), [("a.txt", 10), ("b.txt", 10)], run_id, "v")
    store.save_result(_result("abc", 2), [("a.txt", 10)], run_id, "v")
    rows = list(store.iter_records("counts"))
    assert [r["value"] for r in rows] == [0, 1]
    assert rows[0]["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert rows[0]["projection"] is False and rows[0]["page"] == 1 and rows[0]["doc_sha256"] == "abc"
    assert [d["path"] for d in store.iter_documents()] == ["a.txt", "b.txt"]
    assert store.counts()["records"]["counts"] == 2


def test_a_failed_transaction_leaves_the_old_records(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite")
    run_id = store.start_run(
        pipeline_version="v", settings={}, settings_hash="h", sources=[], force=False, executor="serial", workers=1
    )
    store.save_result(_result("abc", 3), [("a.txt", 10)], run_id, "v")
    broken = _result("abc", 5)
    broken.records["counts"][4]["period"] = object()  # not serialisable: the write fails midway
    with pytest.raises(TypeError):
        store.save_result(broken, [("a.txt", 10)], run_id, "v")
    assert [r["value"] for r in store.iter_records("counts")] == [0, 1, 2]


def test_process_pool_gives_the_same_rows_as_serial(dump: Path, settings, tmp_path: Path) -> None:
    run([str(dump)], settings)
    pooled = settings.with_run(db=str(tmp_path / "pool.sqlite"), executor="process", workers=2)
    summary = run([str(dump)], pooled)
    assert summary.processed == 4
    query = "SELECT path, status, error FROM documents ORDER BY path"
    assert _rows(settings.run.db, query) == _rows(pooled.run.db, query)


def test_a_store_of_another_schema_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    Store.open(path).conn.execute("UPDATE meta SET value = '0' WHERE key = 'store_schema'")
    with pytest.raises(RuntimeError, match="store schema 0"):
        Store.open(path)
