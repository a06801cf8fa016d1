"""Wells items that a note dates to the past or that another item's words imitate.

A previously documented DVT is often given with its date and side ("DVT R leg 2018", "DVT x2",
"clot in the left leg 5 years ago"): Wells 2003 counts it whatever leg it was in. A plaster cast
counts only when recent (Wells 2003: "recent plaster immobilisation"): "leg was in plaster 2
years ago" does not. And a leg immobilised in a cast or splint is not bed rest, however long
("immobilised in a plaster backslab for 1 week" is the cast item, not the bedridden one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.clauses import clause_start
from legwise.intake.folded_re import folded
from legwise.intake.people import RELATIVES
from legwise.intake.result import Extracted
from legwise.intake.wells_timing import OPERATION

# A clot with a date or a count is a past one: "DVT 2015", "DVT x1 (2020)", "VTE in 2018",
# "DVT x2", "DVT R leg 2018", "clot in the left calf 5 years ago", unless negated in its clause.
SIDE = (
    r"(?:\s+(?:in\s+)?(?:the\s+|his\s+|her\s+)?(?:r|l|rt|lt|right|left|bilateral|other|same)?\s*"
    r"(?:leg|calf|thigh|lower\s+limb|lower\s+extremity|le|femoral|popliteal))?"
)
DATED_CLOT = folded(
    rf"\b(?:dvts?|vte|clots?){SIDE}\b\s*,?\s*(?:[x\u00d7]\s*\d\b|\(?\s*(?:in\s+)?(?:19|20)\d\d\b|"
    r"(?:\d+|many|several|a\s+few)\s+(?:years?|yrs?|months?)\s+ago\b|(?:an?|one|over\s+a)\s+years?\s+ago\b"
    # (hW22) a month or a season named as its time: "a right leg DVT in August", "DVT last
    # spring", "clot last year", "DVT (Mar 2023)"
    r"|\(?\s*(?:in\s+|last\s+)?(?:january|february|march|april|june|july|august|september|october"
    r"|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?=\s*(?:19|20)\d\d))\b"
    r"|last\s+(?:year|spring|summer|autumn|winter)\b)",
    re.I,
)
# A course of clot treatment given in the past "for a DVT": "finished 6 months of rivaroxaban in
# 2022 for a proximal DVT", "completed warfarin for a left leg clot" (hW9, round 9: own_heldout8
# h8w_11; the finding's help: a clot a doctor found). The past needs a sign in the clause: a
# year, an "ago", or the course finished ("started apixaban for a DVT" may be the clot now).
TREATED_CLOT = folded(
    r"\b(?:treated|anticoagulated|anticoagulation|warfarin|rivaroxaban|apixaban|edoxaban|dabigatran"
    r"|heparin|enoxaparin|clexane|dalteparin|tinzaparin|blood\s+thinners?|xarelto|eliquis)\b"
    r"[^.;\n]{0,40}?\bfor\s+(?:an?\s+|the\s+|his\s+|her\s+|my\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:dvts?|vte|clots?|deep\s+vein\s+thrombosis)\b",
    re.I,
)
TREATED_PAST = re.compile(
    r"\b(?:(?:19|20)\d\d|ago|finished|completed|stopped|came\s+off|after\s+\d+\s+months)\b", re.I
)
# (hW20) the year a few words after the clot, its cause or place between: "Provoked DVT after a long
# flight 2014", "DVT (post-partum, L leg) 2011", "clot in the calf after surgery in 2019"; not a
# clot asked about, ruled out or denied in between
DATED_LATER = folded(
    r"\b(?:dvts?|vte|clots?)\b(?P<gap>[^.;:\n\d?]{3,40}?)\(?\b(?:in\s+)?(?:19|20)\d\d\b", re.I
)
# a timeline row, its year first: "2021 - L femoral DVT, 6 months of apixaban" (hW20)
YEAR_ROW = re.compile(
    r"^[ \t]*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d\d"
    r"[ \t]*[-:\u2013\u2014][ \t]*(?P<gap>(?:[\w/-]+[ \t]+){0,3}?)(?:dvts?|vte|clots?)\b",
    re.I | re.M,
)
NOT_PAST = re.compile(
    r"\b(?:no|not|nil|never|negative|excluded|ruled|rule|query|suspected|possible|risk|score"
    r"|wells|today|now|ago)\b",
    re.I,
)
# another person named before the clot in its clause (not the patient's own child or baby, who
# may be how a clot in pregnancy is dated)
_OTHERS = sorted(
    (
        w
        for w in RELATIVES
        if w not in {"baby", "child", "kid", "boy", "girl", "toddler", "teenager"}
    ),
    key=len,
    reverse=True,
)
SOMEONE_ELSE = re.compile(
    r"\b(?:" + "|".join(_OTHERS) + r"|flatmate|housemate|roommate|colleague|cousin|niece|nephew"
    r"|relative|family)s?\b",
    re.I,
)
CLOT_NEGATED = re.compile(r"\b(?:no|nil|denies|denied|never|without)\b[^.;:,]{0,25}$", re.I)


def dated_clots(text: str) -> Iterator[Extracted]:
    """previous_dvt present for each dated or counted clot not negated in its clause."""
    lower = text.lower()
    if "dvt" not in lower and "vte" not in lower and "clot" not in lower:
        return  # the cheap check first
    for m in TREATED_CLOT.finditer(text):
        start = clause_start(text, m.start(), ".;\n")
        if TREATED_PAST.search(text, start, m.end()) and not CLOT_NEGATED.search(
            text[max(start, m.start() - 30) : m.start()]
        ):
            yield Extracted("previous_dvt", "present", m.start(), m.end(), m.group(0),
                            "Wells: a clot treated in the past (previous DVT)")  # fmt: skip
    later = [m for m in DATED_LATER.finditer(text) if not NOT_PAST.search(m.group("gap"))]
    later += [m for m in YEAR_ROW.finditer(text) if not NOT_PAST.search(m.group("gap"))]
    for m in [*DATED_CLOT.finditer(text), *later]:
        if SOMEONE_ELSE.search(text, clause_start(text, m.start(), ".;\n"), m.start()):
            continue  # "my flatmate had a DVT last year": another person's clot (hW22)
        if not CLOT_NEGATED.search(text[max(0, m.start() - 30) : m.start()]):
            yield Extracted("previous_dvt", "present", m.start(), m.end(), m.group(0),
                            "Wells: a dated clot (previous DVT)")  # fmt: skip


CAST = folded(r"\b(?:cast|plaster|pop|back\s*-?\s*slab|splint|boot|brace)\b", re.I)
# Older than Wells' recent window for a cast (12 weeks, as for surgery): years, or 4+ months
REMOTE = folded(
    r"\b(?:(?:\d+|many|several|a\s+few|two|three|an?|one|over\s+a)\s+(?:years?|yrs?)|(?:[4-9]|1\d|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve)\s+months)\s+ago\b|\bin\s+(?:19|20)\d\d\b"
    r"|\b(?:as\s+a\s+child|in\s+childhood|last\s+year)\b",
    re.I,
)
SENTENCE = re.compile(r"(?:[^.;!?\n]|\.(?=\d))+")
CAST_ITEM = "leg_cast_or_paralysis"
CLAUSE = re.compile(r"[.;,:\n(]")


def _cast_dated(text: str, item: Extracted) -> bool:
    """Whether `item` is an operation read from a cast's date ("cast for a fracture removed 2
    weeks ago"): putting on or taking off a cast is the cast item, not major surgery."""
    if not item.rule.startswith("operation ") or item.finding != "recent_surgery_or_bedridden":
        return False
    before = CLAUSE.split(text[max(0, item.start - 60) : item.end])[-1]
    if CLAUSE.search(text, item.start, item.end):
        before = text[item.start : item.end]
    words = re.findall(r"[A-Za-z][\w-]*", before)
    return bool(CAST.search(before)) and not any(OPERATION.fullmatch(w) for w in words)


def apply_past(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without bed rest read from a cast's words, and with a cast dated long ago read
    absent."""
    items = [i for i in items if not (i.rule.startswith("bed rest ") and CAST.search(i.text))]
    if "ago" in text.lower() and CAST.search(text):
        items = [i for i in items if not _cast_dated(text, i)]
    casts = [i for i in items if i.finding == CAST_ITEM and i.value == "present"]
    if not casts or not REMOTE.search(text):
        return items
    drop: set[int] = set()
    for m in SENTENCE.finditer(text):
        a, b = m.span()
        mine = [i for i in casts if a <= i.start < b and CAST.search(i.text)]
        if (
            mine
            and REMOTE.search(m.group(0))
            and len(mine) == sum(1 for i in casts if a <= i.start < b)
        ):
            drop |= {id(i) for i in mine}
    if not drop:
        return items
    kept = [i for i in items if id(i) not in drop]
    old = [i for i in casts if id(i) in drop]
    return kept + [
        Extracted(CAST_ITEM, "absent", i.start, i.end, i.text, "Wells: a cast long ago")
        for i in old
    ]
