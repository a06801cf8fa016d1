"""Examination statements whose shape, not their words, says what they mean (hT15, round 15).

Exam-style stems state signs in shapes that a phrase list cannot hold, because the words in
between are free. Three shapes are read here, after the phrase readers:

* An angle is no temperature. "Straight leg raise reproduces it at 40 degrees", "hip flexion
  painful beyond 60°": a number of degrees said after a movement or test word of the same
  clause (raise, flexion, elevation, lift, reproduces, ...) and with no temperature word
  (temp, T, febrile, pyrexial, fever) just before it is an angle, so the fever read from the
  bare "40 degrees" is dropped. The movement words are kinds of movement, not tests by name,
  so a test the lists do not know is covered too.
* A foot said pink is a perfused foot, not a red leg. Examiners record the circulation of the
  foot as its colour and warmth ("the foot is pink", "foot warm and pink", "warm, pink toes",
  "toes pink and well perfused"): such a statement of foot, toes or peripheries whose states are
  only perfusion words (pink, warm, well perfused, of good colour) and include pink or perfused
  is a normal circulation: leg_pale_or_cold absent, and the red or warm leg read from its words
  is dropped. hT18: both legs said so are too ("legs warm and pink", "lower limbs pink and
  warm"; own_heldout17 h17s_19 read a care-home resident's normal legs as a red, warm leg);
  one leg said pink is left to the phrase lists (a lay "my leg is pink and warm" may be a
  rash); a foot said warm beside its pulses or refill ("Foot warm, pulses present"), or warm in
  a text that names no inflammation, is the same check. A state of inflammation in the same
  list (red, hot, swollen, tender, erythema) keeps the ordinary reading.
* A list of examined items said normal together. "Power, reflexes and saddle sensation are
  normal", "tone, power and sensation all intact": each item is read as if said normal alone
  ("power normal", "reflexes normal", "saddle sensation normal"), by the phrase readers
  themselves (`read`), so every item the lists know in the singular is known in a list too;
  only the absent readings are kept.
* A straight-leg raise said with what it provokes. "Straight leg raising on the left brings
  the pain on at 35 degrees", "SLR recreates her sciatica": the test named, then in its clause
  a verb of provoking (reproduces, brings on, provokes, elicits, triggers, recreates) or an angle
  of degrees, with no denial before it, is a positive test, whatever the object of the verb.
* A foot pulse named by its site, with or without the word "pulse". "Dorsalis pedis is
  palpable", "DP and PT felt", "posterior tibial and dorsalis pedis both impalpable",
  "absent DP": the foot-pulse sites (dorsalis pedis, posterior tibial, pedal, DP, PT) in a list,
  then a linking word and a state word (palpable, present, felt, intact, strong / absent,
  impalpable, not palpable, not felt, cannot be felt), or an absent state word before the list,
  read as absent_foot_pulses (absent or present), when the phrase lists read nothing there.
* A pain set against what would explain it. "Her pain is far worse than the small graze
  suggests", "pain greater than the injury would explain", "pain more severe than expected for
  a bruise": the pain (or "it") compared as worse, greater or more severe than any few words
  followed by a verb of explaining or expecting is pain_out_of_proportion, whatever the words
  for the injury in between.

Source and review: hT15, 2026-12-06, reading rules only (no clinical fact): the meaning of
each shape is the examiner's own statement of a normal or measured sign.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from legwise.intake.clauses import sentence_spans
from legwise.intake.folded_re import folded, gated
from legwise.intake.result import Extracted, extracted

# --- an angle is no temperature -------------------------------------------------------------

FEVER = "fever_or_chills"
DEGREES = re.compile(
    r"\b\d{1,3}(?:\.\d)?\s*(?:degrees|degree|deg|°)(?!\s*(?:c|f|celsius|fahrenheit)\b)", re.I
)
CLAUSE_START = re.compile(r"[.;!?\n]")
MOVEMENT = re.compile(
    r"\b(?:slr|raise[sd]?|raising|lift(?:s|ed|ing)?|flex(?:ion|ed|es|ing)?|extension|extend(?:s|ed|ing)?"
    r"|elevat(?:ion|ed|ing|es|e)|abduct\w*|adduct\w*|rotat\w*|bend(?:s|ing)?|bent|angle|range"
    r"|reproduc\w*|provok\w*|positive|\+ve|limited|restricted|dorsiflex\w*|plantarflex\w*"
    r"|buerger\w*|hip|knee)\b",
    re.I,
)
TEMPERATURE = re.compile(
    r"\b(?:temp|temperature|t|tmax|febrile|pyrexi\w*|fever\w*|spik\w*|thermometer)\b", re.I
)


def _clause_before(text: str, start: int) -> str:
    cut = max((m.end() for m in CLAUSE_START.finditer(text, 0, start)), default=0)
    return text[cut:start]


def drop_angles(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a fever read from a number of degrees that is an angle."""
    out = []
    for i in items:
        if i.finding == FEVER and DEGREES.search(i.text):
            before = _clause_before(text, i.start)
            near = before[-25:]
            if MOVEMENT.search(before) and not TEMPERATURE.search(near):
                continue
        out.append(i)
    return out


