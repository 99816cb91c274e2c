#!/usr/bin/env python3
"""Generate the synthetic sample dump in corpus/sample/.

Every document is invented: the prose was written for this corpus, the figures are realistic but not quoted
from real articles, and all person names in the leaked-style lists are fictional (drawn with a seeded random
generator from small invented name lists). Court, newspaper and site names that are not cited sources are
fictional too.

Run from the repository root:

    .venv/bin/python corpus/tools/generate_sample.py

The output is deterministic: fixed seeds, reportlab ``invariant=1`` with a fixed SOURCE_DATE_EPOCH, fixed core
properties for DOCX/XLSX, fixed zip member timestamps, fixed Pillow PDF dates.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import math
import os
import random
import re
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sample"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NBSP = "\u00a0"


# ----------------------------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------------------------


def unwrap(text: str) -> str:
    """Join a source-wrapped paragraph into one line (keeps no-break spaces, unlike str.split())."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def paragraphs(text: str) -> list[str]:
    """Split on blank lines and unwrap every paragraph."""
    return [unwrap(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def fmt_en(n: int) -> str:
    return f"{n:,}"


def fmt_ru(n: int, sep: str = NBSP) -> str:
    return f"{n:,}".replace(",", sep)


def write_text(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.replace("\r\n", "\n")
    if newline != "\n":
        data = data.replace("\n", newline)
    path.write_bytes(data.encode(encoding))


@contextlib.contextmanager
def source_date_epoch(when: dt.datetime):
    """reportlab reads SOURCE_DATE_EPOCH (together with invariant=1) for CreationDate/ModDate."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.replace(tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def build_report_pdf(path: Path, story: list, on_page: Any, epoch: dt.datetime, **meta: str) -> None:
    """An A4 report with our margins, its dates and document ID fixed by ``epoch`` (byte-identical reruns)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    path.parent.mkdir(parents=True, exist_ok=True)
    with source_date_epoch(epoch):
        doc = SimpleDocTemplate(
            str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
            bottomMargin=18 * mm, invariant=1, **meta,
        )  # fmt: skip
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


def normalize_zip(path: Path, when: dt.datetime, core_modified: str | None = None) -> None:
    """Rewrite an OOXML/zip file with fixed member timestamps (python-docx/openpyxl stamp 'now').

    If core_modified is given, the dcterms:modified value in docProps/core.xml is replaced as well
    (openpyxl always overwrites it with the current time on save).
    """
    with zipfile.ZipFile(path) as zin:
        members = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for name, data in members:
            if core_modified and name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + core_modified.encode() + rb"\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())


# ----------------------------------------------------------------------------------------------------------------
# fictional people
# ----------------------------------------------------------------------------------------------------------------

# Deliberately uncommon, invented-looking combinations. Surnames are formed from nature words.
FIRST_NAMES = [
    "Артём",
    "Богдан",
    "Всеволод",
    "Гордей",
    "Демид",
    "Елисей",
    "Захар",
    "Ипполит",
    "Кузьма",
    "Лука",
    "Мирон",
    "Никанор",
    "Остап",
    "Прохор",
    "Радим",
    "Савва",
    "Тихон",
    "Фрол",
    "Ярослав",
    "Емельян",
]
SURNAMES = [
    "Брусникин",
    "Тополев",
    "Ковылин",
    "Сугробов",
    "Черемшанов",
    "Ласточкин",
    "Пескарёв",
    "Вербицын",
    "Клюквин",
    "Снегирёв",
    "Овражный",
    "Камышов",
    "Репейников",
    "Ольховцев",
    "Шиповников",
    "Лебедянкин",
    "Зябликов",
    "Осокин",
    "Подорожников",
    "Туманцев",
    "Ветлугин",
    "Рябинцев",
    "Кедровцев",
    "Багульников",
    "Пихтин",
    "Чернотропов",
    "Ивнянский",
    "Светлоключев",
    "Ручейников",
    "Полынцев",
    "Жаворонков",
    "Мохов",
]
PATRONYMICS = [
    "Аркадьевич",
    "Борисович",
    "Вадимович",
    "Геннадьевич",
    "Данилович",
    "Егорович",
    "Захарович",
    "Игнатович",
    "Климович",
    "Львович",
    "Матвеевич",
    "Назарович",
    "Павлович",
    "Романович",
    "Семёнович",
    "Тимурович",
    "Фёдорович",
    "Эдуардович",
]
RANKS = [
    ("рядовой", 40),
    ("ефрейтор", 14),
    ("мл. сержант", 10),
    ("сержант", 10),
    ("ст. сержант", 6),
    ("прапорщик", 4),
    ("лейтенант", 2),
    ("ст. лейтенант", 1),
]
CATEGORIES = [("контракт", 55), ("мобилизованный", 38), ("призыв", 7)]
ARTICLES = [("ч. 2.1 ст. 337", 18), ("ч. 3.1 ст. 337", 20), ("ч. 5 ст. 337", 52), ("ч. 1 ст. 338", 10)]
PLACES = [
    "ПВД н.п. Волчья Балка",
    "район н.п. Калиновка",
    "отпуск (не прибыл)",
    "ВГ г. Ростов-на-Дону (после лечения)",
    "ППД г. Краснореченск",
    "полигон Заречный",
    "позиции 2 мсб",
    "командировка (не прибыл)",
]


def weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items], k=1)[0]


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def make_people(
    seed: int,
    n: int,
    units: list[tuple[str, int]],
    soch_from: dt.date,
    soch_to: dt.date,
    exclude: set[str] | None = None,
) -> list[dict]:
    rng = random.Random(seed)
    seen: set[str] = set(exclude or ())
    people = []
    while len(people) < n:
        fio = f"{rng.choice(SURNAMES)} {rng.choice(FIRST_NAMES)} {rng.choice(PATRONYMICS)}"
        if fio in seen:
            continue
        seen.add(fio)
        birth = rand_date(rng, dt.date(1972, 1, 1), dt.date(2004, 12, 31))
        soch = rand_date(rng, soch_from, soch_to)
        article = weighted(rng, ARTICLES)
        r = rng.random()
        if r < 0.35:
            note = "розыск"
        elif r < 0.55:
            note = "материалы направлены в ВСО"
        elif r < 0.68:
            note = "материалы направлены в военную прокуратуру гарнизона"
        elif r < 0.82:
            back = soch + dt.timedelta(days=rng.randint(3, 120))
            note = f"возвращён в часть {back:%d.%m.%Y}"
        elif r < 0.92:
            back = soch + dt.timedelta(days=rng.randint(5, 200))
            note = f"задержан военной комендатурой {back:%d.%m.%Y}"
        else:
            note = ""
        people.append(
            {
                "rank": weighted(rng, RANKS),
                "fio": fio,
                "birth": birth,
                "category": weighted(rng, CATEGORIES),
                "unit": weighted(rng, units),
                "soch": soch,
                "place": rng.choice(PLACES),
                "article": article,
                "note": note,
            }
        )
    people.sort(key=lambda p: (p["soch"], p["fio"]))
    return people


# ----------------------------------------------------------------------------------------------------------------
# shared figures (kept consistent across documents)
# ----------------------------------------------------------------------------------------------------------------

# Cases received by garrison military courts: article -> (2022 from late Sept, 2023, 2024, Jan-Jul 2025)
COURT_CASES = {
    "337": (1142, 5406, 6318, 4187),
    "338": (38, 212, 403, 351),
    "332": (97, 602, 588, 413),
    "334": (46, 259, 284, 192),
}
assert sum(sum(v) for v in COURT_CASES.values()) == 20538

MONTHS_RU = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]
MONTHLY_337 = {
    2024: [401, 438, 472, 489, 507, 515, 538, 556, 560, 589, 612, 641],
    2025: [498, 521, 570, 589, 603, 594, 812],
}
MONTHLY_338 = {2024: [24, 27, 29, 31, 30, 33, 35, 34, 36, 38, 41, 45], 2025: [41, 44, 47, 50, 53, 55, 61]}
SENTENCE_RATE = [
    0.78,
    0.81,
    0.80,
    0.83,
    0.79,
    0.84,
    0.82,
    0.85,
    0.81,
    0.83,
    0.86,
    0.80,
    0.84,
    0.82,
    0.87,
    0.85,
    0.83,
    0.88,
    0.79,
]
assert sum(MONTHLY_337[2024]) == COURT_CASES["337"][2]
assert sum(MONTHLY_337[2025]) == COURT_CASES["337"][3]
assert sum(MONTHLY_338[2024]) == COURT_CASES["338"][2]
assert sum(MONTHLY_338[2025]) == COURT_CASES["338"][3]


# ----------------------------------------------------------------------------------------------------------------
# 1. English news article (HTML)
# ----------------------------------------------------------------------------------------------------------------


def html_court_statistics_en() -> str:
    years = ("2022*", "2023", "2024", "2025**")
    labels = {
        "337": "Art. 337 — unauthorised abandonment of a unit (AWOL)",
        "338": "Art. 338 — desertion",
        "332": "Art. 332 — failure to obey an order",
        "334": "Art. 334 — violence against a superior",
    }
    rows = []
    for art, vals in COURT_CASES.items():
        cells = "".join(f"<td>{fmt_en(v)}</td>" for v in vals)
        rows.append(f'          <tr><th scope="row">{labels[art]}</th>{cells}<td>{fmt_en(sum(vals))}</td></tr>')
    col_totals = [sum(v[i] for v in COURT_CASES.values()) for i in range(4)]
    total_cells = "".join(f"<td>{fmt_en(v)}</td>" for v in col_totals)
    rows.append(
        f'          <tr class="total"><th scope="row">Total</th>{total_cells}<td>{fmt_en(sum(col_totals))}</td></tr>'
    )
    head_cells = "".join(f'<th scope="col">{y}</th>' for y in years)
    table_rows = "\n".join(rows)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Cases against Russian soldiers who left their units top 20,000 | The Eastern Ledger</title>
  <meta name="description" content="Court filings show Russia's military courts handling record numbers of AWOL and
