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
