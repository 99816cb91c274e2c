"""The resolver: the last component, which ties each count to the period, unit and source it belongs to.

Period: the nearest period stated in the count's own sentence (months, quarters, halves, years, ranges), leaving
out the baseline of a comparison ("than in May 2023") unless the count is the baseline itself, and a period past
a clause break, which belongs to the next figure. A single day is a period only as an as-of day ("на 1 июля 2025
года", or the day of a sentence reporting a running total: "the General Staff said on 15.03.2024 that …"), or,
failing any period, as the day of the event a figure counts ("On 4 December the court sentenced three
servicemen"). "Since the invasion … as of 1 July 2025" in one sentence make one period; a daily addition
"(+870)" covers the as-of day. A figure that refers to another one (``whole``, found by
``extract.grammars.count_relations``) takes that figure's period: a restated figure always, a part unless it
states its own before it, a comparison when it states none. A sentence with no period takes the previous
sentence's when it clearly goes on about the same figures ("Of these", "из них"); otherwise the count takes the
period of the heading of its section (a short line standing alone, without a full stop) when it has one; a
line of a block (a list of figures) takes the period of the nearest line above that states one. Open-ended
cumulative periods ("since the war began", "с начала мобилизации") run to the publication date.

Unit and source: the nearest one in the count's sentence ("according to Mediazona", "из 155-й бригады бежали 40
военнослужащих").

Unit and source are written as the referenced mention's ``char_start`` in the doc; ``extract.nlp.analyze`` turns
them into indices of the result's ``units`` / ``sources`` lists once all segments are merged.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from datetime import date as date_type
from functools import cache
from typing import Any

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extract.grammars.count_relations import carries_on
from extract.grammars.date_values import shift_years
from extract.grammars.dates import find_dates
from extract.grammars.headings import heading_above, headings
from extract.grammars.sentences import Sentences
from extract.grammars.table_rows import CELL, is_row, title_above
from extract.nlp.spans import records, store, text_of

__all__ = ["Resolver", "make_resolver"]

#: words by which a sentence clearly goes on about the figures of the one before ("of them", "из них")
_CARRY_OVER = regex.compile(
    r"\b(?:of\s+(?:them|these|those|the\s+\S+)|among\s+them|that\s+is|this\s+is|of\s+which|of\s+whom|"
    r"из\s+(?:них|тех|этого\s+числа|этих)|среди\s+них|это\s+(?:почти|около|более|примерно)?|в\s+том\s+числе|"
    r"including|из\s+которых|in\s+total|in\s+all|overall|всего|в\s+общей\s+сложности|итого)\b",
    regex.IGNORECASE | regex.V1,
)
#: a small number in digits or words, as in a length of time ("девять месяцев", "six months")
_SOME = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|дв[аеу]|тр[иеё]\w*|четыр\w+|пят\w+|"
    r"шест\w+|сем\w+|восем\w+|девят\w+|десят\w+|одиннадцат\w+|двенадцат\w+)"
)
#: words that point back to a period stated earlier, among them a bare length of time ("За девять месяцев юристы
#: ответили на 19 640 обращений", "over those six months") or the quarter just named ("in the quarter", "за
#: квартал"): the period just stated, not one counted from today
_SAME_PERIOD = regex.compile(
    r"\b(?:за\s+(?:это|то\s+же|тот\s+же|этот)\s+(?:время|период)|в\s+(?:этот|тот\s+же)\s+период|"
    r"(?:in|over|during)\s+(?:that|this|the\s+same)\s+(?:time|period)|in\s+the\s+same\s+period|"
    rf"(?:за|в\s+течение)\s+(?:эти\s+|этих\s+)?(?:полгода|полтора\s+года|{_SOME}\s+(?:месяц\w*|недел\w*|лет|год\w*))|"
    rf"(?:in|over|during)\s+(?:those|these|the)\s+{_SOME}\s+(?:months|weeks|years)|"
    r"(?:in|over|during|for)\s+the\s+(?:quarter|half-year)(?!\s+(?:of|to|before|after|ending|ended)\b)|"
    r"за\s+(?:квартал|полугодие)(?!\s+\d|\s+(?:до|после)\b))\b",
    regex.IGNORECASE | regex.V1,
)
#: a same-period phrase that names the length of the period it points back to, and that length's date precision
_NAMED_LENGTH = regex.compile(r"quarter|half|квартал|полугоди", regex.IGNORECASE | regex.V1)
_LENGTHS = {"quarter": "quarter", "half": "half", "квартал": "quarter", "полугоди": "half"}
#: date phrases that are the baseline of a comparison by themselves
_BASELINE = regex.compile(
    r"\b(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|preceding)\s+year|годом\s+ранее|год\s+назад|"
    r"годом\s+раньше|годом\s+прежде)\b",
    regex.IGNORECASE | regex.V1,
)
#: a change that goes on to name its baseline ("twice the rate of a year earlier", "втрое больше, чем в январе")
_COMPARED_AFTER = regex.compile(
    r"[^.;]{0,40}?(?:\bthan\b|\bas\s+(?:many|much|high)\s+as\b|\bcompared\b|\ba\s+year\s+(?:earlier|before|ago)\b|"
    r"\bчем\b|\bпротив\b|\bпо\s+сравнению\b|\bгодом\s+(?:ранее|раньше)\b)",
    regex.IGNORECASE | regex.V1,
)
#: a count that is a running total ("общее число", "in total"): its period starts where the text's does
_TOTAL = regex.compile(r"\b(?:общее\s+число|общая\s+численность|всего|в\s+общей\s+сложности|in\s+total|overall|"
                       r"total\s+number|cumulative)\b", regex.IGNORECASE | regex.V1)  # fmt: skip
#: "since" said in words the date extractor leaves outside the date ("с момента запуска в сентябре 2022 года")
_SINCE = regex.compile(r"(?:\bс\s+момента\b|\bс\s+начала\b|\bsince\b|\bстарта\b)[^.;]*$", regex.IGNORECASE | regex.V1)
#: a forecast figure that adds to what there is ("another 1,600", "ещё не менее 1 200")
_MORE = regex.compile(r"\b(?:another|a\s+further|ещ[её])\b", regex.IGNORECASE | regex.V1)
#: a clause break after a count: a period beyond it belongs to the next figure
_NEXT_CLAUSE = regex.compile(
    r"[;—–]|,\s+(?:а|и|но|хотя|тогда\s+как|в\s+то\s+время\s+как|while|whereas|although|though|and|but)\b",
    regex.IGNORECASE | regex.V1,
)
#: a date that labels the figure after it in an enumeration ("в 2024-м — 12 410, в 2025-м — 19 870")
_LABELS_NEXT = regex.compile(
    r"[^\S\n]*[—–][^\S\n]*(?=[\d(]|(?:около|почти|более|свыше|менее|не\s+менее|примерно|ещ[её]|уже|about|nearly|"
    r"almost|over|more\s+than|some|roughly|just)\b)",
    regex.IGNORECASE | regex.V1,
)
#: words that introduce the baseline of a comparison; a date after them belongs to the baseline figure
_COMPARISON = regex.compile(
    r"(?:(?<!\b(?:more|less|fewer|greater|rather|other|higher|lower)\s)\bthan\b|"
    r"\b(?:more|less|fewer|greater|higher|lower)\s+than\s+(?=(?:in|during|at|on|over|last|the\s+previous|a\s+year)\b)|\bcompared\s+(?:with|to)\b|\bas\s+(?:many|much|high|large)\s+as\b|\bagainst(?=\s*$|\s+(?:\d|about|around|nearly|some|more|over|just))|\bup\s+from\b|\bdown\s+from\b|\bversus\b|\bvs\.?|"
    r"(?<!\b(?:более|менее|больше|меньше|выше|ниже)\s)\bчем\b|\bпо\s+сравнению\s+с\b|\bпротив(?=\s*$|\s+(?:\d|около|почти|примерно|более|свыше))|\bв\s+сравнении\s+с\b|\bотносительно\b)[^.;]*$",
    regex.IGNORECASE | regex.V1,
)


#: a period, the ``char_start`` of the date mention that states it, and how the count came by it
#: (``Count.period_basis``)
_Found = tuple[dict[str, str | None] | None, int | None, str | None]


def _from(other: dict, basis: str = "whole") -> _Found:
    """The period of another figure, with the date that states it: a related one's (``whole``), or the one
    before it in the paragraph that this sentence goes on about (``paragraph``)."""
    return other["period"], other.get("period_date"), basis


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if b_start >= a_end:
        return b_start - a_end
    if a_start >= b_end:
        return a_start - b_end
    return 0


def _period(date: dict[str, Any], published: str | None) -> dict[str, str | None] | None:
    start, end = date.get("start"), date.get("end")
    if start is None and end is None:
        return None
    if end is None and start is not None and published and published >= start:
        end = published  # cumulative: "since the war began" runs to the publication date
    return {"start": start, "end": end}


class Resolver:
    """Links counts to periods, units and sources by position within sentences."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        counts = records(doc, "counts")
        if not counts:
            return doc
        all_dates = records(doc, "dates")
        if all_dates:
            counts = _outside_dates(doc, counts, all_dates)
        text = text_of(doc)
        sentences = Sentences(text)
        published = doc.user_data.get("published")
        # days date events, not periods; but a day "as of" which a figure is given ends its period
        as_of = _as_of_days(text, all_dates, sentences)
        dates = sorted([d for d in all_dates if d.get("precision") != "day"] + as_of, key=lambda d: d["char_start"])
        # the other days date events: a figure of that event covers that day ("On 4 December the court sentenced
        # three servicemen"), when its sentence states no period
        taken = {d["char_start"] for d in as_of}
        event_days = [d for d in all_dates if d.get("precision") == "day" and d["char_start"] not in taken]
        units, sources = records(doc, "units"), records(doc, "sources")
        by_start = {c["char_start"]: c for c in counts}
        breaks = [m.start() for m in regex.finditer(r"\n\n", text)]
        heads = headings(text)
        by_date = {d["char_start"]: d for d in dates}
        tops: dict[int, int] = {}  # table lines -> where their table starts (each table is walked up once)
        # the counts with a period of their own so far; the last one a sentence going on about it may carry over
        donors: list[dict] = []
        baselines: set[int] = set()  # dates of the baselines of comparisons so far
        moved: set[int] = set()  # year-less dates moved a year ahead for a forecast
        for count in counts:
            first, last = sentences.bounds(count["char_start"], count["char_end"])
            donor = donors[-1] if donors else None
            whole = by_start.get(count.get("whole"))  # type: ignore[arg-type]
            found: _Found = (None, None, None)
            if whole is not None and count["relation"] == "restated":
                found = _from(whole)  # "Of the 2,012, …": the figure stated before
            elif whole is not None and count["relation"] == "part":
                # "Of these, 1,240 …": the whole's period, unless the part states its own before it
                own = [d for d in dates if first <= d["char_start"] and d["char_end"] <= count["char_start"]]
                own = [d for d in own if not _is_comparison(text, d, first)]
                found = (_period(own[-1], published), own[-1]["char_start"], "clause") if own else _from(whole)
            else:
                found = self._period(text, count, dates, sentences, first, last, published, tops, baselines)
            if found[0] is None and whole is not None and count["relation"] == "comparison":
                # "twice as many as in September 2023": the figure compared; but "Годом ранее таких дел было 11 902,
                # то есть их число выросло более чем вдвое" describes the later figure (gold clarification 3)
                baseline = _is_baseline(by_date.get(whole.get("period_date")))  # type: ignore[arg-type]
                found = _from(donor, "paragraph") if baseline and donor is not None else _from(whole)
            if found[0] is None:
                days = [d for d in event_days if first <= d["char_start"] and d["char_end"] <= last]
                days = [d for d in days if not _is_comparison(text, d, first)]
                if days:
                    day = min(days, key=lambda d: self._rank(text, count, d))
                    found = ({"start": day["start"], "end": day["end"]}, day["char_start"], "event_day")
            # a sentence that is no rate or present stock may go on about a period stated before it
            goes_on = found[0] is None and carries_on(self.lang, text[first:last])
            if goes_on and self._paragraph_period(text, count, donor, breaks):
                found = _from(donor, "paragraph")
            if goes_on and found[0] is None:
                # the section's heading may state the period ("Первое полугодие 2025")
                found = _heading_period(heads, count["char_start"], dates, published)
            if goes_on and found[0] is None and _DATASET.search(text, first, last):
                found = _dataset_period(text, first, dates, sentences, published)
            if _is_change(count):
                paragraph = bisect_left(breaks, count["char_start"])
                same = [d for d in donors[-2:] if bisect_left(breaks, d["char_end"]) == paragraph]
                later = _later(text, count, found, same, by_date, counts, (first, last)) if same else found
                if later[1] != found[1] and found[1] is not None:
                    baselines.add(found[1])  # the period the change compares with: not "the same period" later
                found = later
            if count["projection"] and found[1] is not None and published:
                found = _ahead(found, by_date.get(found[1]), published, moved)
            period, date, basis = found
            if period and period["end"] and text[max(0, count["char_start"] - 2) : count["char_start"]].endswith("+"):
                period = {"start": period["end"], "end": period["end"]}  # "(+870)": the day's addition
            count["period"], count["period_basis"] = period, basis if period else None
            count["period_date"] = date if period else None
            if count["relation"] == "baseline" and date is not None:
                baselines.add(date)
            earlier = date is not None and _is_baseline(by_date.get(date))  # "Годом ранее …", "the same months of 2024"
            if period is not None and not count["projection"] and count["relation"] != "baseline" and not earlier:
                donors.append(count)
            count["unit"] = self._nearest(count, units, first, last)
            count["source"] = self._nearest(count, sources, first, last)
        return doc

    def _period(self, text: str, count: dict, dates: list[dict], sentences: Sentences, first: int, last: int,
                published: str | None, tops: dict[int, int], baselines: set[int]) -> _Found:  # fmt: skip
        if is_row(text, first, last):
            # a row of a table by quarter or month: its label ("I квартал", "Январь") in the title's year
            part = _table_title_period(text, count["char_start"], dates, published, tops, self.lang)
            if part[2] in ("table_row", "table_column"):
                return part
        baseline = _COMPARISON.search(text, max(first, count["char_start"] - 60), count["char_start"])
        # the count is itself the baseline ("than in May 2023, when courts registered 183"), unless a new clause
        # starts between them ("на 18% больше, чем в апреле, и в 2,5 раза больше")
        compared = baseline is not None and not _clause_break(text, baseline.start(), count["char_start"], dates)
        here = [
            d for d in dates
            if first <= d["char_start"] and d["char_end"] <= last
            and (compared or not _is_comparison(text, d, first) or _leads_clause(text, d, count, first, dates))
        ]  # fmt: skip
        if here:
            best = min(here, key=lambda d: self._rank(text, count, d))
            period = _combined(here) or _period(best, published)
            if (
                period
                and period["end"]
                and _SINCE.search(text, max(first, best["char_start"] - 40), best["char_start"])
            ):
                period = {"start": period["start"], "end": published}  # "с момента запуска в сентябре 2022 года"
            if (
                period
                and period["start"] is None
                and (period["end"] or "").endswith("-12-31")
                and count["projection"]
                and not _MORE.search(text, max(first, count["char_start"] - 12), count["char_start"])
            ):
                # "will flee by the end of the year": over that year, or, for a running total, since the text's start;
                # "another 1,600 by the end of 2025", "ещё не менее 1 200" stay open: more from today on
                total = _TOTAL.search(text, first, last) is not None
                earlier = [d["start"] for d in dates if d.get("start") and d["char_end"] <= first]
                start = min(earlier) if total and earlier else period["end"][:4] + "-01-01"
                period = {"start": start, "end": period["end"]}
            return period, best["char_start"], "clause"
        same = _SAME_PERIOD.search(text, first, last)
        if same:
            # "за это время", "over the same period": the last period stated before, wherever it was, that is no
            # comparison's baseline; "in the quarter", "за квартал": the last quarter stated
            length = _NAMED_LENGTH.search(same.group())
            before = [
                d for d in dates
                if d["char_end"] <= first and d["char_start"] not in baselines and not _is_comparison(text, d, 0)
                and (length is None or d.get("precision") == _LENGTHS[length.group().lower()])
            ]  # fmt: skip
            if before:
                return _period(before[-1], published), before[-1]["char_start"], "same_period"
        # Nothing in the sentence: the previous sentence of the paragraph may carry the period over.
        carried = _CARRY_OVER.search(text, first, count["char_end"]) is not None
        # consecutive lines of one block (a list, a table, a list of losses) share the period of their head line
        in_block = "\n" in text[max(0, first - 3) : first]
        in_row = in_block and is_row(text, first, last)
        cur, steps = first, 0
        # the previous sentence; in a block of lines, the nearest line above that states a period
        while (carried or in_block) and cur >= 2 and "\n\n" not in text[max(0, cur - 2) : cur] and steps < 12:
            p_first, p_last = sentences.bounds(cur - 2, cur - 1)
            before = [d for d in dates if p_first <= d["char_start"] and d["char_end"] <= p_last]
            before = [d for d in before if not _is_comparison(text, d, p_first)]
            if in_row and is_row(text, p_first, p_last):
                before = []  # the label of another row of a table ("Март\t934" above "Итого\t12 310")
            if before:
                basis = "list" if in_block else "previous_sentence"
                return _period(before[-1], published), before[-1]["char_start"], basis
            if not (in_block and "\n" in text[max(0, p_first - 3) : p_first]):
                break
            cur, steps = p_first, steps + 1
        if in_block:
            return _table_title_period(text, count["char_start"], dates, published, tops, self.lang)
        return None, None, None

    @staticmethod
    def _paragraph_period(text: str, count: dict, donor: dict | None, breaks: list[int]) -> bool:
        """Whether the count, in a sentence going on about the figures before it, takes the period of ``donor``,
        the last figure before this one that has a period of its own (not a forecast's or a baseline's): when it
        stands in the same paragraph ("… 18 746 cases since September 2022. Desertion cases remain far rarer, at
        fewer than 1,100"); not for shares (of callers, of the dead: mostly said of no period). ``breaks``: where
        the text's paragraph breaks are."""
        if donor is None or count["kind"] != "count" or count["projection"]:
            return False
        # the same paragraph, or a list introduced right after it ("\n\nПо категориям:")
        between = bisect_left(breaks, count["char_start"]) - bisect_left(breaks, donor["char_end"])
        return between == 0 or (
            between == 1 and _LIST_AFTER_BREAK.search(text, donor["char_end"], count["char_start"]) is not None
        )

    @staticmethod
    def _rank(text: str, count: dict, date: dict) -> tuple[int, int]:
        distance = _distance(count["char_start"], count["char_end"], date["char_start"], date["char_end"])
        after = date["char_start"] >= count["char_end"]
        if after and (
            _NEXT_CLAUSE.search(text, count["char_end"], date["char_start"])
            or _LABELS_NEXT.match(text, date["char_end"])
        ):
            # "800 человек, а за первое полугодие 2025 года — почти 5 тыс.", "1 880 дел, в феврале — 2 150": the
            # next figure's
            distance += 100
        return distance, 1 if after else 0

    @staticmethod
    def _nearest(count: dict, mentions: list[dict], first: int, last: int) -> int | None:
        here = [m for m in mentions if first <= m["char_start"] and m["char_end"] <= last]
        if not here:
            return None
        best = min(
            here,
            key=lambda m: _distance(count["char_start"], count["char_end"], m["char_start"], m["char_end"]),
        )
        return best["char_start"]