desertion cases in 2025.">
  <meta property="og:type" content="article">
  <meta property="og:title" content="Cases against Russian soldiers who left their units top 20,000">
  <meta property="og:site_name" content="The Eastern Ledger">
  <meta property="article:published_time" content="2025-08-14T09:30:00+00:00">
  <meta property="article:modified_time" content="2025-08-14T15:02:00+00:00">
  <meta property="article:section" content="Russia">
  <link rel="canonical" href="https://eastern-ledger.example/russia/2025/08/14/awol-cases-top-20000">
  <link rel="stylesheet" href="/static/css/main.4f2a9c.css">
  <script>
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push({{"pageId": 48213, "section": "russia", "wordCount": 742, "paywall": false}});
  </script>
</head>
<body class="article-page">
  <div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>We use cookies and similar technologies to measure traffic and to show you relevant content. You can
    accept all cookies or choose which ones to allow. See our <a href="/privacy">privacy notice</a>.</p>
    <button type="button" class="btn-accept">Accept all</button>
    <button type="button" class="btn-settings">Manage settings</button>
  </div>

  <header class="site-header">
    <a class="logo" href="/">The Eastern Ledger</a>
    <span class="tagline">Independent reporting on Russia, Ukraine and Eastern Europe since 2014</span>
    <a class="subscribe" href="/subscribe">Subscribe from £4 a month</a>
  </header>

  <nav class="main-nav" aria-label="Main menu">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/world">World</a></li>
      <li><a href="/russia">Russia</a></li>
      <li><a href="/ukraine-war">Ukraine war</a></li>
      <li><a href="/investigations">Investigations</a></li>
      <li><a href="/data">Data</a></li>
      <li><a href="/opinion">Opinion</a></li>
      <li><a href="/newsletters">Newsletters</a></li>
    </ul>
  </nav>

  <div class="breadcrumbs"><a href="/">Home</a> › <a href="/russia">Russia</a> › Military justice</div>

  <main>
    <article class="story">
      <h1>Cases against Russian soldiers who left their units top 20,000</h1>
      <p class="standfirst">Court filings show the military justice system processing record numbers of
      absence and desertion cases in 2025</p>
      <p class="byline">By Staff Reporter ·
        <time datetime="2025-08-14T09:30:00+00:00">14 August 2025, 09:30 GMT</time></p>

      <p>Russia's garrison military courts have now received 20,538 criminal cases against servicemen charged
      with leaving their units, deserting, disobeying orders or using violence against a superior, according to
      a count of court filings published by the independent outlet Mediazona. The tally runs from late
      September 2022, when the Criminal Code was amended during the mobilisation, to the end of July 2025.</p>

      <p>The overwhelming majority, 17,053 cases, were brought under Article 337, which punishes unauthorised
      abandonment of a unit and is known in soldiers' slang by its Russian acronym, SOCh. Desertion proper,
      covered by Article 338 and requiring proof that a soldier never meant to come back, accounts for just
      over a thousand cases.</p>

      <aside class="also-read">
        <h2>Also read</h2>
        <ul>
          <li><a href="/russia/2025/08/02/rotation">Why mobilised reservists are still waiting for rotation</a></li>
          <li><a href="/data/2025/07/28/bonuses">Five charts that explain Russia's sign-up bonuses</a></li>
          <li><a href="/investigations/2025/06/30/hotline">Inside the hotline that helps soldiers
          surrender</a></li>
        </ul>
      </aside>

      <p>The pace has not slowed. Courts registered 3,375 new Article 337 cases in the first half of 2025, and
      July added another 812, the highest monthly figure so far. In July that meant roughly 35 absence cases
      reaching judges every working day.</p>

      <h2>Cases received by military courts, by article of the Criminal Code</h2>
      <table class="data-table">
        <caption>Cases received by garrison military courts, September 2022 to July 2025</caption>
        <thead>
          <tr><th scope="col">Article</th>{head_cells}<th scope="col">Total</th></tr>
        </thead>
        <tbody>
{table_rows}
        </tbody>
      </table>
      <p class="table-note">* from 24 September 2022. ** January to July 2025. Source: Mediazona count of
      filings on court websites.</p>

      <p>Verdicts tend to come quickly, because most defendants plead guilty. Since 2023 the usual punishment
      under part 5 of Article 337, which covers absences of more than a month during mobilisation or wartime,
      has been five to six years in a penal colony. Suspended sentences, which were common in the first months
      after the amendments, are now handed down far less often.</p>

      <p>The court figures only count soldiers who were caught and charged. Researchers at the OSINT group
      Frontelligence Insight, who went through internal lists from several units, believe the real number of
      absentees is several times higher and that many cases never leave a unit's own paperwork.</p>

      <p>The 155th Separate Guards Marine Brigade, which has fought in the Kursk region and near Donetsk, is
      among the formations whose members appear most often in verdicts published this year. Several sentences
      also refer to military unit 12345, a motor rifle regiment whose designation is partly redacted in the
      court records, and to the 4th Guards Tank Division.</p>

      <p>In an update on 3 August 2025, UK Defence Intelligence linked the absences to poor preparation,
      noting that some recruits are sent forward after less than a week of training. The agency assesses that
      between 150,000 and 190,000 Russian personnel have been killed since the start of the full-scale
      invasion.</p>

      <p>Russia's Ministry of Defence did not reply to a request for comment.</p>

      <div class="share-tools" aria-label="Share this article">
        <a href="#">Share on X</a> · <a href="#">Telegram</a> · <a href="#">Copy link</a> ·
        <span class="comments-count">128 comments</span>
      </div>
    </article>

    <section class="related" aria-label="Related stories">
      <h2>More on the war</h2>
      <ul>
        <li><a href="/ukraine-war/2025/08/13/drones">Kyiv says 1,200 drones were launched at Ukraine in a
        week</a></li>
        <li><a href="/russia/2025/08/12/budget">Russia's 2026 defence budget: 13 trillion roubles and
        counting</a></li>
        <li><a href="/opinion/2025/08/11/morale">Opinion: what 3 years of war did to the Russian army</a></li>
        <li><a href="/investigations/2025/08/09/storm">The penal units that take convicts to the front</a></li>
      </ul>
    </section>

    <aside class="newsletter-signup">
      <h2>The Eastern Brief</h2>
      <p>Our editors' pick of the day's 5 most important stories, every weekday at 7am.</p>
      <form action="/newsletters/subscribe" method="post">
        <input type="email" name="email" placeholder="Your email address">
        <button type="submit">Sign up</button>
      </form>
    </aside>
  </main>

  <footer class="site-footer">
    <ul class="footer-links">
      <li><a href="/about">About us</a></li>
      <li><a href="/contact">Contact</a></li>
      <li><a href="/privacy">Privacy</a></li>
      <li><a href="/terms">Terms of use</a></li>
    </ul>
    <p>Newsroom: +44 20 7946 0958 · news@eastern-ledger.example</p>
    <p>© 2025 The Eastern Ledger Ltd. Registered in England and Wales, company No. 09876543.</p>
  </footer>
  <script src="/static/js/app.81c0d2.js" defer></script>
