"""``extract report``: one self-contained HTML file about a store (charts inline, opens offline).

:mod:`extract.report.data` reads what to show, :mod:`extract.report.charts` draws it with matplotlib and
:mod:`extract.report.page` writes the HTML.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from extract.report.charts import charted_claims, tallies_chart, timeline_chart
from extract.report.data import collect
from extract.report.page import render_page
from extract.store import Store

__all__ = ["write_report"]

log = logging.getLogger(__name__)


def write_report(store: Store, out: str | Path) -> Path:
    """Write the report of ``store`` to ``out`` (parent folders created); returns the path written."""
    path = Path(out)
    if path.exists() and path.is_dir():
        raise ValueError(f"{path} is a folder; give a file name such as {path / 'report.html'}")
    data = collect(store)
    charts = {
        "timeline": timeline_chart(data["claims"]),
        "tallies": tallies_chart(data["tallies"]),
    }
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    html = render_page(
        data,
        charts,
        charted=len(charted_claims(data["claims"])),
        title=f"extract report: {store.path.name}",
        generated=generated,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    log.info("report: %s (%.0f kB)", path, path.stat().st_size / 1024)
    return path
