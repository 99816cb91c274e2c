"""Rows of servicemen in running text: numbered lists ("1. рядовой Иванов Иван Иванович, 01.02.1990 г.р.,
убыл 05.03.2024;"), tables without ruling lines as the PDF text layer gives them, and OCR'd scans.

An item is a stretch starting with a row number or a rank, holding a name and at least one date. The dates are
told apart by their cue words ("г.р.", "убыл"), else by age (a birth date lies at least 16 years before the
event date; a lone date before 2010 is a birth date). A following line with no number and no date continues a
wrapped item (its first word completes a name that lacks a patronymic).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from extract.document import ParsedDocument
from extract.rosters.rows import RawRow
from extract.rosters.values import NAME_RE, find_dates, parse_article, parse_unit, rank_regex

__all__ = ["text_rows"]

_LINE = regex.compile(r"[^\n]+")
_ITEM_START = regex.compile(r"(?:(?<=^|[;:]\s*)|(?<=[;.]\s+))(?P<num>\d{1,4})(?:[.)]\s*|\s+)(?=\p{L})", regex.V1)
_BIRTH_AFTER = regex.compile(r"^\s*(?:г\.?\s*р\.?|года?\s+рожд|г\.\s*рожд)", regex.IGNORECASE)
_BIRTH_BEFORE = regex.compile(r"(?:д\.?\s*р\.?|дата\s+рождения|родил\w*|рожд\.?)\s*:?\s*$", regex.IGNORECASE)
_EVENT_BEFORE = regex.compile(
    r"(?:убыл\w*|оставил\w*|покинул\w*|не\s+прибыл\w*|соч|сзч|с|отсутству\w*)\s*(?:с\s*)?:?\s*$", regex.IGNORECASE
)
_PATRONYMIC = regex.compile(r"^[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична)(?![\p{L}])", regex.V1)
_UNIT_CUE = regex.compile(r"(?:в\s*/\s*ч|войсковой\s+части|воинской\s+части)\s*№?\s*(\d{5})", regex.IGNORECASE)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _items(line: str) -> list[tuple[int, int, str | None]]:
    """(start, end, number) of each item in a line; the whole line when it holds one unnumbered item."""
    starts = [(m.start(), m["num"]) for m in _ITEM_START.finditer(line)]
    if not starts:
        return [(0, len(line), None)]
    if starts[0][0] > 0 and line[: starts[0][0]].strip():
        starts.insert(0, (0, None))
    bounds = [s for s, _ in starts] + [len(line)]
    return [(bounds[i], bounds[i + 1], starts[i][1]) for i in range(len(starts))]


def _date_roles(item: str, dates: list[tuple[int, int, str]]) -> dict[str, str | None]:
    birth: str | None = None
    event: str | None = None
    rest: list[str] = []
    for s, e, value in dates:
        if birth is None and (_BIRTH_AFTER.match(item[e:]) or _BIRTH_BEFORE.search(item[max(0, s - 20) : s])):
            birth = value
        elif event is None and _EVENT_BEFORE.search(item[max(0, s - 20) : s]):
            event = value
        else:
            rest.append(value)
    if birth is None and event is None and len(rest) >= 2:
        birth = min(rest[:2])
        event = max(rest[:2])
    elif birth is None and rest:
        older = [v for v in rest if event is None or int(event[:4]) - int(v[:4]) >= 16]
        if older and (event is not None or int(older[0][:4]) < 2010):
            birth = older[0]
        elif event is None:
            event = rest[0]
    elif event is None and rest:
        event = rest[0]
    return {"birth_date": birth, "event_date": event}


def _parse_item(item: str, number: str | None) -> tuple[dict[str, str], dict[str, str | None]] | None:
    dates = find_dates(item)
    if not dates:
        return None
    head = item[: dates[0][0]]
    rank = rank_regex().search(head)
    name = NAME_RE.search(head, rank.end() if rank else 0)
    if name is None or (number is None and rank is None):
        return None
    values: dict[str, str] = {"name": name.group()}
    if number:
        values["number"] = number
    if rank:
        values["rank"] = rank.group()
    blanked = "".join(" " if any(s <= i < e for s, e, _ in dates) else ch for i, ch in enumerate(item))
    tail = blanked[name.end() :]
    cue = _UNIT_CUE.search(tail)
    unit = cue.group(1) if cue else parse_unit(tail)
    if unit:
        values["military_unit_number"] = unit
    article = parse_article(tail)
    if article:
        m = regex.search(
            r"(?:ч(?:асть|\.)?\s*\d+(?:\.\d+)?\s*,?\s*)?ст(?:атья|\.|\s)?\s*\d{3}(?:\s*,?\s*ч\.?\s*[\d.]+)?", tail
        )
        values["article"] = m.group() if m else article[0]
        note = blanked[name.end() + m.end() :] if m else ""
        if note.strip(" ;,.\t"):
            values["note"] = note.strip(" ;,.\t")
    values["event"] = item
    return values, _date_roles(item, dates)


def text_rows(doc: ParsedDocument, exclude: Iterable[tuple[int, int]] = ()) -> list[RawRow]:
    """Every list item of ``doc.text`` outside the ``exclude`` spans (the rows tables already gave)."""
    text = doc.text
    spans = sorted(exclude)
    out: list[RawRow] = []
    last: RawRow | None = None
    for m in _LINE.finditer(text):
        if _covered(spans, m.start(), m.end()):
            last = None
            continue
        line = m.group()
        found_any = False
        for s, e, number in _items(line):
            parsed = _parse_item(line[s:e], number)
            if parsed is None:
                continue
            values, roles = parsed
            start = m.start() + s + (len(line[s:e]) - len(line[s:e].lstrip()))
            end = m.start() + len(line[:e].rstrip(" ;,\t"))
            last = RawRow(values, start, end, table=None, row=len(out) + 1, dates_read=roles)
            out.append(last)
            found_any = True
        if found_any or last is None:
            continue
        # a wrapped line: no item of its own, right after an item
        cont = _PATRONYMIC.match(line.strip())
        name_words = last.values["name"].split()
        if cont and len(name_words) == 2 and not regex.search(r"\d", line):
            last.values["name"] = f"{last.values['name']} {cont.group()}"
            last.char_end = m.end()
        last = None
    return out
