"""The whole leg said as its two parts, the thigh and the calf, swollen together (hC26, round 26).

Why: rounds 19-24 added the pair "thigh and calf" one word order at a time ("calf and thigh
both swollen", "swollen thigh and calf", "oedema involving both the thigh and the calf"), and a
writer's next order was missed again ("L leg swollen through thigh and calf", "L thigh swollen
as well as the calf", "swelling in the thigh as well as the calf"). Here the pair is read in any
order or joining ("and", "as well as", "plus", "&", "together with") wherever a swelling word
shares its clause and the clause says nothing else of the parts: a pain, a tenderness, a colour,
a denial or a measure is another reading ("calf swollen and thigh tender", "thigh and calf
measured", "no swelling of thigh and calf"), and a clause that keeps the swelling to one part
("thigh normal", "only") is no whole leg. The swollen thigh with the calf is the whole leg
(Wells 2003: "entire leg swollen"); a reading rule only, no clinical fact is new.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.clauses import clause_start
from legwise.intake.result import Extracted

ITEM = "whole_leg_swollen"
_LOWER = r"(?:calf|calves|shin|lower\s+leg|below[\s-]knee)"
_JOIN = (
    r"\s+(?:(?:and|as\s+well\s+as|plus|together\s+with|along\s+with|&)\s+)"
    r"(?:(?:the|his|her)\s+)?"
)
# the two parts joined, in either order, with a few words between ("thigh swollen as well as
# the calf", "thigh and calf")
PAIR = re.compile(
    rf"\bthighs?\b(?:\s+\w+){{0,3}}?{_JOIN}{_LOWER}\b|\b{_LOWER}\b(?:\s+\w+){{0,3}}?{_JOIN}thighs?\b",
    re.I,
)
# (hC27, round 27) the second part said to share the first's swelling across a comma: "the calf
# swollen, and so is the thigh", "thigh is puffy and the calf is too" (the same two parts swollen)
_SWELL = r"(?:swollen|swelled|puffy|o?edematous|oedematous|enlarged)"
_ECHO = (
    r",?\s+and\s+(?:so\s+(?:is|are|was|were)\s+(?:the\s+|his\s+|her\s+)?{0}"
    r"|(?:the\s+|his\s+|her\s+)?{0}\s+(?:is|are|was|were)\s+(?:too|as\s+well))\b"
)
ECHO = re.compile(
    rf"\b{_LOWER}\b(?:\s+\w+){{0,2}}?\s+{_SWELL}{_ECHO.format('thighs?')}"
    rf"|\bthighs?\b(?:\s+\w+){{0,2}}?\s+{_SWELL}{_ECHO.format(_LOWER)}",
    re.I,
)
SWOLLEN = re.compile(r"\b(?:swell\w*|swollen|o?edema\w*|oedematous|edematous|puffy)\b", re.I)
# anything else said of the parts in the clause makes it another reading
OTHER = re.compile(
    r"\b(?:no|not|nor|neither|nil|without|only|normal|spared|soft|tender\w*|pain\w*|sore|ache\w*"
    r"|red\w*|warm|hot|bruis\w*|measur\w*|circumference|cm|mm|girth|cramp\w*|weak\w*|numb\w*)\b"
    r"|n't\b",
    re.I,
)
STOPS = ".;,:\n|("
WHY = "Wells: the thigh and the calf swollen together (the whole leg)"


def read_thigh_and_calf(text: str, lower: str) -> Iterator[Extracted]:
    """whole_leg_swollen present for the thigh and the calf swollen together in one clause."""
    if "thigh" not in lower:
        return  # the cheap check
    for m in PAIR.finditer(text):
        start = clause_start(text, m.start(), STOPS)
        ends = [e for e in (text.find(c, m.end()) for c in STOPS) if e >= 0]
        clause = text[start : min(ends) if ends else len(text)]
        if SWOLLEN.search(clause) and not OTHER.search(clause):
            yield Extracted(ITEM, "present", m.start(), m.end(), m.group(0), WHY)
    for m in ECHO.finditer(text):
        start = clause_start(text, m.start(), STOPS)
        if not OTHER.search(text, start, m.end()):
            yield Extracted(ITEM, "present", m.start(), m.end(), m.group(0), WHY)
