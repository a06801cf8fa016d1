"""Swelling said of both legs is no swelling of one leg: a sentence-level side check.

One leg swollen and pitting oedema of the symptomatic leg count only when one side differs from
the other (the Wells items and the DVT question ask exactly that). ConText's "both sides" cue
reaches a few words, so a clinical sentence that lists the sign apart from its side ("Both lower
legs swollen to mid-shin, pits on pressure, equal on the two sides"; "oedema to the ankles
bilaterally") still read the sign as present, and a child's or a venous-insufficiency stem went
to the DVT emergency level. Here a present reading of a one-side-only sign (context_rules.json:
one_side_only) becomes absent when its sentence says both sides and names no side that differs
(left, right, one leg, "L>R", "more than", "asymmetric"). A bare "symmetrical" in a sentence
about swelling qualifies the swelling, not the feet (a stocking pattern of nerve symptoms), so
it gives no `symmetric_both_feet` there.

Measured readings (a calf difference in cm), Wells checklist answers and numbers are left
alone: they state a difference between the legs by construction.
"""

from __future__ import annotations

import re

from legwise.intake.context_lists import one_side_only
from legwise.intake.fast_re import any_in
from legwise.intake.result import Extracted

# "both legs", "bilateral": said of the words of its own list item ("both legs ache, calf
# swollen" names one swollen calf after the aching legs)
BOTH = re.compile(
    r"\b(?:both|either)\s+(?:lower\s+)?(?:legs?|limbs?|ankles?|calves|feet|shins|sides|gaiter)"
    r"|\bbilateral(?:ly)?\b|\bbilat\b|\bb/l\b|\bsymmetric(?:al|ally)?\b",
    re.I,
)
# "equal on the two sides", "symmetrical": a comparison of the sides, said of the sentence
EQUAL = re.compile(
    r"\b(?:equal|the\s+same|alike)\s+(?:on|in|at)\s+(?:both|the\s+two|each|either)\s+(?:sides?|legs?)"
    r"|\bon\s+both\s+sides\b|\bsymmetric(?:al|ally)?\b",
    re.I,
)
ITEM_END = re.compile(r",|\band\b|\bwith\b", re.I)
# a sentence that names a side, or says one side differs, may describe one swollen leg
ONE_SIDE = re.compile(
    r"\b(?:left|right|lt|rt|l|r|one|unilateral(?:ly)?|asymmetric(?:al|ally)?|only|more|greater"
    r"|bigger|larger|than|affected|symptomatic|other)\b|[<>]",
    re.I,
)
SENTENCE = re.compile(r"[^.;!?\n]+(?:[.;!?\n]|$)")
SWELLING = re.compile(r"o?edema|swell|swollen|pitting|\bpits\b|varicos", re.I)
NERVES = re.compile(r"numb|tingl|burn|pins|sensation|neuropath|paraesth|paresth|feeling", re.I)
SYMMETRIC = frozenset({"symmetrical", "symmetric", "symmetrically"})
READ = ("phrase ", "absent phrase ")  # phrase and composed readings, not numbers or Wells answers


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in SENTENCE.finditer(text)]


def _item(text: str, a: int, b: int, item: Extracted) -> str:
    """The list item of the sentence text[a:b] that holds the reading: from the comma (or
    "and", "with") before it to the one after it."""
    starts = [m.end() for m in ITEM_END.finditer(text, a, item.start)]
    after = ITEM_END.search(text, item.end, b)
    return text[starts[-1] if starts else a : after.start() if after else b]


def both_sides(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a one-side-only sign said of both legs made absent (see the module)."""
    lower = text.lower()  # the cheap check first: every BOTH pattern holds one of these
    if not any_in(lower, ("both", "either", "bilat", "b/l", "symmetr", "equal", "same")):
        return items
    sided = one_side_only()
    if not any(
        i.finding in sided or (i.finding == "symmetric_both_feet" and i.text.lower() in SYMMETRIC)
        for i in items
    ):
        return items
    spans = _sentences(text)
    out: list[Extracted] = []
    for i in items:
        if i.value != "present" or not i.rule.startswith(READ):
            out.append(i)
            continue
        a, b = next(((s, e) for s, e in spans if s <= i.start < e), (i.start, i.end))
        sentence = text[a:b]
        if i.finding in sided:
            both = EQUAL.search(sentence) or BOTH.search(_item(text, a, b, i))
            if both is not None and ONE_SIDE.search(sentence) is None:
                why = f"{i.rule} + both sides (sentence: {both.group(0)!r})"
                out.append(Extracted(i.finding, "absent", i.start, i.end, i.text, why))
                continue
        elif (
            i.finding == "symmetric_both_feet"
            and i.text.lower() in SYMMETRIC
            and SWELLING.search(sentence)
            and not NERVES.search(sentence)
        ):
            continue  # "symmetrical pitting ankle oedema": the swelling is symmetrical
        out.append(i)
    return out
