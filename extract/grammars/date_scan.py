"""Finding date atoms: the rule families of ``extract.grammars.date_patterns`` tried where their trigger words
are (``models/dates/triggers.tsv``), read into atoms, and the leftmost-longest non-overlapping atoms kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

import regex

from extract.grammars.date_atoms import Atom, read_period, read_relative, row_of
from extract.grammars.date_patterns import FAMILIES, families
from extract.grammars.date_readers import read_match
from extract.grammars.date_tables import lexicon

__all__ = ["atoms"]

_WORD_START = re.compile(r"\b\w")
_SEPARATOR = regex.compile(r"\.?\s*[-–—/.]\s?\d", regex.V1)


@cache
def _trigger_words(lang: str) -> re.Pattern:
    """Numbers and the words that start with a trigger (the standard ``re`` module scans plain words fastest)."""
    stems = sorted({stem for rows in lexicon(lang).triggers.by_head.values() for stem, _, _ in rows}, key=len)
    return re.compile(rf"\b(?:\d|{'|'.join(re.escape(s) for s in reversed(stems))})\w*")


def _candidates(text: str, lang: str) -> dict[str, list[int]]:
    """Per triggered family, the word starts where it is tried: those up to its look-back before a trigger word."""
    triggers = lexicon(lang).triggers
    low = text.lower().replace("ё", "е")
    if len(low) != len(text):  # a letter whose lower case is longer: keep offsets aligned
        low = "".join(c.lower()[:1] for c in text).replace("ё", "е")
    found: dict[str, set[int]] = {}
    for w in _trigger_words(lang).finditer(low):
        word, start, end = w.group(), w.start(), w.end()
        if word[0].isdigit():
            hits = triggers.of_number(word, bool(_SEPARATOR.match(low, end)), low[end : end + 1] in ("-", "'", "’"))
        else:
            hits = triggers.of(word)
        for family, before in hits:
            positions = found.setdefault(family, set())
            if before:
                positions.update(m.start() for m in _WORD_START.finditer(low, max(0, start - before), start))
            positions.add(start)
    return {family: sorted(positions) for family, positions in found.items()}


def _matches(pattern: regex.Pattern, text: str, candidates: list[int] | None) -> Iterator[regex.Match]:
    """Matches of a family, tried anchored at its candidate starts (None: searched over the whole text)."""
    if candidates is None:
        yield from pattern.finditer(text)
        return
    done = -1
    for i in candidates:
        if i >= done:
            m = pattern.match(text, i)
            if m is not None and m.end() > m.start():
                done = m.end()
                yield m


def atoms(text: str, lang: str, published: date | None) -> list[Atom]:
    """All atoms of ``text``, non-overlapping: the leftmost, then the longest, then by family priority."""
    lx = lexicon(lang)
    where = _candidates(text, lang)
    candidates: list[tuple[int, int, int, Atom]] = []
    for priority, name in enumerate(FAMILIES):
        for m in _matches(families(lang)[name], text, where.get(name, [] if name in lx.triggers.families else None)):
            if name == "relative":
                atom = read_relative(lx, m, published)
            elif name == "anchor":
                start = lx.anchors[row_of(m, "a")][1]
                atom = Atom(m.start(), m.end(), "anchor", fixed=(start, None), precision="range")
                atom.open_end = True
            elif name == "period":
                atom = read_period(lx, text, m, published)
            else:
                atom = read_match(lx, name, text, m, published)
            if atom is not None:
                for part in (atom, *atom.more):
                    part.rule = f"{name}.{part.rule}"
                candidates.append((atom.start, -atom.end, priority, atom))
    candidates.sort(key=lambda c: c[:3])
    atoms: list[Atom] = []
    last_end = -1
    for start, neg_end, _, atom in candidates:
        if start >= last_end:
            atoms.append(atom)
            atoms.extend(atom.more)
            last_end = -neg_end
    return atoms
