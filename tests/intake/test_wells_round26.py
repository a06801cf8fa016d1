"""Round 26 (hC26) general readings of Wells notes, each with the look-alike it must not change:
another person's operation, bed rest, cancer or paralysis is not the patient's Wells item
(`legwise.intake.wells_others`), while the patient's own history beside a relative who brought
or reports it stands; the thigh and the calf swollen together are the whole leg in any order
(`legwise.intake.wells_parts`), and not when the clause says another thing of them. The new
readers' cheap checks never hide a match (hypothesis, as in test_speed_gates24.py)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import wells_others, wells_parts
from legwise.intake.text import extract
from legwise.kb.loader import Knowledge, load_knowledge

TAIL = " L calf swollen. ?DVT, Wells calculated."


@cache
def _kb() -> Knowledge:
    return load_knowledge()


def _read(text: str, finding: str) -> object:
    return extract(text + TAIL, _kb()).findings.get(finding)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("ED. 49F, her husband had a knee replacement 2 weeks ago.", "recent_surgery_or_bedridden"),
        ("ED. 49F, caring for her mother, who had hip surgery 10 days ago.",
         "recent_surgery_or_bedridden"),
        ("ED. 49F, her son was bedridden with flu for 5 days.", "recent_surgery_or_bedridden"),
        ("ED. 49M, his wife is in hospital after a hysterectomy last week.",
         "recent_surgery_or_bedridden"),
        ("ED. 49F, cares for her paraplegic son.", "leg_cast_or_paralysis"),
    ],
)  # fmt: skip
def test_another_persons_history_is_not_the_patients(text: str, finding: str) -> None:
    assert _read(text, finding) is None


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("ED. 49F, brought in by her husband. Knee replacement 2 weeks ago.",
         "recent_surgery_or_bedridden"),
        ("ED. 49F, lives with her husband, had a knee replacement 2 weeks ago.",
         "recent_surgery_or_bedridden"),
        ("ED. 49F, husband reports bedbound for 5 days.", "recent_surgery_or_bedridden"),
        ("ED. 49F, per her daughter bedbound for 5 days.", "recent_surgery_or_bedridden"),
        ("ED. 49F, her son is worried because she has been bed-bound for 5 days.",
         "recent_surgery_or_bedridden"),
        ("ED. 49F, delivered her baby by Caesarean section 9 days ago.",
         "recent_surgery_or_bedridden"),
        ("ED. 60M, his wife tells us he is on chemo for lung cancer.", "active_cancer"),
        ("ED. 60M, mother had DVT; he had a DVT in 2017 too.", "previous_dvt"),
        ("ED. 70M, hemiplegic since a stroke, wife is his carer.", "leg_cast_or_paralysis"),
    ],
)  # fmt: skip
def test_own_history_beside_a_relative_stands(text: str, finding: str) -> None:
    assert _read(text, finding) == "present"


@pytest.mark.parametrize(
    "text",
    [
        "ED. 30M, L leg swollen through thigh and calf.",
        "ED. 30M, L thigh swollen as well as the calf.",
        "ED. 30M, swelling in the thigh as well as the calf on the L.",
        "ED. 30M, oedema of calf plus thigh, L side.",
    ],
)
def test_thigh_and_calf_swollen_in_any_order(text: str) -> None:
    assert _read(text, "whole_leg_swollen") == "present"


@pytest.mark.parametrize(
    "text",
    [
        "ED. 30M, L calf swollen and thigh tender.",
        "ED. 30M, swelling of the calf and pain in the thigh.",
        "ED. 30M, no swelling of the thigh and calf.",
        "ED. 30M, L calf swollen. Bruise on the thigh and a graze on the calf.",
        "ED. 30M, thigh swollen after a fall, the calf looks normal.",
    ],
)
def test_thigh_and_calf_with_another_state_is_no_whole_leg(text: str) -> None:
    assert _read(text, "whole_leg_swollen") != "present"


WORDS = ["thigh", "Thigh", "THIGH", "thighs", "calf", "calves", "shin", "lower leg", "and",
         "as well as", "plus", "&", "the", "swollen", "oedema", "swelling", "tender", "husband",
         "wife's", "son", "per", "by", "says", "she", "who",
         "\u00e9", "\u017f", "\u212a"]  # fmt: skip
SIGNS = ["", " ", "  ", ",", ".", ";", "\n", ":", "("]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS + SIGNS), min_size=1, max_size=16).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_texts())
def test_thigh_gate_hides_no_match(text: str) -> None:
    if "thigh" in text.lower():
        return
    assert wells_parts.PAIR.search(text) is None
    assert list(wells_parts.read_thigh_and_calf(text, text.lower())) == []


@settings(max_examples=2000, deadline=None)
@given(_texts())
def test_other_person_gate_hides_no_drop(text: str) -> None:
    if wells_others.SOMEONE_ELSE.search(text) is not None:
        return
    assert wells_others.AFTER.search(text) is None
