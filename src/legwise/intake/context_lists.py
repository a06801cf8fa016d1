"""Finding lists that `knowledge/intake/context_rules.json` holds beside its ConText rules, read
once: which findings a "both legs" cue makes absent, and which findings speak of a recent window
that a past cue leaves unread. Kept apart from `legwise.intake.cues`, which reads them, so that
`legwise.intake.sections` can use them too without importing the cue logic.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def _lists() -> dict[str, Any]:
    path = resources.files("legwise").joinpath("knowledge", "intake", "context_rules.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@functools.cache
def one_side_only() -> frozenset[str]:
    """Findings that a "both legs" cue makes absent (context_rules.json: one_side_only)."""
    return frozenset(str(f) for f in _lists().get("one_side_only", []))


@functools.cache
def recent_only() -> frozenset[str]:
    """Findings about a recent window that a past cue leaves unread (context_rules.json:
    recent_only): "I broke my leg when I was 12" is no recent injury."""
    return frozenset(str(f) for f in _lists().get("recent_only", []))


@functools.cache
def stopped() -> frozenset[str]:
    """Findings that a stop said of them makes absent even where only a denial counts
    (context_rules.json: stopped): "stopped the pill", "came off the warfarin" (hL9)."""
    return frozenset(str(f) for f in _lists().get("stopped", []))
