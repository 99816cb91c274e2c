"""Numbers written in words, English and Russian: "twenty-one thousand", "двумястами пятьюдесятью шестью".

One precompiled regex (a prefix trie of every form in ``models/numbers/<lang>.tsv``, word-boundary guarded,
case-insensitive, ё read as е) finds the tokens; a small state machine joins adjacent ones by the usual
additive/multiplicative grammar: a group below a thousand (units, teens, tens, hundreds) is multiplied by the scale
word after it, "and" may follow "hundred" or a scale ("one hundred and five"), "and a half" / "с половиной" add a
half, "point" / "точка" and "целых ... десятых" make decimals. Tokens that cannot combine start a new number
("twenty thirty", "пять шесть"). Plural scale words with no number before them are vague amounts ("thousands",
"сотни тысяч") valued at a conservative lower bound. Digits ("20 тысяч") are the caller's (``numbers.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import NamedTuple

import regex

from extract.grammars.lexicon import alternation, rows

__all__ = ["NumberWords", "find_number_words"]

_FLAGS = regex.IGNORECASE | regex.V1
_GROUP = frozenset({"unit", "teen", "tens", "hundreds"})
_DIGITS = frozenset({"unit", "teen", "tens"})
_WORD = r"(?<![\p{L}\p{N}])"
_A_BEFORE = regex.compile(rf"{_WORD}an?\s+$", _FLAGS)  # "a thousand", "an eighth"
_DIGITS_BEFORE = regex.compile(r"\p{N}\s*$")  # "20 тысяч": the digit grammar owns the scale word
# What may stand between two tokens of one number; the kind of gap decides which joins are allowed.
_GAPS = {
    "en": r"(?P<sp>\s+)|(?P<hy>[-‐‑])"
    r"|\s+(?:(?P<and_a>and\s+an?)|(?P<and>and)|(?P<a>an?)|(?P<of>of)|(?P<point>point))\s+",
    "ru": r"(?P<sp>\s+)|(?P<hy>[-‐‑])|\s+(?:(?P<s>с)|(?P<int>цел(?:ых|ая|ой|ую|ые))|(?P<point>точка|запятая))\s+",
}


@dataclass(frozen=True, slots=True)
class NumberWords:
    start: int  # char offsets into the text
    end: int
    value: float  # 21300, 0.5, 5.2 ...
    kind: str  # "cardinal" | "ordinal" | "fraction" | "collective" | "vague"
    text: str


class _Entry(NamedTuple):
    value: float
    type: str
    tags: frozenset[str]
    plural: bool  # plural reading only ("thousands", "сотен"); "тысячи" is ambig (genitive singular or plural)
    ambig: bool


class _Tok(NamedTuple):
    start: int
    end: int
    e: _Entry


@dataclass(frozen=True, slots=True)
class _Lexicon:
    forms: dict[str, _Entry]
    tokens: regex.Pattern
    gaps: regex.Pattern
    one_before: regex.Pattern | None  # "the one", "no one": "one" as a pronoun
    one_after: regex.Pattern | None  # "one cannot", "one another", "one's"
    gen_before: regex.Pattern | None  # "около тысячи": genitive singular, a cardinal rather than vague "тысячи"


def _trie(words: list[str]) -> str:
    """An alternation factored by common prefixes ("тысяч(?:а|ам|...)?"), many times faster than a flat one.

    Optional tails are greedy, so the longest form is tried first and shorter ones on backtracking."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [regex.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        body = "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node and body else body

    return build(root)


def _context(words: list[str], before: bool) -> regex.Pattern | None:
    alt = alternation([regex.escape(w) for w in words])
    after = rf"\s+(?:{alt})(?![\p{{L}}\p{{N}}])|['’]s(?!\p{{L}})"
    return regex.compile(rf"{_WORD}(?:{alt})\s+$" if before else after, _FLAGS) if words else None