def _leads_clause(text: str, date: dict, count: dict, first: int, dates: list[dict]) -> bool:
    """ "A year earlier" opening the count's own clause is the count's period, not a baseline's: "Годом ранее
    таких дел было 11 902" (not "4 200 дел — вдвое больше, чем годом ранее")."""
    return (
        count["kind"] == "count"
        and date["char_end"] <= count["char_start"]
        and _is_baseline(date)
        and _COMPARISON.search(text, max(first, date["char_start"] - 30), date["char_start"]) is None
        and not _clause_break(text, date["char_end"], count["char_start"], dates)
    )


def _ahead(found: _Found, date: dict | None, published: str, moved: set[int]) -> _Found:
    """A forecast's year-less date is the next one, not the last: "к концу июня мы недосчитаемся ещё около сотни",
    published in May 2026, means June 2026 ("by the end of March, 1,020 had been detained" stays the last March).
    The date mention is moved with it."""
    period = found[0]
    if (
        date is None
        or not date.get("relative")
        or not str(date.get("rule", "")).startswith("until:")
        or period is None
        or not period["end"]
        or period["end"] >= published
    ):
        return found
    if date["char_start"] not in moved:
        for key in ("start", "end"):
            if date.get(key):
                date[key] = _next_year(date[key], end=key == "end")
        moved.add(date["char_start"])
    ahead = {key: _next_year(value, end=key == "end") if value else value for key, value in period.items()}
    return ahead, found[1], found[2]


