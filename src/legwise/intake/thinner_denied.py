"""A blood thinner denied with its reason in view ("I have AF but I don't take anything for
it", "had a clot in 2018 but I've had no treatment for that for years", "Got AF, they never
gave me anything for it").

Why: on_anticoagulant asks "Do you take a blood thinner?", and a writer who names the reason a
thinner is given (atrial fibrillation, a clot) and then denies any medicine "for it" answers
no. The denial alone ("it hurts but I don't take anything for it") is about the pain, so it is
read only when a reason for a thinner stands before it in the same sentence. First-contact
readings of own_heldout17, 19 and 21 missed this in three writers' words ("not on anything for
it", "nuh tek nuh blood thinner"); the phrase data cannot hold it, because a template that
spans the reason would take the words that give irregular_heartbeat or previous_dvt.

Source and review: hR26 (issue 12 round 26), from the finding's question and help text
(knowledge/findings/history.yaml on_anticoagulant) and docs/labelling.md (a denial is
`absent`). Reading rule only: no clinical fact beyond the question's own.
"""

from __future__ import annotations

import re

from legwise.intake.clauses import sentence_at, sentence_spans
from legwise.intake.fast_re import any_in
from legwise.intake.result import Extracted

FINDING = "on_anticoagulant"
# both words must be in a text the patterns can match (tests/intake/test_round26_recall.py,
# test_thinner_gate_hides_no_match, proves it)
GATE_FOR = ("for ",)
GATE_WHAT = ("anything", "nothing", "treatment", "medicine", "medication", "tablet", "pill")
REASON = re.compile(
    r"\b(?:AF|A\s?fib|afib|atrial\s+fibrillation|irregular\s+heart\s?beat|irregular\s+heart|"
    r"blood\s+clots?|clots?|DVT|thrombosis)\b",
    re.I,
)
DENIAL = re.compile(
    r"\b(?:not|never|no|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|haven'?t|hasn'?t)\b"
    r"[^.;!?\n]{0,30}?\b(?:anything|nothing|any\s+(?:medicine|medication|tablets?|pills?|"
    r"treatment)|treatment|medicine|medication)\b[^.;!?\n]{0,12}?\bfor\s+(?:it|that|them|this|"
    r"the\s+(?:af|clot|clots|heart))\b",
    re.I,
)


def thinner_denied(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` with on_anticoagulant `absent` added when a denial of any medicine "for it"
    follows a reason for a thinner in its sentence, and nothing else read the finding."""
    lower = text.lower()
    if text.isascii() and not (any_in(lower, GATE_FOR) and any_in(lower, GATE_WHAT)):
        return items
    if any(i.finding == FINDING for i in items):
        return items
    spans = sentence_spans(text)
    for m in DENIAL.finditer(text):
        k = sentence_at(text, m.start())
        if k < 0:
            continue
        if REASON.search(text, spans[k][0], m.start()):
            rule = "a medicine denied for a thinner's reason in its sentence"
            found = Extracted(FINDING, "absent", m.start(), m.end(), m.group(0), rule)
            return sorted([*items, found], key=lambda i: i.start)
    return items
