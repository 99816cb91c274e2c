"""Numbers written with digits, with the separators and magnitude words of English and Russian.

"20,538", "20 538" (any space, no-break and narrow ones included), "20.538" in Russian where a dot groups
thousands, decimals "13.8" / "13,8", and a magnitude word after the digits: "13.8 thousand", "13,8 тыс.",
"1,5 млн", "4.2k". Separators follow the language: in Russian a comma is the decimal mark unless it is followed
by exactly three digits and no magnitude word ("20,000 руб." is twenty thousand, "13,8 тыс." is 13.8 thousand).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import alternation, rows

__all__ = ["SPACES", "DigitNumber", "find_digit_numbers"]

#: characters that group thousands: space, no-break space, narrow no-break space, thin space, figure space
SPACES = " \u00a0\u202f\u2009\u2007"


@dataclass(frozen=True, slots=True)
class DigitNumber:
    start: int
    end: int  # end of the number including its magnitude word
    value: float
    digits_end: int  # end of the digits alone
    magnitude: float = 1.0
    text: str = ""


_GROUP = rf"[{SPACES}]"
# Grouped integers come first so "20 538" is one number, not two. Lookarounds keep us off longer digit runs
# and out of words ("T-72", "v2.1" are rejected later by context, but "A12" never starts a number here).
_NUMBER = (
    r"(?<![\p{L}\d.,]|[/:]\d*)"
    r"(?:"
    rf"(?P<grouped>\d{{1,3}}(?:(?P<sep>,|\.|{_GROUP})\d{{3}})(?:(?P=sep)\d{{3}})*)(?:(?P<decimal>[.,])(?P<frac>\d+))?"
    r"|(?P<plain>\d+)(?:(?P<decimal2>[.,])(?P<frac2>\d+))?"
    r"|(?<![^\s(])\.(?P<lead>\d+)"
    r")"
    # Not followed by more digit groups of another kind: "15.03.2024", "11/30", "09:30", "v2.1.3" are no numbers.
    r"(?![\d]|[.,/:]\d)"
)


@cache
def _pattern(lang: str) -> regex.Pattern:
    magnitudes = alternation([r[1] for r in rows("counts/magnitudes.tsv") if r[0] == lang])
    return regex.compile(
        _NUMBER + rf"(?:(?P<mspace>[{SPACES}]?)(?P<magnitude>{magnitudes})(?![\p{{L}}\d]))?",
        regex.V1 | regex.IGNORECASE,
    )


@cache
def _multipliers(lang: str) -> list[tuple[regex.Pattern, float]]:
    return [
        (regex.compile(rf"(?:{r[1]})", regex.IGNORECASE | regex.V1), float(r[2]))
        for r in rows("counts/magnitudes.tsv")
        if r[0] == lang
    ]


def _magnitude(word: str, lang: str) -> float:
    for pattern, value in _multipliers(lang):
        if pattern.fullmatch(word):
            return value
    return 1.0


def find_digit_numbers(text: str, lang: str) -> list[DigitNumber]:
    """Every number written with digits, with its magnitude word if one follows."""
    out = []
    for m in _pattern(lang).finditer(text):
        magnitude = _magnitude(m["magnitude"], lang) if m["magnitude"] else 1.0
        value = _value(m, lang, has_magnitude=magnitude != 1.0)
        if value is None:
            continue
        digits_end = max(m.end(g) for g in ("grouped", "frac", "plain", "frac2", "lead") if m[g])
        if m["magnitude"] and m["magnitude"].lower() in ("m", "b", "м") and m["mspace"]:
            # "5 m" is five metres more often than five million; only a glued "5m" counts
            magnitude, end = 1.0, digits_end
        else:
            end = m.end()
        out.append(DigitNumber(m.start(), end, value * magnitude, digits_end, magnitude, text[m.start() : end]))
    return out


def _value(m: regex.Match, lang: str, *, has_magnitude: bool) -> float | None:
    if m["grouped"]:
        sep, grouped = m["sep"], m["grouped"]
        decimal, frac = m["decimal"], m["frac"]
        if sep == "," and lang == "ru" and has_magnitude and grouped.count(",") == 1 and not decimal:
            return float(grouped.replace(",", "."))  # "13,800 тыс." is rare; "1,500 млн" reads as 1.5
        if sep == "." and lang == "en" and grouped.count(".") == 1 and not decimal:
            return float(grouped)  # "13.800" in English is a decimal
        if decimal and decimal == sep:
            return None  # "1,234,5" or "1.234.5": not a number
        whole = regex.sub(r"[^\d]", "", grouped)
        return float(f"{whole}.{frac}") if frac else float(whole)
    if m["lead"]:
        return float(f"0.{m['lead']}")  # ".77"
    plain, decimal, frac = m["plain"], m["decimal2"], m["frac2"]
    if not decimal:
        return float(plain)
    return float(f"{plain}.{frac}")
