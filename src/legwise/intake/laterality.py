"""Which leg: one side named for the complaint is "one leg only"; both legs named is not.

`one_leg_only` ("Is the pain always in the same one leg?") steers several safety rules: a child's
or teenager's pain in one leg is no growing pains (same_day.yaml: child and teen rules), and a
painful calf in one leg with a clot risk needs a same-day check. People rarely say "only one
leg"; they say "my left calf", "pain in his right shin bone", "R buttock pain radiating to the
lateral leg", and clinicians reading such a text answer the question from the side named. Until
now only the literal phrases ("one leg", "just the one leg") were read, so a one-sided text left
the question open and those rules silent.

Here each clause that names a side next to a leg site ("left calf", "calf on the right",
"R leg", "right-sided sciatica") and holds a symptom or sign word gives a present reading at the
side words, and each clause that names both legs with a symptom ("both legs ache", "burning in
both feet", "bilateral leg pain", "moves from one leg to the other") an absent one. The readings
carry the "phrase" rule kind so that the section and past-time filters drop them exactly as they
drop phrases (a "right knee replacement in 2015" under past history, a clot in the left leg years
ago). What stays is then settled for the whole text (`settle`): one side only gives present,
both legs only gives absent, and anything mixed (left and right, or one side and both legs)
gives nothing, because the question cannot be answered from it.

A side is not counted in a denied clause ("no swelling in the right leg"), as the other side of
a comparison ("3 cm larger than the left", "left leg normal"), in a clause about a relative, or
in an exam line about both sides ("pulses palpable bilaterally"), which says nothing about where
the pain is. A finding said in the text's own words ("only one leg") wins over this reading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from legwise.intake.result import Extracted
from legwise.kb.loader import Knowledge

FINDING = "one_leg_only"
RULE = "phrase {words!r} (one side named)"
BOTH_RULE = "absent phrase {words!r} (both legs named)"
PLURAL_RULE = "phrase {words!r} (legs in the plural)"

_SITE = (
    r"(?:lower\s+)?(?:legs?|limbs?|calf|calves|thighs?|shins?(?:\s*bones?)?|knees?|ankles?|foot|feet"
    r"|toes?|big\s+toe|heels?|hamstrings?|quad(?:ricep)?s?|buttocks?|bum|glutes?|hips?|groin|achilles"
    r"|tibia|fibula|femur|popliteal(?:\s+fossa)?|gastrocnemius|instep|sole|lle|rle)"
)
_SIDE = r"(?:left|right|lt|rt|l|r)"
# a side before the site ("left calf", "R leg", "right-sided calf pain", "left lower leg"),
# or after it ("calf on the left", "leg (right)", "legs: left")
SIDE_SITE = re.compile(
    rf"\b(?P<side>{_SIDE})\.?(?:[\s-]*sided)?\s+(?:(?:upper|lower|inner|outer|back\s+of\s+(?:the|my|his|her)"
    rf"|front\s+of\s+(?:the|my|his|her)|side\s+of\s+(?:the|my|his|her)|medial|lateral|posterior"
    rf"|anterior|distal|proximal|mid|whole|entire)\s+)?{_SITE}\b"
    rf"|\b{_SITE}\s*(?:on\s+the|,|:|\(|-)\s*(?P<side2>left|right|lt|rt)\b"
    rf"|\b(?P<side3>left|right)[\s-]+sided\b"
    r"|\b(?:only|just)\s+(?:on\s+)?(?:the\s+|my\s+|his\s+|her\s+)?(?P<side4>left|right)\b"
    r"|\bthe\s+(?P<side5>left|right)\s+one\b",
    re.I,
)
# "one leg", "one calf", "the other leg is fine" is said by the phrase lists already
BOTH = re.compile(
    rf"\b(?:both|either|each|the\s+two)\s+(?:of\s+)?(?:my\s+|his\s+|her\s+|their\s+|the\s+)?{_SITE}"
    rf"|\b{_SITE}\s+(?:both|bilaterally)\b|\bbilateral(?:ly)?\b|\bbilat\b|\bb/l\b"
    r"|\bfrom\s+one\s+(?:leg|side|calf|foot)\s+to\s+the\s+other\b|\b(?:switch|swap|alternat)\w*\s+"
    r"(?:between\s+)?(?:legs|sides)\b|\bboth\s+sides\b"
    r"|\b(?:in\s+)?the\s+other\s+(?:one|leg|calf|foot|side)\s+(?:too|as\s+well|also)\b",
    re.I,
)
SYMPTOM = re.compile(
    r"pain|ach(?:e|es|ing|y)|hurt|sore|cramp|swell|swollen|o?edema|puff|numb|tingl|pins\s+and"
    r"|burn|restless|crawl|creep|itch|throb|twinge|jump|twitch|heavy|weak|tender|red\b|redness"
    r"|warm|hot\b|pale|white|cold|blue|dusky|black|ulcer|wound|sciatica|radiat|shoot|stab|tight"
    r"|bigger|larger|greater|circumference|limp|agony|spasm|electric|discomfort|stiff",
    re.I,
)
# "my feet are numb", "legs ache": both legs meant without the word "both"; not read as absent
# (people say "my legs" loosely), but a side named elsewhere is then no proof of one leg
PLURAL = re.compile(
    r"\b(?:my|his|her|their|the|your|both|\w+'s)?\s*(?:lower\s+)?(?:legs|calves|feet|thighs|shins|ankles)\b",
    re.I,
)
CLAUSE = re.compile(r"[^.;!?\n]+")
# the clause parts that end a denial's or a comparison's reach
PART = re.compile(r",|\bbut\b|\bthough\b|\bwhereas\b|\bwhile\b", re.I)
DENIED = re.compile(
    r"\b(?:no|without|denies|denied|nil|never|neither|nor)\b"
    r"|(?:\bnot|n't)\s+(?:in|on|at|the|my|his|her|affect\w*|involv\w*)\b",
    re.I,
)
# the side named is the other, normal side: "larger than the left", "vs R", "left leg normal"
OTHER_SIDE_BEFORE = re.compile(
    r"(?:\bthan|\bcompared\s+(?:to|with)|\bvs\.?|\bversus|\bto\s+the|\bfrom\s+the)\s+(?:the\s+|my\s+|his\s+|her\s+)?$",
    re.I,
)
NORMAL_AFTER = re.compile(
    r"^\W*(?:\w+\W+)?(?:is|was|are|looks?|seems?|feels?)?\s*(?:\w+\s+)?(?:normal|fine|ok|okay"
    r"|unaffected|unremarkable|nad|spared|good|alright|all\s+right|healthy)\b",
    re.I,
)
RELATIVE = re.compile(
    r"\b(?:mum|mom|mother|dad|father|sister|brother|nan|nana|gran|granny|grandma|grandmother"
    r"|grandad|grandpa|grandfather|aunt|auntie|uncle|cousin|family)\b",
    re.I,
)
# a side in a past event or a relative's story: "hx DVT (L leg) 2012", "my mum had a clot in
# her left leg" (a relative who is the patient, "my mum's left leg is swollen", counts)
PAST = re.compile(r"\b(?:hx|h/o|previous|prior|past|old|(?:19|20)\d\d|years?\s+ago)\b", re.I)
RELATIVE_PAST = re.compile(r"\b(?:had|has\s+had|died|passed|history|hx)\b", re.I)
EXAM_BOTH = re.compile(
    r"pulse|reflex|sensation|power|palpable|intact|symmetric|equal|cap(?:illary)?\s+refill|crt"
    r"|perfus|warm\s+and\s+well|well\s+perfused|abpi|doppler|x-?ray|scan|ultrasound",
    re.I,
)
# an operation or injury named with both legs is no complaint in both legs
NOT_A_COMPLAINT = re.compile(r"replace|operat|surgery|\bops?\b|fractur|broke|amputat|\bwear", re.I)
# "calves soft and non-tender", "feet warm": an exam of both legs, not where the pain is
EXAM_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:soft|equal|symmetric\w*|supple|non-?tender|normal|warm|intact"
    r"|palpable|pink|fine|ok|okay|unremarkable|nad)\b",
    re.I,
)
NEAR = 25  # characters between a side and the phrase reading that says what it is
REACH = 6  # words before and after a side that can deny it or make it a relative's
READ = ("phrase ", "absent phrase ")  # phrase and composed readings
MARKS = ("l", "r", "both", "plural")  # the readings `settle` turns into one
HINTS = ("left", "right", "lt", "rt", "l ", "r ", "l.", "r.", "both", "either", "each", "bilat",
         "b/l", "other", "two", "alternat", "switch", "swap")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Respelled:
    """The text as the phrase reader saw it after respelling typos ("swolen", "buttok"), with
    each token's start in it (`idx`) and its (start, end) in the text as written (`where`)."""

    text: str
    idx: list[int]
    where: list[tuple[int, int]]

    def back(self, a: int, b: int) -> tuple[int, int]:
        """Characters [a, b) of the respelled text as a span of the text as written."""
        first = max(bisect_right(self.idx, a) - 1, 0)
        last = max(bisect_right(self.idx, max(b - 1, a)) - 1, first)
        return self.where[first][0], self.where[last][1]


