"""``python -m extract.evaluation validate|gold|peers|leaks``: the gold corpus check, ``make eval``,
``make eval-peers``, ``make eval-leaks``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

from extract.evaluation.floors import FLOORS, check_floors, record_floors
from extract.evaluation.gold import GoldError, load_gold, load_negatives
from extract.settings import load_settings


def _validate() -> int:
    try:
        docs = load_gold()
        negatives = load_negatives()
    except GoldError as exc:
        print(f"gold corpus: {exc}", file=sys.stderr)
        return 1
    per: Counter = Counter()
    for doc in docs:
        per[(doc.lang, "docs")] += 1
        per[(doc.lang, doc.split)] += 1
        for kind, mentions in doc.mentions.items():
            per[(doc.lang, kind)] += len(mentions)
    for neg in negatives:
        per[(neg.lang, "negatives")] += 1
    total = sum(d.size() for d in docs)
    print(f"gold corpus: {len(docs)} documents, {total} mentions, {len(negatives)} negative sentences")
    kinds = ("docs", "dev", "test", "counts", "dates", "units", "sources", "persons", "negatives")
    print("lang " + " ".join(f"{k:>9}" for k in kinds))
    for lang in ("en", "ru"):
        print(f"{lang:<4} " + " ".join(f"{per[(lang, k)]:>9}" for k in kinds))
    return 0


def _finish(section: str, figures: dict, args: argparse.Namespace) -> int:
    if args.record:
        record_floors(section, figures)
        print(f"recorded the {section} figures as floors in {FLOORS}")
        return 0
    drops = check_floors(section, figures)
    if drops:
        print(f"\n{section}: below the recorded floors ({FLOORS.name}):", file=sys.stderr)
        for drop in drops:
            print(f"  {drop}", file=sys.stderr)
        return 1
    print(f"\n{section}: no figure below the recorded floors")
    return 0


def _gold(args: argparse.Namespace) -> int:
    from extract.evaluation.gold_eval import evaluate_gold, format_report

    try:
        docs, negatives = load_gold(), load_negatives()
    except GoldError as exc:
        print(f"gold corpus: {exc}", file=sys.stderr)
        return 1
    out = Path(args.out)
    report = evaluate_gold(docs, negatives, load_settings(), out)
    print(format_report(report))
    print(f"\nper-document diffs: {out}/dev/ (tune on these only), {out}/test/; failed negatives: {out}/negatives.txt")
    return _finish("gold", report.figures(), args)


def _peers(args: argparse.Namespace) -> int:
    from extract.evaluation.peers import default_peers_dir, evaluate_peers, format_peers

    peers_dir = Path(args.peers) if args.peers else default_peers_dir()
    if not peers_dir.is_dir():
        print(f"peer test cases not found at {peers_dir} (they live in ../shared/peers); nothing to score")
        return 0
    out = Path(args.out) / "peers"
    files = evaluate_peers(peers_dir, load_settings(), out)
    print(format_peers(files))
    print(f"\nfailing cases per file: {out}/")
    return _finish("peers", {f.name: round(f.rate, 4) for f in files}, args)


def _leaks(args: argparse.Namespace) -> int:
    from extract.evaluation.leaks import bars_failed, evaluate_leaks, format_leaks

    result = evaluate_leaks(load_settings())
    print(format_leaks(result))
    missed = bars_failed(result["figures"])
    if missed:
        print("\nleaks: below the issue's quality bars:", file=sys.stderr)
        for line in missed:
            print(f"  {line}", file=sys.stderr)
        return 1
    # pages/s depend on the machine: reported, not floored
    return _finish("leaks", result["figures"], args)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    parser = argparse.ArgumentParser(prog="python -m extract.evaluation", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every gold annotation and print the corpus size")
    for name, text in (("gold", "score the gold corpus (make eval)"), ("peers", "score the peer suites")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--out", default="out/eval", help="where diffs go (default out/eval)")
        cmd.add_argument("--record", action="store_true", help="write today's figures as the new floors")
        if name == "peers":
            cmd.add_argument("--peers", help="folder of peer JSONL files (default ../shared/peers)")
    leaks = sub.add_parser(
        "leaks", help="score the lists of servicemen in corpus/leaks and the sample (make eval-leaks)"
    )
    leaks.add_argument("--record", action="store_true", help="write today's figures as the new floors")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate()
    if args.command == "leaks":
        return _leaks(args)
    return _gold(args) if args.command == "gold" else _peers(args)


if __name__ == "__main__":
    sys.exit(main())
