"""Whether a sentence may hold a person's name: the cue that decides where the NER models run.

Two capitalised words in a row, or an initial beside a capitalised word, not all of them common capitalised words
(months, places, unit and source words, sentence openers: ``models/nlp/not_names.tsv``). A lone capitalised word
is not enough: the person component takes a bare surname only when the text names the person in full elsewhere.
Plain text in, no spaCy.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = ["needs_ner"]

_CAPITALISED = regex.compile(r"(?<![\p{L}\d])(\p{Lu}[\p{Ll}'’-]*\p{Ll}|\p{Lu}\.)(?![\p{L}\d])", regex.V1)


@cache
def _not_names(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    words = [r[1].lower() for r in rows("nlp/not_names.tsv") if r[0] == lang]
    return frozenset(w for w in words if not w.endswith("*")), tuple(w[:-1] for w in words if w.endswith("*"))


def _is_name_word(word: str, lang: str) -> bool:
    exact, prefixes = _not_names(lang)
    low = word.lower().rstrip("'’")
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low not in exact and not low.startswith(prefixes)


_INITIALS = regex.compile(
    r"(?<![\p{L}])\p{Lu}\.\s?(?:\p{Lu}\.\s?)?\p{Lu}\p{Ll}|\p{Lu}\p{Ll}+\s+\p{Lu}\.(?:\s?\p{Lu}\.)?", regex.V1
)


def needs_ner(sentence: str, lang: str = "en") -> bool:
    """True when ``sentence`` may hold a person's name: two capitalised words in a row, or an initial and a
    capitalised word, not all of them common capitalised words (months, places, unit and source words, openers).
    A lone capitalised word needs no NER: the person component takes a bare surname only when the text names the
    person in full elsewhere (and then finds it by itself)."""
    if _INITIALS.search(sentence):
        return True  # "А. В. Петров", "Петров А. В.", "J. Smith"
    previous: regex.Match | None = None
    for m in _CAPITALISED.finditer(sentence):
        if previous is not None and not sentence[previous.end() : m.start()].strip(" \u00a0"):
            pair = (previous.group(1), m.group(1))
            if any(len(w) > 2 and _is_name_word(w, lang) for w in pair):
                return True
        previous = m
    return False
