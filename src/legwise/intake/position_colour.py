"""A colour the foot takes when the leg hangs down is dependent rubor, not red or dusky skin.

The elevation test of a starved foot has two halves: the foot goes pale when the leg is raised
(read as leg_pale_or_cold, as the development labels read it) and red, dusky or purple when the
leg hangs down again (dependent rubor). The second half is neither the red skin of an infection
(leg_red) nor the purple, dusky skin of a deep infection (blisters_or_dusky_skin), and reading it
so sent starved-foot stems to the emergency level. synonyms_limb_exam_register.yaml ignores the
fixed orders ("dusky red on dependency", "dependent rubor"); examiners also write the position
first and the colour after, with free words between ("hanging it down, it goes a dusky red",
"when the leg is lowered the foot turns purple", "on dependency, the foot flushes red"), and
the lists cannot hold every order. So a red, dusky or purple reading with a word of the leg
hanging down close to it (DEPENDENCY, within WINDOW characters, in the same sentence) is
dropped. A colour far from the position word ("Red, hot, swollen shin, more swollen when
dependent") is a colour of its own and stays.

Source and review: hT21 (issue 12 round 21), a reading rule, no clinical fact; from
own_heldout20 h20s_27 (a starved foot read as dusky skin, sent to the emergency level) and
checked against leg_red's and blisters_or_dusky_skin's questions (red skin; purple or black
skin on the painful area) in knowledge/findings/. The findings are listed in
context_rules.json (dependent_colour).
"""

from __future__ import annotations

import re

from legwise.intake.context_lists import dependent_colour as coloured
from legwise.intake.result import Extracted

COLOUR = re.compile(r"\b(?:red\w*|dusky|duskiness|purple|purplish|plum|rubor|flush\w*)\b", re.I)
DEPENDENCY = re.compile(
    r"\b(?:hang(?:s|ing)?|hung|dangl\w*|dependen\w*|dependan\w*|lower(?:ed|ing|s)"
    r"|(?:leg|foot|limb|legs|feet)\s+down|over\s+the\s+(?:side|edge)\s+of\s+the\s+bed"
    r"|over\s+the\s+bed(?:\s+edge)?)\b",
    re.I,
)
STOP = re.compile(r"[.;!?]|\n\s*\n")
WINDOW = 45


def _near_dependency(text: str, start: int, end: int) -> bool:
    a = max(0, start - WINDOW)
    b = min(len(text), end + WINDOW)
    stops = [m.end() for m in STOP.finditer(text, a, start)]
    a = stops[-1] if stops else a
    after = STOP.search(text, end, b)
    b = after.start() if after else b
    return (
        DEPENDENCY.search(text, a, start) is not None or DEPENDENCY.search(text, end, b) is not None
    )


def dependent_colour(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a red or dusky reading that is the colour of a leg hanging down."""
    table = coloured()  # a reading of a coloured finding first (one pass, no scan of the text)
    if not any(i.finding in table and i.value == "present" for i in items):
        return items
    if DEPENDENCY.search(text) is None:
        return items
    return [
        i
        for i in items
        if not (
            i.finding in coloured()
            and i.value == "present"
            and COLOUR.search(i.text) is not None
            and _near_dependency(text, i.start, i.end)
        )
    ]
