"""The unit grammar: military units named in running text, with their contract fields and canonical id.

Four kinds of mention, each from its own tables in ``models/units/`` (see its README):

* military unit numbers: "в/ч 12345", "войсковой части № 12345", "military unit 12345" → ``vch-12345``
  (``extract.grammars.unit_numbers``);
* full designations: an ordinal ("155th", "155-й"), modifiers ("Separate", "гвардейской"), capitalised honorific
  names ("Кантемировской"), branch words ("Marine", "танковой") and an echelon word in any case ("Brigade",
  "бригады"), with a branch after it in Russian ("бригады морской пехоты") → ``155-brigade-naval_infantry``;
* abbreviated designations: "155 обрмп", "1 гв. ТА", "4 гв. тд", "58th CAA";
* named formations: Storm-Z, military districts, fleets, flotillas → ``storm-z``, ``military_district-southern``.

``guards`` is true when the mention says so (Guards, гвардейская, гв.), false when it states a full designation
without it (what "full" takes per echelon is the ``complete_when`` column of ``echelons.tsv``; for abbreviations,
the ``guards`` column), null otherwise. Plain text in, no spaCy; overlapping candidates keep the longest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.unit_numbers import find_unit_numbers, unit_number_id
from extract.grammars.unit_tables import END, FLAGS, abbreviations, complete_when, fold, named, words

__all__ = ["UnitMatch", "find_units", "unit_id"]


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit mention: the contract's fields, exact offsets and the rule that fired."""

    start: int
    end: int
    military_unit_number: str | None
    number: int | None
    echelon: str | None
    branch: str | None
    guards: bool | None
    id: str
    rule: str


def unit_id(number: int | None, echelon: str | None, branch: str | None) -> str:
    """``<number>-<echelon>[-<branch>]`` (``155-brigade-naval_infantry``, ``155-brigade``)."""
    return "-".join(str(part) for part in (number, echelon, branch) if part is not None)


# -- numbers ---------------------------------------------------------------------------------------------------

_BEFORE = r"(?<![\p{L}\d.,/])"  # not inside a word, a decimal, a date or a fraction
_ORDINAL_RU = "ый|ий|ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми|й|я|е|го|му|ю|м|х"
_NUMBER = {
    "en": _BEFORE + r"(?P<num>\d{1,4})(?:st|nd|rd|th)" + END,
    "ru": _BEFORE + rf"(?P<num>\d{{1,4}})-?(?:{_ORDINAL_RU}){END}",
}
#: abbreviations also follow a bare number ("155 обрмп", "58 CAA")
_ABBR_NUMBER = {
    "en": _BEFORE + r"(?P<num>\d{1,4})(?:st|nd|rd|th)?",
    "ru": _BEFORE + r"(?P<num>\d{1,4})(?:-?(?:ый|ий|ой|ая|ого|ую|й|я|го|ю|м))?",
}
_GAP = regex.compile(r"[ \u00a0]+")
_HONORIFIC = {
    "en": regex.compile(rf"\p{{Lu}}\p{{Ll}}+(?:-\p{{Lu}}?\p{{Ll}}+)?{END}", regex.V1),
    "ru": regex.compile(
        rf"\p{{Lu}}\p{{Ll}}*(?:-\p{{Lu}}?\p{{Ll}}+)*(?:ая|ой|ую|ий|ый|ого|ому|ым|им|ом|ие|ые|их|ых){END}", regex.V1
    ),
}
_MAX_HONORIFICS = 2


@cache
def _number_pattern(lang: str) -> regex.Pattern:
    return regex.compile(_NUMBER[lang], FLAGS)


def _guards(lang: str, echelon: str, branch: str | None, marks: set[str]) -> bool | None:
    if "guards" in marks:
        return True
    need = complete_when(lang).get(echelon, "-")
    if need == "branch" and branch:
        return False
    if need == "separate+branch" and branch and "separate" in marks:
        return False
    return None


def _designation(text: str, lang: str, m: regex.Match) -> UnitMatch | None:
    """Walk the words after an ordinal: modifiers, honorifics and branches up to an echelon word."""
    tables = words(lang)
    pos, branch, marks, honorifics = m.end(), None, set(), 0
    while (gap := _GAP.match(text, pos)) is not None:
        at = gap.end()
        if (found := tables["echelon"].match(text, at)) is not None:
            end, echelon = found
            post = _GAP.match(text, end)
            if post is not None and (after := tables["branch_post"].match(text, post.end())) is not None:
                end, branch = after[0], branch or after[1]
            number = int(m["num"])
            guards = _guards(lang, echelon, branch, marks)
            return UnitMatch(
                m.start(), end, None, number, echelon, branch, guards, unit_id(number, echelon, branch), "designation"
            )
        if (found := tables["branch_pre"].match(text, at)) is not None:
            pos, branch = found
        elif (found := tables["modifier"].match(text, at)) is not None:
            pos = found[0]
            marks.add(found[1])
        elif honorifics < _MAX_HONORIFICS and (hon := _HONORIFIC[lang].match(text, at)) is not None:
            pos, honorifics = hon.end(), honorifics + 1
        else:
            return None
    return None


def _designations(text: str, lang: str) -> list[UnitMatch]:
    out = [_designation(text, lang, m) for m in _number_pattern(lang).finditer(text)]
    return [u for u in out if u is not None]


def _abbreviated(text: str, lang: str) -> list[UnitMatch]:
    table = abbreviations(lang, _ABBR_NUMBER[lang])
    out = []
    for m in table.pattern.finditer(text):
        entry = table.lookup(m["abbr"])
        if entry is None:
            continue
        number = int(m["num"])
        guards = True if m["gv"] else entry.guards
        echelon, branch = entry.echelon, entry.branch
        out.append(
            UnitMatch(
                m.start(),
                m.end(),
                None,
                number,
                echelon,
                branch,
                guards,
                unit_id(number, echelon, branch),
                "abbreviation",
            )
        )
    return out


def _named(text: str, lang: str) -> list[UnitMatch]:
    return [
        UnitMatch(m.start(), m.end(), None, None, row.echelon, None, None, row.id, "named")
        for row in named(lang)
        for m in row.pattern.finditer(text)
    ]


def _numbers(text: str, lang: str) -> list[UnitMatch]:
    return [
        UnitMatch(start, end, number, None, None, None, None, unit_number_id(number), rule)
        for start, end, number, rule in find_unit_numbers(text, lang)
    ]


def _longest_first(candidates: list[UnitMatch]) -> list[UnitMatch]:
    """Non-overlapping candidates, the longest of overlapping ones, in text order."""
    kept: list[UnitMatch] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def find_units(text: str, lang: str) -> list[UnitMatch]:
    """Every unit mention in ``text`` (``lang`` 'en' or 'ru'), in text order."""
    if lang not in _NUMBER:
        return []
    folded = fold(text)
    candidates = _numbers(text, lang) + _designations(folded, lang) + _abbreviated(folded, lang)
    return _longest_first(candidates + _named(folded, lang))
