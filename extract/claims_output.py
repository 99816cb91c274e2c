"""Writing claims for ``extract claims``: an aligned table for a terminal, JSON Lines or CSV for programs."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from extract.claims import CLAIM_COLUMNS

__all__ = ["OUTPUT_FORMATS", "format_figure", "write_claims"]

OUTPUT_FORMATS = ("table", "jsonl", "csv")

_SIGNS = {"approx": "~", "over": ">", "at_least": "≥", "under": "<", "at_most": "≤", "vague": "≥"}
_TABLE = (("claim", 18), ("category", 14), ("figure", 18), ("period", 23), ("source", 22), ("unit", 12))


def format_figure(claim: dict[str, Any]) -> str:
    """A claim's figure as people write it: "20,538", "~5,600", ">20,000", "20,000–25,000", "15%"."""

    def num(x: float) -> str:
        if claim.get("kind") == "share":
            return f"{x * 100:g}%"
        if claim.get("kind") == "multiplier":
            return f"×{x:g}"
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"

    value = claim["value"]
    if claim.get("qualifier") == "range" and claim.get("high") is not None:
        return f"{num(value)}–{num(claim['high'])}"
    return _SIGNS.get(claim.get("qualifier") or "", "") + num(value)


def _period(claim: dict[str, Any]) -> str:
    period = claim.get("period") or {}
    start, end = period.get("start"), period.get("end")
    if not start and not end:
        return "–"
    if not start:
        return f"to {end}"
    if not end:
        return f"from {start}"
    return f"{start}..{end}"


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_claims(claims: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write the claims to ``out`` in ``fmt``; returns how many were written."""
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(OUTPUT_FORMATS)}")
    n = 0
    if fmt == "jsonl":
        for claim in claims:
            out.write(json.dumps(claim, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(CLAIM_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for claim in claims:
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in claim.items()}
            )
            n += 1
        return n
    header = "  ".join(name.ljust(width) for name, width in _TABLE) + "  cites  docs  conflict"
    out.write(header + "\n")
    for claim in claims:
        cells = (
            claim["claim_id"],
            claim["category"] + (" (proj.)" if claim.get("projection") else ""),
            format_figure(claim),
            _period(claim),
            claim.get("source") or "–",
            str(claim.get("unit") or "–"),
        )
        line = "  ".join(_cell(text, width).ljust(width) for text, (_, width) in zip(cells, _TABLE, strict=True))
        conflict = f"yes ({len(claim['conflicts_with'])})" if claim.get("conflict") else ""
        out.write(f"{line}  {claim['n_citations']:>5}  {claim['n_documents']:>4}  {conflict}".rstrip() + "\n")
        n += 1
    return n
