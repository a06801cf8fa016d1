"""Wells item "localised tenderness along the deep venous system" read from its sentence
(split from `legwise.intake.wells_values`, hW14 round 14: that module grew past 400 lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.clauses import clause_start
from legwise.intake.result import Extracted
from legwise.intake.wells_values import JOIN

# "Tender along L popliteal/femoral vein", "tenderness over the course of the deep veins", "tender
# on the vein behind the knee": Wells' "localised tenderness along the distribution of the deep
# venous system", read from the words tender + along/over/on + a vein named within a few words
# (not a superficial or varicose one), unless its clause denies it.
# (hW9, round 9: "TTP over L femoral vein", tenderness to palpation; "over the line of the deep
# veins", "Tender along the inner calf / deep veins": the same item, own_heldout8 h8w_03/14)
_TENDER = r"\b(?:tender(?:ness)?|ttp)"
_COURSE = r"(?:(?:course|line|length|distribution|path|track)\s+of\s+(?:the\s+)?)?"
# (hW14, round 14: a word of finding between, "Tenderness elicited along the course of the deep
# veins", "tender on palpation along the femoral vein")
_FOUND = r"(?:\s+(?:elicited|noted|found|present|demonstrated|(?:on|to)\s+palpation))?"
TENDER_VEIN = re.compile(
    rf"{_TENDER}{_FOUND}(?:\s*[:=]\s*|\s+)(?:is\s+)?(?:along|over|on|at|of|in|to)\s+(?:the\s+)?"
    rf"{_COURSE}"
    r"(?P<gap>(?:[\w/'-]+\s+){0,3}?)(?:veins?|venous\s+system)\b",
    re.I,
)
# (a tender cord along a vein is superficial thrombophlebitis, not the deep veins)
# a label with the place as its value: "Tenderness: along the popliteal fossa and medial calf over
# the deep veins", "tender along the back of the calf over the deep veins"
TENDER_DEEP = re.compile(
    rf"{_TENDER}\b\s*[:=-]?\s*(?:is\s+)?(?:along|over|on|at|in|behind|around)\b"
    rf"(?P<gap>[^.;,\n|]{{0,60}}?)(?:\b(?:along|over|of|on)\s+(?:the\s+)?{_COURSE}|\s/\s*)"
    r"deep\s+(?:veins?|venous\s+system)\b",
    re.I,
)
# a deep vein named without the word "vein": "tender L popliteal", "TTP over the R common femoral",
# "pressure pain along the V. femoralis", "pain on palpation over the femoral" (hW11, round 11;
# the item's help: press along the inner thigh and behind the knee; not an artery, pulse or nerve)
TENDER_NAMED = re.compile(
    rf"(?:{_TENDER}|\bpressure\s+pain|\bpain(?:ful)?\s+(?:on|to)\s+(?:palpation|pressure))\s*[:=]?"
    r"\s*(?:(?:along|over|on|at|in)\s+)?(?:the\s+)?(?P<gap>(?:(?:l|r|lt|rt|left|right)\s+)?)"
    r"(?:v\.?\s*(?:femoralis|poplitea)|(?:common\s+|superficial\s+)?femoral|popliteal"
    r"|posterior\s+tibial)\b(?!\s+(?:artery|arteries|pulses?|nerve|hernia|head|neck|fracture|(?:fossa\s+)?"
    r"(?:mass|swelling|cyst|lump)))",
    re.I,
)
# a label, a place, then the vein: "Tenderness: medial thigh, along the femoral vein"
TENDER_LABEL = re.compile(
    r"\btender(?:ness)?\s*[:=-]\s*(?P<gap>[^.;\n|:]{0,50}?)\b(?:along|over|of|on)\s+(?:the\s+)?"
    r"(?:course\s+of\s+(?:the\s+)?)?(?:deep|femoral|popliteal|tibial|peroneal|iliac)\s+"
    r"(?:veins?|venous\s+system)\b",
    re.I,
)
NOT_DEEP = re.compile(
    r"\b(?:superficial|varicos\w*|saphenous|spider|thread|cord\w*|hard|thrombosed|red|inflamed)\b|cord",
    re.I,
)
NOT_TENDER = re.compile(
    r"\b(?:no|not|non|without|nil|denies|absent|neither|nor|never)\b|n't\b", re.I
)
TENDER_ITEM = "deep_vein_tenderness"


# the veins as the subject: "the deep veins are not tender", "the deep vein is not painful"
# (hW14, round 14: with the place named and no verb, "Deep calf veins tender to palpation")
VEIN_TENDER = re.compile(
    r"\bdeep\s+(?:(?:calf|thigh|leg|femoral|popliteal)\s+)?(?:venous\s+system|veins?)\s+"
    r"(?:(?:is|are|was|were)\s+(?P<no>not\s+|non-?)?(?:tender|painful|sore)\b"
    # with no verb, only as a statement that ends there or goes on with where it was felt (not
    # a label or a column: "Deep vein tender .. not assessable", "DEEP_VEIN_TENDER, PITTING")
    r"|(?P<no2>non-?)?(?:tender|painful|sore)\b"
    r"(?=[ \t]*(?:\.(?!\.)|[;)\n]|$|(?:to|on)\s+palpation)))",
    re.I,
)


def read_vein_tenderness(text: str, items: list[Extracted]) -> Iterator[Extracted]:
    """deep_vein_tenderness present or absent for "tender along ... vein" that no reader read."""
    for m in VEIN_TENDER.finditer(text):
        state = "absent" if m.group("no") or m.group("no2") else "present"
        yield Extracted(TENDER_ITEM, state, m.start(), m.end(), m.group(0),
                        f"Wells: the deep veins tender or not ({state})")  # fmt: skip
    for m in [
        *TENDER_VEIN.finditer(text),
        *TENDER_DEEP.finditer(text),
        *TENDER_LABEL.finditer(text),
        *TENDER_NAMED.finditer(text),
    ]:
        if NOT_DEEP.search(m.group("gap")) or any(
            i.finding == TENDER_ITEM and i.start < m.end() and m.start() < i.end for i in items
        ):
            continue
        start = clause_start(text, m.start(), ".;,\n|")
        clause = JOIN.split(text[start : m.start()])[-1]
        said = clause + " " + m.group("gap")
        state = "absent" if NOT_TENDER.search(said) else "present"
        yield Extracted(TENDER_ITEM, state, m.start(), m.end(), m.group(0),
                        f"Wells: tenderness along a deep vein ({state})")  # fmt: skip
