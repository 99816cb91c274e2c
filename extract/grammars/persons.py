"""Rules for person names: rank words (``models/persons/ranks.tsv``) and the shapes of names after them.

Pure regular expressions over the text, no models: ``extract.nlp.persons`` combines these with the NER of the
language (spaCy for English, natasha for Russian). A rank match carries the canonical (nominative) rank and the
grammatical cases its surface form allows, so a Russian name after it can be put back into the nominative.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = [
    "NameMatch",
    "Rank",
    "find_initials_names",
    "find_ranked_names",
    "is_initial",
    "person_key",
    "rank_after",
    "rank_before",
    "rank_prefix",
]

_UP_RU = r"[А-ЯЁ]"
_LOW_RU = r"[а-яё]"
_UP_EN = r"[A-Z]"
_LOW_EN = r"[a-z]"

# a capitalised name word (hyphenated parts allowed: "Петров-Водкин", "Jean-Luc"), an initial ("А.", "A.")
_WORD_RU = rf"{_UP_RU}{_LOW_RU}+(?:-{_UP_RU}{_LOW_RU}+)?"
_WORD_EN = rf"{_UP_EN}(?:'{_UP_EN})?{_LOW_EN}+(?:-{_UP_EN}{_LOW_EN}+)?"
_INIT_RU = rf"{_UP_RU}\.(?:\s?{_UP_RU}\.)?"
_INIT_EN = rf"{_UP_EN}\.(?:\s?{_UP_EN}\.)?"
_PATR = r"[А-ЯЁ][а-яё]+(?:ович|евич|ич|овн|евн|ичн|иничн)[а-яё]*"

# capitalised words that start sentences or clauses rather than names
_NOT_NAME_EN = {
    "The", "A", "An", "And", "But", "Or", "Of", "In", "On", "At", "To", "For", "From", "By", "With", "As", "He",
    "She", "They", "It", "His", "Her", "Their", "This", "That", "These", "Those", "Was", "Were", "Is", "Has", "Had",
    "Who", "Which", "When", "After", "Before", "Said", "Says", "Told", "Russian", "Ukrainian", "Army", "Court",
    "Military", "Unit", "Brigade", "Regiment", "Division", "Battalion", "Company", "Defendant", "Defendants", "Judge",
    "Commander", "Staff", "Mediazona", "Storm", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}  # fmt: skip
_NOT_NAME_RU = {
    "В", "На", "И", "Но", "А", "По", "С", "Из", "За", "Он", "Она", "Они", "Его", "Ее", "Её", "Их", "Суд", "Это",
    "Также", "Как", "При", "После", "До", "Медиазона", "Медиазоны", "Медиазоне", "Россия", "России", "Украина",
    "Украины", "Москва", "Москвы", "Шторм", "Подсудимый", "Подсудимого", "Судья", "Приказ", "Начальник", "Командир",
    "Командиру", "Командира", "Ротный", "Взводный", "Прокурор", "Гарнизонный", "Военный",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rank:
    """A rank word in the text: its span, the canonical rank and the cases its surface form allows."""

    start: int
    end: int
    rank: str
    cases: frozenset[str]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A name found by a rule; ``rank`` is None where no rank word stands next to it."""

    start: int
    end: int
    rank: Rank | None
    rule: str


@cache
def _rank_table(lang: str) -> dict[str, tuple[str, frozenset[str]]]:
    table: dict[str, tuple[str, set[str]]] = {}
    for row in rows("persons/ranks.tsv"):
        if row[0] != lang:
            continue
        surface = " ".join(row[1].lower().split())
        _, cases = table.setdefault(surface, (row[2], set()))
        if len(row) > 3 and row[3] != "-":
            cases.add(row[3])
    return {k: (v[0], frozenset(v[1])) for k, v in table.items()}


def _surface_pattern(surface: str) -> str:
    parts = [regex.escape(p) for p in surface.split()]
    return r"\s+".join(parts)


@cache
def _rank_regex(lang: str) -> str:
    surfaces = sorted(_rank_table(lang), key=len, reverse=True)
    return "|".join(_surface_pattern(s) for s in surfaces)


@cache
def _ranked_regex(lang: str) -> regex.Pattern:
    ranks = _rank_regex(lang)
    boundary = r"(?<![\p{L}\p{N}])"
    end = r"(?![\p{L}])"
    if lang == "ru":
        name = (
            rf"(?:{_INIT_RU}\s?{_WORD_RU}"  # И. О. Фамилия
            rf"|{_WORD_RU}\s{_INIT_RU}"  # Фамилия И. О.
            rf"|{_WORD_RU}(?:\s{_WORD_RU})?(?:\s{_PATR})?)"  # Фамилия [Имя [Отчество]] / Имя Фамилия
        )
        sep = r"(?:\s*\|\s*|\s+)"
    else:
        name = rf"(?:(?:{_INIT_EN}\s?)?{_WORD_EN}(?:\s(?:{_INIT_EN}\s)?{_WORD_EN}){{0,2}})"
        sep = r"\s+"
    return regex.compile(rf"{boundary}(?P<rank>(?i:{ranks})){end}{sep}(?P<name>{name})(?![\p{{L}}])", regex.V1)


