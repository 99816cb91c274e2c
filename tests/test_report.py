"""The HTML report: its content, its unit tallies, and a real headless Chromium loading it."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from extract.cli import main
from extract.report import write_report
from extract.report.charts import tallies_chart, timeline_chart
from extract.report.data import unit_tallies
from extract.report.page import render_page
from extract.store import Store

TALLIES = [
    {"military_unit_number": "12345", "month": "2024-01", "event": "awol", "persons": 3},
    {"military_unit_number": "12345", "month": "2024-02", "event": "awol", "persons": 5},
    {"military_unit_number": "12345", "month": "2024-02", "event": "desertion", "persons": 1},
    {"military_unit_number": "30926", "month": "2024-02", "event": "awol", "persons": 2},
]


def _empty_data(**extra) -> dict:
    data = {
        "run": None,
        "files_by_status": {},
        "files_by_format": {},
        "files": 0,
        "pages": 0,
        "records": {},
        "errors": [],
        "claims": [],
        "top_units": [],
        "top_sources": [],
        "tallies": [],
    }
    return {**data, **extra}


def test_tallies_render_as_a_chart_and_a_table() -> None:
    png = tallies_chart(TALLIES)
    assert png is not None and Image.open(io.BytesIO(png)).size[0] > 300
    html = render_page(_empty_data(tallies=TALLIES), {"tallies": png}, charted=0, title="t", generated="now")
    table = html[html.index('id="tallies"') : html.index('id="top"')]
    assert "data:image/png;base64," in table
    row = re.search(r"<tr><td>в/ч 12345</td><td>awol, desertion</td>(.*?)</tr>", table)
    assert row is not None
    assert re.findall(r'<td class="n">(\d*)</td>', row.group(1)) == ["3", "6", "9"]  # 2024-01, 2024-02, total
    assert tallies_chart([]) is None and timeline_chart([]) is None


def test_tallies_count_distinct_persons_per_unit_and_month(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite")
    assert unit_tallies(store) == []
    rows = [("a", "12345", "awol", "2024-01-05"), ("b", "12345", "awol", "2024-01-20")]
    rows += [("c", "30926", "awol", "2024-02-01"), ("a", "12345", "awol", "2024-01-05")]  # "a" twice: one person
    rows += [("d", "12345", "awol", None), ("e", None, "awol", "2024-01-01")]  # no month or no unit: not tallied
    store.conn.executemany(
        "INSERT INTO persons (doc_sha256, text, char_start, char_end, name, key, military_unit_number, event,"
        " event_date) VALUES ('d', 'x', 0, 1, 'x', ?, ?, ?, ?)",
        rows,
    )
    assert unit_tallies(store) == [
        {"military_unit_number": "12345", "month": "2024-01", "event": "awol", "persons": 2},
        {"military_unit_number": "30926", "month": "2024-02", "event": "awol", "persons": 1},
    ]
    store.close()


def test_report_on_an_empty_store_says_so(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite")
    store.replace_claims([])
    html = write_report(store, tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    store.close()
    assert "No claim has a period" in html and "No leaked-list rows" in html and "<img" not in html


def test_report_refuses_a_folder_as_output(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite")
    with pytest.raises(ValueError, match="is a folder"):
        write_report(store, tmp_path)
    store.close()


@pytest.fixture(scope="module")
def sample_report(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "--db", str(sample_store), "--out", str(out)]) == 0
    return out


def test_sample_report_is_self_contained_and_links_every_figure(sample_report: Path, sample_store: Path) -> None:
    html = sample_report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from anywhere
    assert "<script" not in html
    ids = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links <= ids  # every link (figures, conflicts) lands on its citations
    store = Store.open(sample_store)
    claims = list(store.iter_claims())
    store.close()
    assert {c["claim_id"] for c in claims} <= ids & links
    assert "Mediazona" in html and "<mark>20 538</mark>" in html  # a Russian citation quoted, figure marked
    assert "<h3>Files by status</h3>" in html and "<h3>Errors and warnings" in html
    assert "No leaked-list rows" not in html  # the sample lists give per-unit monthly tallies


def _chromium() -> str | None:
    return os.environ.get("EXTRACT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def test_report_renders_in_headless_chromium(sample_report: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    if executable is None:
        pytest.skip("no chromium on this machine (Debian: apt-get install chromium)")
    problems: list[str] = []
    requests: list[str] = []
    shot = tmp_path / "report.png"
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(sample_report.as_uri(), wait_until="load")
            sizes = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
            title = page.title()
            # nothing wider than the window: wide tables scroll in their own box
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            page.locator("#timeline").scroll_into_view_if_needed()
            page.screenshot(path=str(shot), full_page=False)
            first_claim = page.evaluate("document.querySelector('.claim').id")
            page.click(f"a[href='#{first_claim}']")
            assert page.evaluate("document.querySelector(':target') !== null")
        finally:
            browser.close()
    assert problems == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert title.startswith("extract report")
    assert len(sizes) >= 1 and all(done and w > 300 and h > 100 for done, w, h in sizes)
    image = Image.open(shot).convert("L")
    assert image.size == (1200, 900)
    dark = sum(image.histogram()[:200])  # pixels darker than near-white
    assert dark > 0.03 * image.size[0] * image.size[1], "the screenshot is (nearly) blank"
