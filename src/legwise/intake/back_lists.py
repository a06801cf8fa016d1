"""A denial written after a list of findings joined by "or": it denies every item.

hT14 (issue 12 round 14, 2026-12-06; a reading rule, no clinical fact). Exam stems deny a list
AFTER naming it: "Calf tenderness, swelling or erythema absent", "Fever or rigors not seen",
"Tender calf, swollen right calf or skin break on the leg absent". A list joined by "or"
(or "nor") is read as one alternative denied as a whole only when the denial closes the clause;
a list joined by "and" or a bare comma is not ("red swollen calf, pulses absent": only the
pulses are absent), so a warning sign is never denied by a cue that may speak of another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legwise.intake.parsed import Cue, Parsed, Phrase

OR_WORDS = frozenset({"or", "nor"})
LIST_SEPS = frozenset({",", "or", "nor", "/"})
OTHER_SEPS = frozenset({"and", "&", "+"})
STOPS = frozenset({".", ";", "!", "?", "(", ")", "but", "however", "although", "though",
                   "which", "because", "so", "then", "while", "whereas", "when", "since",
                   "i", "he", "she", "they", "we", "it", "is", "are", "was", "were", "has",
                   "have", "had", "there", "this", "that", "who", "also"})  # fmt: skip
CLOSERS = frozenset({".", ";", ",", "!", "?", ")"})
MAX_LIST = 16  # words from the first item to the denial
MAX_ITEM = 5  # words of one later item ("skin break on the leg")


def denied_list_before(p: Parsed, modifier: Cue, ent: Phrase) -> bool:
    """Whether a negation cue after the phrase `ent` closes an "or" list that `ent` heads."""
    gap = p.words[ent.end : modifier.start]
    seps = [i for i, w in enumerate(gap) if w in LIST_SEPS]
    if not seps or not OR_WORDS & {gap[i] for i in seps} or len(gap) > MAX_LIST:
        return False
    if (STOPS | OTHER_SEPS) & set(gap):
        return False
    ends = [*seps[1:], len(gap)]
    items = [gap[a + 1 : b] for a, b in zip(seps, ends, strict=True)]
    if any(not item or len(item) > MAX_ITEM for item in items):
        return False
    after = p.words[modifier.end] if modifier.end < len(p) else "."
    return after in CLOSERS or modifier.end >= p.sent_end[ent.start]


def forward_out_of_reach(p: Parsed, modifier: Cue) -> bool:
    """Whether a post-posed denial ("not seen", context_rules.json metadata `after_colon_only`)
    may not reach forward: only a list it heads after a colon ("have NOT seen: any cuts, a
    fever") is denied; "fever not present, calf tender and swollen" says nothing of the calf."""
    meta = getattr(modifier.rule, "metadata", None) or {}
    if not meta.get("after_colon_only"):
        return False
    return not (modifier.end < len(p) and p.words[modifier.end] == ":")
