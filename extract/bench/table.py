"""Medians, targets and the printed tables of ``make bench``: every target is a line marked PASS or MISS."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Target", "check", "median_of", "timed"]


@dataclass(frozen=True, slots=True)
class Target:
    """A figure of the issue's targets: ``at_least`` (or at most, with ``below``) the bar."""

    name: str
    bar: float
    unit: str = ""
    below: bool = False

    def met(self, value: float) -> bool:
        return value < self.bar if self.below else value >= self.bar


def check(target: Target, value: float, fmt: str = ",.1f") -> str:
    """One checklist line: ``PASS``/``MISS``, the figure and the bar."""
    mark = "PASS" if target.met(value) else "MISS"
    sign = "<" if target.below else ">="
    return f"  [{mark}] {target.name}: {value:{fmt}}{target.unit} (target {sign} {target.bar:{fmt}}{target.unit})"


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def median_of(run: Callable[[], float], repeats: int) -> float:
    """Median of ``repeats`` calls of ``run``, each returning one measurement."""
    return statistics.median(run() for _ in range(max(1, repeats)))
