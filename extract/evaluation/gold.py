"""Loading and validating the gold corpus (``corpus/gold/``; the format is in its README).

Annotations name each mention by its surface text (and occurrence); loading resolves them to character offsets
and checks every field, so a typo in the gold fails loudly instead of skewing the scores.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from extract.records import RECORD_TYPES

__all__ = [
    "GOLD_DIR",
    "REQUIRED_FIELDS",
    "GoldDocument",
    "GoldError",
    "GoldMention",
    "Negative",
    "load_gold",
    "load_negatives",
]

GOLD_DIR = Path(__file__).resolve().parent.parent.parent / "corpus" / "gold"

QUALIFIERS = {"exact", "approx", "over", "under", "at_least", "at_most", "range", "vague"}
KINDS = {"count", "share", "multiplier"}
CATEGORIES = {
    "desertion", "awol", "refusal", "prosecution", "conviction", "killed", "wounded", "casualties", "captured",
    "equipment_loss", "personnel", "other",
}  # fmt: skip
PRECISIONS = {"day", "month", "quarter", "half", "year", "decade", "range"}
ECHELONS = {
    "company", "battalion", "regiment", "brigade", "division", "corps", "army", "military_district", "fleet",
    "flotilla", "detachment",
}  # fmt: skip
BRANCHES = {
    "motor_rifle", "tank", "airborne", "air_assault", "naval_infantry", "artillery", "spetsnaz", "rocket",
    "combined_arms", "engineer", "signals", "air_defence",
}  # fmt: skip
GENRES = {"news", "osint", "intel", "court", "hotline", "note", "list", "social"}
REQUIRED_FIELDS = {
    "counts": ("value", "low", "high", "qualifier", "kind", "category", "projection", "period"),
    "dates": ("start", "end", "precision", "relative"),
    "units": ("military_unit_number", "number", "echelon", "branch", "guards", "id"),
    "sources": ("name",),
    "persons": ("name", "rank"),
}
_OPTIONAL = {"text", "occurrence", "counted", "unit", "source", "note"}
_ID = re.compile(r"^[a-z0-9_]+(-[a-z0-9_а-я]+)*$")


class GoldError(ValueError):
    """An annotation that does not fit the guidelines; the message names the file and the mention."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    type: str
    char_start: int
    char_end: int
    text: str
    fields: dict[str, Any]


@dataclass(slots=True)
class GoldDocument:
    id: str
    lang: str
    published: str | None
    split: str
    genre: str
    text: str
    mentions: dict[str, list[GoldMention]] = field(default_factory=dict)

    def size(self) -> int:
        return sum(len(v) for v in self.mentions.values())


@dataclass(frozen=True, slots=True)
class Negative:
    lang: str
    text: str
    types: tuple[str, ...]
    why: str
    line: int


def _iso(value: Any, where: str, *, nullable: bool = True) -> None:
    if value is None and nullable:
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise GoldError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check(kind: str, m: dict[str, Any], where: str) -> None:
    missing = [k for k in REQUIRED_FIELDS[kind] if k not in m]
    if missing:
        raise GoldError(f"{where}: missing {', '.join(missing)}")
    unknown = set(m) - set(REQUIRED_FIELDS[kind]) - _OPTIONAL
    if unknown:
        raise GoldError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if kind == "counts":
        _check_count(m, where)
    elif kind == "dates":
        for key in ("start", "end"):
            _iso(m[key], f"{where} {key}")
        if m["precision"] not in PRECISIONS:
            raise GoldError(f"{where}: precision {m['precision']!r} not in {sorted(PRECISIONS)}")
        if m["start"] and m["end"] and m["start"] > m["end"]:
            raise GoldError(f"{where}: start after end")
        if not isinstance(m["relative"], bool):
            raise GoldError(f"{where}: relative must be true or false")
    elif kind == "units":
        if m["echelon"] is not None and m["echelon"] not in ECHELONS:
            raise GoldError(f"{where}: echelon {m['echelon']!r} not in {sorted(ECHELONS)}")
        if m["branch"] is not None and m["branch"] not in BRANCHES:
            raise GoldError(f"{where}: branch {m['branch']!r} not in {sorted(BRANCHES)}")
        if m["guards"] not in (True, False, None):
            raise GoldError(f"{where}: guards must be true, false or null")
        mun = m["military_unit_number"]
        if mun is not None and not re.fullmatch(r"\d{4,5}(-[А-ЯA-Z])?", str(mun)):
            raise GoldError(f"{where}: military_unit_number {mun!r} is not 4-5 digits (with an optional -letter)")
        if not isinstance(m["id"], str) or not _ID.match(m["id"]):
            raise GoldError(f"{where}: id {m['id']!r} is not a lower-case id like 155-brigade-naval_infantry")
    elif not isinstance(m["name"], str) or not m["name"].strip():
        raise GoldError(f"{where}: name must be a non-empty string")


