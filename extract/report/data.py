"""What the report shows, read from the store: the run summary, claims, top units and sources, unit tallies."""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from typing import Any

from extract.aggregates import person_tallies
from extract.store import Store

__all__ = ["ReportData", "collect", "top_sources", "top_units", "unit_tallies"]

log = logging.getLogger(__name__)

ReportData = dict[str, Any]

#: persons columns that leaked-list rows carry (the issue 7 contract); tallies need all of them


def collect(store: Store, *, top: int = 10) -> ReportData:
    """Everything the report renders, as plain data (so the page can be tested without a browser)."""
    documents = list(store.iter_documents())
    return {
        "run": _last_run(store),
        "files_by_status": dict(Counter(d["status"] for d in documents).most_common()),
        "files_by_format": dict(Counter(d["format"] or "unknown" for d in documents).most_common()),
        "files": len(documents),
        "pages": sum(d["pages"] or 0 for d in documents),
        "records": store.counts()["records"],
        "errors": [
            {"path": d["path"], "status": d["status"], "error": d["error"]} for d in documents if d["error"] is not None
        ],
        "claims": list(store.iter_claims()),
        "top_units": top_units(store, top),
        "top_sources": top_sources(store, top),
        "tallies": unit_tallies(store),
    }


def _last_run(store: Store) -> dict[str, Any] | None:
    row = store.conn.execute(
        "SELECT id, started_at, finished_at, status, pipeline_version, sources, summary FROM runs ORDER BY id DESC"
        " LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["sources"] = json.loads(out["sources"]) if out["sources"] else []
    out["summary"] = json.loads(out["summary"]) if out["summary"] else {}
    return out


def top_units(store: Store, n: int) -> list[dict[str, Any]]:
    """Units by the number of documents that mention them (then mentions), with a label as written."""
    stats: dict[str, dict[str, Any]] = {}
    for row in store.iter_records("units"):
        key = row.get("id") or (f"в/ч {row['military_unit_number']}" if row.get("military_unit_number") else None)
        if key is None:
            continue
        entry = stats.setdefault(key, {"unit": key, "mentions": 0, "docs": set(), "labels": Counter()})
        entry["mentions"] += 1
        entry["docs"].add(row["doc_sha256"])
        entry["labels"][" ".join(row["text"].split())] += 1
    rows = [
        {
            "unit": e["unit"],
            "label": e["labels"].most_common(1)[0][0],
            "mentions": e["mentions"],
            "documents": len(e["docs"]),
        }
        for e in stats.values()
    ]
    rows.sort(key=lambda r: (-r["documents"], -r["mentions"], r["unit"]))
    return rows[:n]


def top_sources(store: Store, n: int) -> list[dict[str, Any]]:
    """Sources by the number of documents that cite them, with how many claims they are the source of."""
    claims = Counter(c["source"] for c in store.iter_claims() if c["source"])
    mentions: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    for row in store.iter_records("sources"):
        mentions[row["name"]] += 1
        docs[row["name"]].add(row["doc_sha256"])
    rows = [
        {"source": name, "mentions": mentions[name], "documents": len(docs[name]), "claims": claims.get(name, 0)}
        for name in mentions
    ]
    rows.sort(key=lambda r: (-r["documents"], -r["mentions"], r["source"]))
    return rows[:n]


def unit_tallies(store: Store) -> list[dict[str, Any]]:
    """Leaked-list persons per military unit number, month of the event ("YYYY-MM") and event: the same tallies
    as the export's ``person_tallies`` (``extract.aggregates``), rows with a unit and a month only."""
    return [t for t in person_tallies(store.iter_records("persons")) if t["month"] and t["military_unit_number"]]
