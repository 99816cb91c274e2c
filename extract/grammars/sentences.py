"""Sentence bounds for rule contexts, robust to the abbreviations of our documents.

spaCy's parser and the Russian sentencizer end sentences after "Art." or "ст.", which cuts a count off from
the words that say what it counts. Rules that read a count's sentence use these bounds instead: a sentence
ends at a line break, or at ".", "!", "?" or "…" followed by space and a capital letter, a digit or an opening
quote, unless the full stop closes an abbreviation from ``models/text/abbreviations.tsv`` or an initial.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = ["sentence_bounds"]

_END = regex.compile(r"[.!?…]+[»\"”)]?(?=\s+[\p{Lu}\d«\"“(])|\n", regex.V1)
_WORD_BEFORE = regex.compile(r"(?:^|(?<=[\s(«\"]))(\S+)$", regex.V1)


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(r[1].lower() for r in rows("text/abbreviations.tsv"))


def _is_end(text: str, m: regex.Match) -> bool:
    if m.group() == "\n":
        return True
    if m.group() != ".":
        return True
    word = _WORD_BEFORE.search(text, 0, m.end())
    token = word.group(1).lower() if word else ""
    if token in _abbreviations():
        return False
    return not (len(token) == 2 and token[0].isalpha())  # an initial: "А. В. Петров", "J. Smith"


def sentence_bounds(text: str, start: int, end: int, *, window: int = 600) -> tuple[int, int]:
    """(first, last) character offsets of the sentence holding ``text[start:end]``."""
    lo = max(0, start - window)
    first = lo
    for m in _END.finditer(text, lo, start):
        if _is_end(text, m):
            first = m.end()
    last = min(len(text), end + window)
    for m in _END.finditer(text, end, last):
        if _is_end(text, m):
            last = m.start() if m.group() == "\n" else m.end()
            break
    while first < start and text[first].isspace():
        first += 1
    return first, last
