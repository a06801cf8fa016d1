"""A duration said with a vague amount is no number of days (hL17, issue 12 round 17).

Why: "for a few days", "over the last few weeks", "for several months" say that the complaint
has lasted a while, not how many days. The number reader counts "few" and "several" as 3
(`number_rules.WORDS`), which is right where the amount only dates something else ("a few
hours ago my foot went white": a recent onset), but as the answer to symptom_duration_days
("How many days has this problem been going on?") it is a guess: every labelled set (lay texts,
stems; fifteen texts in the development and demoted held-out sets, by many writers) leaves the
duration unlabelled for such words, as docs/labelling.md does for "since Tuesday". So the
duration read from a vague amount alone is dropped at the end, after the readers that use it
(sudden onset); a duration stated in numbers elsewhere in the text stays. "A couple of days" is
2 (surface makes it a number) and stays.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

FINDING = "symptom_duration_days"
VAGUE = re.compile(r"\b(?:few|several|some|many)\b", re.I)


def drop_vague_durations(items: list[Extracted]) -> list[Extracted]:
    """`items` without the complaint's duration read from a vague amount alone."""
    if not any(i.finding == FINDING and VAGUE.search(i.text) for i in items):
        return items
    return [
        i
        for i in items
        if not (i.finding == FINDING and VAGUE.search(i.text) and not any(map(str.isdigit, i.text)))
    ]
