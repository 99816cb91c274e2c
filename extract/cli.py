"""The ``extract`` command: ``run`` a dump into the store, analyse ``text``, ``export`` the store."""

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
        return _export(args, settings)
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

    db = Path(args.db or settings.run.db)
    if not db.is_file():
        raise ValueError(f"no store at {db}; run `extract run SOURCE` (or `make extract`) first")
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


if __name__ == "__main__":
    sys.exit(main())
