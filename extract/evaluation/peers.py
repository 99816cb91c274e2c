"""``make eval-peers``: other projects' test cases for numbers and dates, scored per file.

Each case goes through ``analyze_text`` exactly as ``extract text`` runs it (the case's language, its ``ref`` as
the publication date). A case passes when the numbers (or date intervals) we extract equal the expected list,
in text order. Numbers: a range gives its two bounds, anything else its value; compared with a relative
tolerance of 1e-6. Dates: both sides become inclusive intervals ("2025-07" is 2025-07-01..2025-07-31, "2014/2018"
is 2014-01-01..2018-12-31); a year-less expectation ("--05-10") is compared on month and day.

Cases listed in ``tests/peers_out_of_scope.jsonl`` (by file and a hash of their text, with the reason) are
reported apart from the in-scope rate.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.nlp import analyze_text
from extract.settings import Settings

__all__ = ["OUT_OF_SCOPE", "PeerFile", "default_peers_dir", "evaluate_peers", "expected_interval", "format_peers"]

ROOT = Path(__file__).resolve().parent.parent.parent
OUT_OF_SCOPE = ROOT / "tests" / "peers_out_of_scope.jsonl"


def default_peers_dir() -> Path:
    """``$EXTRACT_PEERS``, else ``../shared/peers`` beside the repository."""
    env = os.environ.get("EXTRACT_PEERS")
    return Path(env) if env else ROOT.parent / "shared" / "peers"


@dataclass
class PeerFile:
    name: str
    cases: int = 0
    passed: int = 0
    out_of_scope: int = 0
    out_of_scope_passed: int = 0

    @property
    def in_scope(self) -> int:
        return self.cases - self.out_of_scope

    @property
    def rate(self) -> float:
        """Pass rate over the in-scope cases."""
        return (self.passed - self.out_of_scope_passed) / self.in_scope if self.in_scope else 1.0


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _endpoint(value: str, *, end: bool) -> str:
    """'2025' / '2025-07' / '2025-07-15' / '--07' / '--07-15' -> a full (or year-less '--MM-DD') date."""
    yearless = value.startswith("--")
    parts = value[2:].split("-") if yearless else value.split("-")
    if yearless:
        month = int(parts[0])
        day = int(parts[1]) if len(parts) > 1 else (_last_day(2001, month) if end else 1)
        return f"--{month:02d}-{day:02d}"
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    day = int(parts[2]) if len(parts) > 2 else (_last_day(year, month) if end else 1)
    return f"{year:04d}-{month:02d}-{day:02d}"


def expected_interval(value: str) -> tuple[str, str]:
    """An expected date or range as an inclusive (start, end) pair of ISO (or '--MM-DD') dates."""
    start, _, end = value.partition("/")
    return _endpoint(start, end=False), _endpoint(end or start, end=True)


def _same_date(expected: str, got: str | None) -> bool:
    if got is None:
        return False
    if expected.startswith("--"):
        return got[4:] == expected[1:]  # compare '-MM-DD'
    return got == expected


def _numbers(result: dict[str, Any]) -> list[float]:
    out: list[float] = []
    for count in result["counts"]:
        if count["qualifier"] == "range" and count["high"] is not None:
            out += [count["low"], count["high"]]
        else:
            out.append(count["value"])
    return out


def case_passes(case: dict[str, Any], result: dict[str, Any]) -> bool:
    expected = case["expected"]
    if case["kind"] == "number":
        got = _numbers(result)
        return len(got) == len(expected) and all(
            math.isclose(float(g), float(e), rel_tol=1e-6, abs_tol=1e-9) for g, e in zip(got, expected, strict=True)
        )
    got_dates = [(d["start"], d["end"]) for d in result["dates"]]
    if len(got_dates) != len(expected):
        return False
    for value, (start, end) in zip(expected, got_dates, strict=True):
        exp_start, exp_end = expected_interval(value)
        if not (_same_date(exp_start, start) and _same_date(exp_end, end)):
            return False
    return True


def case_key(text: str) -> str:
    """Cases are named by a hash of their text, so the peers' data is not copied into this repository."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _scope() -> set[tuple[str, str]]:
    if not OUT_OF_SCOPE.is_file():
        return set()
    out = set()
    for line in OUT_OF_SCOPE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.add((item["file"], item["case"]))
    return out


def evaluate_peers(peers_dir: Path, settings: Settings, out_dir: Path | None) -> list[PeerFile]:
    scope = _scope()
    files = []
    for path in sorted(peers_dir.glob("*.jsonl")):
        stats = PeerFile(path.name)
        failures = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            result = analyze_text(
                case["text"], settings.nlp, lang=case["lang"], published=case.get("ref")
            ).to_contract()
            ok = case_passes(case, result)
            skipped = (path.name, case_key(case["text"])) in scope
            stats.cases += 1
            stats.passed += ok
            stats.out_of_scope += skipped
            stats.out_of_scope_passed += ok and skipped
            if not ok and not skipped:
                got = (
                    _numbers(result) if case["kind"] == "number" else [(d["start"], d["end"]) for d in result["dates"]]
                )
                failures.append(
                    {"text": case["text"], "expected": case["expected"], "got": got, "ref": case.get("ref")}
                )
        files.append(stats)
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            with (out_dir / path.name).open("w", encoding="utf-8") as fh:
                for failure in failures:
                    fh.write(json.dumps(failure, ensure_ascii=False) + "\n")
    return files


def format_peers(files: list[PeerFile]) -> str:
    rows = [f"{'peer file':<38} {'cases':>5} {'scope':>5} {'pass':>5} {'rate':>6}"]
    for f in files:
        rows.append(f"{f.name:<38} {f.cases:>5} {f.in_scope:>5} {f.passed - f.out_of_scope_passed:>5} {f.rate:>6.3f}")
    total = sum(f.in_scope for f in files)
    passed = sum(f.passed - f.out_of_scope_passed for f in files)
    rows.append(f"{'all':<38} {sum(f.cases for f in files):>5} {total:>5} {passed:>5} {passed / max(total, 1):>6.3f}")
    return "\n".join(rows)
