"""The Wells back-off readers of round 15 (hW15): a form read by its shape when its answers or
labels are in words the readers have no list for, a question answered after it, and the score's
band after its total; and the precision they owe: a label that names no item, or two, and an
answer that says neither yes nor no, leave the item unknown rather than guessed."""

from __future__ import annotations

import pytest

from legwise.intake.text import extract
from legwise.intake.wells_forms import backoff_item
from legwise.kb.loader import Knowledge

ITEMS = (
    "active_cancer",
    "leg_cast_or_paralysis",
    "recent_surgery_or_bedridden",
    "deep_vein_tenderness",
    "whole_leg_swollen",
    "calf_difference_3cm",
    "pitting_edema_symptomatic_leg",
    "collateral_superficial_veins",
    "previous_dvt",
    "alternative_diagnosis_likely",
)


def _wells(text: str, kb: Knowledge) -> dict[str, str]:
    found = extract(text, kb).findings
    return {i: str(found[i]) for i in ITEMS if i in found}


@pytest.mark.parametrize(
    ("yes", "no"), [("ja", "nein"), ("oui", "non"), ("tak", "nie"), ("sí", "no"), ("是", "否")]
)
def test_a_form_in_another_language_is_read_by_its_answers(
    yes: str, no: str, kb: Knowledge
) -> None:
    text = (
        "Wells score\n"
        f"Active cancer: {yes}\n"
        f"Paralysis or cast: {no}\n"
        f"Bedridden or major surgery: {no}\n"
        f"Entire leg swollen: {yes}\n"
        f"Previous DVT: {no}\n"
        f"Alternative diagnosis as likely: {no}"
    )
    assert _wells(text, kb) == {
        "active_cancer": "present",
        "leg_cast_or_paralysis": "absent",
        "recent_surgery_or_bedridden": "absent",
        "whole_leg_swollen": "present",
        "previous_dvt": "absent",
        "alternative_diagnosis_likely": "absent",
    }


def test_an_unknown_answer_word_is_the_opposite_of_the_known_one(kb: Knowledge) -> None:
    text = (
        "Wells\nActive cancer: ei\nPrevious DVT: jah\nParalysis or cast: ei\n"
        "Entire leg swollen: jah\nAlternative as likely: ei"
    )
    got = _wells(text, kb)
    assert got["previous_dvt"] == "present" and got["whole_leg_swollen"] == "present"
    assert got["active_cancer"] == "absent"


def test_hedged_and_unread_answers_leave_the_item_unknown(kb: Knowledge) -> None:
    text = (
        "Wells\nActive cancer: yes\nPrevious DVT: maybe\nParalysis or plaster: no\n"
        "Swelling: yes\nSurgery or bed rest: no\nAlternative as likely: no"
    )
    got = _wells(text, kb)
    assert "previous_dvt" not in got  # "maybe": unknown, not its label's "present"
    assert "whole_leg_swollen" not in got and "calf_difference_3cm" not in got  # "Swelling"


@pytest.mark.parametrize(
    ("label", "item"),
    [
        ("Maligniteit actief", "active_cancer"),
        ("Parálisis o yeso", "leg_cast_or_paralysis"),
        ("Diagnostico alternativo", "alternative_diagnosis_likely"),
        ("Kollaterale Venen", "collateral_superficial_veins"),
        ("Swelling", None),  # no item's key word
        ("Calf or whole leg", None),  # two items tie
    ],
)
def test_a_label_names_the_one_item_whose_key_words_it_shares(label: str, item: str | None) -> None:
    assert backoff_item(label) == item


def test_a_question_is_no_finding_and_its_answer_decides(kb: Knowledge) -> None:
    text = (
        "Bot: Is the whole leg swollen?\nClinician: nope\n"
        "Bot: Any previous DVT?\nClinician: yep, 2015\n"
        "Bot: Is the calf 3 cm bigger?\nClinician: no idea\n"
        "Bot: Is another diagnosis at least as likely?\nClinician: honestly no"
    )
    assert _wells(text, kb) == {
        "whole_leg_swollen": "absent",
        "previous_dvt": "present",
        "alternative_diagnosis_likely": "absent",
    }


def test_the_band_after_a_total_is_not_the_alternative(kb: Knowledge) -> None:
    got = _wells("Wells: +1 active cancer, nothing else. Total 1 -> DVT unlikely.", kb)
    assert got.get("alternative_diagnosis_likely") != "present"
