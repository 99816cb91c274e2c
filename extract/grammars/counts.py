"""The count grammar: numbers in running text turned into counts with value, interval, qualifier and kind.

Works on plain text, without spaCy, in one pass per rule: find number atoms (digits with magnitudes, number
words), read shares ("15%", "every tenth", "one in five", "a third") and multipliers ("doubled", "six times",
"в шесть раз"), join ranges ("20–25 тыс.", "between 150,000 and 190,000", "от 20 до 25 тыс."), attach the
qualifier standing before ("more than", "свыше", "up to"), and drop numbers that are not counts (years, dates,
times, ages, durations, article, unit, page and phone numbers, ordinals, money, measurements) by the context
rules of ``models/counts/exclusions.tsv``. The spaCy component adds what needs the sentence: the counted noun,
the category and whether it is a projection.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import regex

from extract.grammars.lexicon import alternation, rows
from extract.grammars.number_words import find_number_words
from extract.grammars.numbers import find_digit_numbers
from extract.grammars.table_rows import CELL

__all__ = ["CountMatch", "explain_counts", "find_counts"]

_FLAGS = regex.IGNORECASE | regex.V1


@dataclass(frozen=True, slots=True)
class Atom:
    start: int
    end: int
    value: float
    kind: str  # cardinal | ordinal | fraction | collective | vague | multiplier | share
    source: str  # digits | words | lexicon
    scaled: bool = False  # ends with a magnitude word ("25 тыс.", "six thousand")
    year_like: bool = False


@dataclass(frozen=True, slots=True)
class CountMatch:
    """A count found in text: the contract's numeric fields, with exact offsets and the rule that fired."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    rule: str
    number_start: int  # where the number itself starts (after any qualifier words)
    number_end: int


# -- tables ---------------------------------------------------------------------------------------------------


@cache
def _qualifiers(lang: str) -> tuple[regex.Pattern, list[str]]:
    """One pattern for every qualifier phrase, a group per row; the leftmost match is the longest phrase."""
    table = [r for r in rows("counts/qualifiers.tsv") if r[0] == lang]
    groups = "|".join(f"(?P<q{i}>{r[1]})" for i, r in enumerate(table))
    return regex.compile(rf"(?:^|(?<=[\s(«\"„]))(?:{groups})\s*$", _FLAGS), [r[2] for r in table]


@cache
def _exclusions(lang: str) -> tuple[regex.Pattern, regex.Pattern]:
    table = [r for r in rows("counts/exclusions.tsv") if r[0] in (lang, "*")]
    before = [r[2] for r in table if r[1] == "before"]
    after = [r[2] for r in table if r[1] == "after"]
    return (
        # matched right to left ((?r)): the context must end with the pattern, so this fails fast (10x faster)
        regex.compile(rf"(?r)(?:{alternation(before)})$", _FLAGS),
        regex.compile(rf"^(?:{alternation(after)})", _FLAGS),
    )


@cache
def _countable(lang: str) -> regex.Pattern:
    return regex.compile(rf"^(?:{alternation([r[1] for r in rows('counts/countable.tsv') if r[0] == lang])})", _FLAGS)


@cache
def _multiplier_words(lang: str) -> list[tuple[regex.Pattern, float]]:
    return [(regex.compile(rf"(?<![\p{{L}}\d])(?:{r[1]})(?![\p{{L}}\d])", _FLAGS), float(r[2]))
            for r in rows("counts/multipliers.tsv") if r[0] == lang]  # fmt: skip


