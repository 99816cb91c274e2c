"""Dates and periods in text: ``find_dates(text, lang, published)``.

The rule families of ``extract.grammars.date_patterns`` find atoms (single dates, months, quarters, years,
relative phrases, event anchors; ``extract.grammars.date_scan``). This module then reads the words around them
(``extract.grammars.date_context``, ``models/dates/markers.tsv``):

* two atoms joined by a range word become one range ("from 2022 to July 2025", "с 1 октября 2023 по 30 сентября
  2024 года", "2022–2024", "between January and April 2024"); a missing year comes from the other end;
* "since" / "с" opens a period (end null), "by" / "as of" / "к" / "до" / "по состоянию на" closes one
  (start null); "the end of" / "конец" moves to the last day; fuzzy "mid", "early", "late", "в середине" drop
  the mention; "the whole of" / "весь" joins the span;
* digits glued to other digits ("1-45/2024", "+86 138-2010-2015") and bare years that count something ("2000
  soldiers", "свыше 2000 человек", see ``models/dates/exclusions.tsv``) are no dates;
* "a year earlier" / "годом ранее" is the previous mention moved back one year; "the same period of 2024" /
  "аналогичный период 2024 г." is the previous mention (within one year) moved into 2024.

Year-less dates ("10 мая") take the most recent such date on or before ``published``; every value that needs
``published`` is marked relative and is None when ``published`` is None (never today's date).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import regex

from extract.grammars.date_atoms import Atom
from extract.grammars.date_context import Prefix, joins, prefix
from extract.grammars.date_scan import atoms
from extract.grammars.date_tables import lexicon
from extract.grammars.date_values import bounds, fill_years, shift_years

__all__ = ["DateMatch", "find_dates"]

log = logging.getLogger(__name__)

_GLUED_BEFORE = regex.compile(r"(?:\d\s?[-/.]|[/\p{L}_])$", regex.V1)
_GLUED_AFTER = regex.compile(r"[-/.]?\d", regex.V1)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date or period mention: ``text[start:end]``; dates inclusive, None where open or unresolvable."""

    start: int
    end: int
    start_date: date | None
    end_date: date | None
    precision: str
    relative: bool
    rule: str


def _range(a: Atom, b: Atom, published: date | None) -> tuple[date | None, date | None, bool] | None:
    """(start, end, relative) of the range from ``a`` to ``b``, or None if it runs backwards."""
    if a.fixed is None and b.fixed is None and a.lo is not None and b.lo is not None:
        filled = fill_years(a.lo, b.hi or b.lo, published)
        if filled is None:
            return (None, None, True) if published is None else None
        lo, hi, relative = filled
        start, end = bounds(lo)[0], bounds(hi)[1]
    else:
        start, _, rel_a = a.dates(published)
        _, end, rel_b = b.dates(published)
        relative = rel_a or rel_b
    relative = relative or a.relative or b.relative
    if relative and published is None:
        return None, None, True
    if start is not None and end is not None and start > end:
        return None
    return start, end, relative


def _join(text: str, found: list[Atom], lang: str, published: date | None) -> list[tuple[DateMatch, list[Atom]]]:
    """Ranges of atom pairs and single mentions with their prefixes, in text order, each with its atoms."""
    out: list[tuple[DateMatch, list[Atom]]] = []
    i = 0
    while i < len(found):
        a = found[i]
        pre = prefix(text, a.start, lang)
        if i + 1 < len(found) and a.is_point and found[i + 1].is_point:
            b = found[i + 1]
            # "between September 2022 and the end of 2025": the range ends where its second atom does
            b_pre = prefix(text, b.start, lang)
            gap_end = b_pre.mod_start if b_pre.mod == "end" and b_pre.mark in (None, "until") else b.start
            if joins(text, a.end, gap_end, lang, pre):
                ends = _range(a, b, published)
                if ends is not None:
                    start = pre.mark_start if pre.mark in ("from", "since") and pre.mod is None else a.start
                    match = DateMatch(start, b.end, ends[0], ends[1], "range", ends[2], f"range:{a.rule}+{b.rule}")
                    out.append((match, [a, b]))
                    i += 2
                    continue
        single = _single(a, pre, published)
        if single is not None:
            out.append((single, [a]))
        i += 1
    return out


