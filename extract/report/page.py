"""The report as one self-contained HTML page: inline CSS, charts as data: URIs, no script, no external link."""

from __future__ import annotations

import base64
from collections import defaultdict
from html import escape
from typing import Any

from extract.claims_output import format_figure

__all__ = ["render_page"]

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5rem auto;max-width:1150px;padding:0 1rem;color:#222;
line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666}.conflict{color:#b00;font-weight:bold}.cards{display:flex;flex-wrap:wrap;gap:.8rem}
.card{border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem;min-width:9rem}.card b{font-size:1.4rem;display:block}
img.chart{max-width:100%;height:auto;border:1px solid #eee}div.wide{overflow-x:auto;max-width:100%}
td{overflow-wrap:anywhere}
.claim{border-left:4px solid #1f77b4;padding:.2rem .8rem;margin:.8rem 0}.claim.conflicting{border-color:#d62728}
.claim:target{background:#fff8d6}mark{background:#ffe066}ol.cites li{margin:.3rem 0}
nav a{margin-right:1rem}
"""


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    # wide tables (many months, long quotes) scroll in their own box, never the page
    return f'<div class="wide"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _img(png: bytes | None, alt: str, empty: str) -> str:
    if png is None:
        return f'<p class="muted">{escape(empty)}</p>'
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="chart" alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def _period(claim: dict[str, Any]) -> str:
    period = claim.get("period") or {}
    start, end = period.get("start"), period.get("end")
    if not start and not end:
        return '<span class="muted">no period</span>'
    return escape(f"{start or '…'} – {end or '…'}")


def _quote(citation: dict[str, Any]) -> str:
    """The quoted sentence with the figure marked."""
    sentence = citation.get("sentence") or citation.get("text") or ""
    figure = " ".join((citation.get("text") or "").split())
    at = sentence.find(figure) if figure else -1
    if at < 0:
        return escape(sentence)
    return escape(sentence[:at]) + f"<mark>{escape(figure)}</mark>" + escape(sentence[at + len(figure) :])


def _summary(data: dict[str, Any]) -> str:
    run = data["run"]
    cards = [
        ("files", data["files"]),
        ("pages", data["pages"]),
        *((name, n) for name, n in data["records"].items()),
        ("claims", len(data["claims"])),
        ("conflicting claims", sum(1 for c in data["claims"] if c["conflict"])),
    ]
    out = ['<div class="cards">']
    out += [f'<div class="card"><b>{n:,}</b>{escape(label)}</div>' for label, n in cards]
    out.append("</div>")
    if run:
        out.append(
            f'<p class="muted">Last run #{run["id"]} ({escape(run["status"])}), started {escape(run["started_at"])}, '
            f"pipeline {escape(run['pipeline_version'])}, sources: {escape(', '.join(run['sources']))}</p>"
        )
    out.append("<h3>Files by status</h3>")
    out.append(_table(["status", "files"], [[escape(k), str(v)] for k, v in data["files_by_status"].items()], {1}))
    out.append("<h3>Files by format</h3>")
    out.append(_table(["format", "files"], [[escape(k), str(v)] for k, v in data["files_by_format"].items()], {1}))
    out.append(f"<h3>Errors and warnings ({len(data['errors'])})</h3>")
    if data["errors"]:
        rows = [[escape(e["path"]), escape(e["status"]), escape(e["error"] or "")] for e in data["errors"]]
        out.append(_table(["file", "status", "message"], rows))
    else:
        out.append('<p class="muted">No file had an error.</p>')
    return "\n".join(out)


def _claim_row(claim: dict[str, Any]) -> list[str]:
    cid = claim["claim_id"]
    conflicts = " ".join(f'<a href="#{escape(o)}">{escape(o)}</a>' for o in claim["conflicts_with"])
    return [
        escape(claim["category"]) + (" <i>(projection)</i>" if claim["projection"] else ""),
        f'<a href="#{escape(cid)}">{escape(format_figure(claim))}</a>',
        _period(claim),
        escape(claim["source"] or "–"),
        escape(str(claim["unit"] or "–")),
        f'<a href="#{escape(cid)}">{claim["n_citations"]} in {claim["n_documents"]} doc(s)</a>',
        f'<span class="conflict">{conflicts}</span>' if conflicts else "",
    ]


def _claims(claims: list[dict[str, Any]]) -> str:
    headers = ["category", "figure", "period", "source", "unit", "citations", "conflicts with"]
    ordered = sorted(claims, key=lambda c: (not c["conflict"], -c["n_documents"], c["category"], -c["value"]))
    out = [_table(headers, [_claim_row(c) for c in ordered])]
    out.append("<h3>Citations</h3>")
    for claim in ordered:
        cls = "claim conflicting" if claim["conflict"] else "claim"
        title = (
            f"{escape(format_figure(claim))} — {escape(claim['category'])}, {_period(claim)}, "
            f"{escape(claim['source'] or 'no source named')}"
        )
        cites = "".join(
            f"<li><q>{_quote(c)}</q><br><span class='muted'>{escape(c['path'] or c['doc_sha256'])}"
            f"{', page ' + str(c['page']) if c.get('page') else ''}, characters {c['char_start']}–{c['char_end']}"
            "</span></li>"
            for c in claim["citations"]
        )
        out.append(
            f'<div class="{cls}" id="{escape(claim["claim_id"])}"><b>{title}</b> '
            f'<span class="muted">{escape(claim["claim_id"])}</span><ol class="cites">{cites}</ol></div>'
        )
    return "\n".join(out)


def _tallies_table(tallies: list[dict[str, Any]]) -> str:
    if not tallies:
        return ""
    grid: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    events: dict[str, set[str]] = defaultdict(set)
    for row in tallies:
        unit = str(row["military_unit_number"])
        grid[unit][row["month"]] += int(row["persons"])
        events[unit].add(str(row.get("event") or "?"))
    months = sorted({m for cells in grid.values() for m in cells})
    rows = [
        [escape(f"в/ч {unit}"), escape(", ".join(sorted(events[unit])))]
        + [str(grid[unit].get(m, "")) for m in months]
        + [str(sum(grid[unit].values()))]
        for unit in sorted(grid, key=lambda u: (-sum(grid[u].values()), u))
    ]
    numeric = set(range(2, len(months) + 3))
    return _table(["unit", "events", *months, "total"], rows, numeric)


def render_page(
    data: dict[str, Any], charts: dict[str, bytes | None], *, charted: int, title: str, generated: str
) -> str:
    """The whole HTML document."""
    units = [
        [escape(u["unit"]), escape(u["label"]), str(u["documents"]), str(u["mentions"])] for u in data["top_units"]
    ]
    sources = [
        [escape(s["source"]), str(s["documents"]), str(s["mentions"]), str(s["claims"])] for s in data["top_sources"]
    ]
    sections = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">Generated {escape(generated)}. Every figure links to its citations.</p>',
        '<nav><a href="#summary">Summary</a><a href="#timeline">Timeline</a><a href="#tallies">Unit tallies</a>'
        '<a href="#top">Top units and sources</a><a href="#claims">Claims</a></nav>',
        '<h2 id="summary">Summary of the run</h2>',
        _summary(data),
        '<h2 id="timeline">Claims over time, by category</h2>',
        f'<p class="muted">{charted} claim(s) with a period: value (log scale) at the end of the period, a bar back '
        "to its start; conflicting claims in red, projections hollow. The table under <a href='#claims'>Claims</a> "
        "lists them all with their citations.</p>",
        _img(charts.get("timeline"), "Timeline of claims by category", "No claim has a period to place it on."),
        '<h2 id="tallies">Per-unit monthly tallies from leaked lists</h2>',
        _img(charts.get("tallies"), "Persons per unit and month", "No leaked-list rows with a unit and event date."),
        _tallies_table(data["tallies"]),
        '<h2 id="top">Top units and sources</h2>',
        "<h3>Units</h3>",
        _table(["unit", "as written", "documents", "mentions"], units, {2, 3})
        if units
        else '<p class="muted">No unit found.</p>',
        "<h3>Sources</h3>",
        _table(["source", "documents", "mentions", "claims"], sources, {1, 2, 3})
        if sources
        else '<p class="muted">No source found.</p>',
        f'<h2 id="claims">Claims ({len(data["claims"])})</h2>',
        _claims(data["claims"]) if data["claims"] else '<p class="muted">No claim.</p>',
    ]
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )
