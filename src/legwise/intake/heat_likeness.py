"""Heat named in a likeness of a burning feeling is no warm leg ("like walking on a hot pavement").

leg_warm asks "Does the painful area feel warm or hot to touch?". A writer with burning feet
often says what the burning is like: "like standing on a hot beach", "like stepping on a hot
wok", "as if they were on a hot griddle" (own_heldout12, 13, 20 and 21: four writers read as a
warm leg; a list of heat sources grows with every writer). The general shape: the temperature
word stands after a likeness word ("like", "as if", "as though") in its own clause and names a
thing (a word follows it that is not "to", "and" or the clause's end). Such a reading is the
thing's heat, not the leg's, and is not taken. The leg itself said hot stays: "my calf is hot to
touch", "it feels hot, like a radiator", "as hot as an oven door" (a comparison of the leg's own
heat: "as hot as" is kept).

Source and review: hG25 (issue 12 round 25, 2026-12-07), from leg_warm's question
(knowledge/findings) and the first-contact misses of own_heldout12..21; a reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

WARM = "leg_warm"
TEMPERATURE = frozenset({"hot", "warm", "boiling", "scalding", "roasting", "red-hot", "red hot"})
LIKENESS = re.compile(r"\b(?:like|as\s+if|as\s+though)\b", re.I)
CLAUSE_END = re.compile(r"[.;,!?\n]|\b(?:and|but)\b", re.I)
# the temperature word names the leg's own state when one of these follows it
OWN_STATE_NEXT = re.compile(r"\s*(?:$|[.;,!?\n]|to\b|and\b|or\b|when\b|as\b|too\b|now\b)", re.I)
AS_HOT_AS = re.compile(r"\bas\s*$", re.I)
REACH = 60  # characters back to look for the likeness word


def drop_heat_likeness(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a warm reading that is the heat of a thing in a likeness (see the
    module)."""
    if not any(i.finding == WARM and i.value == "present" for i in items):
        return items  # the cheap check: nothing to judge
    out = []
    for i in items:
        if i.finding == WARM and i.value == "present" and _in_likeness(text, i):
            continue
        out.append(i)
    return out


def _in_likeness(text: str, item: Extracted) -> bool:
    if item.text.lower() not in TEMPERATURE:
        return False
    before = text[max(0, item.start - REACH) : item.start]
    if AS_HOT_AS.search(before):
        return False  # "as hot as an oven door": the leg's own heat compared
    cuts = [m.end() for m in CLAUSE_END.finditer(before)]
    clause = before[cuts[-1] :] if cuts else before
    if LIKENESS.search(clause) is None:
        return False
    return OWN_STATE_NEXT.match(text, item.end) is None
