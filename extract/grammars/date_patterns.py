"""The date rule families: one compiled alternation per family and language, built from ``models/dates/``.

Each family is a list of named templates (``(?P<t_name>...)``, tried in order at each position); the template
that matched tells ``extract.grammars.date_atoms`` how to read the groups. Families: ``anchor`` (event anchors),
``relative`` (phrases resolved against the publication date), ``period`` (quarters, halves, first months, seasons),
``daymonth`` (dates with a month name), ``numeric`` (digit dates) and ``year`` (years, year spans, decades).
"""

from __future__ import annotations

from functools import cache

import regex

from extract.grammars.date_tables import lexicon

__all__ = ["FAMILIES", "families"]

#: family names, in priority order for candidates of equal extent
FAMILIES = ("relative", "anchor", "period", "daymonth", "numeric", "year")

_FLAGS = regex.IGNORECASE | regex.V1
_L = r"(?<![\p{L}\d])"  # a word starts here
_R = r"(?!\p{L})"  # a word ends here
_YEAR4 = r"(?<![\d.,])(?:1[0-9]|20)\d\d(?!\d)"
_YWORD = {
    "ru": r"(?:-(?:й|го|м|му|ом))?(?:\s?(?:гг?\.|гг?(?!\p{L})|год(?:а|у|ом|е|ах|ами|ы|ов)?(?!\p{L})))?",
    "en": r"(?:\s?(?:a\.d\.|ad(?!\p{L})))?",
}
_YEAR2 = r"\d\d(?!\d)(?![:.,]\d)(?!\s*\p{L})"
_SEPY = r"(?:\s*,\s*|\s+(?:of|in|в)\s+|\s+)"
_RANGE = r"\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b|\bпо\b|\bдо\b)\s*(?:the\s+)?"


def _template(name: str, body: str) -> str:
    return f"(?P<t_{name}>{body})"


def _rows(name: str, prefix: str, rows: list[str]) -> str:
    """One template of table rows, each its own group ``<prefix><index>`` (see ``date_atoms.row_of``)."""
    return _template(name, rf"{_L}(?:" + "|".join(f"(?P<{prefix}{i}>{row})" for i, row in enumerate(rows)) + f"){_R}")


def _branches(head: str, tails: list[tuple[str, str]]) -> str:
    """Templates that start alike: the head once, then each template's tail as its own ``t_<name>`` group."""
    return head + "(?:" + "|".join(_template(name, tail) for name, tail in tails) + ")"


