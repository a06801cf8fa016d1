"""What a night's entry offers to tick: the same lists on the web form and at the terminal.

Both lists are knowledge, in diary.yaml with their sources: `night_symptoms` (things a person
can notice in one night, each a yes/no finding; the whole-knowledge check says so) and
`night_self_care` (the night-time `measure` advice items).
"""

from __future__ import annotations

from legwise.kb.loader import Knowledge


def night_symptoms(kb: Knowledge) -> tuple[str, ...]:
    """The finding ids a night's entry offers (none when the knowledge base has no diary)."""
    if kb.diary is None or kb.diary.night_symptoms is None:
        return ()
    return tuple(kb.diary.night_symptoms.findings)


def symptom_options(kb: Knowledge) -> list[dict[str, str]]:
    """The symptom checkboxes: id and label, for the ones this knowledge base defines."""
    return [
        {"id": f, "label": kb.findings[f].label} for f in night_symptoms(kb) if f in kb.findings
    ]


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


__all__ = ["night_symptoms", "self_care_options", "symptom_options"]
