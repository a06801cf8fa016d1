"""A blood thinner named in a sentence that plans or starts it is no blood thinner taken now.

Why: on_anticoagulant asks "Do you take a blood thinner?", now. Notes and stems often end with
the clinician's decision, written as a sentence with no "Plan:" header ("agreed oxygen for
comfort and a treatment dose of LMWH", "happy to start apixaban and scan in the morning",
"therapeutic LMWH pending the duplex", "We will start rivaroxaban today"); a header's plan is
already left out (`legwise.intake.sections`), but such a sentence was read as a patient who is
on a blood thinner (own_heldout19 h19s_06, a hospice note). A sentence whose own words start,
plan or agree the medicine (a start verb after will/to/should/happy to/plan to, "agreed",
"pending the duplex", a first or stat dose, "started today") is that decision; a medicine taken
for weeks ("on apixaban since March", "started on warfarin last year") stays read, and so does one
beside a result still awaited ("on warfarin for AF, INR pending": the lead's review, round 20).

Source and review: hT20 (issue 12 round 20), from the finding's question in
knowledge/findings; a reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.clauses import sentence_at, sentence_spans
from legwise.intake.result import Extracted

PLANNED = re.compile(
    r"\b(?:will|to|should|shall|would|plan(?:ned|s)?\s+to|going\s+to|happy\s+to|decided\s+to"
    r"|agreed\s+to)\s+(?:be\s+)?(?:start|started|commence|commenced|begin|initiate|initiated"
    r"|give|given|prescribe|prescribed)\b|\bagreed\b|\bpending\s+(?:the\s+|a\s+|an\s+)?(?:duplex"
    r"|scan|ultrasound|doppler|imaging|d-?dimer|review)\b|\b(?:lmwh|heparin|enoxaparin|dalteparin"
    r"|tinzaparin|apixaban|rivaroxaban|edoxaban|dabigatran|anticoagulation|dose)\s+pending\b"
    r"|\b(?:started|commenced|initiated"
    r"|given)\s+(?:on\s+)?(?:[\w-]+\s+){0,4}?(?:today|tonight|now|in\s+(?:the\s+)?(?:department|ed))\b"
    r"|\b(?:first|stat|loading|single)\s+dose\b",
    re.I,
)
FINDING = "on_anticoagulant"


def drop_planned_medicine(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a blood thinner read from a sentence that plans or starts it."""
    if not any(i.finding == FINDING and i.value == "present" for i in items):
        return items
    spans = sentence_spans(text)
    out = []
    for i in items:
        k = sentence_at(text, i.start) if i.finding == FINDING and i.value == "present" else -1
        if k >= 0 and PLANNED.search(text, *spans[k]):
            continue
        out.append(i)
    return out
