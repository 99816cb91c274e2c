"""Sentence bounds for rule contexts, robust to the abbreviations of our documents.

spaCy's parser and the Russian sentencizer end sentences after "Art." or "ст.", which cuts a count off from
the words that say what it counts. Rules that read a count's sentence use these bounds instead: a sentence
ends at a line break (unless the line was wrapped mid-sentence: it ends in a lower-case word or a comma and
the next starts in lower case or with a number, or it ends in a number and the next starts in lower case,
"получили 20 538\nуголовных дел"), or at ".", "!", "?" or "…" followed by space and a capital letter, a digit
or an opening quote, unless the full stop closes an abbreviation from
``models/text/abbreviations.tsv`` or an initial. After a number, "тыс.", "млн." or "г." followed by a word in
title case does end one ("… больше 12 тыс. Консультации бесплатные").
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = ["Sentences"]

_END = regex.compile(r"[.!?…]+[»\"”)]?(?=\s+[\p{Lu}\d«\"“(])|\n", regex.V1)
_WORD_BEFORE = regex.compile(r"(?:^|(?<=[\s(«\"]))(\S+)$", regex.V1)
#: abbreviations of a number's magnitude or unit, and of "year", which may end a sentence after a number
_AFTER_NUMBER = frozenset({"тыс.", "млн.", "млрд.", "руб.", "г.", "гг."})
_TITLE_CASE = regex.compile(r"\s+[«\"]?\p{Lu}\p{Ll}", regex.V1)
_NUMBER_BEFORE = regex.compile(r"\d[\s\u00a0\u202f]*$", regex.V1)


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(r[1].lower() for r in rows("text/abbreviations.tsv"))


_WRAPPED = regex.compile(r"[\p{Ll},;\-–(]\n[ \t]*[\p{Ll}\d(«\"]|:\n|\d\n[ \t]*\p{Ll}", regex.V1)


def _is_end(text: str, m: regex.Match) -> bool:
    if m.group() == "\n":
        # A line wrapped inside a sentence (PDF text, hard-wrapped mail) goes on in lower case or with a number.
        return not _WRAPPED.match(text, max(0, m.start() - 1))
    if m.group() != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, m.end() - 40), m.end())
    token = word.group(1).lower() if word else ""
    if token in _abbreviations():
        # "… больше 12 тыс. Консультации бесплатные", "в 2024 г. Суды …": after a number, a word in title case
        # starts a new sentence (not "тыс. СЗЧ", not "г. Москва")
        return (
            token in _AFTER_NUMBER
            and _TITLE_CASE.match(text, m.end()) is not None
            and _NUMBER_BEFORE.search(text, max(0, word.start() - 20), word.start()) is not None
        )
    return not (len(token) == 2 and token[0].isalpha())  # an initial: "А. В. Петров", "J. Smith"


class Sentences:
    """The sentences of one text, found once; ``bounds`` answers for any span in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0]
        self._ends = []
        for m in _END.finditer(text):
            if _is_end(text, m):
                self._ends.append(m.start() if m.group() == "\n" else m.end())
                self._starts.append(m.end())
        self._ends.append(len(text))

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence, in order (a sentence may be empty or only space)."""
        return list(zip(self._starts, self._ends, strict=True))

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """(first, last) offsets of the sentence holding ``text[start:end]`` (leading space skipped)."""
        i = bisect_right(self._starts, start) - 1
        j = max(i, bisect_right(self._starts, max(start, end - 1)) - 1)
        first, last = self._starts[i], self._ends[j]
        while first < start and self.text[first].isspace():
            first += 1
        return first, max(last, end)
