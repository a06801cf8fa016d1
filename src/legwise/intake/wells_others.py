"""Another person's operation, bed rest, cancer or paralysis read as the patient's Wells item.

Why (hC26, issue 12 round 26): the Wells time readers date an operation or a bed rest wherever
it is said ("knee replacement 2 weeks ago", "bedridden with flu for 5 days") and the phrase
readers' family cue only reaches forward, so a note that names someone else as the subject
("her husband had a knee replacement 2 weeks ago", "her son was bedridden with flu for 5 days",
"caring for her mother, who had hip surgery 10 days ago") or puts the word on them ("cares for
her paraplegic son") scored the patient a point. Here a present history item is dropped when
its clause (commas bound it; a "who" clause reaches back to the person it is about) names
another person before it as its subject, or when the person's word follows it straight away.
The person is not the subject when a preposition puts them as the source ("per her husband",
"brought in by his wife") or when a reporting verb or the patient's own pronoun follows them
("husband says she has been in bed for 4 days"). The words are data (knowledge/intake/wells.yaml
`another_person`). Each Wells item is the patient's own (Wells 2003); a reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.clauses import clause_start
from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import _DATA, _alternatives
from legwise.intake.wells_past import SOMEONE_ELSE as SOMEONE_ELSE

_OTHER = _DATA["another_person"]
ITEMS = frozenset(str(f) for f in _OTHER["items"])
STOPS = ".;\n!?,:("
# the person as the source of the history, not its subject: "per her husband", "by his wife"
BY = re.compile(
    rf"\b(?:{_alternatives([str(w) for w in _OTHER['by_words']])})\s+(?:(?:her|his|their|the|a"
    r"|patient's|pt's|[a-z]+'s)\s+)?(?:\w+\s+)?$",
    re.I,
)
# a reporting verb or the patient's own pronoun after the person: the history is the patient's
PASSED_ON = re.compile(
    rf"\b(?:{_alternatives([str(w) for w in _OTHER['reporting']])}|she|he|pt|patient|herself"
    r"|himself)\b",
    re.I,
)
# the person as another's: "her husband", "his elderly mother" (never "my mum", "our son", "Mum's
# 63": in a text written for a relative that relative is the patient)
THEIRS = re.compile(r"\b(?:her|his|their)\s+(?:[a-z]+\s+)?$", re.I)
WHO = re.compile(r"\s*(?:who|whose|which)\b", re.I)
# the person's word straight after the item's words: "her paraplegic son"
AFTER = re.compile(r"\s+" + SOMEONE_ELSE.pattern, re.I)


def _someone_else_before(text: str, at: int, end: int) -> bool:
    start = clause_start(text, at, STOPS)
    if WHO.match(text, start) and start > 1:
        start = clause_start(text, start - 1, STOPS)  # "her mother, who had hip surgery"
    # the time readers' span may open with the person ("wife is in hospital after a hysterectomy")
    people = list(SOMEONE_ELSE.finditer(text, start, end))
    if not people:
        return False
    m = people[-1]
    if THEIRS.search(text, max(0, m.start() - 30), m.start()) is None:
        return False  # not said as the patient's relative ("my mum", "Nan is 92")
    if BY.search(text[start : m.start()]):
        return False  # "per her husband", "brought in by his wife"
    return PASSED_ON.search(text, m.end(), max(at, m.end())) is None


def others_dropped(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a present history item that its clause gives to another person."""
    if not any(i.finding in ITEMS and i.value == "present" for i in items):
        return items
    if SOMEONE_ELSE.search(text) is None:
        return items  # the cheap check: no other person named anywhere
    return [
        i
        for i in items
        if not (
            i.finding in ITEMS
            and i.value == "present"
            and (
                _someone_else_before(text, i.start, i.end)
                or (AFTER.match(text, i.end) and THEIRS.search(text, max(0, i.start - 30), i.start))
            )
        )
    ]
