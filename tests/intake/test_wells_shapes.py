"""The two-level Wells score read from a calculator-style list, whatever shape the list takes:
any set of item answers, written in any of the shapes clinicians paste (colon answers, pipe
tables, dot leaders, bare answers, signs, checkboxes, points), gives the exact score."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

LABELS = {
    "active_cancer": "Active cancer",
    "leg_cast_or_paralysis": "Paralysis, paresis or recent plaster cast",
    "recent_surgery_or_bedridden": "Bedridden >3 days or major surgery within 12 weeks",
    "deep_vein_tenderness": "Localised tenderness along the deep veins",
    "whole_leg_swollen": "Entire leg swollen",
    "calf_difference_3cm": "Calf swelling >3 cm",
    "pitting_edema_symptomatic_leg": "Pitting oedema in the symptomatic leg",
    "collateral_superficial_veins": "Collateral superficial veins",
    "previous_dvt": "Previously documented DVT",
    "alternative_diagnosis_likely": "Alternative diagnosis as likely as DVT",
}
POINTS = {f: (-2 if f == "alternative_diagnosis_likely" else 1) for f in LABELS}


def _line(shape: str, label: str, yes: bool, points: int) -> str:
    """One checklist line in the given shape."""
    if shape == "colon":
        return f"{label}: {'Yes' if yes else 'No'}"
    if shape == "pipe":
        return f"| {label} | {'Yes' if yes else 'No'} |"
    if shape == "dots":
        return f"{label} ....... {points if yes else 0}"
    if shape == "bare":
        return f"{label} {'present' if yes else 'absent'}"
    if shape == "sign":
        return f"{label} ({'+' if yes else '-'})"
    if shape == "box":
        return f"[{'x' if yes else ' '}] {label}"
    return f"{label}: {'Yes' if yes else 'No'} ({points if yes else 0})"  # calculator export


SHAPES = st.sampled_from(["colon", "pipe", "dots", "bare", "sign", "box", "export"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=st.fixed_dictionaries({f: st.booleans() for f in LABELS}), shape=SHAPES)
def test_any_checklist_shape_gives_the_exact_score(
    answers: dict[str, bool], shape: str, kb: Knowledge
) -> None:
    text = "\n".join(_line(shape, LABELS[f], yes, POINTS[f]) for f, yes in answers.items())
    found = extract(text, kb).findings
    want = sum(POINTS[f] for f, yes in answers.items() if yes)
    got = sum(POINTS[f] for f in LABELS if found.get(f) == "present")
    assert got == want, text
