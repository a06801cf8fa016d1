"""The two-level Wells score from the shapes of round 7 (hE): an item answered "not measured",
"unable to assess" or "unknown" counts 0 whatever its label's own words say (">3 cm",
"tenderness along the deep veins"), and a dictated or typed run of labels each followed by its
answer, with no colons or full stops, is read label by label; and the readings a user relies on:
"- denies" is an answer, an export field ends at its pipe, a comparison may name what it weighs,
a window is no bed rest, the time may come before the operation, a cancer's treatment may be
dated in the next sentence, and calf circumferences may be given one side a line."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

LABELS = {
    "active_cancer": "Active cancer",
    "leg_cast_or_paralysis": "Paralysis, paresis or recent plaster cast",
    "recent_surgery_or_bedridden": "Bedridden recently >3 days or major surgery within 12 weeks",
    "deep_vein_tenderness": "Localized tenderness along the deep venous system",
    "whole_leg_swollen": "Entire leg swollen",
    "calf_difference_3cm": "Calf swelling >3 cm compared to the other leg",
    "pitting_edema_symptomatic_leg": "Pitting edema confined to the symptomatic leg",
    "collateral_superficial_veins": "Collateral (nonvaricose) superficial veins",
    "previous_dvt": "Previously documented DVT",
    "alternative_diagnosis_likely": "Alternative diagnosis at least as likely as DVT",
}
SPOKEN = {  # how a dictated run names the items (no colons, no stops)
    "active_cancer": "active cancer",
    "leg_cast_or_paralysis": "paralysis or plaster cast",
    "recent_surgery_or_bedridden": "bedridden or recent surgery",
    "deep_vein_tenderness": "tenderness along the deep veins",
    "whole_leg_swollen": "whole leg swollen",
    "calf_difference_3cm": "calf swelling three centimetres or more",
    "pitting_edema_symptomatic_leg": "pitting oedema in that leg only",
    "collateral_superficial_veins": "collateral veins",
    "previous_dvt": "previous DVT",
    "alternative_diagnosis_likely": "alternative diagnosis as likely",
}
UNKNOWN = ["not measured", "not assessed", "unable to assess", "unknown", "not done", "n/a"]
POINTS = {f: (-2 if f == "alternative_diagnosis_likely" else 1) for f in LABELS}
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANSWER = st.sampled_from(["yes", "no", "unknown"])


def _score(text: str, kb: Knowledge) -> int:
    found = extract(text, kb).findings
    return sum(POINTS[f] for f in LABELS if found.get(f) == "present")


@SETTINGS
@given(
    answers=st.fixed_dictionaries({f: ANSWER for f in LABELS}),
    words=st.sampled_from(UNKNOWN),
    sep=st.sampled_from([": ", " - ", "? "]),
)
def test_an_item_answered_unknown_counts_nothing(
    answers: dict[str, str], words: str, sep: str, kb: Knowledge
) -> None:
    lines = [
        f"{LABELS[f]}{sep}{words if a == 'unknown' else a.capitalize()}" for f, a in answers.items()
    ]
    text = "Wells' criteria for DVT\n" + "\n".join(lines)
    assert _score(text, kb) == sum(POINTS[f] for f, a in answers.items() if a == "yes"), text


@SETTINGS
@given(answers=st.fixed_dictionaries({f: st.booleans() for f in LABELS}))
def test_a_dictated_run_without_stops_gives_the_exact_score(
    answers: dict[str, bool], kb: Knowledge
) -> None:
    run = " ".join(f"{SPOKEN[f]} {'yes' if y else 'no'}" for f, y in answers.items())
    text = f"Dictated. Wells for the patient in bed four {run}"
    assert _score(text, kb) == sum(POINTS[f] for f, y in answers.items() if y), text


@pytest.mark.parametrize(
    ("text", "finding", "value"),
    [
        ("Deep vein tenderness cannot be assessed (no sensation).", "deep_vein_tenderness", None),
        ("Calf looks a bit bigger, not measured.", "calf_difference_3cm", None),
        ("Prev DVT - denies. Ca - denies.", "previous_dvt", "absent"),
        ("VTE_SCREEN|malignancy=prostate ca on ADT|hx_dvt=yes 2017", "previous_dvt", "present"),
        ("VTE_SCREEN|calf_diff_cm=4|other_dx=none more likely", "calf_difference_3cm", "present"),
        ("Cardiac failure oedema as likely an explanation as DVT.", "alternative_diagnosis_likely",
         "present"),
        ("Nothing else seems as likely as a DVT.", "alternative_diagnosis_likely", "absent"),
        ("Surgery / bed rest: no surgery within 12 weeks, not bedridden.",
         "recent_surgery_or_bedridden", "absent"),
        ("3 weeks ago she had an operation on the knee.", "recent_surgery_or_bedridden", "present"),
        ("Two weeks ago he had a right TKR under spinal.", "recent_surgery_or_bedridden",
         "present"),
        ("Her breast cancer was treated with radiotherapy; that treatment ended 10 months ago.",
         "active_cancer", "absent"),
        ("Pancreatic cancer. Chemotherapy stopped last month.", "active_cancer", "present"),
        ("calf_left_cm = 41\ncalf_right_cm = 37", "calf_difference_3cm", "present"),
        ("Calf circ at 10cm below TT: L 42 / R 40.5.", "calf_difference_3cm", "absent"),
        ("Thigh circumference R (cm): 50\nThigh circumference L (cm): 54", "calf_difference_3cm",
         None),
        ("Tenderness: medial thigh, along the femoral vein.", "deep_vein_tenderness", "present"),
        ("Calf swollen: no redness or warmth.", "one_leg_swollen", "present"),
    ],
)  # fmt: skip
def test_note_readings(text: str, finding: str, value: str | None, kb: Knowledge) -> None:
    assert extract(text, kb).findings.get(finding) == value
