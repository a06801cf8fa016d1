"""A condition written after a query mark is a question the writer asks, not a sign (hT27).

Clinical notes and stems put a differential as query-marked names: "?irritable hip ?septic
arthritis", "?cellulitis ?DVT", "?gout ?stress fracture - X-ray requested". The phrase lists
read some of those names as the condition's sign ("septic arthritis" -> a hot swollen joint,
"cellulitis" -> a red leg, "fracture" -> an injury), so a question raised a level: a child's
limp with a normal temperature read as a hot joint, a cramp as a red leg. ConText's hedge words
("query", "possible", "to exclude") already cover the spelled-out forms; the mark itself is a
"?" joined to the word after it (preceded by the start, a space, a bracket or a slash). Its
reach is the name it marks: up to the next query mark, the clause's end (. ; : , a dash or a
line break) or a word that starts a new statement (and, but, with, is, was, ...). A present
reading wholly inside that reach is dropped; a denial is kept ("?DVT - excluded on scan").
A question mark that ends a question ("Any fever? Yes, 38.4") is followed by a space and is no
query mark.

Source and review: hT27 (issue 12, round 27), a reading rule, no clinical fact; from
the first-contact differential names of own_heldout20 ("?pyoderma, ?BCC") and checked against
the questions of hot_swollen_joint, leg_red and recent_leg_injury (knowledge/findings/).
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

MARK = re.compile(r"(?:^|(?<=[\s(\[/]))\?(?=[A-Za-z])")
# where a marked name ends: another mark, a clause end, or a word that starts a statement
REACH_END = re.compile(
    r"\s\?|[.;:,!\n()]|\s[-–—]\s|\b(?:and|but|with|is|are|was|were|has|had|please|x-ray|"
    r"requested|sent|referred|plan|advised|vs|versus)\b",
    re.I,
)
MAX_REACH = 40


def _reaches(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in MARK.finditer(text):
        start = m.end()
        end = REACH_END.search(text, start, min(len(text), start + MAX_REACH))
        spans.append((start, end.start() if end else min(len(text), start + MAX_REACH)))
    return spans


def drop_queried(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a present reading that lies inside a query-marked name."""
    if "?" not in text or MARK.search(text) is None:
        return items
    spans = _reaches(text)
    return [
        i
        for i in items
        if i.value != "present" or not any(a <= i.start and i.end <= b for a, b in spans)
    ]
