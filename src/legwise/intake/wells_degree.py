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


def may_degree(sentence: str, low: str) -> bool:
    """Whether DEGREE may match `sentence` (`low` its lower case): False only when it holds no
    "than" or no explaining verb; a text not in ASCII is always tried (a folded capital such as
    the Kelvin sign matches "k" under IGNORECASE, so lower-casing may miss it)."""
    return not sentence.isascii() or ("than" in low and any_in(low, VERB_STARTS))


def explained_degree(sentence: str) -> tuple[str, str] | None:
    """(state, why) of the alternative item from how well another cause explains the leg
    compared with the clot after "than", or None."""
    low = sentence.lower()
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
