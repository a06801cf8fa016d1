"""Whole-knowledge checks added for issue 11: one voice, one definition of "suspected",
population variants. Each test breaks the shipped knowledge one way and expects the loader to
name the fault."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.errors import KnowledgeError
from legwise.kb.loader import load_from


@pytest.fixture()
def kb_copy(tmp_path: Path) -> Path:
    src = resources.files("legwise").joinpath("knowledge")
    dst = tmp_path / "knowledge"
    shutil.copytree(str(src), dst)
    return dst


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _entry(data: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(e for e in data if e["id"] == key)


def test_an_action_that_says_raise_the_leg_must_declare_it(kb_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        _entry(data, "cold_or_pale_leg")["action"] = "See a doctor today. Rest with the leg raised."

    _edit(kb_copy / "rules" / "same_day.yaml", change)
    with pytest.raises(KnowledgeError, match=r"cold_or_pale_leg.*says 'raise_leg'"):
        load_from(kb_copy)


def test_a_treatment_that_says_raise_the_leg_must_declare_it(kb_copy: Path) -> None:
    # Tests and treatments are patient text too: one that says an instruction declares it, so
    # it can give way ("raise the sore leg" beside "do not raise the leg").
    def change(data: list[dict[str, Any]]) -> None:
        item = _entry(_entry(data, "muscle_strain")["treatments"], "raise_and_support")
        item.pop("asks")

    _edit(kb_copy / "conditions" / "musculoskeletal.yaml", change)
    with pytest.raises(KnowledgeError, match=r"care 'raise_and_support'.*says 'raise_leg'"):
        load_from(kb_copy)


def test_one_item_may_not_say_two_things_that_contradict(kb_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        rule = _entry(data, "cannot_bear_weight")
        rule["asks"] = ["keep_weight_off", "keep_moving"]
        rule["action"] = "See a doctor today. Keep weight off the leg but keep moving."

    _edit(kb_copy / "rules" / "outside.yaml", change)
    with pytest.raises(KnowledgeError, match="says both 'keep_weight_off' and 'keep_moving'"):
        load_from(kb_copy)


def test_a_contraindication_may_not_give_way(kb_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        _entry(data, "massage")["avoid_says"] = ["keep_moving"]

    _edit(kb_copy / "advice" / "measures.yaml", change)
    with pytest.raises(KnowledgeError, match="contraindication must never give way"):
        load_from(kb_copy)


def test_a_dangerous_cause_needs_one_suspicion_rule(kb_copy: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["suspicion_rules"].remove("dvt_probability_moderate")

    _edit(kb_copy / "meta.yaml", change)
    with pytest.raises(KnowledgeError, match="'deep_vein_thrombosis' has no suspicion rule"):
        load_from(kb_copy)


def test_a_suspicion_rule_must_set_a_same_day_level(kb_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        _entry(data, "dvt_probability_moderate")["level"] = "consultation"

    _edit(kb_copy / "rules" / "thresholds.yaml", change)
    with pytest.raises(KnowledgeError, match="dvt_probability_moderate"):
        load_from(kb_copy)


def test_a_routine_rule_may_not_name_a_suspected_dangerous_cause(kb_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        _entry(data, "claudication")["suspects"] = ["acute_limb_ischemia"]

    _edit(kb_copy / "rules" / "consultation.yaml", change)
    with pytest.raises(KnowledgeError, match=r"claudication.*'acute_limb_ischemia'"):
        load_from(kb_copy)


def test_a_variant_must_name_a_known_population(kb_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        _entry(data, "magnesium_for_cramps")["variants"][0]["population"] = "astronauts"

    _edit(kb_copy / "advice" / "cautions.yaml", change)
    with pytest.raises(KnowledgeError, match="unknown population 'astronauts'"):
        load_from(kb_copy)


def test_a_caution_that_says_get_up_and_move_must_declare_it(kb_copy: Path) -> None:
    # "Do not stay in bed: get up and move around" beside "rest the leg" on an emergency screen
    # was a clash no check saw, because a caution's own words were not read.
    def change(data: list[dict[str, Any]]) -> None:
        _entry(data, "bed_rest")["avoid_says"] = []

    _edit(kb_copy / "advice" / "cautions.yaml", change)
    with pytest.raises(KnowledgeError, match=r"bed_rest.*says 'keep_moving'"):
        load_from(kb_copy)


def test_sit_up_and_lie_flat_are_one_voice_data(kb_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        _entry(data, "pe_chest_or_breathing_symptoms")["asks"] = ["do_not_rub_leg"]

    _edit(kb_copy / "rules" / "emergency.yaml", change)
    with pytest.raises(KnowledgeError, match=r"pe_chest_or_breathing_symptoms.*says 'sit_up'"):
        load_from(kb_copy)
