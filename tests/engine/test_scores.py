"""Validated scores: Wells DVT (two- and three-level), IRLSSG criteria, ABI bands."""

from __future__ import annotations

import itertools

from legwise import assess
from legwise.engine.assess import assess_case
from legwise.kb.loader import Knowledge


def _wells(kb: Knowledge, **findings: str) -> dict:  # type: ignore[type-arg]
    return assess({"findings": findings}, kb=kb).scores["wells_dvt"]


def test_wells_adds_items_and_subtracts_an_alternative_diagnosis(kb: Knowledge) -> None:
    w = _wells(
        kb,
        active_cancer="present",
        whole_leg_swollen="present",
        calf_difference_3cm="present",
        previous_dvt="present",
        alternative_diagnosis_likely="present",
    )
    assert w["variants"]["two_level"]["value"] == 2  # 4 items - 2
    assert w["variants"]["two_level"]["band"] == "DVT likely"
    # The three-level (1997) model has no previous-DVT item.
    assert w["variants"]["three_level"]["value"] == 1
    assert w["variants"]["three_level"]["band"] == "Moderate"


def test_wells_reports_a_worst_case_for_unanswered_items(kb: Knowledge) -> None:
    w = _wells(kb, active_cancer="absent", whole_leg_swollen="present")
    two = w["variants"]["two_level"]
    assert two["value"] == 1 and two["band"] == "DVT unlikely"
    assert not w["complete"]
    assert two["worst_case"] == 1 + len(w["unknown_items"]) - 1  # -2 item is not counted
    assert "alternative_diagnosis_likely" in w["unknown_items"]


def test_an_incomplete_wells_that_could_reach_two_does_not_reassure(kb: Knowledge) -> None:
    # Swollen leg, exam items unknown: the worst case reaches "likely", so same-day-or-faster.
    result = assess({"findings": {"one_leg_swollen": "present", "whole_leg_swollen": "present"}})
    assert result.scores["wells_dvt"]["variants"]["two_level"]["worst_case"] >= 2
    assert result.triage.level in ("emergency", "emergency_ambulance")


def test_irlssg_is_met_only_when_all_five_criteria_hold(kb: Knowledge) -> None:
    four = {
        "urge_to_move_legs": "present",
        "worse_when_resting": "present",
        "relieved_by_movement": "present",
        "worse_evening_or_night": "present",
    }
    partial = assess({"findings": four}, kb=kb).scores["irlssg"]
    assert partial["status"] == "incomplete" and partial["met"] == 4
    mimic = assess({"findings": four | {"muscle_knot_during_pain": "present"}}, kb=kb)
    assert mimic.scores["irlssg"]["status"] == "not_met"
    no_urge = assess({"findings": four | {"urge_to_move_legs": "absent"}}, kb=kb)
    assert no_urge.scores["irlssg"]["status"] == "not_met"


def test_abi_bands(kb: Knowledge) -> None:
    def band(x: float) -> str:
        return str(
            assess({"findings": {"ankle_brachial_index": x}}, kb=kb).scores["abi"]["band"]
        ).lower()

    assert "severe" in band(0.3)
    assert "abnormal" in band(0.7) or "pad" in band(0.7)
    assert "borderline" in band(0.95)
    assert "normal" in band(1.1) and "abnormal" not in band(1.1)
    assert "compress" in band(1.6)


def wells_items(kb: Knowledge) -> tuple[str, ...]:
    """The Wells items that add a point, read from the score itself (each item's id is its
    finding), so the tests follow the knowledge instead of a copy of it."""
    return tuple(i.id for i in kb.scores["wells_dvt"].items if i.points > 0)


def test_a_complete_wells_score_is_used_exactly(kb: Knowledge) -> None:
    """Every item answered (NICE NG158 1.1.2; Wells 2003 two-level): the worst case is the
    score itself, the alternative diagnosis takes 2 off, and the "DVT likely" rule fires
    exactly when the score is 2 or more, never because of a worst case."""
    point_items = wells_items(kb)
    for bits in itertools.product((0, 1), repeat=len(point_items) + 1):
        *items, alternative = bits
        findings = {
            f: "present" if b else "absent" for f, b in zip(point_items, items, strict=True)
        }
        findings["alternative_diagnosis_likely"] = "present" if alternative else "absent"
        findings["one_leg_swollen"] = "present"
        result = assess_case({"age": 50, "findings": findings}, kb=kb, explain=False)
        wells = result.scores["wells_dvt"]
        two = wells["variants"]["two_level"]
        value = sum(items) - 2 * alternative
        assert wells["complete"]
        assert two["value"] == two["worst_case"] == value, findings
        fired = {r.rule for r in result.triage.reasons}
        assert ("dvt_swollen_leg_wells_likely" in fired) == (value >= 2), (value, findings)