@cache
def _lexicon(lang: str) -> _Lexicon:
    forms: dict[str, _Entry] = {}
    context: dict[str, list[str]] = {"before": [], "after": [], "gen_prep": []}
    for row in rows(f"numbers/{lang}.tsv"):
        form, value, type_ = row[0].lower().replace("ё", "е"), row[1], row[2]
        tags = frozenset(regex.split(r"[\s;]+", row[3])) if len(row) > 3 else frozenset()
        if type_ in ("one_context", "gen_prep"):
            for key in ("before", "after") if type_ == "one_context" else ("gen_prep",):
                if key in tags or key == type_:
                    context[key].append(form)
        else:
            plural = "pl" in tags and "sg" not in tags
            forms[form] = _Entry(float(Fraction(value)), type_, tags, plural, "ambig" in tags)
    return _Lexicon(
        forms=forms,
        tokens=regex.compile(rf"\m(?:{_trie(list(forms))})\M", _FLAGS),  # \m, \M: start and end of a word
        gaps=regex.compile(_GAPS[lang], _FLAGS),
        one_before=_context(context["before"], True),
        one_after=_context(context["after"], False),
        gen_before=_context(context["gen_prep"], True),
    )


@dataclass(slots=True)
class _Num:
    """The number being read: ``total`` holds the finished scale parts, ``g`` the group after the last scale."""

    start: int
    end: int
    total: float = 0.0
    g: float = 0.0
    last: str = ""  # type of the last token read
    scale: float = math.inf  # smallest scale read so far
    kind: str = "cardinal"
    ok: bool = True  # False while the number still needs a word ("several" needs "thousand")
    done: bool = False  # nothing may follow (ordinals, fractions, collectives)
    ntok: int = 1
    dec: str | None = None  # decimal digits read after "point" / "точка"
    int_part: float | None = None  # integer part before "point" / "целых"
    rollback: tuple[int, int] | None = None  # (end, token index) to fall back to when "целых" has no fraction

    def value(self) -> float:
        if self.dec is not None:
            return (self.int_part or 0.0) + float(f"0.{self.dec}{int(self.g)}")
        return self.total + self.g


def _start(n: _Num, e: _Entry, lang: str, a: bool, gen: bool) -> None:
    """Read the first token of a number; ``a``: preceded by "a"/"an", ``gen``: by a genitive preposition."""
    ty, v = e.type, e.value
    n.ok, n.last, n.g = "needs_a" not in e.tags or a, ty, v
    if ty in ("fraction", "ordinal") and e.plural and lang == "en":
        n.ok = False  # "thirds", "halves" alone
    elif ty == "scale":
        n.total, n.scale, n.g = v, v, 0.0
    elif ty == "ordinal" and lang == "en" and a and v >= 3:
        n.g, n.kind, n.done = 1 / v, "fraction", True  # "a third", "a tenth"
    elif ty in ("ordinal", "fraction", "collective"):
        n.kind, n.done = ty, ty != "fraction"
    elif ty in ("several", "vague"):
        n.ok = False  # "several" needs a multiplier after it, "tens" needs "of thousands"
    n.done = n.done or ty == "complete"
    if ty in ("several", "vague") or ((e.plural or (e.ambig and not gen)) and ty in ("scale", "hundred", "noun")):
        n.kind = "vague"


