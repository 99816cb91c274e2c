"""Agreement between the gold count labels and a second annotator's (``corpus/gold/agreement/<id>.json``).

The second annotator labelled the category and period of every count of 40 documents (all 20 of the test split,
20 of the dev split) from the text and the guidelines alone, without the gold labels or the system's output.
This prints how often the two agree, per split and language: the ceiling a reader reaches on these fields.

    python corpus/tools/agreement.py [--list]    (--list prints every disagreement)
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "gold"


def _same_period(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in sorted((GOLD / "agreement").glob("*.json")):
        second = json.loads(path.read_text(encoding="utf-8"))
        gold = json.loads((GOLD / "docs" / path.name).read_text(encoding="utf-8"))
        for label in second["counts"]:
            truth = gold["counts"][label["i"]]
            if truth["text"] != label["text"]:
                raise SystemExit(
                    f"{path.name}: count {label['i']} is {truth['text']!r} in the gold, not {label['text']!r}"
                )
            same_category = truth["category"] == label["category"]
            same_period = _same_period(truth["period"], label["period"])
            for key in ((gold["split"], gold["lang"]), (gold["split"], "all"), ("all", "all")):
                tally[key][0] += 1
                tally[key][1] += same_category
                tally[key][2] += same_period
            if args.list and not (same_category and same_period):
                print(f"{gold['id']} [{label['text']}] gold {truth['category']} {truth['period']} / second "
                      f"{label['category']} {label['period']}")  # fmt: skip
    print("split lang   counts  category  period")
    for (split, lang), (n, category, period) in sorted(tally.items()):
        print(f"{split:5} {lang:4} {n:8} {category / n:9.3f} {period / n:7.3f}")


if __name__ == "__main__":
    main()