_SCALE_END = regex.compile(
    r"(?:thousands?|millions?|billions?|тысяч\w*|миллион\w*|миллиард\w*|тыс\.?|млн\.?|млрд\.?|k|m|bn)$", _FLAGS
)
_PERCENT = regex.compile(r"^[\s\u00a0]?(?:%|percent\b|per\s+cent\b|процент\w*|проц\.)", _FLAGS)
_TIMES_EN = regex.compile(r"^[\s-]?(?:times|fold)\b(?!\s+(?:a|per|each|every)\b)", _FLAGS)
_RAZ_BEFORE = regex.compile(r"(?:^|(?<=\s))в\s+$", _FLAGS)
_RAZ_AFTER = regex.compile(
    r"^(\s+с\s+(?:лишним|небольшим|гаком))?\s+раз(?:а)?(?!\p{L})", _FLAGS
)  # "в два с лишним раза"
_EVERY = regex.compile(r"(?<!\p{L})(?:every|each|кажд(?:ый|ая|ое|ого|ой|ому|ым|ом|ую))\s+$", _FLAGS)
_IN_EVERY = regex.compile(r"^\s+(?:in|out\s+of|of\s+every|in\s+every|из)\s+$", _FLAGS)
_DATE_HALF = regex.compile(r"(?:first|second|1st|2nd|the|перв\w*|втор\w*)\s+$", _FLAGS)
_HALF_DURATION = regex.compile(
    r"^\s+(?:a\s+|an\s+)?(?:year|month|century|decade|day|hour|года|века|часа|дня)\b", _FLAGS
)
_RANGE_SEP = {
    "en": regex.compile(r"^\s*(?:[–—-]|to|through|or|and)\s*$", _FLAGS),
    "ru": regex.compile(r"^\s*(?:[–—-]|до|или|и)\s*$", _FLAGS),
}
_RANGE_OPEN = {
    "en": regex.compile(r"(?:^|(?<=\s))(?:from|between)\s+$", _FLAGS),
    "ru": regex.compile(r"(?:^|(?<=\s))(?:от|с|между)\s+$", _FLAGS),
}
_NEEDS_OPEN = {"and", "и", "до"}  # "between A and B", "от A до B": these separators need the opening word
_LIST_MARKER_AFTER = regex.compile(r"^(?:[/).]|\s*\|)(?:\s|$)")
_ONE = regex.compile(r"^(?:one|a|an|один|одна|одно|одного|одной|одному|одним|одном|одну|одни|одних|одними)$", _FLAGS)
#: "one" that is a pronoun or an article, not a count: "no one", "one of them", "one day", "один из"
_ONE_NOT_BEFORE = regex.compile(
    r"(?<!\p{L})(?:no|the|another|any|every|each|that|this|which|some|ни|не|тот|этот|какой-то|такой)\s+$", _FLAGS
)
_ONE_NOT_AFTER = regex.compile(
    r"^(?:'s|\s+(?:of|another|day|night|time|moment|way|thing|side|hand|more|another|who|which|that|such|"
    r"из|лишь|только|раз|день|время|и\s+тот\s+же|такой|другой|за\s+другим))(?!\p{L})",
    _FLAGS,
)
#: an international or bracketed phone number, a case number, a pair of coordinates: no number inside is a count
#: numbers inside these are not counts; one pattern each (22x faster than one alternation: each has a cheap start)
_MASKS = tuple(
    regex.compile(p, _FLAGS)
    for p in (
        r"\+\d{1,3}(?:[\s-]\(?\d{1,5}\)?|\(\d{1,5}\)){2,5}",  # an international phone number
        r"(?<!\d)(?:\+?\d{1,2}\s?)?\(\d{3,5}\)\s?\d{1,3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)",  # (495) 123-45-67
        r"(?<![\d.,])\d+-\d+/\d{2,4}(?!\d)",  # a case number: 1-234/2024
        r"(?<![\d.,])\d{1,3}\.\d+,\s?\d{1,3}\.\d+(?![\d,]|\.\d)",  # coordinates: 48.5, 37.9
        r"(?<![\d-])\d{1,3}-\d{2}-\d{2}(?![\d-])",  # a local phone number: 2-14-07
        r"(?m:^[ \t]*[–—-][ \t]*\d{1,4}[ \t]*[–—-][ \t]*$)",  # a page number: – 1 –
    )
)


