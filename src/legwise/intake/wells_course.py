"""Bed rest and paresis said of an in-patient's course, not in the Wells words (hW20, round 20).

Ward, ICU and teaching notes say a patient is kept in bed by the state that keeps them there
("sedated and ventilated since admission", "has barely been out of bed since") and date it by
the stay ("ICU daily review, day 5", "admitted 5 days ago"); Wells 2003 counts bed rest of 3 days
or more. They say paresis of the legs as weakness beside its neurological cause ("admitted with
spinal cord compression; weak legs since"); Wells counts paralysis or paresis of the lower limbs.
Each reading needs both of its parts in the note, whatever the words for them; reading rules
only, no clinical fact is new.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import WORDS, number_rules
from legwise.intake.result import Extracted
from legwise.intake.wells_timing import _NUM, _TIME, NEXT_WORDS, OPERATION, _days

BED_ITEM = "recent_surgery_or_bedridden"
PARESIS_ITEM = "leg_cast_or_paralysis"
_PERSON = r"(?:his\s+|her\s+|their\s+|the\s+|my\s+)?"
# not getting out of bed, said any way: "has barely been out of bed", "hardly gets out of bed",
# "not got out of her bed", "hasn't left the bed", "unable to get out of bed"
_NOT_UP = (
    r"\b(?:barely|hardly|scarcely|rarely|seldom|not|never|unable\s+to|cannot|can't|hasn't|hadn't"
    r"|haven't|isn't|wasn't)\s+(?:yet\s+|really\s+|even\s+)?"
)
OUT_OF_BED = folded(
    rf"{_NOT_UP}(?:(?:been|got|gotten|get|gets|getting|gone|going|come|coming)\s+)?"
    rf"(?:out\s+of|up\s+from)\s+{_PERSON}bed\b(?![\s-]*(?:rest|side|sore|bound|ridden|pan|time))"
    rf"|{_NOT_UP}(?:left|leave|leaves|leaving)\s+{_PERSON}bed\b(?![\s-]*(?:rest|side|sore|bound))",
    re.I,
)
# the words that say it has lasted, read with no stay ("has barely been out of bed", "hardly
# leaves her bed"), unlike a moment's "unable to get out of bed"
LASTING = re.compile(
    r"(?:barely|hardly|scarcely|rarely|seldom|hasn't|hadn't|haven't)\b|not\s+(?:yet\s+|really\s+|even\s+)?been\b",
    re.I,
)
# a state that keeps a patient in bed, read only with the stay's length (not alone: "intubated in
# the ED an hour ago" is no bed rest of 3 days)
# (hW21) and the bed itself, tied to the stay the same way: "day 4 of admission, in bed since he
# came in", "bed-bound since arrival", "immobile throughout the admission" (the event "since"
# names need not be a time: the stay's day count dates it)
KEPT_IN_BED = folded(
    r"\b(?:sedated|intubated|ventilated|on\s+(?:a|the)\s+ventilator|comatose|unconscious"
    r"|not\s+(?:yet\s+)?mobili[sz](?:ed|ing)|(?<!pain\s)(?<!cramps\s)(?<!cramp\s)in\s+bed"
    r"|bed[\s-]*(?:bound|ridden|rest)|confined\s+to\s+(?:a\s+|the\s+)?bed|immobile"
    r"|immobili[sz]ed|chair[\s-]*bound)\b",
    re.I,
)
NOT_NOW = re.compile(r"\b(?:no\s+longer|not|never|nil|no|extubated|off)\s+(?:\w+\s+)?$", re.I)
# the state tied to the stay: "since admission", "since", "throughout", "all admission"
SINCE = re.compile(
    r"\b(?:since|throughout|ever\s+since|for\s+the\s+whole|all\s+(?:the\s+)?admission)\b", re.I
)
# the stay's length: "admitted 5 days ago", "day 6 on the ward", "ICU day 5", "ICU daily review,
# day 5" (a day count that is not the operation's or the illness's)
ADMITTED_AGO = re.compile(
    rf"\b(?:admitted|admission|came\s+in|arrived|transferred)\b[^.;\n\d]{{0,40}}?{_TIME}\s+ago\b",
    re.I,
)
STAY_DAY = re.compile(
    r"\b(?:day|d)\s*(?P<n>\d{1,2})\b(?!\s*(?:post|after|following|since|of\s+(?!(?:the\s+)?"
    r"(?:admission|stay|ward|icu|itu|hdu))|/|-))",
    re.I,
)
INPATIENT = ("icu", "itu", "hdu", "ward", "admission", "admitted", "inpatient", "in-patient")


def _stay_days(text: str, lower: str) -> float | None:
    """How many days the note says the patient has been in hospital, or None."""
    m = ADMITTED_AGO.search(text)
    if m is not None:
        return _days(m)
    if not any_in(lower, INPATIENT):
        return None
    days = [float(d.group("n")) for d in STAY_DAY.finditer(text)]
    return max(days) if days else None


SENTENCE = re.compile(r"[^.\n]+")


def read_bed_course(text: str, lower: str) -> Iterator[Extracted]:
    """recent_surgery_or_bedridden from a state that keeps the patient in bed: "barely out of
    bed" alone or with the stay's length; "sedated and ventilated since admission" with it."""
    if "bed" not in lower and not any_in(lower, ("sedat", "intubat", "ventilat", "mobil", "coma",
                                                 "unconscious")):  # fmt: skip
        return
    stay: float | None = None
    looked = False
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        states = [m for m in OUT_OF_BED.finditer(sentence)]
        kept = [
            m for m in KEPT_IN_BED.finditer(sentence) if not NOT_NOW.search(sentence[: m.start()])
        ]
        if not states and not kept:
            continue
        if not looked:
            stay, looked = _stay_days(text, lower), True
        # (hW21) or the stay's day count in the same sentence: "Ventilated day 7 on ICU"
        tied = SINCE.search(sentence) is not None or STAY_DAY.search(sentence) is not None
        for m in states:
            if tied and stay is not None:
                state = "present" if stay >= 3 else "absent"
                why = f"kept in bed {m.group(0)!r} since the stay began, {stay:g} days: {state}"
            elif LASTING.match(m.group(0)):
                state, why = "present", f"kept in bed {m.group(0)!r}"
            else:
                continue  # "found him unable to get out of bed": how long is not said
            yield _item(s.start(), m, BED_ITEM, state, why)
        for m in kept if tied else ():
            if stay is None:
                break
            state = "present" if stay >= 3 else "absent"
            why = f"kept in bed {m.group(0)!r} since the stay began, {stay:g} days: {state}"
            yield _item(s.start(), m, BED_ITEM, state, why)


