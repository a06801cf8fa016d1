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


@functools.cache
def past_counts() -> frozenset[str]:
    """Findings asked about EVER, that an episode said to be over still counts for
    (context_rules.json: past_counts): "I used to have clots but not any more" (hS14)."""
    return frozenset(str(f) for f in _lists().get("past_counts", []))


@functools.cache
def contrast_side() -> frozenset[str]:
    """Findings that the other, normal leg named for contrast beside a cold one does not give
    (context_rules.json: contrast_side): "icy ..., the left one is pink and warm" (hL18)."""
    return frozenset(str(f) for f in _lists().get("contrast_side", []))


@functools.cache
def past_window() -> frozenset[str]:
    """Findings asked about a window of months that a remote-past date puts outside it
    (context_rules.json: past_window): "I had cancer years ago" is no active cancer (hS14)."""
    return frozenset(str(f) for f in _lists().get("past_window", []))


def said_over(cues: dict[str, str]) -> bool:
    """Whether a phrase's cues (name -> words) say only that it is over ("not any more", "no
    longer", "it has gone"), not that it never was."""
    said = cues.get("negated", "").lower().replace("any more", "anymore")
    return said in ("no longer", "not anymore") or ("resolved" in cues and "negated" not in cues)


@functools.cache
def cue_words() -> frozenset[str]:
    """Every single word the ConText rules are written with (their literals and token patterns):
    a typo in one of them ("dnies", "neighour") would otherwise flip a denial, a past or
    another person's finding into the writer's own, so respell may correct to them."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            words.update(w for w in node.lower().split() if w.isalpha())
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key in ("LOWER", "LEMMA", "IN", "literal", "pattern"):
                if key in node:
                    walk(node[key])

    walk(_lists().get("context_rules", []))
    return frozenset(words)


@functools.cache
def capitals_only() -> frozenset[str]:
    """Shorthands read only when written in capitals by a writer who uses capitals
    (context_rules.json: capitals_only): "mi" is "my" in Spanish and Jamaican English (hF20)."""
    return frozenset(str(w).lower() for w in _lists().get("capitals_only", []))


@functools.cache
def dependent_colour() -> frozenset[str]:
    """Colour findings that the colour of a foot hanging down (dependent rubor) does not give
    (context_rules.json: dependent_colour): "hanging it down, it goes a dusky red" (hT21)."""
    return frozenset(str(f) for f in _lists().get("dependent_colour", []))


@functools.cache
def treated_signs() -> tuple[frozenset[str], frozenset[str]]:
    """The medicines, and the signs that when given as such a medicine's reason name the
    standing condition it treats, not a new sign (context_rules.json: treated_signs): "on
    furosemide 40 mg for ankle swelling" is no new swelling of one leg (hT22)."""
    data = _lists().get("treated_signs", {})
    return (
        frozenset(str(f) for f in data.get("medicines", [])),
        frozenset(str(f) for f in data.get("signs", [])),
    )
