"""Two Wells signs said absent by sameness, not by a denial (hW20, issue 12 round 20).

Writers deny the calf difference and the whole-leg swelling by saying the two sides match or the
rest of the leg is normal: "Calves the same size", "calves equal", "calves within 1 cm", "Calves
both 35 cm", "Calves 2.5 cm apart" (a difference under Wells' 3 cm), "leg not swollen overall",
"not the whole leg", "Whole leg fine", "thigh the same size", "rest of leg normal size". Each is
read as the item absent, only where no reader gave the item present (a denial never outranks a
sign read elsewhere), and only in a note that weighs a clot (a lay "my calves are the same" is
no Wells item). A reading rule only (Wells 2003: calf swelling of 3 cm or more; the entire leg
swollen).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.fast_re import any_in
from legwise.intake.result import Extracted

CALF_ITEM = "calf_difference_3cm"
WHOLE_ITEM = "whole_leg_swollen"
_CM = r"(?P<n>\d{1,2}(?:\.\d+)?)\s*(?:cm|centimet\w*)"
CALVES_SAME = re.compile(
    r"\bcalves\s+(?:are\s+|were\s+|measure[sd]?\s+|look\s+|both\s+)?(?:equal|the\s+same(?:\s+size)?"
    r"|symmetric(?:al)?|identical|equal\s+in\s+size|within\s+(?:\d(?:\.\d+)?|one|two)\s*(?:cm|centimet\w*)"
    rf"|both\s+\d{{2}}(?:\.\d+)?\s*cm|{_CM}\s+apart)\b",
    re.I,
)
WHOLE_NOT = re.compile(
    r"\b(?:leg|limb)\s+(?:is\s+|was\s+)?(?:not|isn't|wasn't|is\s+not|was\s+not)\s+swollen\s+"
    r"(?:overall|all\s+over|throughout|as\s+a\s+whole)\b"
    r"|\bnot\s+(?:the\s+)?(?:whole|entire)\s+(?:leg|limb)\b"
    r"|\b(?:whole|entire)\s+(?:leg|limb)\s+(?:is\s+|looks\s+)?(?:fine|normal|ok|okay|spared)\b"
    r"|\bthigh\s+(?:is\s+|was\s+)?(?:the\s+)?same\s+size\b"
    r"|\brest\s+of\s+(?:the\s+)?(?:leg|limb)\s+(?:is\s+|looks\s+)?(?:normal|fine|not\s+swollen)\b",
    re.I,
)
CLOT_WORDS = ("wells", "dvt", "clot", "thromb", "vte", "duplex", "dimer", "doppler")
WORDS = ("calves", "whole", "entire", "overall", "all over", "throughout", "thigh", "rest of")


def read_same(text: str, items: list[Extracted]) -> Iterator[Extracted]:
    """calf_difference_3cm and whole_leg_swollen absent from sameness, where no reader gave
    them present."""
    lower = text.lower()
    if not any_in(lower, WORDS) or not any_in(lower, CLOT_WORDS):
        return  # only in a note that weighs a clot
    present = {i.finding for i in items if i.value == "present"}
    said = {i.finding for i in items}
    if CALF_ITEM not in said:
        for m in CALVES_SAME.finditer(text):
            apart = float(m.group("n")) if m.group("n") else 0.0
            state = "present" if apart >= 3 else "absent"
            why = f"Wells: the calves the same or close ({state})"
            yield Extracted(CALF_ITEM, state, m.start(), m.end(), m.group(0), why)
    if WHOLE_ITEM not in present:
        for m in WHOLE_NOT.finditer(text):
            yield Extracted(WHOLE_ITEM, "absent", m.start(), m.end(), m.group(0),
                            "Wells: the leg not swollen as a whole")  # fmt: skip
