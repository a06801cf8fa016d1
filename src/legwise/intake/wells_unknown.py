"""Wells items a note leaves unknown: "Calf swelling >3 cm: not measured", "Deep vein tenderness
cannot be assessed (no sensation)", "calf diff - not done", "prior DVT: unknown".

A calculator line whose answer is "not measured" still holds the item's own words (">3 cm",
"tenderness along the deep veins"), and the phrase and number readers took those words for the
sign itself: the item was read present. Wells counts an item it does not know as 0, and the
answer is neither present nor absent, so each such answer drops what was read for the item its
clause names (the answer words are data: knowledge/intake/wells.yaml, `unknown`).
"""

from __future__ import annotations

import re

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_checklist import LABELS, _wells_data
from legwise.intake.wells_labels import named_item

_DATA = _wells_data()["unknown"]
_VERBS = "|".join(re.escape(str(w)) for w in _DATA["verbs"])
_WORDS = "|".join(re.escape(w) for w in sorted(map(str, _DATA["words"]), key=len, reverse=True))
# a clause end after an answer word alone ("prior DVT: unknown.", "calf diff - n/a,")
_END = r"(?=\s*(?:$|[.,;\n)(|/]|-\s|(?:and|but)\b))"
UNKNOWN = folded(
    r"(?:\b(?:can(?:no|')?t|could(?:\s*no|n'?)t|did(?:\s*no|n'?)?t|was(?:\s*no|n'?)t"
    r"|were(?:\s*no|n'?)t|(?:has|have)(?:\s*no|n'?)t|not|never|unable\s+to|impossible\s+to)"
    rf"\s+(?:be(?:en)?\s+)?(?:\w+ly\s+)?(?:{_VERBS})\w*"
    rf"|(?:(?<=[\s:=|(-])|^)(?:{_WORDS}){_END})",
    re.I | re.M,
)
# where the clause an answer belongs to starts ("Pitting present, calf not measured")
CLAUSE_START = re.compile(r"[.;\n|,](?!\d)")
LINE_START = re.compile(r"[.;\n|](?!\d)")
ANSWER_AFTER = re.compile(r"[:=?(-]\s*$")
PIECES = re.compile(r"\band\b|\bor\b|/|&|\+", re.I)
ITEMS = frozenset(i for i, _ in LABELS)  # the items `_named` can give
CHEAP = ("not", "n't", "nt ", "unable", "impossible", "unk", "n/a", "unsure", "uncertain",
         "unclear", "equivocal", "deferred", "pending", "?")  # fmt: skip


def _named(clause: str) -> set[str]:
    """The Wells items the pieces of `clause` name ("calf swelling and tenderness": two)."""
    out: set[str] = set()
    for piece in PIECES.split(clause):
        item = named_item(piece)
        if item is not None:
            out.add(item)
    return out


def unknown_items(text: str) -> list[tuple[str, int, int]]:
    """(item, start, end) for each Wells item answered as unknown, spanning its clause."""
    out: list[tuple[str, int, int]] = []
    for m in UNKNOWN.finditer(text):
        # a label's answer ("Paralysis, paresis or cast: not measured") answers its whole line
        answer = ANSWER_AFTER.search(text, max(0, m.start() - 3), m.start()) is not None
        cuts = [
            c.end() for c in (LINE_START if answer else CLAUSE_START).finditer(text, 0, m.start())
        ]
        start = cuts[-1] if cuts else 0
        clause = text[start : m.start()]
        # the check's object after it names the item, its clause before naming none: "Cannot
        # measure calves at home" (hW9; not "tenderness not assessable in the cast")
        stop = CLAUSE_START.search(text, m.end())
        after = text[m.end() : stop.start() if stop else len(text)]
        if not answer and not _named(clause) and (named := _named(after)):
            out.extend((item, m.start(), m.end() + len(after)) for item in named)
            continue
        if not re.search(r"[a-z]", clause, re.I) and len(cuts) > 1:
            # the answer is its own clause ("Calf looks bigger, not measured"): the one before
            start = cuts[-2]
            clause = text[start : m.start()]
        for item in _named(clause):
            out.append((item, start, m.end()))
    return out


def apply_unknown(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without what was read for an item inside a clause that answers it unknown."""
    if not any(i.finding in ITEMS for i in items):
        return items  # it only drops what was read for a Wells item: none here
    lower = text.lower()
    if not any_in(lower, CHEAP):
        return items
    unknown = unknown_items(text)
    if not unknown:
        return items
    return [
        i
        for i in items
        if not any(i.finding == item and i.start < b and a < i.end for item, a, b in unknown)
    ]
