#!/usr/bin/env python3
"""Generate the dump ``make bench`` measures: N mixed files, English and Russian, and a 1,000-page PDF.

The text is report-style prose written for the benchmark: sentences built from templates with counts, dates,
units, sources and (invented) names, so every extractor has work to do. Files cycle through these kinds:
English and Russian reports as plain text, HTML, DOCX and text-layer PDFs of several pages (some with a ruled
table on one page), and leaked-style lists of servicemen as XLSX and ruled PDF (reusing generate_sample.py).
Everything is seeded: the same N gives byte-identical files. The output is written at bench time and never
committed.

    .venv/bin/python corpus/tools/generate_bench.py OUT_DIR [--files 16] [--words 800] [--long-pages 1000]

Layout: OUT_DIR/dump/{en,ru,lists}/... and OUT_DIR/long.pdf (the 1,000-page PDF).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import sys
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_sample import FONT, FONT_BOLD, docx_fixed_core, make_people, source_date_epoch, xlsx_spisok

__all__ = ["KINDS", "generate", "long_pdf", "report_paragraphs"]

EPOCH = dt.datetime(2025, 8, 1, 12, 0, 0)
#: one file of each kind in turn; report kinds are (lang, format)
KINDS = [
    ("en", "txt"),
    ("ru", "txt"),
    ("en", "html"),
    ("ru", "html"),
    ("en", "pdf"),
    ("ru", "pdf"),
    ("en", "docx"),
    ("ru", "docx"),
    ("lists", "xlsx"),
    ("en", "txt"),
    ("ru", "pdf"),
    ("en", "pdf"),
]

EN_NAMES = ["Daniel Whitcombe", "Laura Pennick", "Marcus Odell", "Helen Varga", "Tomas Reiner", "Sofia Brandt"]
EN_UNITS = ["the 64th Motor Rifle Brigade", "the 1st Guards Tank Army", "the 20th Combined Arms Army",
            "military unit 71289", "the 3rd Army Corps", "the 155th Naval Infantry Brigade"]  # fmt: skip
EN_SOURCES = ["Mediazona", "the Ministry of Defence", "court records", "a regional newspaper", "prosecutors",
              "an intercepted call", "local officials", "a Telegram channel run by relatives"]  # fmt: skip
EN_PLACES = ["Rostov-on-Don", "Belgorod", "Kursk", "Voronezh", "Novosibirsk", "the Kherson region", "Luhansk"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]  # fmt: skip
EN_SENTENCES = [
    "According to {source}, more than {n} servicemen left {unit} without permission between {d1} and {d2}.",
    "{name}, a lawyer in {place}, said that at least {n} cases of desertion reached the garrison court in {month}.",
    "The court in {place} received {n} cases under article 337 in {year}, up from {m} a year earlier.",
    "{source} reported on {d1} that about {n} soldiers of {unit} had been detained after returning home.",
    "Analysts estimate that {unit} lost roughly {n} men, of whom {m} were listed as missing.",
    "By {d1}, {n} mobilised reservists had been sent back to the front from {place}.",
    "In {month} {year} the number of sentences rose to {n}, while {m} defendants received suspended terms.",
    "Relatives told {source} that {n} men from {place} had not been paid for three months.",
    "{name} of {unit} wrote that his company of {m} had only {n} men fit for duty.",
    "The figures could not be verified independently, and {source} declined to comment.",
    "Between {d1} and {d2}, the commandant's office registered {n} absences without leave.",
    "A spokesman for {unit} denied that {n} contract soldiers had refused to fight near {place}.",
]
#: sentences of analysis and context, without names: about half of a report
EN_PLAIN = [
    "The pace of recruitment slowed over the summer, and the bonus paid on signing was raised again.",
    "Most of the men were detained within a week of leaving their positions and returned to their units.",
    "Prosecutors opened {n} new criminal cases in the first half of the year.",
    "The share of suspended sentences has fallen steadily since the law was amended.",
    "These estimates rest on court statistics, which lag behind events by several months.",
    "Commanders are reluctant to report absences, so the true number is probably higher.",
    "About {n} of the defendants had signed a contract after being mobilised.",
    "The courts now hear such cases in closed session, and few verdicts are published.",
    "Lawyers say that soldiers who return voluntarily are usually sent back to the front.",
    "The data cover only cases that reached a court; many more end in a reprimand.",
]
RU_PLAIN = [
    "Темпы набора по контракту летом снизились, и единовременную выплату снова повысили.",
    "Большинство задержанных вернули в части в течение недели после ухода с позиций.",
    "За первое полугодие возбуждено {n} уголовных дел.",
    "Доля условных приговоров неуклонно снижается с момента изменения закона.",
    "Эти оценки основаны на судебной статистике, которая отстаёт от событий на несколько месяцев.",
    "Командиры неохотно сообщают о самовольных уходах, поэтому реальное число, вероятно, выше.",
    "Около {n} подсудимых подписали контракт уже после мобилизации.",
    "Суды рассматривают такие дела в закрытом режиме, приговоры публикуются редко.",
    "По словам адвокатов, добровольно вернувшихся военнослужащих обычно снова отправляют на фронт.",
]
RU_NAMES = ["Иван Брусникин", "Ольга Сугробова", "Пётр Ковылин", "Анна Тополева", "Сергей Ласточкин"]
RU_UNITS = ["войсковой части 71289", "64-й мотострелковой бригады", "1-й гвардейской танковой армии",
            "20-й общевойсковой армии", "155-й бригады морской пехоты", "3-го армейского корпуса"]  # fmt: skip
RU_SOURCES = ["«Медиазона»", "Минобороны", "военная прокуратура", "гарнизонный военный суд", "местные власти",
              "родственники военнослужащих"]  # fmt: skip
RU_PLACES = ["Ростове-на-Дону", "Белгороде", "Курске", "Воронеже", "Новосибирске", "Краснореченске"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря"]  # fmt: skip
RU_SENTENCES = [
    "По данным источника ({source}), с {d1} по {d2} из {unit} самовольно ушли более {n} военнослужащих.",
    "Адвокат {name} из {place} сообщил, что в суд поступило не менее {n} дел о СЗЧ.",
    "В {year} году гарнизонный суд в {place} рассмотрел {n} дел по статье 337 УК РФ, годом ранее — {m}.",
    "{d1} стало известно, что около {n} военнослужащих {unit} задержаны после возвращения домой.",
    "По оценке аналитиков, потери {unit} составили примерно {n} человек, из них {m} числятся пропавшими.",
    "К {d1} из {place} на фронт вернули {n} мобилизованных.",
    "За {month_in} число приговоров выросло до {n}, ещё {m} подсудимых получили условные сроки.",
    "Родственники рассказали, что {n} мужчин из {place} не получают денежное довольствие три месяца.",
    "В роте осталось {n} человек из {m}, пишет {name}.",
    "Независимо проверить эти данные не удалось, источник ({source}) от комментариев отказался.",
    "С {d1} по {d2} военная комендатура зарегистрировала {n} случаев самовольного оставления части.",
]


def _date_en(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(EN_MONTHS)} {rng.choice((2023, 2024, 2025))}"


def _date_ru(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(RU_MONTHS)} {rng.choice((2023, 2024, 2025))} г."


def _sentence(rng: random.Random, lang: str) -> str:
    n, m = rng.randint(12, 25000), rng.randint(5, 900)
    if rng.random() < 0.5:
        return rng.choice(EN_PLAIN if lang == "en" else RU_PLAIN).format(n=n)
    if lang == "en":
        number = f"{n:,}" if rng.random() < 0.7 else str(n)
        return rng.choice(EN_SENTENCES).format(
            n=number, m=m, d1=_date_en(rng), d2=_date_en(rng), name=rng.choice(EN_NAMES), unit=rng.choice(EN_UNITS),
            source=rng.choice(EN_SOURCES), place=rng.choice(EN_PLACES), month=rng.choice(EN_MONTHS),
            year=rng.choice((2023, 2024, 2025)),
        )  # fmt: skip
    number = f"{n:,}".replace(",", "\u00a0") if rng.random() < 0.7 else str(n)
    return rng.choice(RU_SENTENCES).format(
        n=number, m=m, d1=_date_ru(rng), d2=_date_ru(rng), name=rng.choice(RU_NAMES), unit=rng.choice(RU_UNITS),
        source=rng.choice(RU_SOURCES), place=rng.choice(RU_PLACES), month_in=rng.choice(RU_MONTHS).replace("я", "ь"),
        year=rng.choice((2023, 2024, 2025)),
    )  # fmt: skip


def report_paragraphs(rng: random.Random, lang: str, words: int) -> list[str]:
    """Paragraphs of 3 to 6 sentences, about ``words`` words in all."""
    out, total = [], 0
    while total < words:
        para = " ".join(_sentence(rng, lang) for _ in range(rng.randint(3, 6)))
        out.append(para)
        total += len(para.split())
    return out


def _title(rng: random.Random, lang: str, index: int) -> str:
    if lang == "en":
        return f"Desertion and absence without leave: situation report no. {index} ({_date_en(rng)})"
    return f"Самовольное оставление части: сводка № {index} от {_date_ru(rng)}"


def _write_txt(path: Path, title: str, paras: list[str]) -> None:
    path.write_text("\n\n".join([title, *paras]) + "\n", encoding="utf-8")


def _write_html(path: Path, title: str, paras: list[str], lang: str) -> None:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    page = (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"</head>\n<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>\n<article><h1>"
            f"{html.escape(title)}</h1>\n{body}\n</article><footer>© 2025</footer></body></html>\n")  # fmt: skip
    path.write_text(page, encoding="utf-8")


def _write_docx(path: Path, title: str, paras: list[str], lang: str) -> None:
    from docx import Document

    doc = Document()
    docx_fixed_core(doc, title, "bench", EPOCH, lang)
    doc.add_heading(title, level=1)
    for para in paras:
        doc.add_paragraph(para)
    doc.save(str(path))


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_BOLD))


def _draw_table(canvas, top: float, rows: list[list[str]]) -> float:
    """A ruled table (every cell boxed), as lists print; returns the y below it."""
    widths = [28, 150, 80, 120, 100]
    x0, height = 57.0, 15.0
    y = top
    for row in rows:
        x = x0
        for width, cell in zip(widths, row, strict=False):
            canvas.rect(x, y - height, width, height)
            canvas.drawString(x + 3, y - height + 4, cell)
            x += width
        y -= height
    return y - 12


def _write_pdf(path: Path, title: str, paras: list[str], *, table: list[list[str]] | None = None) -> int:
    """A text-layer A4 report drawn line by line (fast); a ruled table on page 2 when given; a paragraph "\\f"
    starts a new page. Returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    height = A4[1]
    with source_date_epoch(EPOCH):
        canvas = Canvas(str(path), pagesize=A4, invariant=1)
        canvas.setTitle(title)
        pages, y = 1, height - 60

        def new_page() -> float:
            nonlocal pages
            canvas.setFont("DejaVu", 8)
            canvas.drawString(57, 30, f"{title[:60]} — {pages}")
            canvas.showPage()
            pages += 1
            return height - 60

        canvas.setFont("DejaVu-Bold", 13)
        canvas.drawString(57, y, title[:80])
        y -= 26
        for k, para in enumerate(paras):
            if para == "\f":
                y = new_page()
                continue
            if table and pages == 2 and k and y > 300:
                canvas.setFont("DejaVu", 8)
                y = _draw_table(canvas, y, table)
                table = None
            canvas.setFont("DejaVu", 10)
            for line in textwrap.wrap(para, 92):
                if y < 60:
                    y = new_page()
                    canvas.setFont("DejaVu", 10)
                canvas.drawString(57, y, line)
                y -= 13
            y -= 8
        canvas.setFont("DejaVu", 8)
        canvas.drawString(57, 30, f"{title[:60]} — {pages}")
        canvas.save()
    return pages