# -- atoms ----------------------------------------------------------------------------------------------------


def _atoms(text: str, lang: str) -> list[Atom]:
    atoms: list[Atom] = []
    for n in find_digit_numbers(text, lang):
        digits = text[n.start : n.digits_end]
        year_like = n.magnitude == 1 and digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2099
        atoms.append(Atom(n.start, n.end, n.value, "cardinal", "digits", n.magnitude != 1, year_like))
    taken = [(a.start, a.end) for a in atoms]
    for w in find_number_words(text, lang):
        if any(s < w.end and w.start < e for s, e in taken):
            continue
        scaled = bool(_SCALE_END.search(w.text)) and w.value >= 1000
        atoms.append(Atom(w.start, w.end, w.value, w.kind, "words", scaled))
    taken = [(a.start, a.end) for a in atoms]
    for pattern, value in _multiplier_words(lang):
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                atoms.append(Atom(m.start(), m.end(), value, "multiplier", "lexicon"))
    atoms.sort(key=lambda a: a.start)
    return atoms


# -- expressions ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Expr:
    start: int
    end: int
    value: float
    high: float | None
    kind: str  # count | share | multiplier
    qualifier: str
    rule: str
    first: Atom
    last: Atom


def _reshape(text: str, atoms: list[Atom]) -> list[_Expr]:
    """Atoms to single-number expressions: percentages, multipliers, shares; ordinals other than shares go."""
    out: list[_Expr] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        after, before = text[a.end : a.end + 20], text[max(0, a.start - 20) : a.start]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if a.kind == "multiplier":
            out.append(_Expr(a.start, a.end, a.value, None, "multiplier", "exact", "multiplier.word", a, a))
        elif a.kind == "ordinal":
            every = _EVERY.search(text[max(0, a.start - 20) : a.start])
            if every and a.value >= 2:
                start = a.start - (len(text[max(0, a.start - 20) : a.start]) - every.start())
                out.append(_Expr(start, a.end, 1 / a.value, None, "share", "exact", "share.every_nth", a, a))
        elif a.kind == "fraction":
            if not (_DATE_HALF.search(before) and a.value == 0.5) and not _HALF_DURATION.match(after):
                out.append(_Expr(a.start, a.end, a.value, None, "share", "exact", "share.fraction", a, a))
        elif (m := _PERCENT.match(after)) and a.kind == "cardinal":
            out.append(_Expr(a.start, a.end + m.end(), a.value / 100, None, "share", "exact", "share.percent", a, a))
        elif a.kind == "cardinal" and (m := _TIMES_EN.match(after)):
            out.append(_Expr(a.start, a.end + m.end(), a.value, None, "multiplier", "exact", "multiplier.times", a, a))
        elif a.kind == "cardinal" and _RAZ_BEFORE.search(before) and (m := _RAZ_AFTER.match(after)):
            start = a.start - len(_RAZ_BEFORE.search(before).group())
            qualifier = "over" if m.group(1) else "exact"
            out.append(_Expr(start, a.end + m.end(), a.value, None, "multiplier", qualifier, "multiplier.raz", a, a))
        elif (
            nxt is not None
            and a.kind == "cardinal"
            and nxt.kind == "cardinal"
            and _IN_EVERY.match(text[a.end : nxt.start])
            and 0 < a.value < nxt.value <= 1000
        ):
            out.append(_Expr(a.start, nxt.end, a.value / nxt.value, None, "share", "exact", "share.one_in_n", a, nxt))
            i += 1
        elif a.kind == "vague":
            out.append(_Expr(a.start, a.end, a.value, None, "count", "vague", "count.vague", a, a))
        else:  # cardinal, collective
            out.append(_Expr(a.start, a.end, a.value, None, "count", "exact", f"count.{a.source}", a, a))
        i += 1
    return out