def _feed(n: _Num, e: _Entry, gap: str, lang: str) -> bool:  # the whole grammar, in one place
    """Add a token after ``gap`` to ``n``; False when it cannot belong to the same number."""
    ty, v, last, group = e.type, e.value, n.last, n.last in _GROUP
    if n.done or (n.kind == "vague" and ty not in ("scale", "hundred", "noun")):
        return False
    if gap == "hy" and not ((last == "tens" and ty in ("unit", "ordinal")) or (last == "unit" and ty == "ordinal")):
        return gap == "hy" and last == "unit" and ty == "fraction" and _fraction(n, v)  # one-third; twenty-one
    if gap == "and" and (not (last == "hundred" or (last == "scale" and not n.g)) or ty not in (*_DIGITS, "ordinal")):
        return False  # "and" only after "hundred" or a scale: one hundred and five, two thousand and nineteen
    if gap in ("and_a", "s"):  # one and a half million, a million and a half, три с половиной
        if ty != "fraction" or v != 0.5 or n.kind != "cardinal" or n.dec is not None:
            return False
        if n.g and n.scale == math.inf:
            n.g, n.last = n.g + 0.5, "half"
        elif last == "scale" and not n.g:
            n.total, n.done = n.total + 0.5 * n.scale, True
        return n.last == "half" or n.done
    if (gap == "a" and last != "fraction") or (gap == "of" and not (n.kind == "vague" and n.g and ty == "scale")):
        return False  # half a million; tens of thousands, hundreds of thousands
    if gap == "point":  # two point two million, сто двадцать пять точка сорок
        if ty not in _DIGITS or n.dec is not None or not group or n.kind != "cardinal":
            return False
        n.int_part, n.dec, n.g, n.last = n.total + n.g, "", v, ty
        return True
    if gap == "int":  # пять целых две десятых; without the fraction we fall back to "пять"
        if n.int_part is not None or not (group or last == "scale") or ty not in _GROUP or n.kind != "cardinal":
            return False
        n.rollback = (n.end, -1)
        n.int_part, n.total, n.g, n.last, n.scale = n.value(), 0.0, v, ty, math.inf
        return True
    if n.dec is not None:  # decimal digits: "seven seven" = .77, "сорок" = .40; a scale ends the number
        if ty == "scale":
            n.total, n.dec, n.g, n.done = n.value() * v, None, 0.0, True
            return True
        if ty not in _GROUP:
            return False
        if not _group_ok(n, ty, v):
            n.dec, n.g, n.last = n.dec + str(int(n.g)), v, ty
            return True
    if last == "fraction" and ty in ("scale", "noun"):  # half a million, quarter million, четверть миллиона
        if n.ntok > 1 or e.plural:
            return False
        n.total, n.g, n.kind, n.done, n.ok = n.g * v, 0.0, "cardinal", True, True
    elif ty in _GROUP:
        if not _group_ok(n, ty, v):
            return False
        n.g += v
    elif ty in ("hundred", "noun"):  # forty five hundred, двенадцать сотен, two dozen, несколько десятков
        if ty == "hundred" and not ((last in _DIGITS and 0 < n.g < 100) or last == "several"):
            return False
        if ty == "noun" and (not (group or last in ("hundred", "several")) or "needs_a" in e.tags):
            return False
        n.g, n.ok = n.g * v, True
    elif ty == "scale":
        if n.g and v < n.scale and last != "scale":
            n.total += n.g * v
        elif last == "scale" and not n.g and v != n.scale:  # триллион миллиард; three thousand millions
            n.total, n.scale = (n.total + v, v) if v < n.scale else (n.total * v, v)
        else:
            return False
        n.g, n.scale, n.ok = 0.0, min(v, n.scale), True
    elif ty == "ordinal":
        if n.int_part is not None and group:  # две десятых after "целых"
            n.g, n.int_part, n.rollback, n.done = n.int_part + n.g / v, None, None, True
        elif (
            (last == "tens" and v < 10)
            or (last in ("hundreds", "hundred") and v < 100)
            or (last == "scale" and not n.g and v < 100)
        ):  # twenty-first, сто первый, тысяча первый
            n.g, n.kind, n.done = n.g + v, "ordinal", True
        elif last in _DIGITS and n.scale == math.inf and v >= (2 if lang == "ru" else 3):
            if lang == "ru" or e.plural or n.g == 1:
                return _fraction(n, 1 / v)  # two thirds, one tenth, пять десятых
            if v < 100:
                return False
            n.g, n.kind, n.done = n.g * v, "ordinal", True  # two hundredth, three thousandth
        else:
            return False
    elif ty == "fraction":  # two thirds, three quarters, две трети
        return (v != 0.5 or n.g == 1) and _fraction(n, v)
    else:
        return False
    n.last = ty
    return True