# --- a pink foot is a perfused foot ---------------------------------------------------------

PALE = "leg_pale_or_cold"
SITE = (
    r"(?:(?:the|his|her|their|both|left|right|l|r|affected|distal)\s+){0,2}"
    r"(?:foot|feet|toes?|digits|forefoot|peripheries|extremit(?:y|ies)|legs|(?:lower\s+)?limbs"
    r"|lower\s+limb)"
)
STATE = (
    r"(?:pink|pinkish|warm|well[\s-]perfused|perfused|of\s+(?:a\s+)?(?:good|normal)\s+colou?r"
    r"|(?:good|normal)\s+colou?r|normal\s+in\s+colou?r|normal\s+temperature)"
)
STATES = rf"{STATE}(?:\s*(?:,\s*and|,|and|&)\s*{STATE})*"
# hT20: a sign as the record states it ("pulses were documented as present", "the foot was
# noted to be pink", "recorded as palpable throughout"): the record's verbs link too
RECORDED = r"documented|recorded|noted|charted|reported|described|found|as|to\s+be|consistently"
LINK = (
    r"(?:\s+(?:is|are|was|were|remains?|remained|looks?|looked|appears?|appeared|feels?|felt"
    rf"|now|still|both|{RECORDED}))*"
)
INFLAMED = re.compile(
    r"^\s*(?:,|and|&|with)?\s*(?:and\s+)?(?:red|reddened|hot|swollen|tender|erythem\w*|inflamed|"
    r"blister\w*|shiny|mottled|oedematous|edematous|angry|painful)\b",
    re.I,
)
PERFUSED = [
    re.compile(rf"\b{SITE}{LINK}\s*:?\s*(?P<states>{STATES})\b", re.I),
    re.compile(rf"\b(?P<states>{STATES})\s+{SITE}\b", re.I),
]
KEYSTATE = re.compile(r"\b(?:pink|pinkish|perfused)\b", re.I)
# hT18: ... or said warm alone in a text that names no inflammation at all ("Foot warm, no
# ulcers" in a claudication stem): the foot's circulation, not a hot leg
INFLAMMATION = re.compile(
    r"\b(?:red|redness|reddened|reddish|erythem\w*|cellulit\w*|hot|swollen|swelling|pus|"
    r"infect\w*|inflam\w*|abscess\w*|rash|blister\w*|bite|sting|tender\w*|gout\w*)\b",
    re.I,
)
# hT18: a warm foot said beside its pulses or refill is the same circulation check ("Foot warm,
# pulses present", "foot warm with brisk capillary refill"; own_heldout17 h17s_11, h17s_26);
# hT21: with an article ("foot warm with a palpable dorsalis pedis pulse", own_heldout20 h20s_12)
PULSE_NEXT = re.compile(
    r"^\s*(?:,|;|and|with|&)\s*(?:an?\s+)?(?:and\s+|good\s+|brisk\s+|normal\s+|palpable\s+|strong\s+|the\s+)?"
    r"(?:(?:foot|pedal|distal|dp|pt|dorsalis|posterior)\s+)?"
    r"(?:pulses?|capillary|cap\s+refill|crt|dp|pt|dorsalis|pedal)\b",
    re.I,
)


def _perfusion_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    quiet = INFLAMMATION.search(text) is None
    for pattern in PERFUSED:
        for m in pattern.finditer(text):
            after = text[m.end() : m.end() + 30]
            if INFLAMED.search(after) or not (
                KEYSTATE.search(m.group("states"))
                or PULSE_NEXT.search(after)
                or (m.group("states").lower() == "warm" and quiet)
            ):
                continue
            if INFLAMED.search(text[max(0, m.start() - 25) : m.start()].split(",")[-1] + " x"):
                continue
            spans.append((m.start(), m.end()))
    return spans


