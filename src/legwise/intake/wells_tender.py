"""Wells item "localised tenderness along the deep venous system" read from its sentence
(split from `legwise.intake.wells_values`, hW14 round 14: that module grew past 400 lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.clauses import clause_start
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_calf_sides import unwrapped
from legwise.intake.wells_values import JOIN

# "Tender along L popliteal/femoral vein", "tenderness over the course of the deep veins", "tender
# on the vein behind the knee": Wells' "localised tenderness along the distribution of the deep
# venous system", read from the words tender + along/over/on + a vein named within a few words
# (not a superficial or varicose one), unless its clause denies it.
# (hW9, round 9: "TTP over L femoral vein", tenderness to palpation; "over the line of the deep
# veins", "Tender along the inner calf / deep veins": the same item, own_heldout8 h8w_03/14)
_TENDER = r"\b(?:tender(?:ness)?|ttp)"
# (hW20) pain on pressing said for the tender word: "painful to palpate along the femoral vein"
# (hW21) and a reaction to the pressing, in any tense: "winced when I pressed along the deep
# veins", "flinched as I palpated over the femoral vein", "it hurt when pressed along the vein"
_REACT = (
    r"\b(?:winc\w*|flinch\w*|grimac\w*|hurt\w*|sore|pain(?:ful)?|discomfort)\s+(?:on|to|when|with|if"
    r"|as)\s+(?:[\w']+\s+){0,3}?(?:press\w*|palpat\w*|touch\w*|squeez\w*)"
)
_SORE = (
    r"(?:\b(?:tender(?:ness)?|ttp)|\bpain(?:ful)?\s+(?:on|to|with)\s+(?:deep\s+)?(?:palpat\w*|press\w*"
    rf"|touch)|{_REACT})"
)
_COURSE = r"(?:(?:course|line|length|distribution|path|track)\s+of\s+(?:the\s+)?)?"
# (hW14, round 14: a word of finding between, "Tenderness elicited along the course of the deep
# veins", "tender on palpation along the femoral vein")
_FOUND = r"(?:\s+(?:elicited|noted|found|present|demonstrated|(?:on|to)\s+palpation))?"
TENDER_VEIN = folded(
    rf"{_SORE}{_FOUND}(?:\s*[:=]\s*|\s+)(?:is\s+)?(?:along|over|on|at|of|in|to)\s+(?:the\s+)?"
    rf"{_COURSE}"
    r"(?P<gap>(?:[\w/'-]+\s+){0,3}?)(?:veins?|venous\s+system)\b",
    re.I,
)
# (a tender cord along a vein is superficial thrombophlebitis, not the deep veins)
# (hW20: a word of finding between, "Tender to palpation along the posterior calf over the deep
# veins", as TENDER_VEIN has it)
# a label with the place as its value: "Tenderness: along the popliteal fossa and medial calf over
# the deep veins", "tender along the back of the calf over the deep veins"
TENDER_DEEP = folded(
    rf"{_TENDER}\b{_FOUND}\s*[:=-]?\s*(?:is\s+)?(?:along|over|on|at|in|behind|around)\b"
    rf"(?P<gap>[^.;,\n|]{{0,60}}?)(?:\b(?:along|over|of|on)\s+(?:the\s+)?{_COURSE}|\s/\s*)"
    r"deep\s+(?:veins?|venous\s+system)\b",
    re.I,
)
# a deep vein named without the word "vein": "tender L popliteal", "TTP over the R common femoral",
# "pressure pain along the V. femoralis", "pain on palpation over the femoral" (hW11, round 11;
# the item's help: press along the inner thigh and behind the knee; not an artery, pulse or nerve)
TENDER_NAMED = folded(
    rf"(?:{_TENDER}|\bpressure\s+pain|\bpain(?:ful)?\s+(?:on|to)\s+(?:palpation|pressure))\s*[:=]?"
    r"\s*(?:(?:along|over|on|at|in)\s+)?(?:the\s+)?(?P<gap>(?:(?:l|r|lt|rt|left|right)\s+)?)"
    r"(?:v\.?\s*(?:femoralis|poplitea)|(?:common\s+|superficial\s+)?femoral|popliteal"
    r"|posterior\s+tibial)\b(?!\s+(?:artery|arteries|pulses?|nerve|hernia|head|neck|fracture|(?:fossa\s+)?"
    r"(?:mass|swelling|cyst|lump)))",
    re.I,
)
# a label, a place, then the vein: "Tenderness: medial thigh, along the femoral vein"
TENDER_LABEL = re.compile(
    r"\btender(?:ness)?\s*[:=-]\s*(?P<gap>[^.;\n|:]{0,50}?)\b(?:along|over|of|on)\s+(?:the\s+)?"
    r"(?:course\s+of\s+(?:the\s+)?)?(?:deep|femoral|popliteal|tibial|peroneal|iliac)\s+"
    r"(?:veins?|venous\s+system)\b",
    re.I,
)
NOT_DEEP = re.compile(
    r"\b(?:superficial|varicos\w*|saphenous|spider|thread|cord\w*|hard|thrombosed|red|inflamed)\b|cord",
    re.I,
)
# (lead, round 22: "Palpation of the calf and popliteal fossa is painless" denies it too)
NOT_TENDER = re.compile(  # (hW19: "Nothing tender along the veins", "nowhere tender over ...")
    r"\b(?:no|not|non|without|nil|denies|absent|neither|nor|never|nothing|none|nowhere"
    r"|painless|pain-?free)\b|n't\b",
    re.I,
)
TENDER_ITEM = "deep_vein_tenderness"

# The deep veins named by where they run, not by the word "vein" (hW17, round 17): "tender along
# the middle of the calf and behind the knee", "tender in the groin and inner thigh", "it hurts
# when she presses along the inner thigh and the back of the knee". The item's help says where to
# press (along the inner thigh and behind the knee: the femoral and popliteal veins; the groin is
# the common femoral, the middle and back of the calf its deep veins); a bare "calf tender" names
# no course and is not read. Tenderness is a tender word, or pain said on pressing or touching.
_SIDE = r"(?:(?:l|r|lt|rt|left|right)\s+)?"
_PLACE = (
    rf"(?:behind|back\s+of)\s+(?:the\s+|his\s+|her\s+)?{_SIDE}knees?"
    r"|popliteal(?:\s+(?:fossa|space|area|region))?"
    rf"|(?:inner|medial)\s+(?:(?:aspect|side|part|border|edge)\s+of\s+(?:the\s+|his\s+|her\s+)?)?"
    rf"{_SIDE}(?:thigh|calf)"
    # (hW18) "along the inside of her thigh", "the inside of the left calf"
    rf"|inside\s+of\s+(?:the\s+|his\s+|her\s+|their\s+)?{_SIDE}(?:thigh|calf)"
    r"|groin|femoral\s+(?:triangle|canal)|adductor\s+canal"
    rf"|(?:middle|centre|center|midline|back)\s+of\s+(?:the\s+|his\s+|her\s+)?{_SIDE}calf"
    # pressed deep into the calf, where its deep veins run (hW19): "tender on deep palpation of
    # the calf", "tenderness to deep pressure over the L calf"
    rf"|deep\s+(?:palpation|pressure)\s+(?:of|over|on|in|into)\s+(?:the\s+|his\s+|her\s+)?{_SIDE}calf"
)
_PRESSED = (
    r"\b(?:tender(?:ness)?|ttp|sore\s+(?:to|on)\s+(?:touch|pressure|palpation)"
    r"|(?:pain(?:ful)?|hurt\w*|discomfort|winc\w*|sore|flinch\w*|grimac\w*)"
    r"\s+(?:on|to|when|with|if|as)\s+"
    r"(?:[\w']+\s+){0,3}?(?:press\w*|palpat\w*|touch\w*|squeez\w*))"
)
TENDER_PLACE = folded(
    rf"{_PRESSED}{_FOUND}\s*[:=-]?\s*(?:is\s+)?(?P<gap>(?:(?:along|over|in|at|on|of|to|into|up)"
    rf"\b[^.;,\n|]{{0,30}}?)?)\b(?:{_PLACE})\b"
    rf"|\b(?:{_PLACE})\s+(?:is\s+|was\s+|are\s+|were\s+)?(?:very\s+|mildly\s+|markedly\s+)?"
    r"tender\b(?P<gap2>)",
    re.I,
)
# another thing tender there: a lump, a node, a wound, a bruise, a tendon (not the veins)
NOT_VEIN_PLACE = re.compile(
    r"\b(?:pulses?|arter\w*|nerves?|lymph\w*|nodes?|glands?|hernia\w*|mass|cysts?|lumps?|baker\w*"
    r"|wounds?|scars?|incision\w*|bruis\w*|ha?ematoma\w*|tendons?|hamstring\w*|joint|muscle\w*"
    r"|bone|fracture|ulcer\w*|abscess\w*|rash|cellulitis|red\w*)\b",
    re.I,
)
NEXT_THING = re.compile(r"\s+(?:fossa\s+)?(?:swelling|effusion|mass|cyst|lump|bulge)", re.I)
# the words any reading here needs, tried first (`legwise.intake.wells.apply_wells`)
TENDER_WORDS = ("tender", "painful", "ttp", "pressure pain", "palpation", "press", "hurt", "sore",
                "touch", "squeez")  # fmt: skip
PLACE_WORDS = ("vein", "venous", "femoral", "poplit", "posterior tibial", "knee", "groin",
               "thigh", "of the calf", "of his calf", "of her calf", "deep palp",
               "deep pressure")  # fmt: skip


def may_tender(lower: str) -> bool:
    """Whether lower-cased text holds a tender word and a deep vein or where one runs."""
    return any(w in lower for w in TENDER_WORDS) and any(w in lower for w in PLACE_WORDS)


# the veins as the subject: "the deep veins are not tender", "the deep vein is not painful"
# (hW14, round 14: with the place named and no verb, "Deep calf veins tender to palpation")
VEIN_TENDER = re.compile(
    r"\bdeep\s+(?:(?:calf|thigh|leg|femoral|popliteal)\s+)?(?:venous\s+system|veins?)\s+"
    r"(?:(?:is|are|was|were)\s+(?P<no>not\s+|non-?)?(?:tender|painful|sore)\b"
    # with no verb, only as a statement that ends there or goes on with where it was felt (not
    # a label or a column: "Deep vein tender .. not assessable", "DEEP_VEIN_TENDER, PITTING")
    r"|(?P<no2>non-?)?(?:tender|painful|sore)\b"
    r"(?=[ \t]*(?:\.(?!\.)|[;)\n]|$|(?:to|on)\s+palpation)))",
    re.I,
)


def read_vein_tenderness(text: str, items: list[Extracted]) -> Iterator[Extracted]:
    """deep_vein_tenderness present or absent for "tender along ... vein" that no reader read."""
    found: list[Extracted] = []
    for m in VEIN_TENDER.finditer(text):
        state = "absent" if m.group("no") or m.group("no2") else "present"
        found.append(Extracted(TENDER_ITEM, state, m.start(), m.end(), m.group(0),
                               f"Wells: the deep veins tender or not ({state})"))  # fmt: skip
    places = list(TENDER_PLACE.finditer(text))  # (a folded pattern: its matches' .re is not it)
    for m in [
        *TENDER_VEIN.finditer(text),
        *TENDER_DEEP.finditer(text),
        *TENDER_LABEL.finditer(text),
        *TENDER_NAMED.finditer(text),
        *places,
    ]:
        gap = m.group("gap") if m.group("gap") is not None else m.group("gap2")
        if places and any(m is p for p in places) and _not_veins(text, m, gap):
            continue
        if NOT_DEEP.search(gap) or any(
            i.finding == TENDER_ITEM and i.start < m.end() and m.start() < i.end for i in items
        ):
            continue
        start = clause_start(text, m.start(), ".;,\n|")
        clause = JOIN.split(text[start : m.start()])[-1]
        said = clause + " " + gap
        state = "absent" if NOT_TENDER.search(said) else "present"
        found.append(Extracted(TENDER_ITEM, state, m.start(), m.end(), m.group(0),
                               f"Wells: tenderness along a deep vein ({state})"))  # fmt: skip
    yield from found
    yield from read_pressed_clause(text, [*items, *found])


# (hW22) the three parts of the sign in any order within one sentence: the pressing, the
# reaction to it and where the deep veins run, "Grimaces when the popliteal fossa and medial calf
# are pressed along the veins", "on pressing behind the knee and along the inner thigh she
# winces": read when no pattern above read the sentence (a hard-wrapped line does not end it)
PRESSING = folded(r"(?<!blood\s)\b(?:press\w*|palpat\w*|squeez\w*|compress\w*)", re.I)
REACTION = re.compile(
    r"\b(?:tender\w*|ttp|winc\w*|grimac\w*|flinch\w*|hurt\w*|pain\w*|sore\w*|discomfort"
    r"|withdr[ae]w\w*|jump\w*|cr(?:y|ies|ied)\s+out|yelp\w*|groan\w*|moan\w*)",
    re.I,
)
# a bare "veins" is the place pressed only after "deep" or a place word ("pressed along the
# veins") or as what is tender ("Veins not tender to palpation"): "tender on palpation,
# collateral veins present" names another item's veins
VEIN_PLACE = re.compile(
    rf"\b(?:{_PLACE})\b|\bdeep\s+(?:veins?|venous\s+system)\b"
    r"|\b(?:along|over|down|following)\s+(?:the\s+|his\s+|her\s+)?(?:course\s+of\s+the\s+)?"
    r"(?!(?:collateral|dilated|engorged|distended|prominent|visible|superficial)\b)(?:\w+\s+)?"
    r"(?:veins?|venous\s+system)\b"
    r"|\bveins?(?=\s+(?:(?:are|were|is|was)\s+)?(?:not\s+|non-?)?(?:tender|sore|painful)\b)",
    re.I,
)
CLAUSE = re.compile(r"[^.;,!?\n]+")
# the tender word with its preposition (not "tender fullness in ...", "tender red cord along ..."),
# then further on in its comma-free clause a preposition and the deep vein's place: "tender over
# the L medial gastrocnemius belly and along the popliteal vein"
TENDER_FAR = folded(
    r"\b(?:tender(?:ness)?|ttp)(?:\s+(?:to|on)\s+(?:palpation|touch|pressure))?\s+"
    r"(?:(?:along|over|behind|in|at|on|around)\b[^,.;:\n]{0,60}?\b)?"
    rf"(?P<at>along|over|behind|in|at|on)\s+(?:the\s+)?"
    rf"{_SIDE}(?:{_PLACE}|(?:deep\s+)?(?:\w+\s+)?veins?)\b",
    re.I,
)


def read_pressed_clause(text: str, items: list[Extracted]) -> Iterator[Extracted]:
    """deep_vein_tenderness for a sentence holding a pressing, a reaction and a deep vein's
    place (in any order) that no other reading here covers."""
    for c in CLAUSE.finditer(unwrapped(text)):
        said = checked = c.group(0)
        if not (PRESSING.search(said) and REACTION.search(said)):
            far = TENDER_FAR.search(said)
            if far is None:
                continue
            # (what lies before the vein's place may be another tender thing: "calf muscle")
            said, checked = said[: far.end()], far.group(0)[far.start("at") - far.start() :]
        if not VEIN_PLACE.search(checked) or NOT_DEEP.search(checked):
            continue
        if checked is said and not _place_pressed(said):
            continue  # "tender to squeeze and the whole leg up to the groin is swollen"
        if NOT_VEIN_PLACE.search(checked):
            continue
        a, b = c.start() + len(said) - len(said.lstrip()), c.end()
        if any(i.finding == TENDER_ITEM and i.start < b and a < i.end for i in items):
            continue
        state = "absent" if NOT_TENDER.search(said) else "present"
        why = f"Wells: pressing where the deep veins run, and a reaction ({state})"
        yield Extracted(TENDER_ITEM, state, a, b, text[a:b], why)


SWELL_BETWEEN = re.compile(
    r"\b(?:swell\w*|swollen|o?edema\w*|oedema\w*|puff\w*|whole|entire)\b", re.I
)


def _place_pressed(said: str) -> bool:
    """Whether a deep vein's place lies within a few words of the pressing or the reaction,
    with no swelling said between or after it (the place is then where it was pressed)."""
    cues = [m.span() for r in (PRESSING, REACTION) for m in r.finditer(said)]
    for p in VEIN_PLACE.finditer(said):
        if SWELL_BETWEEN.match(said[p.end() :].lstrip(), 0) or re.match(
            r"\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:swollen|swelling|puffy)", said[p.end() :]
        ):
            continue
        for a, b in cues:
            gap = said[b : p.start()] if b <= p.start() else said[p.end() : a]
            if len(gap) <= 40 and not SWELL_BETWEEN.search(gap):
                return True
    return False


def _not_veins(text: str, m: re.Match[str], gap: str) -> bool:
    """Whether what is tender at the place is another thing named near it ("tender over the
    bruise in the groin", "tender behind the knee over a Baker's cyst")."""
    end = min((e for e in (text.find(c, m.end()) for c in ".;,\n|") if e >= 0), default=len(text))
    if NEXT_THING.match(text, m.end()):
        return True  # "a tender popliteal swelling": the swelling is tender
    return NOT_VEIN_PLACE.search(gap + " " + text[m.end() : min(end, m.end() + 30)]) is not None