def _fraction(n: _Num, v: float) -> bool:
    """The group read so far is a numerator: "two" + thirds."""
    if n.last not in _DIGITS or n.scale < math.inf or n.kind != "cardinal":
        return False
    n.g, n.kind, n.done, n.last = n.g * v, "fraction", True, "fraction"
    return True


def _group_ok(n: _Num, ty: str, v: float) -> bool:
    """May a unit/teen/tens/hundreds word extend the current group?"""
    if v != int(v) or n.kind != "cardinal":
        return False  # "полтора" only starts a number; vague amounts take no units
    if n.last == "scale":
        return n.g == 0
    if n.last in ("hundreds", "hundred"):
        return ty in _DIGITS and n.g % 100 == 0
    return n.last == "tens" and ty == "unit" and n.g % 10 == 0


def _tokens(src: str, lex: _Lexicon) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in lex.tokens.finditer(src):
        e, (s, end) = lex.forms[m.group().lower()], m.span()
        if e.type in ("scale", "hundred", "noun") and _DIGITS_BEFORE.search(src, max(0, s - 4), s):
            continue
        if "pron" in e.tags and lex.one_after and lex.one_after.match(src, end):
            continue
        toks.append(_Tok(s, end, e))
    if lex.one_before is None:
        return toks
    keep = []
    for i, t in enumerate(toks):  # "the one who", "no one" -- but "the one hundred days" is a number
        if "pron" in t.e.tags and lex.one_before.search(src, max(0, t.start - 12), t.start):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if not (nxt and nxt.e.type in ("hundred", "scale", "noun") and lex.gaps.fullmatch(src, t.end, nxt.start)):
                continue
        keep.append(t)
    return keep


def _parse(src: str, toks: list[_Tok], i: int, lex: _Lexicon, lang: str) -> tuple[_Num | None, int]:
    """Read the longest number starting at token ``i``: the number (None if not one) and the next token index."""
    t = toks[i]
    a = _A_BEFORE.search(src, max(0, t.start - 6), t.start) if lang == "en" and t.e.type not in _GROUP else None
    a = None if t.e.plural else a
    gen = bool(lex.gen_before and t.e.ambig and lex.gen_before.search(src, max(0, t.start - 12), t.start))
    n = _Num(a.start() if a and not (t.e.type == "ordinal" and t.e.value < 3) else t.start, t.end)
    _start(n, t.e, lang, a is not None, gen)
    j = i + 1
    while j < len(toks) and toks[j].start - n.end <= 24:
        gm = lex.gaps.fullmatch(src, n.end, toks[j].start)
        if gm is None or not _feed(n, toks[j].e, gm.lastgroup or "sp", lang):
            break
        if n.rollback and n.rollback[1] < 0:
            n.rollback = (n.rollback[0], j)
        n.end, n.ntok, j = toks[j].end, n.ntok + 1, j + 1
    if n.rollback:  # "пять целых" with no fraction after it: the integer part only
        n.g, n.total, n.end, j, n.int_part = n.int_part or 0.0, 0.0, n.rollback[0], n.rollback[1], None
    if not n.ok or (n.ntok == 1 and "weak" in t.e.tags and n.start == t.start):
        return None, i + 1
    return n, j


def find_number_words(text: str, lang: str) -> list[NumberWords]:
    """Numbers written in words in ``text`` (``lang`` "en" or "ru"): non-overlapping, in text order."""
    if lang not in _GAPS:
        raise ValueError(f"unsupported language {lang!r}: expected 'en' or 'ru'")
    lex = _lexicon(lang)
    src = text.replace("ё", "е").replace("Ё", "Е")  # same length: offsets stay valid; faster than translate
    toks = _tokens(src, lex)
    out: list[NumberWords] = []
    i = 0
    while i < len(toks):
        n, i = _parse(src, toks, i, lex, lang)
        if n is not None:
            out.append(NumberWords(n.start, n.end, n.value(), n.kind, text[n.start : n.end]))
    return out
