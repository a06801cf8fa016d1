"""Both legs named for the complaint answer "always the same one leg?" no (issue 12, hL19).

`one_leg_only` asks "Is the pain always in the same one leg?", and its help says to answer no
when it is in both legs or moves from one leg to the other; docs/labelling.md labels it absent
then. Writers say it in many shapes ("both calves", "both of my feet", "in the Feet both of
them", "the cramps swap between legs"), and the same words are already part of other
findings' phrases (both legs weak, sciatica in both legs, symmetric feet, swelling of both
sides), so a phrase of its own would compete with them for the words. This pass reads it after
the phrases instead, and only where the readers found something: a sentence that names both
legs and holds a present finding of the patient (the readers' own scopes have already set
aside a relative's, a past or a denied one). Two legs compared, measured or examined ("I
compared both legs", "pulses in both feet", "both ankles look the same") are no complaint of
both.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

FINDING = "one_leg_only"
_LIMBS = (
    r"(?:lower\s+)?legs|calf\s+muscles|calves|feet|ankles|thighs|shins|knees|soles|heels|hips"
    r"|lower\s+limbs|limbs|hamstrings|buttocks"
)
_WHOSE = r"(?:(?:of\s+)?(?:my|his|her|the|their|your)\s+)?"
BOTH = re.compile(
    rf"\bboth\s+{_WHOSE}(?:{_LIMBS})\b"
    rf"|\b(?:{_LIMBS})\b[^.;!?\n]{{0,30}}?\bboth\s+of\s+them\b"
    r"|\b(?:in|on|down)\s+both\s+(?:sides|legs)\b"
    r"|\b(?:swap|switch|alternate|move|jump|flit|go)(?:s|es|ing|ped)?\s+(?:between\s+(?:the\s+"
    r"(?:two\s+)?)?(?:legs|sides)|from\s+(?:one\s+(?:leg|side)\s+to\s+the\s+other|leg\s+to\s+leg))"
    r"|\bsome\s+(?:nights|days|times)\s+(?:the\s+|it'?s\s+the\s+)?left\b[^.;!?\n]{0,20}"
    r"\bsome\s+(?:nights|days|times)\s+(?:the\s+|it'?s\s+the\s+)?right\b",
    re.I,
)
# the two legs compared, measured or examined, or said to be alike: no complaint of both
EXAMINED = re.compile(
    r"\b(?:compared?|comparing|measured?|measuring|checked?|checking|look(?:ed)?\s+at|feel\s+for"
    r"|pulses?|reflexes|jerks|sensation|power)\b[^.;!?\n]{0,20}$",
    re.I,
)
ALIKE = re.compile(
    r"[^.;!?\n]{0,12}\b(?:look|looks|are|were|feel|feels)\s+(?:the\s+same|equal|normal|fine|ok)",
    re.I,
)
SENTENCE = re.compile(r"[^.;!?\n]+(?:[.;!?\n]|$)")
# the finding within a few words of "both": a run-on text that splices its sentences with commas,
# or one without commas, reads as with its punctuation
NEAR = 15
# a relative's or another person's finding is never the patient's both legs
_OWN = ("family_", "age", "sex")


def _patient_finding(items: list[Extracted], a: int, b: int) -> bool:
    """A finding of the patient read in text[a:b]: present, or a swelling set aside as "not
    one leg" only because it is said of both sides (`intake.bilateral`)."""
    return any(
        a <= i.start < b
        and (i.value == "present" or ("both sides" in i.rule and "negated" not in i.rule))
        and not i.finding.startswith(_OWN)
        for i in items
    )


def both_legs_named(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with one_leg_only absent when a sentence names both legs for a present finding
    and nothing else answered one_leg_only."""
    if any(i.finding == FINDING for i in items):
        return items
    for s in SENTENCE.finditer(text):
        a, b = s.span()
        for m in BOTH.finditer(text, a, b):
            if not _patient_finding(items, max(a, m.start() - NEAR), min(b, m.end() + NEAR)):
                continue
            if EXAMINED.search(text, a, m.start()) or ALIKE.match(text, m.end(), b):
                continue
            rule = f"both legs named: {m.group()!r}"
            return [*items, Extracted(FINDING, "absent", m.start(), m.end(), m.group(), rule)]
    return items