@cache
def families(lang: str) -> dict[str, regex.Pattern]:
    """The compiled families of ``lang``."""
    lx = lexicon(lang)
    yword = _YWORD[lang]
    mon = rf"(?<!\p{{L}})(?:{lx.month_re}){_R}"
    day_digits = (
        r"(?<![\d$€£₽¥]|[$€£₽¥]\s|\d[.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|-?(?:ого|его|го|ое|е|й))?(?!\d|[.,:]\d)"
    )
    ordinal = rf"(?<!\p{{L}})(?:{lx.ordinal_re}){_R}"

    def day(name: str) -> str:
        return f"(?P<{name}>{day_digits}|{ordinal})"

    def year(name: str = "y") -> str:
        return f"(?P<{name}>{_YEAR4}){yword}"

    slot = f"(?:{year()}|(?P<yref>(?<!\\p{{L}})(?:{lx.slot_re}){_R}))"
    year_or_2 = f"(?:{year()}|(?P<y2>{_YEAR2}))"
    period = f"(?P<per>(?:{lx.period_re})){_R}"
    season = f"(?P<season>(?<!\\p{{L}})(?:{lx.season_re})){_R}"
    det = f"(?P<det>(?<!\\p{{L}})(?:{lx.det_re}))"

    rmon = r"(?:the\s+)?(?P<rmon>this|current|next|following|coming|previous|last)\s+month(?!\p{L})"
    yearly = f"(?:{_SEPY}{year()})?"
    # templates that share their first part are factored (the day, the month or the year is read once)
    day_first = [
        *(
            [("dm_rel", rf"(?:\s+day)?\s+of\s+{rmon}"), ("dr_rel", rf"{_RANGE}{day('d2')}\s+(?:of|in)\s+{rmon}")]
            if lang == "en"
            else []
        ),
        ("dr_dm", rf"{_RANGE}{day('d2')}(?:\s+of\s+|\s*)(?P<mon>{mon}){yearly}"),
        ("dr_d_md", rf"{_RANGE}(?P<mon>{mon})\s+(?:the\s+)?{day('d2')}(?:\s*,?\s*{year()})?"),
        ("dlist", rf"\s*(?:,|\band\b|\bи\b)\s*{day('d2')}\s*(?P<mon>{mon}){yearly}"),
        ("dmy_sep", rf"\s*(?P<s>[-/.])\s*(?P<mon>{mon})\s*(?P=s)\s*{year_or_2}"),
        ("dmy", rf"(?:\s+day)?(?:\s+of\s+(?:the\s+month\s+of\s+)?|\s*)(?P<mon>{mon})(?:{_SEPY}{year_or_2})?"),
    ]
    month_first = [
        ("dr_md", rf"\s+(?:the\s+)?{day('d1')}{_RANGE}{day('d2')}(?:\s*,?\s*{year()})?"),
        ("mdy_sep", rf"(?P<s>[-/]){day('d1')}(?P=s){year_or_2}"),
        ("mdy", rf"(?:\s+the\s+|\s*,\s*|\s*){day('d1')}(?:(?:\s*,\s*|\s+of\s+|\s+){year_or_2})?"),
        ("my_ref", rf"(?:\s+of)?\s+(?P<yref>(?<!\p{{L}})(?:{lx.slot_re}){_R})"),
        ("my", rf"(?:\s*,\s*|\s+of\s+|\s+in\s+|\s*[-/]\s*|\s+){year_or_2}"),
        ("month", ""),
    ]
    year_first = [
        ("ymd_sep", rf"(?P<s>[-/])(?P<mon>{mon})(?P=s){day('d1')}"),
        ("ym", rf"(?:\s*,\s*|\s+)(?P<mon>{mon})"),
    ]
    daymonth = [
        _template(
            "dr_between",
            rf"{_L}(?:between|между)\s+(?:the\s+)?{day('d1')}\s+(?:and|и)\s+(?:the\s+)?"
            rf"{day('d2')}(?:\s+of\s+|\s*)(?P<mon>{mon}){yearly}",
        ),
        _branches(rf"(?:the\s+)?{day('d1')}", day_first),
        _branches(f"(?P<mon>{mon})", month_first),
        _branches(year(), year_first),
        _template("det_month", rf"{det}\s+(?P<mon>{mon})"),
    ]
    numeric = [
        _template(
            "nr_dd",
            r"(?<![\d.])(?P<d1>\d{1,2})\.(?:(?P<m1>\d{1,2})\.)?\s*(?:[-–—/]|\bпо\b)\s*"
            rf"(?P<d2>\d{{1,2}})\.(?P<m2>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d\d)(?!\d){yword}",
        ),
        _template(
            "nr_d",
            r"(?<![\d.])(?P<d1>\d{1,2})\s*[-–—]\s*(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\."
            rf"(?P<y>\d{{4}}|\d\d)(?!\d){yword}",
        ),
        _template("ymd", r"(?<![\d.])(?P<y>(?:1[0-9]|20)\d\d)(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)"),
        _template("dmy4", r"(?<![\d.])(?P<a>\d{1,2})(?P<s>[-/.])\s?(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})(?!\d)" + yword),
        _template("dmy2", r"(?<![\d.])(?P<a>\d\d)(?P<s>\.)\s?(?P<b>\d\d)(?P=s)(?P<y>\d\d)(?!\d)(?![.,]\d)" + yword),
        _template("mdy2", r"(?<![\d.])(?P<a>\d{1,2})(?P<s>[-/])(?P<b>\d{1,2})(?P=s)(?P<y>\d\d)(?!\d)(?![.,/-]\d)"),
        _template("ym_num", r"(?<![\d.])(?P<y>(?:1[0-9]|20)\d\d)(?P<s>[-/])(?P<m>0?[1-9]|1[0-2])(?!\d)"),
        _template("my_num", r"(?<![\d.,])(?P<m>0?[1-9]|1[0-2])(?P<s>[-/.])(?P<y>(?:1[0-9]|20)\d\d)(?!\d)" + yword),
    ]
    year_family = [
        _template("decade", rf"{_L}(?:the\s+)?(?P<dec>(?:1[0-9]|20)\d0)(?:['’]?s|\ss){_R}"),
        _template(
            "decade_ru",
            rf"{_L}(?P<dec>(?:1[0-9]|20)?\d0)-(?:е|х|ые|ых){_R}(?!\s*(?:{lx.month_re}))"
            r"(?:\s+(?:годы|годов|годах|гг\.))?",
        ),
        _template("year_named", rf"{_L}(?:(?:the\s+)?(?:calendar\s+|fiscal\s+)?year\s+(?:of\s+)?|год\s?){year()}"),
        _template(
            "year_span",
            # not "в 2025-м — 13 140": the figure after a dash, its thousands grouped
            rf"{year()}\s*[-–—/]\s*(?!(?:0\d|1[0-2])(?!\d))(?P<y2>\d\d)(?!\d)(?![\s\u00a0\u202f]\d{{3}}(?!\d)){yword}",
        ),
        _template("year", year()),
    ]
    period_family = [
        _template(
            "first_months",
            rf"{_L}(?:(?:the\s+)?first\s+|(?:первые|первых)\s+)?(?P<n>{lx.count_re})\s+"
            rf"(?:months|месяц(?:а|ев))\s+(?:of\s+)?{slot}",
        ),
        _template("per_year", rf"{_L}(?:the\s+)?{period}(?:\s*,\s*|\s+of\s+|\s*-\s*|\s+){slot}"),
        _template("year_per", rf"{year()}\s*-?\s*(?:the\s+)?{period}"),
        _template("per", rf"{_L}(?:the\s+)?{period}"),
        _template(
            "season_year",
            rf"{_L}(?:the\s+)?{season}(?:\s+of)?\s+(?:(?P<y>{_YEAR4})"
            rf"(?:\s*[-–—/]\s*(?P<y2>\d{{4}}|\d\d)(?!\d))?{yword}|(?P<yref>(?:{lx.slot_re}){_R}))",
        ),
        _template("det_season", rf"{det}\s+{season}"),
        _template("season", rf"{_L}(?:the\s+)?{season}"),
    ]
    sources = {
        "relative": [_rows("relative", "r", [row.pattern.pattern for row in lx.relative_any])],
        "anchor": [_rows("anchor", "a", [pattern.pattern for pattern, _ in lx.anchors])],
        "period": period_family,
        "daymonth": daymonth,
        "numeric": numeric,
        "year": year_family,
    }
    return {name: regex.compile("|".join(parts), _FLAGS) for name, parts in sources.items()}
