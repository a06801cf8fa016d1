"""The alternative-diagnosis item said as how WELL another cause explains the leg compared with
the clot (hW24, issue 12 round 24).

First-contact misses of the alternative item recur across writers as a verb of explaining with a
degree and the clot after "than" or "as": "fits this much less well than a DVT", "accounts for
the picture no less well than a DVT does", "explains it worse than a clot would", "matches the
findings more closely than a clot". Rounds before added each wording; this reads the grammar:
an explaining verb, a few words, a degree, then the clot. A degree below the clot's ("less
well", "worse", "less convincingly") leaves the clot the likelier: the item is absent. A degree
at or above it ("no less well", "better", "more closely") makes the other cause at least as
likely: present (Wells 2003: -2 when an alternative diagnosis is at least as likely as DVT).
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in

# the clot, as `wells_compare` (which reads it from here) names it
CLOT = r"(?:dvt|vte|clot|thrombus|thrombosis|deep\s+vein\s+thrombosis|venous\s+thrombosis)"
EXPLAINING = (
    r"(?:explain(?:s|ed|ing)?|accounts?\s+for|accounted\s+for|fit(?:s|ted|ting)?|match(?:es|ed)?"
    r"|suits?)"
)
# what each EXPLAINING verb starts with (lower case): a sentence with none is read by no DEGREE
VERB_STARTS = ("explain", "account", "fit", "match", "suit")
LOWER = r"(?:less\s+(?:well|convincingly|neatly|completely|closely|fully)|worse|more\s+poorly)"
# the degree, a downgrade negated ("no less well", "not any worse") is level with the clot
DEGREE = re.compile(
    rf"\b{EXPLAINING}\b(?:\s+[\w'-]+){{0,4}}?\s+"
    r"(?P<neg>(?:no|not\s+any|none\s+the)\s+)?(?:(?:much|far|a\s+lot|rather|considerably|a\s+bit|slightly)\s+)?"
    rf"(?P<how>{LOWER}|better|more\s+(?:convincingly|neatly|completely|closely|fully))"
    rf"\s+than\s+(?:(?:would|does|could)\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?{CLOT}\b",
    re.I,
)
# the clot as the thing that explains ("a DVT explains it less well than ..."): not this reading
CLOT_FIRST = re.compile(rf"\b{CLOT}\b", re.I)
# "nothing explains it better than a clot", "I can't see anything that fits better than DVT"
DENIED = re.compile(r"(?:\b(?:not|no|never|cannot|nothing|none)\b|n't\b)[^,;]{0,45}$", re.I)
NOT_LEVEL = re.compile(r"\b(?:not|never)\b|n't\b", re.I)


# (hW25, round 25) the same grammar with "as ... as": "cellulitis explains the whole picture at
# least as convincingly as a clot" (level: present), "does not account for it as well as a DVT"
# (negated: absent); and the level said as a place, "I rate the tear on a level with DVT", "on a
# par with a clot" (present; "not on a par with" absent)
AS_DEGREE = re.compile(
    rf"\b{EXPLAINING}\b(?:\s+[\w'-]+){{0,5}}?\s+(?:(?:at\s+least|just|every\s+bit|equally|quite)\s+)?"
    r"as\s+(?:well|convincingly|neatly|completely|fully|closely|plausibly|good)\s+as\s+"
    rf"(?:(?:would|does|could)\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?{CLOT}\b"
    rf"|\b(?:on\s+)?(?:a\s+)?(?:level|par)\s+with\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?{CLOT}\b",
    re.I,
)
AS_WORDS = ("as well as", "convincingly", "as neatly", "as completely", "as fully", "as closely",
            "as plausibly", "as good as", "level with", "par with")  # fmt: skip


def may_compare(sentence: str, low: str | None, span: tuple[int, int]) -> bool:
    """Whether the sentence at `span` of the note's lower case `low` (None when the note is not
    ASCII) may weigh another cause against the clot by degree: it holds "than", or one of the
    "as ... as" / "level with" words (the cheap check before `explained_degree`)."""
    if low is None:
        return True
    part = low[span[0] : span[1]]
    return "than" in part or any_in(part, AS_WORDS)


def may_degree(sentence: str, low: str) -> bool:
    """Whether DEGREE may match `sentence` (`low` its lower case): False only when it holds no
    "than" or no explaining verb; a text not in ASCII is always tried (a folded capital such as
    the Kelvin sign matches "k" under IGNORECASE, so lower-casing may miss it)."""
    return not sentence.isascii() or ("than" in low and any_in(low, VERB_STARTS))


def explained_degree(sentence: str) -> tuple[str, str] | None:
    """(state, why) of the alternative item from how well another cause explains the leg
    compared with the clot after "than", or None."""
    low = sentence.lower()
    if sentence.isascii() and any_in(low, AS_WORDS):
        level = AS_DEGREE.search(sentence)
        if level is not None and not CLOT_FIRST.search(sentence, 0, level.start()):
            if DENIED.search(sentence[: level.start()]) or NOT_LEVEL.search(level.group(0)):
                return "absent", f"another cause not level with the clot {level.group(0)!r}"
            return "present", f"another cause level with the clot {level.group(0)!r}"
    if may_degree(sentence, low) is False:
        return None  # the cheap check first: every reading here needs "than" and a verb
    m = DEGREE.search(sentence)
    if m is None or CLOT_FIRST.search(sentence, 0, m.start("how")):
        return None
    lower = re.fullmatch(LOWER, m.group("how"), re.I) is not None and not m.group("neg")
    if lower:
        return "absent", f"another cause explains it less well than the clot {m.group(0)!r}"
    if DENIED.search(sentence[: m.start()]):
        return "absent", f"nothing explains it better than the clot {m.group(0)!r}"
    return "present", f"another cause explains it as well as the clot {m.group(0)!r}"
