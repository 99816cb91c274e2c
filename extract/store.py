"""The SQLite store: runs, documents (per path), contents (per file hash), pages, a parse cache, and one table
per record type with provenance.

Every document is written in one transaction (:meth:`Store.save_result`), so a run killed at any moment loses
nothing already committed, and re-extracting a document replaces its records atomically.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from extract.records import RECORD_TYPES

__all__ = ["CLAIM_JSON", "DOCUMENT_COLUMNS", "RECORD_COLUMNS", "Store", "record_columns", "utc_now"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,              -- running | finished | interrupted | failed
    pipeline_version TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    settings TEXT NOT NULL,
    sources TEXT NOT NULL,
    force INTEGER NOT NULL,
    executor TEXT NOT NULL,
    workers INTEGER NOT NULL,
    summary TEXT                       -- JSON: files by status, records by type, elapsed
);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,             -- as found; archive members as archive.zip!member/path
    sha256 TEXT,
    size INTEGER,
    format TEXT,
    lang TEXT,                         -- copied from the content, for direct queries
    pages INTEGER,
    status TEXT NOT NULL,              -- ok | partial | needs_ocr | error | skipped
    error TEXT,
    run_id INTEGER REFERENCES runs(id),
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
CREATE TABLE IF NOT EXISTS contents (
    sha256 TEXT PRIMARY KEY,
    format TEXT,
    lang TEXT,
    pages INTEGER,
    chars INTEGER,
    title TEXT,
    published TEXT,
    published_source TEXT,
    parser_version TEXT,
    pipeline_version TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    warnings TEXT,
    timings TEXT,
    run_id INTEGER REFERENCES runs(id),
    processed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    sha256 TEXT NOT NULL,
    page INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    width REAL,
    height REAL,
    has_text_layer INTEGER NOT NULL,
    needs_ocr INTEGER NOT NULL,
    notes TEXT,
    ocr_confidence REAL,               -- mean OCR word confidence where the page's text came from OCR
    PRIMARY KEY (sha256, page)
);
CREATE TABLE IF NOT EXISTS parse_cache (
    sha256 TEXT NOT NULL,
    parser_key TEXT NOT NULL,
    data BLOB NOT NULL,                -- zlib-compressed JSON of the ParsedDocument
    created_at TEXT NOT NULL,
    PRIMARY KEY (sha256, parser_key)
);
CREATE TABLE IF NOT EXISTS claims (          -- rebuilt by the driver after each run (extract.claims)
    claim_id TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    kind TEXT NOT NULL,
    projection INTEGER NOT NULL,
    value REAL NOT NULL,
    low REAL,
    high REAL,
    qualifier TEXT NOT NULL,
    counted TEXT,
    period TEXT,                       -- JSON {start, end} of the representative mention
    period_key TEXT NOT NULL,
    unit TEXT,
    source TEXT,
    conflict INTEGER NOT NULL,
    conflicts_with TEXT NOT NULL,      -- JSON list of claim ids
    n_citations INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    citations TEXT NOT NULL            -- JSON list of {record_id, doc_sha256, path, page, char_start, char_end, ...}
);
"""

#: bumped when a table changes in a way old store files cannot follow (new record fields are added in place)
STORE_SCHEMA = 2
#: provenance columns of every record row; the row key is record_id because "id" is a Unit field
_PROVENANCE = ("record_id", "doc_sha256", "page")
#: claim columns stored as JSON text, and as 0/1
CLAIM_JSON = ("period", "conflicts_with", "citations")
_CLAIM_BOOL = ("projection", "conflict")
#: the columns of an exported documents row
DOCUMENT_COLUMNS = (
    "path",
    "sha256",
    "size",
    "format",
    "lang",
    "pages",
    "status",
    "error",
    "title",
    "published",
    "published_source",
    "chars",
    "pipeline_version",
    "warnings",
    "run_id",
    "updated_at",
)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _column_kind(annotation: object) -> str:
    text = str(annotation)
    if "dict" in text or "list" in text:
        return "json"
    if text.startswith("bool"):
        return "bool"
    return "plain"


