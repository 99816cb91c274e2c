"""Military unit numbers: "в/ч 12345", "войсковой части № 12345-А", "military unit 12345", "MU 12345", and the
cells of a table column headed "в/ч" in a leaked list.

The mention spans the prefix and the number ("в/ч 12345"); numbers joined to it by "," / "и" / "and" are mentions
of their own (the digits only), and so are the cells of a unit number column. The prefixes and column headings are
data (``models/units/unit_numbers.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extract.grammars.unit_tables import fold, unit_number_headers, unit_number_prefixes

__all__ = ["NumberMention", "find_unit_numbers", "unit_number_id"]

#: (start, end, military_unit_number, rule)
NumberMention = tuple[int, int, str, str]

#: more numbers joined to a prefixed one: five digits only, so that "в/ч 12345, 1998 г. р." gives no unit "1998"
_MORE = regex.compile(r"(?:\s*,\s*|\s+(?:и|and|or|или)\s+)(?P<num>\d{5})(?:-(?P<suffix>\p{L}))?(?![\p{L}\d])", regex.V1)
_CELL_NUMBER = regex.compile(r"\s*(?P<num>\d{4,5}(?:-\p{L})?)\s*", regex.V1)
_SEPARATORS = ("|", "\t")
#: a table ends after this many lines without a separator
_LOOSE_LINES = 3

#: a letter suffix of a unit number in Latin letters, for the id
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def unit_number_id(number: str) -> str:
    """``vch-12345``; a letter suffix in Latin lower case: "12345-А" → ``vch-12345-a``."""
    digits, _, suffix = number.partition("-")
    if not suffix:
        return f"vch-{digits}"
    letter = suffix.lower()
    return f"vch-{digits}-{_LATIN.get(letter, letter) or letter}"


def _number(m: regex.Match) -> str:
    return m["num"] + (f"-{m['suffix']}" if m["suffix"] else "")


def _prefixed(text: str, lang: str) -> Iterator[NumberMention]:
    folded = fold(text)
    for m in unit_number_prefixes(lang).finditer(folded):
        yield m.start(), m.end(), _number(m), "unit_number"
        pos = m.end()
        while (more := _MORE.match(folded, pos)) is not None:
            yield more.start("num"), more.end(), _number(more), "unit_number_list"
            pos = more.end()


def _cells(line: str, sep: str) -> list[tuple[int, int]]:
    """(start, end) of every cell of a separated line, relative to the line."""
    out, pos = [], 0
    for cell in line.split(sep):
        out.append((pos, pos + len(cell)))
        pos += len(cell) + len(sep)
    return out


@dataclass(slots=True)
class _Column:
    """A unit number column: its separator and its place from the left and from the right of the heading."""

    sep: str
    left: int
    right: int
    width: int
    widest: int = 0  # the most cells of a row so far

    def cell(self, cells: list[tuple[int, int]]) -> tuple[int, int] | None:
        self.widest = max(self.widest, len(cells))
        if len(cells) == self.width:
            return cells[self.left]
        # a heading wrapped over several lines (a PDF table) keeps its last cells on the line before the rows;
        # count from the right of the widest row, since a row may lose its empty last cells
        index = self.widest - 1 - self.right
        return cells[index] if 0 <= index < len(cells) else None


def _table_columns(text: str, lang: str) -> Iterator[NumberMention]:
    header = unit_number_headers(lang)
    column: _Column | None = None
    offset, loose = 0, 0  # loose: lines without a separator since the last row (wrapped cells, page furniture)
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        sep = next((s for s in _SEPARATORS if s in body), None)
        if sep is None:
            loose += bool(body.strip())
            if loose > _LOOSE_LINES:
                column = None
        else:
            loose = 0
            cells = _cells(body, sep)
            found = [i for i, (s, e) in enumerate(cells) if header.fullmatch(body, s, e)]
            if found:
                column = _Column(sep, found[0], len(cells) - 1 - found[0], len(cells))
            elif column is not None and column.sep == sep and (cell := column.cell(cells)) is not None:
                m = _CELL_NUMBER.fullmatch(body, *cell)
                if m is not None:
                    yield offset + m.start("num"), offset + m.end("num"), m["num"], "unit_number_column"
        offset += len(line)


def find_unit_numbers(text: str, lang: str) -> list[NumberMention]:
    """Military unit numbers in ``text``, by prefix and by table column, in text order."""
    return sorted({*_prefixed(text, lang), *_table_columns(text, lang)})
