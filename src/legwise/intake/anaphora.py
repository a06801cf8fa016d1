"""A relative said to have "the same" as the writer: "my mother had the same", "mum has it too",
"her sister has the same problem", "my dad was the same" (issue 12: pronoun references).

The words name no finding; they point back at what the text has just described. When the text
reads the person's own finding that a family-history finding is about (restless legs: an urge
to move the legs), the relative has it too: that family finding is present. Which family
findings and which own findings: `knowledge/intake/context_rules.json` (`same_in_family`).
"""

from __future__ import annotations

import functools
import re

from legwise.intake.context_lists import _lists
from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.people import RELATIVES
from legwise.intake.result import Extracted

# blood relatives only: a husband, a friend or a neighbour with "the same" is no family history
NOT_KIN = frozenset({"husband", "wife", "partner", "friend", "neighbour", "neighbor"})
_REL = "|".join(r for r in RELATIVES if r not in NOT_KIN) + "|mam|ma|auntie|aunty|cousin"
SAME = folded(
    rf"\b(?:{_REL})s?\b(?:'s)?\s+(?:(?:legs?|feet)\s+)?(?:also\s+|too\s+)?"
    r"(?:has|had|have|gets|got|get|was|is|suffers|suffered|did|does|do|were|are)\s+"
    r"(?:from\s+)?(?:exactly\s+|just\s+)?"
    # hD8 (issue 12 round 8): "my late mother suffered likewise", "mum was similarly afflicted"
    r"(?:likewise\b|similarly\b|the\s+same\s+way\b|"
    r"(?:the\s+(?:exact\s+|very\s+)?same(?:\s+(?:thing|things|problem|problems|issue|issues"
    r"|symptoms|condition|"
    r"feeling|feelings|trouble))?\b|(?:it|this|them)\s+(?:too|as\s+well|also|2)\b"
    r"|something\s+similar\b|(?:a\s+)?(?:very\s+)?similar\b))",
    re.I,
)
# hL12 (issue 12 round 12): "Dad's legs did the exact same" (the relative's legs, "did") is
# read by SAME; here the relative after the comparison ("as did my late father and my sister",
# "just like my mum", "the same as my brother"); "like my mum" alone is left out ("I feel like
# my mum worries too much")
AS_KIN = folded(
    r"\b(?:as\s+(?:did|does|do|has|have|had)|just\s+like|(?:exactly\s+|just\s+)?(?:the\s+)?same"
    r"\s+as|as\s+with)\s+(?:my|our)\s+(?:late\s+|own\s+|older\s+|younger\s+|big\s+|little\s+"
    rf"|twin\s+)?(?:{_REL})s?\b",
    re.I,
)
_HINTS = ("same", "too", "as well", "also", "similar", " 2", "likewise", "as did", "as does",
          "as do", "as has", "as have", "as had", "just like", "as with")  # fmt: skip


@functools.cache
def same_in_family() -> dict[str, frozenset[str]]:
    """Family finding -> the person's own findings it names (context_rules.json)."""
    data = _lists().get("same_in_family") or {}
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


def add_same_in_family(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` and, when a relative "had the same" as a finding the text reads present, the
    family finding that names it (unless the text already says it either way)."""
    low = text.lower()
    if not any_in(low, _HINTS):
        return items  # the common case: one scan for a few short words
    m = SAME.search(text) or AS_KIN.search(text)
    if m is None:
        return items
    present = {i.finding for i in items if i.value == "present"}
    said = {i.finding for i in items}
    out = list(items)
    for family, own in same_in_family().items():
        if family not in said and present & own:
            rule = f"family phrase {m.group()!r} (the same as the writer)"
            out.append(Extracted(family, "present", m.start(), m.end(), m.group(), rule))
    return out
