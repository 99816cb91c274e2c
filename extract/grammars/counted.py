"""What a count counts, read from the words around it where no dependency parse is run.

After the number: an optional "of" ("thousands of soldiers", "из них"), then up to three words up to a stop
word, a verb or punctuation ("20,538 criminal cases against …" → "criminal cases"; "400 soldiers fled" →
"soldiers"); Russian takes adjectives up to the first noun ("уголовных дел"). A count followed by nothing it
counts but standing after a short label on its own line takes the label ("tanks 10,930", "личный состав — 521
940"). Word classes are data: ``models/counts/counted_words.tsv``.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = ["counted_around"]

_WORD = regex.compile(r"[\p{L}][\p{L}\-']*", regex.V1)
_ADJECTIVE_RU = regex.compile(r"(?:ых|их|ые|ие|ой|ий|ый|ая|яя|ое|ее|ую|юю|ого|его|ому|ему|ым|им|ыми|ими)$")
_LABEL = regex.compile(r"(?:^|\n)[ \t]*(?P<label>\p{L}[\p{L} \-']{1,40}?)[ \t]*[:—–-]?[ \t]*$", regex.V1)
_SPACE = " \u00a0\u202f"


@cache
def _classes(lang: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in rows("counts/counted_words.tsv"):
        if r[0] == lang:
            out.setdefault(r[1], set()).update(w.strip() for w in r[2].split("|"))
    return {k: frozenset(v) for k, v in out.items()}


def _after(text: str, end: int, lang: str) -> str | None:
    classes = _classes(lang)
    stop, verbs, pronouns, determiners = (
        classes.get(k, frozenset()) for k in ("stop", "verb", "pronoun", "determiner")
    )
    words: list[str] = []
    pos, after_of = end, False
    for m in _WORD.finditer(text, pos, min(len(text), end + 80)):
        if text[pos : m.start()].strip(_SPACE):
            break  # punctuation ends the phrase
        word = m.group()
        low = word.lower()
        if not words and not after_of and low in ("of", "из"):
            pos, after_of = m.end(), True
            continue
        if not words and after_of and low in determiners:
            pos = m.end()
            continue
        if low in pronouns or low in stop or (low in verbs and (words or lang == "en")):
            break
        if words and lang == "en" and low.endswith(("ed", "ing", "ly")):
            break  # "servicemen recorded as …", "deserters covering …", "notices respectively"
        words.append(word)
        pos = m.end()
        if lang == "ru" and not _ADJECTIVE_RU.search(low):
            break  # the noun after its adjectives
        if len(words) == 3:
            break
    return " ".join(words) or None


def _label_before(text: str, start: int) -> str | None:
    m = _LABEL.search(text, max(0, start - 48), start)
    return m["label"].strip() if m else None


def counted_around(text: str, start: int, end: int, lang: str) -> str | None:
    """The counted phrase of the count at ``text[start:end]``, or None."""
    found = _after(text, end, lang)
    if found is not None:
        return found
    rest = text[end : end + 20]
    if not rest.strip(_SPACE) or rest.lstrip(_SPACE)[:1] in ("\n", "(", ",", ";", "."):
        return _label_before(text, start)
    return None
