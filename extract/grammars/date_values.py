"""Calendar values of date expressions: units (a day, month, quarter, half, season, year, decade or the first
months of a year), year-less units resolved against the publication date, and relative phrases.

Everything here is pure date arithmetic: no text. ``CalUnit.year`` None means the text did not state the year;
``resolve_year`` picks the most recent such unit that began on or before the publication date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

__all__ = [
    "PRECISION",
    "CalUnit",
    "add_months",
    "bounds",
    "calendar_unit",
    "fill_years",
    "resolve_year",
    "shift_years",
    "subtract",
]

#: the precision a single unit has as a mention
PRECISION = {
    "day": "day",
    "month": "month",
    "quarter": "quarter",
    "half": "half",
    "season": "range",
    "year": "year",
    "decade": "decade",
    "months": "range",
}


@dataclass(frozen=True)
class CalUnit:
    """One calendar unit. ``a``/``b`` by kind: day (month, day); month (month, -); quarter and half (number, -);
    season (first month, last month; a winter of year Y starts in December of Y-1); decade (-, -: ``year`` is
    its first year); months (the first ``a`` months of the year)."""

    kind: str
    year: int | None
    a: int = 0
    b: int = 0

    def valid(self) -> bool:
        if self.year is not None and not 1000 <= self.year <= 2199:
            return False
        if self.kind == "day":
            year = self.year if self.year is not None else 2000  # a leap year: "29 February" stays possible
            return 1 <= self.a <= 12 and 1 <= self.b <= calendar.monthrange(year, self.a)[1]
        if self.kind in ("month", "months"):
            return 1 <= self.a <= 12
        if self.kind == "quarter":
            return 1 <= self.a <= 4
        if self.kind == "half":
            return 1 <= self.a <= 2
        return True


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def bounds(unit: CalUnit, year: int | None = None) -> tuple[date, date]:
    """First and last day of ``unit`` (in ``year`` when the unit states none)."""
    y = unit.year if unit.year is not None else year
    if y is None:
        raise ValueError("a year-less unit needs a year")
    kind, a, b = unit.kind, unit.a, unit.b
    if kind == "day":
        d = date(y, a, b)
        return d, d
    if kind == "month":
        return date(y, a, 1), _last_day(y, a)
    if kind == "quarter":
        return date(y, 3 * a - 2, 1), _last_day(y, 3 * a)
    if kind == "half":
        return date(y, 6 * a - 5, 1), _last_day(y, 6 * a)
    if kind == "season":
        return date(y - 1 if a > b else y, a, 1), _last_day(y, b)
    if kind == "decade":
        return date(y, 1, 1), date(y + 9, 12, 31)
    if kind == "months":
        return date(y, 1, 1), _last_day(y, a)
    return date(y, 1, 1), date(y, 12, 31)


def resolve_year(unit: CalUnit, published: date) -> int | None:
    """The year of the most recent ``unit`` that began on or before ``published``."""
    for year in range(published.year + 1, published.year - 9, -1):
        candidate = replace(unit, year=year)
        if candidate.valid() and bounds(candidate)[0] <= published:
            return year
    return None


def fill_years(lo: CalUnit, hi: CalUnit, published: date | None) -> tuple[CalUnit, CalUnit, bool] | None:
    """Both ends of a range with years: a missing year comes from the other end (the range running forward),
    or from the publication date when neither states one. Returns (lo, hi, relative) or None if unresolvable."""
    relative = False
    if lo.year is None and hi.year is None:
        if published is None:
            return None
        year = resolve_year(hi, published)
        if year is None:
            return None
        hi, relative = replace(hi, year=year), True
    if hi.year is None:
        hi = replace(hi, year=lo.year)
        if hi.valid() and bounds(hi)[1] < bounds(lo)[0]:
            hi = replace(hi, year=hi.year + 1)
    elif lo.year is None:
        lo = replace(lo, year=hi.year)
        if lo.valid() and bounds(lo)[0] > bounds(hi)[1]:
            lo = replace(lo, year=lo.year - 1)
    if not (lo.valid() and hi.valid()):
        return None
    return lo, hi, relative


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def subtract(published: date, count: int, unit: str) -> date:
    """``published`` moved back by ``count`` days, weeks, months or years."""
    if unit == "day":
        return published - timedelta(days=count)
    if unit == "week":
        return published - timedelta(weeks=count)
    return add_months(published, -count * (12 if unit == "year" else 1))


def calendar_unit(unit: str, offset: int, published: date) -> tuple[date, date]:
    """The calendar ``unit`` holding ``published``, moved by ``offset`` units."""
    if unit == "day":
        d = published + timedelta(days=offset)
        return d, d
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "year":
        return bounds(CalUnit("year", published.year + offset))
    size = {"month": 1, "quarter": 3, "half": 6}[unit]
    first = add_months(date(published.year, (published.month - 1) // size * size + 1, 1), offset * size)
    return first, add_months(first, size) - timedelta(days=1)


def shift_years(d: date | None, years: int, *, end: bool) -> date | None:
    """``d`` moved by whole years; an end on the last day of a month stays on the last day (29 February)."""
    if d is None:
        return None
    if end and d == _last_day(d.year, d.month):
        return _last_day(d.year + years, d.month)
    return add_months(d, 12 * years)