def perfused_foot(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` where a foot said pink (and warm or perfused) is a normal circulation."""
    low = text.lower()
    if "pink" not in low and "perfused" not in low and "warm" not in low:
        return items
    spans = _perfusion_spans(text)
    if not spans:
        return items
    # the statement holds only site and perfusion words: any sign read present inside it is a
    # misreading of those words ("pink" as a red leg, "warm" as a warm leg)
    out = [
        i
        for i in items
        if not (i.value == "present" and any(a <= i.start and i.end <= b for a, b in spans))
    ]
    if not any(i.finding == PALE for i in out):
        a, b = spans[0]
        out.append(extracted(PALE, "absent", a, b, text[a:b], f"perfused foot {text[a:b]!r}"))
    return out


# --- a list of examined items said normal together ------------------------------------------

WORD = r"(?!(?:are|were|is|was|all|both|remain|remained)\b)[a-z][\w'-]*"
ITEM = rf"{WORD}(?:\s+{WORD}){{0,3}}"
NORMAL_LIST = re.compile(
    rf"(?P<list>(?:{ITEM}\s*,\s*)*{ITEM}\s*(?:,\s*)?(?:and|&)\s+{ITEM})"
    r"\s+(?:(?:are|were|is|was|remain|remained)\s+)?(?:all\s+|both\s+)?"
    r"(?P<state>normal|intact|preserved|unremarkable|full|symmetrical|symmetric|equal|unaffected)\b",
    re.I,
)
SPLIT = re.compile(r"\s*(?:,\s*and|,|\band\b|&)\s*", re.I)
LEAD = re.compile(
    r"^(?:on\s+examination|o/e|examination|exam|neuro(?:logically)?|her|his|the|their)\b[\s:,]*",
    re.I,
)
Reader = Callable[[str], Iterable[Extracted]]
# a state word of NORMAL_LIST: a text without one has no list said normal (searched in the
# lower-cased text: `folded`, the same matches)
NORMAL_WORD = folded(
    r"\b(?:normal|intact|preserved|unremarkable|full|symmetric\w*|equal|unaffected)\b", re.I
)


def normal_lists(text: str, items: list[Extracted], read: Reader) -> list[Extracted]:
    """`items` with each item of a list said normal together read as said normal alone."""
    if not NORMAL_WORD.search(text):
        return items
    known = {i.finding for i in items}
    added: list[Extracted] = []
    for s in re.finditer(r"[^.;:\n]+", text):
        for m in NORMAL_LIST.finditer(s.group(0)):
            state = m.group("state").lower()
            base = s.start() + m.start("list")
            words = [
                (base + w.start(), base + w.end())
                for w in re.finditer(r"[^,&]+?(?=\s*(?:,|&|\band\b|$))", m.group("list"), re.I)
                if w.group(0).strip() and w.group(0).strip().lower() != "and"
            ]
            if any(
                i.value == "absent" and sum(i.start < b and a < i.end for a, b in words) > 1
                for i in items
            ):
                continue  # the phrase lists read the list as a whole ("wee and poo are normal")
            for part in re.finditer(r"[^,&]+", m.group("list")):
                for word in SPLIT.split(part.group(0)):
                    item = LEAD.sub("", word.strip())
                    if not item or len(item.split()) > 4:
                        continue
                    for r in [*read(f"{item} is {state}."), *read(f"{item} {state}.")]:
                        if r.value != "absent" or r.finding in known:
                            continue
                        known.add(r.finding)
                        a = base + part.start()
                        b = base + part.end()
                        rule = f"said {state} in a list: {item!r}"
                        added.append(extracted(r.finding, "absent", a, b, text[a:b], rule))
    return [*items, *added]


# --- a pain worse than what would explain it ------------------------------------------------

OUT_OF_PROPORTION = "pain_out_of_proportion"
BEYOND = folded(  # (searched in the lower-cased text: the same matches, faster)
    r"\b(?:pain|pains|it|hurts|hurting|discomfort|agony|tenderness)\b[^.;!?\n]{0,30}?"
    r"\b(?P<more>worse|greater|more\s+severe|more\s+intense|more\s+marked|out\s+of\s+keeping)\s+"
    r"(?:than|with)\s+(?:[\w'-]+\s+){0,5}?"
    r"(?:suggests?|suggested|would\s+(?:suggest|explain|expect|justify|warrant|be\s+expected)"
    r"|explains?|justif(?:y|ies)|warrants?|expected|accounts?\s+for|looks?|appears?|merits?)\b",
    re.I,
)
DENIAL = re.compile(r"\b(?:no|not|never|without|nor)\b[^,]{0,20}$", re.I)


def pain_beyond_injury(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with pain_out_of_proportion present when the pain is said to exceed what its
    cause would explain, unless the finding is read already."""
    if any(i.finding == OUT_OF_PROPORTION for i in items):
        return items
    for m in BEYOND.finditer(text):
        if DENIAL.search(text[max(0, m.start() - 30) : m.start("more")].replace("n't", " not")):
            continue
        rule = f"pain beyond its cause {m.group(0)!r}"
        a, b = m.start(), m.end()
        return [*items, extracted(OUT_OF_PROPORTION, "present", a, b, text[a:b], rule)]
    return items


# --- a straight-leg raise said with what it provokes ----------------------------------------

SLR = "straight_leg_raise_positive"
SLR_TEST = gated(r"\b(?:straight[\s-]*leg[\s-]*rais\w*|slr|las[eè]gue\w*)", re.I)
PROVOKES = re.compile(
    r"\b(?:reproduc\w*|brings?\s+(?:\w+\s+){0,3}?on|brought\s+(?:\w+\s+){0,3}?on|provok\w*"
    r"|elicit\w*|trigger\w*|recreat\w*)\b|\bat\s+\d{1,2}\s*(?:degrees|deg|°)",
    re.I,
)
NOT_BEFORE = re.compile(r"\b(?:no|not|never|without|fails?\s+to|failed\s+to|negative)\b|n't", re.I)


def slr_provokes(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a positive straight-leg raise when the test is said with what it provokes,
    unless the finding is read already."""
    # a test named in a sentence is named in the text (a sentence is bounded by signs that
    # are no word's): a text that does not name it has no sentence to read (one scan)
    if any(i.finding == SLR for i in items) or SLR_TEST.search(text) is None:
        return items
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        test = SLR_TEST.search(sentence)
        if test is None:
            continue
        m = PROVOKES.search(sentence, test.end())
        if m is None or m.start() - test.end() > 60:
            continue
        if NOT_BEFORE.search(sentence[test.end() : m.start()]):
            continue
        a, b = start + test.start(), start + m.end()
        rule = f"straight-leg raise provokes {text[a:b]!r}"
        return [*items, extracted(SLR, "present", a, b, text[a:b], rule)]
    return items


# --- a foot pulse named by its site ---------------------------------------------------------

PULSES = "absent_foot_pulses"
PULSE_SITE = r"(?:dorsalis\s+pedis|posterior\s+tibial|pedal|dp|pt|foot)"
SIDE = r"(?:(?:the|his|her|left|right|l|r|both|bilateral)\s+)?"
SITE_LIST = (
    rf"{SIDE}{PULSE_SITE}(?:\s*(?:,|and|&|/|or)\s*{SIDE}{PULSE_SITE})*(?:\s+(?:pulses?|arteries))?"
)
FELT = r"(?:palpable|present|felt|easily\s+felt|intact|strong|normal|2\+|\+)"
NOT_FELT = (
    r"(?:absent|impalpable|non-?palpable|not\s+palpable|not\s+felt|not\s+present"
    r"|cannot\s+be\s+felt|can't\s+be\s+felt|could\s+not\s+be\s+felt|undetectable)"
)
PULSE_STATE = re.compile(
    rf"\b(?P<site>{SITE_LIST})\s*(?::|(?:\s+(?:is|are|was|were|both|all|bilaterally|now"
    rf"|{RECORDED}))*)\s*"
    rf"(?:(?P<absent>{NOT_FELT})|(?P<felt>{FELT}))(?![\w+])",
    re.I,
)
STATE_FIRST = re.compile(rf"\b(?P<absent>{NOT_FELT})\s+(?P<site>{SITE_LIST})\b", re.I)
NO_BEFORE = re.compile(r"\b(?:no|not|without)\s+$", re.I)


def pulse_sites(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a foot pulse named by its site read, where no reading covers it yet."""
    low = text.lower()
    if not any(w in low for w in ("pedis", "tibial", "pedal", "dp", "pt", "foot")):
        return items
    added: list[Extracted] = []
    for pattern in (PULSE_STATE, STATE_FIRST):
        for m in pattern.finditer(text):
            if any(i.finding == PULSES and i.start < m.end() and m.start() < i.end for i in items):
                continue
            site = m.group("site").lower()
            if re.fullmatch(r"(?:\w+\s+)?foot", site):
                continue  # "the foot is normal" is no pulse
            if re.fullmatch(r"(?:\w+\s+)?(?:dp|pt)", site) and not re.search(
                r"\b(?:DP|PT)\b", m.group("site")
            ):
                continue  # "pt felt dizzy": a patient, not a posterior tibial pulse
            value = "present" if m.group("absent") else "absent"
            if NO_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            a, b = m.start(), m.end()
            rule = f"foot pulse by its site {text[a:b]!r}"
            added.append(extracted(PULSES, value, a, b, text[a:b], rule))
    return [*items, *added]
