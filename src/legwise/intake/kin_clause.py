"""Where a relative clause about a relative ends (hS24, issue 12 round 24).

An exam stem often introduces the patient with a clause about a relative: "A 60-year-old man
whose father had a DVT has cramp in his calves at night", "A 70-year-old man, whose wife is his
carer, has a cold white foot". The family cue ("father", "wife") reaches forward within its
clause (`legwise.intake.cues.FAMILY_BREAKS`), but this clause has no break word before the
patient's own verb, so the patient's complaint was read as the relative's (and a stem said
nothing clinical, or lost a threatened limb). A "whose <relative>" clause has its own verb right
after the relative ("lost", "is", "had"); the next finite verb of the main clause ("has",
"presents", "reports", "asks") ends it, unless it follows "and"/"or" (the relative clause goes
on: "whose mother is diabetic and has had a leg ulcer"). A past "had" is left to the relative
("whose mother has had two clots"): reading rule only, no clinical fact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legwise.intake.parsed import Cue, Phrase

# the main clause's verb after a "whose <relative> <verb> ..." clause
MAIN_VERBS = frozenset({"has", "have", "is", "was", "presents", "presented", "complains",
                        "complained", "reports", "reported", "describes", "described",
                        "attends", "attended", "asks", "asked", "comes", "came", "develops",
                        "developed", "notices", "noticed", "mentions", "mentioned", "says",
                        "tells", "now", "today"})  # fmt: skip
GOES_ON = frozenset({"and", "or", "who", "which", "that"})
WHOSE_BACK = 3  # words between "whose" and the relative word ("whose late father")


def kin_clause_closed(words: list[str], cue: Cue, ent: Phrase) -> bool:
    """Whether the family cue opens a "whose <relative>" clause that the main clause's verb
    closes before the phrase `ent` (`words`: the text's; see the module docstring)."""
    if "whose" not in words[max(0, cue.start - WHOSE_BACK) : cue.start]:
        return False
    for i in range(cue.end + 1, ent.start):  # at cue.end: the relative clause's own verb
        if words[i] in MAIN_VERBS and words[i - 1] not in GOES_ON:
            return True
    return False
