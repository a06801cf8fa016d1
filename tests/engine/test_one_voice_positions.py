"""One voice on emergency screens: a faint with breathlessness is told to lie down, not both
"sit up" and "lie down with your legs flat" (issue 13, "no stay-in-bed clashes")."""

from __future__ import annotations

from legwise import assess
from legwise.kb.loader import Knowledge


def test_a_faint_with_breathlessness_is_told_to_lie_down_only(kb: Knowledge) -> None:
    findings = {
        "chest_pain_or_breathless": "present",
        "fainting_or_racing_heart": "present",
        "one_leg_swollen": "present",
    }
    result = assess({"age": 50, "sex": "male", "findings": findings}, kb=kb).to_dict()
    rules = [r["rule"] for r in result["triage"]["reasons"]]
    assert {"pe_chest_or_breathing_symptoms", "pe_fainting_with_clot_signs"} <= set(rules)
    actions = " ".join(r.get("action", "") for r in result["triage"]["reasons"]).lower()
    assert "lie down with your legs flat" in actions
    assert "sit up" not in actions
    assert "call an ambulance now" in actions


def test_breathlessness_alone_is_still_told_to_sit_up(kb: Knowledge) -> None:
    findings = {"chest_pain_or_breathless": "present", "one_leg_swollen": "present"}
    result = assess({"age": 50, "sex": "male", "findings": findings}, kb=kb).to_dict()
    actions = " ".join(r.get("action", "") for r in result["triage"]["reasons"]).lower()
    assert "sit up and rest" in actions
