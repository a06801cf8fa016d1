"""A medicine's stated reason is the condition; the medicine's class is not (round 16, hL16b).

Some conditions are asked as "a doctor told you so, or you take a medicine for it" (high
cholesterol, high blood pressure), so their phrase lists hold the medicines' names ("statin",
"amlodipine") and a medicine alone reads as the condition. When the text says what the medicine
is for, and that reason is read as another finding ("a statin for her heart failure",
"bisoprolol for his heart failure", "amlodipine for my angina"), the medicine was not taken for
the class's usual condition, so the condition read from the medicine's name is dropped. The
other readings of the medicine's words (the medicine-use finding) and the reason's own finding
stay. A reason that is the same finding ("statins for cholesterol") or that is not read at all
("ramipril for his kidneys") leaves the reading as it was.

Which findings this applies to is data: the findings whose help text counts a medicine taken
for them (`MEDICINE_COUNTS`), so no medicine or condition is named here.

The other way round (hT22, issue 12 round 22): a sign given as a medicine's reason is the
standing condition the medicine treats ("on furosemide 40 mg for ankle swelling", "bumetanide
for his leg oedema"), not a new sign; an exam stem that says "no swelling" and then lists the
water tablet was read as a swollen leg and sent to emergency care. Which medicines and signs
is data (context_rules.json: treated_signs).
"""

from __future__ import annotations

import functools
import re

from legwise.intake.context_lists import treated_signs
from legwise.intake.result import Extracted
from legwise.kb.loader import Knowledge

# the help text that makes a medicine count as the condition
MEDICINE_COUNTS = re.compile(r"\bmedicine for it\b", re.IGNORECASE)
# between the medicine and its reason: a few words with no clause break, then "for" and an
# optional determiner ("a statin for her heart failure", "bisoprolol 2.5 mg for his ...")
GAP = re.compile(
    r"^[^.,;:!?\n]{0,24}?\bfor\s+(?:(?:my|his|her|their|your|the|a|an)\s+)?$", re.IGNORECASE
)
# between a water tablet and the sign it treats: as GAP, with a few words of the place after
# "for" that the sign's phrase may leave out ("bumetanide 1 mg for leg oedema")
TREATS_GAP = re.compile(r"^[^.,;:!?\n]{0,24}?\bfor\b[^.,;:!?\n]{0,20}$", re.IGNORECASE)
# a reason item whose own words begin with "for" ("for my heart")
GAP_IN_REASON = re.compile(r"^[^.,;:!?\n]{0,24}$")
REASON_STARTS_FOR = re.compile(r"^for\b", re.IGNORECASE)
# the words of a medicine name: one token, no space ("statin", "amlodipine")
ONE_WORD = re.compile(r"^[A-Za-z-]+$")


@functools.cache
def _medicine_findings(kb: Knowledge) -> frozenset[str]:
    """The findings whose help says a medicine for the condition counts, found once per
    knowledge base (not by a search of a help text for every reading of every text)."""
    return frozenset(
        f
        for f, spec in kb.findings.items()
        if isinstance(help_text := getattr(spec, "help", None), str)
        and MEDICINE_COUNTS.search(help_text)
    )


def _counts_medicine(kb: Knowledge, finding: str) -> bool:
    return finding in _medicine_findings(kb)


def _reason_after(text: str, item: Extracted, items: list[Extracted]) -> Extracted | None:
    """The present reading that the text gives as the reason for `item`'s medicine."""
    for other in items:
        if other.finding == item.finding or other.value != "present":
            continue
        if other.start < item.end:
            continue
        gap = text[item.end : other.start]
        if GAP.match(gap):
            return other
        if REASON_STARTS_FOR.match(other.text) and GAP_IN_REASON.match(gap):
            return other
    return None


def _treats(text: str, item: Extracted, items: list[Extracted]) -> bool:
    """Whether `item` is a sign given as the reason of a medicine read just before it."""
    medicines, signs = treated_signs()
    if item.finding not in signs or item.value != "present":
        return False
    return any(
        m.finding in medicines
        and m.value == "present"
        and m.end <= item.start
        and TREATS_GAP.match(text[m.end : item.start])
        for m in items
    )


def drop_class_condition(text: str, items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """Items without a condition read from a medicine's name when the text gives the medicine
    another reason that is read as a different finding, and without a sign given as the
    reason of a medicine that treats it."""
    signs, counted = treated_signs()[1], _medicine_findings(kb)
    # only a present reading of a treated sign or of a condition a medicine counts for is ever
    # dropped: without one (most texts), nothing below changes an item
    if not any(
        i.value == "present" and (i.finding in signs or i.finding in counted) for i in items
    ):
        return items
    out = []
    for i in items:
        if _treats(text, i, items):
            continue
        if (
            i.value == "present"
            and ONE_WORD.match(i.text or "")
            and _counts_medicine(kb, i.finding)
            and _reason_after(text, i, items) is not None
        ):
            continue
        out.append(i)
    return out
