"""A relative with "the same" problem has what the person has: family history by reference.

Referral letters and stems give family history by pointing back ("Her sister has the same
problem", "Her mother has the same."). The family phrases "the same ..." of
`family_history_rls` (knowledge/findings/history.yaml) read that as a family history of
restless legs only when a family cue reaches them; here the reading is kept only when the text
itself describes restless legs (an urge to move the legs or a crawling feeling), so that "his
father had the same problem" in a clot or cramp story gives no family history of restless legs.
"""

from __future__ import annotations

from legwise.intake.context_lists import same_as_kin_signs
from legwise.intake.result import Extracted

FINDING = "family_history_rls"
SAME = "family phrase 'the same"


def keep_same_as_kin(items: list[Extracted]) -> list[Extracted]:
    """`items` without a "the same" family reading when the text describes no restless legs."""
    same = [i for i in items if i.finding == FINDING and i.rule.startswith(SAME)]
    if not same:
        return items
    if any(i.finding in same_as_kin_signs() and i.value == "present" for i in items):
        return items
    return [i for i in items if i not in same]
