"""The words around date atoms (``models/dates/markers.tsv``): what stands before an atom ("since", "by", "the end
of", "mid-", "the whole of") and what joins two atoms into a range ("to", "–", "по", "between … and").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = ["Prefix", "joins", "prefix"]

_FLAGS = regex.IGNORECASE | regex.V1
_B = r"(?<![\p{L}\d])"
_MARKS = ("since", "until", "from")
_MODS = ("end", "first", "start", "fuzzy")


@dataclass(frozen=True, slots=True)
class Prefix:
    """The words right before an atom: a mark (since | until | from), a modifier (end | first | start | fuzzy)
    and "the whole of"; each with the offset it starts at."""

    mark: str | None = None
    mark_start: int = 0
    marker: str = ""
    mod: str | None = None
    mod_start: int = 0
    whole_start: int | None = None


@cache
def _roles(lang: str) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    for r in rows("dates/markers.tsv"):
        if r[0] == lang:
            found.setdefault(r[1], []).append(r[2])
    return {role: "|".join(f"(?:{p})" for p in patterns) for role, patterns in found.items()}


@cache
def _prefix_re(lang: str) -> regex.Pattern:
    """Mark, modifier and "whole", each optional, ending where the atom starts (matched backwards)."""
    roles = _roles(lang)
    marks = "|".join(f"(?P<{k}>{roles[k]})" for k in _MARKS)
    mods = "|".join(f"(?P<{k}>{roles[k]})" for k in _MODS)
    return regex.compile(
        rf"(?:(?P<mark>{_B}(?:{marks}))\s+)?(?:(?P<mod>{_B}(?:{mods}))(?:\s+|-))?"
        rf"(?:(?P<whole>{_B}(?:{roles['whole']}))\s+)?$",
        _FLAGS | regex.REVERSE,
    )


@cache
def _connector_re(lang: str) -> regex.Pattern:
    roles = _roles(lang)
    return regex.compile("|".join(f"(?P<{k}>{roles[k]})" for k in ("dash", "to", "do", "and") if k in roles), _FLAGS)


def prefix(text: str, start: int, lang: str) -> Prefix:
    """The marks and modifiers right before ``text[start:]``."""
    m = _prefix_re(lang).search(text, max(0, start - 60), start)
    if m is None or m.start() == start:
        return Prefix()
    return Prefix(
        mark=next((k for k in _MARKS if m.group(k)), None),
        mark_start=m.start("mark"),
        marker=(m.group("mark") or "").lower(),
        mod=next((k for k in _MODS if m.group(k)), None),
        mod_start=m.start("mod"),
        whole_start=m.start("whole") if m.group("whole") else None,
    )


def joins(text: str, end: int, start: int, lang: str, pre: Prefix) -> bool:
    """Whether ``text[end:start]``, between two atoms, joins them into a range: "and"/"и" only after "between" /
    "между", "до" only after "с"/"от"."""
    c = _connector_re(lang).fullmatch(text, end, start)
    if c is None:
        return False
    if c.group("and"):
        return pre.marker.startswith(("between", "между"))
    if "do" in c.re.groupindex and c.group("do"):
        return pre.mark in ("from", "since")
    return True
