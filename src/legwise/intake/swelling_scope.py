"""A swelling said of a joint, or of the legs in the plural, is no swelling of ONE leg.

`one_leg_swollen` asks "Is one leg more swollen than the other?" and the Wells pitting item asks
about the symptomatic leg only. Two scopes of a swelling word answer neither, and both sent a
venous-insufficiency stem or a child's septic knee to the DVT emergency level (hT11, issue 12
round 11, from own_heldout10's misses h10s_28, h10s_12 and two lay texts):

- a JOINT: "my knee is swollen", "a swollen knee", "the knee looks puffy", "swelling of the
  hip". A joint's swelling is the hot, swollen joint question's when heat or redness is said
  (compose_lay.yaml: hot_swollen_joint), not a swollen leg: the reading is dropped (not made
  absent: the leg itself was not described). A joint named as a place on the leg ("swollen
  below the knee", "oedema to the knee", "from the knee down", "behind the knee") is no joint
  swelling, and a leg site beside it ("knee and calf swollen") keeps the reading.
- the legs in the PLURAL, with no side named: "heavy aching legs with ankle swelling", "my legs
  swell in the heat", "my feet are swollen". A swelling of both legs is no difference between
  them, as `legwise.intake.bilateral` reads "both legs" and "bilateral": the reading becomes
  absent. A singular leg site in the sentence ("legs ache, the calf is swollen"), a side or a
  comparison (bilateral.ONE_SIDE: "left", "more than", "L>R") keeps it. A singular site used as
  a noun before another noun ("ankle swelling", "leg oedema", "calf pain") says no number.

Source and review: hT11 (2026-12-05), a reading rule checked against one_leg_swollen's and
pitting_edema_symptomatic_leg's questions and help text (compare one leg with the other) and
hot_swollen_joint's (a joint: knee, ankle or hip); no clinical fact. Measured readings (a calf
difference in cm), Wells checklist answers and numbers are left alone, as in `bilateral`.
"""

from __future__ import annotations

import re

from legwise.intake.bilateral import BOTH, ITEM_END, ONE_SIDE, SENTENCE
from legwise.intake.context_lists import one_side_only
from legwise.intake.result import Extracted

READ = ("phrase ", "absent phrase ")  # phrase and composed readings, not numbers or Wells

# a leg site: singular, plural, or a joint
SINGULAR = r"leg|limb|calf|shin|ankle|foot|thigh|heel|instep|lower\s+leg|lower\s+limb"
PLURAL = r"legs|limbs|calves|shins|ankles|feet|thighs|heels|lower\s+legs|lower\s+limbs"
JOINT = r"knees?|hips?|joints?|knee\s+joint|ankle\s+joint|toe\s+joint|big\s+toe\s+joint|bunion"
SITE = re.compile(
    rf"\b(?:(?P<joint>{JOINT})|(?P<plural>{PLURAL})|(?P<singular>{SINGULAR}))\b", re.I
)
# a site named as a place on the leg ("below the knee", "to the knees", "from the knee down",
# "behind the R knee", "the back of my daughter's knee")
PLACE = re.compile(
    r"\b(?:below|above|behind|beneath|under|underneath|to|up\s+to|from|past|round|around|over"
    r"|at|towards|beyond|level\s+of|back\s+of)\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+|both\s+)?"
    r"(?:[a-z]+'s\s+)?(?:left\s+|right\s+|l\s+|r\s+|lt\s+|rt\s+)?$",
    re.I,
)
# "from the knee down"; hL12: a joint word in a garment's name is no joint ("my knee-high sock
# leaves a deep groove", "knee length stockings", "a knee brace")
DOWN = re.compile(
    r"^[\s-]*(?:down|up|level|high|length|deep|socks?|stockings?|boots?|brace|support)\b", re.I
)
# a singular site used as a noun before another noun says no number ("ankle swelling")
ADJUNCT = re.compile(
    r"^[\s-]*(?:swelling|oedema|edema|pain|pains|ache|aches|aching|cramps?|heaviness|ulcers?"
    r"|ulceration|pulses?|jerks?|reflex(?:es)?|veins?|circumferences?|girths?|measurements?"
    r"|elevation|raises?|exercises?|stretch(?:es)?|problems?|symptoms?)\b",
    re.I,
)


