"""A medicine said to be stopped stays stopped for the rest of its sentence (hT12, issue 12
round 12).

"He stopped his warfarin before the cruise because the INR checks were a nuisance": the stop
makes on_anticoagulant absent, and the INR that follows in the same sentence is the same stopped
medicine's, not a new one; so is a monitoring word said later ("Warfarin was discontinued; INR
1.1 today"; context_rules.json: monitoring). Only a start said in between ("stopped his warfarin
and was switched to apixaban", "restarted", "now on") makes a later mention the person's present
medicine again. Without this rule a finding said both ways counts as present (safety first in
`legwise.intake.result.resolve`), and a stopped blood thinner read as taken hides the risk the
stop brings.

Source and review: hT12, 2026-12-06, from on_anticoagulant's question ("Do you take a blood
thinner?") and docs/labelling.md (a stopped medicine is absent now); checked against own_heldout11
h11s_01 and the round-12 bank; a reading rule, no clinical fact.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.context_lists import _lists, stopped
from legwise.intake.result import Extracted

SENTENCE_END = re.compile(r"[.!?\n]\s|[.!?]$")
# a medicine started again or another one begun between the stop and the later mention
START = re.compile(
    r"\b(?:start(?:ed|ing)?|restart(?:ed|ing)?|re-?started|switch(?:ed|ing)?|chang(?:ed|ing)"
    r"|swapp?(?:ed|ing)?|moved|converted|commenc(?:ed|ing)|began|begun|put\s+(?:back\s+)?on"
    r"|now\s+(?:on|takes?|taking)|instead|resum(?:ed|ing)|back\s+on|replaced)\b",
    re.I,
)


@functools.cache
def _monitoring() -> dict[str, tuple[str, ...]]:
    """Per medicine finding, the words that monitor it (context_rules.json: monitoring)."""
    data = _lists().get("monitoring", {})
    return {
        str(k): tuple(str(w).lower() for w in v) for k, v in data.items() if not k.startswith("_")
    }


def _stop(item: Extracted) -> bool:
    return item.value == "absent" and "+ resolved" in item.rule and item.finding in stopped()


def drop_after_stop(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without the present mentions of a medicine that follow its stop in the same
    sentence, or name only its monitoring later on, with no start said in between."""
    stops = [i for i in items if _stop(i)]
    if not stops:
        return items
    monitoring = _monitoring()
    out = []
    for item in items:
        if item.value == "present" and any(_same_stop(text, s, item, monitoring) for s in stops):
            continue
        out.append(item)
    return out


def _same_stop(
    text: str, stop: Extracted, item: Extracted, monitoring: dict[str, tuple[str, ...]]
) -> bool:
    if stop.finding != item.finding or item.start < stop.end:
        return False
    between = text[stop.end : item.start]
    if START.search(between):
        return False
    if item.text.lower().strip() in monitoring.get(item.finding, ()):
        return True
    return SENTENCE_END.search(between) is None