</body>
</html>
"""


# ----------------------------------------------------------------------------------------------------------------
# 2. Russian news article (HTML)
# ----------------------------------------------------------------------------------------------------------------


def html_court_statistics_ru() -> str:
    names = {
        "337": "самовольное оставление части или места службы",
        "338": "дезертирство",
        "332": "неисполнение приказа",
        "334": "насильственные действия в отношении начальника",
    }
    rows = []
    for art, vals in COURT_CASES.items():
        rows.append(
            f"        <tr><td>ст. {art} УК РФ</td><td>{names[art]}</td>"
            f"<td>{fmt_ru(vals[1])}</td><td>{fmt_ru(vals[2])}</td></tr>"
        )
    t23 = sum(v[1] for v in COURT_CASES.values())
    t24 = sum(v[2] for v in COURT_CASES.values())
    rows.append(
        f'        <tr class="itogo"><td colspan="2">Итого</td><td>{fmt_ru(t23)}</td><td>{fmt_ru(t24)}</td></tr>'
    )
    before_2025 = sum(v[0] + v[1] + v[2] for v in COURT_CASES.values())
    assert before_2025 > 15000
    table_rows = "\n".join(rows)
    c337_23, c337_24 = COURT_CASES["337"][1], COURT_CASES["337"][2]
    growth = round((c337_24 / c337_23 - 1) * 100)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Военные суды в 2024 году получили рекордные 7,6 тыс. дел о бегстве из армии — Северный вестник</title>
<meta name="date" content="2025-03-02">
<meta name="description" content="Подсчёт «Медиазоны»: число дел о самовольном оставлении части снова выросло.">
<meta property="og:title" content="Рекорд по делам о СОЧ: военные суды получили почти 7,6 тыс. дел">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/site.css">
<script async src="/assets/counter.js"></script>
<script>var __page = {{id: 90127, rubric: "армия", views: 15342}};</script>
</head>
<body>
<div class="cookie-notice" id="cookies">
  Мы используем файлы cookie, чтобы сайт работал корректно и чтобы анализировать посещаемость. Продолжая
  пользоваться сайтом, вы соглашаетесь с <a href="/politika">политикой обработки данных</a>.
  <button class="cookie-ok">Хорошо</button>
</div>
<header class="top">
  <div class="logo"><a href="/">Северный вестник</a></div>
  <div class="weather">Москва −3°</div>
  <div class="currency">USD 89,41 · EUR 93,07</div>
</header>
<nav class="menu">
  <a href="/">Главная</a>
  <a href="/politika">Политика</a>
  <a href="/obshchestvo">Общество</a>
  <a href="/voyna">Война</a>
  <a href="/rassledovaniya">Расследования</a>
  <a href="/mneniya">Мнения</a>
  <a href="/podkasty">Подкасты</a>
</nav>
<div class="content">
<article class="news">
  <div class="rubric">Армия</div>
  <h1>Рекорд по делам о СОЧ: военные суды в 2024 году получили почти 7,6 тыс. дел</h1>
  <div class="meta">
    <time datetime="2025-03-02T11:15:00+03:00">2 марта 2025, 11:15</time>
    <span class="author">Текст: отдел расследований</span>
  </div>
  <p class="lead">Больше всего дел — о самовольном оставлении части. За год их стало на {growth}% больше.</p>

  <p>В 2024 году гарнизонные военные суды получили {fmt_ru(t24)} уголовных дела против военнослужащих по
  четырём «армейским» статьям Уголовного кодекса — о самовольном оставлении части, дезертирстве, неисполнении
  приказа и насилии в отношении начальника. К такому выводу пришла «Медиазона», которая ведёт подсчёт по
  карточкам дел, опубликованным на сайтах судов.</p>

  <p>Подавляющая часть дел — {fmt_ru(c337_24)} — возбуждена по ст. 337 УК РФ (самовольное оставление части
  или места службы). Это на {growth}% больше, чем годом ранее, когда по этой статье в суды поступило
  {fmt_ru(c337_23)} дел.</p>

  <p>Рекордным месяцем стал декабрь: за него в суды передали {MONTHLY_337[2024][11]} дело о СОЧ. В среднем по
  году получается почти 26 новых дел каждый рабочий день.</p>

  <div class="read-also">
    <b>Читайте также</b>
    <ul>
      <li><a href="/voyna/2025/02/27/otpuska">Отпусков нет: почему мобилизованные не возвращаются домой</a></li>
      <li><a href="/obshchestvo/2025/02/20/vyplaty">Выплаты за контракт выросли до 2 млн рублей в 12
      регионах</a></li>
    </ul>
  </div>

  <p>Всего с осени 2022 года, когда в кодекс ввели понятия мобилизации и военного времени, военные суды
  получили более 15 тыс. таких дел. Юристы, с которыми поговорил «Северный вестник», ожидают, что к концу
  2025 года общее число превысит двадцать тысяч — по их оценкам, оно составит от 20 до 25 тыс.</p>

  <table class="stat">
    <caption>Поступило дел в гарнизонные военные суды</caption>
    <thead>
      <tr><th>Статья</th><th>Состав</th><th>2023</th><th>2024</th></tr>
    </thead>
    <tbody>
{table_rows}
    </tbody>
  </table>
  <p class="source">Источник: подсчёт «Медиазоны» по данным сайтов гарнизонных военных судов.</p>

  <p>По данным издания «Вёрстка», только в январе 2025 года 14 приговоров получили военнослужащие войсковой
  части № 30926; ещё несколько дел касаются бойцов 155 обрмп и 4 гв. тд. Среди подсудимых преобладают
  контрактники и мобилизованные, которые не вернулись в часть из отпуска или после лечения в госпитале.</p>

  <p>Максимальное наказание по ч. 5 ст. 337 УК РФ — до 10 лет лишения свободы, однако на практике суды
  чаще назначают от пяти до шести лет колонии. Условные сроки, обычные для первых месяцев после поправок,
  теперь встречаются редко.</p>

  <div class="tags"><a href="/tag/armiya">армия</a> <a href="/tag/sudy">суды</a> <a href="/tag/soch">СОЧ</a></div>
</article>

<aside class="sidebar">
  <h3>Самое читаемое</h3>
  <ol>
    <li><a href="/n/90101">В Подмосковье закрыли 3 школы из-за гриппа</a></li>
    <li><a href="/n/90088">Курс рубля: прогноз на неделю</a></li>
    <li><a href="/n/90075">Сколько стоит аренда квартиры в 2025 году</a></li>
  </ol>
</aside>
</div>
<footer class="bottom">
  <p>© 2025 «Северный вестник». Все права защищены. 18+</p>
  <p>Телефон редакции: +7 (495) 000-12-34. Реклама: reklama@sever-vestnik.example</p>
  <p>Сетевое издание зарегистрировано 12.05.2016, свидетельство ЭЛ № ФС 77-00000.</p>
</footer>
</body>
</html>
"""


# ----------------------------------------------------------------------------------------------------------------
# 3. English OSINT analysis (UTF-8 text)
# ----------------------------------------------------------------------------------------------------------------

OSINT_EN = """
Published 12 September 2025

ANALYSIS | OSINT DESK

Leaked unit lists point to a steady rise in Russian desertion

A list of 13.8 thousand Russian servicemen recorded as absent without leave between 2022 and July 2025 is the
centrepiece of a new study by Frontelligence Insight, an open-source research group that has spent months
working through documents obtained by the Ukrainian project "I Want to Live". The researchers say the
paperwork, which includes personnel files and internal returns from brigade, division and army headquarters,
shows that walking away from a unit has become a routine headache for Russian commanders rather than an
occasional embarrassment.

KEY FIGURES

1/ 13.8 thousand names in a single consolidated list covering the period from 2022 to July 2025.

2/ Around 3.6 thousand entries dated 2024, against roughly 5.6 thousand in the first half of 2025 alone.

3/ In one division's returns, monthly absences grew six times in a year and a half, from about 40 in January
2024 to more than 240 in June 2025.

4/ If the current rate holds, about 70,000 soldiers will have left their units in 2025 by the end of the year,
roughly every tenth soldier in the grouping fighting in Ukraine.

5/ Military courts have registered more than 20,000 cases of AWOL, desertion and related offences since
September 2022.

THE LIST

The consolidated list, which the group believes was compiled by a military prosecutor's office for internal
use, gives each soldier's rank, name, date of birth, unit number and the date he was declared missing from his
post. Frontelligence Insight has not published the names. Its analysts checked a sample of 600 entries against
court records and social media profiles and found that the great majority matched real servicemen.

The distribution by year is uneven. Only about 900 entries are dated 2022, when the mobilisation had just
begun, and some 2.8 thousand fall in 2023. The curve then steepens: roughly 3.6 thousand cases are recorded
for the whole of 2024, while the first half of 2025 already accounts for about 5.6 thousand, with a further
900 in July.

UNITS

Other files in the leak tell the same story for individual formations. Returns from military unit 12345, a
motor rifle regiment, list 212 servicemen absent as of 1 June 2025, up from 37 a year earlier. Reports filed by
the 4th Guards Tank Division show the six-fold increase in monthly absences mentioned above. In the 155th
Separate Guards Marine Brigade, one of the formations most heavily committed in the Kursk and Donetsk
directions, the researchers counted 418 names on lists dated from March 2024 to May 2025.

Where soldiers leave from has changed as well. In 2022 and 2023 most absences were logged at garrisons and
training grounds inside Russia, typically by mobilised men who did not return from leave. In 2025 the lists
are dominated by soldiers who abandoned positions near the front line or failed to come back from hospital
after treatment, a shift the researchers attribute to months of continuous assault operations.

THE PROJECTION

Frontelligence Insight stresses that its headline estimate is an extrapolation, not a count. Taking the pace
recorded in the first half of 2025 and applying it to the overall size of the force in the war zone, the
group arrives at a figure of about 70,000 for the year as a whole if the current rate is sustained. Other
researchers are more cautious: some put the total number of soldiers who have gone absent at any point since
2022 at between 50,000 and 60,000.

HOW THIS COMPARES WITH COURT DATA

Court statistics remain the most solid public benchmark. Mediazona, which counts cases on court websites,
recorded 20,538 cases under Articles 332, 334, 337 and 338 of the Criminal Code between September 2022 and
July 2025. Rounded retellings of that number, usually as "more than 20,000 deserters", have travelled widely,
although a court case is not the same thing as a deserter, and many of the soldiers on the leaked lists were
never charged at all.

PUNISHMENT OUTSIDE THE COURTS

Several documents and testimonies collected by "I Want to Live" describe returned absentees being held in pits,
beaten, or sent to assault detachments without any trial. iStories has reported similar accounts from six or
seven units. The analysts caution that such claims are hard to verify independently, but say the volume of
consistent testimony from different regions makes them credible.

WHAT IT MEANS

The group does not describe the situation as a collapse. Its conclusion is narrower: absences have grown in
every half-year since 2023, commanders increasingly rely on informal and often brutal methods to contain
them, and official court statistics understate the scale of the problem by a wide margin. The full report
runs to 46 pages; the year-by-year breakdown is on page 14, and the unit tables start on page 31.

(c) 2025 OSINT Desk. Figures quoted are as reported by the sources named above.
"""


# ----------------------------------------------------------------------------------------------------------------
# 4. Russian analysis (cp1251)
# ----------------------------------------------------------------------------------------------------------------

