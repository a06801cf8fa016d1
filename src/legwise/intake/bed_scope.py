"""Bed rest is being kept in bed, not a symptom felt in bed.

recent_surgery_or_bedridden (Wells: bedridden 3 days or more) is read from "in bed" with a time
("been in bed for 5 days with flu"). A symptom that comes on in bed ("my calves cramp in bed",
"my feet go numb in bed for 3 weeks now") says where it is felt, and a time said in a clause of
its own after it ("... in bed and it has been going on for a few weeks") times the symptom: neither
is bed rest. This one reading rule serves every reader of bed rest (the number reader and the
Wells readers), so it runs on their readings together. The symptom words are the feelings a leg
complaint is told with and the verbs of its coming on; being or staying in bed ("stuck in bed",
"has been in bed") keeps its reading.

Source and review: hL17b (issue 12 round 17, 2026-12-06), a reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

FINDING = "recent_surgery_or_bedridden"
FELT_IN_BED = re.compile(
    r"(?:\b(?:cramp|ache|aching|hurt|burn|tingl|throb|twitch|jerk|jump|kick|itch|numb|sore|pain"
    r"|worse|worst|bad|restless|wake|woken|fizz)\w*"
    r"|\b(?:go|goes|going|get|gets|feel|feels|come|comes|start|starts)(?:\s+on)?)"
    r"\s+in\s+bed\b"
    r"|\bin\s+bed\s+(?:(?:at\s+night|now|too|as\s+well|mostly|mainly)\s+)?(?:and|but|so|which)\s+"
    r"(?:it|this|they|that)\b",
    re.I,
)
# being kept in bed said outright ("has been in bed and it's been 5 days"): bed rest however
# the time follows
KEPT_IN_BED = re.compile(
    r"\b(?:been|stuck|stayed|staying|stays|kept|confined|laid\s+up|spent|spending|lain)\s+"
    r"(?:\w+\s+)?in\s+bed\b",
    re.I,
)
REACH = 24  # characters before the reading that may hold the symptom word


def drop_felt_in_bed(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a bed rest read from a symptom felt in bed."""
    if "bed" not in text.lower():
        return items
    return [
        i
        for i in items
        if not (
            i.finding == FINDING
            and i.value == "present"
            and "bed" in i.text.lower()
            and FELT_IN_BED.search(text, max(0, i.start - REACH), i.end)
            and not KEPT_IN_BED.search(text, max(0, i.start - REACH), i.end)
        )
    ]