def _check_count(m: dict[str, Any], where: str) -> None:
    if m["qualifier"] not in QUALIFIERS:
        raise GoldError(f"{where}: qualifier {m['qualifier']!r} not in {sorted(QUALIFIERS)}")
    if m["kind"] not in KINDS:
        raise GoldError(f"{where}: kind {m['kind']!r} not in {sorted(KINDS)}")
    if m["category"] not in CATEGORIES:
        raise GoldError(f"{where}: category {m['category']!r} not in {sorted(CATEGORIES)}")
    if not isinstance(m["projection"], bool):
        raise GoldError(f"{where}: projection must be true or false")
    value, low, high, q = m["value"], m["low"], m["high"], m["qualifier"]
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise GoldError(f"{where}: value must be a number")
    expected = {
        "exact": (value, value),
        "approx": (None, None),
        "over": (value, None),
        "at_least": (value, None),
        "under": (None, value),
        "at_most": (None, value),
        "vague": (value, None),
    }
    if q in expected and (low, high) != expected[q]:
        raise GoldError(f"{where}: a {q} count needs low={expected[q][0]}, high={expected[q][1]} (got {low}, {high})")
    if q == "range" and not (low == value and isinstance(high, (int, float)) and high > low):
        raise GoldError(f"{where}: a range needs value == low < high")
    if m["kind"] == "share" and not 0 < value <= 1:
        raise GoldError(f"{where}: a share is a fraction in (0, 1]")
    period = m["period"]
    if period is not None:
        if not isinstance(period, dict) or set(period) != {"start", "end"}:
            raise GoldError(f"{where}: period must be null or {{'start': ..., 'end': ...}}")
        _iso(period["start"], f"{where} period.start")
        _iso(period["end"], f"{where} period.end")


def _locate(text: str, surface: str, occurrence: int, where: str) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            found = text.count(surface)
            raise GoldError(f"{where}: {surface!r} occurrence {occurrence} not in the text (found {found})")
    return pos


def load_document(json_path: Path) -> GoldDocument:
    text_path = json_path.with_suffix(".txt")
    where = json_path.name
    try:
        ann = json.loads(json_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise GoldError(f"{where}: not valid JSON: {exc}") from exc
    if not text_path.is_file():
        raise GoldError(f"{where}: the text file {text_path.name} is missing")
    text = text_path.read_text(encoding="utf-8")
    if ann.get("id") != json_path.stem:
        raise GoldError(f"{where}: id must be {json_path.stem!r}")
    if ann.get("lang") not in ("en", "ru"):
        raise GoldError(f"{where}: lang must be en or ru")
    if ann.get("split") not in ("dev", "test"):
        raise GoldError(f"{where}: split must be dev or test")
    if ann.get("genre") not in GENRES:
        raise GoldError(f"{where}: genre must be one of {sorted(GENRES)}")
    _iso(ann.get("published"), f"{where} published")
    doc = GoldDocument(ann["id"], ann["lang"], ann.get("published"), ann["split"], ann["genre"], text)
    for kind in RECORD_TYPES:
        if kind not in ann:
            raise GoldError(f"{where}: missing the {kind!r} list (write [] if there is none)")
        if not isinstance(ann[kind], list):
            raise GoldError(f"{where}: {kind} must be a list of mentions")
        mentions = []
        for i, m in enumerate(ann[kind]):
            spot = f"{where} {kind}[{i}] {m.get('text')!r}"
            if not isinstance(m.get("text"), str) or not m["text"].strip():
                raise GoldError(f"{spot}: text must be the mention's exact surface")
            _check(kind, m, spot)
            start = _locate(text, m["text"], int(m.get("occurrence", 1)), spot)
            fields = {k: v for k, v in m.items() if k not in ("text", "occurrence", "note")}
            mentions.append(GoldMention(kind, start, start + len(m["text"]), m["text"], fields))
        spans = sorted((g.char_start, g.char_end) for g in mentions)
        if len(set(spans)) != len(spans):
            raise GoldError(f"{where}: two {kind} mentions have the same span; use occurrence")
        for index in ("unit", "source"):
            for g in mentions:
                ref = g.fields.get(index)
                if ref is not None and not 0 <= ref < len(ann[index + "s"]):
                    raise GoldError(f"{where}: {kind} {g.text!r} refers to {index} {ref}, which does not exist")
        doc.mentions[kind] = mentions
    return doc


def load_gold(root: Path = GOLD_DIR) -> list[GoldDocument]:
    """Every annotated document under ``root/docs``, validated; raises GoldError on the first problem."""
    docs = [load_document(p) for p in sorted((root / "docs").glob("*.json"))]
    texts = sorted(p.stem for p in (root / "docs").glob("*.txt"))
    orphans = sorted(set(texts) - {d.id for d in docs})
    if orphans:
        raise GoldError(f"text files without annotations: {', '.join(orphans)}")
    return docs


def load_negatives(root: Path = GOLD_DIR) -> list[Negative]:
    out = []
    for path in sorted((root / "negatives").glob("*.jsonl")):
        lang = path.stem
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise GoldError(f"{where}: not valid JSON: {exc}") from exc
            types = tuple(item.get("types") or ())
            if not types or set(types) - set(RECORD_TYPES):
                raise GoldError(f"{where}: types must list record types among {list(RECORD_TYPES)}")
            if not isinstance(item.get("text"), str) or not item["text"].strip():
                raise GoldError(f"{where}: text missing")
            out.append(Negative(lang, item["text"], types, item.get("why", ""), number))
    return out
