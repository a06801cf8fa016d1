"""A child's aching in both legs at night: read from its parts, and its waking is no poor sleep.

Clinical stems and letters write the growing-pains pattern in many shapes ("has woken about
twice a week crying with aching in both shins and calves", "intermittent pain in both legs,
always at bedtime", "bilateral lower leg aches in the evenings"); a phrase list caught few, and
without the finding the top cause fell to cramps or restless legs. So in a text about a child
(age 14 or under), a sentence that names both legs (both, bilateral, or leg parts in the
plural), an ache and the evening or night (or waking) gives `child_both_legs_evening_pain`,
unless it names one side, a limp, swelling, fever, redness or heat (signs that are not growing
pains: the rules read them on their own) or denies the pain.

Growing pains come in the evening or at night and often wake the child (Naish and Apley's
criteria ask for pain "severe enough to interrupt sleep"; evidence pack 2.10.3), and a child
with the typical pattern and no warning feature is a self-care case (R27). `sleep_disrupted`
asks something else: does it often wake you AND leave you tired. Read from "wakes at night" in
such a child it raised every typical growing-pains stem to a booked visit (the rule that
poor sleep needs a doctor), while the clinician's structured case left it out.

So in a text about a child (the same age limit) whose pain is in both legs, a `sleep_disrupted`
reading whose words only say the child wakes (wake, woken, rouses) is dropped, unless the text
also says the child is tired, misses school or lies awake: then the sleep is truly disrupted.
`pain_at_night` from the same words stays. Answers, numbers and adult texts are left alone.
"""

from __future__ import annotations

import re

from legwise.intake.clauses import sentence_spans
from legwise.intake.result import Extracted
from legwise.kb.loader import Knowledge

FINDING = "child_both_legs_evening_pain"
PLURAL_LEGS = re.compile(
    r"\b(?:both|bilateral(?:ly)?)\b[^.;]{0,40}?\b(?:legs?|shins?|calf|calves|thighs?|knees?|feet)\b"
    r"|\b(?:legs|shins|calves|thighs)\b",
    re.I,
)
DENIED_BEFORE = re.compile(
    r"\b(?:no|not|nor|without|denies|denied|nil|never)\s+(?:[\w,]+\s+){0,3}$", re.I
)
# hL12 (round 12): a parent's words for the pain they see ("wakes up crying ... rubbing both shins")
ACHE = re.compile(
    r"\b(?:ache[sd]?|aching|achy|pains?|painful|hurts?|hurting|sore|crying|cries|cried|rubbing"
    r"|rubs|rubbed)\b",
    re.I,
)
EVENING = re.compile(
    r"\b(?:evenings?|nights?|night-?time|bedtime|bed|overnight|wak\w*|woke\w*|woken|rous\w*)\b",
    re.I,
)
NOT_PATTERN = re.compile(
    r"\b(?:left|right|one\s+leg|unilateral|limp\w*|swollen|swelling|fevers?|febrile|red|redness"
    r"|hot|warm|no\s+(?:pain|ache|aching)|denies|never\s+(?:at|in|during)\s+(?:the\s+)?"
    r"(?:evening|night))\b",
    re.I,
)

WAKE = re.compile(r"\b(?:wak\w*|woke\w*|awak\w*|rous\w*)\b", re.I)
BOTH = re.compile(
    r"\bboth\b|\bbilateral(?:ly)?\b|\b(?:legs|shins|calves|thighs|knees)\b",
    re.I,
)
# the sleep loss shows by day, or the child cannot get back to sleep
TIRED = re.compile(
    r"\b(?:tired\w*|exhausted|fatigue\w*|sleepy|drowsy|shattered|worn\s+out|miss(?:es|ed|ing)?"
    r"\s+school|off\s+school|(?:lies|lay|lying)\s+awake|(?:can't|cannot|can\s+not|won't|doesn't)"
    r"\s+(?:get\s+back\s+to\s+)?sleep|up\s+for\s+hours|hours\s+awake)\b",
    re.I,
)


def _vetoed(sentence: str) -> bool:
    """A sign that is not growing pains, said and not denied ("no limp" is no veto: a note typed
    without full stops runs the denials into the same sentence)."""
    for m in NOT_PATTERN.finditer(sentence):
        if not DENIED_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            return True
    return False


def _child(items: list[Extracted], kb: Knowledge) -> bool:
    """Whether the text states an age within the growing-pains finding's own age limit (its
    `applies` in the knowledge base: 14 or under); False in a base without the finding."""
    spec = kb.findings.get(FINDING)
    limit = spec.applies.age_max if spec is not None and spec.applies is not None else None
    age = next((float(i.value) for i in items if i.finding == "age"), None)
    return spec is not None and age is not None and (limit is None or age <= limit)


def add_child_pattern(text: str, items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """`items` with the growing-pains pattern read from its parts (see the module)."""
    if any(i.finding == FINDING for i in items) or not _child(items, kb):
        return items
    for start, end in sentence_spans(text):
        s = text[start:end]
        if not (PLURAL_LEGS.search(s) and EVENING.search(s)) or _vetoed(s):
            continue
        ache = ACHE.search(s)
        if ache is None:
            continue
        a, b = start + ache.start(), start + ache.end()
        rule = "growing-pains pattern: a child, both legs, an ache, evening or night"
        return [*items, Extracted(FINDING, "present", a, b, text[a:b], rule)]
    return items


def drop_child_waking(text: str, items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """`items` without a growing-pains child's waking read as poor sleep (see the module)."""
    if not any(i.finding == "sleep_disrupted" and i.value == "present" for i in items):
        return items
    if not _child(items, kb) or not BOTH.search(text) or TIRED.search(text):
        return items
    return [
        i
        for i in items
        if not (i.finding == "sleep_disrupted" and i.value == "present" and WAKE.search(i.text))
    ]
