#!/usr/bin/env python3
"""Generate the leaked-list test set in corpus/leaks/ and its truth (corpus/leaks/truth.jsonl).

Several layouts of lists of servicemen who left their unit, all invented (names drawn with a seeded generator
from the invented name lists of generate_sample.py): a ruled PDF with the header repeated on each page and
merged unit cells, an unruled PDF with the header on the first page only and wrapped names, a DOCX table, an
XLSX with title rows and Excel dates, a CSV with a title line above the header, a headerless CSV, a numbered
list in running text, and a 200-dpi scan with a slight rotation. truth.jsonl holds one expected row per
serviceman (file, group, name, rank, dates, unit, event, article). Output is deterministic.

Run from the repository root:

    .venv/bin/python corpus/tools/generate_leaks.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_sample import (
    FIRST_NAMES,
    FONT,
    PATRONYMICS,
    SURNAMES,
    docx_fixed_core,
    leak_lists,
    normalize_zip,
    rl_setup,
    source_date_epoch,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "leaks"
WHEN = dt.datetime(2025, 7, 1, 10, 0)

#: (surface as written, canonical rank)
RANKS = [
    ("рядовой", "рядовой", 40),
    ("ефрейтор", "ефрейтор", 14),
    ("младший сержант", "младший сержант", 10),
    ("сержант", "сержант", 10),
    ("старший сержант", "старший сержант", 6),
    ("прапорщик", "прапорщик", 4),
    ("лейтенант", "лейтенант", 3),
    ("старший лейтенант", "старший лейтенант", 3),
]
SHORT_RANKS = {"младший сержант": "мл. сержант", "старший сержант": "ст. сержант", "старший лейтенант": "ст. лейтенант"}
ARTICLES = [("337", "2.1", 18), ("337", "3.1", 20), ("337", "5", 50), ("338", "1", 12)]
NOTES = ["розыск", "материалы направлены в ВСО", "", "задержан военной комендатурой", "возвращён в часть"]
LONG_SURNAMES = ["Краснопеременский", "Белоключевский", "Верхнезаречинский", "Новокаменоломов"]


def people(seed: int, n: int, units: list[str], taken: set[str]) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    while len(out) < n:
        surname = rng.choice(SURNAMES + LONG_SURNAMES[:1] * 2)
        fio = (surname, rng.choice(FIRST_NAMES), rng.choice(PATRONYMICS))
        if " ".join(fio) in taken:
            continue
        taken.add(" ".join(fio))
        surface, rank = rng.choices([(s, r) for s, r, _ in RANKS], weights=[w for *_, w in RANKS])[0]
        article, part = rng.choices([(a, p) for a, p, _ in ARTICLES], weights=[w for *_, w in ARTICLES])[0]
        birth = dt.date(1972, 1, 1) + dt.timedelta(days=rng.randrange(12000))
        left = dt.date(2023, 3, 1) + dt.timedelta(days=rng.randrange(850))
        out.append(
            {
                "fio": fio,
                "rank_surface": surface,
                "rank": rank,
                "birth": birth,
                "unit": rng.choice(units),
                "left": left,
                "article": article,
                "part": part,
                "note": rng.choice(NOTES),
            }
        )
    return out


def art_text(p: dict) -> str:
    return f"ч. {p['part']} ст. {p['article']}"


def truth_rows(path: str, group: str, rows: list[dict], *, unit: str | None = None, article: bool = True) -> list[dict]:
    return [
        {
            "file": path,
            "group": group,
            "row": i,
            "name": " ".join(p["fio"]),
            "rank": p["rank"],
            "birth_date": p["birth"].isoformat(),
            "military_unit_number": unit or p["unit"],
            "event": ("desertion" if p["article"] == "338" else "awol") if article else "awol",
            "event_date": p["left"].isoformat(),
            "article": p["article"] if article else None,
        }
        for i, p in enumerate(rows, 1)
    ]


# ---------------------------------------------------------------------------------------------------------------
# PDFs with a text layer
# ---------------------------------------------------------------------------------------------------------------


def pdf_ruled(path: Path, rows: list[dict]) -> None:
    """Ruled table, header repeated on every page, unit cells merged over runs of the same unit."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    st = rl_setup()
    header = ["№ п/п", "Звание", "ФИО", "Д.р.", "В/ч", "Дата убытия", "Ст. УК РФ", "Примечание"]
    story: list = [
        Paragraph("Список военнослужащих, самовольно оставивших воинские части (места службы)", st["title"]),
        Spacer(1, 4),
    ]
    per_page = 24
    for start in range(0, len(rows), per_page):
        chunk = rows[start : start + per_page]
        data = [[Paragraph(h, st["cellb"]) for h in header]]
        spans = []
        for k, p in enumerate(chunk):
            same = k > 0 and chunk[k - 1]["unit"] == p["unit"]
            data.append(
                [
                    str(start + k + 1),
                    SHORT_RANKS.get(p["rank_surface"], p["rank_surface"]),
                    Paragraph(" ".join(p["fio"]), st["cell"]),
                    p["birth"].strftime("%d.%m.%Y"),
                    "" if same else p["unit"],
                    p["left"].strftime("%d.%m.%Y"),
                    art_text(p),
                    Paragraph(p["note"], st["cell"]),
                ]
            )
            if same:
                spans[-1][1] = k + 1
            else:
                spans.append([k + 1, k + 1])
        table = Table(data, colWidths=[w * mm for w in (12, 30, 62, 22, 16, 24, 28, 60)])
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        style += [("SPAN", (4, a), (4, b)) for a, b in spans if b > a]
        table.setStyle(TableStyle(style))
        story.append(table)
        if start + per_page < len(rows):
            story.append(PageBreak())
    story += [Spacer(1, 8), Paragraph(f"Всего: {len(rows)} военнослужащих", st["body"])]
    _build(path, story, landscape(A4), "Список СОЧ")