def _next_year(day: str, *, end: bool) -> str:
    moved = shift_years(date_type.fromisoformat(day), 1, end=end)
    return moved.isoformat() if moved else day


def _is_change(count: dict) -> bool:
    """A factor or a change in per cent between two figures ("вдвое больше", "an increase of about 39%")."""
    return not count["projection"] and (
        count["kind"] == "multiplier" or (count["kind"] == "share" and count["relation"] == "comparison")
    )


def _later(
    text: str, count: dict, found: _Found, donors: list[dict], dates: dict[int, dict], counts: list[dict],
    bounds: tuple[int, int],
) -> _Found:  # fmt: skip
    """A change compares two periods and takes the later one, the period of the figure it describes (gold
    clarification 3): "In the same months of 2024 the courts passed 6,050, so the number has nearly doubled" is
    the 2025 figure's, stated before. ``donors``: the last one or two figures with a period of their own before it
    in its paragraph. A period stated in the change's own clause stays ("tripled between March and May 2024"), but not
    one that another figure stands between ("За январь — сентябрь 2024 года … насчитало 310, то есть их стало в
    два с половиной раза больше")."""
    period, at, _ = found
    date = dates.get(at) if at is not None else None
    first, last = bounds
    if date is not None and first <= date["char_start"] and date["char_end"] <= last:
        lo, hi = sorted((date["char_end"], count["char_start"]))
        own = not _is_comparison(text, date, first) and not _clause_break(text, lo, hi, dates.values())
        if own and not any(lo <= c["char_start"] < hi for c in counts):
            return found
    # the two figures compared are the last two before it; one in its own sentence, when the change goes on to
    # name the baseline ("34 дела — почти втрое больше, чем в январе"), is the one it describes
    described = donors[-1]
    if len(donors) > 1 and not (first <= described["char_start"] and _COMPARED_AFTER.match(text, count["char_end"])):
        described = max(donors, key=lambda d: d["period"]["end"] or "")
    if period is None or (described["period"]["end"] or "") > (period["end"] or ""):
        return _from(described, "paragraph")
    return found


