"""The rule tables of the unit grammar (``models/units/``), compiled once per language.

``echelons.tsv``, ``branches.tsv`` and ``modifiers.tsv`` hold the words of full designations ("155-я отдельная
гвардейская бригада морской пехоты"), ``abbreviations.tsv`` the abbreviated ones ("155 обрмп", "1 гв. ТА"),
``named.tsv`` the formations without a number (Storm-Z, military districts, fleets) and ``unit_numbers.tsv`` the
words before a military unit number ("в/ч", "войсковой части №", "military unit"). Their columns are described in
``models/units/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import alternation, rows

__all__ = [
    "END",
    "FLAGS",
    "START",
    "Abbreviation",
    "AbbreviationTable",
    "Named",
    "WordTable",
    "abbreviations",
    "complete_when",
    "fold",
    "named",
    "unit_number_headers",
    "unit_number_prefixes",
    "words",
]

FLAGS = regex.IGNORECASE | regex.V1
#: a word ends where no letter or digit follows
END = r"(?![\p{L}\d])"
START = r"(?<![\p{L}\d])"


def fold(text: str) -> str:
    """``ё`` read as ``е`` (and ``Ё`` as ``Е``): the same length, so offsets into the folded text hold."""
    return text.replace("ё", "е").replace("Ё", "Е")


def _null(value: str) -> str | None:
    return None if value in ("-", "", "null") else value


@dataclass(frozen=True, slots=True)
class WordTable:
    """One table of designation words, as anchored patterns that name the row's value by group."""

    pattern: regex.Pattern  # match at a position; group ``w<i>`` tells the row
    values: tuple[str, ...]

    def match(self, text: str, pos: int) -> tuple[int, str] | None:
        """The end of the word at ``pos`` and its value (echelon, branch, modifier kind), or None."""
        m = self.pattern.match(text, pos)
        if m is None:
            return None
        return m.end(), self.values[int(m.lastgroup[1:])]


def _word_table(entries: list[tuple[str, str]]) -> WordTable:
    # longest pattern first, so that "army corps" wins over "army" and "зенитной ракетной" over "зенитной"
    entries = sorted(entries, key=lambda e: len(e[1]), reverse=True)
    groups = "|".join(f"(?P<w{i}>{form})" for i, (_, form) in enumerate(entries))
    return WordTable(regex.compile(f"(?:{groups}){END}", FLAGS), tuple(value for value, _ in entries))


@cache
def words(lang: str) -> dict[str, WordTable]:
    """``echelon``, ``branch_pre``, ``branch_post`` and ``modifier`` tables for ``lang``."""
    echelons = [(r[1], r[3]) for r in rows("units/echelons.tsv") if r[0] == lang]
    branches = [r for r in rows("units/branches.tsv") if r[0] == lang]
    modifiers = [(r[1], r[2]) for r in rows("units/modifiers.tsv") if r[0] == lang]
    return {
        "echelon": _word_table(echelons),
        "branch_pre": _word_table([(r[1], r[3]) for r in branches if r[2] == "pre"] or [("-", r"(?!)")]),
        "branch_post": _word_table([(r[1], r[3]) for r in branches if r[2] == "post"] or [("-", r"(?!)")]),
        "modifier": _word_table(modifiers),
    }


@cache
def complete_when(lang: str) -> dict[str, str]:
    """Per echelon, what a mention must state to be a full designation (``branch``, ``separate+branch``, ``-``)."""
    return {r[1]: r[2] for r in rows("units/echelons.tsv") if r[0] == lang}


@dataclass(frozen=True, slots=True)
class Abbreviation:
    surface: str
    echelon: str | None
    branch: str | None
    guards: bool | None


@dataclass(frozen=True, slots=True)
class AbbreviationTable:
    pattern: regex.Pattern  # groups: num, gv (a guards marker), abbr
    exact: dict[str, Abbreviation]
    folded: dict[str, Abbreviation]  # lower case, for rows of case "any"

    def lookup(self, surface: str) -> Abbreviation | None:
        return self.exact.get(surface) or self.folded.get(surface.lower())


_GUARDS = {"true": True, "false": False}


@cache
def abbreviations(lang: str, number: str) -> AbbreviationTable:
    """Abbreviated designations after a number pattern (``number`` has a group ``num``)."""
    table = [r for r in rows("units/abbreviations.tsv") if r[1] == lang]
    exact, folded, units, marks = {}, {}, [], []
    for surface, _, required, echelon, branch, guards, case, *_ in table:
        form = regex.escape(surface)
        if surface.endswith("."):
            form = regex.escape(surface[:-1]) + r"(?:\.|" + END + ")"  # "гв." also written "гв"
        form = f"(?-i:{form})" if case == "exact" else f"(?i:{form})"
        entry = Abbreviation(surface, _null(echelon), _null(branch), _GUARDS.get(guards))
        if required == "yes":
            units.append(form)
            (exact if case == "exact" else folded)[surface if case == "exact" else surface.lower()] = entry
        else:
            marks.append(form)
    gv = f"(?:(?P<gv>{alternation(marks)})\\s*)?" if marks else ""
    pattern = regex.compile(f"{number}\\s*{gv}(?P<abbr>{alternation(units)}){END}", regex.V1)
    return AbbreviationTable(pattern, exact, folded)


@dataclass(frozen=True, slots=True)
class Named:
    id: str
    echelon: str | None
    pattern: regex.Pattern


@cache
def named(lang: str) -> tuple[Named, ...]:
    """Named formations of ``lang``, one pattern per row."""
    return tuple(
        Named(r[0], _null(r[2]), regex.compile(f"{START}(?:{r[3]}){END}", FLAGS))
        for r in rows("units/named.tsv")
        if r[1] == lang
    )


@cache
def unit_number_prefixes(lang: str) -> regex.Pattern:
    """A prefix, a number sign and a military unit number; groups ``num`` and ``suffix``."""
    prefixes = alternation([r[2] for r in rows("units/unit_numbers.tsv") if r[0] == lang and r[1] == "prefix"])
    sign = r"(?:\s*[-–]\s*|\s*(?:№|No\.?|Nr\.?|N|#)\s*|\s+|(?<=[/\\]ч))"
    number = r"(?P<num>\d{4,5})(?:-(?P<suffix>\p{L}))?(?![\p{L}\d])"
    return regex.compile(f"{START}(?:{prefixes}){sign}{number}", FLAGS)


@cache
def unit_number_headers(lang: str) -> regex.Pattern:
    """A table heading of a military unit number column (the whole cell)."""
    headers = alternation([r[2] for r in rows("units/unit_numbers.tsv") if r[0] == lang and r[1] == "header"])
    return regex.compile(f"\\s*(?:{headers})\\s*", FLAGS)
