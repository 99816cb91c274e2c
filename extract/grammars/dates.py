"""Dates and periods in text: ``find_dates(text, lang, published)``.

The rule families of ``extract.grammars.date_patterns`` find atoms (single dates, months, quarters, years,
relative phrases, event anchors). This module then reads the words around them:

* two atoms joined by a range word become one range ("from 2022 to July 2025", "с 1 октября 2023 по 30 сентября
  2024 года", "2022–2024", "between January and April 2024"); a missing year comes from the other end;
* "since" / "с" opens a period (end null), "by" / "as of" / "к" / "до" / "по состоянию на" closes one
  (start null); "the end of" / "конец" moves to the last day; fuzzy "mid", "early", "late", "в середине" drop
  the mention; "the whole of" / "весь" joins the span;
* digits glued to other digits ("1-45/2024", "+86 138-2010-2015") and bare years that count something ("2000
  soldiers", "свыше 2000 человек", see ``models/dates/exclusions.tsv``) are no dates;
* "a year earlier" / "годом ранее" is the previous mention moved back one year.

Year-less dates ("10 мая") take the most recent such date on or before ``published``; every value that needs
``published`` is marked relative and is None when ``published`` is None (never today's date).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from extract.grammars.date_atoms import Atom, read_period, read_relative
from extract.grammars.date_patterns import FAMILIES, families
from extract.grammars.date_readers import read_match
from extract.grammars.date_tables import lexicon
from extract.grammars.date_values import bounds, fill_years, shift_years

__all__ = ["DateMatch", "find_dates"]

log = logging.getLogger(__name__)

_FLAGS = regex.IGNORECASE | regex.V1
_B = r"(?<![\p{L}\d])"
_MARKS = {
    "en": (
        r"(?:ever\s+)?since|starting(?:\s+(?:from|in|on|with))?|beginning\s+(?:from|in|on|with)",
        r"by|until|till|up\s+until|as\s+of|as\s+at|through|no\s+later\s+than",
        r"from|between",
    ),
    "ru": (
        r"(?<!(?:сравнению|сравнении|сравнивая|вместе|наряду|связи)\s+)(?:начиная\s+)?(?:с|со)|с\s+момента",
        r"к|до|вплоть\s+до|по\s+состоянию\s+на|не\s+позднее",
        r"от|между",
    ),
}
_MODS = {
    "en": (
        r"(?:the\s+)?(?:very\s+)?end\s+of|(?:the\s+)?last\s+day\s+(?:of|in)",
        r"(?:the\s+)?first\s+day\s+(?:of|in)",
        r"(?:the\s+)?(?:start|beginning|outset)\s+of",
        r"mid|(?:the\s+)?middle\s+of|early|late|(?:the\s+)?(?:early|late|latter)\s+part\s+of",
    ),
    "ru": (
        r"конц[аеуы]|конец|последн(?:ий|его|ему|ем)\s+д(?:ень|ня|ню|не)",
        r"перв(?:ый|ого|ому|ом)\s+д(?:ень|ня|ню|не)",
        r"начал[аеоу]?",
        r"середин[аеуы]",
    ),
}
_WHOLE = {"en": r"(?:the\s+)?(?:whole|entire)(?:\s+of)?|all\s+of|throughout", "ru": r"весь|всего|всю|всё|целый"}
_CONNECTORS = {
    "en": r"\s*(?P<dash>[-–—~])\s*|\s+(?P<to>to|till|until|through|thru)\s+(?:the\s+)?|\s+(?P<and>and)\s+(?:the\s+)?",
    "ru": r"\s*(?P<dash>[-–—])\s*|\s+(?P<to>по)\s+|\s+(?P<do>до)\s+|\s+(?P<and>и)\s+",
}
_WORD = regex.compile(r"[\p{L}\d]+", regex.V1)
_SEPARATOR = regex.compile(r"\.?\s*[-–—/.]\s?\d", regex.V1)
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


@dataclass(frozen=True, slots=True)
class _Prefix:
    """The words right before an atom: a mark (since | until | from), a modifier (end | first | start | fuzzy)
    and "the whole of"; each with the offset it starts at."""

    mark: str | None = None
    mark_start: int = 0
    marker: str = ""
    mod: str | None = None
    mod_start: int = 0
    whole_start: int | None = None


@cache
def _prefix_re(lang: str) -> regex.Pattern:
    since, until, start = _MARKS[lang]
    end, first, begin, fuzzy = _MODS[lang]
    return regex.compile(
        rf"(?:(?P<mark>{_B}(?:(?P<since>{since})|(?P<until>{until})|(?P<from>{start})))\s+)?"
        rf"(?:(?P<mod>{_B}(?:(?P<end>{end})|(?P<first>{first})|(?P<start>{begin})|(?P<fuzzy>{fuzzy})))(?:\s+|-))?"
        rf"(?:(?P<whole>{_B}(?:{_WHOLE[lang]}))\s+)?$",
        _FLAGS | regex.REVERSE,
    )


@cache
def _connector_re(lang: str) -> regex.Pattern:
    return regex.compile(_CONNECTORS[lang], _FLAGS)


def _prefix(text: str, start: int, lang: str) -> _Prefix:
    m = _prefix_re(lang).search(text, max(0, start - 60), start)
    if m is None or m.start() == start:
        return _Prefix()
    mark = next((k for k in ("since", "until", "from") if m.group(k)), None)
    mod = next((k for k in ("end", "first", "start", "fuzzy") if m.group(k)), None)
    return _Prefix(
        mark=mark,
        mark_start=m.start("mark"),
        marker=(m.group("mark") or "").lower(),
        mod=mod,
        mod_start=m.start("mod"),
        whole_start=m.start("whole") if m.group("whole") else None,
    )


def _candidates(text: str, lang: str) -> dict[str, list[int]]:
    """Per triggered family, the word starts where it is tried: those up to its look-back before a trigger word."""
    triggers = lexicon(lang).triggers
    heads = triggers.by_head
    low = text.lower().replace("ё", "е")
    if len(low) != len(text):  # a letter whose lower case is longer: keep offsets aligned
        low = "".join(c.lower()[:1] for c in text).replace("ё", "е")
    words = list(_WORD.finditer(low))
    starts = [w.start() for w in words]
    found: dict[str, set[int]] = {}
    for i, w in enumerate(words):
        word = w.group()
        if word[0].isdigit():
            e = w.end()
            hits = triggers.of_number(word, bool(_SEPARATOR.match(low, e)), low[e : e + 1] in ("-", "'", "’"))
        elif word[:2] in heads:
            hits = triggers.of(word)
        else:
            continue
        for family, before in hits:
            found.setdefault(family, set()).update(starts[bisect_left(starts, starts[i] - before) : i + 1])
    return {family: sorted(positions) for family, positions in found.items()}


def _matches(pattern: regex.Pattern, text: str, candidates: list[int] | None) -> Iterator[regex.Match]:
    """Matches of a family, tried anchored at its candidate starts (None: searched over the whole text)."""
    if candidates is None:
        yield from pattern.finditer(text)
        return
    done = -1
    for i in candidates:
        if i >= done:
            m = pattern.match(text, i)
            if m is not None and m.end() > m.start():
                done = m.end()
                yield m


def _atoms(text: str, lang: str, published: date | None) -> list[Atom]:
    """All atoms of ``text``, non-overlapping: the leftmost, then the longest, then by family priority."""
    lx = lexicon(lang)
    where = _candidates(text, lang)
    candidates: list[tuple[int, int, int, Atom]] = []
    for priority, name in enumerate(FAMILIES):
        for m in _matches(families(lang)[name], text, where.get(name, [] if name in lx.triggers.families else None)):
            if name == "relative":
                atom = read_relative(lx, m, published)
            elif name == "anchor":
                atom = Atom(m.start(), m.end(), "anchor", fixed=(lx.anchor(m.group()), None), precision="range")
                atom.open_end = True
            elif name == "period":
                atom = read_period(lx, text, m, published)
            else:
                atom = read_match(lx, name, text, m, published)
            if atom is not None:
                for part in (atom, *atom.more):
                    part.rule = f"{name}.{part.rule}"
                candidates.append((atom.start, -atom.end, priority, atom))
    candidates.sort(key=lambda c: c[:3])
    atoms: list[Atom] = []
    last_end = -1
    for start, neg_end, _, atom in candidates:
        if start >= last_end:
            atoms.append(atom)
            atoms.extend(atom.more)
            last_end = -neg_end
    return atoms


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


def _joins(c: regex.Match | None, pre: _Prefix) -> bool:
    """Whether a connector joins two atoms: "and"/"и" only after "between"/"между", "до" only after "с"/"от"."""
    if c is None:
        return False
    if c.group("and"):
        return pre.marker.startswith(("between", "между"))
    if c.groupdict().get("do"):
        return pre.mark in ("from", "since")
    return True


def _join(text: str, atoms: list[Atom], lang: str, published: date | None) -> list[tuple[DateMatch, Atom]]:
    """Ranges of atom pairs and single mentions with their prefixes, in text order."""
    out: list[tuple[DateMatch, Atom]] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        pre = _prefix(text, a.start, lang)
        if i + 1 < len(atoms) and a.is_point and atoms[i + 1].is_point:
            b = atoms[i + 1]
            if _joins(_connector_re(lang).fullmatch(text, a.end, b.start), pre):
                found = _range(a, b, published)
                if found is not None:
                    start = pre.mark_start if pre.mark in ("from", "since") and pre.mod is None else a.start
                    match = DateMatch(start, b.end, found[0], found[1], "range", found[2], f"range:{a.rule}+{b.rule}")
                    out.append((match, a))
                    i += 2
                    continue
        single = _single(a, pre, published)
        if single is not None:
            out.append((single, a))
        i += 1
    return out


def _single(a: Atom, pre: _Prefix, published: date | None) -> DateMatch | None:
    start, end, relative = a.dates(published)
    precision, rule, first = a.precision, a.rule, a.start
    mod = pre.mod if a.is_point else None
    if mod == "fuzzy" or (mod == "start" and pre.mark != "since"):
        return None
    if mod == "end":
        start, precision = end, "day"
    elif mod == "first":
        end, precision = start, "day"
    if pre.whole_start is not None:
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


def _excluded(text: str, m: DateMatch, atom: Atom, lang: str) -> bool:
    if not atom.bare:
        return False
    lx = lexicon(lang)
    before, after = lx.exclude_before, lx.exclude_after
    return bool(
        (before is not None and before.search(text, max(0, m.start - 40), m.start))
        or (after is not None and after.match(text, m.end))
    )


def _resolve_anaphora(found: list[tuple[DateMatch, Atom]], published: date | None) -> list[DateMatch]:
    out: list[DateMatch] = []
    antecedent: DateMatch | None = None
    for match, atom in found:
        if atom.shift:
            if antecedent is not None and published is not None:
                start = shift_years(antecedent.start_date, atom.shift, end=False)
                end = shift_years(antecedent.end_date, atom.shift, end=True)
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
    joined = _join(text, _atoms(text, lang, published), lang, published)
    kept = [(m, a) for m, a in joined if not _glued(text, m) and not _excluded(text, m, a, lang)]
    if len(kept) < len(joined):
        log.debug("dropped %d date look-alikes", len(joined) - len(kept))
    return _resolve_anaphora(kept, published)
