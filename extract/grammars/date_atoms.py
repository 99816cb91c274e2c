"""Date atoms: the single expressions the rule families find ("15 марта 2024 г.", "Q1 2024", "last year",
"15–20 марта"), each read into calendar units or resolved dates; this module reads the ``relative`` and
``period`` families (``date_readers`` the others). ``extract.grammars.dates`` joins atoms into ranges and open
periods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import regex

from extract.grammars.date_tables import DateLexicon, norm
from extract.grammars.date_values import PRECISION, CalUnit, bounds, calendar_unit, fill_years, subtract

__all__ = [
    "PREP_EN",
    "Atom",
    "Groups",
    "read_period",
    "read_relative",
    "row_of",
    "slot_year",
    "template",
    "unit_atom",
    "year_of",
]

#: a preposition or determiner right before a word (searched backwards from the word)
PREP_EN = regex.compile(
    r"(?:\b(?:in|since|from|by|until|till|during|through|throughout|of|for|before|after|between|and|to|"
    r"this|last|next|early|late|mid|end|start|beginning|over|the)\s+|-)$",
    regex.IGNORECASE | regex.REVERSE,
)
_NOT_POINTS = frozenset({"rolling", "ago", "ahead", "since", "until"})
_SHORT_PERIOD = regex.compile(r"[qh]\d|\d[qh]", regex.IGNORECASE)


@dataclass
class Atom:
    """One expression: calendar units ``lo``..``hi``, or ``fixed`` dates already resolved (relative phrases,
    anchors); ``open_end`` for anchors, ``shift`` for "a year earlier", ``shift_to`` for "the same period of
    2024", ``bare`` for digits-only surfaces."""

    start: int
    end: int
    rule: str
    lo: CalUnit | None = None
    hi: CalUnit | None = None
    fixed: tuple[date | None, date | None] | None = None
    precision: str = "day"
    relative: bool = False
    open_end: bool = False
    shift: int = 0
    shift_to: int | None = None
    bare: bool = False
    more: list[Atom] = field(default_factory=list)

    @property
    def is_point(self) -> bool:
        """Whether the atom can be a range end (not an open period, rolling window or anaphor)."""
        return (
            not self.open_end
            and not self.shift
            and self.shift_to is None
            and self.rule.rpartition(".")[2] not in _NOT_POINTS
        )

    def dates(self, published: date | None) -> tuple[date | None, date | None, bool]:
        """(start, end, relative) of the atom on its own."""
        if self.fixed is not None:
            return self.fixed[0], self.fixed[1], self.relative
        lo, hi = self.lo, self.hi or self.lo
        assert lo is not None and hi is not None
        if lo.year is None or hi.year is None:
            if published is None:
                return None, None, True
            filled = fill_years(lo, hi, published)
            if filled is None:
                return None, None, True
            lo, hi, relative = filled
            return bounds(lo)[0], bounds(hi)[1], relative or self.relative
        return bounds(lo)[0], bounds(hi)[1], self.relative


@cache
def _templates(pattern: regex.Pattern) -> tuple[str, ...]:
    return tuple(name for name in pattern.groupindex if name.startswith("t_"))


def row_of(m: regex.Match, prefix: str) -> int:
    """The index of the table row that matched (its group ``<prefix><index>``)."""
    return next(i for i in range(len(m.re.groupindex)) if m.group(f"{prefix}{i}") is not None)


def template(m: regex.Match) -> str:
    """The name of the template that matched (its group ``t_<name>``)."""
    return next(name[2:] for name in _templates(m.re) if m.group(name) is not None)


class Groups:
    """Named groups of a match by name, None for a group the family does not have (cheaper than ``groupdict``)."""

    __slots__ = ("_m", "_names")

    def __init__(self, m: regex.Match) -> None:
        self._m, self._names = m, m.re.groupindex

    def get(self, name: str) -> str | None:
        return self._m.group(name) if name in self._names else None

    def __getitem__(self, name: str) -> str:
        return self._m.group(name)


def year_of(m: regex.Match) -> int | None:
    """The year of groups ``y`` (four digits) or ``y2`` (two digits: below 50 is 20xx, else 19xx)."""
    groups = Groups(m)
    if groups.get("y"):
        return int(groups["y"][:4])
    y2 = groups.get("y2")
    if y2:
        value = int(y2)
        return 2000 + value if value < 50 else 1900 + value
    return None


