"""A night said in a text that denies the pain is no night pain.

pain_at_night asks "Does the pain start, or get worst, when you are in bed at night?". Its
phrases include bare times ("every night", "at night", "in bed"), which answer it when a pain
is told. A writer who says there is no pain ("No pain as such, just a horrible feeling",
"I am not in any pain") and names no other painful feeling (a cramp, an ache, a burning)
has told a night of something else: the question about the pain is left unanswered. A denial
that keeps a pain elsewhere ("no pain in the day", "no pain when I walk") is no such denial.

Source and review: hL17b (issue 12 round 17, 2026-12-06), from the finding's question in
knowledge/findings/pattern.yaml; a reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

FINDING = "pain_at_night"
# "no pain as such", "not in any pain.", "no pain, just ...", "it doesn't hurt": pain denied
# outright (followed by the end of the clause or a "just"/"but" turning to something else)
NO_PAIN = re.compile(
    r"\b(?:no|not\s+(?:in\s+)?any|not\s+in|without\s+any|never\s+any)\s+(?:real\s+)?pain"
    r"(?:\s+as\s+such|\s+at\s+all|\s+really)?(?=\s*(?:[.,;!?]|$|\s(?:just|but|only|more|it's)\b))"
    r"|\b(?:isn't|is\s+not|aren't|are\s+not|not)\s+(?:really\s+)?painful\b"
    r"|\b(?:doesn't|does\s+not|don't|do\s+not)\s+(?:really\s+)?hurt\b(?!\s+\w)",
    re.I,
)
PAIN_LIKE = re.compile(
    r"\b(?:pain|painful|hurt|hurts|hurting|ache|aches|aching|achy|sore|cramp\w*|burn\w*|throb\w*"
    r"|agony|stab\w*|shoot\w*|sting\w*|tender)\b",
    re.I,
)


def drop_denied_night_pain(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a night pain read from a bare time in a text that denies the pain."""
    if not any(i.finding == FINDING and i.value != "absent" for i in items):
        return items
    denials = [m.span() for m in NO_PAIN.finditer(text)]
    if not denials:
        return items
    told = [m for m in PAIN_LIKE.finditer(text) if not any(a <= m.start() < b for a, b in denials)]
    if told:
        return items  # "no pain in the day but my calves cramp at night": a pain is told
    return [
        i
        for i in items
        if not (i.finding == FINDING and i.value != "absent" and not PAIN_LIKE.search(i.text))
    ]
