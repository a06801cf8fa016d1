"""A question about the alternative-diagnosis item, decided by the answer just after it (hW20,
issue 12 round 20; moved out of `legwise.intake.wells_compare`, which is at its size limit).

Telephone and teaching notes ask the item and answer it in the next words: "Something else as
likely? I don't think so.", "Is cellulitis more likely? Possibly.", "Anything more likely than
DVT? Honestly, no." The question alone states nothing; a "yes" keeps what it weighs, a "no"
denies it. Not a label's own answer (`wells_checklist` reads those). A reading rule only.
"""

from __future__ import annotations

import re

_LEAD = (
    r"[ \t]*(?:(?:honestly|frankly|really|realistically|clinically|well|on\s+balance|i\s+think)"
    r"[,:]?\s+)?"
)
ANSWER_NO = re.compile(
    _LEAD + r"(?:no\b|nope\b|nah\b|not\s+really|not\s+(?:that\s+)?i\s+(?:can\s+)?(?:see|think)"
    r"|(?:probably|possibly|maybe|likely)\s+not\b|(?:i\s+)?(?:don'?t|do\s+not)\s+(?:think|believe)"
    r"\s+so|(?:i\s+)?(?:think|believe|would\s+say)\s+(?:not|no)\b|unlikely|nil\b|none\b|nothing\b)",
    re.I,
)
ANSWER_YES = re.compile(
    _LEAD + r"(?:yes\b|yep\b|yeah\b|(?:quite\s+)?possibly|probably|maybe|i\s+think\s+so|perhaps)"
    r"(?!\s+not\b)",
    re.I,
)


# (hW21) the answer said as a clause of the next sentence, after its reason: "is a sprain as
# likely as a clot? A sprain doesn't make the calf 3 cm bigger, so no, no minus two.", "Cellulitis
# as likely? The skin is red and hot, so yes." (a bare "no" or "yes" standing as its own clause)
NEXT_SENTENCE = re.compile(r"[^.!?\n]*(?:\n(?![ \t]*\n)[^.!?\n]*){0,2}")
CLAUSE_ANSWER = re.compile(
    r"(?:^|[,;:\u2013\u2014]|\s-)\s*(?:so|then|therefore|hence|and)?[,\s]*(?P<a>no|yes)\s*(?:[,;.!]|$)",
    re.I,
)


def _later(plain: str, at: int) -> re.Match[str] | None:
    """A bare "no" or "yes" standing as a clause of the sentence after the question."""
    nxt = NEXT_SENTENCE.match(plain, at)
    if nxt is None or "?" in nxt.group(0):
        return None
    found = [m for m in CLAUSE_ANSWER.finditer(nxt.group(0)) if m.start() > 0]
    return found[0] if len(found) == 1 or len({m.group("a").lower() for m in found}) == 1 else None


def answered(plain: str, at: int, state: str, why: str, end: int) -> tuple[str | None, str, int]:
    """(state, why, end) of a question weighing another cause from the answer at `at`: the
    question's own reading for a yes, its opposite for a no (the answer in the span)."""
    if (no := ANSWER_NO.match(plain, at)) is not None:
        flipped = "absent" if state == "present" else "present"
        return flipped, f"a question answered {no.group(0).strip()!r} ({why})", no.end()
    if (yes := ANSWER_YES.match(plain, at)) is not None:
        return state, f"a question answered {yes.group(0).strip()!r} ({why})", yes.end()
    if (later := _later(plain, at)) is not None:
        said = later.group("a").lower()
        if said == "no":
            state = "absent" if state == "present" else "present"
        return state, f"a question answered later {said!r} ({why})", at + later.end("a")
    return state, why, end


def label_answered(sentence: str, alt_end: int) -> tuple[str, int] | None:
    """("no" or "yes", the answer's end) when the item is asked as a label that ends with a
    colon and the words after it open with an answer (hW22): "Another diagnosis which is as
    probable: I think not, an erysipelas is excluded", "Something else as likely: no - ..."."""
    colon = sentence.find(":", alt_end)
    if colon < 0:
        return None
    if (no := ANSWER_NO.match(sentence, colon + 1)) is not None:
        return "no", no.end()
    if (yes := ANSWER_YES.match(sentence, colon + 1)) is not None:
        return "yes", yes.end()
    return None
