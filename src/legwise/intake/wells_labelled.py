"""A checklist line whose label names its Wells item in words no label pattern knows (hW17).

Why: the checklist readers (`wells_checklist`, `wells_table`) find the item a label names from
the label patterns of knowledge/intake/wells.yaml, so a writer's own words for a label ("New
surface veins? N", "Clots in the past? No", "Tumour being treated? Y") answered nothing, while
the phrase readers still read the label's words as the item present. Those phrase readers know
many more ways to say each item than the label patterns do, so their reading tells which item
the label names: when the words of a line's label were read as exactly one Wells item and no
checklist reader answered that line, the line's answer decides that item (an item the note
answers as a checklist; a reading rule only, no clinical fact is new).
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import LABELS

ITEMS = frozenset(i for i, _ in LABELS)
# "New surface veins? N", "Clots in the past: no", "Tumour being treated? Y - breast": a label
# on its own line, a question mark, colon or "=" and a yes / no answer first after it
LINE = re.compile(
    r"^[ \t]*(?P<label>[^\n?:=]{3,100}?)[ \t]*[?:=][ \t]*"
    r"(?P<answer>yes|no|y|n|present|absent|positive|negative|true|false)\b"
    r"(?=[ \t]*(?:$|[-(,;.]|\u2013|\u2014))",
    re.I | re.M,
)
YES = frozenset({"yes", "y", "present", "positive", "true"})
NEGATED = re.compile(r"\b(?:no|not|nor|never|without|nil|denies|neither)\b|n't\b", re.I)


def apply_labelled(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with each unanswered checklist line's answer given to the one Wells item its
    label's words were read as."""
    if "?" not in text and ":" not in text and "=" not in text:
        return items  # no label can end here
    out = list(items)
    for m in LINE.finditer(text):
        a, b = m.span("label")
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if NEGATED.search(m.group("label")):
            continue  # "No new veins?": a sentence, not a label
        if any("answer" in i.rule and i.start < line_end and a <= i.end for i in out):
            continue  # a checklist reader answered this line
        read = [i for i in out if i.finding in ITEMS and a <= i.start and i.end <= b]
        found = {i.finding for i in read}
        if len(found) != 1:
            continue  # no item named, or two ("bed or cast?": which one the answer is for)
        item = found.pop()
        state = "present" if m.group("answer").lower() in YES else "absent"
        out = [i for i in out if i not in read]
        out.append(
            Extracted(item, state, a, m.end(), text[a : m.end()], f"Wells label answer: {state}")
        )
    return out