def _ranges(text: str, exprs: list[_Expr], lang: str) -> list[_Expr]:
    out: list[_Expr] = []
    before_rules = _exclusions(lang)[0]
    i = 0
    while i < len(exprs):
        a = exprs[i]
        b = exprs[i + 1] if i + 1 < len(exprs) else None
        # an article or other designation number labels the figure after a dash, it is no range's low end: "по ст.
        # 337 — 3 400", "Art. 337 – 3,400 cases" (but "ст. 337–338", "pages 187–189", "aged 18 to 21" are ranges)
        label = (
            b is not None
            and ("—" in text[a.end : b.start] or a.value < 1000 <= b.value)
            and before_rules.search(text[max(0, a.first.start - 60) : a.first.start]) is not None
        )
        if b is not None and a.qualifier == b.qualifier == "exact" and a.kind != "multiplier" and not label:
            between = text[a.end : b.start]
            sep = _RANGE_SEP[lang].match(between)
            opener = _RANGE_OPEN[lang].search(text[max(0, a.start - 12) : a.start])
            word = between.strip().lower()
            if sep and a.kind == "count" and b.rule == "share.percent" and a.first.source == b.first.source:
                a = replace(a, value=a.value / 100, kind="share", rule="share.percent")  # "20–25%": both percent
            if (
                a.kind == b.kind
                and sep
                and (opener or word not in _NEEDS_OPEN)
                and (word not in ("and", "и") or opener)
            ):
                low = a.value
                if b.last.scaled and not a.last.scaled and a.kind == "count":
                    low = _scale_like(a.value, b.value)
                if low < b.value and not (a.first.year_like and b.last.year_like):
                    start = a.start - (len(opener.group()) if opener else 0)
                    rule = "range." + ("words" if a.first.source == "words" else "digits")
                    out.append(replace(a, start=start, end=b.end, value=low, high=b.value, qualifier="range",
                                       rule=rule, last=b.last))  # fmt: skip
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _scale_like(low: float, high: float) -> float:
    """Give the low end the magnitude the high end carries: "20–25 тыс." → 20000, "от пяти до шести тысяч"."""
    scale = 1.0
    while scale * 1000 <= high:
        scale *= 1000
    return low * scale if low < scale else low


def _qualify(text: str, exprs: list[_Expr], lang: str) -> list[_Expr]:
    out = []
    for e in exprs:
        if e.qualifier in ("exact",) or (e.qualifier == "range" and e.kind == "count"):
            pattern, names = _qualifiers(lang)
            m = pattern.search(text, max(0, e.start - 40), e.start)
            if m:
                length, qualifier = len(m.group()), names[int(m.lastgroup[1:])]
                if e.qualifier != "range":
                    e = replace(e, start=e.start - length, qualifier=qualifier)
                elif qualifier == "approx":
                    e = replace(e, start=e.start - length)
        out.append(e)
    return out


def _masks(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in _MASKS for m in pattern.finditer(text)]


def _row_starts(text: str) -> set[int]:
    """Where the lines of ``text`` that are rows of a table start (one pass over the text)."""
    return {text.rfind("\n", 0, m.start()) + 1 for m in CELL.finditer(text)}