def _table_rows(rng: random.Random) -> list[list[str]]:
    rows = [["№", "Unit / Часть", "Period", "Source", "Cases"]]
    for i in range(1, 9):
        rows.append([str(i), rng.choice(RU_UNITS)[:24], f"{rng.randint(1, 12):02d}.2025", rng.choice(EN_SOURCES)[:20],
                     str(rng.randint(10, 3000))])  # fmt: skip
    return rows


def generate(out: Path, files: int, words: int, seed: int = 9) -> dict[str, int]:
    """Write ``files`` files into ``out`` (its en/, ru/ and lists/ folders); returns files per format."""
    rng = random.Random(seed)
    written: dict[str, int] = {}
    for sub in ("en", "ru", "lists"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for index in range(files):
        lang, fmt = KINDS[index % len(KINDS)]
        path = out / lang / f"{lang}-{index:04d}.{fmt}"
        if lang == "lists":
            units = [("71289", 3), ("31612", 2), ("44052", 1)]
            people = make_people(seed * 1000 + index, rng.randint(60, 160), units, dt.date(2024, 1, 1),
                                 dt.date(2025, 7, 31))  # fmt: skip
            xlsx_spisok(path, people)
        else:
            size = int(words * rng.uniform(0.6, 1.4)) * (3 if fmt == "pdf" else 1)  # PDFs: longer reports
            title, paras = _title(rng, lang, index), report_paragraphs(rng, lang, size)
            if fmt == "txt":
                _write_txt(path, title, paras)
            elif fmt == "html":
                _write_html(path, title, paras, lang)
            elif fmt == "docx":
                _write_docx(path, title, paras, lang)
            else:
                _write_pdf(path, title, paras, table=_table_rows(rng) if index % 3 == 0 else None)
        written[fmt] = written.get(fmt, 0) + 1
    return written


def long_pdf(path: Path, pages: int, seed: int = 10) -> int:
    """A ``pages``-page text-layer PDF: English and Russian pages of about 60 words (a register, say)."""
    rng = random.Random(seed)
    paras: list[str] = []
    for k in range(pages):
        if k:
            paras.append("\f")
        paras.extend(report_paragraphs(rng, "en" if k % 2 == 0 else "ru", 40))
    drawn = _write_pdf(path, "Consolidated reports 2023-2025 / Сводные отчёты", paras)
    return drawn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=16, help="files in the dump (default 16)")
    parser.add_argument("--words", type=int, default=800, help="typical words of a report (PDFs get 3x)")
    parser.add_argument("--long-pages", type=int, default=1000, help="pages of the long PDF (0: none)")
    parser.add_argument("--seed", type=int, default=9, help="another seed gives another dump of the same make-up")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = generate(args.out / "dump", args.files, args.words, seed=args.seed)
    if args.long_pages:
        pages = long_pdf(args.out / "long.pdf", args.long_pages)
        written[f"long.pdf ({pages} pages)"] = 1
    print(f"{args.out}: {written} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
