"""The alternative-diagnosis item said as a comparison with the clot (hW11, issue 12 round 11).

Writers weigh the other cause against the clot without "likely": "looks much more like
cellulitis from the graze than a clot", "more in keeping with a Baker's cyst than DVT",
"favour muscle strain rather than DVT", "cellulitis is a better explanation than a clot". The
cause named first is the one favoured: when the clot is named after "than", another cause is
favoured (the item is present, Wells 2003: -2 when an alternative diagnosis is at least as
likely as DVT); when the clot is favoured ("more like a DVT than cellulitis"), or the comparison
is negated ("does not look more like cellulitis than a clot", "I cannot think of a better
explanation than a DVT"), the item is absent. A reading rule only: no clinical fact is new.
"""

from __future__ import annotations

import re

CLOT = r"(?:dvt|vte|clot|thrombus|thrombosis|deep\s+vein\s+thrombosis|venous\s+thrombosis)"
FAVOURING = (
    r"more\s+(?:like|in\s+keeping\s+with|consistent\s+with|suggestive\s+of|typical\s+of"
    r"|in\s+favou?r\s+of|compatible\s+with|in\s+line\s+with)"
    r"|favou?r(?:s|ed|ing)?|prefer(?:s|red)?|rather"
    r"|(?:a\s+)?better\s+(?:explanation|fit|diagnosis|cause|match)"
    r"|(?:fits?|explains?\s+(?:it|this|things|the\s+\w+))\s+better"
)
COMPARED = re.compile(
    rf"\b(?P<how>{FAVOURING})\b(?P<what>[^.;]{{0,80}}?)\s(?:rather\s+)?than\s+"
    rf"(?:(?:that\s+of|for|with)\s+)?(?:an?\s+|the\s+)?(?P<other>[\w' -]{{0,30}})",
    re.I,
)
NAMES_CLOT = re.compile(rf"\b{CLOT}\b", re.I)
NEGATED = re.compile(r"(?:\b(?:not|no|never|cannot|nothing)\b|n't\b)(?:\s+[\w'-]+){0,6}?\s*$", re.I)


def weighed_against_clot(sentence: str) -> tuple[str, str] | None:
    """(state, why) of the alternative item from a comparison with the clot, or None."""
    m = COMPARED.search(sentence)
    if m is None:
        return None
    what, other = m.group("what"), m.group("other")
    how = m.group("how").lower()
    before = sentence[: m.start()]
    if NAMES_CLOT.search(other) and not NAMES_CLOT.search(what):
        favoured = bool(what.strip()) or how.endswith(("explanation", "fit", "diagnosis", "cause"))
        if how.startswith("rather"):
            favoured = bool(re.search(r"[a-z]{3}", before, re.I))  # "cellulitis rather than DVT"
        if not favoured:
            return None
        if NEGATED.search(before):
            return "absent", f"a comparison with the clot negated {m.group(0)!r}"
        return "present", f"another cause favoured over the clot {m.group(0)!r}"
    if NAMES_CLOT.search(what) and not NAMES_CLOT.search(other) and other.strip():
        return "absent", f"the clot favoured over another cause {m.group(0)!r}"
    return None