def _clause_break(text: str, start: int, end: int, dates: Collection[dict]) -> bool:
    """A clause break between ``start`` and ``end``, not counting the dash of a date range ("январь — октябрь")."""
    return any(
        not any(d["char_start"] <= m.start() < d["char_end"] for d in dates)
        for m in _NEXT_CLAUSE.finditer(text, start, end)
    )


def _outside_dates(doc: Doc, counts: list[dict], dates: list[dict]) -> list[dict]:
    """Numbers inside a date or period ("с 1 по 15 марта", "15–20 March") are days, not counts."""
    keep = [
        i for i, c in enumerate(counts)
        if not any(d["char_start"] <= c["char_start"] and c["char_end"] <= d["char_end"] for d in dates)
    ]  # fmt: skip
    if len(keep) < len(counts):
        spans = list(doc.spans["counts"])
        store(doc, "counts", [spans[i] for i in keep], [counts[i] for i in keep])
    return [counts[i] for i in keep]


#: a paragraph that is a list introduced by a line of its own ("По категориям:", "By article:")
_LIST_AFTER_BREAK = regex.compile(r"\n\n[^\n]{1,60}:\n", regex.V1)


def _heading_period(heads: list[tuple[int, int]], pos: int, dates: list[dict], published: str | None) -> _Found:
    """The period of the nearest heading above ``pos`` (``heads``: the text's headings), if it states one
    ("Первое полугодие 2025")."""
    heading = heading_above(heads, pos)
    if heading is None:
        return None, None, None
    inside = [d for d in dates if heading[0] <= d["char_start"] and d["char_end"] <= heading[1]]
    return (_period(inside[-1], published), inside[-1]["char_start"], "heading") if inside else (None, None, None)