OBZOR_RU = """
ОБЗОР: САМОВОЛЬНОЕ ОСТАВЛЕНИЕ ЧАСТИ В РОССИЙСКОЙ АРМИИ, 2022–2025

Дата подготовки: 20 сентября 2025 г.

Утечки внутренних документов российских воинских частей, собранные проектом «Хочу жить», позволяют оценить
масштаб самовольного оставления части (СОЧ) не только по судебной статистике, но и по учётным данным самих
подразделений. Ниже — краткое изложение основных выводов.

1. Масштаб

В одном из сводных списков, изученных аналитиками Frontelligence Insight, значатся 13,8 тыс. военнослужащих,
самовольно оставивших части с 2022 по июль 2025 года. Для сравнения: «Медиазона», которая считает дела на
сайтах военных судов, насчитала за тот же период более 20 тыс. уголовных дел по «армейским» статьям — ст. 332,
334, 337 и 338 УК РФ. Складывать эти числа нельзя: часть беглецов попадает под суд, а многие так и остаются
лишь строчками в ведомостях.

За первое полугодие 2025 года в списке зафиксировано около 5,6 тыс. случаев — больше, чем за весь 2024 год
(около 3,6 тыс.). В отдельных соединениях рост ещё заметнее: по донесениям 4 гв. тд, число СОЧ в месяц
увеличилось в шесть раз за полтора года.

2. Части и соединения

Чаще других в документах упоминаются в/ч 12345 (мотострелковый полк), войсковая часть № 30926 и 155 обрмп.
Только с 1 по 15 марта 2024 г. из в/ч 12345 самовольно ушли 37 человек, из них двое — офицеры. В 155 обрмп,
по подсчётам аналитиков, с марта 2024 по май 2025 года в списки внесли свыше 400 фамилий, а за один весенний
месяц бригада лишилась четверых командиров взводов.

В войсковой части № 30926 на 1 мая 2025 года числились в СОЧ свыше 1,5 тыс. человек. Около шести тысяч
военнослужащих, по данным тех же документов, были возвращены в свои части после задержания комендатурами.

3. Кто уходит

Примерно каждый десятый в списках — мобилизованный, не вернувшийся из отпуска; большинство же составляют
контрактники, подписавшие контракт в 2023–2024 годах. Средний возраст — около 34 лет. С начала 2025 года
растёт доля тех, кто уходит непосредственно с позиций или не возвращается из госпиталя после лечения.

4. Судебная практика

Наказание по ч. 5 ст. 337 УК РФ (отсутствие в части свыше одного месяца в период мобилизации или военного
времени) — до 10 лет лишения свободы. На практике суды обычно назначают от пяти до шести лет колонии. Часть 3.1
той же статьи касается отсутствия свыше десяти суток, но не более одного месяца, а часть 2.1 — свыше двух
суток, но не более десяти суток. Эти сроки — не количество беглецов, и при подсчётах их нужно исключать.

В 2024 году военные суды ежедневно выносили в среднем по 25 приговоров по этой статье. По оценке «Вёрстки»,
не менее четырёх тысяч осуждённых за СОЧ вместо реального срока снова отправились на фронт, подписав контракт.

5. Прогноз

Если нынешний темп сохранится, к концу 2025 года число беглецов за один только год может составить от 20 до
25 тыс. — и это лишь по тем частям, документы которых оказались у аналитиков. В масштабах всей группировки
речь идёт о десятках тысяч человек: по оценке Frontelligence Insight, не менее семидесяти тысяч, то есть
каждый десятый военнослужащий.

Ещё недавно общее число беглецов за всю войну оценивали в пятнадцать–двадцать тысяч. Сегодня свыше двадцати
тысяч составляет уже число одних лишь судебных дел, а по самым скромным подсчётам за время войны части
самовольно покинули более 20 тыс. человек; реальная цифра, по всей видимости, в несколько раз больше.

6. Источники

— «Медиазона», подсчёт судебных дел (данные по июль 2025 года);
— Frontelligence Insight, доклад о внутренних документах воинских частей (сентябрь 2025 года);
— проект «Хочу жить», статистика обращений;
— «Вёрстка» и «Важные истории» (iStories), публикации о внесудебных наказаниях.
"""

# ----------------------------------------------------------------------------------------------------------------
# 5. Hotline statistics (KOI8-R; no guillemets or dashes, KOI8-R has none)
# ----------------------------------------------------------------------------------------------------------------

HOTLINE_RU = """
Проект "Хочу жить": статистика обращений

Киев, 5 сентября 2025 г.

С начала работы проекта в сентябре 2022 года на горячую линию и в чат-бот "Хочу жить" поступило более
62 тыс. обращений от российских военнослужащих и их родственников. Только за первое полугодие 2025 года
зарегистрировано 9 412 обращений, почти вдвое больше, чем за тот же период прошлого года (4 870).

В августе 2025 года операторы приняли 2 131 обращение, то есть в среднем около 70 в сутки. Примерно каждое
пятое обращение приходит от военнослужащих, которые уже находятся в зоне боевых действий; остальные пишут
родственники и те, кто только получил повестку.

Больше всего запросов поступает из Москвы, Санкт-Петербурга, Башкортостана и Краснодарского края. По данным
координаторов, с начала проекта с его помощью сдались в плен свыше 1,5 тыс. человек, в том числе
военнослужащие в/ч 12345 и 155 обрмп.

Связаться с проектом можно круглосуточно: +38 044 555 01 23 (Telegram, WhatsApp, Signal).
"""


# ----------------------------------------------------------------------------------------------------------------
# reportlab helpers
# ----------------------------------------------------------------------------------------------------------------


def rl_setup():
    from reportlab.lib.fonts import addMapping
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_BOLD))
        addMapping("DejaVu", 0, 0, "DejaVu")
        addMapping("DejaVu", 1, 0, "DejaVu-Bold")
        addMapping("DejaVu", 0, 1, "DejaVu")
        addMapping("DejaVu", 1, 1, "DejaVu-Bold")
    base = getSampleStyleSheet()
    st = {
        "title": ParagraphStyle(
            "t", parent=base["Title"], fontName="DejaVu-Bold", fontSize=15, leading=19, spaceAfter=6
        ),
        "h1": ParagraphStyle(
            "h1", parent=base["Heading1"], fontName="DejaVu-Bold", fontSize=13, leading=16, spaceBefore=8, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base["Heading2"],
            fontName="DejaVu-Bold",
            fontSize=11.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "body": ParagraphStyle(
            "b", parent=base["BodyText"], fontName="DejaVu", fontSize=10, leading=13.5, spaceAfter=5, alignment=4
        ),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontName="DejaVu", fontSize=8, leading=10),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontName="DejaVu", fontSize=7.5, leading=9),
        "cellb": ParagraphStyle(
            "cb", parent=base["BodyText"], fontName="DejaVu-Bold", fontSize=7.5, leading=9, alignment=1
        ),
        "center": ParagraphStyle(
            "ce", parent=base["BodyText"], fontName="DejaVu", fontSize=10, leading=13, alignment=1
        ),
        "right": ParagraphStyle("r", parent=base["BodyText"], fontName="DejaVu", fontSize=9, leading=11, alignment=2),
    }
    return st


# ----------------------------------------------------------------------------------------------------------------
# 6. English intelligence update (PDF)
# ----------------------------------------------------------------------------------------------------------------

INTEL_SECTIONS = [
    ("Key judgements", None),
    (
        "Situation overview",
        """
Russian forces kept up offensive pressure along most of the front line during the first ten days of September
2025, with the heaviest fighting in the Pokrovsk, Kostiantynivka and Huliaipole directions. Gains remained
incremental: no Russian advance in the reporting period exceeded a few kilometres, and the cost in personnel
stayed high. Ukrainian General Staff figures indicate that Russian personnel losses averaged about 930 per day
in August 2025, down from roughly 1,010 per day in July.

Since the start of the full-scale invasion on 24 February 2022, cumulative Russian personnel losses reported by
Kyiv stand at about 1,087,240, including 880 in the past 24 hours. These figures combine killed and wounded and
should not be read as a death toll.""",
    ),
    (
        "Personnel losses: how estimates differ",
        """
UK Defence Intelligence assesses that between 150,000 and 190,000 Russian servicemen have been killed since
February 2022, and that combined killed and wounded very likely exceed one million. Name-by-name counts by
Mediazona, which rely on obituaries, social media posts and inheritance records, had confirmed more than
124,000 deaths by the end of August 2025. The gap between confirmed and estimated deaths reflects the months
it typically takes for a death to surface in public records, rather than a disagreement about the trend.

Daily averages have stayed above 800 for most of 2025. The highest single-day figure so far was reported in
December 2024, when Kyiv claimed more than 2,000 Russian personnel losses in one day.""",
    ),
    ("Equipment losses", None),
    (
        "Attrition through absence and desertion",
        """
Absence without leave has become a steady drain on Russian manpower. By the end of July 2025 military courts
had received 20,538 cases under Articles 332, 334, 337 and 338 of the Criminal Code, according to Mediazona;
3,375 of them were Article 337 cases registered in the first half of 2025. Leaked unit lists analysed by
Frontelligence Insight suggest that only a fraction of absentees are ever prosecuted: one consolidated list
alone names 13.8 thousand servicemen who left their units from 2022 to July 2025.

Analysts project that if the current rate holds, about 70,000 soldiers could leave their units in 2025,
roughly every tenth soldier in the grouping. The 155th Separate Guards Marine Brigade and the 4th Guards Tank
Division appear repeatedly in the leaked returns. The Ukrainian project "I Want to Live" reports that requests
to its hotline in the first half of 2025 were almost double those of the same period in 2024.""",
    ),
    (
        "Force generation",
        """
Russian officials claim that 30,000 to 35,000 people a month signed contracts with the Ministry of Defence
in the first half of 2025. If accurate, recruitment is sufficient to replace losses at current rates but not
to build large new reserves. One-off sign-up bonuses in several regions now exceed 1.5 million roubles, a
sign that the pool of volunteers is becoming more expensive to tap.""",
    ),
    (
        "Outlook",
        """
Russian forces are highly likely to maintain the current tempo of attacks through the autumn. Personnel losses
are likely to remain above 800 per day over the next 30 days. Absences are likely to keep rising in 2025,
increasing pressure on commanders to use informal punishments rather than the courts; iStories and Verstka
have documented such practices in several units.""",
    ),
]

INTEL_JUDGEMENTS = [
    "Russian personnel losses averaged about 930 per day in August 2025 (July: about 1,010).",
    "UK Defence Intelligence assesses 150,000–190,000 Russian killed since the start of the full-scale invasion.",
    "Military courts received 20,538 AWOL, desertion and related cases from September 2022 to July 2025.",
    "Absences are highly likely to continue growing through the second half of 2025.",
]

INTEL_EQUIPMENT = [
    ("Tanks", 11183, 3),
    ("Armoured combat vehicles", 23265, 12),
    ("Artillery systems", 32714, 41),
    ("Multiple rocket launchers", 1487, 1),
    ("Air defence systems", 1219, 0),
    ("Aircraft", 422, 0),
    ("Helicopters", 341, 0),
    ("Operational-tactical UAVs", 56930, 312),
    ("Cruise missiles", 3618, 0),
    ("Warships and boats", 28, 0),
    ("Vehicles and fuel tanks", 61845, 98),
    ("Special equipment", 3962, 2),
    ("Personnel, killed and wounded (approx.)", 1087240, 880),
]

