"""Less feeling said without the word "numb": a likeness of a thing that feels nothing ("my foot
feels like a lump of wood", "as if I'm walking in thick woolly socks", "my toes feel like
someone else's"), the feeling said to be less ("the feeling in his left foot is less than the
right", "the feeling in my toes isn't as good as it was") and a touch not placed ("had no idea
which toe I was squeezing").

Why: numbness_or_tingling asks about numbness, and its help says "Numbness means less feeling
than normal". First-contact readings of eleven writers (own_heldout6..23)
missed it in these shapes ("feels like wood", "like wearing thick socks", "feeling in foot is
little bit less", "couldn't tell which toe I was touching"). Here the likeness, the lessening
and the unplaced touch are word sets, so a new dead thing or a new comparative reads without a
new phrase.

Not read: a likeness of weight or hardness ("like lead", "like a rock": weakness or a cramp's
knot, not less feeling), a denial before the feeling ("doesn't feel like wood"), and a pulse or
a lump not felt by someone else (the object is not the writer's own feeling).

Source and review: hR27 (issue 12 round 27), from the finding's question and help text
(knowledge/findings/pattern.yaml) and docs/labelling.md; a reading rule only, no clinical fact.
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in
from legwise.intake.result import Extracted

FINDING = "numbness_or_tingling"
# every pattern below holds one of these (tests/intake/test_round27_recall.py proves it)
GATE = ("feel", "felt", "sensation", "which")
_DEAD = (
    r"(?:(?:a\s+)?(?:lump|block|piece|bit|plank)\s+of\s+wood|wood|wooden|rubber|rubbery"
    r"|cotton\s+wool|(?:\w+\s+)?(?:thick|woolly|wooly|padded)\s+(?:\w+\s+)?socks?|gloves?|mittens?"
    r"|someone\s+else'?s|somebody\s+else'?s|not\s+(?:mine|my\s+own|there|part\s+of\s+me)"
    r"|cardboard|plastic|after\s+the\s+dentist|novocaine|an\s+injection\s+at\s+the\s+dentist)"
)
LIKE = re.compile(
    r"\b(?:feels?|felt|feeling)\s+(?:\w+\s+)?(?:like|as\s+if|as\s+though)\b[^.;!?\n]{0,30}?"
    rf"\b{_DEAD}(?=\W|$)"
    r"|\b(?:feels?|felt)\s+(?:all\s+|a\s+bit\s+|quite\s+)?(?:rubbery|wooden)\b",
    re.I,
)
LESS = re.compile(
    r"\b(?:feeling|sensation)\s+(?:in|of|on|over|to)\s+(?:\w+\s+){1,3}?(?:is|'s|has\s+been|seems"
    r"|feels|got|gone|appears|was)\s+(?:a\s+(?:little\s+)?bit\s+|much\s+|little\s+bit\s+"
    r"|definitely\s+)?(?:less|reduced|duller|weaker|poorer|not\s+as\s+good|not\s+so\s+good|down"
    r"|decreased|diminished|impaired|lost)\b"
    r"|\b(?:feeling|sensation)\s+(?:in|of|on|over|to)\s+(?:\w+\s+){1,3}?(?:isn'?t|is\s+not"
    r"|'s\s+not)\s+(?:as|so)\s+good\b",
    re.I,
)
UNPLACED = re.compile(
    r"\b(?:no\s+idea|couldn'?t\s+tell|can'?t\s+tell|could\s+not\s+tell|cannot\s+tell"
    r"|didn'?t\s+know|did\s+not\s+know)\s+which\s+(?:toe|toes|foot|part|bit|side)\b",
    re.I,
)
DENIED = re.compile(r"(?:\bnot|n't|\bnever|\bno\s+longer)\s+(?:\w+\s+)?$", re.I)


def feeling_less(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with numbness_or_tingling `present` added when less feeling is said by a likeness,
    a lessening or an unplaced touch (see the module), and nothing else read the finding."""
    lower = text.lower()
    if text.isascii() and not any_in(lower, GATE):
        return items
    if any(i.finding == FINDING for i in items):
        return items
    for pattern in (LIKE, LESS, UNPLACED):
        for m in pattern.finditer(text):
            if DENIED.search(text, max(0, m.start() - 16), m.start()):
                continue
            if any(i.start <= m.start() and m.end() <= i.end for i in items):
                continue  # words read as another finding ("between my legs feels numb like ...")
            rule = "less feeling said by a likeness, a lessening or an unplaced touch"
            found = Extracted(FINDING, "present", m.start(), m.end(), m.group(0), rule)
            return sorted([*items, found], key=lambda i: i.start)
    return items
