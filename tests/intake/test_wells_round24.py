"""Round 24 (hW24) general readings of Wells notes, each with the look-alike it must not read:
answers split by " / " and a total after the last answer; a label that names the other cause by
"another / competing / different" or by its likelihood; the whole leg as its two parts swollen;
"a year ago" as a time past Wells' windows."""

from __future__ import annotations

import pytest

from legwise.intake.wells_checklist import read_checklist
from legwise.intake.wells_labels import named_item
from legwise.intake.wells_past import DATED_CLOT, REMOTE
from legwise.intake.wells_values import WHOLE_LEG
from legwise.intake.wells_windows import CANCER_REMOTE


def _answers(text: str) -> dict[str, str]:
    return {item: state for item, state, _, _ in read_checklist(text)}


def test_slash_separated_answers_and_a_total() -> None:
    got = _answers("malignancy neg / immobile pos / whole leg neg / other dx likelier neg = 2")
    assert got == {
        "active_cancer": "absent",
        "recent_surgery_or_bedridden": "present",
        "whole_leg_swollen": "absent",
        "alternative_diagnosis_likely": "absent",
    }


def test_unfilled_options_are_no_present_answer() -> None:
    """A form's printed options "yes / no": the "yes" before the slash answers nothing (the
    "no" at the line's end was read as an answer before round 24 too: a 0 either way)."""
    got = _answers("Active cancer yes / no\nPrevious DVT yes / no")
    assert "present" not in got.values()


@pytest.mark.parametrize(
    ("label", "item"),
    [
        ("Competing diagnosis as likely", "alternative_diagnosis_likely"),
        ("Other cause more likely than DVT", "alternative_diagnosis_likely"),
        ("Another explanation equally probable", "alternative_diagnosis_likely"),
        ("Previous venous thromboembolism in the leg", "previous_dvt"),
        ("Leg swollen in its entirety", "whole_leg_swollen"),
        ("Calf and thigh circumference difference", "calf_difference_3cm"),
        ("Cause of admission", None),
        ("Other medical history", None),
        ("Likely cause", None),
    ],
)
def test_labels(label: str, item: str | None) -> None:
    assert named_item(label) == item


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Thigh and calf are both swollen on the left", True),
        ("Swollen left thigh and calf since Tuesday", True),
        ("swelling of the calf and the thigh", True),
        ("the calf is swollen, the thigh is normal", False),
    ],
)
def test_whole_leg_as_its_parts(text: str, whole: bool) -> None:
    assert (WHOLE_LEG.search(text) is not None) == whole


def test_a_year_ago_is_past_the_windows() -> None:
    assert REMOTE.search("cast removed a year ago")
    assert DATED_CLOT.search("DVT one year ago")
    assert CANCER_REMOTE.search("treatment finished a year ago")
    assert not REMOTE.search("cast applied a week ago")
