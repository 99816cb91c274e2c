"""What a count counts: its category from lexicons of both languages, and whether it is a projection.

Evidence is weighed by where it stands: in the counted noun phrase (strongest), in the words around the number,
or elsewhere in the sentence. Each lexicon entry has a weight too, so a generic "soldiers" (personnel) loses to
"left their units" (awol) in the same sentence.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = ["categorize", "is_projection"]

_FLAGS = regex.IGNORECASE | regex.V1
#: how much a match counts by where it is found
_PLACE_WEIGHT = {"counted": 4.0, "near": 2.0, "sentence": 1.0}


@cache
def _categories(lang: str) -> list[tuple[str, float, regex.Pattern]]:
    return [(r[1], float(r[2]), regex.compile(r[3], _FLAGS)) for r in rows("counts/categories.tsv") if r[0] == lang]


@cache
def _projection(lang: str) -> list[regex.Pattern]:
    return [regex.compile(r[1], _FLAGS) for r in rows("counts/projection.tsv") if r[0] == lang]


def categorize(lang: str, *, counted: str | None, near: str, sentence: str) -> str:
    """The best-supported category, or ``other`` when nothing in the lexicons applies."""
    scores: dict[str, float] = {}
    for place, text in (("counted", counted or ""), ("near", near), ("sentence", sentence)):
        if not text:
            continue
        for category, weight, pattern in _categories(lang):
            if pattern.search(text):
                scores[category] = scores.get(category, 0.0) + weight * _PLACE_WEIGHT[place]
    if not scores:
        return "other"
    return max(scores.items(), key=lambda kv: kv[1])[0]


def is_projection(lang: str, sentence: str) -> bool:
    return any(p.search(sentence) for p in _projection(lang))