def _item(offset: int, m: re.Match[str], finding: str, state: str, why: str) -> Extracted:
    a, b = offset + m.start(), offset + m.end()
    return Extracted(finding, state, a, b, m.group(0), f"Wells: {why}")


# leg weakness beside its neurological cause in one sentence: paresis of the legs
WEAK_LEGS = re.compile(
    r"\b(?:weak(?:ness)?|paretic|floppy|heavy\s+and\s+useless|useless)\b(?:\s+(?:in\s+|of\s+)?"
    r"(?:both\s+|the\s+|his\s+|her\s+|their\s+|a\s+pair\s+of\s+|pair\s+of\s+|left\s+|right\s+)*"
    r"(?:legs?|lower\s+limbs?|lower\s+extremit\w+))"
    r"|\b(?:legs?|lower\s+limbs?)\s+(?:are\s+|is\s+|have\s+been\s+|has\s+been\s+|became\s+|went\s+)?"
    r"(?:very\s+|so\s+)?(?:weak|paretic|useless)\b"
    r"|\b(?:legs?|lower[\s-]+limbs?|lower[\s-]+extremity)\s+(?:weakness|paresis)\b",
    re.I,
)
NEURO_CAUSE = re.compile(
    r"\b(?:cord\s+compression|spinal\s+cord|cauda\s+equina|myelopathy|myelitis|stroke|cva"
    r"|guillain|gbs|spinal\s+(?:injury|fracture|metastas[ie]s|mets|tumou?r|abscess|haematoma"
    r"|hematoma)|epidural\s+(?:abscess|ha?ematoma)|multiple\s+sclerosis|paraparesis|mscc)\b",
    re.I,
)
NOT_WEAK = re.compile(r"\b(?:no|not|nil|without|denies|never|normal|full)\b[^,;]{0,25}$", re.I)
CLOT_WORDS = ("wells", "dvt", "clot", "thromb", "vte", "duplex", "dimer", "doppler")


