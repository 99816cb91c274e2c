"""The report's charts as PNG bytes (matplotlib, Agg, DejaVu Sans so Russian and English labels both render)."""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

__all__ = ["charted_claims", "tallies_chart", "timeline_chart"]

log = logging.getLogger(__name__)

_FONT = {"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none"}
_CONFLICT = "#d62728"
_COLOR = "#1f77b4"


def charted_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims the timeline can place: counts (not shares or multipliers) with a period end, not "other"."""
    return [
        c
        for c in claims
        if c["kind"] == "count" and c["category"] != "other" and (c.get("period") or {}).get("end") and c["value"] > 0
    ]


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def timeline_chart(claims: list[dict[str, Any]]) -> bytes | None:
    """Value against period, one mark per claim (at the period's end, a bar back to its start), one panel per
    category; conflicting claims in red, projections hollow. None when no claim can be placed."""
    placed = charted_claims(claims)
    if not placed:
        return None
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in placed:
        by_category[claim["category"]].append(claim)
    categories = sorted(by_category, key=lambda k: (-len(by_category[k]), k))
    cols = 2 if len(categories) > 1 else 1
    rows = (len(categories) + cols - 1) // cols
    with plt.rc_context(_FONT):
        fig, axes = plt.subplots(rows, cols, figsize=(11, 2.9 * rows), squeeze=False, sharex=True)
        for ax, category in zip(axes.flat, categories, strict=False):
            for claim in by_category[category]:
                period = claim["period"]
                end = date.fromisoformat(period["end"])
                color = _CONFLICT if claim["conflict"] else _COLOR
                if period.get("start"):
                    start = date.fromisoformat(period["start"])
                    ax.plot([start, end], [claim["value"]] * 2, color=color, alpha=0.35, linewidth=1.5)
                face = "none" if claim["projection"] else color
                size = 7 if claim["conflict"] else 5
                ax.plot([end], [claim["value"]], "o", color=color, markerfacecolor=face, markersize=size)
            ax.set_title(f"{category} ({len(by_category[category])})", loc="left", fontsize=10)
            ax.set_yscale("log")
            ax.grid(True, which="major", alpha=0.3)
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        for ax in list(axes.flat)[len(categories) :]:
            ax.set_visible(False)
        handles = [
            Line2D([], [], marker="o", color=_COLOR, linestyle="", label="claim / утверждение"),
            Line2D([], [], marker="o", color=_CONFLICT, linestyle="", label="conflicting / противоречие"),
            Line2D(
                [], [], marker="o", color=_COLOR, markerfacecolor="none", linestyle="", label="projection / прогноз"
            ),
        ]
        fig.legend(handles=handles, loc="upper center", ncol=3, frameon=False, bbox_to_anchor=(0.5, 1.0))
        fig.supylabel("value (log scale)")
        fig.tight_layout(rect=(0, 0, 1, 0.96))
        fig.autofmt_xdate()
        return _png(fig)


def tallies_chart(tallies: list[dict[str, Any]], *, max_units: int = 8) -> bytes | None:
    """Persons per month for the units with the most persons (one line per unit); None when there are none."""
    if not tallies:
        return None
    per_unit: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in tallies:
        per_unit[str(row["military_unit_number"])][row["month"]] += int(row["persons"])
    units = sorted(per_unit, key=lambda u: (-sum(per_unit[u].values()), u))[:max_units]
    months = sorted({m for u in units for m in per_unit[u]})
    with plt.rc_context(_FONT):
        fig, ax = plt.subplots(figsize=(11, 3.6))
        x = [date.fromisoformat(m + "-01") for m in months]
        for unit in units:
            ax.plot(x, [per_unit[unit].get(m, 0) for m in months], marker="o", markersize=3, label=f"в/ч {unit}")
        ax.set_ylabel("persons / человек")
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper left", ncol=4, fontsize=8, frameon=False)
        fig.autofmt_xdate()
        return _png(fig)
