"""Two Wells readings whose qualifier belongs to another word of their clause (hW21, round 21).

- "post-operative" (and "post-op", "postoperative") before a noun is that noun's adjective:
  "Post-operative swelling was thought of, but that had settled", "no post-op wound problems".
  A denial or a resolution in such a clause is said of the swelling, the wound, the pain,
  never of the operation, so it does not make the surgery item absent (an operation cannot
  settle; the time readers date it). The reading is dropped, and a dated operation elsewhere in
  the note stands.
- pitting put on both legs in its own clause is not "pitting oedema confined to the symptomatic
  leg": "Pitting to the knees in both legs, a little more on the left", "bilateral pitting to
  mid-shin". Unless the clause keeps it to one side ("only", "one-sided").

Reading rules only (Wells 2003); no clinical fact is new.
"""

from __future__ import annotations

import re

from legwise.intake.result import Extracted

BED_ITEM = "recent_surgery_or_bedridden"
PITTING_ITEM = "pitting_edema_symptomatic_leg"
# the operation word as an adjective: another word (not a joining or a time word) straight after
POST_OP_ADJECTIVE = re.compile(
    r"post[\s-]*op(?:erative(?:ly)?)?[ \t]*\n?[ \t]*"
    r"(?!(?:and|or|for|in|on|at|since|now|period|day|days|week|weeks|state|status|patient|phase"
    r"|recovery|mobili\w*|bed\w*|immobil\w*|history|hx|procedures?|operations?)\b)[a-z]{3,}",
    re.I,
)
# the clause of the pitting word: its commas, full stops, semicolons and a blank line bound it
CLAUSE_STOP = re.compile(r"[.;,!?|]|\n[ \t]*\n")
BOTH = re.compile(
    r"\b(?:both\s+(?:legs|sides|lower\s+(?:limbs|legs)|calves|shins|ankles|feet)|bilateral\w*"
    r"|bilat|each\s+(?:leg|side)|symmetric\w*)\b",
    re.I,
)
ONE_SIDE = re.compile(r"\b(?:only|alone|unilateral\w*|one[\s-]sided|just\s+(?:the\s+)?(?:l|r|left"
                      r"|right))\b", re.I)  # fmt: skip


def _clause(text: str, start: int, end: int) -> str:
    before = [m.end() for m in CLAUSE_STOP.finditer(text, max(0, start - 120), start)]
    after = CLAUSE_STOP.search(text, end)
    return text[before[-1] if before else max(0, start - 120) : after.start() if after else None]


def owned_qualifiers(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without a surgery item denied through its adjective, and with pitting put on both
    legs in its clause read absent."""
    out: list[Extracted] = []
    for i in items:
        if (
            i.finding == BED_ITEM
            and i.value == "absent"
            and not i.rule.startswith("Wells")
            and POST_OP_ADJECTIVE.match(text, i.start) is not None
        ):
            continue  # "Post-operative swelling ... had settled": the swelling settled
        if i.finding == PITTING_ITEM and i.value == "present" and not i.rule.startswith("Wells "):
            clause = _clause(text, i.start, i.end)
            if BOTH.search(clause) and not ONE_SIDE.search(clause):
                why = f"{i.rule}; put on both legs in its clause: absent"
                out.append(Extracted(i.finding, "absent", i.start, i.end, i.text, why))
                continue
        out.append(i)
    return out
