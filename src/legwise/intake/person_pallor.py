"""Pallor said of a child as a whole, not of the leg ("deep bone pain at night and pallor",
"Examination: pallor, petechiae and bruising", "a pale, tired 5-year-old").

Why: the bare word "pallor" or "pale" is one of leg_pale_or_cold's phrases (a starved limb:
"pale, pulseless, cold foot"), but in a text about a child with no limb named beside it the
word describes the child: the skin, the face, the look of someone anaemic, which is what
pallor_or_easy_bruising asks ("Is your child unusually pale ...?"). A leg that is cold, blue or
pulseless is a limb's colour, so a pallor with a leg site, a cold or a pulse word near it (four
words either side, in its sentence) stays the limb's. Adults keep the reading as it was (a bare
"pallor" in an adult's stem is the classic listing of a starved limb's signs). A child is known
by a read age under 18: with no age read, the engine cannot apply the children's rules the
pallor would feed, so the limb's reading (a red flag) stays (lead, at the merge).

Source and review: hT16b (issue 12 round 16), from the two findings' questions in
knowledge/findings (red_flags.yaml leg_pale_or_cold, pattern.yaml pallor_or_easy_bruising).
Reading rule only: the finding the word belongs to, by whose pallor it is.

The same question, whose state a word tells, for a sleeper's words said of a limb (hT20, round
20): "won't wake up" or "hard to wake" is one of confusion_or_very_unwell's phrases (a person
who cannot be roused), but "his left leg went to sleep in the night and won't wake up" says the
LEG will not wake: a numb limb (numbness_or_tingling), not a drowsy person. When a limb word
stands before the phrase in its sentence with no person named between them, the phrase is the
limb's (own_heldout19 h19s_02, a street-outreach note of a white, cold, pulseless leg).
"""

from __future__ import annotations

import re

from legwise.intake.clauses import sentence_at, sentence_spans
from legwise.intake.people import ADULT_AGE
from legwise.intake.result import Extracted

REACH = 4  # words either side: "pale, pulseless, cold foot", "pallor of the right leg"
BARE = re.compile(r"^(?:pallor|pale|paleness|pallid)$", re.I)
LIMB = re.compile(
    r"\b(?:legs?|limbs?|foot|feet|toes?|calf|calves|shins?|thighs?|ankles?|soles?|forefoot|"
    r"digits?|cold\w*|cool\w*|pulse\w*|pulseless\w*|perish\w*|mottl\w*|ischa?em\w*|blue\w*|"
    r"dusky|capillary|refill|elevation|raising|raised|rubor)\b",
    re.I,
)


def _child(items: list[Extracted]) -> bool:
    ages = [
        float(i.value) for i in items if i.finding == "age" and isinstance(i.value, int | float)
    ]
    # a child by age only: with no age read the engine cannot apply the children's rules that
    # the pallor would then feed, so the limb's reading (a red flag) is kept (lead, round 16)
    return bool(ages) and ages[0] < ADULT_AGE


def _near(text: str, item: Extracted) -> str:
    """The words of the pallor's sentence up to `REACH` words either side of it."""
    k = sentence_at(text, item.start)
    if k < 0:
        return ""
    start, end = sentence_spans(text)[k]
    before = text[start : item.start].split()[-REACH:]
    after = text[item.end : end].split()[:REACH]
    return " ".join([*before, item.text, *after])


def person_pallor(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a child's bare pallor read as the child's (pallor_or_easy_bruising) rather
    than the leg's (leg_pale_or_cold); see the module."""
    bare = [
        i
        for i in items
        if i.finding == "leg_pale_or_cold"
        and i.value == "present"
        and BARE.match(i.text.strip())
        and not LIMB.search(_near(text, i))
    ]
    if not bare or not _child(items):
        return items
    out = [i for i in items if i not in bare]
    if not any(i.finding == "pallor_or_easy_bruising" for i in out):
        first = bare[0]
        rule = f"a child's pallor with no limb named: {first.rule}"
        out.append(
            Extracted(
                "pallor_or_easy_bruising", "present", first.start, first.end, first.text, rule
            )
        )
    return out


ASLEEP = re.compile(r"\b(?:wake|waken|rouse|arouse|sleep|asleep)\b", re.I)
LIMB_NOUN = re.compile(
    r"\b(?:legs?|limbs?|foot|feet|toes?|calf|calves|thighs?|arms?|hands?)\b", re.I
)
PERSON = re.compile(
    r"\b(?:he|she|they|him|her|them|i|patient|man|woman|child|boy|girl|baby|toddler|son"
    r"|daughter|husband|wife|mum|dad|mother|father)\b",
    re.I,
)
LIMB_REACH = 80  # characters back in the sentence: "his left leg went to sleep in the night and"


def limb_asleep(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a sleeper's word said of a limb ("leg ... won't wake up") read as the limb's
    numbness rather than the person's confusion; see the module."""
    limb: list[Extracted] = []
    for i in items:
        if i.finding != "confusion_or_very_unwell" or i.value != "present":
            continue
        if not ASLEEP.search(i.text):
            continue
        k = sentence_at(text, i.start)
        start = sentence_spans(text)[k][0] if k >= 0 else 0
        before = text[max(start, i.start - LIMB_REACH) : i.start]
        nouns = list(LIMB_NOUN.finditer(before))
        if nouns and not PERSON.search(before, nouns[-1].end()):
            limb.append(i)
    if not limb:
        return items
    out = [i for i in items if i not in limb]
    if not any(i.finding == "numbness_or_tingling" for i in out):
        first = limb[0]
        rule = f"a limb that will not wake: {first.rule}"
        out.append(
            Extracted("numbness_or_tingling", "present", first.start, first.end, first.text, rule)
        )
    return out
