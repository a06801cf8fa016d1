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
"""

from __future__ import annotations

import functools
import re

from legwise.intake.result import Extracted
from legwise.kb.loader import Knowledge

# the help text that makes a medicine count as the condition
MEDICINE_COUNTS = re.compile(r"\bmedicine for it\b", re.IGNORECASE)
# between the medicine and its reason: a few words with no clause break, then "for" and an
# optional determiner ("a statin for her heart failure", "bisoprolol 2.5 mg for his ...")
GAP = re.compile(
    r"^[^.,;:!?\n]{0,24}?\bfor\s+(?:(?:my|his|her|their|your|the|a|an)\s+)?$", re.IGNORECASE
)
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


def drop_class_condition(text: str, items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """Items without a condition read from a medicine's name when the text gives the medicine
    another reason that is read as a different finding."""
    out = []
    for i in items:
        if (
            i.value == "present"
            and ONE_WORD.match(i.text or "")
            and _counts_medicine(kb, i.finding)
            and _reason_after(text, i, items) is not None
        ):
            continue
        out.append(i)
    return out
