"""The calf item from two side-labelled measurements with no unit (hW17, issue 12 round 17).

Why: `wells_values.read_calf` reads the calf difference from numbers in centimetres; notes also
give the two circumferences with their sides and no unit ("Calf girth R 42 L 38", "10 cm below
tibial tuberosity: right 42, left 38", "Calves: L 35, R 35"). A sentence that names the calf
(or where it is measured: girth, circumference, below the tibial tuberosity) and gives exactly
one value for each side, both in the range of a calf's circumference, gives the difference
(Wells 2003: calf swelling at least 3 cm larger than the other side). A reading rule only.
"""

from __future__ import annotations

import re

from legwise.intake.number_rules import number_rules
from legwise.intake.result import Extracted

MEASURED = re.compile(
    r"\b(?:calf|calves|mid-?calf|girth|circ(?:umference)?s?|tibial\s+tuberosity|tt)\b", re.I
)
_SIDES = r"l|r|lt|rt|left|right|lle|rle"
_NUM = r"\d{2}(?:\.\d+)?"
# "R 42", "left: 38", "42 (L)", "39.5 L" (a unit after the number is another reader's)
SIDE_VALUE = re.compile(
    rf"\b(?P<side>{_SIDES})\.?\s*[:=-]?\s*(?P<n>{_NUM})\b(?!\s*(?:cm|mm|%|/|years?|yrs?|y\b|kg|\.\d))"
    rf"|\b(?P<n2>{_NUM})\s*(?:\(\s*(?P<side2>{_SIDES})\s*\)|(?P<side3>{_SIDES})\b)(?!\s*(?:cm|mm))",
    re.I,
)
SENTENCE = re.compile(r"(?:[^;!?\n.]|\.(?=\d))+")
WHERE = re.compile(r"\d+\s*cm\s+(?:below|above|distal|under|from)\b", re.I)
CALF_RANGE = (15.0, 80.0)  # calf circumferences in cm


def read_side_values(text: str) -> list[tuple[Extracted, int, int]]:
    """calf_difference_3cm for each sentence with one unit-less value for each side."""
    finding, limit = number_rules().calf
    out: list[tuple[Extracted, int, int]] = []
    for s in SENTENCE.finditer(text):
        said = WHERE.sub(" ", s.group(0))  # "10 cm below the tibial tuberosity": where, not a value
        if "cm" in said.lower() or not MEASURED.search(said):
            continue  # with a unit: `read_calf` reads it
        sides: dict[str, list[float]] = {"l": [], "r": []}
        for m in SIDE_VALUE.finditer(said):
            side = (m.group("side") or m.group("side2") or m.group("side3")).lower()
            value = float(m.group("n") or m.group("n2"))
            sides[side[0]].append(value)
        left, right = sides["l"], sides["r"]
        if len(left) != 1 or len(right) != 1:
            continue
        if not all(CALF_RANGE[0] <= v <= CALF_RANGE[1] for v in (left[0], right[0])):
            continue
        cm = abs(left[0] - right[0])
        state = "present" if cm >= limit else "absent"
        a, b = s.span()
        why = f"Wells: calf difference {cm:g} cm from the two sides (>= {limit:g}: {state})"
        out.append((Extracted(finding, state, a, b, text[a:b], why), a, b))
    return out
