"""Wells items denied by a sentence's verb: "They do not have X", "They have not been bedridden
recently or had major surgery within 12 weeks", "The patient has no X or Y".

Calculator output (MDCalc's "They have / They do not have ..." sentences) and templated notes
deny an item with the sentence's verb, and the denial covers every item the sentence lists, up
to a contrast ("but", "however") or a new clause (", and"). ConText reads a negation cue for a
few words only, so a second item in the same sentence ("... or had major surgery") was read as
present. Each such sentence decides the Wells items its words name (the item labels are data:
knowledge/intake/wells.yaml), in place of what phrases inside it gave for those items.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import LABELS, unabbreviated

SUBJECT = r"(?:they|he|she|the\s+patient|this\s+patient|patient|pt|the\s+pt)"
# "They do not have", "He has not been", "She doesn't have", "They have no", "Patient denies"
SUBJECTS = ("they ", " he ", " she ", "patient ", " pt ")
DENIALS = ("not", "n't", " no ", "neither", "never", "deni")
SENTENCE_END = re.compile(r"[.;!?\n](?!\d)")
DENIED = re.compile(
    rf"(?:^|(?<=[.;!?\n]))\s*{SUBJECT}\s+(?:(?:do|does|did|have|has|had|is|are|was|were)\s*(?:not|n't)"
    r"|(?:has|have|had)\s+(?:no|neither|never)|denies|denied|never)\b",
    re.I,
)
SCOPE_END = re.compile(
    r",\s*(?:and|but|while|whereas|though|although|however|yet|so)\b"
    r"|\band\s+(?:her|his|their|the|there|she|he|they|it|on|exam\w*)\b"
    r"|\b(?:but|however|although|though|whereas|except|yet|apart\s+from|other\s+than)\b",
    re.I,
)
PIECES = re.compile(r",|\bor\b|\bnor\b|\band\b|/", re.I)
ALTERNATIVE_ITEM = "alternative_diagnosis_likely"  # read by its own sentence reader


def denied_items(text: str) -> list[tuple[str, int, int]]:
    """(item, start, end) for each Wells item named in a sentence whose verb denies it."""
    out: list[tuple[str, int, int]] = []
    plain = unabbreviated(text)
    for head in DENIED.finditer(plain):
        stop = SENTENCE_END.search(plain, head.end())
        end = SCOPE_END.search(plain, head.end(), stop.start() if stop else len(plain))
        b = end.start() if end else stop.start() if stop else len(plain)
        for piece in PIECES.split(plain[head.end() : b]):  # each listed item: its first label
            item = next((i for i, p in LABELS if p.search(piece)), None)
            if item is not None and item != ALTERNATIVE_ITEM:
                out.append((item, head.start(), b))
    return out


def apply_denied(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with each Wells item a denying sentence names read absent in that sentence."""
    lower = " " + " ".join(text.lower().split())
    if not any(w in lower for w in SUBJECTS) or not any(w in lower for w in DENIALS):
        return items  # the cheap check first: a denying sentence needs both
    denied = denied_items(text)
    if not denied:
        return items
    kept = [
        i for i in items if not any(i.finding == item and a <= i.start < b for item, a, b in denied)
    ]
    for item, a, b in denied:
        kept.append(Extracted(item, "absent", a, b, text[a:b], "Wells: denied by the sentence"))
    return kept
