"""Reading matches of the ``daymonth``, ``numeric`` and ``year`` families into atoms.

Digit dates are read day-first in Russian and in dotted English dates ("15.03.2024"), month-first in English
dates with slashes or dashes ("11/30/2024"); when that reading is impossible (a first part above 12) the other
order is taken. Two-digit years below 50 are 20xx, the others 19xx ("04.09.25" is 2025, "31.10.74" is 1974).
"""

from __future__ import annotations

from datetime import date
from functools import cache

import regex

from extract.grammars.date_atoms import PREP_EN, Atom, Groups, slot_year, template, unit_atom, year_of
from extract.grammars.date_tables import DateLexicon, lexicon, norm
from extract.grammars.date_values import CalUnit

__all__ = ["read_match"]

_FLAGS = regex.IGNORECASE | regex.V1
_LETTER = regex.compile(r"\p{L}")
_AMBIGUOUS_EN = frozenset({"may", "march"})
_RMON = {"this": 0, "current": 0, "next": 1, "following": 1, "coming": 1, "previous": -1, "last": -1}


def _day(lx: DateLexicon, m: regex.Match, group: str, year: int | None, month: int) -> CalUnit | None:
    value = lx.day(m.group(group))
    return CalUnit("day", year, month, value) if value else None


@cache
def _month_pair(lang: str) -> tuple[regex.Pattern, regex.Pattern]:
    """A range connector and a month name after a month (``next``), or a month name and a connector before one."""
    months = rf"(?<!\p{{L}})(?:{lexicon(lang).month_re})(?!\p{{L}})"
    conn = r"\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b|\band\b|\bпо\b|\bи\b)\s*"
    return regex.compile(conn + months, _FLAGS), regex.compile(months + conn + "$", _FLAGS)


def _month_ok(lx: DateLexicon, text: str, m: regex.Match) -> bool:
    """A month name standing alone. Abbreviations ("Sep") only in a pair of months ("from Sep to Nov"). In
    English a full name must be capitalised ("May" and "March" need a preposition before them), follow a
    preposition ("in may", "from october") or be one of a pair ("May to March")."""
    word = m.group("mon")
    after, before = _month_pair(lx.lang)
    paired = bool(after.match(text, m.end()) or before.search(text, max(0, m.start() - 20), m.start()))
    if norm(word) not in lx.full_months:
        return paired
    if lx.lang != "en" or paired or PREP_EN.search(text, max(0, m.start() - 40), m.start()):
        return True
    return word[0].isupper() and norm(word) not in _AMBIGUOUS_EN


def _order(lx: DateLexicon, sep: str, a: int, b: int) -> tuple[int, int]:
    """(day, month) of two digit groups."""
    month_first = lx.lang == "en" and sep in "/-"
    if month_first:
        return (a, b) if a > 12 else (b, a)
    return (b, a) if b > 12 >= a else (a, b)


def _numeric(lx: DateLexicon, m: regex.Match, rule: str) -> Atom | None:
    g = Groups(m)
    y = int(g["y"]) if g.get("y") else None
    if y is not None and y < 100:
        y = 2000 + y if y < 50 else 1900 + y
    if rule in ("nr_dd", "nr_d"):
        m2 = int(g["m2"])
        m1 = int(g["m1"]) if g.get("m1") else m2
        lo, hi = CalUnit("day", y, m1, int(g["d1"])), CalUnit("day", y, m2, int(g["d2"]))
        return unit_atom(m, rule, lo, hi) if lo.valid() and hi.valid() and lo.a * 32 + lo.b < hi.a * 32 + hi.b else None
    if rule == "ymd":
        return unit_atom(m, rule, CalUnit("day", y, int(g["m"]), int(g["d"])))
    if rule in ("dmy4", "dmy2", "mdy2"):
        d, mo = _order(lx, g["s"], int(g["a"]), int(g["b"]))
        return unit_atom(m, rule, CalUnit("day", y, mo, d))
    if rule == "my_num" and g["s"] == "." and len(g["m"]) == 1:
        return None
    return unit_atom(m, rule, CalUnit("month", y, int(g["m"])), bare=True)


def _year(lx: DateLexicon, m: regex.Match, rule: str) -> Atom | None:
    g = Groups(m)
    bare = not _LETTER.search(m.group())
    if rule in ("decade", "decade_ru"):
        dec = int(g["dec"])
        if dec < 100:
            dec += 2000 if dec <= 20 else 1900
        return unit_atom(m, rule, CalUnit("decade", dec))
    y = int(g["y"])
    if rule == "year_span":
        end = y // 100 * 100 + int(g["y2"])
        if not 1 <= end - y <= 9:
            return None
        return unit_atom(m, rule, CalUnit("year", y), CalUnit("year", end), bare=bare)
    if bare and not 1900 <= y <= 2099:
        return None
    return unit_atom(m, rule, CalUnit("year", y), bare=bare)


