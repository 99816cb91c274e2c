"""The source gazetteer: cited organisations and projects ("Mediazona", "Медиазоны", "британская разведка") with
their canonical names ("Mediazona", "UK Defence Intelligence").

The surface forms are regular expressions in ``models/sources/sources.tsv`` (see its README), matched on the text
with ``ё`` read as ``е`` and word boundaries on both sides; quotes stay outside the span. Overlapping matches keep
the longest ("Русская служба Би-би-си" over "Би-би-си").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import rows
from extract.grammars.unit_tables import END, FLAGS, START, fold

__all__ = ["SourceMatch", "find_sources", "source_names"]


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """A source mention: canonical name, exact offsets and the rule (``gazetteer:<row>``) that fired."""

    start: int
    end: int
    name: str
    rule: str


@cache
def _gazetteer(lang: str) -> tuple[tuple[str, regex.Pattern, str], ...]:
    table = rows("sources/sources.tsv")
    return tuple(
        (name, regex.compile(f"{START}(?:{surface}){END}", FLAGS), f"gazetteer:{i}")
        for i, (name, row_lang, surface, *_) in enumerate(table)
        if row_lang in (lang, "*")
    )


def source_names() -> list[str]:
    """Every canonical name of the gazetteer, sorted."""
    return sorted({r[0] for r in rows("sources/sources.tsv")})


def find_sources(text: str, lang: str) -> list[SourceMatch]:
    """Every source mention in ``text`` (``lang`` 'en' or 'ru'), in text order."""
    folded = fold(text)
    candidates = [
        SourceMatch(m.start(), m.end(), name, rule)
        for name, pattern, rule in _gazetteer(lang)
        for m in pattern.finditer(folded)
    ]
    kept: list[SourceMatch] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)
