"""Claims: each distinct figure once, with every place it was stated, and the disagreements between figures.

A *claim* is a count (category, kind, period, unit, source, projection flag) as stated by one source. Count
mentions from every document are grouped into claims by this rule:

1. **Block.** Mentions can only share a claim, or conflict, when they have the same ``category``, ``kind``,
   ``projection`` flag (a forecast never merges with an observation), unit id and *period key*:

   * a period of at most 366 days is keyed by its start and end (2024 and December 2024 differ);
   * a running total (open start, or longer than 366 days) is keyed by its end: "since September 2022 to
     July 2025" and "by the end of July 2025" are the same total;
   * an open end ("since September 2022") is keyed by its start; no period at all is a key of its own.

2. **Interval.** Each mention allows an interval of true values. An exact figure is the value rounded to its
   stated precision (the place of its last non-zero digit): "20,538" is [20537.5, 20538.5], "13.8 thousand"
   is [13750, 13850], "20,000" is [15000, 25000]. "About" widens that to at least ±5 %. "More than X" and
   "at least X" reach one rounding step of X beyond it ("more than 20,000" is [20000, 30000]: it restates
   20,538, not 35,000); "up to X" and "less than X" likewise below it. A range is [low, high], and a vague
   amount ("thousands") is [value, 10 × value). A figure with no period at all allows only its stated value, so
   undated figures merge only when they state the same number.

3. **Grouping.** Within a block, the mentions of one source (canonical name) are taken from the most precise
   to the least; a mention joins the first claim whose interval (the intersection of its members' intervals)
   still meets its own, else it starts a new claim. Then each mention with no source joins the claim of the
   one source whose claims it is compatible with; if it fits none, or claims of several sources, it is grouped
   with the other unsourced mentions the same way.

4. **Conflicts.** Two claims of one block whose intervals do not meet are flagged as conflicting, each listing
   the other in ``conflicts_with``, when the block has a period and the two claims either name two different
   sources or share no document. Figures with no period are never said to conflict (nothing says they speak of
   the same time), nor are unsourced figures from one document (a table broken down by article, say). Two
   sources that agree stay two claims, not a conflict. Parts of a whole ("Of these, 2,100 …") and changes of
   another figure ("10% more") have blocks of their own and never conflict: they are other quantities.

A claim's id is a hash of its block, source and representative figure (its most precise mention), so it stays
the same from run to run. Claims are rebuilt by the batch driver at the end of each run (``Store.replace_claims``);
everything else reads them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

__all__ = [
    "CLAIM_COLUMNS",
    "claim_id",
    "claim_mentions",
    "filter_claims",
    "group_claims",
    "mention_interval",
    "period_key",
    "rounding_step",
]

log = logging.getLogger(__name__)

#: the fields of a claim row, in export order
CLAIM_COLUMNS = (
    "claim_id",
    "category",
    "kind",
    "projection",
    "value",
    "low",
    "high",
    "qualifier",
    "counted",
    "period",
    "period_key",
    "unit",
    "source",
    "conflict",
    "conflicts_with",
    "n_citations",
    "n_documents",
    "citations",
)

_QUALIFIER_RANK = {"exact": 0, "approx": 1, "range": 2, "at_least": 3, "over": 3, "at_most": 3, "under": 3}
_EPS = 1e-9
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[/.)])\s)")


def rounding_step(value: float) -> float:
    """The place of the last non-zero digit of ``value``: 20538 → 1, 13800 → 100, 20000 → 10000, 0.15 → 0.01."""
    if value == 0:
        return 1.0
    if float(value).is_integer():
        n, step = int(abs(value)), 1
        while n % 10 == 0:
            n //= 10
            step *= 10
        return float(step)
    decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
    return 10.0**-decimals


def mention_interval(value: float, low: float | None, high: float | None, qualifier: str) -> tuple[float, float]:
    """The interval of true values a count mention allows (see the module docstring)."""
    step = rounding_step(value)
    if qualifier == "exact":
        return value - step / 2, value + step / 2
    if qualifier == "approx":
        spread = max(step / 2, 0.05 * abs(value))
        return value - spread, value + spread
    if qualifier == "range":
        return (low if low is not None else value), (high if high is not None else math.inf)
    if qualifier in ("over", "at_least"):
        bound = low if low is not None else value
        return bound, bound + rounding_step(bound)
    if qualifier in ("under", "at_most"):
        bound = high if high is not None else value
        return max(0.0, bound - rounding_step(bound)), bound
    if qualifier == "vague":
        return value, value * 10 if value > 0 else math.inf
    raise ValueError(f"unknown count qualifier {qualifier!r}")


def period_key(period: dict[str, Any] | None) -> tuple[str, ...]:
    """The part of a period that decides whether two figures speak of the same thing (module docstring, rule 1)."""
    if not period or (period.get("start") is None and period.get("end") is None):
        return ("none",)
    start, end = period.get("start"), period.get("end")
    if end is None:
        return ("from", start)
    if start is None or (date.fromisoformat(end) - date.fromisoformat(start)).days > 366:
        return ("through", end)
    return ("span", start, end)


def claim_id(block: tuple, source: str | None, value: float, qualifier: str) -> str:
    key = json.dumps([list(block), source, value, qualifier], ensure_ascii=False, default=str)
    return "c_" + hashlib.sha256(key.encode()).hexdigest()[:16]


class _Claim:
    """A claim being built: its members and the interval they all allow."""

    def __init__(self, block: tuple, source: str | None, first: dict) -> None:
        self.block = block
        self.source = source
        self.members = [first]
        self.lo, self.hi = first["_interval"]

    def accepts(self, mention: dict) -> bool:
        lo, hi = mention["_interval"]
        return max(lo, self.lo) <= min(hi, self.hi) + _EPS

    def add(self, mention: dict) -> None:
        lo, hi = mention["_interval"]
        self.members.append(mention)
        self.lo, self.hi = max(lo, self.lo), min(hi, self.hi)

    def meets(self, other: _Claim) -> bool:
        return max(self.lo, other.lo) <= min(self.hi, other.hi) + _EPS

    def documents(self) -> set[str]:
        return {m.get("doc_sha256") or "" for m in self.members}

    def conflicts(self, other: _Claim) -> bool:
        """Rule 4: a dated block of whole figures (not parts or changes of another), intervals apart, and either
        two named sources or no document in common."""
        if self.block[4] == ("none",) or len(self.block) > 5 or self.meets(other):
            return False
        two_sources = self.source is not None and other.source is not None and self.source != other.source
        return two_sources or not (self.documents() & other.documents())


def _precision_order(mention: dict) -> tuple:
    lo, hi = mention["_interval"]
    return (
        _QUALIFIER_RANK.get(mention["qualifier"], 4),
        hi - lo,
        mention["value"],
        mention.get("doc_sha256") or "",
        mention.get("char_start") or 0,
    )


#: relations (``Count.relation``) that make a figure a different quantity from the one it refers to
_SUBSETS = ("part", "comparison")


def _block_of(mention: dict) -> tuple:
    block = (
        mention["category"],
        mention.get("kind") or "count",
        bool(mention.get("projection")),
        mention.get("unit"),
        period_key(mention.get("period")),
    )
    # "Of these, 2,100 …" and "10% more" are not rival figures for their whole: they get blocks of their own
    relation = mention.get("relation")
    return (*block, relation) if relation in _SUBSETS else block


def _cluster(claims: list[_Claim], block: tuple, source: str | None, mentions: list[dict]) -> None:
    for mention in sorted(mentions, key=_precision_order):
        for claim in claims:
            if claim.source == source and claim.accepts(mention):
                claim.add(mention)
                break
        else:
            claims.append(_Claim(block, source, mention))


def group_claims(mentions: Iterable[dict]) -> list[dict[str, Any]]:
    """Group resolved count mentions into claims (rules in the module docstring).

    Each mention is a dict with the count's ``value``, ``low``, ``high``, ``qualifier``, ``kind``, ``category``,
    ``projection``, ``period``, ``counted``, the ``unit`` id and ``source`` name it was resolved to (or None), and
    its citation: ``doc_sha256``, ``path``, ``page``, ``char_start``, ``char_end``, ``text``, ``sentence``.
    """
    blocks: dict[tuple, list[dict]] = defaultdict(list)
    for mention in mentions:
        item = dict(mention)
        block = _block_of(item)
        if block[4] == ("none",):
            item["_interval"] = (item["value"], item["value"])
        else:
            item["_interval"] = mention_interval(item["value"], item.get("low"), item.get("high"), item["qualifier"])
        blocks[block].append(item)
    rows: list[dict[str, Any]] = []
    for block in sorted(blocks, key=lambda b: json.dumps(b, default=str)):
        claims: list[_Claim] = []
        by_source: dict[str | None, list[dict]] = defaultdict(list)
        for mention in blocks[block]:
            by_source[mention.get("source")].append(mention)
        for source in sorted(s for s in by_source if s is not None):
            _cluster(claims, block, source, by_source[source])
        leftover = []
        for mention in sorted(by_source.get(None, []), key=_precision_order):
            fits = [c for c in claims if c.source is not None and c.accepts(mention)]
            if fits and len({c.source for c in fits}) == 1:
                fits[0].add(mention)
            else:
                leftover.append(mention)
        _cluster(claims, block, None, leftover)
        rows.extend(_rows(block, claims))
    rows.sort(key=lambda r: (r["category"], r["period_key"], r["value"], r["claim_id"]))
    return rows


def _rows(block: tuple, claims: list[_Claim]) -> list[dict[str, Any]]:
    ids: list[str] = []
    for claim in claims:
        claim.members.sort(key=_precision_order)  # the most precise member represents the claim
        first = claim.members[0]
        cid = claim_id(block, claim.source, first["value"], first["qualifier"])
        while cid in ids:  # two claims with the same representative: keep ids unique and still stable
            cid = claim_id((*block, cid), claim.source, first["value"], first["qualifier"])
        ids.append(cid)
    out = []
    for claim, cid in zip(claims, ids, strict=True):
        first = claim.members[0]
        undated = block[4] == ("none",)  # the interval there is the bare value: report what was stated
        low = first.get("low") if undated else _finite(claim.lo)
        high = first.get("high") if undated else _finite(claim.hi)
        conflicts = sorted(ids[j] for j, other in enumerate(claims) if other is not claim and claim.conflicts(other))
        citations = sorted(
            ({k: m.get(k) for k in _CITATION_FIELDS} for m in claim.members),
            key=lambda c: (c["path"] or "", c["char_start"] or 0),
        )
        out.append(
            {
                "claim_id": cid,
                "category": block[0],
                "kind": block[1],
                "projection": block[2],
                "value": first["value"],
                "low": low,
                "high": high,
                "qualifier": first["qualifier"],
                "counted": first.get("counted"),
                "period": first.get("period"),
                "period_key": "/".join(str(p) for p in block[4]),
                "unit": block[3],
                "source": claim.source,
                "conflict": bool(conflicts),
                "conflicts_with": conflicts,
                "n_citations": len(citations),
                "n_documents": len({c["doc_sha256"] for c in citations}),
                "citations": citations,
            }
        )
    return out


_CITATION_FIELDS = (
    "record_id",
    "doc_sha256",
    "path",
    "page",
    "char_start",
    "char_end",
    "text",
    "sentence",
    "value",
    "qualifier",
    "source",
)


def _finite(x: float) -> float | None:
    return None if math.isinf(x) else round(x, 6)


# -- from the store -----------------------------------------------------------------------------------------


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence (or list item) of ``text`` holding ``[start, end)``, whitespace collapsed, cut to ``limit``."""
    left = max(0, start - limit)
    head = text[left:start]
    cuts = [m.end() for m in _SENTENCE_END.finditer(head)]
    begin = left + cuts[-1] if cuts else left
    tail = text[end : end + limit]
    m = _SENTENCE_END.search(tail)
    stop = end + (m.end() if m else len(tail))
    sentence = " ".join(text[begin:stop].split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def claim_mentions(store: Any) -> list[dict[str, Any]]:
    """Every count in the store with its unit id, source name, document path and quoted sentence resolved."""
    per_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {"units": [], "sources": []})
    for table in ("units", "sources"):
        for row in store.iter_records(table):
            per_doc[row["doc_sha256"]][table].append(row)
    for refs in per_doc.values():  # the order a document's list was written in, which count indices refer to
        for rows in refs.values():
            rows.sort(key=lambda r: r["record_id"])
    paths = store.document_paths()
    texts: dict[str, str | None] = {}
    out = []
    for count in store.iter_records("counts"):
        sha = count["doc_sha256"]
        if sha not in texts:
            texts[sha] = store.document_text(sha)
        refs = per_doc[sha]
        unit = _ref(refs["units"], count.get("unit"))
        source = _ref(refs["sources"], count.get("source"))
        text = texts[sha]
        start, end = count["char_start"], count["char_end"]
        out.append(
            {
                **{
                    k: count.get(k)
                    for k in ("value", "low", "high", "qualifier", "kind", "category", "counted", "relation")
                },
                "projection": bool(count.get("projection")),
                "period": count.get("period"),
                "unit": (unit.get("id") or unit.get("military_unit_number")) if unit else None,
                "source": source.get("name") if source else None,
                "record_id": count["record_id"],
                "doc_sha256": sha,
                "path": paths.get(sha),
                "page": count.get("page"),
                "char_start": start,
                "char_end": end,
                "text": count["text"],
                "sentence": sentence_around(text, start, end) if text else count["text"],
            }
        )
    return out


def _ref(rows: list[dict], index: int | None) -> dict | None:
    if index is None or not 0 <= index < len(rows):
        return None
    return rows[index]


def filter_claims(
    claims: Iterable[dict],
    *,
    category: str | None = None,
    unit: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Claims matching every filter given: category and unit exactly, source case-insensitively, and a period
    overlapping [since, until] (a claim with no period matches no period filter)."""
    out = []
    for claim in claims:
        if category and claim["category"] != category:
            continue
        if unit and str(claim["unit"]) != unit:
            continue
        if source and (claim["source"] or "").casefold() != source.casefold():
            continue
        if since or until:
            period = claim.get("period") or {}
            start, end = period.get("start"), period.get("end")
            if start is None and end is None:
                continue
            if since and end is not None and end < since:
                continue
            if until and start is not None and start > until:
                continue
        out.append(claim)
    return out