def pdf_unruled(path: Path, rows: list[dict], unit: str) -> None:
    """No ruling lines, header on the first page only, narrow name column so long names wrap."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    st = rl_setup()
    header = ["№", "Воинское звание", "Фамилия, имя, отчество", "Дата рождения", "Дата СОЧ", "Статья", "Примечание"]
    story: list = [
        Paragraph(
            f"Список военнослужащих войсковой части {unit}, числящихся самовольно оставившими часть", st["title"]
        ),
        Spacer(1, 4),
    ]
    per_page = 30
    for start in range(0, len(rows), per_page):
        data = [header] if start == 0 else []
        for k, p in enumerate(rows[start : start + per_page]):
            data.append(
                [
                    str(start + k + 1),
                    p["rank_surface"],
                    Paragraph(" ".join(p["fio"]), st["cell"]),
                    p["birth"].strftime("%d.%m.%Y"),
                    p["left"].strftime("%d.%m.%Y"),
                    art_text(p),
                    p["note"][:14],
                ]
            )
        table = Table(data, colWidths=[w * mm for w in (9, 30, 46, 22, 22, 26, 30)])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
        if start + per_page < len(rows):
            story.append(PageBreak())
    story += [Spacer(1, 8), Paragraph(f"Всего по списку: {len(rows)} военнослужащих", st["body"])]
    _build(path, story, A4, f"Список в/ч {unit}")


def _build(path: Path, story: list, pagesize: tuple, title: str) -> None:
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    path.parent.mkdir(parents=True, exist_ok=True)
    with source_date_epoch(WHEN):
        doc = SimpleDocTemplate(
            str(path), pagesize=pagesize, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=14 * mm,
            bottomMargin=12 * mm, title=title, author="", invariant=1, lang="ru-RU",
        )  # fmt: skip
        doc.build(story)


# ---------------------------------------------------------------------------------------------------------------
# office files and text
# ---------------------------------------------------------------------------------------------------------------


def docx_table(path: Path, rows: list[dict]) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("СВЕДЕНИЯ")
    doc.add_paragraph("о военнослужащих, самовольно оставивших воинскую часть (СЗЧ), по состоянию на 01.07.2025")
    header = [
        "№ п/п",
        "Воинское звание",
        "Фамилия, имя, отчество",
        "Дата рождения",
        "Войсковая часть",
        "Дата самовольного оставления",
        "Статья",
        "Примечание",
    ]
    table = doc.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for i, p in enumerate(rows, 1):
        values = [
            f"{i}.",
            p["rank_surface"],
            " ".join(p["fio"]),
            p["birth"].strftime("%d.%m.%Y"),
            p["unit"],
            p["left"].strftime("%d.%m.%Y г."),
            f"ст. {p['article']} ч. {p['part']} УК РФ",
            p["note"],
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    doc.add_paragraph(f"Всего: {len(rows)} военнослужащих")
    docx_fixed_core(doc, "Сведения СЗЧ", "user", WHEN, "ru-RU")
    doc.save(str(path))
    normalize_zip(path, WHEN)


def xlsx_titled(path: Path, rows: list[dict]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Лист1"
    ws.append(["Список военнослужащих, самовольно оставивших места службы (СЗЧ)"])
    ws.append(["по состоянию на 01.07.2025"])
    ws.append([])
    header = ["№", "Фамилия", "Имя", "Отчество", "Звание", "Г.р.", "Войсковая часть", "Дата СЗЧ", "Ст. УК РФ", "Прим."]
    ws.append(header)
    for i, p in enumerate(rows, 1):
        left: object = p["left"] if i % 3 else p["left"].strftime("%d.%m.%Y")  # Excel dates and text dates
        ws.append([i, *p["fio"], p["rank_surface"], p["birth"], int(p["unit"]), left, art_text(p), p["note"]])
        ws.cell(row=ws.max_row, column=6).number_format = "DD.MM.YYYY"
        if i % 3:
            ws.cell(row=ws.max_row, column=8).number_format = "DD.MM.YYYY"
    ws.append(["Всего", len(rows)])
    wb.properties.creator = "user"
    wb.properties.created = WHEN
    wb.properties.modified = WHEN
    wb.save(str(path))
    normalize_zip(path, WHEN, core_modified=WHEN.strftime("%Y-%m-%dT%H:%M:%SZ"))


def csv_titled(path: Path, rows: list[dict]) -> None:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\n")
    wr.writerow(["Список СОЧ (выгрузка)"])
    wr.writerow([])
    wr.writerow(["№ п/п", "В/зв", "Фамилия И.О. полностью", "Дата рожд.", "в/ч", "Дата СОЧ", "Статья", "Статус"])
    for i, p in enumerate(rows, 1):
        wr.writerow(
            [i, p["rank_surface"].upper(), " ".join(p["fio"]).upper(), p["birth"].strftime("%d.%m.%Y"), p["unit"],
             p["left"].isoformat(), f"{p['article']} ч.{p['part']}", p["note"]]
        )  # fmt: skip
    path.write_text(buf.getvalue(), encoding="utf-8")


def csv_headerless(path: Path, rows: list[dict]) -> None:
    buf = io.StringIO()
    wr = csv.writer(buf, delimiter=";", lineterminator="\n")
    for i, p in enumerate(rows, 1):
        wr.writerow(
            [i, p["rank_surface"], " ".join(p["fio"]), p["birth"].strftime("%d.%m.%Y"), p["unit"],
             p["left"].strftime("%d.%m.%Y"), art_text(p)]
        )  # fmt: skip
    path.write_text(buf.getvalue(), encoding="utf-8")


def text_list(path: Path, rows: list[dict], unit: str) -> None:
    lines = [
        f"ПРИКАЗ командира войсковой части {unit}",
        "",
        "По факту самовольного оставления части. Установлено, что нижеперечисленные военнослужащие самовольно "
        "оставили расположение части и к месту службы не вернулись:",
        "",
    ]
    for i, p in enumerate(rows, 1):
        end = "." if i == len(rows) else ";"
        lines.append(
            f"{i}. {p['rank_surface']} {' '.join(p['fio'])}, {p['birth']:%d.%m.%Y} г.р., убыл {p['left']:%d.%m.%Y}{end}"
        )
    lines += ["", "ПРИКАЗЫВАЮ: материалы разбирательства направить в военную прокуратуру гарнизона."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# scan
# ---------------------------------------------------------------------------------------------------------------


def scan_list(path: Path, rows: list[dict], unit: str) -> None:
    """A printed list photographed at 200 dpi: two pages, rotated 1.2° and -0.8°, blur and noise."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    dpi = 200
    w, h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    font = ImageFont.truetype(FONT, round(9.5 / 72 * dpi))
    line_h = round(10 / 72 * dpi * 1.9)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    cells_of = [
        [f"{i}.", p["rank_surface"], " ".join(p["fio"]), p["birth"].strftime("%d.%m.%Y"),
         p["left"].strftime("%d.%m.%Y"), art_text(p)]
        for i, p in enumerate(rows, 1)
    ]  # fmt: skip
    widths = [max(probe.textlength(c[k], font=font) for c in cells_of) for k in range(6)]
    cols = [round(sum(widths[:k]) + 36 * k) for k in range(6)]  # columns as wide as their longest cell
    per_page = 30
    pages = []
    nrng = np.random.default_rng(7)
    for k, start in enumerate(range(0, len(rows), per_page)):
        im = Image.new("L", (w, h), 248)
        draw = ImageDraw.Draw(im)
        x0, y = 90, 150
        if k == 0:
            draw.text((x0, y), f"СПИСОК военнослужащих войсковой части {unit},", font=font, fill=30)
            y += line_h
            draw.text((x0, y), "самовольно оставивших часть", font=font, fill=30)
            y += 2 * line_h
        for cells in cells_of[start : start + per_page]:
            for x, text in zip(cols, cells, strict=True):
                draw.text((x0 + x, y), text, font=font, fill=30)
            y += line_h
        im = im.filter(ImageFilter.GaussianBlur(0.6))
        arr = np.asarray(im, dtype=np.float32) + nrng.normal(0.0, 4.0, (h, w)).astype(np.float32)
        im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
        pages.append(im.rotate((1.2, -0.8)[k % 2], resample=Image.Resampling.BICUBIC, fillcolor=238))
    fixed = time.strptime("2025-07-02 09:00:00", "%Y-%m-%d %H:%M:%S")
    pages[0].save(str(path), "PDF", resolution=dpi, quality=45, save_all=True, append_images=pages[1:],
                  title="scan", creationDate=fixed, modDate=fixed)  # fmt: skip