def _relatives(words: str) -> bool:
    """A relative's past told near the side ("my mum had a clot in her left leg")."""
    return bool(RELATIVE.search(words) and RELATIVE_PAST.search(words))


def _bounds(clause: str, at: int, end: int) -> tuple[int, int]:
    """Where the clause part (between commas, "but", "while") that holds clause[at:end]
    starts and ends."""
    starts = [m.end() for m in PART.finditer(clause, 0, at)]
    stop = PART.search(clause, end)
    return (starts[-1] if starts else 0), (stop.start() if stop else len(clause))


def _part(clause: str, at: int, end: int) -> tuple[str, str, str]:
    """The words around clause[at:end] that bear on it: back to the last comma ("but",
    "while") and at most `REACH` words, the words themselves, and on to the next comma and
    at most `REACH` words. The word limit keeps text typed without punctuation, which is one
    long clause, from letting a far "no" or "mum" reach the side."""
    a, b = _bounds(clause, at, end)
    before = " ".join(clause[a:at].split()[-REACH:])
    after = " ".join(clause[end:b].split()[:REACH])
    return " " + before + " ", clause[at:end], " " + after


def sides(
    text: str, items: list[Extracted], kb: Knowledge, spelled: Respelled | None = None
) -> list[Extracted]:
    """`items` with the side readings of `text` added (see the module); `settle` decides.
    `spelled`: the text with its typos respelled, read instead when given."""
    if FINDING not in kb.findings or any(i.finding == FINDING for i in items):
        return items  # the text said it in words of its own ("only one leg", "both legs")
    lower = text.lower()
    if not any(h in lower for h in HINTS) and "legs" not in lower and "feet" not in lower:
        return items
    source = text if spelled is None else spelled.text
    out = list(items)
    readings = [i for i in items if i.rule.startswith(READ) and i.finding in kb.findings]
    read = [i.start for i in readings]

    def near(a: int, b: int, part: tuple[int, int]) -> bool | None:
        """What the nearest phrase reading says of the side at [a, b): True for a current
        complaint ("L calf ache"), False for a denied or past one ("no swelling in the right
        leg", "hx DVT L leg"), None when no reading in its clause part is close. ConText has
        decided those readings' negation and time, also in text typed without punctuation."""
        if spelled is not None:
            a, b = spelled.back(a, b)
            part = spelled.back(*part)
        inside = [i for i in readings if part[0] <= i.start < part[1]]
        gaps = [(max(0, i.start - b, a - i.end), i) for i in inside]
        close = [g for g in gaps if g[0] <= NEAR]
        if not close:
            return None
        reading = min(close, key=lambda g: g[0])[1]
        return reading.value == "present" and kb.findings[reading.finding].group != "history"

    def add(value: str, a: int, b: int, rule: str) -> None:
        if spelled is not None:
            a, b = spelled.back(a, b)
        out.append(Extracted(FINDING, value, a, b, text[a:b], rule.format(words=text[a:b])))

    for c in CLAUSE.finditer(source):
        clause, at = c.group(0), c.start()
        if not SYMPTOM.search(clause):
            a, b = c.span() if spelled is None else spelled.back(*c.span())
            if not any(a <= start < b for start in read):
                continue  # a clause with no complaint in it
        for m in SIDE_SITE.finditer(clause):
            before, words, after = _part(clause, m.start(), m.end())
            if _relatives(before + after) or OTHER_SIDE_BEFORE.search(before.rstrip() + " "):
                continue
            pa, pb = _bounds(clause, m.start(), m.end())
            said = near(at + m.start(), at + m.end(), (at + pa, at + pb))
            if said is False:
                continue
            if said is None and (
                PAST.search(before)
                or DENIED.search(before)
                or (NORMAL_AFTER.search(after) and not SYMPTOM.search(after))
                or NOT_A_COMPLAINT.search(before + words + after)  # "right knee replacement"
            ):
                continue
            side = next(v for v in m.groupdict().values() if v).lower()[0]  # "l" or "r"
            add(side, at + m.start(), at + m.end(), RULE)
        for m in BOTH.finditer(clause):
            before, words, after = _part(clause, m.start(), m.end())
            if _relatives(before + after) or DENIED.search(before):
                continue
            if EXAM_BOTH.search(before + words + after):
                continue  # "pulses palpable bilaterally": an exam, not where it hurts
            if NOT_A_COMPLAINT.search(before + words + after):
                continue  # "both knees replaced", "bilateral hip replacements"
            add("both", at + m.start(), at + m.end(), BOTH_RULE)
        for m in PLURAL.finditer(clause):
            before, words, after = _part(clause, m.start(), m.end())
            if DENIED.search(before) or EXAM_AFTER.search(after):
                continue  # "no swelling of the legs", "calves soft and non-tender"
            if NOT_A_COMPLAINT.search(before + words + after):
                continue
            add("plural", at + m.start(), at + m.end(), PLURAL_RULE)
    return out


def settle(items: list[Extracted]) -> list[Extracted]:
    """`items` with the side readings that survived the section and time filters made into
    one `one_leg_only` reading: present for one side only, absent for both legs only, none
    for a mix."""
    marks = [i for i in items if i.finding == FINDING and i.value in MARKS]
    if not marks:
        return items
    rest = [i for i in items if not (i.finding == FINDING and i.value in MARKS)]
    named = {str(i.value) for i in marks}
    if "plural" in named:  # "my legs", "both feet": never one leg; "both" alone says absent
        named.discard("plural")
        if named != {"both"}:
            return rest
    if len(named) != 1:
        return rest  # left and right, or one side and both legs: the question stays open
    first = next(i for i in marks if i.value in named)
    value = "absent" if named == {"both"} else "present"
    rest.append(Extracted(FINDING, value, first.start, first.end, first.text, first.rule))
    return sorted(rest, key=lambda i: i.start)
