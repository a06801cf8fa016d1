"""Relief said of walking or moving, in either order within a clause: "walking still brings
relief", "the only thing that shifts it is a walk round the block", "relieved for as long as she
keeps walking", "getting up and pottering about the kitchen helps", "I must stand up and walk,
then it goes quiet".

Why: relieved_by_movement asks "Does walking or moving your legs make it better, at least while
you keep moving?". The phrase data holds fixed pairs ("walking helps", "eases when I walk");
first-contact readings of eight writers (own_heldout9..23) missed the same
answer in other verbs and orders ("walking up and down the platform helps", "eased only while
she walks about", "I must stand up and walk, then it is quiet", "walking round the flat makes
it go"). Here a word of moving and a word of relief close together in one sentence give the
answer, whichever comes first.

Not read: relief by rest after walking (calf pain when walking that "eases once I stand still":
that is calf_pain_walking_relieved_by_rest), walking that makes it worse, a denial ("does
nothing to calm it", "doesn't help"), and relief by something else said between the two
("I walk with a stick and the tablets help").

Source and review: hR27 (issue 12 round 27), from the finding's question and help text
(knowledge/findings/pattern.yaml) and docs/labelling.md; a reading rule only, no clinical fact.
"""

from __future__ import annotations

import re

from legwise.intake.clauses import sentence_at, sentence_spans
from legwise.intake.fast_re import any_in
from legwise.intake.result import Extracted

FINDING = "relieved_by_movement"
# every MOVE match holds one of these (tests/intake/test_round27_recall.py proves it)
GATE = ("walk", "pac", "march", "potter", "lap", "get", "stand", "moving", "move", "stroll",
        "wander", "trudg", "stomp", "shuffl", "jog", "jiggl", "kick")  # fmt: skip
MOVE = re.compile(
    r"\b(?:walk(?:s|ing|ed)?|pac(?:e|es|ing)|march(?:es|ing)?|potter(?:s|ing)?(?:\s+about)?"
    r"|laps?\s+of|(?:keep(?:s|ing)?\s+)?moving"
    r"|move\s+(?:about|around|them|my\s+legs|his\s+legs|her\s+legs)|strolls?|wander(?:s|ing)?"
    r"|trudg(?:e|es|ing)|stomp(?:s|ing)?|shuffl(?:e|es|ing)|jog(?:s|ging)?|jiggl(?:e|es|ing)"
    r"|kick(?:s|ing)?\s+(?:them|my\s+legs|his\s+legs|her\s+legs)(?:\s+about|\s+around)?)\b",
    re.I,
)
RELIEF = re.compile(
    r"\b(?:helps?|helped|helping|eas(?:e|es|ed|ing)|relie(?:f|ved|ves)|better|improv(?:e|es|ed)"
    r"|settles?|settled|calms?|calmed|sooth(?:e|es|ed)|shifts?\s+it|sorts?\s+it(?:\s+out)?"
    r"|makes?\s+it\s+(?:go|stop|settle|better)|goes\s+(?:away|off|quiet)|go\s+(?:away|off|quiet)"
    r"|fades?|disappears?|passes|stops\s+it|stop\s+it|stopped\s+it|(?:is|goes|go|went)\s+quiet)\b",
    re.I,
)
# words between the two, or just after the relief, that make it another answer
BLOCK = re.compile(
    r"\b(?:not|no|nothing|never|nor|without|worse|rest(?:ing|s)?|sit(?:s|ting)?|sat|lie|lying"
    r"|lay|still\s+for|stand(?:ing)?\s+still|stop(?:s|ped|ping)?(?:\s+walking)?|pause|tablets?"
    r"|pills?|painkillers?|ibuprofen|paracetamol|cream|heat|ice|massage|stick|frame|pull(?:ing)?"
    r"|push(?:ing)?|stretch(?:ing)?|bend(?:ing)?|lean(?:ing)?|wont|dont|doesnt|cant)\b|n't\b",
    re.I,
)
AFTER_REST = re.compile(
    r"[^.;,!?\n]{0,30}?\b(?:rest(?:ing)?|stand(?:ing)?\s+still|stop(?:ping)?|sit(?:ting)?|sat|lie"
    r"|lying|pause)\b",
    re.I,
)
# the moving word as the pain's condition or stopped: "it hurts when I walk", "stopped walking"
BEFORE_MOVE = re.compile(
    r"(?:\b(?:hurts?|hurting|pain(?:ful)?|aches?|aching|cramps?|worse|sore|stop(?:s|ped|ping)?"
    r"|after|not|no|can'?t|cannot)\b|n't)[^.;,!?\n]{0,14}$",
    re.I,
)
# relief said before the moving word needs the moving word as its condition or its subject
# ("eases only while she walks", "the only thing that shifts it is a walk"), not a next event
# ("the pain goes off and he can walk again")
CONDITION = re.compile(
    r"^[^,;]{0,20}?\b(?:when|whenever|while|whilst|if|once|as\s+long\s+as|by|is|was)\b", re.I
)
REACH = 60  # characters between the moving word and the relief word


def movement_relief(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with relieved_by_movement `present` added when a word of moving and a word of
    relief stand close in one sentence (see the module), and nothing else read the finding."""
    lower = text.lower()
    if text.isascii() and not any_in(lower, GATE):
        return items
    if any(i.finding == FINDING for i in items):
        return items
    spans = sentence_spans(text)
    for mv in MOVE.finditer(text):
        k = sentence_at(text, mv.start())
        if k < 0:
            continue
        a, b = spans[k]
        if BEFORE_MOVE.search(text, max(a, mv.start() - 30), mv.start()):
            continue
        for rl in RELIEF.finditer(text, max(a, mv.start() - REACH), min(b, mv.end() + REACH)):
            lo, hi = (mv.end(), rl.start()) if rl.start() > mv.start() else (rl.end(), mv.start())
            if rl.start() < mv.start() and not CONDITION.match(text[lo:hi]):
                continue
            before = max(a, rl.start() - 12)  # "nothing helps", "doesn't ease"
            if BLOCK.search(text, lo, hi) or BLOCK.search(text, before, rl.start()):
                continue
            if AFTER_REST.match(text, rl.end()):
                continue
            s, e = min(mv.start(), rl.start()), max(mv.end(), rl.end())
            rule = "relief said of walking or moving in its sentence"
            found = Extracted(FINDING, "present", s, e, text[s:e], rule)
            return sorted([*items, found], key=lambda i: i.start)
    return items
