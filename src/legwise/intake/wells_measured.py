"""The calf item's measured difference over a mark or answer given on the same line (hW22).

Why: a checklist line may hold both an answer and the measurement it rests on ("Calf >= 3 cm:
yes (2.5 cm)", "Calf >= 3 cm: tick crossed out, cross - re-measured 2.8 cm"). The table and
checklist readers take the mark and drop the other readings of their rows, so a slip of the pen
or a corrected mark decided the item. Wells 2003 defines the item by the measurement (calf at
least 3 cm larger than the other side; the threshold is data: knowledge/intake/numbers.yaml), so
where the line's own numbers give the difference, a length is measured after the answer (not
only the label's bound, "Calf swelling >= 3 cm ..... 0") and it disagrees with the mark, the
number decides (a line whose only length is the item's own bound, 3 cm, holds no
measurement). A reading rule only: no clinical fact is new.
"""

from __future__ import annotations

import re

from legwise.intake.number_rules import number_rules
from legwise.intake.result import Extracted
from legwise.intake.wells_values import CM, read_calf

ANSWER_RULES = ("Wells table answer", "Wells checklist answer")


def measured_calf(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a calf answer replaced by the difference measured on its own line when the
    two disagree."""
    answers = [
        k
        for k, i in enumerate(items)
        if i.finding == "calf_difference_3cm" and i.rule.startswith(ANSWER_RULES)
    ]
    if not answers or CM.search(text) is None:
        return items
    readings = [r for r, _, _ in read_calf(text)]
    limit = number_rules().calf[1]
    bound = re.compile(rf"(?<![\d.]){limit:g}\s*(?:cm|centimet)", re.I)
    # a reading that ends on the bound is the label's: "Calf swelling >=3 cm ..... No (1.5 cm)"
    label = re.compile(rf"(?<![\d.]){limit:g}\s*(?:cm|centimet\w*)\s*$", re.I)
    if not readings:
        return items
    out = list(items)
    for k in answers:
        i = items[k]
        start = text.rfind("\n", 0, i.start) + 1
        stop = text.find("\n", i.start)
        stop = len(text) if stop < 0 else stop
        units = len(CM.findall(text, start, stop))
        if CM.search(text, i.end, stop) is None or (units < 2 and bound.search(text, start, stop)):
            continue  # "Calf swelling >= 3 cm ..... 0", "[ ] Calf swelling 3 cm or more": the bound
        said = [
            r
            for r in readings
            if start <= r.start < stop and r.value != i.value and not label.search(r.text)
        ]
        if said and all(r.value == said[0].value for r in said):
            out[k] = said[0]
    return out


# (hW25, round 25) a size measured on another part of a limb: "Arm circumference differs by 4 cm
# after his fistula", "Thigh 4 cm bigger on the R, calves equal". The number readers and the
# phrases ("4 cm bigger") give the calf item; Wells 2003 measures the calf (10 cm below the
# tibial tuberosity), so a clause that names only another part is not the calf's difference
OTHER_PART = re.compile(r"\b(?:thighs?|arms?|forearms?|ankles?|wrists?|mid-?thigh)\b", re.I)
CALF_WORD = re.compile(r"\b(?:calf|calves|mid-?calf|gastrocnemius|tibial\s+tuberosity)\b", re.I)
CLAUSE_END = re.compile(r"[,;\n]|\.(?!\d)")


# (hW25) the same for the plaster of Wells' "recent plaster immobilisation of the lower
# extremities": a clause that puts an arm in plaster ("R wrist fracture in a plaster since last
# week", "her arm is in plaster") or a plaster still to come ("she will be in plaster after her
# bunion operation next month") gives no leg in plaster; paralysis words are not touched
PLASTER = re.compile(r"\b(?:plaster|cast|pop|backslab|back-slab)\b", re.I)
ARM_PART = re.compile(
    r"\b(?:arms?|forearms?|wrists?|hands?|elbows?|fingers?|thumbs?|shoulders?|humerus|radius"
    r"|ulna|scaphoid|colles)\b",
    re.I,
)
LEG_PART = re.compile(
    r"\b(?:legs?|knees?|ankles?|foot|feet|calf|calves|shin|tibia\w*|fibula\w*|femur|achilles"
    r"|below-?knee|above-?knee|toes?|heel|hip)\b",
    re.I,
)
TO_COME = re.compile(r"\b(?:will|going\s+to|due\s+to|planned|plan|to\s+be|would)\b", re.I)


def _clause(text: str, i: Extracted) -> tuple[int, int]:
    """The bounds of the clause (commas, semicolons, lines, full stops) around an item."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, i.start)), default=0)
    after = CLAUSE_END.search(text, i.end)
    return start, after.start() if after else len(text)


def other_part(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a calf difference read from a clause that measures only another part,
    nor a leg plaster read from a clause whose plaster is an arm's or still to come."""
    out: list[Extracted] = []
    for i in items:
        if i.finding == "calf_difference_3cm" and i.value == "present":
            start, end = _clause(text, i)
            if OTHER_PART.search(text, start, i.end) and not CALF_WORD.search(text, start, end):
                continue
        if i.finding == "leg_cast_or_paralysis" and i.value == "present" and PLASTER.search(i.text):
            start, end = _clause(text, i)
            arm = ARM_PART.search(text, start, end) and not LEG_PART.search(text, start, end)
            if arm or TO_COME.search(text, start, i.start):
                continue
        out.append(i)
    return out