@cache
def _rank_at_end(lang: str) -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?i:{_rank_regex(lang)})(?:\s*\|\s*|\s+)$", regex.V1)


@cache
def _rank_at_start(lang: str) -> regex.Pattern:
    return regex.compile(rf"^(?i:{_rank_regex(lang)})(?![\p{{L}}])\s*", regex.V1)


def _rank(lang: str, text: str, start: int, end: int) -> Rank:
    canon, cases = _rank_table(lang)[" ".join(text[start:end].lower().split())]
    return Rank(start, end, canon, cases)


def rank_before(text: str, start: int, lang: str) -> Rank | None:
    """The rank word ending right before ``start`` (only whitespace or a table bar between), if any."""
    window = max(0, start - 60)
    m = _rank_at_end(lang).search(text[window:start])
    if not m:
        return None
    head = text[window + m.start() : start].rstrip(" \t\n|")
    return _rank(lang, text, window + m.start(), window + m.start() + len(head))


def rank_after(text: str, end: int, lang: str) -> Rank | None:
    """A rank in apposition after the name: "Гаврилов А. Н., рядовой," (followed by a comma or line end)."""
    m = regex.match(rf"\s*,\s*(?P<rank>(?i:{_rank_regex(lang)}))(?=\s*(?:,|\n|$))", text[end : end + 60], regex.V1)
    if not m:
        return None
    return _rank(lang, text, end + m.start("rank"), end + m.end("rank"))


def rank_prefix(text: str, lang: str) -> int:
    """Length of a rank word (and following space) at the start of ``text``, 0 if none."""
    m = _rank_at_start(lang).match(text)
    return m.end() if m else 0


def is_initial(word: str) -> bool:
    return bool(regex.fullmatch(r"\p{Lu}\.", word))


def _trim(text: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """Drop leading and trailing words that are not names; None if nothing is left."""
    stop = _NOT_NAME_RU if lang == "ru" else _NOT_NAME_EN
    words = [(m.start() + start, m.end() + start) for m in regex.finditer(r"\S+", text[start:end])]
    while words and text[words[-1][0] : words[-1][1]] in stop:
        words.pop()
    while words and text[words[0][0] : words[0][1]] in stop:
        words.pop(0)
    if not words or all(is_initial(text[a:b]) for a, b in words):
        return None
    return words[0][0], words[-1][1]


def find_ranked_names(text: str, lang: str) -> list[NameMatch]:
    """Names right after a rank word: "рядового Иванова П. С.", "Junior Sergeant A. Petrov"."""
    out = []
    for m in _ranked_regex(lang).finditer(text, overlapped=False):
        span = _trim(text, m.start("name"), m.end("name"), lang)
        if span is None:
            continue
        rank = _rank(lang, text, m.start("rank"), m.end("rank"))
        out.append(NameMatch(span[0], span[1], rank, "rank_name"))
    return out


_INITIALS_RU = regex.compile(
    rf"(?<![\p{{L}}])(?:{_UP_RU}\.\s?{_UP_RU}\.\s?{_WORD_RU}|{_WORD_RU}\s{_UP_RU}\.\s?{_UP_RU}\.)(?![\p{{L}}])",
    regex.V1,
)
_INITIALS_EN = regex.compile(
    rf"(?<![\p{{L}}])(?:{_UP_EN}\.\s?(?:{_UP_EN}\.\s?)?{_WORD_EN})(?![\p{{L}}])",
    regex.V1,
)


def find_initials_names(text: str, lang: str) -> list[NameMatch]:
    """ "Фамилия И. О." and "И. О. Фамилия" (two initials; one initial in English "A. Petrov")."""
    pattern = _INITIALS_RU if lang == "ru" else _INITIALS_EN
    out = []
    for m in pattern.finditer(text):
        span = _trim(text, m.start(), m.end(), lang)
        if span is not None and span == (m.start(), m.end()):
            out.append(NameMatch(m.start(), m.end(), None, "initials"))
    return out


_INITIAL = regex.compile(r"^\p{L}\.$", regex.V1)
_NAME_PART = regex.compile(r"\p{L}+\.?|\p{L}+(?:-\p{L}+)+", regex.V1)


def person_key(name: str) -> str:
    """Surname plus initials, lower case, ё as е: "Петров Алексей Викторович", "Петров А. В." and "А. В. Петров"
    share "петров а в"; English names put the surname last ("Ivan Sokolov" → "sokolov i")."""
    parts = _NAME_PART.findall(name.replace("ё", "е").replace("Ё", "Е"))
    if not parts:
        return name.lower()
    initials = [p for p in parts if _INITIAL.match(p)]
    words = [p for p in parts if not _INITIAL.match(p)]
    if initials and words:
        surname, given = words[0], [p[0] for p in initials]
    elif regex.search(r"\p{Cyrillic}", name):
        surname, given = parts[0], [p[0] for p in parts[1:]]
    else:
        surname, given = parts[-1], [p[0] for p in parts[:-1]]
    return " ".join([surname.rstrip(".").lower(), *(g.lower() for g in given)])