def _single(a: Atom, pre: Prefix, published: date | None) -> DateMatch | None:
    start, end, relative = a.dates(published)
    precision, rule, first = a.precision, a.rule, a.start
    mod = pre.mod if a.is_point else None
    if mod == "fuzzy" or (mod == "start" and pre.mark != "since"):
        return None
    if mod == "end":
        start, precision = end, "day"
    elif mod == "first":
        end, precision = start, "day"
    if pre.whole_start is not None and a.is_point:
        first = pre.whole_start
    if mod:
        first = pre.mod_start
    if a.hi is not None and pre.mark in ("since", "from") and not mod:  # "с 1 по 15 марта", "from 13 to 15 July"
        first = pre.mark_start
    elif a.is_point and pre.mark in ("since", "until"):
        start, end = (start, None) if pre.mark == "since" else (None, end)
        precision, rule, first = "range", f"{pre.mark}:{a.rule}", pre.mark_start
    return DateMatch(first, a.end, start, end, precision, relative, rule)


def _glued(text: str, m: DateMatch) -> bool:
    """Digits of the mention run on into other digits: case numbers, phone numbers, codes."""
    if not text[m.start].isdigit() and not text[m.end - 1].isdigit():
        return False
    before = text[max(0, m.start - 2) : m.start]
    return bool(
        (text[m.start].isdigit() and _GLUED_BEFORE.search(before))
        or (text[m.end - 1].isdigit() and _GLUED_AFTER.match(text, m.end, m.end + 2))
    )


def _excluded(text: str, m: DateMatch, parts: list[Atom], lang: str) -> bool:
    """A mention of bare numbers only ("2000", "2000–2005") that counts something (``exclusions.tsv``)."""
    if not all(a.bare for a in parts):
        return False
    lx = lexicon(lang)
    before, after = lx.exclude_before, lx.exclude_after
    return bool(
        (before is not None and before.search(text, max(0, m.start - 40), m.start))
        or (after is not None and after.match(text, m.end))
    )


def _resolve_anaphora(found: list[tuple[DateMatch, list[Atom]]], published: date | None) -> list[DateMatch]:
    """The previous resolved mention (not itself an anaphor) moved by the atom's years ("a year earlier")."""
    out: list[DateMatch] = []
    antecedent: DateMatch | None = None
    for match, parts in found:
        atom = parts[0]
        if atom.shift_to is not None:
            if antecedent is not None and antecedent.start_date and antecedent.end_date:
                years = atom.shift_to - antecedent.start_date.year
                if antecedent.end_date.year == antecedent.start_date.year and antecedent.precision != "year":
                    start = shift_years(antecedent.start_date, years, end=False)
                    end = shift_years(antecedent.end_date, years, end=True)
                    match = DateMatch(match.start, match.end, start, end, antecedent.precision, False, match.rule)
            out.append(match)
            continue
        if atom.shift:
            if antecedent is not None and published is not None:
                start = shift_years(antecedent.start_date, atom.shift, end=False)
                # an open period ("с начала года") runs to the publication date: "the same period last year" ends
                # on that day a year before
                last = antecedent.end_date or (published if antecedent.start_date else None)
                end = shift_years(last, atom.shift, end=True)
                match = DateMatch(match.start, match.end, start, end, antecedent.precision, True, match.rule)
            out.append(match)
            continue
        if match.start_date is not None or match.end_date is not None:
            antecedent = match
        out.append(match)
    return out


def find_dates(text: str, lang: str, published: date | None) -> list[DateMatch]:
    """Date and period mentions of ``text`` in ``lang`` ('en' or 'ru'), in text order."""
    if lang not in ("en", "ru"):
        raise ValueError(f"unsupported language {lang!r}")
    joined = _join(text, atoms(text, lang, published), lang, published)
    kept = [(m, a) for m, a in joined if not _glued(text, m) and not _excluded(text, m, a, lang)]
    if len(kept) < len(joined):
        log.debug("dropped %d date look-alikes", len(joined) - len(kept))
    return _resolve_anaphora(kept, published)