#: table -> {field: kind} for every record type, derived from the dataclasses (one source of truth)
RECORD_COLUMNS: dict[str, dict[str, str]] = {
    table: {f.name: _column_kind(f.type) for f in fields(cls)} for table, cls in RECORD_TYPES.items()
}


class DocumentRow(NamedTuple):
    """One file as found: its path and what became of it."""

    path: str
    sha256: str | None
    size: int | None
    format: str | None
    lang: str | None
    pages: int | None
    status: str
    error: str | None


def record_columns(table: str) -> list[str]:
    """The columns of an exported record row: provenance, then the contract fields."""
    return [*_PROVENANCE, *RECORD_COLUMNS[table]]


class Store:
    """A connection to one store file; create it with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> Store:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=60)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        store = cls(conn, path)
        store._migrate()
        return store

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        self.conn.executescript(_SCHEMA)
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'store_schema'").fetchone()
        if row is None:
            self.conn.execute("INSERT INTO meta (key, value) VALUES ('store_schema', ?)", (str(STORE_SCHEMA),))
        elif row[0] != str(STORE_SCHEMA):
            raise RuntimeError(
                f"{self.path} was written with store schema {row[0]}, this version uses {STORE_SCHEMA}; "
                "use another --db or remove the file and run again"
            )
        if "ocr_confidence" not in {row["name"] for row in self.conn.execute("PRAGMA table_info(pages)")}:
            self.conn.execute("ALTER TABLE pages ADD COLUMN ocr_confidence REAL")
        for table, columns in RECORD_COLUMNS.items():
            self.conn.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (record_id INTEGER PRIMARY KEY, doc_sha256 TEXT NOT NULL,"
                " page INTEGER)"
            )
            have = {row["name"] for row in self.conn.execute(f"PRAGMA table_info({table})")}
            for name in columns:
                if name not in have:  # new contract fields arrive as new columns
                    self.conn.execute(f'ALTER TABLE {table} ADD COLUMN "{name}"')
            self.conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_doc ON {table}(doc_sha256)")

    # -- runs ---------------------------------------------------------------------------------------------

    def start_run(
        self,
        *,
        pipeline_version: str,
        settings: dict,
        settings_hash: str,
        sources: list[str],
        force: bool,
        executor: str,
        workers: int,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (started_at, status, pipeline_version, settings_hash, settings, sources, force,"
            " executor, workers) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)",
            (
                utc_now(),
                pipeline_version,
                settings_hash,
                json.dumps(settings, sort_keys=True),
                json.dumps(sources),
                int(force),
                executor,
                workers,
            ),
        )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str, summary: dict) -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
            (utc_now(), status, json.dumps(summary, sort_keys=True), run_id),
        )

    # -- lookups ------------------------------------------------------------------------------------------

    def processed(self, sha256: str) -> sqlite3.Row | None:
        """pipeline_version, format, lang, pages, status and error of the content with this hash, if processed."""
        return self.conn.execute(
            "SELECT pipeline_version, format, lang, pages, status, error FROM contents WHERE sha256 = ?", (sha256,)
        ).fetchone()

    def cached_parse(self, sha256: str, parser_key: str) -> dict | None:
        row = self.conn.execute(
            "SELECT data FROM parse_cache WHERE sha256 = ? AND parser_key = ?", (sha256, parser_key)
        ).fetchone()
        return json.loads(zlib.decompress(row["data"])) if row else None

    # -- writes -------------------------------------------------------------------------------------------

    def record_document(self, row: DocumentRow, run_id: int) -> None:
        """Insert or replace the row of one file as found (its own transaction)."""
        with self._transaction():
            self._upsert_document(row, run_id)

    def _upsert_document(self, row: DocumentRow, run_id: int) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO documents (path, sha256, size, format, lang, pages, status, error, run_id,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*row, run_id, utc_now()),
        )

    def save_result(self, result: Any, paths: list[tuple[str, int | None]], run_id: int, pipeline_version: str) -> None:
        """Replace everything known about one content (records, pages, cache) and its paths, atomically."""
        sha = result.sha256
        with self._transaction():
            for table in RECORD_COLUMNS:
                self.conn.execute(f"DELETE FROM {table} WHERE doc_sha256 = ?", (sha,))
            self.conn.execute("DELETE FROM pages WHERE sha256 = ?", (sha,))
            meta = result.metadata or {}
            self.conn.execute(
                "INSERT OR REPLACE INTO contents (sha256, format, lang, pages, chars, title, published,"
                " published_source, parser_version, pipeline_version, status, error, warnings, timings, run_id,"
                " processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sha,
                    result.format,
                    result.lang,
                    result.page_count,
                    result.chars,
                    meta.get("title"),
                    meta.get("published"),
                    meta.get("published_source"),
                    result.parser_key,
                    pipeline_version,
                    result.status,
                    result.error,
                    json.dumps(result.warnings),
                    json.dumps(result.timings),
                    run_id,
                    utc_now(),
                ),
            )
            self.conn.executemany(
                "INSERT INTO pages (sha256, page, char_start, char_end, width, height, has_text_layer, needs_ocr,"
                " notes, ocr_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        sha,
                        p["number"],
                        p["char_start"],
                        p["char_end"],
                        p["width"],
                        p["height"],
                        int(p["has_text_layer"]),
                        int(p["needs_ocr"]),
                        json.dumps(list(p["notes"])),
                        p.get("ocr_confidence"),
                    )
                    for p in result.pages
                ],
            )
            for table, records in result.records.items():
                self._insert_records(table, sha, records)
            if result.parsed is not None and result.parser_key:
                self.conn.execute(
                    "INSERT OR REPLACE INTO parse_cache (sha256, parser_key, data, created_at) VALUES (?, ?, ?, ?)",
                    (sha, result.parser_key, zlib.compress(json.dumps(result.parsed).encode(), 6), utc_now()),
                )
            for path, size in paths:
                self._upsert_document(
                    DocumentRow(
                        path, sha, size, result.format, result.lang, result.page_count, result.status, result.error
                    ),
                    run_id,
                )

    def prune_orphans(self) -> int:
        """Drop contents (records, pages, cached parse) that no file path refers to any more.

        A file edited in place gets a new hash; without this, the records of its old version would linger in
        exports. Returns how many contents were dropped.
        """
        orphan = (
            "SELECT sha256 FROM contents WHERE sha256 NOT IN (SELECT sha256 FROM documents WHERE sha256 IS NOT NULL)"
        )
        with self._transaction():
            shas = [row[0] for row in self.conn.execute(orphan)]
            for sha in shas:
                for table in RECORD_COLUMNS:
                    self.conn.execute(f"DELETE FROM {table} WHERE doc_sha256 = ?", (sha,))
                for table in ("pages", "parse_cache", "contents"):
                    self.conn.execute(f"DELETE FROM {table} WHERE sha256 = ?", (sha,))
        return len(shas)

    def _insert_records(self, table: str, sha: str, records: list[dict]) -> None:
        columns = RECORD_COLUMNS[table]
        names = ["doc_sha256", "page", *columns]
        quoted = ", ".join(f'"{n}"' for n in names)  # quoted: "table" and "row" are SQL keywords
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(names))})"
        rows = []
        for rec in records:
            row = [sha, rec.get("page")]
            for name, kind in columns.items():
                value = rec.get(name)
                if kind == "json" and value is not None:
                    value = json.dumps(value, ensure_ascii=False)
                elif kind == "bool" and value is not None:
                    value = int(value)
                row.append(value)
            rows.append(row)
        self.conn.executemany(sql, rows)

    def replace_claims(self, claims: list[dict[str, Any]]) -> None:
        """Replace the whole claims table (claims span documents, so they are rebuilt as one)."""
        from extract.claims import CLAIM_COLUMNS

        sql = f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) VALUES ({', '.join('?' * len(CLAIM_COLUMNS))})"
        rows = []
        for claim in claims:
            row = []
            for name in CLAIM_COLUMNS:
                value = claim.get(name)
                if name in CLAIM_JSON and value is not None:
                    value = json.dumps(value, ensure_ascii=False)
                elif name in _CLAIM_BOOL:
                    value = int(bool(value))
                row.append(value)
            rows.append(row)
        with self._transaction():
            self.conn.execute("DELETE FROM claims")
            self.conn.executemany(sql, rows)
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('claims_built_at', ?)", (utc_now(),))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    # -- reads --------------------------------------------------------------------------------------------

    def iter_documents(self) -> Iterator[dict[str, Any]]:
        """One row per file found, joined with what is known of its content."""
        own = {"path", "sha256", "size", "format", "lang", "pages", "status", "error", "run_id", "updated_at"}
        columns = ", ".join(f"{'d' if c in own else 'c'}.{c}" for c in DOCUMENT_COLUMNS)
        sql = f"SELECT {columns} FROM documents d LEFT JOIN contents c ON c.sha256 = d.sha256 ORDER BY d.path"
        for row in self.conn.execute(sql):
            out = dict(row)
            out["warnings"] = json.loads(out["warnings"]) if out["warnings"] else []
            yield out

    def iter_records(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of one record table in contract shape, plus doc_sha256, page and the row id."""
        columns = RECORD_COLUMNS[table]
        sql = f"SELECT * FROM {table} ORDER BY doc_sha256, char_start, record_id"
        for row in self.conn.execute(sql):
            out: dict[str, Any] = {name: row[name] for name in _PROVENANCE}
            for name, kind in columns.items():
                value = row[name]
                if kind == "json" and value is not None:
                    value = json.loads(value)
                elif kind == "bool" and value is not None:
                    value = bool(value)
                out[name] = value
            yield out

    def iter_claims(self) -> Iterator[dict[str, Any]]:
        """The claims as the driver last built them, in a stable order."""
        for row in self.conn.execute("SELECT * FROM claims ORDER BY category, period_key, value, claim_id"):
            out = dict(row)
            for name in CLAIM_JSON:
                out[name] = json.loads(out[name]) if out[name] is not None else None
            for name in _CLAIM_BOOL:
                out[name] = bool(out[name])
            yield out

    def claims_built(self) -> bool:
        """Whether a run has built the claims table of this store (it may legitimately be empty)."""
        return self.conn.execute("SELECT 1 FROM meta WHERE key = 'claims_built_at'").fetchone() is not None

    def document_paths(self) -> dict[str, str]:
        """Content hash -> the first path (in sort order) where that content was found."""
        sql = "SELECT sha256, MIN(path) AS path FROM documents WHERE sha256 IS NOT NULL GROUP BY sha256"
        return {row["sha256"]: row["path"] for row in self.conn.execute(sql)}

    def document_text(self, sha256: str) -> str | None:
        """The extracted text of a content, from the parse cache (None when it was not cached)."""
        # the parse the records were made from first (offsets refer to it), else the newest one
        row = self.conn.execute(
            "SELECT p.data FROM parse_cache p LEFT JOIN contents c ON c.sha256 = p.sha256 WHERE p.sha256 = ?"
            " ORDER BY p.parser_key = c.parser_version DESC, p.created_at DESC LIMIT 1",
            (sha256,),
        ).fetchone()
        if row is None:
            return None
        try:
            return json.loads(zlib.decompress(row["data"])).get("text")
        except (zlib.error, ValueError):
            return None

    def counts(self) -> dict[str, Any]:
        """Files by status and records by type, over the whole store."""
        by_status = {
            r["status"]: r["n"]
            for r in self.conn.execute("SELECT status, COUNT(*) AS n FROM documents GROUP BY status")
        }
        records = {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in RECORD_COLUMNS}
        return {"files": by_status, "records": records}


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
