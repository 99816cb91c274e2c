"""Matching predicted mentions to gold ones, and the figures: precision, recall, F1, attribute accuracy.

A prediction matches a gold mention of the same type when their character spans overlap and their key fields
agree (counts: value; dates: both interval ends; units: military unit number, number and echelon; sources:
name; persons: normalized name). Each gold mention matches at most one prediction (the one overlapping most).
An overlapping pair whose key fields disagree is reported as "wrong" (and counts as one miss and one spurious).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ATTRIBUTES", "KEYS", "Match", "TypeScore", "match_mentions", "normalize_name"]


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def normalize_name(name: str | None) -> str:
    return " ".join((name or "").lower().replace("ё", "е").replace(".", ". ").split())


KEYS: dict[str, Callable[[dict, dict], bool]] = {
    "counts": lambda g, p: _close(g["value"], p.get("value")),
    "dates": lambda g, p: g["start"] == p.get("start") and g["end"] == p.get("end"),
    "units": lambda g, p: all(g[k] == p.get(k) for k in ("military_unit_number", "number", "echelon")),
    "sources": lambda g, p: g["name"] == p.get("name"),
    "persons": lambda g, p: normalize_name(g["name"]) == normalize_name(p.get("name")),
}

#: attributes reported as accuracy over matched mentions
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "counts": ("qualifier", "category", "period", "kind", "projection", "low", "high", "counted"),
    "dates": ("precision", "relative"),
    "units": ("branch", "guards", "id"),
    "sources": (),
    "persons": ("rank",),
}


def _same(attr: str, gold: Any, pred: Any) -> bool:
    if attr in ("low", "high"):
        return _close(gold, pred)
    if attr == "counted":  # the head noun decides: "criminal cases" and "cases" agree, "cases" and "men" do not
        return _head_word(gold) == _head_word(pred)
    return gold == pred


def _head_word(phrase: Any) -> str | None:
    words = str(phrase).lower().replace("ё", "е").split() if phrase else []
    return words[-1] if words else None


@dataclass
class Match:
    gold: dict | None
    pred: dict | None
    status: str  # tp | missed | spurious | wrong


@dataclass
class TypeScore:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # attr -> [right, total]

    def add(self, other: TypeScore) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp += other.tp
        for attr, (right, total) in other.attributes.items():
            slot = self.attributes.setdefault(attr, [0, 0])
            slot[0] += right
            slot[1] += total

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attr: str) -> float | None:
        right, total = self.attributes.get(attr, (0, 0))
        return right / total if total else None


def _overlap(a: dict, b: dict) -> int:
    return min(a["char_end"], b["char_end"]) - max(a["char_start"], b["char_start"])


def match_mentions(kind: str, gold: Iterable[dict], pred: Iterable[dict]) -> tuple[TypeScore, list[Match]]:
    """Score one document's mentions of one type; returns the score and every pairing for the diff."""
    gold, pred = list(gold), list(pred)
    key = KEYS[kind]
    score = TypeScore(gold=len(gold), pred=len(pred))
    used: set[int] = set()
    matches: list[Match] = []
    unmatched_gold = []
    for g in gold:
        best, best_overlap = None, 0
        for i, p in enumerate(pred):
            if i in used:
                continue
            ov = _overlap(g, p)
            if ov > best_overlap and key(g, p):
                best, best_overlap = i, ov
        if best is None:
            unmatched_gold.append(g)
            continue
        used.add(best)
        score.tp += 1
        p = pred[best]
        for attr in ATTRIBUTES[kind]:
            if attr in g:
                slot = score.attributes.setdefault(attr, [0, 0])
                slot[0] += _same(attr, g[attr], p.get(attr))
                slot[1] += 1
        matches.append(Match(g, p, "tp"))
    for g in unmatched_gold:
        near = [i for i, p in enumerate(pred) if i not in used and _overlap(g, p) > 0]
        if near:
            i = max(near, key=lambda i: _overlap(g, pred[i]))
            used.add(i)
            matches.append(Match(g, pred[i], "wrong"))
        else:
            matches.append(Match(g, None, "missed"))
    matches += [Match(None, p, "spurious") for i, p in enumerate(pred) if i not in used]
    return score, matches
