"""The resolver: the last component, which ties each count to the period, unit and source it belongs to.

Period: the date or period stated in the count's own sentence, the nearest one, preferring periods (months,
quarters, halves, years, ranges) to single days, which are mostly event or publication dates; a sentence with
none takes the period of the previous sentence of the same paragraph when that sentence had one and the text
goes on about the same thing. Open-ended cumulative periods ("since the war began", "с начала мобилизации") run
to the publication date. Unit and source: the nearest one in the count's sentence ("according to Mediazona",
"из 155-й бригады бежали 40 военнослужащих").

Unit and source are written as the referenced mention's ``char_start`` in the doc; ``extract.nlp.analyze`` turns
them into indices of the result's ``units`` / ``sources`` lists once all segments are merged.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract.grammars.sentences import Sentences
from extract.nlp.spans import records

__all__ = ["Resolver", "make_resolver"]

_DAY_PENALTY = 200  # characters: a single day counts as a period only when no real period is near


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

    def __call__(self, doc: Doc) -> Doc:
        counts = records(doc, "counts")
        if not counts:
            return doc
        text = doc.text
        sentences = Sentences(text)
        published = doc.user_data.get("published")
        dates, units, sources = records(doc, "dates"), records(doc, "units"), records(doc, "sources")
        previous: tuple[int, dict | None] = (-1, None)  # (sentence end, its period)
        for count in counts:
            first, last = sentences.bounds(count["char_start"], count["char_end"])
            here = [d for d in dates if first <= d["char_start"] and d["char_end"] <= last]
            period = None
            if here:
                best = min(here, key=lambda d: self._rank(count, d))
                period = _period(best, published)
            elif previous[1] is not None and self._continues(text, previous[0], first):
                period = previous[1]
            count["period"] = period
            previous = (last, period) if here else previous
            count["unit"] = self._nearest(count, units, first, last)
            count["source"] = self._nearest(count, sources, first, last)
        return doc

    @staticmethod
    def _rank(count: dict, date: dict) -> tuple[int, int]:
        distance = _distance(count["char_start"], count["char_end"], date["char_start"], date["char_end"])
        penalty = _DAY_PENALTY if date.get("precision") == "day" else 0
        return distance + penalty, 0 if date["char_end"] <= count["char_start"] else 1

    @staticmethod
    def _continues(text: str, previous_end: int, first: int) -> bool:
        """The previous sentence ends right before this one, in the same paragraph."""
        gap = text[previous_end:first]
        return 0 <= previous_end <= first and "\n\n" not in gap and len(gap) < 5

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


@Language.factory("extract_resolver", assigns=["doc.user_data"])
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()
