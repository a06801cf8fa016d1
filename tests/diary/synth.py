"""Synthetic diaries written compactly, for tests.

A night is a short string: `"<worst pain> <episodes> [s] [c] [+finding ...] [*N]"`, where `s`
means sleep was disturbed, `c` that home care (calf stretching) was tried, `+id` a symptom
ticked, and `*N` repeats the night N times on the following dates. `"-"` is a night with no
entry (`"- *5"` five of them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

SELF_CARE = "calf_stretching"


def night(spec: str, date: dt.date) -> dict[str, Any] | None:
    """One entry dict from a spec (without its `*N`), or None for "-"."""
    tokens = spec.split()
    if tokens[0] == "-":
        return None
    entry: dict[str, Any] = {
        "night": date,
        "worst_pain": int(tokens[0]),
        "episodes": int(tokens[1]),
        "findings": [t[1:] for t in tokens[2:] if t.startswith("+")],
        "self_care": [SELF_CARE] if "c" in tokens[2:] else [],
        "sleep_disturbed": "s" in tokens[2:],
    }
    return entry


def nights(start: dt.date, specs: list[str]) -> list[dict[str, Any]]:
    """Entries for consecutive nights from `start` ("-" leaves a gap), oldest first."""
    out: list[dict[str, Any]] = []
    day = start
    for spec in specs:
        body, _, times = spec.partition("*")
        for _ in range(int(times) if times else 1):
            entry = night(body.strip(), day)
            if entry is not None:
                out.append(entry)
            day += dt.timedelta(days=1)
    return out


def diary_of(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries of a case file's diary, in the order the case says they are given."""
    entries = nights(case["start"], case.get("nights", []))
    for extra in case.get("entries", []):
        entry = night(extra["spec"], extra["night"])
        assert entry is not None
        entries.append(entry)
    if case.get("order") == "reversed":
        entries.reverse()
    elif case.get("order") == "shuffled":  # a fixed interleaving: odd positions, then even
        entries = entries[1::2] + entries[::2]
    return entries