YARDSTICK = [
    ("Remote", "≤ 5%"),
    ("Highly unlikely", "10–20%"),
    ("Unlikely", "25–35%"),
    ("Realistic possibility", "40–50%"),
    ("Likely", "55–75%"),
    ("Highly likely", "80–90%"),
    ("Almost certain", "≥ 95%"),
]


def pdf_intelligence_update(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer, Table, TableStyle

    st = rl_setup()
    title = "Intelligence Update: Russian Force Losses and Personnel Attrition, 10 September 2025"

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(18 * mm, A4[1] - 11 * mm, "OSINT DESK  |  INTELLIGENCE UPDATE  |  10/09/2025")
        canvas.drawRightString(A4[0] - 18 * mm, A4[1] - 11 * mm, "OPEN SOURCE — FOR RESEARCH USE")
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    story = [
        Paragraph("Intelligence Update", st["title"]),
        Paragraph("Russian force losses and personnel attrition — 10 September 2025", st["center"]),
        Spacer(1, 8),
    ]
    for heading, text in INTEL_SECTIONS:
        story.append(Paragraph(heading, st["h1"]))
        if heading == "Key judgements":
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(t, st["body"]), leftIndent=12) for t in INTEL_JUDGEMENTS],
                    bulletType="bullet",
                    start="•",
                    bulletFontName="DejaVu",
                    leftIndent=12,
                )
            )
            continue
        if heading == "Equipment losses":
            story.append(
                Paragraph(
                    "Cumulative Russian equipment losses since 24 February 2022 as reported by the Ukrainian "
                    "General Staff, with the change over the past 24 hours in brackets:",
                    st["body"],
                )
            )
            story.append(
                ListFlowable(
                    [
                        ListItem(Paragraph(f"{name}: {fmt_en(total)} (+{delta})", st["body"]), leftIndent=12)
                        for name, total, delta in INTEL_EQUIPMENT
                    ],
                    bulletType="bullet",
                    start="•",
                    bulletFontName="DejaVu",
                    leftIndent=12,
                )
            )
            story.append(
                Paragraph(
                    "Claimed figures cannot be independently verified. Visually confirmed losses compiled by "
                    "open-source researchers are lower: roughly 4,200 tanks had been documented with photo or video "
                    "evidence by the end of August 2025.",
                    st["body"],
                )
            )
            continue
        for p in paragraphs(text):
            story.append(Paragraph(p, st["body"]))

    story.append(Paragraph("Probability yardstick", st["h2"]))
    table = Table([["Term", "Likelihood"]] + [list(r) for r in YARDSTICK], colWidths=[60 * mm, 35 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
                ("FONTNAME", (0, 0), (-1, 0), "DejaVu-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.black),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 8))
    story.append(Paragraph("Sources", st["h2"]))
    story.append(
        Paragraph(
            "Ukrainian General Staff daily loss reports; UK Defence Intelligence updates of 31 August and "
            '7 September 2025; Mediazona; Frontelligence Insight; "I Want to Live"; iStories; Verstka. '
            "This update reflects information available up to 10 September 2025, 18:00 Kyiv time.",
            st["small"],
        )
    )

    build_report_pdf(
        path, story, on_page, dt.datetime(2025, 9, 10, 18, 30), title=title, author="OSINT Desk",
        subject="Russian losses and desertion", creator="OSINT Desk", lang="en-GB",
    )  # fmt: skip


# ----------------------------------------------------------------------------------------------------------------
# 7. Russian analytical note (PDF with ruled table)
# ----------------------------------------------------------------------------------------------------------------

ZAPISKA_INTRO = """
Настоящая записка подготовлена на основе открытых данных о поступлении уголовных дел в гарнизонные военные
суды. Основной источник — подсчёты «Медиазоны» по карточкам дел, опубликованным на сайтах судов; для
сопоставления использованы материалы «Вёрстки» и внутренние документы воинских частей, опубликованные
аналитической группой Frontelligence Insight.

Всего с конца сентября 2022 года по июль 2025 года военные суды получили {total} уголовных дел по ст. 332,
334, 337 и 338 УК РФ. Из них {c337} дела возбуждены по ст. 337 УК РФ (самовольное оставление части или места
службы) и {c338} — по ст. 338 УК РФ (дезертирство). Таким образом, на «самовольщиков» приходится более 80%
всех «армейских» дел.
"""

ZAPISKA_DYNAMICS = """
В 2024 году поступило {y24_337} дел по ст. 337 УК РФ и {y24_338} — по ст. 338 УК РФ. За первое полугодие 2025
года по ст. 337 поступило {h1_25} дел, что почти на {h1_growth}% больше, чем за первое полугодие 2024 года
({h1_24}). Июль 2025 года стал рекордным: {jul25} дел, на {jul_growth}% больше июньского показателя. В июле суды
получали в среднем 35 новых дел каждый рабочий день.
"""

ZAPISKA_STRUCTURE = """
По нашей выборке из 1 200 приговоров за первое полугодие 2025 года, контрактники составляют около 58%
осуждённых, мобилизованные — 37%, военнослужащие по призыву — 5%. Каждый десятый осуждённый ранее уже
привлекался к ответственности за самовольное оставление части и был направлен обратно в подразделение.

Чаще других в приговорах фигурируют военнослужащие в/ч 12345 и войсковой части № 30926, а также 155 обрмп
и 4 гв. тд. По данным «Вёрстки», только с 1 по 15 марта 2024 г. суды Южного военного округа получили 231 дело
о СОЧ. Типичное наказание по ч. 5 ст. 337 УК РФ — от пяти до шести лет колонии; по ч. 3.1 — от двух до трёх
лет. Условные сроки в 2025 году назначаются менее чем в 10% случаев.
"""

ZAPISKA_CONCLUSIONS = """
1. Число дел о самовольном оставлении части растёт каждый квартал, начиная с 2023 года; сезонных спадов не
наблюдается.

2. Если нынешний темп сохранится, к концу 2025 года по ст. 337 УК РФ поступит от 7,5 до 8 тыс. дел, а общее
число «армейских» дел с осени 2022 года превысит двадцать пять тысяч.

3. Судебная статистика отражает лишь часть проблемы: по внутренним спискам, изученным Frontelligence Insight,
с 2022 по июль 2025 года части покинули 13,8 тыс. человек, из которых под суд попала меньшая часть.

4. Рост числа дел сопровождается сообщениями о внесудебных наказаниях, которые собирают «Важные истории» и
проект «Хочу жить».
"""


def pdf_analiticheskaya_zapiska(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = rl_setup()
    total = sum(sum(v) for v in COURT_CASES.values())
    c337 = sum(COURT_CASES["337"])
    c338 = sum(COURT_CASES["338"])
    h1_24 = sum(MONTHLY_337[2024][:6])
    h1_25 = sum(MONTHLY_337[2025][:6])
    jul25, jun25 = MONTHLY_337[2025][6], MONTHLY_337[2025][5]
    values = {
        "total": fmt_ru(total),
        "c337": fmt_ru(c337),
        "c338": fmt_ru(c338),
        "y24_337": fmt_ru(sum(MONTHLY_337[2024])),
        "y24_338": fmt_ru(sum(MONTHLY_338[2024])),
        "h1_25": fmt_ru(h1_25),
        "h1_24": fmt_ru(h1_24),
        "h1_growth": round((h1_25 / h1_24 - 1) * 100),
        "jul25": fmt_ru(jul25),
        "jul_growth": round((jul25 / jun25 - 1) * 100),
    }

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, f"– {doc.page} –")
        canvas.setFont("DejaVu", 7)
        canvas.drawString(20 * mm, 10 * mm, "Аналитическая записка № 14/2025 от 25.08.2025")
        canvas.restoreState()

    story = [
        Paragraph("АНАЛИТИЧЕСКАЯ ЗАПИСКА", st["title"]),
        Paragraph(
            "Динамика уголовных дел о самовольном оставлении части и дезертирстве (январь 2024 г. – июль 2025 г.)",
            st["center"],
        ),
        Spacer(1, 4),
        Paragraph("Подготовлено 25 августа 2025 г.", st["right"]),
        Spacer(1, 6),
        Paragraph("1. Общая характеристика", st["h1"]),
    ]
    story += [Paragraph(p.format(**values), st["body"]) for p in paragraphs(ZAPISKA_INTRO)]
    story.append(Paragraph("2. Помесячная динамика", st["h1"]))
    story += [Paragraph(p.format(**values), st["body"]) for p in paragraphs(ZAPISKA_DYNAMICS)]
    story.append(Paragraph("Таблица 1. Поступление дел в гарнизонные военные суды по месяцам", st["h2"]))

    header = [
        "Месяц",
        "ст. 337\nУК РФ",
        "ст. 338\nУК РФ",
        "Всего",
        "Вынесено\nприговоров\n(ст. 337)",
        "Изменение\nк пред. месяцу",
    ]
    data = [header]
    prev = None
    i = 0
    for year in (2024, 2025):
        for m, (a, b) in enumerate(zip(MONTHLY_337[year], MONTHLY_338[year], strict=True)):
            sentences = round(a * SENTENCE_RATE[i])
            i += 1
            change = "—" if prev is None else f"{(a / prev - 1) * 100:+.1f}%".replace(".", ",")
            prev = a
            data.append([f"{MONTHS_RU[m]} {year}", fmt_ru(a), fmt_ru(b), fmt_ru(a + b), fmt_ru(sentences), change])
        label = "Итого 2024" if year == 2024 else "Итого январь–июль 2025"
        s337, s338 = sum(MONTHLY_337[year]), sum(MONTHLY_338[year])
        data.append([label, fmt_ru(s337), fmt_ru(s338), fmt_ru(s337 + s338), "", ""])
    total_rows = [i for i, r in enumerate(data) if r[0].startswith("Итого")]
    table = Table(data, colWidths=[50 * mm, 20 * mm, 20 * mm, 20 * mm, 28 * mm, 30 * mm], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
        ("FONTNAME", (0, 0), (-1, 0), "DejaVu-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
    ]
    for r in total_rows:
        style += [
            ("FONTNAME", (0, r), (-1, r), "DejaVu-Bold"),
            ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f2f2f2")),
        ]
    table.setStyle(TableStyle(style))
    story.append(table)
    story.append(
        Paragraph(
            "Источник: подсчёты «Медиазоны» по данным сайтов гарнизонных военных судов; расчёты автора.", st["small"]
        )
    )
    story.append(Paragraph("3. Состав осуждённых и части", st["h1"]))
    story += [Paragraph(p, st["body"]) for p in paragraphs(ZAPISKA_STRUCTURE)]
    story.append(Paragraph("4. Выводы", st["h1"]))
    story += [Paragraph(p, st["body"]) for p in paragraphs(ZAPISKA_CONCLUSIONS)]
    story.append(Spacer(1, 10))
    story.append(Paragraph("Контактный телефон для запросов: 8 (800) 000-00-00, доб. 214", st["small"]))

    build_report_pdf(
        path, story, on_page, dt.datetime(2025, 8, 25, 9, 0),
        title="Аналитическая записка: динамика дел о СОЧ (январь 2024 – июль 2025)",
        author="Аналитическая группа", subject="Самовольное оставление части", lang="ru-RU",
    )  # fmt: skip


# ----------------------------------------------------------------------------------------------------------------
# 8. Russian court press release (DOCX)
# ----------------------------------------------------------------------------------------------------------------

PRESS_RELEASE = """
3 июня 2025 года Краснореченский гарнизонный военный суд признал виновным рядового контрактной службы
Пескарёва Никанора Львовича, 1996 года рождения, в совершении преступления, предусмотренного ч. 5 ст. 337
УК РФ (самовольное оставление части продолжительностью свыше одного месяца, совершённое в период
мобилизации).

Судом установлено, что Пескарёв Н.Л., проходивший военную службу по контракту в войсковой части <данные
изъяты>, 14 октября 2024 года без уважительных причин не прибыл на службу по окончании отпуска и проводил время
по своему усмотрению по месту жительства в Краснодарском крае. 9 января 2025 года он был задержан
сотрудниками военной комендатуры и доставлен в воинскую часть.

В судебном заседании подсудимый вину признал полностью и раскаялся в содеянном. При назначении наказания суд
учёл наличие у него малолетнего ребёнка и участие в специальной военной операции, а также то, что он
отсутствовал в части почти три месяца.

Суд приговорил Пескарёва Н.Л. к 5 годам колонии-поселения. Приговор в законную силу не вступил и может быть
обжалован в апелляционном порядке в течение 15 суток со дня его провозглашения.

С начала 2025 года Краснореченский гарнизонный военный суд рассмотрел 143 уголовных дела по ст. 337 УК РФ, из
них 118 — по части 5; ещё 11 дел находятся в производстве. За первое полугодие 2025 года в суд поступило
в полтора раза больше таких дел, чем за весь 2023 год.
"""

PRESS_CARD = [
    ("Номер дела", "1-87/2025"),
    ("Уникальный идентификатор дела", "23GV0011-01-2025-000214-57"),
    ("Дата поступления", "17.04.2025"),
    ("Статья", "ч. 5 ст. 337 УК РФ"),
    ("Судья", "Ольховцев Г. Р."),
    ("Результат", "Вынесен обвинительный приговор"),
    ("Дата решения", "03.06.2025"),
]


def docx_fixed_core(doc, title: str, author: str, when: dt.datetime, lang: str) -> None:
    cp = doc.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    cp.language = lang
    cp.subject = ""
    cp.keywords = ""
    cp.comments = ""


def docx_prigovor(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    when = dt.datetime(2025, 6, 4, 10, 20, 0)
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    p = doc.add_paragraph("КРАСНОРЕЧЕНСКИЙ ГАРНИЗОННЫЙ ВОЕННЫЙ СУД")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph("Пресс-релиз от 4 июня 2025 г.")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_heading("Военный суд вынес приговор военнослужащему, самовольно оставившему часть", level=1)
    for text in paragraphs(PRESS_RELEASE):
        para = doc.add_paragraph(text)
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_heading("Карточка дела", level=2)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in PRESS_CARD:
        cells = table.add_row().cells
        cells[0].text = k
        cells[1].text = v
        cells[0].paragraphs[0].runs[0].bold = True
    doc.add_paragraph()
    doc.add_paragraph("Пресс-секретарь суда: тел. 8 (861) 000-45-67, e-mail: press@krasnorechensky-gvs.example")
    docx_fixed_core(doc, "Пресс-релиз: приговор по ч. 5 ст. 337 УК РФ", "Пресс-служба суда", when, "ru-RU")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_zip(path, when)


# ----------------------------------------------------------------------------------------------------------------
# 9. English explainer (DOCX)
# ----------------------------------------------------------------------------------------------------------------

EXPLAINER = [
    ("h2", "The two articles"),
    (
        "p",
        """Two articles of Russia's Criminal Code deal with soldiers who walk away from service. Article 337
covers unauthorised abandonment of a unit or place of service, abbreviated in Russian as SOCh, and applies to
absences the soldier intends to end at some point. Article 338, desertion, applies only when prosecutors can
show that the soldier meant to leave military service for good, or left together with his weapon.""",
    ),
    ("h2", "What changed in September 2022"),
    (
        "p",
        """Amendments adopted on 24 September 2022, three days after the mobilisation was announced, added new
parts to Article 337 for absences during mobilisation, martial law or wartime and raised the maximum penalty
to ten years. Since then courts have applied those parts almost exclusively, and the length of the absence
decides which part is used.""",
    ),
    ("h2", "Penalties at a glance"),
    ("table", None),
    (
        "p",
        """The durations in the table describe how long a soldier was missing. They are legal thresholds, not
counts of people, and should not be confused with the case statistics below.""",
    ),
    ("h2", "How many cases"),
    (
        "p",
        """Courts have received more than 20,000 cases under the four main military articles since the
amendments took effect: 20,538 by the end of July 2025, according to Mediazona. In 2024 alone there were 6,318
new cases under Article 337, almost 26 every working day, and the figure for the first half of 2025 was higher
still.""",
    ),
    ("h2", "Alternatives to prison"),
    (
        "p",
        """Since 2024 a defendant can have his case suspended if he signs a contract with the Ministry of
Defence and returns to the front. The case is closed later if he is decorated, reaches the end of his
contract or is discharged on health grounds. Lawyers say thousands of defendants have taken this route,
though no official total has been published.""",
    ),
    ("h2", "Reading the numbers"),
    (
        "p",
        """Court cases are not people: one soldier can face several cases, and many absentees are never
charged. Retellings of the court figures often round them (more than 20,000), call every case a prosecution
or every absentee a deserter. Statistics on Ukrainian soldiers absent without leave, known in Ukrainian as
SZCh, use similar words but describe a different army and should be kept apart.""",
    ),
]

EXPLAINER_TABLE = [
    ("Provision", "Length of absence", "Maximum penalty"),
    ("Art. 337, part 2.1", "more than two days but no more than ten days", "up to 5 years"),
    ("Art. 337, part 3.1", "more than ten days but no more than one month", "up to 7 years"),
    ("Art. 337, part 5", "more than one month", "up to 10 years"),
    ("Art. 338, part 1", "any length, with intent to leave service for good", "5 to 15 years"),
]


def docx_explainer(path: Path) -> None:
    from docx import Document

    when = dt.datetime(2025, 7, 21, 8, 0, 0)
    doc = Document()
    doc.add_heading("Explainer: how Russian law treats soldiers who leave their units", level=1)
    doc.add_paragraph("Updated 21 July 2025 · Reading time: 4 minutes")
    for kind, text in EXPLAINER:
        if kind == "h2":
            doc.add_heading(text, level=2)
        elif kind == "p":
            doc.add_paragraph(unwrap(text))
        else:
            table = doc.add_table(rows=0, cols=3)
            table.style = "Light Grid Accent 1"
            for row in EXPLAINER_TABLE:
                cells = table.add_row().cells
                for c, v in zip(cells, row, strict=True):
                    c.text = v
    doc.add_paragraph("Sources: Criminal Code of the Russian Federation; Mediazona; Verstka; court websites.")
    docx_fixed_core(doc, "Explainer: Articles 337 and 338", "OSINT Desk", when, "en-GB")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_zip(path, when)


# ----------------------------------------------------------------------------------------------------------------
# 10. Leaked list as a PDF table
# ----------------------------------------------------------------------------------------------------------------


def pdf_spisok(path: Path, people: list[dict]) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    st = rl_setup()
    page = landscape(A4)

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 9)
        if doc.page > 1:
            canvas.drawCentredString(page[0] / 2, page[1] - 10 * mm, str(doc.page))
        canvas.setFont("DejaVu", 8)
        canvas.drawRightString(page[0] - 12 * mm, page[1] - 10 * mm, "ДСП  Экз. № 2")
        canvas.restoreState()

    header = [
        "№\nп/п",
        "Воинское\nзвание",
        "Фамилия, имя, отчество",
        "Дата\nрождения",
        "Категория",
        "В/ч",
        "Дата СОЧ",
        "Статья",
        "Примечание",
    ]
    data = [[Paragraph(h.replace("\n", "<br/>"), st["cellb"]) for h in header]]
    for n, p in enumerate(people, 1):
        data.append(
            [
                str(n),
                p["rank"],
                Paragraph(p["fio"], st["cell"]),
                p["birth"].strftime("%d.%m.%Y"),
                p["category"],
                p["unit"],
                p["soch"].strftime("%d.%m.%Y"),
                p["article"],
                Paragraph(p["note"], st["cell"]),
            ]
        )
    widths = [11, 24, 56, 21, 28, 15, 21, 28, 69]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
                ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                ("LEADING", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (3, 1), (7, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story = [
        Paragraph(
            "Список военнослужащих войсковой части 12345, самовольно оставивших воинскую часть (место службы)",
            st["title"],
        ),
        Paragraph("по состоянию на 01.08.2025", st["center"]),
        Spacer(1, 6),
        table,
        Spacer(1, 8),
        Paragraph(f"Всего: {len(people)} военнослужащих", st["body"]),
        Spacer(1, 14),
        Paragraph(
            "Начальник штаба войсковой части 12345<br/>подполковник "
            "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;"
            "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; Г. Черемшанов",
            st["body"],
        ),
        Paragraph("Исп. Туманцев Л.П., тел. 2-14-07", st["small"]),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with source_date_epoch(dt.datetime(2025, 8, 1, 14, 0)):
        doc = SimpleDocTemplate(
            str(path),
            pagesize=page,
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=15 * mm,
            bottomMargin=12 * mm,
            title="Список СОЧ в/ч 12345",
            author="",
            invariant=1,
            lang="ru-RU",
        )
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


# ----------------------------------------------------------------------------------------------------------------
# 11. Leaked list as XLSX
# ----------------------------------------------------------------------------------------------------------------


def xlsx_spisok(path: Path, people: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    when = dt.datetime(2025, 8, 5, 16, 45, 0)
    wb = Workbook()
    ws = wb.active
    ws.title = "СЗЧ"
    header = [
        "№ п/п",
        "Воинское звание",
        "Фамилия, имя, отчество",
        "Дата рождения",
        "Категория",
        "В/ч",
        "Дата СЗЧ",
        "Место",
        "Статья",
        "Примечание",
    ]
    ncol = len(header)
    ws.cell(row=1, column=1, value="Сведения о военнослужащих, самовольно оставивших воинские части (СЗЧ)")
    ws.cell(row=2, column=1, value="по состоянию на 05.08.2025 г. (для служебного пользования)")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws["A1"].font = Font(bold=True, size=12)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for c, h in enumerate(header, 1):
        cell = ws.cell(row=3, column=c, value=h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for i, p in enumerate(people, 1):
        row = [
            i,
            p["rank"],
            p["fio"],
            p["birth"],
            p["category"],
            int(p["unit"]),
            p["soch"].strftime("%d.%m.%Y"),
            p["place"],
            p["article"],
            p["note"],
        ]
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=3 + i, column=c, value=v)
            cell.border = border
            if c == 4:
                cell.number_format = "DD.MM.YYYY"
    for c, w in enumerate([7, 14, 36, 13, 16, 9, 12, 34, 16, 44], 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A4"

    totals: dict[int, int] = {}
    for p in people:
        totals[int(p["unit"])] = totals.get(int(p["unit"]), 0) + 1
    ws2 = wb.create_sheet("Итого")
    ws2.append(["В/ч", "Количество военнослужащих (СЗЧ)"])
    for unit in sorted(totals):
        ws2.append([unit, totals[unit]])
    ws2.append(["Всего", sum(totals.values())])
    ws2["A1"].font = Font(bold=True)
    ws2["B1"].font = Font(bold=True)
    ws2.cell(row=ws2.max_row, column=1).font = Font(bold=True)
    ws2.column_dimensions["A"].width = 12
    ws2.column_dimensions["B"].width = 34

    wb.properties.creator = "user"
    wb.properties.lastModifiedBy = "user"
    wb.properties.title = "СЗЧ"
    wb.properties.created = when
    wb.properties.modified = when
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    normalize_zip(path, when, core_modified=when.strftime("%Y-%m-%dT%H:%M:%SZ"))


# ----------------------------------------------------------------------------------------------------------------
# 12. Scanned order (image-only PDF)
# ----------------------------------------------------------------------------------------------------------------

SCAN_BODY = [
    ("center_bold", "ПРИКАЗ"),
    ("center_bold", "командира войсковой части 54321"),
    ("split", ("№ 217", "14 мая 2025 г.")),
    ("center", "г. Краснореченск"),
    ("gap", None),
    ("center_bold", "По факту самовольного оставления части"),
    ("gap", None),
    (
        "para",
        "В ходе разбирательства установлено, что 2 мая 2025 г. рядовой Зябликов Тихон Матвеевич, "
        "стрелок 2 мотострелкового взвода 1 мотострелковой роты, самовольно покинул расположение части "
        "и до настоящего времени к месту службы не вернулся. Проведёнными розыскными мероприятиями "
        "местонахождение военнослужащего не установлено.",
    ),
    (
        "para",
        "Причинами происшествия стали низкая воинская дисциплина и ослабленный контроль за личным "
        "составом со стороны командира взвода лейтенанта Ручейникова С.А.",
    ),
    ("para", "На основании изложенного"),
    ("bold", "ПРИКАЗЫВАЮ:"),
    ("para", "1. Рядового Зябликова Т.М. считать самовольно оставившим воинскую часть с 2 мая 2025 г."),
    (
        "para",
        "2. Командиру 2 мотострелкового взвода лейтенанту Ручейникову С.А. за слабый контроль за "
        "личным составом объявить выговор.",
    ),
    ("para", "3. Материалы разбирательства в срок до 20 мая 2025 г. направить в военную прокуратуру гарнизона."),
    (
        "para",
        "4. Начальнику продовольственной службы снять рядового Зябликова Т.М. с котлового довольствия, "
        "начальнику финансовой службы приостановить выплату денежного довольствия с 3 мая 2025 г.",
    ),
    ("para", "5. Контроль за исполнением приказа возложить на начальника штаба войсковой части 54321."),
    ("gap", None),
    ("gap", None),
    ("left", "Командир войсковой части 54321"),
    ("split", ("полковник", "С. Репейников")),
]


def scan_prikaz(path: Path) -> None:
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    dpi = 200
    w, h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    im = Image.new("L", (w, h), 250)
    draw = ImageDraw.Draw(im)
    size = round(12.5 / 72 * dpi)
    f = ImageFont.truetype(FONT, size)
    fb = ImageFont.truetype(FONT_BOLD, size)
    left, right = round(25 / 25.4 * dpi), w - round(15 / 25.4 * dpi)
    width = right - left
    line_h = round(size * 1.45)
    y = round(20 / 25.4 * dpi)
    ink = 35

    def wrap(text: str, font) -> list[str]:
        words, lines, cur = text.split(" "), [], ""
        for word in words:
            cand = f"{cur} {word}".strip()
            if draw.textlength(cand, font=font) <= width:
                cur = cand
            else:
                lines.append(cur)
                cur = word
        if cur:
            lines.append(cur)
        return lines

    draw.text((right - draw.textlength("ДСП", font=f), y), "ДСП", font=f, fill=ink)
    y += line_h
    for kind, text in SCAN_BODY:
        if kind == "gap":
            y += line_h // 2
        elif kind in ("center", "center_bold"):
            font = fb if kind == "center_bold" else f
            draw.text(((w - draw.textlength(text, font=font)) / 2, y), text, font=font, fill=ink)
            y += line_h
        elif kind == "split":
            a, b = text
            draw.text((left, y), a, font=f, fill=ink)
            draw.text((right - draw.textlength(b, font=f), y), b, font=f, fill=ink)
            y += line_h
        elif kind in ("left", "bold"):
            draw.text((left, y), text, font=fb if kind == "bold" else f, fill=ink)
            y += line_h
        else:
            lines = wrap(text, f)
            for k, line in enumerate(lines):
                x = left + (round(12.5 / 25.4 * dpi) if k == 0 else 0)
                if k == 0 and draw.textlength(line, font=f) + x - left > width:
                    x = left
                draw.text((x, y), line, font=f, fill=ink)
                y += line_h
    sig_y = y - line_h
    # signature: a seeded scribble
    rng = random.Random(54321)
    x0 = left + width * 0.45
    pts = []
    for k in range(60):
        t = k / 59
        pts.append(
            (
                x0 + t * 260 + rng.uniform(-4, 4),
                sig_y + 10 + 22 * math.sin(t * 9.5) * (1 - t * 0.6) + rng.uniform(-3, 3),
            )
        )
    draw.line(pts, fill=60, width=3, joint="curve")
    # round stamp
    cx, cy, r = left + width * 0.5, sig_y + 95, 150
    stamp = 120
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=stamp, width=5)
    draw.ellipse((cx - r + 28, cy - r + 28, cx + r - 28, cy + r - 28), outline=stamp, width=3)
    fs = ImageFont.truetype(FONT_BOLD, 30)
    for k, txt in enumerate(("Войсковая", "часть 54321", "Для пакетов")):
        draw.text((cx - draw.textlength(txt, font=fs) / 2, cy - 55 + k * 38), txt, font=fs, fill=stamp)
    # scanner artefacts: slight blur, gaussian noise, a few specks, rotation
    im = im.filter(ImageFilter.GaussianBlur(0.7))
    arr = np.asarray(im, dtype=np.float32)
    nrng = np.random.default_rng(20250514)
    arr += nrng.normal(0.0, 6.0, arr.shape).astype(np.float32)
    ys, xs = nrng.integers(0, h, 900), nrng.integers(0, w, 900)
    arr[ys, xs] = nrng.integers(60, 170, 900)
    im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    im = im.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=238)
    path.parent.mkdir(parents=True, exist_ok=True)
    fixed = time.strptime("2025-05-15 08:12:00", "%Y-%m-%d %H:%M:%S")
    im.save(str(path), "PDF", resolution=dpi, quality=55, title="scan0017", creationDate=fixed, modDate=fixed)


# ----------------------------------------------------------------------------------------------------------------
# 13. CSV roster (cp1251, semicolon separated)
# ----------------------------------------------------------------------------------------------------------------


def csv_roster(path: Path, people: list[dict]) -> None:
    buf = io.StringIO()
    wr = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    wr.writerow(["№", "Звание", "Фамилия", "Имя", "Отчество", "Дата рождения", "В/ч", "Дата СОЧ", "Статья", "Статус"])
    statuses = ["в розыске", "розыск; материалы в ВСО", "задержан", "возвращён в часть", "на лечении в ВГ"]
    for i, p in enumerate(people, 1):
        surname, name, patronymic = p["fio"].split(" ")
        wr.writerow(
            [
                i,
                p["rank"],
                surname,
                name,
                patronymic,
                p["birth"].strftime("%d.%m.%Y"),
                p["unit"],
                p["soch"].strftime("%d.%m.%y"),
                p["article"],
                statuses[i % len(statuses)],
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("cp1251"))


# ----------------------------------------------------------------------------------------------------------------
# 15-16. Extra English documents: a reposted thread and an off-topic look-alike (Ukrainian SZCh statistics)
# ----------------------------------------------------------------------------------------------------------------


def thread_en() -> str:
    c337_to_nov24 = COURT_CASES["337"][0] + COURT_CASES["337"][1] + sum(MONTHLY_337[2024][:11])
    c338_2024_to_nov = sum(MONTHLY_338[2024][:11])
    c337_2024_to_nov = sum(MONTHLY_337[2024][:11])
    assert c337_to_nov24 > 12000
    return f"""
Reposted 4 Sep 2025 - originally posted 11/30/2024

1/ Fresh numbers on Russian AWOL cases. Since the September 2022 amendments, Russia's garrison military courts
have received more than 12,000 cases under Art. 337 ("unauthorised abandonment of a unit"). Source: Mediazona's
count of case cards on court websites.

2/ The monthly pace keeps climbing: about 400 cases a month at the start of 2024, {MONTHLY_337[2024][10]} in
November. Early 2023 was closer to 300.

3/ January to November 2024 by article: Art. 337 ({fmt_en(c337_2024_to_nov)}), Art. 338 ({c338_2024_to_nov}).
Desertion proper stays rare because intent to leave service for good is hard to prove.

4/ Verdicts: roughly 25 AWOL sentences every working day this autumn. Suspended sentences are now the
exception; five years in a colony is the norm under part 5.

5/ Who: mostly contract soldiers and mobilised men who did not return from leave or from hospital. Two or
three cases against the same soldier are not unusual.

6/ Units that keep showing up: 155th Separate Guards Marine Brigade, military unit 12345 and the 4th Guards
Tank Division.

7/ Caveat: these are court cases, not people, and most soldiers who leave are never charged. Leaked lists
discussed by Frontelligence Insight suggest the true number is several times higher.

8/ At this pace 2025 will bring between 7,000 and 8,000 new Art. 337 cases. Note that Russian case cards write
dates as dd.mm.yy, so 04.09.24 is 4 September 2024, not April 9. More next month.
"""


UKRAINE_LOOKALIKE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ukraine eases return for soldiers who left their units without leave</title>
</head>
<body>
<article>
<h1>Ukraine eases return for soldiers who left their units without leave</h1>
<p class="dateline">Kyiv, 20 June 2025</p>
<p>This article concerns the Armed Forces of Ukraine, not the Russian army.</p>
<p>Ukrainian prosecutors opened about 95,000 criminal proceedings in 2024 over unauthorised leaving of a
military unit, known in Ukrainian as SZCh, under Article 407 of Ukraine's Criminal Code, and more than 17,000
over desertion under Article 408. The figures, published by the Office of the Prosecutor General, are several
times higher than in 2023.</p>
<p>Since a change in the law in late 2024, soldiers who leave their unit for the first time can return to
service without facing criminal charges if they come back voluntarily. The Ministry of Defence says that more
than 29,000 servicemen had used this route by the end of May 2025, and that the number of returns in the first
half of 2025 was about twice the number for the second half of 2024.</p>
<p>Commanders interviewed for this article say the reasons are familiar: exhaustion after long periods on the
front line without rotation, and units that received replacements too slowly. The State Bureau of
Investigation handles the criminal cases; the return procedure runs through reserve battalions.</p>
<p>Readers should not mix these figures with statistics on the Russian army, where AWOL cases are counted under
Articles 337 and 338 of the Russian Criminal Code.</p>
</article>
</body>
</html>
"""


# ----------------------------------------------------------------------------------------------------------------
# 14. Zip archive
# ----------------------------------------------------------------------------------------------------------------

ZIP_NOTES_EN = """
Dump 2025-09, collected 3 September 2025 by the monitoring team.

Contents: 2 files besides this note.

1. ru/repost-vazhnye-istorii.html: a Telegram-style repost published on 1 September 2025. It quotes a report
from 18 May 2025, so the repost date and the date of the figures differ.

2. ru/archive/2024/kratko.txt: a short Russian summary about the 4th Guards Tank Division, written in
December 2024.

Headline figure in the repost: more than 1,200 servicemen of military unit 30926 listed as absent without
leave as of 1 May 2025. According to the original report by iStories, about every tenth soldier of the unit
was on the list. Cross-check against the Frontelligence Insight lists before use.
"""

ZIP_REPOST_RU = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Напоминаем: в одной части — более 1,2 тыс. беглецов</title>
<meta name="date" content="2025-09-01">
</head>
<body>
<div class="channel">Канал «Армейский дневник» · 1 сентября 2025</div>
<article>
<h1>Напоминаем: в одной части — более 1,2 тыс. беглецов</h1>
<p>Напоминаем материал «Важных историй» от 18 мая 2025 года. По данным издания, на 1 мая 2025 года в
войсковой части № 30926 в СОЧ числились более 1,2 тыс. военнослужащих — примерно каждый десятый из тех, кто
проходит в ней службу.</p>
<p>Журналисты сопоставили эти данные со списками, опубликованными проектом «Хочу жить»: с 1 по 15 марта
2024 г. из части ушли 58 человек, а за первое полугодие 2025 года — уже более трёхсот.</p>
<p>Подписывайтесь на канал: 48 тыс. подписчиков, новости каждый день.</p>
</article>
</body>
</html>
"""

ZIP_KRATKO_RU = """
Кратко: 4 гв. тд, декабрь 2024 года

По внутренним донесениям 4 гв. тд, за 2024 год из дивизии самовольно ушли около четырёх тысяч военнослужащих,
из них около тысячи — за последние три месяца. Для сравнения, в 2023 году таких было в два с половиной раза
меньше. Большая часть дел направлена в военную прокуратуру по ч. 5 ст. 337 УК РФ.
"""


def zip_dump(path: Path) -> None:
    when = (2025, 9, 3, 12, 0, 0)
    files = [
        ("dump-2025-09/notes-en.txt", ZIP_NOTES_EN.lstrip()),
        ("dump-2025-09/ru/repost-vazhnye-istorii.html", ZIP_REPOST_RU),
        ("dump-2025-09/ru/archive/2024/kratko.txt", ZIP_KRATKO_RU.lstrip()),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for d in ("dump-2025-09/", "dump-2025-09/ru/", "dump-2025-09/ru/archive/", "dump-2025-09/ru/archive/2024/"):
            info = zipfile.ZipInfo(d, date_time=when)
            info.external_attr = (0o40755 << 16) | 0x10
            info.create_system = 3
            zf.writestr(info, b"")
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


# ----------------------------------------------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------------------------------------------


def text_doc(body: str) -> str:
    """Plain text: one paragraph per line, blank line between paragraphs, list lines kept."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = block.strip().split("\n")
        if all(line.startswith(("— ", "- ")) for line in lines):
            out.append("\n".join(lines))
        else:
            out.append(unwrap(block))
    return "\n\n".join(out) + "\n"


def leak_lists() -> tuple[list[dict], list[dict], list[dict]]:
    """The people of the leaked lists: the PDF list, the XLSX list and the CSV roster (also read by
    generate_leaks.py for the expected rows of the sample corpus)."""
    list_pdf = make_people(12345, 84, [("12345", 1)], dt.date(2023, 2, 1), dt.date(2025, 7, 25))
    taken = {p["fio"] for p in list_pdf}
    list_xlsx = make_people(
        30926,
        60,
        [("30926", 40), ("54321", 25), ("71234", 20), ("48810", 15)],
        dt.date(2023, 6, 1),
        dt.date(2025, 7, 31),
        exclude=taken,
    )
    taken |= {p["fio"] for p in list_xlsx}
    list_csv = make_people(54321, 20, [("54321", 1)], dt.date(2024, 1, 10), dt.date(2025, 6, 30), exclude=taken)
    return list_pdf, list_xlsx, list_csv


def main() -> None:
    for sub in ("reports", "leaks", "archive"):
        shutil.rmtree(OUT / sub, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)

    write_text(OUT / "reports/en/court-statistics-2025.html", html_court_statistics_en())
    write_text(OUT / "reports/ru/sudebnaya-statistika.html", html_court_statistics_ru())
    write_text(OUT / "reports/en/osint-analysis-leaked-lists.txt", text_doc(OSINT_EN))
    write_text(OUT / "reports/ru/obzor-soch-cp1251.txt", text_doc(OBZOR_RU), encoding="cp1251", newline="\r\n")
    write_text(OUT / "reports/ru/hotline-koi8r.txt", text_doc(HOTLINE_RU), encoding="koi8_r")
    write_text(OUT / "reports/en/thread-awol-cases.txt", text_doc(thread_en()))
    write_text(OUT / "reports/en/ukraine-szch-lookalike.html", UKRAINE_LOOKALIKE_HTML)
    pdf_intelligence_update(OUT / "reports/en/intelligence-update.pdf")
    pdf_analiticheskaya_zapiska(OUT / "reports/ru/analiticheskaya-zapiska.pdf")
    docx_prigovor(OUT / "reports/ru/prigovor-press-reliz.docx")
    docx_explainer(OUT / "reports/en/desertion-explainer.docx")

    list_pdf, list_xlsx, list_csv = leak_lists()
    pdf_spisok(OUT / "leaks/spisok-soch-vch-12345.pdf", list_pdf)
    xlsx_spisok(OUT / "leaks/spisok-szch.xlsx", list_xlsx)
    scan_prikaz(OUT / "leaks/prikaz-scan.pdf")
    csv_roster(OUT / "leaks/roster.csv", list_csv)
    zip_dump(OUT / "archive/dump-2025-09.zip")

    for f in sorted(OUT.rglob("*")):
        if f.is_file():
            print(f"{f.stat().st_size:>9,}  {f.relative_to(OUT)}")


if __name__ == "__main__":
    main()
