"""What a night's entry offers to tick: the same lists on the web form and at the terminal.

The symptom list is short on purpose: things a person can notice in one night, each a
finding of the knowledge base (checked by a test; a finding missing from a custom knowledge
base is left out). Self-care choices are the knowledge base's night-time `measure` advice
(`night_self_care` in diary.yaml).
"""

from __future__ import annotations

from legwise.kb.loader import Knowledge

# Things a person can notice in one night. Warning signs among them (one leg swollen, a pale
# or cold leg, sudden weakness) count in the assessment when ticked in recent nights.
NIGHT_SYMPTOMS = (
    "pain_at_night",
    "brief_cramp_episodes",
    "muscle_knot_during_pain",
    "urge_to_move_legs",
    "crawling_sensation",
    "numbness_or_tingling",
    "burning_feet",
    "pain_radiates_down_leg",
    "back_pain",
    "one_leg_swollen",
    "leg_red",
    "leg_warm",
    "leg_pale_or_cold",
    "sudden_numbness_or_weakness",
)


def symptom_options(kb: Knowledge) -> list[dict[str, str]]:
    """The symptom checkboxes: id and label, for the ones this knowledge base defines."""
    return [{"id": f, "label": kb.findings[f].label} for f in NIGHT_SYMPTOMS if f in kb.findings]


def self_care_options(kb: Knowledge) -> list[dict[str, str]]:
    """The self-care checkboxes: the night-time measures the diary settings name
    (`night_self_care` in diary.yaml), else every `measure` in the knowledge base's advice."""
    night = kb.diary.night_self_care if kb.diary is not None else []
    if night:
        return [
            {"id": aid, "label": kb.advice[aid].name}
            for aid in night
            if aid in kb.advice and kb.advice[aid].kind == "measure"
        ]
    return [{"id": aid, "label": a.name} for aid, a in kb.advice.items() if a.kind == "measure"]


__all__ = ["NIGHT_SYMPTOMS", "self_care_options", "symptom_options"]
