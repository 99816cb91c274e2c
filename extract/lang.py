"""Language identification for the two languages we handle: Russian and English.

Our inputs are Russian or English, so counting Cyrillic against Latin letters is both exact enough and
orders of magnitude faster than a statistical identifier. Text with no letters gets None.
"""

from __future__ import annotations

import regex

__all__ = ["LANGUAGES", "detect_language"]

LANGUAGES = ("en", "ru")

_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")


def detect_language(text: str, *, sample: int = 20000) -> str | None:
    """'ru' when Cyrillic letters are at least as many as Latin ones, 'en' when Latin dominate, else None."""
    if len(text) > sample:
        # Three slices spread over the text are enough for a document-level decision.
        step = len(text) // 3
        text = "".join(text[i * step : i * step + sample // 3] for i in range(3))
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr + lat == 0:
        return None
    return "ru" if cyr >= lat else "en"
