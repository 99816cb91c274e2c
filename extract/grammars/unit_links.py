"""Ties between unit mentions of one text: a military unit number and the designation it stands for.

Two kinds of evidence, both local so that a pair is something a reader can check in the quoted text:

* **apposition**: the one in brackets (or after a dash or comma) right after the other — "в/ч 30926 (155-я бригада
  морской пехоты)", "155th Separate Guards Marine Brigade (military unit 30926)", "в/ч 13140 — 810-я бригада";
* **table row**: one line of a table (cells separated by tabs or ``|``) that holds exactly one unit number and
  exactly one designation.

A designation here is a numbered one with its echelon (``155-brigade-naval_infantry``, ``1-army-tank``); named
formations (Storm-Z, districts) are not paired. Plain text in, no spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import regex

__all__ = ["UnitLink", "find_unit_links", "resolve_short_ids"]

#: what may stand between two mentions in apposition: brackets, a dash, a comma, a colon, "№"-less filler words
_APPOSITION = regex.compile(
    r"\s*(?:[(\[]\s*|[,:]\s*|\s[—–-]\s*)(?:(?:т\.\s*е\.|то есть|i\.\s*e\.|aka|известн\w+\s+как|known as)\s*)?",
    regex.IGNORECASE | regex.V1,
)
_CLOSE = regex.compile(r"\s*[)\]]")
_ROW_SEPARATORS = ("\t", "|")


class UnitLike(Protocol):
    start: int
    end: int
    military_unit_number: str | None
    number: int | None
    echelon: str | None
    id: str


@dataclass(frozen=True, slots=True)
class UnitLink:
    """The unit number at ``number_index`` stands for the designation at ``designation_index`` (indices into the
    mention list given to ``find_unit_links``)."""

    number_index: int
    designation_index: int
    rule: str  # apposition | table_row


def _is_number(u: UnitLike) -> bool:
    return u.military_unit_number is not None


def _is_designation(u: UnitLike) -> bool:
    return u.military_unit_number is None and u.number is not None and u.echelon is not None


def _apposed(text: str, first: UnitLike, second: UnitLike) -> bool:
    """``second`` follows ``first`` after an apposition mark (and, if bracketed, closes right after)."""
    m = _APPOSITION.match(text, first.end, second.start)
    if m is None or m.end() != second.start:
        return False
    if "(" in m.group() or "[" in m.group():
        return _CLOSE.match(text, second.end) is not None
    return True


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def find_unit_links(text: str, units: list[UnitLike]) -> list[UnitLink]:
    """Every number–designation pair the text states, at most one designation per number mention."""
    links: dict[int, UnitLink] = {}
    for i, (a, b) in enumerate(pairwise(units)):
        if _is_number(a) and _is_designation(b) and _apposed(text, a, b):
            links.setdefault(i, UnitLink(i, i + 1, "apposition"))
        elif _is_designation(a) and _is_number(b) and _apposed(text, a, b):
            links.setdefault(i + 1, UnitLink(i + 1, i, "apposition"))
    rows: dict[tuple[int, int], list[int]] = {}
    for i, u in enumerate(units):
        rows.setdefault(_line_bounds(text, u.start), []).append(i)
    for (start, end), members in rows.items():
        line = text[start:end]
        if not any(sep in line for sep in _ROW_SEPARATORS):
            continue
        numbers = [i for i in members if _is_number(units[i])]
        designations = [i for i in members if _is_designation(units[i])]
        if len(numbers) == 1 and len(designations) == 1:
            links.setdefault(numbers[0], UnitLink(numbers[0], designations[0], "table_row"))
    return sorted(links.values(), key=lambda link: link.number_index)


def resolve_short_ids(ids: list[str]) -> dict[str, str]:
    """Short designation ids of one text mapped to the one full id that extends them: "the 155th brigade"
    (``155-brigade``) is the ``155-brigade-naval_infantry`` named in full earlier; no entry when none or several."""
    full = [i for i in ids if i.count("-") >= 2 and not i.startswith("vch-")]
    out = {}
    for short in set(ids):
        if short.count("-") != 1 or short.startswith("vch-") or not short.split("-")[0].isdigit():
            continue
        candidates = {f for f in full if f.startswith(short + "-")}
        if len(candidates) == 1:
            out[short] = candidates.pop()
    return out
