"""The date grammar's word lists (``models/dates/*.tsv``) as regex pieces and lookups, built once per language.

Every piece is a regex string meant to be embedded in the rule families of ``extract.grammars.date_atoms``;
the lookups turn the captured words back into numbers (month, ordinal day, season months, unit, count).
Russian ``ё`` is matched as ``[её]`` and looked up as ``е``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

import regex

from extract.grammars.lexicon import alternation, rows

__all__ = ["DateLexicon", "RelativeRow", "Triggers", "lexicon", "norm"]

_FLAGS = regex.IGNORECASE | regex.V1


def norm(word: str) -> str:
    """The lookup key of a captured word: lower case, ``ё`` as ``е``, no trailing full stop, single spaces."""
    return " ".join(word.lower().replace("ё", "е").rstrip(".").split())


def _literal(form: str) -> str:
    return "".join("[её]" if c in "её" else c for c in regex.escape(form, special_only=True))


def _words(forms: list[str]) -> str:
    return alternation([_literal(f) for f in forms])


@dataclass(frozen=True)
class RelativeRow:
    pattern: regex.Pattern
    meaning: tuple[str, ...]
    use: str


@dataclass
class Triggers:
    """Word prefixes (``models/dates/triggers.tsv``) -> the families they trigger, each with its look-back."""

    by_head: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # first two letters -> rows
    numbers: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # <digits/>, <year>, <digits+> -> rows
    families: set[str] = field(default_factory=set)

    def add(self, stem: str, family: str, before: int) -> None:
        self.families.add(family)
        if stem.startswith("<"):
            self.numbers.setdefault(stem, []).append((family, before))
        else:
            self.by_head.setdefault(stem[:2], []).append((stem, family, before))

    def of(self, word: str) -> list[tuple[str, int]]:
        """The (family, before) pairs a lower-case word (not starting with a digit) triggers."""
        rows = self.by_head.get(word[:2])
        return [(family, before) for stem, family, before in rows if word.startswith(stem)] if rows else []

    def of_number(self, word: str, separated: bool, decade: bool) -> list[tuple[str, int]]:
        """The (family, before) pairs of a word starting with a digit; ``separated``: a date separator follows,
        ``decade``: a hyphen or an apostrophe follows ("90-х", "1990's")."""
        digits = len(word) - len(word.lstrip("0123456789"))
        kinds = ["<digits/>"] if separated else []
        if (digits == 4 and word[0] in "12" and (word[0] == "1" or word[1] == "0")) or (
            digits == 2 and word[1] == "0" and (decade or len(word) > 2)
        ):
            kinds.append("<year>")
        found = [row for kind in kinds for row in self.numbers.get(kind, [])]
        if digits < len(word):  # "2018q4", "14april"
            found += self.numbers.get("<digits+>", []) + self.of(word[digits:])
        return found


@dataclass(frozen=True)
class DateLexicon:
    """Regex pieces (``*_re``) and lookups of one language."""

    lang: str
    months: dict[str, int]
    full_months: frozenset[str]
    month_re: str
    ordinals: dict[str, int]
    tens: dict[str, int]
    ordinal_re: str
    seasons: dict[str, tuple[int, int, bool]]
    season_re: str
    units: dict[str, tuple[str, int]]
    unit_re: str
    counts: dict[str, int]
    count_re: str
    periods: tuple[tuple[regex.Pattern, str, int], ...]
    period_re: str
    relative: tuple[RelativeRow, ...]
    relative_any: tuple[RelativeRow, ...]
    slot_re: str
    det_re: str
    anchors: tuple[tuple[regex.Pattern, date], ...]
    exclude_before: regex.Pattern | None
    exclude_after: regex.Pattern | None
    triggers: Triggers

    def month(self, word: str) -> int | None:
        return self.months.get(norm(word))

    def day(self, word: str) -> int | None:
        """A day of the month from digits ("15", "15th", "18-го") or ordinal words ("двадцать первое")."""
        digits = regex.match(r"\d+", word)
        if digits:
            value = int(digits.group())
            return value if 1 <= value <= 31 else None
        parts = regex.split(r"[\s-]+", norm(word))
        value = self.tens.get(parts[0], 0) if len(parts) > 1 else 0
        last = self.ordinals.get(parts[-1])
        if last is None or (value and last > 9):
            return None
        return value + last

    def count(self, word: str | None) -> int:
        if not word:
            return 1
        return int(word) if word.isdigit() else self.counts.get(norm(word), 1)

    def period(self, text: str) -> tuple[str, int] | None:
        for pattern, unit, number in self.periods:
            if pattern.fullmatch(text):
                return unit, number
        return None

    def relative_row(self, text: str, use: str) -> tuple[RelativeRow, regex.Match] | None:
        for row in self.relative:
            if row.use == use:
                m = row.pattern.fullmatch(text)
                if m:
                    return row, m
        return None


def _table(name: str, lang: str) -> list[tuple[str, ...]]:
    return [r for r in rows(f"dates/{name}") if r[0] in (lang, "*")]


def _exclusions(lang: str, side: str) -> regex.Pattern | None:
    """One pattern per side; "before" patterns end in ``$`` and run backwards from the mention."""
    found = [r[2] for r in _table("exclusions.tsv", lang) if r[1] == side]
    flags = _FLAGS | regex.REVERSE if side == "before" else _FLAGS
    return regex.compile("|".join(f"(?:{p})" for p in found), flags) if found else None


@cache
def lexicon(lang: str) -> DateLexicon:
    """The date lexicon of ``lang`` ('en' or 'ru'), read from ``models/dates/`` once per process."""
    month_rows = _table("months.tsv", lang)
    months = {norm(r[1]): int(r[2]) for r in month_rows}
    full = [r[1] for r in month_rows if r[3] == "full"]
    abbr = [r[1] for r in month_rows if r[3] == "abbr"]
    month_re = alternation([_literal(f) for f in full] + [_literal(f) + r"\.?" for f in abbr])

    ordinal_rows = _table("ordinals.tsv", lang)
    ordinals = {norm(r[1]): int(r[2]) for r in ordinal_rows if r[3] == "day"}
    tens = {norm(r[1]): int(r[2]) for r in ordinal_rows if r[3] == "tens"}
    ordinal_re = f"(?:(?:{_words(list(tens))})[-\\s]+)?(?:{_words([r[1] for r in ordinal_rows if r[3] == 'day'])})"

    season_rows = _table("seasons.tsv", lang)
    seasons = {norm(r[1]): (int(r[3]), int(r[4]), r[5] == "yes") for r in season_rows}

    unit_rows = _table("units.tsv", lang)
    count_rows = _table("count_words.tsv", lang)
    unit_re = _words([r[1] for r in unit_rows])
    count_re = rf"\d{{1,3}}|{_words([r[1] for r in count_rows])}"

    def expand(pattern: str) -> str:
        return pattern.replace("{n}", f"(?P<n>{count_re})").replace("{unit}", f"(?P<unit>{unit_re})")

    relative = tuple(
        RelativeRow(regex.compile(expand(r[1]), _FLAGS), tuple(r[2].split()), r[3])
        for r in _table("relative.tsv", lang)
    )
    by_use = {
        use: [expand(r[1]) for r in _table("relative.tsv", lang) if r[3] == use] for use in ("any", "slot", "det")
    }
    triggers = Triggers()
    for r in _table("triggers.tsv", lang):
        for stem in r[2].split():
            triggers.add(norm(stem) if not stem.startswith("<") else stem, r[1], int(r[3]))
    period_rows = _table("periods.tsv", lang)
    anchor_rows = _table("anchors.tsv", lang)
    return DateLexicon(
        lang=lang,
        months=months,
        full_months=frozenset(norm(f) for f in full),
        month_re=month_re,
        ordinals=ordinals,
        tens=tens,
        ordinal_re=ordinal_re,
        seasons=seasons,
        season_re=_words([r[1] for r in season_rows]),
        units={norm(r[1]): (r[2], int(r[3])) for r in unit_rows},
        unit_re=unit_re,
        counts={norm(r[1]): int(r[2]) for r in count_rows},
        count_re=count_re,
        periods=tuple((regex.compile(r[3], _FLAGS), r[1], int(r[2])) for r in period_rows),
        period_re=alternation([r[3] for r in period_rows]),
        relative=relative,
        relative_any=tuple(sorted((r for r in relative if r.use == "any"), key=lambda r: -len(r.pattern.pattern))),
        slot_re=alternation(by_use["slot"]),
        det_re=alternation(by_use["det"]),
        anchors=tuple((regex.compile(r[1], _FLAGS), date.fromisoformat(r[2])) for r in anchor_rows),
        exclude_before=_exclusions(lang, "before"),
        exclude_after=_exclusions(lang, "after"),
        triggers=triggers,
    )
