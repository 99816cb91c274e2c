"""Cell and field values of lists of servicemen: dates, names, ranks, unit numbers, articles, events.

Each reader takes the text as written and returns the normalized value or None; none of them guesses beyond
what the text says (a two-digit year is the one exception: it is read in the window 1931-2030).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = [
    "NAME_RE",
    "Name",
    "event_of",
    "fold",
    "parse_article",
    "parse_date",
    "parse_name",
    "parse_rank",
    "parse_unit",
    "rank_regex",
]

_DMY = regex.compile(r"(?<![\d,])(\d{1,2})\s?[./,-]\s?(\d{1,2})\s?[./-]\s?(\d{4}|\d{2})(?!\d)")
_ISO = regex.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_SERIAL = regex.compile(r"^\d{4,5}(?:\.0+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_UNIT = regex.compile(r"(?<![\d./-])(\d{5})(?![\d./-])")
_ARTICLE = regex.compile(
    r"(?:ч(?:асть|\.)?\s*(?P<pre>\d+(?:\.\d+)?)\s*,?\s*)?ст(?:атья|\.|\s)?\s*(?P<art>\d{3})"
    r"(?:\s*,?\s*ч(?:асть|\.)?\s*(?P<post>\d+(?:\.\d+)?))?",
    regex.IGNORECASE,
)
_BARE_ARTICLE = regex.compile(r"^(?P<art>\d{3})(?:\s*[,(]?\s*ч(?:асть|\.)?\s*(?P<post>\d+(?:\.\d+)?)\)?)?$")

_UP = r"[А-ЯЁ]"
_LOW = r"[а-яё]"
_WORD = rf"{_UP}{_LOW}+(?:-{_UP}{_LOW}+)?"
_CAPS = rf"{_UP}{{2,}}(?:-{_UP}{{2,}})?"
#: "Иванов Иван Иванович", "ИВАНОВ Иван Иванович", "Иванов И.И.", "Иванов Иван" (in that order of preference)
NAME_RE = regex.compile(
    rf"(?<![\p{{L}}])(?:(?:{_WORD}|{_CAPS})\s+(?:{_WORD}|{_CAPS})(?:\s+(?:{_WORD}|{_CAPS}))?"
    rf"|(?:{_WORD}|{_CAPS})\s+{_UP}\.\s?{_UP}\.)(?![\p{{L}}])",
    regex.V1,
)


def fold(text: str) -> str:
    """Lower case, ё as е, whitespace collapsed: the form names and headers are compared in."""
    return " ".join(text.lower().replace("ё", "е").split())


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO: 01.02.1990, 1.2.90, 1990-02-01, an Excel serial day number."""
    text = text.strip()
    if not text:
        return None
    if _SERIAL.match(text):
        n = int(float(text))
        if 3000 <= n <= 80000:
            return (_EXCEL_EPOCH + dt.timedelta(days=n)).isoformat()
        return None
    m = _ISO.search(text)
    if m:
        return _date(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.search(text)
    if m:
        year = int(m[3])
        if len(m[3]) == 2:
            year += 2000 if year <= 30 else 1900
        return _date(year, int(m[2]), int(m[1]))
    return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date in running text: (start, end, ISO)."""
    out = []
    for pattern in (_ISO, _DMY):
        for m in pattern.finditer(text):
            value = parse_date(m.group())
            if value and not any(s <= m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), value))
    return sorted(out)


def parse_unit(text: str) -> str | None:
    """A military unit number (five digits) in ``text``."""
    m = _UNIT.search(text.replace("\u00a0", " "))
    return m.group(1) if m else None


def parse_article(text: str) -> tuple[str, str | None] | None:
    """(article, part) from "ч. 5 ст. 337", "ст. 337 ч. 5 УК РФ", "337 ч.5", "337"."""
    text = " ".join(text.split())
    m = _ARTICLE.search(text)
    if m:
        return m["art"], m["pre"] or m["post"]
    m = _BARE_ARTICLE.match(text)
    if m:
        return m["art"], m["post"]
    return None


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name split into parts; ``full`` is the normalized name as written."""

    full: str
    surname: str
    given_name: str | None
    patronymic: str | None

    def key(self, birth_date: str | None) -> str:
        """Folded full name, plus the birth date where known: the same person across documents."""
        return f"{fold(self.full)}|{birth_date}" if birth_date else fold(self.full)


def _title(word: str) -> str:
    return (
        "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")) if word.isupper() and len(word) > 1 else word
    )


def parse_name(*parts: str | None) -> Name | None:
    """A name from one cell ("Иванов Иван Иванович", "ИВАНОВ И.И.") or from surname, given name and patronymic
    cells; surnames written in capitals get the usual capitalisation."""
    words = " ".join(p for p in parts if p).replace("\u00a0", " ")
    words = regex.sub(r"(?<=\.)(?=\p{Lu})", " ", words)  # "И.И." -> "И. И."
    tokens = [_title(t) for t in words.split() if regex.search(r"\p{L}", t)]
    if not tokens or not regex.match(r"\p{Lu}", tokens[0]):
        return None
    full = " ".join(tokens)
    surname = tokens[0]
    given = tokens[1] if len(tokens) > 1 else None
    patronymic = " ".join(tokens[2:]) or None
    return Name(full, surname, given, patronymic)


@cache
def _ranks() -> dict[str, str]:
    table = {fold(r[1]): r[2] for r in rows("persons/ranks.tsv") if r[0] == "ru"}
    table.update({fold(r[0]): r[1] for r in rows("persons/rank_abbreviations.tsv")})
    return table


def _surface(surface: str) -> str:
    pieces = [regex.escape(p) for p in surface.split()]
    return r"\s*".join(pieces) if any(p.endswith(r"\.") for p in pieces) else r"\s+".join(pieces)


@cache
def rank_regex() -> regex.Pattern:
    """Any rank word (full or abbreviated), longest first; case-insensitive."""
    alternatives = "|".join(_surface(s) for s in sorted(_ranks(), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternatives})(?![\p{{L}}])", regex.IGNORECASE | regex.V1)


def parse_rank(text: str) -> str | None:
    """The canonical rank of a rank cell ("мл. сержант" -> "младший сержант"); None when it holds none."""
    m = rank_regex().search(text)
    if not m:
        return None
    surface = fold(m.group())
    if surface in _ranks():
        return _ranks()[surface]
    squeezed = regex.sub(r"\.\s*", ". ", surface).strip()
    return _ranks().get(squeezed) or _ranks().get(surface.replace(" ", ""))


@cache
def _events() -> tuple[dict[str, str], list[tuple[regex.Pattern, str]]]:
    articles = {r[1]: r[2] for r in rows("persons/events.tsv") if r[0] == "article"}
    words = [
        (regex.compile(r[1], regex.IGNORECASE | regex.V1), r[2]) for r in rows("persons/events.tsv") if r[0] == "word"
    ]
    return articles, words


def event_of(article: str | None, wording: str | None) -> str | None:
    """The event from the article (337 -> awol, 338 -> desertion) or else from the wording of the document."""
    articles, words = _events()
    if article and article in articles:
        return articles[article]
    for pattern, event in words:
        if wording and pattern.search(wording):
            return event
    return None
