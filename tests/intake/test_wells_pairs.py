"""The two-level Wells score from the export shapes of round 10 (hW10): URL query strings,
camelCase JSON, XML elements, HL7-style OBX segments, a mark column with a wide gap
("Y  Active cancer") and a snake_case CSV with a quoted free-text comment column."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

KEYS = {
    "active_cancer": "active_cancer",
    "leg_cast_or_paralysis": "paresis_or_cast",
    "recent_surgery_or_bedridden": "bedridden_or_surgery",
    "deep_vein_tenderness": "deep_vein_tenderness",
    "whole_leg_swollen": "entire_leg_swollen",
    "calf_difference_3cm": "calf_swelling_3cm",
    "pitting_edema_symptomatic_leg": "pitting_edema",
    "collateral_superficial_veins": "collateral_veins",
    "previous_dvt": "previous_dvt",
    "alternative_diagnosis_likely": "alt_dx_as_likely",
}
POINTS = {f: (-2 if f == "alternative_diagnosis_likely" else 1) for f in KEYS}
SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _camel(key: str) -> str:
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), key)


def _export(shape: str, answers: dict[str, bool]) -> str:
    pairs = [(KEYS[f], y) for f, y in answers.items()]
    if shape == "query":
        return "GET /wells?" + "&".join(f"{k}={int(y)}" for k, y in pairs) + " HTTP/1.1"
    if shape == "camel":
        return "{" + ", ".join(f'"{_camel(k)}": {str(y).lower()}' for k, y in pairs) + "}"
    if shape == "xml":
        return (
            "<wells>"
            + "".join(f"<{_camel(k)}>{str(y).lower()}</{_camel(k)}>" for k, y in pairs)
            + "</wells>"
        )
    if shape == "hl7":
        rows = [f"OBX|{i}|NM|WELLS_{k.upper()}||{int(y)}" for i, (k, y) in enumerate(pairs, 1)]
        return "\n".join(rows)
    if shape == "marks":
        return "\n".join(f"{'Y' if y else 'N'}  {k.replace('_', ' ')}" for k, y in pairs)
    head = "id," + ",".join(k for k, _ in pairs) + ",comment"
    return head + "\nA-1," + ",".join("yes" if y else "no" for _, y in pairs) + ',"seen, and ca ?"'


@SETTINGS
@given(
    answers=st.fixed_dictionaries({f: st.booleans() for f in KEYS}),
    shape=st.sampled_from(["query", "camel", "xml", "hl7", "marks", "csv"]),
)
def test_any_round_10_export_gives_the_exact_score(
    answers: dict[str, bool], shape: str, kb: Knowledge
) -> None:
    text = _export(shape, answers)
    found = extract(text, kb).findings
    got = sum(POINTS[f] for f in KEYS if found.get(f) == "present")
    assert got == sum(POINTS[f] for f, y in answers.items() if y), text
