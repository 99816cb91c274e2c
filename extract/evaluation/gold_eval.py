"""``make eval``: the pipeline over the gold corpus, scored per split, type and language, with per-case diffs.

The documents go through ``analyze_text`` with their language and publication date, exactly as ``extract text``
would run them. Figures are printed as a table and written to ``out/eval/summary.json``; every miss, spurious
and wrong mention is written to ``out/eval/<split>/<doc id>.txt`` so a developer sees exactly what to fix
(read the dev split only: the test split is a score, not a to-do list).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from extract.evaluation.gold import REQUIRED_FIELDS, GoldDocument, Negative
from extract.evaluation.score import ATTRIBUTES, Match, TypeScore, match_mentions
from extract.nlp import analyze_text
from extract.records import RECORD_TYPES
from extract.settings import Settings

__all__ = ["GoldReport", "evaluate_gold", "format_report"]

SPLITS = ("dev", "test")
LANGS = ("en", "ru")


class GoldReport:
    """Scores keyed by (split, type, lang), 'all' standing for both languages; plus the negatives."""

    def __init__(self) -> None:
        self.scores: dict[tuple[str, str, str], TypeScore] = defaultdict(TypeScore)
        self.documents: dict[str, int] = defaultdict(int)
        self.negatives_total = 0
        self.negatives_failed: list[tuple[Negative, dict[str, list[dict]]]] = []

    def add(self, split: str, kind: str, lang: str, score: TypeScore) -> None:
        for key in ((split, kind, lang), (split, kind, "all")):
            self.scores[key].add(score)

    @property
    def negatives_pass_rate(self) -> float:
        return 1 - len(self.negatives_failed) / self.negatives_total if self.negatives_total else 1.0

    def figures(self) -> dict[str, Any]:
        """The numbers the floors file keeps: F1 per split/type/language, attribute accuracy, negatives."""
        out: dict[str, Any] = {"f1": {}, "attributes": {}, "negatives": round(self.negatives_pass_rate, 4)}
        for (split, kind, lang), score in sorted(self.scores.items()):
            if score.gold:
                out["f1"][f"{split}/{kind}/{lang}"] = round(score.f1, 4)
            for attr in ATTRIBUTES[kind]:
                acc = score.accuracy(attr)
                if acc is not None and lang == "all":
                    out["attributes"][f"{split}/{kind}/{attr}"] = round(acc, 4)
        return out


def _as_dicts(result: dict[str, Any]) -> dict[str, list[dict]]:
    return {kind: result[kind] for kind in RECORD_TYPES}


def _gold_dicts(doc: GoldDocument, kind: str) -> list[dict]:
    return [
        {"text": m.text, "char_start": m.char_start, "char_end": m.char_end, **m.fields} for m in doc.mentions[kind]
    ]


def evaluate_gold(
    docs: list[GoldDocument], negatives: list[Negative], settings: Settings, out_dir: Path | None
) -> GoldReport:
    report = GoldReport()
    for doc in docs:
        report.documents[f"{doc.split}/{doc.lang}"] += 1
        result = analyze_text(doc.text, settings.nlp, lang=doc.lang, published=doc.published).to_contract()
        predicted = _as_dicts(result)
        diffs: dict[str, list[Match]] = {}
        for kind in RECORD_TYPES:
            score, matches = match_mentions(kind, _gold_dicts(doc, kind), predicted[kind])
            report.add(doc.split, kind, doc.lang, score)
            diffs[kind] = matches
        if out_dir is not None:
            _write_diff(out_dir / doc.split / f"{doc.id}.txt", doc, diffs)
    for neg in negatives:
        report.negatives_total += 1
        result = analyze_text(neg.text, settings.nlp, lang=neg.lang).to_contract()
        found = {kind: result[kind] for kind in neg.types if result[kind]}
        if found:
            report.negatives_failed.append((neg, found))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "summary.json").write_text(json.dumps(report.figures(), indent=2, sort_keys=True) + "\n")
        lines = [
            f"{neg.lang}:{neg.line}  {neg.text}\n    why not: {neg.why}\n"
            f"    but found: {json.dumps(found, ensure_ascii=False)}"
            for neg, found in report.negatives_failed
        ]
        (out_dir / "negatives.txt").write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return report


def _brief(m: dict | None, kind: str) -> str:
    if m is None:
        return "-"
    fields = ", ".join(f"{k}={m.get(k)!r}" for k in REQUIRED_FIELDS[kind] if k in m)
    return f"{m['text']!r} [{m['char_start']}:{m['char_end']}] {fields}"


def _write_diff(path: Path, doc: GoldDocument, diffs: dict[str, list[Match]]) -> None:
    lines = [f"{doc.id} ({doc.lang}, {doc.split}, published {doc.published})"]
    for kind, matches in diffs.items():
        for m in matches:
            if m.status == "tp":
                wrong = [a for a in ATTRIBUTES[kind] if a in m.gold and m.gold[a] != m.pred.get(a)]
                if not wrong:
                    continue
                lines.append(f"  {kind} FIELD {', '.join(wrong)}")
            else:
                lines.append(f"  {kind} {m.status.upper()}")
            lines.append(f"      gold: {_brief(m.gold, kind)}")
            lines.append(f"      got:  {_brief(m.pred, kind)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def format_report(report: GoldReport) -> str:
    docs = ", ".join(f"{k} {v}" for k, v in sorted(report.documents.items()))
    rows = [f"gold corpus: {docs}", "", f"{'split':<5} {'type':<8} {'lang':<4} {'gold':>5} {'pred':>5} {'tp':>5}"
            f" {'P':>6} {'R':>6} {'F1':>6}"]  # fmt: skip
    for split in SPLITS:
        for kind in RECORD_TYPES:
            for lang in (*LANGS, "all"):
                s = report.scores.get((split, kind, lang))
                if s is None or not (s.gold or s.pred):
                    continue
                rows.append(
                    f"{split:<5} {kind:<8} {lang:<4} {s.gold:>5} {s.pred:>5} {s.tp:>5}"
                    f" {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
                )
    rows.append("")
    rows.append("attribute accuracy on matched mentions (both languages):")
    for split in SPLITS:
        for kind in RECORD_TYPES:
            s = report.scores.get((split, kind, "all"))
            if s is None:
                continue
            accs = [
                f"{attr} {acc:.3f} (n={s.attributes[attr][1]})"
                for attr in ATTRIBUTES[kind]
                if (acc := s.accuracy(attr)) is not None
            ]
            if accs:
                rows.append(f"  {split} {kind}: " + ", ".join(accs))
    failed = len(report.negatives_failed)
    rows.append("")
    rows.append(f"negatives: {report.negatives_total - failed}/{report.negatives_total} yield nothing of their types")
    return "\n".join(rows)
