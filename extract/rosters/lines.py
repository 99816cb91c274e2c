"""Rows of servicemen in running text: numbered lists ("1. рядовой Иванов Иван Иванович, 01.02.1990 г.р.,
убыл 05.03.2024;"), tables without ruling lines as the PDF text layer gives them, and OCR'd scans.

An item is a stretch starting with a row number or a rank, holding a name and at least one date. The dates are
told apart by their cue words ("г.р.", "убыл"), else by age (a birth date lies at least 16 years before the
event date; a lone date before 2010 is a birth date). A following line with no number and no date continues a
wrapped item (its first word completes a name that lacks a patronymic).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from extract.document import ParsedDocument
from extract.rosters.rows import RawRow
from extract.rosters.values import NAME_RE, find_dates, parse_article, parse_unit, rank_regex

__all__ = ["text_rows"]

_LINE = regex.compile(r"[^\n]+")
#: an article of the Criminal Code's chapter on military service (331-352) standing alone after the dates
_OCR_ARTICLE = regex.compile(r"(?<![\d.,])3[3-5]\d(?![\d.,])")
_MAX_WRAP = 4
_MAX_ROW_CHARS = 400  # lines an item may run over before its dates appear
_BIRTH_AFTER = regex.compile(r"^\s*(?:г\.?\s*р\.?|года?\s+рожд|г\.\s*рожд)", regex.IGNORECASE)
_BIRTH_BEFORE = regex.compile(r"(?:д\.?\s*р\.?|дата\s+рождения|родил\w*|рожд\.?)\s*:?\s*$", regex.IGNORECASE)
_EVENT_BEFORE = regex.compile(
    r"(?:убыл\w*|оставил\w*|покинул\w*|не\s+прибыл\w*|соч|сзч|с|отсутству\w*)\s*(?:с\s*)?:?\s*$", regex.IGNORECASE
)
_PATRONYMIC = regex.compile(r"^[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична)(?![\p{L}])", regex.V1)
_UNIT_CUE = regex.compile(r"(?:в\s*/\s*ч|войсковой\s+части|воинской\s+части)\s*№?\s*(\d{5})", regex.IGNORECASE)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@cache
def _item_start() -> regex.Pattern:
    """A row number: at the line start ("12 рядовой", "12. Иванов") or after a semicolon or full stop ("; 13.
    рядовой"), followed by a rank or a capitalised word."""
    after = rf"(?=\p{{Lu}}|(?:{rank_regex().pattern}))"
    return regex.compile(
        rf"(?:^\s*(?P<num>\d{{1,4}})[.)]?\s*{after}|(?<=[;:]\s*|\.\s+)(?P<num>\d{{1,4}})[.)]\s*{after})",
        regex.V1 | regex.IGNORECASE,
    )


def _items(line: str) -> list[tuple[int, int, str | None]]:
    """(start, end, number) of each item in a line; the whole line when it holds one unnumbered item."""
    starts = [(m.start(), m["num"]) for m in _item_start().finditer(line)]
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
    # cells set without a gap run together in the text layer: "лейтенантИвнянский"
    item = regex.sub(r"(?<=[а-яё])(?=[А-ЯЁ][а-яё])", " ", " ".join(item.split()))
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
    if article is None and (bare := _OCR_ARTICLE.search(tail)):  # "ст: 337", "сг. 337": OCR misreadings
        values["article"] = bare.group()
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
    lines = [m for m in _LINE.finditer(text) if not _covered(spans, m.start(), m.end())]
    k = 0
    while k < len(lines):
        m = lines[k]
        line = m.group()
        k += 1
        found_any = False
        for s, e, number in _items(line):
            parsed = _parse_item(line[s:e], number)
            end = m.start() + len(line[:e].rstrip(" ;,\t"))
            if parsed is None and number is not None and e == len(line) and not find_dates(line[s:e]):
                # a row whose cells wrap: its dates come on a later line of the text layer
                for extra in range(k, min(k + _MAX_WRAP, len(lines))):
                    if _items(lines[extra].group())[0][2] is not None or _covered(spans, m.end(), lines[extra].start()):
                        break  # the next item, or a table between
                    if lines[extra].end() - m.start() > _MAX_ROW_CHARS:
                        break
                    joined = text[m.start() + s : lines[extra].end()]
                    parsed = _parse_item(joined, number)
                    if parsed is not None:
                        end, k = lines[extra].end(), extra + 1
                        break
            if parsed is None:
                continue
            values, roles = parsed
            start = m.start() + s + (len(line[s:e]) - len(line[s:e].lstrip()))
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