SAMPLE_RANKS = {
    "мл. сержант": "младший сержант",
    "ст. сержант": "старший сержант",
    "ст. лейтенант": "старший лейтенант",
}


def sample_truth() -> list[dict]:
    """Expected rows of the three lists of the sample corpus (corpus/sample/leaks/), paths relative to it."""
    out = []
    names = ("spisok-soch-vch-12345.pdf", "spisok-szch.xlsx", "roster.csv")
    for name, rows in zip(names, leak_lists(), strict=True):
        for i, p in enumerate(rows, 1):
            article = p["article"].split("ст. ")[1]
            out.append(
                {
                    "file": name, "group": "sample", "row": i, "name": p["fio"],
                    "rank": SAMPLE_RANKS.get(p["rank"], p["rank"]), "birth_date": p["birth"].isoformat(),
                    "military_unit_number": p["unit"], "event": "desertion" if article == "338" else "awol",
                    "event_date": p["soch"].isoformat(), "article": article,
                }
            )  # fmt: skip
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    ruled = sorted(people(701, 120, ["11201", "11202", "11203"], taken), key=lambda p: (p["unit"], p["left"]))
    unruled = people(702, 110, ["67890"], taken)
    docx_rows = people(703, 100, ["30501", "30502"], taken)
    xlsx_rows = people(704, 100, ["41410", "41411", "41412"], taken)
    csv_rows = people(705, 60, ["52520"], taken)
    bare_rows = people(706, 40, ["52521"], taken)
    list_rows = people(707, 40, ["63630"], taken)
    scan_rows = people(708, 60, ["74740"], taken)

    pdf_ruled(OUT / "spisok-ruled.pdf", ruled)
    pdf_unruled(OUT / "spisok-unruled-67890.pdf", unruled, "67890")
    docx_table(OUT / "svedeniya-szch.docx", docx_rows)
    xlsx_titled(OUT / "spisok-szch-titled.xlsx", xlsx_rows)
    csv_titled(OUT / "vygruzka-soch.csv", csv_rows)
    csv_headerless(OUT / "bez-zagolovka.csv", bare_rows)
    text_list(OUT / "prikaz-spisok-63630.txt", list_rows, "63630")
    scan_list(OUT / "scan-spisok-74740.pdf", scan_rows, "74740")

    truth = (
        truth_rows("spisok-ruled.pdf", "text_pdf", ruled)
        + truth_rows("spisok-unruled-67890.pdf", "text_pdf", unruled, unit="67890")
        + truth_rows("svedeniya-szch.docx", "docx", docx_rows)
        + truth_rows("spisok-szch-titled.xlsx", "spreadsheet", xlsx_rows)
        + truth_rows("vygruzka-soch.csv", "spreadsheet", csv_rows)
        + truth_rows("bez-zagolovka.csv", "spreadsheet", bare_rows)
        + truth_rows("prikaz-spisok-63630.txt", "list", list_rows, unit="63630", article=False)
        + truth_rows("scan-spisok-74740.pdf", "scan", scan_rows, unit="74740")
    )
    with (OUT / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for row in truth:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (OUT / "truth-sample.jsonl").open("w", encoding="utf-8") as fh:
        for row in sample_truth():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for f in sorted(OUT.iterdir()):
        print(f"{f.stat().st_size:>9,}  {f.name}")


if __name__ == "__main__":
    main()
