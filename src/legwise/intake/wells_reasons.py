"""Wells items named as the reasons of a stated total (hW20, issue 12 round 20).

Notes give the total with the items that made it, in brackets or as a sum: "Wells 3 (ca, post op,
calf)", "Wells 2 = prev DVT (2019) + tender deep veins", "Wells score of 1 (cancer, calf,
-2 for cellulitis)". Each piece names an item by the checklist's own label words; the reading is
kept only when the items named add up to the stated total (each +1, the alternative -2: Wells
2003), so a bracket that holds something else ("Wells 0 (DVT unlikely)", "Wells 1 (calf 2 cm,
doesn't count)") is not read. A reading rule only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legwise.intake.wells_checklist import LABELS, unabbreviated

ALT = "alternative_diagnosis_likely"
# the total, then its reasons in brackets or after "=" / ":" / "for"
TOTAL = re.compile(
    r"\bwells(?:\s+(?:dvt\s+)?(?:score|total))?(?:\s+(?:of|is|=|was|:))?\s*(?P<n>[-\u2212]?\d{1,2})"
    r"(?:\s*(?:points?|pts?))?\s*(?:\((?P<in>[^()\n]{3,120})\)|(?:=|:|\bfor\b)\s*(?P<after>[^.;\n]{3,120}))",
    re.I,
)
PIECES = re.compile(r",|\+|;|/|\band\b", re.I)
NOT_SCORED = re.compile(
    r"\b(?:no|not|nil|none|without|doesn't|does\s+not|neg|negative|absent|unlikely|likely)\b|\?",
    re.I,
)
BRACKET = re.compile(r"\([^()]*\)")


# short names a list of reasons uses that a checklist's labels leave out ("post-op (R THR 6 wks)"
# names the joint there, but "Wells 3 (ca, post op, calf)" names the item)
SHORT = (
    ("recent_surgery_or_bedridden", re.compile(r"^\s*(?:post[\s-]?op|op|sx)\s*$", re.I)),
    ("leg_cast_or_paralysis", re.compile(r"^\s*(?:pop|plaster|cast)\s*$", re.I)),
)


def _item(piece: str) -> str | None:
    words = unabbreviated(piece)
    return next((i for i, p in (*LABELS, *SHORT) if p.search(words)), None)


def read_reasons(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, "present", start, end) for each item named as a reason of a stated total, when
    the items named add up to it."""
    if "wells" not in text.lower():
        return
    for m in TOTAL.finditer(text):
        group = "in" if m.group("in") is not None else "after"
        said, at = m.group(group), m.start(group)
        flat = BRACKET.sub(lambda b: " " * len(b.group(0)), said)  # "prev DVT (2019)"
        found: list[tuple[str, int, int]] = []
        pos = 0
        for piece in [*PIECES.split(flat), ""]:
            start = flat.find(piece, pos) if piece else len(flat)
            pos = start + len(piece)
            if not piece.strip():
                continue
            item = _item(piece) if not NOT_SCORED.search(piece) else None
            if item is None:
                found = []
                break  # a piece that names no scored item: not a list of reasons
            found.append((item, at + start, at + pos))
        items = {i for i, _, _ in found}
        total = sum(-2 if i == ALT else 1 for i in items)
        if not found or len(items) != len(found):
            continue
        if total != int(m.group("n").replace("\u2212", "-")):
            continue
        for item, a, b in found:
            yield item, "present", a, b