def read_paresis(text: str, lower: str) -> Iterator[Extracted]:
    """leg_cast_or_paralysis present for weak legs beside a neurological cause in a sentence of
    a note that weighs a clot ("cord compression ... a weak pair of legs since")."""
    if not any_in(lower, ("weak", "paretic", "useless", "floppy")) or not any_in(lower, CLOT_WORDS):
        return
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        if NEURO_CAUSE.search(sentence) is None:
            continue
        for m in WEAK_LEGS.finditer(sentence):
            if NOT_WEAK.search(sentence[: m.start()]):
                continue
            why = f"paresis of the legs {m.group(0)!r} with its neurological cause: present"
            yield _item(s.start(), m, PARESIS_ITEM, "present", why)


# a hospital stay by its length before it (a stay counts as bed rest, as `wells_timing.BED` reads
# "admitted for 5 days"): "after a 10-day admission for COPD", "a recent 5-day hospital stay",
# "two-week ICU stay"; not one dated in another year ("a 5-day admission in 2019")
STAY_LENGTH = re.compile(
    rf"\b{_NUM}[\s-]*(?P<u>days?|weeks?|nights?)[\s-]+(?:long\s+)?(?:(?:hospital|inpatient|in-patient"
    r"|icu|itu|hdu|ward|medical|surgical)\s+)?(?:admission|stay|hospitali[sz]ation)\b",
    re.I,
)
OTHER_YEAR = re.compile(r"\b(?:(?:19|20)\d\d|years?|yrs?)\b", re.I)


def read_stay_length(text: str) -> Iterator[Extracted]:
    """recent_surgery_or_bedridden from a hospital stay's length said before it."""
    for s in SENTENCE.finditer(text):
        for m in STAY_LENGTH.finditer(s.group(0)):
            if OTHER_YEAR.search(s.group(0)):
                break
            n = m.group("n").lower()
            count = float(WORDS[n]) if n in WORDS else float(n)
            days = count * (7 if m.group("u").lower().startswith("w") else 1)
            state = "present" if days >= 3 else "absent"
            why = f"a hospital stay {m.group(0)!r} = {days:g} days: {state}"
            yield _item(s.start(), m, BED_ITEM, state, why)


# (hW21) an operation dated by the return from it: "discharged 8 days ago after a hip
# replacement", "back from theatre a week ago following a bowel resection", "sent home yesterday
# after her caesarean": the operation came no later than that return, so its time since is at
# least the return's (Wells 2003: major surgery within 12 weeks)
RETURNED = re.compile(
    r"\b(?:discharged|sent\s+home|went\s+home|came\s+home|got\s+home|home\s+from\s+hospital"
    r"|left\s+hospital|back\s+from\s+(?:theatre|hospital|surgery))\b[^.;\n\d]{0,20}?"
    rf"(?:{_TIME}\s+ago|(?P<y>yesterday)|(?P<w>last\s+week))\s*,?\s+(?:after|following|post)\b"
    r"(?P<what>[^.;,\n]{0,40})",
    re.I,
)
NOT_RETURNED = re.compile(r"\b(?:no|not|never|nil|without)\b[^.;,\n]{0,20}$", re.I)


def read_returned(text: str) -> Iterator[Extracted]:
    """recent_surgery_or_bedridden from an operation dated by the return from it."""
    finding, within, _ = number_rules().recent
    for m in RETURNED.finditer(text):
        if NOT_RETURNED.search(text, max(0, m.start() - 30), m.start()):
            continue
        if not any(OPERATION.fullmatch(w) for w in NEXT_WORDS.findall(m.group("what"))[:5]):
            continue
        days = 1.0 if m.group("y") else 7.0 if m.group("w") else _days(m)
        state = "present" if days <= within else "absent"
        why = f"an operation dated by the return from it, {days:g} days or more: {state}"
        yield Extracted(finding, state, m.start(), m.end(), m.group(0), f"Wells: {why}")


def read_course(text: str, lower: str) -> Iterator[Extracted]:
    """The bed-rest and paresis readings of an in-patient's course."""
    if any_in(lower, ("discharg", "home", "back from", "left hosp")):
        yield from read_returned(text)
    yield from read_bed_course(text, lower)
    if any_in(lower, ("admission", "stay", "hospitalis", "hospitaliz")):
        yield from read_stay_length(text)
    yield from read_paresis(text, lower)
