"""Results are independent data: editing one result's dict never changes another's."""

from __future__ import annotations

from typing import Any

from legwise.engine.assess import assess_case
from legwise.kb.loader import Knowledge

CASE: dict[str, Any] = {
    "age": 67,
    "sex": "male",
    "findings": {
        "one_leg_swollen": "present",
        "calf_tenderness": "present",
        "recent_surgery_or_bedridden": "present",
        "diabetes": "present",
    },
}


def _first_source(out: dict[str, Any]) -> dict[str, Any]:
    return out["conditions"][0]["evidence"][0]["sources"][0]  # type: ignore[no-any-return]


def test_editing_a_result_leaves_the_next_one_alone(kb: Knowledge) -> None:
    first = assess_case(CASE, kb=kb).to_dict()
    _first_source(first)["ref"] = "edited"
    first["advice"]["tests"][0]["sources"][0]["ref"] = "edited"
    first["advice"]["tests"][0]["name"] = "edited"
    first["triage"]["reasons"][0]["sources"][0]["ref"] = "edited"

    second = assess_case(CASE, kb=kb).to_dict()
    assert _first_source(second)["ref"] != "edited"
    assert second["advice"]["tests"][0]["sources"][0]["ref"] != "edited"
    assert second["advice"]["tests"][0]["name"] != "edited"
    assert second["triage"]["reasons"][0]["sources"][0]["ref"] != "edited"