def slot_year(lx: DateLexicon, text: str, published: date | None) -> int | None:
    """The year a relative year phrase stands for ("прошлого года", "next year"), None without ``published``."""
    found = lx.relative_row(text, "slot")
    return None if found is None or published is None else published.year + int(found[0].meaning[1])


def unit_atom(m: regex.Match, rule: str, lo: CalUnit, hi: CalUnit | None = None, **kw) -> Atom | None:
    if not lo.valid() or (hi is not None and not hi.valid()):
        return None
    precision = "range" if hi is not None else PRECISION[lo.kind]
    return Atom(m.start(), m.end(), rule, lo, hi, precision=precision, **kw)


def read_relative(lx: DateLexicon, m: regex.Match, published: date | None) -> Atom | None:
    row = lx.relative_any[row_of(m, "r")]
    kind, *args = row.meaning
    atom = Atom(m.start(), m.end(), kind, relative=True, precision="range")
    if kind == "shift":
        atom.shift, atom.fixed = int(args[0]), (None, None)
        return atom
    if kind == "shift_to":  # "the same period of 2024": the whole year until the text's previous period moves there
        year = int(m.group("sy"))
        atom.shift_to, atom.relative, atom.precision = year, False, "year"
        atom.fixed = (date(year, 1, 1), date(year, 12, 31))
        return atom
    if kind in ("rolling", "ago", "ahead"):
        unit, size = lx.units[norm(m.group("unit"))]
        count = lx.count(m.group("n")) * size
        if count < 1:
            return None  # "последние 0 месяцев"
        if published is not None:
            first = subtract(published, -count if kind == "ahead" else count, unit)
            atom.fixed = (first + timedelta(days=1), published) if kind == "rolling" else (first, first)
        atom.precision = "range" if kind == "rolling" else "day"
    elif kind in ("since", "until"):
        if published is not None:
            first, last = calendar_unit(args[0], 0, published)
            atom.fixed = (first, None) if kind == "since" else (None, last)
    else:
        atom.precision = PRECISION.get(kind, "range")
        if published is not None:
            atom.fixed = calendar_unit(kind, int(args[0]), published)
    if atom.fixed is None:
        atom.fixed = (None, None)
    return atom


def read_period(lx: DateLexicon, text: str, m: regex.Match, published: date | None) -> Atom | None:
    """Quarters, halves, first months of a year and seasons."""
    rule = template(m)
    year, relative = year_of(m), False
    if Groups(m).get("yref"):
        year, relative = slot_year(lx, m.group("yref"), published), True
        if year is None:
            return Atom(m.start(), m.end(), rule, fixed=(None, None), precision="range", relative=True)
    if rule == "first_months":
        if lx.lang == "en" and "first" not in m.group().lower():
            return None
        n = lx.count(m.group("n"))
        return unit_atom(m, rule, CalUnit("months", year, n), relative=relative) if 1 <= n <= 11 else None
    if Groups(m).get("per"):
        found = lx.period(m.group("per"))
        if found is None:
            return None
        short = year is None and rule == "per" and _SHORT_PERIOD.fullmatch(m.group("per"))
        if short and (
            m.group("per").lower().startswith("h") or not PREP_EN.search(text, max(0, m.start() - 40), m.start())
        ):
            return None  # a bare "H2" is no date, a bare "Q3" only after a preposition
        return unit_atom(m, rule, CalUnit(found[0], year, found[1]), relative=relative)
    first, last, bare = lx.seasons[norm(m.group("season"))]
    if Groups(m).get("det"):
        found = lx.relative_row(m.group("det"), "det")
        if published is None or found is None:
            return Atom(m.start(), m.end(), rule, fixed=(None, None), precision="range", relative=True)
        year, relative = published.year + int(found[0].meaning[1]), True
    if year is None and not bare and not PREP_EN.search(text, max(0, m.start() - 40), m.start()):
        return None
    y2 = Groups(m).get("y2")
    if year is not None and y2:
        end_year = int(y2) if len(y2) == 4 else year // 100 * 100 + int(y2)
        if end_year != year + 1:
            return None
        if first > last:  # "winter 2023–24" is one winter
            return unit_atom(m, rule, CalUnit("season", end_year, first, last), relative=relative)
        return unit_atom(m, rule, CalUnit("season", year, first, last), CalUnit("season", end_year, first, last))
    return unit_atom(m, rule, CalUnit("season", year, first, last), relative=relative)
