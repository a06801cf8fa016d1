"""One leg alone, said in the two shapes writers use most: "only" after a sided leg part ("pain in
the right kneecap only", "Where: left heel and ankle only"), and the other leg said to be well in
a run of normal states ("the left foot is a normal colour and warm", "my left thigh is perfectly
happy", "the good leg is comfortable and normal size", "left leg ok").

Why: one_leg_only asks "Is the pain always in the same one leg?", and docs/labelling.md labels it
`present` when the text says the pain is in one leg alone ("only my left leg", "the other leg is
fine"). The phrase data held "only" before a side and "the other leg is fine" with a fixed word
for "fine"; first-contact readings of nine writers (own_heldout10..23) missed
"left calf only", "only her right shin", "The other leg is warm and normal", "His other foot is
pink and warm", "left leg fine" after a list of denials. Here the side, the part and the run of
well-words are word sets, so a new part or a new word for "well" reads without a new phrase.

Not read: a past or hoped state ("the left leg was fine until yesterday": no "was"), a question
or a condition ("check if the left leg is warm"), a denial ("isn't normal"), a well state that
a time limits ("the right leg is fine in the day"), a text that says both legs, a named side
that is the only side the text names (nothing to contrast), and another person's leg ("my
wife's pain is in the left knee only").

Source and review: hR27 (issue 12 round 27), from the finding's question (knowledge/findings/
pattern.yaml) and docs/labelling.md; a reading rule only, no clinical fact.
"""

from __future__ import annotations

import re

from legwise.intake.clauses import clause_start
from legwise.intake.fast_re import any_in
from legwise.intake.relatives import RELATIVES
from legwise.intake.result import Extracted

FINDING = "one_leg_only"
COLD = "leg_pale_or_cold"  # a cold leg makes a warm, pink other side a contrast
# every ONLY and WELL match holds one of these words (tests/intake/test_round27_recall.py,
# test_one_leg_gate_hides_no_match, proves it)
GATE = ("only", "other", "good", "left", "right")
_PART = (
    r"(?:leg|calf|shin|shinbone|shin\s+bone|knee|kneecap|ankle|foot|heel|thigh|hamstring|quad"
    r"|buttock|bum\s+cheek|hip|toes?|sole|side|one)"
)
# a sided part with "only" after it: "right kneecap only", "left heel and ankle only"
ONLY = re.compile(
    rf"\b(?:left|right)\s+(?:(?:lower|upper|inner|outer|big)\s+)?{_PART}"
    rf"(?:\s*(?:and|&|,|/)\s*(?:the\s+)?{_PART})?\s+only\b",
    re.I,
)
# the other leg as a subject, a verb of being (or none, in notes), and a run of well-words
_WELL = (  # the longer words first: "normal size" before "normal"
    r"(?:a\s+normal\s+(?:colour|color|size)|normal\s+(?:colour|color|size)|no\s+problem"
    r"|no\s+bother|not\s+sore|not\s+swollen|pain[\s-]?free|painless|all\s+right|fine|normal|ok"
    r"|okay|alright|warm|pink|comfortable|comfy|happy|healthy|good|grand|unaffected|untouched)"
)
_ADV = r"(?:(?:completely|totally|perfectly|absolutely|quite|just|fully|still|nice\s+and)\s+)?"
# (the side needs a part after it, or "the", "my" before "left" or "right": "I left good tips")
WELL = re.compile(
    r"\b(?:(?:(?:the|my|his|her|their)\s+)?(?P<side>other|good|left|right)"
    rf"\s+(?:lower\s+)?{_PART}|(?:the|my|his|her|their)\s+(?P<bare>left|right))"
    r"(?:'s|\s+(?:is|are|feels|looks|seems|stays|remains|looks\s+and\s+feels|is\s+still))?"
    rf"\s+{_ADV}{_WELL}(?:\s*(?:,|and|&)\s*{_ADV}{_WELL})*\b",
    re.I,
)
# what may follow the well-words: the clause's end, or words that do not limit the state
AFTER_OK = re.compile(r"\s*(?:[.;,!?\n)]|$|but\b|so\b|though\b|thank)", re.I)
# "warm" and "pink" say the complaint leg is hot ("the right calf is warm and tender") unless a
# plain word for well stands with them, or the text reads a cold leg they contrast with
PLAIN = re.compile(
    r"\b(?:fine|normal|ok|okay|alright|all\s+right|comfortable|comfy|happy|healthy"
    r"|good|grand|unaffected|untouched|pain|painless|problem|bother|not)\b",
    re.I,
)
# an exam sign whose extent "only" gives, or a subject the side is only the place of
SIGN = re.compile(r"\b(?:pitting|pits|o?edema|oedema|swelling|swollen|measures?)\b", re.I)
PLACE = re.compile(r"\b(?:in|of|on|over|to|at|with|for|from)\s+$", re.I)
ASKED = re.compile(r"\b(?:if|whether|check|should|could|would|might|hope|unless)\b", re.I)
BOTH = re.compile(
    r"\bboth\s+(?:of\s+)?(?:my|his|her|the)?\s*(?:legs|calves|feet|shins|thighs|knees|ankles)\b",
    re.I,
)
OTHER_SIDE = {"left": re.compile(r"\bright\b", re.I), "right": re.compile(r"\bleft\b", re.I)}
KIN_OWNER = re.compile(r"\b(?:" + "|".join(sorted(RELATIVES)) + r")'s\b", re.I)


def one_leg_said(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with one_leg_only `present` added when a sided part has "only" after it or the
    other leg is said to be well (see the module), and nothing else read the finding."""
    lower = text.lower()
    if text.isascii() and not any_in(lower, GATE):
        return items
    if any(i.finding == FINDING for i in items):
        return items
    if BOTH.search(text):
        return items
    for m in ONLY.finditer(text):
        start = clause_start(text, m.start())
        if SIGN.search(text, start, m.start()):
            continue  # "pitting oedema of the left leg only": a sign's extent, not the pain's
        if not (KIN_OWNER.search(text, start, m.start()) or ASKED.search(text, start, m.start())):
            return _with(items, m, "a sided leg part said to be the only one")
    for m in WELL.finditer(text):
        if not AFTER_OK.match(text, m.end()):
            continue  # "fine in the day", "fine until ...": a limited state
        start = clause_start(text, m.start(), ".;!?\n,")
        if ASKED.search(text, start, m.start()) or KIN_OWNER.search(text, start, m.start()):
            continue
        if PLACE.search(text, max(0, m.start() - 6), m.start()):
            continue  # "pulses in the left leg are normal": the pulses are the subject
        if not (
            PLAIN.search(m.group(0))
            or any(i.finding == COLD and i.value == "present" for i in items)
        ):
            continue
        side = (m.group("side") or m.group("bare")).lower()
        if side in OTHER_SIDE and not _contrast(text, m, OTHER_SIDE[side]):
            continue
        return _with(items, m, "the other leg said to be well")
    return items


def _contrast(text: str, m: re.Match[str], other: re.Pattern[str]) -> bool:
    """True when the text names the opposite side outside the match (the complaint's side)."""
    return bool(other.search(text, 0, m.start()) or other.search(text, m.end()))


def _with(items: list[Extracted], m: re.Match[str], rule: str) -> list[Extracted]:
    found = Extracted(FINDING, "present", m.start(), m.end(), m.group(0), rule)
    return sorted([*items, found], key=lambda i: i.start)