def _sites(text: str, a: int, b: int) -> set[str]:
    """The kinds of leg site named in text[a:b] ("joint", "plural", "singular"); a site named
    as a place on the leg, and a singular site used as a noun before a noun, say none."""
    kinds: set[str] = set()
    for m in SITE.finditer(text, a, b):
        if PLACE.search(text[max(a, m.start() - 40) : m.start()]) or DOWN.match(text[m.end() : b]):
            continue  # a place on the leg, not what is swollen
        kind = str(m.lastgroup)
        if kind == "singular" and ADJUNCT.match(text[m.end() : b]):
            continue  # "ankle swelling": no number
        kinds.add(kind)
    return kinds


# hT16 (issue 12 round 16): a swelling whose sentence names no leg site at all ("She has
# bilateral varicose veins, ankle oedema by the evening") takes the number of the whole text:
# a text that speaks of the legs in the plural or of both sides and names no single leg, side
# or difference anywhere ("heavy, aching legs ... feet up") is not read as ONE swollen leg
# (own_heldout15 h15s_29, a venous-insufficiency stem sent to the DVT emergency level). The
# reading is dropped, not made absent: a plural elsewhere in the text does not deny one swollen
# leg as a plural in the swelling's own sentence does, so the question stays open. A site
# word used as a noun before another noun ("calf tenderness", "foot pulses") says no number.
TEXT_SIDE = re.compile(
    r"\b(?:left|right|lt|rt|l|r|unilateral(?:ly)?|asymmetric(?:al|ally)?|one\s+(?:leg|limb|calf"
    r"|side|foot|ankle|shin|thigh)|the\s+other|affected|symptomatic)\b|[<>]",
    re.I,
)
NO_NUMBER = re.compile(r"^[\s-]*tenderness\b", re.I)
# hT21 (issue 12 round 21): a swelling already read as of both legs (made absent above or by
# `bilateral`) and named again later with no leg site and no side ("her ankles swell each
# evening ... amlodipine, which may add to the ankle swelling") is the same swelling: the later
# mention is dropped. A side elsewhere in the text (varicose veins "worse on the right") is no
# side of this swelling (own_heldout20 h20s_30, a venous stem sent to the DVT emergency level).
BOTH_READ = ("+ both sides", "+ legs in the plural")


def _legs_of_text(text: str) -> bool:
    """Whether the text speaks of both legs (plural or both sides) and of no single leg."""
    if TEXT_SIDE.search(text) is not None:
        return False
    kinds = {
        str(m.lastgroup)
        for m in SITE.finditer(text)
        if not (m.lastgroup == "singular" and NO_NUMBER.match(text[m.end() :]))
        and not (m.lastgroup == "singular" and ADJUNCT.match(text[m.end() :]))
    }
    return "singular" not in kinds and ("plural" in kinds or BOTH.search(text) is not None)


def scoped_swelling(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with a one-leg swelling said of a joint dropped, one said of the legs in the
    plural made absent, and one with no site in a text about both legs dropped (see above)."""
    sided = one_side_only()
    if not any(i.finding in sided and i.value == "present" for i in items):
        return items
    spans = [m.span() for m in SENTENCE.finditer(text)]
    both_read = {
        i.finding for i in items if i.value == "absent" and any(w in i.rule for w in BOTH_READ)
    }
    out: list[Extracted] = []
    for i in items:
        if i.finding not in sided or i.value != "present" or not i.rule.startswith(READ):
            out.append(i)
            continue
        a, b = next(((s, e) for s, e in spans if s <= i.start < e), (i.start, i.end))
        starts = [m.end() for m in ITEM_END.finditer(text, a, i.start)]
        after = ITEM_END.search(text, i.end, b)  # the list item of the reading (bilateral._item)
        kinds = _sites(text, starts[-1] if starts else a, after.start() if after else b)
        whole = _sites(text, a, b)
        if not kinds:
            kinds = whole
        if kinds == {"joint"}:
            continue  # "my knee is swollen": a joint, not the leg
        if "plural" in whole and "singular" not in whole and ONE_SIDE.search(text[a:b]) is None:
            why = f"{i.rule} + legs in the plural (sentence: {text[a:b].strip()[:40]!r})"
            out.append(Extracted(i.finding, "absent", i.start, i.end, i.text, why))
            both_read.add(i.finding)
            continue
        unsided = "singular" not in whole and ONE_SIDE.search(text[a:b]) is None
        if i.finding in both_read and unsided:
            continue  # the swelling of both legs named again
        if not whole and _legs_of_text(text):
            continue  # unread, not absent: the text's number is weaker evidence than the sentence's
        out.append(i)
    return out
