"""The recorded figures that CI must not fall below (``tests/eval_floors.json``).

``make eval`` and ``make eval-peers`` compare today's figures with the floors and fail on any drop;
``make eval-record`` writes today's figures as the new floors once an improvement is in.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

__all__ = ["FLOORS", "check_floors", "flatten", "record_floors"]

FLOORS = Path(__file__).resolve().parent.parent.parent / "tests" / "eval_floors.json"


def flatten(figures: dict[str, Any], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "/"))
        else:
            out[name] = float(value)
    return out


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def check_floors(section: str, figures: dict[str, Any], path: Path = FLOORS) -> list[str]:
    """Messages for every figure of ``section`` below its floor (empty when none dropped)."""
    floors = flatten(_load(path).get(section, {}))
    current = flatten(figures)
    drops = []
    for key, floor in sorted(floors.items()):
        value = current.get(key)
        if value is None:
            drops.append(f"{section}/{key}: no longer measured (floor {floor:.3f})")
        elif value + 1e-9 < floor:
            drops.append(f"{section}/{key}: {value:.3f} is below the floor {floor:.3f}")
    return drops


def record_floors(section: str, figures: dict[str, Any], path: Path = FLOORS) -> None:
    """Store today's figures (rounded down to 3 decimals) as the floors of ``section``."""

    def down(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: down(v) for k, v in value.items()}
        return math.floor(float(value) * 1000) / 1000

    data = _load(path)
    data[section] = down(figures)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
