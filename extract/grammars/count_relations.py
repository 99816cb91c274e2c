"""How the counts of one text refer to each other: parts, restated wholes, comparisons and baselines.

A figure often means something only through another one. "Of these, 1,240 came from servicemen …" counts
requests, the whole stated before; "Of the 2,012, 318 were returned" restates the 2,012 absentees; "что на 23%
больше" and "почти вдвое больше" change the figure just before them; "(219)" after "больше, чем за весь 2024
год" is the baseline of the figure it is compared with. ``relate`` finds these links by the cue words of
``models/counts/relations.tsv`` and the order of the figures; the count component takes the category of the
whole from them, the resolver its period.

Relations, each pointing at the index of the figure referred to (its ``whole``):

* ``part``: a part of a whole stated before ("Of these", "из них", "1,130 of them", and every later figure of
  the same sentence: "Из них 78 — …, 11 — …, 7 — …");
* ``restated``: a figure that opens a sentence as the whole of what follows and repeats a figure stated
  before ("Of the 2,012, …", "Из 96 дел …");
* ``comparison``: a multiplier or a change in per cent of the figure before it ("twice as many", "на 23%
  больше"); in the same sentence, or, when the sentence has no figure before it, of the last figure of the
  previous one ("The number of such sentences has more than doubled");
* ``baseline``: the figure another one is compared with ("than in May 2023, when courts registered 183",
  "против 311", "up from 4 105").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import rows
from extract.grammars.sentences import Sentences

__all__ = ["Relation", "carries_on", "relate"]

_FLAGS = regex.IGNORECASE | regex.V1
#: sentences to look back for the whole of "Of these" or for the figure a multiplier changes
_LOOK_BACK = 3
#: figures before a count in its sentence that may be what it refers to (the nearest ones; tables run long)
_NEAR = 20
_AFTER_COMMA = regex.compile(r",\s*\S+\s*\S*\s*$")  # a cue of a word or two right after a comma


@dataclass(frozen=True, slots=True)
class Relation:
    whole: int  # index of the figure referred to
    kind: str  # part | restated | comparison | baseline
    same_sentence: bool


@cache
def _cues(lang: str) -> dict[str, regex.Pattern]:
    table: dict[str, list[str]] = {}
    for lang_, relation, pattern in rows("counts/relations.tsv"):
        if lang_ == lang:
            table.setdefault(relation, []).append(f"(?:{pattern})")
    return {relation: regex.compile("|".join(patterns), _FLAGS) for relation, patterns in table.items()}


def _cue(lang: str, name: str, text: str) -> regex.Match | None:
    pattern = _cues(lang).get(name)
    return pattern.search(text) if pattern is not None else None


def carries_on(lang: str, sentence: str) -> bool:
    """Whether a sentence that states no period may go on about the period of the figures before it: not when it
    gives a rate ("every working day", "в сутки") or a present stock ("now", "сейчас")."""
    return _cue(lang, "no_carry", sentence) is None


def relate(text: str, counts: Sequence[dict], sentences: Sentences, lang: str) -> dict[int, Relation]:
    """Relations of the counts (records with ``char_start``, ``char_end``, ``kind``, ``value``, in text order),
    keyed by the index of the count that refers."""
    bounds = [sentences.bounds(c["char_start"], c["char_end"]) for c in counts]
    relations: dict[int, Relation] = {}
    governing: dict[tuple[int, int], int] = {}  # a sentence's whole for its later figures ("Of these, 139 …, 17 …")
    members: dict[tuple[int, int], list[int]] = {}  # the figures of each sentence, in order
    order: list[tuple[int, int]] = []  # the sentences with figures, in order
    for i, count in enumerate(counts):
        first, last = bounds[i]
        if (first, last) not in members:
            members[first, last] = []
            order.append((first, last))
        same = members[first, last][-_NEAR:]  # the figures before this one in its sentence (the nearest suffice)
        members[first, last].append(i)
        since = counts[same[-1]]["char_end"] if same else first
        before = text[since : count["char_start"]]
        after = text[count["char_end"] : min(last, count["char_end"] + 40)]
        figures = [j for j in same if counts[j]["kind"] == "count" and _plain(relations.get(j))]

        if same and _cue(lang, "same", before) and _other_kind(counts[same[-1]], count):
            relations[i] = Relation(same[-1], "restated", True)  # "141 of the total, or 86%"
            continue
        if not same and _cue(lang, "restated", text[max(0, first - 2) : count["char_start"]]):
            governing[first, last] = i
            earlier = next(
                (j for j in range(i - 1, -1, -1) if bounds[j][0] < first and _same_value(counts[j], count)), None
            )
            if earlier is not None:
                relations[i] = Relation(earlier, "restated", False)
            continue
        compared = [j for j in same if _plain(relations.get(j)) or relations[j].kind == "comparison"]
        if compared and _cue(lang, "baseline", before):
            # "… six times more than in May 2023, when courts registered 183": the figure the change is of
            relations[i] = Relation(_head(compared[-1], relations), "baseline", True)
            continue
        if count["kind"] == "multiplier" or (
            count["kind"] == "share" and (_cue(lang, "growth_before", before) or _cue(lang, "growth_after", after))
        ):
            if figures:
                relations[i] = Relation(figures[-1], "comparison", True)
            elif not same and (whole := _main_before(counts, members, order, relations)) is not None:
                relations[i] = Relation(whole, "comparison", False)
            continue
        opening = not same and _cue(lang, "part_opening", before)
        if opening or _cue(lang, "part", before) or _cue(lang, "part_after", after):
            if figures and _mid_sentence(before):
                whole = figures[-1]  # "получил 4,2 тысячи заявок, из них более 600 …"
            else:
                whole = _main_before(counts, members, order, relations)
            if whole is not None:
                relations[i] = Relation(whole, "part", bounds[whole] == (first, last))
                governing[first, last] = whole
            continue
        if (first, last) in governing and count["kind"] in ("count", "share"):
            whole = governing[first, last]
            if whole != i:
                relations[i] = Relation(whole, "part", bounds[whole] == (first, last))
    return relations


def _root(j: int, relations: dict[int, Relation]) -> int:
    """The whole a part belongs to: "Of these, 139 …" then "141 of the total" both count the same whole."""
    seen = {j}
    while (relation := relations.get(j)) is not None and relation.kind == "part" and relation.whole not in seen:
        j = relation.whole
        seen.add(j)
    return j


def _plain(relation: Relation | None) -> bool:
    """A figure that can be the whole of a comparison or a baseline: not itself a baseline or a change."""
    return relation is None or relation.kind in ("part", "restated")


def _head(j: int, relations: dict[int, Relation]) -> int:
    """The figure a comparison compares: "six times more than in May 2023, when … 183" compares 1,052."""
    relation = relations.get(j)
    return relation.whole if relation is not None and relation.kind == "comparison" else j


def _other_kind(a: dict, b: dict) -> bool:
    """A count and a share of the same thing ("141, or 86%"; "20–25%, то есть от 150 до 180 тыс.")."""
    return {a["kind"], b["kind"]} == {"count", "share"}


def _same_value(a: dict, b: dict) -> bool:
    return a["kind"] == b["kind"] == "count" and a.get("value") is not None and a["value"] == b.get("value")


def _mid_sentence(before: str) -> bool:
    """The cue follows a comma inside the sentence (", of whom", ", из них"), not its opening."""
    return "," in before.split(":")[0] or bool(_AFTER_COMMA.search(before))


def _main_before(
    counts: Sequence[dict],
    members: dict[tuple[int, int], list[int]],
    order: list[tuple[int, int]],
    relations: dict[int, Relation],
) -> int | None:
    """The main figure of the nearest sentence before the current one (the last of ``order``) that has one: its
    last plain count (not a baseline or a change), looking back a few sentences."""
    for sentence in order[-2 : -2 - _LOOK_BACK : -1]:
        plain = [j for j in members[sentence] if counts[j]["kind"] == "count" and _plain(relations.get(j))]
        if plain:
            return _root(plain[-1], relations)
    return None
