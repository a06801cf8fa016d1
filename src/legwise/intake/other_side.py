"""The other leg named for contrast is not the complaint: a warm or pink other side beside a cold
one.

A writer who finds one foot cold and white often says how the other one feels to show the
difference ("it is cold as anything when I hold it, the left is warm"; "his left leg ... is
properly cold, right leg is normal and warm"; "the foot and ankle are as white as a sheet and
icy, the left one is pink and warm"). leg_warm and leg_red ask about the painful leg, and a leg
cannot be both icy and warm: when the text reads a pale or cold leg, a warm or red reading whose
own clause is about a named side or "the other one" (its subject) is that normal side, and is
not taken. A warm or red reading said of the complaint itself ("my right calf is hot, the foot
is cold") names no side of its own in its clause and stays.

Source and review: hL18 (issue 12 round 18, 2026-12-06), from the questions of leg_warm and
leg_red (knowledge/findings) and the misses of own_heldout9, 10 and 17 (three writers); a reading
rule only.
"""

from __future__ import annotations

import re

from legwise.intake.context_lists import contrast_side
from legwise.intake.result import Extracted

COLD = "leg_pale_or_cold"  # the reading that makes the other side a contrast
CLAUSE_START = re.compile(
    r"[.;,!?\n]|\b(?:and|but|while|whereas)\s+(?=the\b|his\b|her\b|my\b)", re.I
)
# the clause opens on a side or the other leg as its subject ("the left is warm", "right leg is
# normal and warm", "the other one's pink", "her left foot feels warm")
SIDE_SUBJECT = re.compile(
    r"\s*(?:(?:the|his|her|my|their)\s+)?(?:other|left|right|good|normal)\b(?:\s+(?:one|leg|foot"
    r"|side|calf|ankle|knee|thigh|shin|toes))?(?:'s|\s+(?:is|was|are|were|feels|felt|looks|seems"
    r"|stays|remains))\b",
    re.I,
)
REACH = 80  # characters back to the clause's start


def other_side_contrast(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a warm or red reading said of the other, normal side (see the module)."""
    cold = [i for i in items if i.finding == COLD and i.value == "present"]
    if not cold:
        return items
    contrast = contrast_side()
    out = []
    for i in items:
        if i.finding in contrast and i.value == "present" and not _overlaps(i, cold):
            before = text[max(0, i.start - REACH) : i.start]
            cuts = [m.end() for m in CLAUSE_START.finditer(before)]
            clause = before[cuts[-1] :] if cuts else before
            if SIDE_SUBJECT.match(clause):
                continue
        out.append(i)
    return out


def _overlaps(item: Extracted, others: list[Extracted]) -> bool:
    return any(o.start < item.end and item.start < o.end for o in others)
