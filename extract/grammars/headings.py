"""Headings of a document's text as the parsers write it: a short line standing alone between blank lines,
without a final full stop, colon or mark ("Первое полугодие 2025", "AWOL cases by district")."""

from __future__ import annotations

from bisect import bisect_right

import regex

__all__ = ["heading_above", "headings"]

_LONE_LINE = regex.compile(r"(?:^|(?<=\n\n))([^\n]{3,120})(?=\n\n)", regex.V1)


def headings(text: str) -> list[tuple[int, int]]:
    """(start, end) of every heading of ``text``, in order; lone lines that follow each other (a title, its
    subtitle, a dateline) make one heading."""
    spans: list[tuple[int, int]] = []
    for m in _LONE_LINE.finditer(text):
        if m.group(1).rstrip().endswith((".", ":", "!", "?")):
            continue
        if spans and not text[spans[-1][1] : m.start(1)].strip():
            spans[-1] = (spans[-1][0], m.end(1))
        else:
            spans.append((m.start(1), m.end(1)))
    return spans


def heading_above(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The last of ``spans`` (the text's ``headings``) that ends at or before ``pos``; None when there is none."""
    i = bisect_right([end for _, end in spans], pos)
    return spans[i - 1] if i else None
