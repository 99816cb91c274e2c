"""Reading the rule tables of ``models/`` (tab-separated, ``#`` comments) once per process."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import regex

__all__ = ["alternation", "compile_table", "models_dir", "rows"]


def models_dir() -> Path:
    """``models/`` of the repository (or ``$EXTRACT_MODELS``): patterns, lexicons, gazetteers."""
    env = os.environ.get("EXTRACT_MODELS")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "models"


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``models/<name>``: tab-separated fields, blank lines and ``#`` comments skipped."""
    path: Path = models_dir() / name
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = tuple(f.strip() for f in line.split("\t"))
        if len(fields) < 2:
            raise ValueError(f"{path}:{number}: expected tab-separated fields, got {line!r}")
        out.append(fields)
    return tuple(out)


def alternation(patterns: list[str]) -> str:
    """One regex alternation, longest pattern first so the longest phrase wins."""
    return "|".join(f"(?:{p})" for p in sorted(set(patterns), key=len, reverse=True))


def compile_table(name: str, lang: str, *, column: int = 1) -> regex.Pattern:
    """An alternation of one column of a table's rows for ``lang``."""
    return regex.compile(alternation([r[column] for r in rows(name) if r[0] == lang]), regex.IGNORECASE | regex.V1)
