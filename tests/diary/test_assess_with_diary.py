"""A diary changes the assessment: merged findings, overrides, the level and its reasons."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

from rich.console import Console

import legwise
from legwise.diary.entry import DiaryEntry
from legwise.diary.trends import read_diary
from legwise.intake.diary import merge_diary
from legwise.interfaces.cli.render import render_assessment
from legwise.kb.loader import Knowledge
from tests.diary.synth import nights

START = dt.date(2025, 3, 1)
# Cramps most nights for 2 weeks despite stretching, worse and worse, breaking sleep.
WORSENING = nights(
    START,
    ["2 1 c", "2 1 c", "3 1 c s", "3 1 c", "3 2 c", "4 2 c s", "4 2 c",
     "5 2 c s", "5 2 c", "6 2 c s", "6 3 c s", "7 3 c", "7 3 c s", "8 3 c s"],
)  # fmt: skip
CRAMPS: dict[str, Any] = {
    "id": "cramps",
    "age": 45,
    "findings": {
        "pain_at_night": "present",
        "brief_cramp_episodes": "present",
        "muscle_knot_during_pain": "present",
        "relieved_by_stretching": "present",
        "frequent_symptoms": "absent",
        "getting_worse": "absent",
        "one_leg_swollen": "absent",
    },
}


def test_a_worsening_diary_raises_the_level_and_names_the_pattern() -> None:
    plain = legwise.assess(CRAMPS)
    with_diary = legwise.assess(CRAMPS, diary=WORSENING)
    assert plain.level == "self_care"
    assert with_diary.level == "consultation"
    body = with_diary.to_dict()
    report = body["from_diary"]
    assert report["level"] == {"without": "self_care", "with": "consultation", "raised": True}
    by_rule = {r["rule"]: r.get("from_diary", []) for r in body["triage"]["reasons"]}
    assert by_rule["pain_getting_worse"] == ["worsening"]
    assert by_rule["pain_not_improving_with_home_care"] == ["persistence"]
    assert by_rule["pain_disturbs_sleep"] == ["sleep_disruption"]
    assert set(report["reasons"]) >= {"pain_getting_worse", "pain_disturbs_sleep"}
    sentences = {p["id"]: p["sentence"] for p in report["patterns"]}
    assert sentences["worsening"].startswith("Your worst pain went from about 3 to about 6")
    # the diary's sources are cited like every other part of the result
    assert {"farrar_2001", "sen_1968", "apa_2013_dsm5"} <= set(body["sources"])


def test_diary_present_overrides_an_explicit_absent_and_says_so(kb: Knowledge) -> None:
    case, report = merge_diary(CRAMPS, read_diary(WORSENING, kb=kb))
    assert case["findings"]["getting_worse"] == "present"
    assert case["findings"]["frequent_symptoms"] == "present"
    assert {o["finding"]: o["by"] for o in report["overrides"]} == {
        "getting_worse": "worsening",
        "frequent_symptoms": "frequency",
    }
    assert sorted(report["added"]) == ["not_improving_with_self_care", "sleep_disrupted"]
    assert CRAMPS["findings"]["getting_worse"] == "absent"  # the input is not changed


def test_a_ticked_warning_sign_fills_a_gap_but_keeps_an_answer(kb: Knowledge) -> None:
    diary = nights(START, ["2 1 +one_leg_swollen"])
    reading = read_diary(diary, kb=kb)
    case, report = merge_diary({"findings": {"pain_at_night": "present"}}, reading)
    assert case["findings"]["one_leg_swollen"] == "present"
    assert report["added"] == ["one_leg_swollen"]
    case, report = merge_diary(CRAMPS, reading)
    assert case["findings"]["one_leg_swollen"] == "absent"
    assert report["kept"] == [
        {"finding": "one_leg_swollen", "answer": "absent", "diary": "present", "by": "recorded"}
    ]


def test_a_warning_sign_from_the_diary_is_marked_on_its_reason() -> None:
    diary = nights(START, ["2 1 +one_leg_swollen +calf_tenderness"])
    result = legwise.assess({"age": 60, "findings": {"pain_at_night": "present"}}, diary=diary)
    marked = [r for r in result.to_dict()["triage"]["reasons"] if r.get("from_diary")]
    assert marked and all(r["from_diary"] == ["recorded"] for r in marked)
    assert result.from_diary is not None and result.from_diary["level"]["raised"]


def test_a_quiet_diary_changes_nothing() -> None:
    quiet = nights(START, ["0 0 *20"])
    plain = legwise.assess(CRAMPS).to_dict()
    body = legwise.assess(CRAMPS, diary=quiet).to_dict()
    assert body["triage"] == plain["triage"]
    assert body["from_diary"]["level"]["raised"] is False
    assert body["from_diary"]["patterns"] == []


def test_library_takes_entries_and_today() -> None:
    entries = [DiaryEntry.model_validate(e) for e in WORSENING]
    stale = legwise.assess(CRAMPS, diary=entries, today=START + dt.timedelta(days=60))
    assert stale.level == "self_care"
    assert legwise.assess(CRAMPS, diary=entries).level == "consultation"


def test_the_result_screen_shows_the_diary_block(kb: Knowledge) -> None:
    body = legwise.assess(CRAMPS, diary=WORSENING).to_dict()
    out = StringIO()
    render_assessment(Console(file=out, width=100, color_system=None), body, kb)
    text = out.getvalue()
    assert "From your diary" in text
    assert "Your worst pain went from about 3 to about 6" in text
    assert "raised the advice" in text
    assert "(shown by your diary)" in text
    assert "From your diary" not in _screen(kb, legwise.assess(CRAMPS).to_dict())


def _screen(kb: Knowledge, body: dict[str, Any]) -> str:
    out = StringIO()
    render_assessment(Console(file=out, width=100, color_system=None), body, kb)
    return out.getvalue()
