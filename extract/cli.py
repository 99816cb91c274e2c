"""The ``extract`` command: ``run`` a dump into the store, analyse ``text``, ``export`` the store, list its
``claims`` and write a ``report``."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from extract import __version__

__all__ = ["main"]

log = logging.getLogger("extract")

_EXAMPLES = """\
examples:
  extract run corpus/sample                       process a dump (folders, files, zip archives) into out/extract.sqlite
  extract run dump.zip --workers 2                the same with two worker processes
  extract run dump/ --executor dask --scheduler tcp://scheduler:8786   on a Dask cluster
  extract run corpus/sample --force               redo every document with the current pipeline (make reextract)
  extract text report.txt --published 2025-08-01  analyse one UTF-8 text, print one JSON result
  echo '{"id": 1, "text": "Более 20 тыс. человек"}' | extract text --jsonl   stream JSON Lines
  extract export --format jsonl --out out/export  write documents.jsonl, counts.jsonl, … from the store
  extract gazetteer --min-documents 2 --write     add unit-number pairs the documents state to the gazetteer
  extract claims --category awol --source Mediazona   list the claims (a table on a terminal, else JSONL)
  extract report --out out/report.html            one self-contained HTML report of the store
"""


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="extract",
        formatter_class=fmt,
        epilog=_EXAMPLES,
        description="Counts, dates, military units, sources and persons from OSINT source dumps (Russian, English).",
    )
    parser.add_argument("--version", action="version", version=f"extract {__version__}")
    parser.add_argument("--config", metavar="FILE", help="settings file (default: ./extract.toml if present)")
    verbosity = parser.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors on stderr")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run",
        formatter_class=fmt,
        help="process files, folders and zip archives into the store",
        description="Process every file under SOURCE (folders recursively, zip archives opened safely) into the "
        "store. Files already done with the same pipeline version are not processed again.",
        epilog="example:\n  extract run corpus/sample --workers 2",
    )
    run.add_argument("sources", nargs="+", metavar="SOURCE", help="a file, a folder or a zip archive")
    run.add_argument("--db", metavar="PATH", help="SQLite store (default: out/extract.sqlite)")
    run.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default 1; N>1 implies --executor process)"
    )
    run.add_argument("--executor", choices=("serial", "process", "dask"), help="where the work runs (default serial)")
    run.add_argument("--scheduler", metavar="ADDR", help="Dask scheduler address (default: start a local cluster)")
    run.add_argument("--force", action="store_true", help="redo every document and replace its records")

    text = sub.add_parser(
        "text",
        formatter_class=fmt,
        help="analyse one text (or a JSON Lines stream) and print JSON",
        description="Analyse one UTF-8 text (FILE, or - for standard input) and print one JSON result object; with "
        '--jsonl, read lines of {"id", "text", "lang", "published"} and print one result per line.',
        epilog="examples:\n  extract text report.txt --lang en --published 2025-08-01\n"
        "  extract text --jsonl texts.jsonl > results.jsonl",
    )
    text.add_argument("file", nargs="?", default="-", metavar="FILE", help="input file, or - for stdin (default)")
    text.add_argument("--lang", default="auto", choices=("auto", "en", "ru"), help="language (default: auto)")
    text.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD", help="reference date for relative phrases")
    text.add_argument("--jsonl", action="store_true", help="input is JSON Lines; output one result per line")

    export = sub.add_parser(
        "export",
        formatter_class=fmt,
        help="write the store as JSONL, CSV or Parquet files",
        description="Write documents, counts, dates, units, sources and persons from the store, one file each.",
        epilog="example:\n  extract export --format csv --out out/export\n"
        "  EXTRACT_PSEUDONYM_KEY=secret extract export --format jsonl --out out/shareable --pseudonymize",
    )
    export.add_argument("--db", metavar="PATH", help="SQLite store (default: out/extract.sqlite)")
    export.add_argument("--format", required=True, choices=("jsonl", "csv", "parquet"))
    export.add_argument("--out", required=True, metavar="DIR", help="output folder")
    export.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace person names and birth dates by keyed hashes (key: $EXTRACT_PSEUDONYM_KEY or --key-file)",
    )
    export.add_argument("--key-file", metavar="FILE", help="file holding the pseudonymization key")

    gaz = sub.add_parser(
        "gazetteer",
        formatter_class=fmt,
        help="grow the unit-number gazetteer from the pairs the documents state",
        description='List the military unit numbers that documents in the store tie to a designation ("в/ч 30926 '
        '(155-я бригада морской пехоты)", or one table row), by number of distinct documents, and with --write add '
        "those stated by at least --min-documents documents to models/units/gazetteer.tsv. Numbers the gazetteer "
        "already maps to another designation are reported as conflicts and never overwritten.",
        epilog="example:\n  extract gazetteer --db out/extract.sqlite --min-documents 2 --write",
    )
    gaz.add_argument("--db", metavar="PATH", help="SQLite store (default: out/extract.sqlite)")
    gaz.add_argument("--min-documents", type=int, default=2, metavar="N", help="distinct documents needed (default 2)")
    gaz.add_argument("--gazetteer", metavar="FILE", help="gazetteer file (default: models/units/gazetteer.tsv)")
    gaz.add_argument("--write", action="store_true", help="update the gazetteer file (default: only report)")

    claims = sub.add_parser(
        "claims",
        formatter_class=fmt,
        help="list the claims: each distinct figure once, with its citations and conflicts",
        description="List the claims the last run built from the counts of all documents (grouping rule: README, "
        "'Claims'). Output is a table on a terminal and JSON Lines otherwise, unless --format says.",
        epilog="examples:\n  extract claims --category prosecution --since 2025-01-01\n"
        "  extract claims --source Mediazona --format csv > mediazona.csv",
    )
    claims.add_argument("--db", metavar="PATH", help="SQLite store (default: out/extract.sqlite)")
    claims.add_argument("--category", help="only this category (awol, desertion, prosecution, …)")
    claims.add_argument("--unit", metavar="ID", help="only claims about this unit id")
    claims.add_argument("--source", metavar="NAME", help="only claims of this source (canonical name, any case)")
    claims.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="period overlapping from this date")
    claims.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", help="period overlapping up to this date")
    claims.add_argument("--conflicts", action="store_true", help="only claims flagged as conflicting")
    claims.add_argument("--format", choices=("table", "jsonl", "csv"), help="default: table on a terminal, else jsonl")

    report = sub.add_parser(
        "report",
        formatter_class=fmt,
        help="write one self-contained HTML report (charts inline, opens offline)",
        description="Summarise the store in one HTML file: the run, a timeline of claims with conflicts, "
        "per-unit monthly tallies from leaked lists, top units and sources, and every figure's citations.",
        epilog="example:\n  extract report --out out/report.html",
    )
    report.add_argument("--db", metavar="PATH", help="SQLite store (default: out/extract.sqlite)")
    report.add_argument("--out", default="out/report.html", metavar="FILE", help="default: out/report.html")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr)
    try:
        from extract.settings import load_settings

        settings = load_settings(args.config)
        if args.command == "run":
            return _run(args, settings)
        if args.command == "text":
            return _text(args, settings)
        if args.command == "gazetteer":
            return _gazetteer(args, settings)
        if args.command == "claims":
            return _claims(args, settings)
        if args.command == "report":
            return _report(args, settings)
        return _export(args, settings)
    except BrokenPipeError:  # the reader went away ("extract claims | head"): not an error of ours
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python exits
        return 0
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"extract: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # before or after the run itself, which handles its own
        print("extract: interrupted", file=sys.stderr)
        return 130


# -- run ------------------------------------------------------------------------------------------------------


def _run(args: argparse.Namespace, settings: Any) -> int:
    from extract.progress import Progress
    from extract.run import run

    executor = args.executor or ("process" if (args.workers or 1) > 1 else None)
    if args.scheduler and executor not in (None, "dask"):
        raise ValueError("--scheduler needs --executor dask")
    executor = executor or ("dask" if args.scheduler else None)
    settings = settings.with_run(db=args.db, workers=args.workers, executor=executor)
    summary = run(
        args.sources, settings, force=args.force, scheduler=args.scheduler, progress=Progress(enabled=not args.quiet)
    )
    print(_summary_text(summary))
    if summary.interrupted:
        print(
            "interrupted: everything finished so far is saved; run the same command again to resume.", file=sys.stderr
        )
        return 130
    return 0


def _summary_text(summary: Any) -> str:
    files = summary.files
    total = sum(files.values())
    by_status = ", ".join(f"{n} {status}" for status, n in sorted(files.items(), key=lambda kv: -kv[1])) or "none"
    records = ", ".join(f"{k} {summary.records.get(k, 0)}" for k in ("counts", "dates", "units", "sources", "persons"))
    lines = [
        f"run {summary.run_id} {'interrupted' if summary.interrupted else 'finished'} in {summary.elapsed:.1f} s "
        f"(pipeline {summary.pipeline_version})",
        f"files: {total} found: {by_status}",
        f"work: {summary.processed} processed, {summary.unchanged} already done with this pipeline version, "
        f"{summary.pages} pages",
        f"records written: {records}",
        f"claims: {summary.claims} across documents, {summary.conflicts} flagged as conflicting (extract claims)",
    ]
    if summary.errors:
        lines.append(f"errors ({len(summary.errors)}):")
        lines += [f"  {path}: {message}" for path, message in summary.errors[:20]]
        if len(summary.errors) > 20:
            lines.append(f"  … and {len(summary.errors) - 20} more (see the documents table)")
    lines.append(f"store: {summary.db}  (export: extract export --db {summary.db} --format jsonl --out out/export)")
    return "\n".join(lines)


# -- text -----------------------------------------------------------------------------------------------------


def _analyse(text: str, lang: str | None, published: str | None, settings: Any) -> dict:
    from extract.nlp import analyze_text

    return analyze_text(text, settings.nlp, lang=lang, published=published).to_contract()


def _text(args: argparse.Namespace, settings: Any) -> int:
    opened = contextlib.nullcontext(sys.stdin.buffer) if args.file == "-" else Path(args.file).open("rb")  # noqa: SIM115
    with opened as stream:
        if args.jsonl:
            return _text_jsonl(stream, args, settings)
        data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        print(
            f"extract: error: input is not UTF-8 (byte {exc.start}: {exc.reason}); convert it first, e.g. "
            "iconv -f cp1251 -t utf-8",
            file=sys.stderr,
        )
        return 1
    lang = None if args.lang == "auto" else args.lang
    json.dump(_analyse(text, lang, args.published, settings), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _text_jsonl(stream: Any, args: argparse.Namespace, settings: Any) -> int:
    """One result per input line, in order; a bad line yields {"id", "error"} and the stream goes on."""
    default_lang = None if args.lang == "auto" else args.lang
    failures = 0
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        item_id = None
        try:
            item = json.loads(raw.decode("utf-8"))
            if not isinstance(item, dict):
                raise ValueError('a line must be a JSON object with a "text" field')
            item_id = item.get("id")
            out = _jsonl_item(item, default_lang, args.published, settings)
        except (UnicodeDecodeError, ValueError) as exc:
            failures += 1
            reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)
            out = {"id": item_id, "error": f"line {number}: {reason}"}
            print(f"extract: line {number}: {reason}", file=sys.stderr)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 1 if failures else 0


def _jsonl_item(item: dict, default_lang: str | None, default_published: str | None, settings: Any) -> dict:
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('missing "text" (a string)')
    lang = item.get("lang") or default_lang
    if lang == "auto":
        lang = None
    if lang is not None and lang not in ("en", "ru"):
        raise ValueError(f"unknown lang {lang!r}; expected en, ru or auto")
    published = item.get("published") or default_published
    if published is not None:
        try:
            published = date.fromisoformat(str(published)).isoformat()
        except ValueError:
            raise ValueError(f"published is not a date in the form YYYY-MM-DD: {published!r}") from None
    return {"id": item.get("id"), **_analyse(text, lang, published, settings)}


# -- export ---------------------------------------------------------------------------------------------------


def _export(args: argparse.Namespace, settings: Any) -> int:
    from extract.export import Pseudonymizer, export
    from extract.store import Store

    db = _existing_db(args, settings)
    pseudonymizer = None
    if args.pseudonymize:
        if args.key_file:
            key = Path(args.key_file).read_bytes()
        elif os.environ.get("EXTRACT_PSEUDONYM_KEY"):
            key = os.environ["EXTRACT_PSEUDONYM_KEY"].encode()
        else:
            raise ValueError("--pseudonymize needs a key: set EXTRACT_PSEUDONYM_KEY or pass --key-file FILE")
        pseudonymizer = Pseudonymizer(key)
    store = Store.open(db)
    try:
        written = export(store, args.format, args.out, pseudonymizer=pseudonymizer)
    finally:
        store.close()
    for name, rows in written.items():
        print(f"{Path(args.out) / name}: {rows} rows")
    return 0


# -- gazetteer ------------------------------------------------------------------------------------------------


def _gazetteer(args: argparse.Namespace, settings: Any) -> int:
    from extract.gazetteer_growth import gazetteer_path, grow_from_store
    from extract.store import Store

    db = _existing_db(args, settings)
    if args.min_documents < 1:
        raise ValueError("--min-documents must be at least 1")
    path = Path(args.gazetteer) if args.gazetteer else gazetteer_path()
    store = Store.open(db)
    try:
        growth = grow_from_store(store, path, min_documents=args.min_documents, write=args.write)
    finally:
        store.close()
    verb = "added" if args.write else "would add"
    for e in growth.added:
        print(f"{verb}\t{e.military_unit_number}\t{e.id}\t{e.documents} documents\t{e.designation}")
    for e in growth.updated:
        print(
            f"{'updated' if args.write else 'would update'}\t{e.military_unit_number}\t{e.id}\t{e.documents} documents"
        )
    for number, id_, n in growth.pending:
        print(f"pending\t{number}\t{id_}\t{n} of {args.min_documents} documents")
    for number, known, seen, n in growth.conflicts:
        print(f"conflict\t{number}\tgazetteer: {known}\tdocuments: {seen} ({n})")
    print(
        f"{path}: {len(growth.added)} {verb}, {len(growth.updated)} updated, {len(growth.pending)} pending, "
        f"{len(growth.conflicts)} conflicts",
        file=sys.stderr,
    )
    return 0


def _existing_db(args: argparse.Namespace, settings: Any) -> Path:
    db = Path(args.db or settings.run.db)
    if not db.is_file():
        raise ValueError(f"no store at {db}; run `extract run SOURCE` (or `make extract`) first")
    return db


def _open_with_claims(args: argparse.Namespace, settings: Any) -> Any:
    from extract.store import Store

    store = Store.open(_existing_db(args, settings))
    if not store.claims_built():
        store.close()
        raise ValueError(
            f"the store {store.path} has no claims yet (it predates them); run `extract run` over the same "
            "sources once more to build them (files already done are not processed again)"
        )
    return store


# -- claims and report ----------------------------------------------------------------------------------------


def _claims(args: argparse.Namespace, settings: Any) -> int:
    from extract.claims import filter_claims
    from extract.claims_output import write_claims

    if args.since and args.until and args.since > args.until:
        raise ValueError(f"--since {args.since} is after --until {args.until}")
    store = _open_with_claims(args, settings)
    try:
        claims = filter_claims(
            store.iter_claims(),
            category=args.category,
            unit=args.unit,
            source=args.source,
            since=args.since,
            until=args.until,
        )
    finally:
        store.close()
    if args.conflicts:
        claims = [c for c in claims if c["conflict"]]
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    n = write_claims(claims, fmt, sys.stdout)
    if fmt == "table":
        print(f"{n} claim(s); --format jsonl for the citations", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace, settings: Any) -> int:
    from extract.report import write_report

    store = _open_with_claims(args, settings)
    try:
        out = write_report(store, args.out)
    finally:
        store.close()
    print(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