def _why_not(text: str, e: _Expr, lang: str, masks: list[tuple[int, int]], rows: set[int]) -> str | None:
    """Why the expression is not a count (the reason column of the exclusion table), or None if it is one."""
    if any(s < e.end and e.start < t for s, t in masks):
        return "inside a phone, case or page number, or coordinates"
    if e.kind == "multiplier" and e.first.source == "lexicon":
        return None
    before = text[max(0, e.first.start - 60) : e.first.start]
    after = text[e.end : e.end + 60]
    cell_before, cell_after = before, after
    line_start = text.rfind("\n", 0, e.first.start) + 1 if rows else -1  # no backward scan in a text without tables
    if line_start in rows:
        # a cell of a table is read alone: "320\nYear\t12,310" holds no "320 years" and no "year 12,310"
        cell_before = CELL.split(text[line_start : e.first.start])[-1]
        cell_after = CELL.split(after.split("\n", 1)[0], maxsplit=1)[0]
    if e.kind == "count" or e.rule == "share.percent":
        before_rules, after_rules = _exclusions(lang)
        if e.rule != "share.percent" and before_rules.search(cell_before):
            return _reason(lang, "before", cell_before)
        if after_rules.match(cell_after):
            return _reason(lang, "after", cell_after)
    line = before.rsplit("\n", 1)[-1] if "\n" in before or e.first.start <= 60 else "x"
    marker = e.first.source == "digits" and e.value < 100 and _LIST_MARKER_AFTER.match(after)
    if e.kind == "count" and not line.strip() and marker:
        return "a list marker or row number"
    if e.first.year_like and e.qualifier == "exact" and not _countable(lang).match(after):
        return "a year"
    digits = text[e.first.start : e.first.end]
    is_code = e.first.source == "digits" and digits.isdigit() and len(digits) >= 5
    if e.kind == "count" and is_code and e.qualifier == "exact" and not _countable(lang).match(after):
        return "an ungrouped long number: an ID, code or unit number"
    pronoun = _ONE_NOT_BEFORE.search(before) or _ONE_NOT_AFTER.match(after) or digits.lower() in ("a", "an")
    if e.kind == "count" and e.first.source == "words" and _ONE.match(digits) and pronoun:
        return "'one' used as a pronoun or article"
    return None


@cache
def _rules(lang: str, side: str) -> list[tuple[regex.Pattern, str]]:
    anchor = "(?r){}$" if side == "before" else "^{}"
    return [
        (regex.compile(anchor.format(f"(?:{r[2]})"), _FLAGS), r[3] if len(r) > 3 else r[2])
        for r in rows("counts/exclusions.tsv")
        if r[0] in (lang, "*") and r[1] == side
    ]


def _reason(lang: str, side: str, context: str) -> str:
    for pattern, reason in _rules(lang, side):
        if (pattern.search if side == "before" else pattern.match)(context):
            return reason
    return "excluded by context"


def _expressions(text: str, lang: str) -> list[_Expr]:
    return _qualify(text, _ranges(text, _reshape(text, _atoms(text, lang)), lang), lang)


def find_counts(text: str, lang: str) -> list[CountMatch]:
    """Every count in ``text`` (language 'en' or 'ru'), in text order."""
    masks, rows = _masks(text), _row_starts(text)
    out = []
    for e in _expressions(text, lang):
        if _why_not(text, e, lang, masks, rows) is not None:
            continue
        value, low, high = _interval(e)
        out.append(CountMatch(e.start, e.end, value, low, high, e.qualifier, e.kind, e.rule, e.first.start, e.last.end))
    return out


def explain_counts(text: str, lang: str) -> list[tuple[str, str, str | None]]:
    """(surface, rule, reason it is not a count or None) for every candidate: for debugging the rules."""
    masks = _masks(text)
    rows = _row_starts(text)
    return [(text[e.start : e.end], e.rule, _why_not(text, e, lang, masks, rows)) for e in _expressions(text, lang)]


def _interval(e: _Expr) -> tuple[float, float | None, float | None]:
    v = _tidy(e.value)
    return {
        "exact": (v, v, v),
        "approx": (v, None, None),
        "over": (v, v, None),
        "at_least": (v, v, None),
        "under": (v, None, v),
        "at_most": (v, None, v),
        "vague": (v, v, None),
        "range": (v, v, _tidy(e.high) if e.high is not None else None),
    }[e.qualifier]


def _tidy(value: float) -> float:
    """Whole numbers as ints (20538, not 20538.0); others rounded to 10 significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return int(value)
    return float(f"{value:.10g}")
