"""The Wells cast-or-paralysis item read from how clinicians record a weak or paralysed leg.

Why: phrase lists hold the words for paralysis someone has seen ("hemiplegia", "paresis of the
leg"); stroke, spinal and neurology notes record the same thing in their own shorthand, which no
list of words covers: a muscle power grade for the leg ("left arm and leg 3/5", "power in the
right leg 2/5", "LL power 0/5"), a spinal cord injury graded on the ASIA impairment scale ("T6
AIS A", "C5 ASIA B": A to D lose motor or sensory function below the level; E is normal), and the
family of words built on -plegia / -paresis with a prefix that takes in the legs (para-, tetra-,
quadri-, hemi-, di-: "tetraplegic", "paraparesis", "spastic diplegia"). Each is read here as the
item's concept (Wells 2003: "paralysis, paresis or recent plaster immobilisation of the lower
extremities"), unless its clause denies it. A power grade below 5 is paresis; 5/5 is not read
(normal power is no reading of the item). A reading rule only: no clinical fact is new.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.result import Extracted

ITEM = "leg_cast_or_paralysis"
_LEG = (
    r"(?:legs?|lower\s+(?:limbs?|extremit(?:y|ies))|(?-i:LLs?|LEs?|LLE|RLE|BLE)|hip\s+flex\w*"
    r"|knee\s+(?:flex\w*|ext\w*)|ankle\s+(?:dorsi\w*|plantar\w*)|quads?|quadriceps|hamstrings?"
    r"|dorsiflexion|plantarflexion)"
)
# a grade out of 5 below 5 ("3/5", "0/5", "4-/5", "4+/5"); not "3/52" (weeks), not "4/5 days"
_GRADE = r"(?<![\d/.])[0-4]\s*[+-]?\s*/\s*5(?!\d|/|\.\d)(?!\s*(?:days?|weeks?|times|nights?))"
# the leg, then within a few words its grade: "left arm and leg 3/5", "LL power 2/5 bilaterally",
# "power in the right leg is 3/5"; or the grade, then the leg: "3/5 power in the left leg"
LEG_GRADE = re.compile(
    rf"\b{_LEG}\b(?P<gap>[^.;\n\d]{{0,30}}?){_GRADE}"
    rf"|{_GRADE}(?P<gap2>[^.;\n\d]{{0,25}}?)\b{_LEG}\b",
    re.I,
)
NOT_POWER = re.compile(r"\b(?:pain|score|severity|vas|nrs|tender\w*|ache)\b", re.I)
# a spinal cord injury graded A-D on the ASIA impairment scale (the grade letter in capitals)
# (the scale's name in capitals, as written: "flew back from Asia A week ago" is no grade)
SPINAL = re.compile(
    r"\b(?-i:AIS|ASIA)(?:\s+(?:grade|impairment\s+scale))?\s*[:=]?\s*(?-i:[A-D])(?![\w&])",
    re.I,
)
# the -plegia / -paresis words whose prefix takes in the legs (not "gastroparesis", "ophthalmo-")
PLEGIA = re.compile(
    r"\b(?:para|tetra|quadri|hemi|di)[\s-]?(?:pleg(?:ia|ic|ics)|pare(?:sis|tic))\b", re.I
)
DENIED = re.compile(
    r"\b(?:no|not|without|nil|denies|denied|never|neither|nor|absent|resolved|recovered|excluded"
    r"|mum|mother|father|dad|wife|husband|brother|sister|son|daughter)\b|n't\b",
    re.I,
)
RESOLVED = re.compile(r"\b(?:resolved|recovered|excluded|ruled\s+out)\b", re.I)
CLAUSE_BREAK = ".;\n,"
WHY = "Wells: a paralysed or weak leg (power grade, cord injury grade, -plegia)"
CLOT_WORDS = ("dvt", "wells", "clot", "thromb", "vte")
WORDS = ("/5", "ais", "asia", "pleg", "pare")


def _clause_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in CLAUSE_BREAK) + 1


def read_paresis(text: str, lower: str) -> Iterator[Extracted]:
    """leg_cast_or_paralysis present for a leg's power grade below 5, a spinal cord injury
    graded A-D, or a -plegia / -paresis word that takes in the legs."""
    if not any(w in lower for w in WORDS) or not any(w in lower for w in CLOT_WORDS):
        return  # a note that weighs a clot only: a power grade in a nerve or spine story is not
        # this item's business (its own findings, leg weakness and foot drop, read it)
    for m in [*LEG_GRADE.finditer(text), *SPINAL.finditer(text), *PLEGIA.finditer(text)]:
        start = _clause_start(text, m.start())
        if DENIED.search(text, start, m.start()):
            continue  # "no hemiparesis", "not paraplegic"
        if m.re is LEG_GRADE and NOT_POWER.search(text, start, m.end()):
            continue  # "leg pain 4/5", "pain 3/5 in the leg": a score, not power
        if m.re is PLEGIA and RESOLVED.search(text[m.end() : m.end() + 25].split(".")[0]):
            continue  # "hemiparesis, now resolved"
        yield Extracted(ITEM, "present", m.start(), m.end(), m.group(0), WHY)