def _daymonth(lx: DateLexicon, text: str, m: regex.Match, rule: str, published: date | None) -> Atom | None:
    g = Groups(m)
    if g.get("rmon"):
        return _relative_month(lx, m, rule, published)
    month = lx.month(g["mon"])
    if month is None:
        return None
    year = year_of(m)
    if year is None and g["mon"] == "may" and rule != "month":
        return None  # "of them, 15 may be"
    if g.get("y2") and year is not None and rule == "my" and int(g["y2"]) <= 31:
        return None
    if rule in ("dr_between", "dr_dm", "dr_md", "dr_d_md"):
        lo, hi = _day(lx, m, "d1", year, month), _day(lx, m, "d2", year, month)
        if lo is None or hi is None:
            return None
        if hi.b <= lo.b:  # "April 27 to 3": into the next month; "from 28 to March 3": from the one before
            if rule == "dr_md":
                hi = CalUnit("day", None if year is None else year + (month == 12), month % 12 + 1, hi.b)
            elif rule == "dr_d_md":
                lo = CalUnit("day", None if year is None else year - (month == 1), (month - 2) % 12 + 1, lo.b)
            else:
                return None
        return unit_atom(m, rule, lo, hi)
    if rule == "dlist":
        first, second = _day(lx, m, "d1", year, month), _day(lx, m, "d2", year, month)
        if first is None or second is None or not first.valid() or not second.valid():
            return None
        head = Atom(m.start("d1"), m.end("d1"), rule, first, precision="day")
        head.more.append(Atom(m.start("d2"), m.end(), rule, second, precision="day"))
        return head
    if rule in ("dmy_sep", "ymd_sep", "mdy_sep", "dmy", "mdy"):
        unit = _day(lx, m, "d1", year, month)
        if unit is None:
            return None
        if rule == "mdy" and year is None:
            after = lx.exclude_after
            if lx.lang == "ru" or (after is not None and after.match(text, m.end())):
                return None
        return unit_atom(m, rule, unit)
    if rule == "my_ref":
        ref = slot_year(lx, g["yref"], published)
        if ref is None:
            return Atom(m.start(), m.end(), rule, fixed=(None, None), precision="month", relative=True)
        return unit_atom(m, rule, CalUnit("month", ref, month), relative=True)
    if rule in ("my", "ym"):
        if rule == "ym" and (lx.lang != "en" or (g["mon"].islower() and norm(g["mon"]) in _AMBIGUOUS_EN)):
            return None
        return unit_atom(m, rule, CalUnit("month", year, month))
    if rule == "det_month":
        found = lx.relative_row(g["det"], "det")
        if found is None or (lx.lang == "en" and g["mon"].islower() and norm(g["mon"]) in _AMBIGUOUS_EN):
            return None
        if published is None:
            return Atom(m.start(), m.end(), rule, fixed=(None, None), precision="month", relative=True)
        return unit_atom(m, rule, CalUnit("month", published.year + int(found[0].meaning[1]), month), relative=True)
    if not _month_ok(lx, text, m):
        return None
    return unit_atom(m, rule, CalUnit("month", None, month))


def _relative_month(lx: DateLexicon, m: regex.Match, rule: str, published: date | None) -> Atom | None:
    """A day (or days) of this, next or last month: "the 20th of next month", "4 till 23 of this month"."""
    if published is None:
        return Atom(m.start(), m.end(), rule, fixed=(None, None), relative=True, precision="day")
    offset = _RMON[m.group("rmon").lower()]
    index = published.year * 12 + published.month - 1 + offset
    year, month = index // 12, index % 12 + 1
    if rule == "dm_rel":
        unit = _day(lx, m, "d1", year, month)
        return unit_atom(m, rule, unit, relative=True) if unit else None
    lo, hi = _day(lx, m, "d1", year, month), _day(lx, m, "d2", year, month)
    if lo is None or hi is None or hi.b <= lo.b:
        return None
    return unit_atom(m, rule, lo, hi, relative=True)


def read_match(lx: DateLexicon, family: str, text: str, m: regex.Match, published: date | None) -> Atom | None:
    """The atom of a ``daymonth``, ``numeric`` or ``year`` match, or None if it is no valid date."""
    rule = template(m)
    if family == "daymonth":
        return _daymonth(lx, text, m, rule, published)
    if family == "year":
        return _year(lx, m, rule)
    return _numeric(lx, m, rule)
