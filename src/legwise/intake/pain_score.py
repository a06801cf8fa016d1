"""The pain score a text gives: "7/10", "8 out of ten", and said with a scale word and no "/10"
("the pain is like a 9", "it hurts about an 8").

Moved out of `legwise.intake.numbers` (hN23, issue 12 round 23), with the cheap check that lets
a text with no pain word skip the scale-word pattern.
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import _item, _number
from legwise.intake.result import Extracted

PAIN = folded(
    r"(?<![\d/.])(\d{1,2}(?:\.\d)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s*(?:/|out\s+of)\s*(?:10|ten)\b(?![/\d])(?!\s*(?:sites|points|areas|spots|places))",
    re.I,
)

# hL16 (round 16): a score said with a scale word and no "/10" ("the pain is like a 9", "it hurts
# about an 8", "pain's a solid 7"); not a count or a measure ("like a 2 minute walk")
PAIN_SAID = folded(
    r"\b(?:pain|pains|hurts?|hurting|ache|aching|sore|soreness|agony)(?:'s)?"
    r"(?:\s+(?:in|on|at|of)\s+(?:my|his|her|the)\s+[a-z]+)?"
    r"(?:\s+(?:is|was|are|feels|felt|level|score|at|now|tonight|today))*\s+"
    r"(?:(?:like|about|around|maybe|probably|easily|definitely|at\s+least|honestly|literally)"
    r"\s+(?:a\s+|an\s+)?|an?\s+)(?:solid\s+|good\s+|strong\s+)?(\d{1,2}|zero|one|two|three"
    r"|four|five|six|seven|eight"
    r"|nine|ten)\b(?!\s*(?:[/%.,]\d|out\b|min|hour|hr|day|week|month|year|yr|mile|km|met|yard"
    r"|step|inch|cm|mm|kg|stone|lb|pound|time|x\b|-|or\s+\d))",
    re.I,
)

# hN23 (round 23): every match of PAIN_SAID holds one of these (pains, hurting, aching, soreness
# hold them too); lower-cased, an ASCII text that holds none cannot match ("sore": a long s
# outside ASCII folds to "s", so such a text is left to the pattern)
PAIN_WORDS = ("pain", "hurt", "ach", "sore", "agony")


# hS24 (round 24): an "N/10" that a named scale other than pain owns ("AMT 6/10", "mobility
# score 6/10", "AMT 6/10 today; normally 10/10"), with no pain word between the name and the
# score, in the same sentence, is that scale's score (legwise.intake.mental_test reads a low
# mental test score as confusion); OTHER_GATE: a word every name in an ASCII text holds
OTHER_SCALE = folded(
    r"\b(?:amts?|(?:abbreviated\s+)?mental\s+test|4-?at|mmse|moca|mobility|news2?|wells"
    r"|fatigue|mood|anxiety|nausea|itch(?:ing|iness)?|sleep\s+quality)\b",
    re.I,
)
OTHER_GATE = ("amt", "mental", "4at", "4-at", "mmse", "moca", "mobility", "news", "wells",
              "fatigue", "mood", "anxiety", "nausea", "itch", "quality")  # fmt: skip
SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
OTHER_REACH = 80  # characters back from the score a scale name is looked for


def _other_scale(text: str, start: int) -> bool:
    """Whether the score at text[start] belongs to a named scale other than pain (OTHER_SCALE)."""
    begin = max(0, start - OTHER_REACH)
    ends = [m.end() for m in SENTENCE_END.finditer(text, begin, start)]
    seg = text[ends[-1] if ends else begin : start]
    names = list(OTHER_SCALE.finditer(seg))
    return bool(names) and not any_in(seg[names[-1].end() :].lower(), PAIN_WORDS)


def _pain_word(text: str, lower: str) -> bool:
    """Whether PAIN_SAID may match: a text outside ASCII, or one that holds a pain word."""
    return not text.isascii() or any_in(lower, PAIN_WORDS)


def pain_scores(text: str, lower: str, finding: str) -> list[Extracted]:
    """The pain scores in `text` (`lower`: `text.lower()`) as readings of `finding`."""
    found = []
    said = ("10" in text or "ten" in lower) and ("/" in text or "out of" in lower)
    other = said and (not text.isascii() or any_in(lower, OTHER_GATE))
    for m in PAIN.finditer(text) if said else ():
        if other and _other_scale(text, m.start()):
            continue
        found.append(_item(finding, _number(m.group(1)), m, "pain score 'N/10'"))
    for m in PAIN_SAID.finditer(text) if _pain_word(text, lower) else ():
        found.append(_item(finding, _number(m.group(1)), m, "pain score 'like a N'"))
    return found