def _title_date(dates: list[dict]) -> dict:
    """The date of a title or introduction that states a dataset's period: a closed range before an as-of day
    ("за период с 01.01.2025 по 31.05.2025 (по состоянию на 01.06.2025)"), else the last one."""
    return next((d for d in dates if d.get("start") and d.get("end")), dates[-1])


def _table_title_period(
    text: str, pos: int, dates: list[dict], published: str | None, tops: dict[int, int], lang: str
) -> _Found:
    """The period of the title above a table ("СВЕДЕНИЯ … за период с 01.01.2025 по 31.05.2025 (по состоянию на
    01.06.2025)", "Table 2. AWOL cases by unit, January–May 2025") for a figure in a row of it: the paragraph just
    before the table, when it is short and states a period. A closed range there is the table's period before an
    as-of day. A row whose label names a quarter, half or month of the title's year covers that part of it
    (``table_row``); a cell whose column's header names a year or other period covers the part of the table's period
    it names (``table_column``: "2023", "2022*" of a table from September 2022). ``pos``: the figure's position.
    ``tops``: the start of the table of each line already read (-1: not under a blank line), so each
    table is walked up once."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if not is_row(text, line_start, len(text) if line_end < 0 else line_end):
        return None, None, None
    top, walked = line_start, []
    while top not in tops and top > 1 and text[top - 2] != "\n":  # up the table's lines, to the blank line
        walked.append(top)
        above = text.rfind("\n", 0, top - 1) + 1
        if not is_row(text, above, top - 1):
            top = -1  # the table has a line of prose above it in its own block
            break
        top = above
    top = tops.get(top, top)
    for line in walked:
        tops[line] = top
    title = title_above(text, top) if top >= 0 else None
    if title is None:
        return None, None, None
    title_start, title_end = title
    inside = [d for d in dates if title_start <= d["char_start"] and d["char_end"] <= title_end]
    inside = [d for d in inside if not _is_comparison(text, d, title_start)]
    if not inside:
        return None, None, None
    best = _title_date(inside)
    period = _period(best, published)
    if period is None:
        return None, None, None
    end = len(text) if line_end < 0 else line_end
    first_cell = CELL.search(text, line_start, end)
    row = _row_period(text[line_start : first_cell.start()].strip(), period, lang) if first_cell else None
    column = None
    if top < line_start:  # a row below the header line: the header of its column may name a year
        headers = CELL.split(text[top : text.find("\n", top)])
        index = len(CELL.findall(text, line_start, pos))
        column = (
            _within(_label_dates(headers[index].strip(" *"), lang), row or period) if index < len(headers) else None
        )
    if column:
        return column, best["char_start"], "table_column"
    return (row, best["char_start"], "table_row") if row else (period, best["char_start"], "table_title")


@cache
def _label_dates(label: str, lang: str) -> tuple[str, str, str] | None:
    """(start, end, precision) of the date a table label is, whole ("2023", "Q1 2025", "Январь 2025"), or None."""
    if not 1 < len(label) <= 25:
        return None
    found = find_dates(label, lang, None)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(label) or found[0].start_date is None:
        return None
    return str(found[0].start_date), str(found[0].end_date), found[0].precision


def _within(found: tuple[str, str, str] | None, period: dict[str, str | None]) -> dict[str, str | None] | None:
    """The part of ``period`` a label's dates cover ("2022*" of a table from September 2022 to July 2025:
    2022-09-01 to 2022-12-31); None when they cover all of it or none."""
    if found is None or found[1] is None or found[1] == "None":
        return None
    start = max(found[0], period["start"]) if period["start"] else found[0]
    end = min(found[1], period["end"]) if period["end"] else found[1]
    if start > end or (start == period["start"] and end == period["end"]):
        return None
    return {"start": start, "end": end}


def _row_period(label: str, period: dict[str, str | None], lang: str) -> dict[str, str | None] | None:
    """A row of a table by quarter or month ("Q1\t2,760\t210 …" under "Table 1. Cases received in 2025, by
    quarter") covers the part of the title's year its label names."""
    start, end = period["start"], period["end"]
    if not start or not end or start[:4] != end[:4] or not 1 < len(label) <= 20:
        return None
    found = _label_dates(f"{label} {start[:4]}", lang)
    if found is None or found[2] == "year" or not (start <= found[0] and found[1] <= end):
        return None
    return {"start": found[0], "end": found[1]}


#: words naming a dataset: a list, a leaked file, its records ("the list also includes 4,112 officers",
#: "1 102 записей", "в графе «статья»")
_DATASET = regex.compile(
    r"\b(?:records?|entries|names|notices|rows|list|file|document|leak|spreadsheet|database|register|dataset|cards|"
    r"archive|ledger|запис(?:ей|и|ь)|фамили[йяи]|строк\w*|анкет\w*|карточ\w*|спис(?:ок|ка|ке|ком|ки|ков)|спискам\w*|"
    r"выгрузк\w*|документ\w*|справк\w*|таблиц\w*|реестр\w*|граф[еау]|архив\w*|ведомост\w*|приказ(?:ов|ы|ах|ам)|"
    r"приказами)\b",
    regex.IGNORECASE | regex.V1,
)


def _dataset_period(text: str, first: int, dates: list[dict], sentences: Sentences, published: str | None) -> _Found:
    """The period a dataset covers, for a figure read off it ("Список охватывает период с октября 2022 года по 14
    марта 2025 года" … "Больше всего записей относится к 1-му батальону — 389"): that of the sentence introducing
    it, the first one of the text that names a dataset and states a period (later ones tend to break it down:
    "в 2024 году в список попали …")."""
    before = [d for d in dates if d["char_end"] <= first]
    seen: set[int] = set()
    for d in before:
        s_first, s_last = sentences.bounds(d["char_start"], d["char_end"])
        if s_first in seen:
            continue
        seen.add(s_first)
        if not _DATASET.search(text, s_first, s_last):
            continue
        here = [x for x in before if s_first <= x["char_start"] and x["char_end"] <= s_last]
        here = [x for x in here if not _is_comparison(text, x, s_first)]
        if not here:
            continue
        best = _title_date(here)
        period = _combined(here) or _period(best, published)
        return period, best["char_start"], "dataset"
    return None, None, None


#: words before a day that make it the day a figure is given as of ("на 1 июля 2025 года", "as of 1 July")
_AS_OF = regex.compile(
    r"(?:\bas\s+(?:of|at)|\bпо\s+состоянию\s+на|\bна|\bdated|\bдатированн\w+|\bот)\s*$", regex.IGNORECASE | regex.V1
)


#: a sentence giving a running total or reporting one: its day is the day the figure is given as of ("the General
#: Staff reported the following cumulative figures on 30 June 2025", "said on 15.03.2024 that Russia had lost")
_REPORTED = regex.compile(
    r"\b(?:cumulative|in\s+total|overall|total|said|says|reported|reports|told|announced|stated|put|gave|"
    r"stood\s+at|estimated|всего|в\s+общей\s+сложности|общ(?:ие|ее|ая)|сообщ\w+|заяв\w+|оцени\w+|"
    r"привел\w*|назвал\w*|составил\w*)\b",
    regex.IGNORECASE | regex.V1,
)


def _as_of_days(text: str, dates: list[dict], sentences: Sentences) -> list[dict]:
    """Day dates introduced as the as-of day of a figure ("на 1 июля 2025 года"), or the day of a sentence
    that reports a running total, as open periods that end on that day."""
    out = []
    for d in dates:
        if d.get("precision") != "day" or not d.get("end"):
            continue
        first, last = sentences.bounds(d["char_start"], d["char_end"])
        if _AS_OF.search(text, max(0, d["char_start"] - 30), d["char_start"]) or _REPORTED.search(text, first, last):
            out.append({**d, "start": None, "precision": "range"})
    return out


def _combined(dates: list[dict]) -> dict | None:
    """ "Since the invasion … as of 1 July 2025" in one sentence: the open start and the as-of end make one period."""
    since = [d for d in dates if d.get("start") and not d.get("end")]
    as_of = [d for d in dates if d.get("end") and not d.get("start")]
    if since and as_of and since[0]["start"] <= as_of[0]["end"]:
        return {"start": since[0]["start"], "end": as_of[0]["end"]}
    return None


def _is_baseline(date: dict | None) -> bool:
    """A date that is the baseline of a comparison by itself: "a year earlier", "годом ранее", "the same months of
    2024" (a period moved into another year, ``relative.shift_to``)."""
    return date is not None and (
        date.get("rule") == "relative.shift_to" or _BASELINE.search(date.get("text", "")) is not None
    )


#: how far before a date the words introducing a comparison may stand ("almost twice as many as the southern courts
#: passed in the first quarter of 2024")
_COMPARED_WITHIN = 45


def _is_comparison(text: str, date: dict, first: int) -> bool:
    """A date introduced as the baseline of a comparison ("than in May 2023", "по сравнению с 2023-м", "a year
    earlier")."""
    if _is_baseline(date):
        return True
    return _COMPARISON.search(text, max(first, date["char_start"] - _COMPARED_WITHIN), date["char_start"]) is not None


@Language.factory("extract_resolver", assigns=["doc.user_data"])
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver(nlp.lang)
