"""The two-level Wells score read from a note written in sentences (a handover or clinic note,
not a checklist): any set of items, each stated present or absent in words of its own, with
times in any unit on either side of the item's window (Wells 2003: bed rest 3 days, surgery
12 weeks, cancer treated within 6 months; a calf 3 cm bigger), in any order, gives the exact
score. A score the writer states is not trusted over the items the note gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.intake.text import extract
from legwise.kb.loader import Knowledge

ALTERNATIVE = "alternative_diagnosis_likely"
ITEMS = (
    "active_cancer", "leg_cast_or_paralysis", "recent_surgery_or_bedridden",
    "deep_vein_tenderness", "whole_leg_swollen", "calf_difference_3cm",
    "pitting_edema_symptomatic_leg", "collateral_superficial_veins", "previous_dvt", ALTERNATIVE,
)  # fmt: skip
POINTS = {f: (-2 if f == ALTERNATIVE else 1) for f in ITEMS}
# (present wordings, absent wordings); {n} is a number drawn for the wording's side of the window
SAYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "active_cancer": (
        (
            "Ovarian cancer on chemo",
            "Breast ca, last radiotherapy {m4} months ago",
            "Lung cancer under palliative care",
        ),
        (
            "Bowel cancer in remission since 2015, no treatment now",
            "No history of malignancy",
            "Prostate ca treated {y} years ago, disease free",
        ),
    ),
    "leg_cast_or_paralysis": (
        ("Left leg in a plaster cast since a fracture {d} days ago", "Paresis of the left leg"),
        ("Walking boot only, no plaster", "No paralysis and no cast"),
    ),
    "recent_surgery_or_bedridden": (
        (
            "Hip replacement {w} weeks ago",
            "Bedridden for {b} days with flu",
            "Hysterectomy {w}/52 ago",
            "Bowel resection last month",
        ),
        (
            "Knee replacement {m} months ago",
            "Bedridden for {h} hours only",
            "Hospitalised 2 days, walking on the ward",
            "Appendicectomy last year",
        ),
    ),
    "deep_vein_tenderness": (
        ("Tender along the deep veins", "Localised tenderness along the femoral vein"),
        ("No tenderness along the deep veins", "Not tender along the deep venous system"),
    ),
    "whole_leg_swollen": (
        ("The entire left leg is swollen", "Swelling from the foot to the groin"),
        ("The whole leg is not swollen", "Swelling limited to the ankle"),
    ),
    "calf_difference_3cm": (
        ("Left calf {big} cm bigger than the right", "Calf circumference L {c1} cm, R 35 cm"),
        ("Left calf {small} cm bigger than the right", "Calf circumference L {c0} cm, R 35 cm"),
    ),
    "pitting_edema_symptomatic_leg": (
        ("Pitting oedema confined to the left leg", "Pitting oedema in the left leg only"),
        ("Pitting oedema in both legs", "No pitting oedema"),
    ),
    "collateral_superficial_veins": (
        (
            "Collateral superficial veins seen, non-varicose",
            "Dilated non-varicose superficial veins",
        ),
        ("No collateral veins", "Varicose veins only, no collateral veins"),
    ),
    "previous_dvt": (
        ("DVT in the right leg in 2019", "Previously documented DVT"),
        ("Never had a DVT", "Past PE in 2020, no DVT ever found"),
    ),
    ALTERNATIVE: (
        ("Cellulitis is as likely as DVT", "Alternative diagnosis more likely than DVT"),
        ("An alternative diagnosis is less likely than DVT", "No other diagnosis seems as likely"),
    ),
}


@st.composite
def notes(draw: st.DrawFn) -> tuple[str, int]:
    """A note from a random item assignment, and its true two-level Wells score."""
    order = draw(st.permutations(ITEMS))
    sentences, score = [], 0
    for item in order:
        yes = draw(st.booleans())
        wording = draw(st.sampled_from(SAYS[item][0 if yes else 1]))
        numbers = {
            "m4": draw(st.integers(1, 5)), "y": draw(st.integers(2, 9)),
            "d": draw(st.integers(2, 20)), "w": draw(st.integers(1, 11)),
            "b": draw(st.integers(3, 14)), "m": draw(st.integers(4, 11)),
            "h": draw(st.integers(4, 60)), "big": draw(st.sampled_from(["3", "3.5", "4", "5"])),
            "small": draw(st.sampled_from(["0.5", "1", "1.5", "2", "2.5"])),
            "c1": draw(st.integers(38, 42)), "c0": draw(st.integers(35, 37)),
        }  # fmt: skip
        sentences.append(wording.format(**numbers))
        score += POINTS[item] if yes else 0
    return ". ".join(sentences) + ".", score


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=notes(), stated=st.integers(-2, 9))
def test_a_prose_note_gives_the_exact_score(
    note: tuple[str, int], stated: int, kb: Knowledge
) -> None:
    text, want = note
    text = f"Wells {stated} per triage. {text}"  # the writer's own sum: the items decide
    found = extract(text, kb).findings
    got = sum(POINTS[f] for f in ITEMS if found.get(f) == "present")
    assert got == want, text
