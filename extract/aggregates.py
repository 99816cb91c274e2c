"""Tallies an analyst would otherwise count by hand: persons per unit, month and event, from Person rows.

Only rows from lists (with an event or an event date) count; a person listed twice for the same unit, month and
event (the same key in two documents) counts once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["TALLY_COLUMNS", "person_tallies"]

TALLY_COLUMNS = ("military_unit_number", "month", "event", "persons")


def person_tallies(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One dict per (military_unit_number, month "YYYY-MM" of the event date, event) with the number of
    distinct persons; rows without an event and an event date are left out. Sorted by unit, month, event."""
    seen: dict[tuple[str | None, str | None, str | None], set[str]] = {}
    for row in rows:
        event, when = row.get("event"), row.get("event_date")
        if not event and not when:
            continue
        month = when[:7] if isinstance(when, str) and len(when) >= 7 else None
        group = (row.get("military_unit_number"), month, event)
        who = row.get("key") or f"{row.get('name')}|{row.get('birth_date')}"
        seen.setdefault(group, set()).add(who)
    return [
        {"military_unit_number": unit, "month": month, "event": event, "persons": len(people)}
        for (unit, month, event), people in sorted(seen.items(), key=lambda kv: tuple(v or "" for v in kv[0]))
    ]
