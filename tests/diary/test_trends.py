"""The diary trend rules on synthetic diaries with known answers (cases/*.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.diary.entry import DiaryEntry
from legwise.diary.trends import DiaryReading, read_diary, theil_sen_slope
from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from tests.diary.synth import diary_of

CASES = sorted(
    (
        case
        for path in (Path(__file__).parent / "cases").glob("*.yaml")
        for case in yaml.safe_load(path.read_text())
    ),
    key=lambda c: c["id"],
)


def _read(kb: Knowledge, case: dict[str, Any]) -> DiaryReading:
    return read_diary(diary_of(case), today=case.get("today"), kb=kb)


def test_case_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) > 30


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_diary_case(kb: Knowledge, case: dict[str, Any]) -> None:
    reading = _read(kb, case)
    expect = case["expect"]
    assert sorted(reading.findings) == sorted(expect["findings"])
    # one pattern per course finding, named for the rule that set it
    assert {p.finding for p in reading.patterns} == {
        f for f, by in reading.findings.items() if by != "recorded"
    }
    patterns = {p.id: p for p in reading.patterns}
    for pid, figures in expect.get("patterns", {}).items():
        assert pid in patterns, pid
        for name, value in figures.items():
            assert patterns[pid].figures[name] == value, (pid, name)
    for key in ("new_symptoms", "recent_symptoms"):
        if key in expect:
            assert list(getattr(reading, key)) == expect[key]
    summary = reading.summary.to_dict()
    for name, value in expect.get("summary", {}).items():
        got = len(summary["weeks"]) if name == "weeks" else summary[name]
        assert got == value, name


def test_sentences_name_the_figures(kb: Knowledge) -> None:
    case = next(c for c in CASES if c["id"] == "persistent_14_nights")
    sentence = _read(kb, case).patterns[0].sentence
    assert sentence.startswith("Leg trouble on 14 of the 14 nights")
    assert "{" not in sentence and "  " not in sentence


def test_weekly_summary_counts_back_from_the_end(kb: Knowledge) -> None:
    start = dt.date(2025, 3, 1)
    entries = [
        DiaryEntry(night=start + dt.timedelta(days=i), worst_pain=2 if i < 3 else 6, episodes=i)
        for i in range(10)
    ]
    weeks = read_diary(entries, kb=kb).summary.weeks
    # the last week is complete and ends at the latest night; the first is what is left
    assert [(w.start, w.end, w.nights) for w in weeks] == [
        (dt.date(2025, 2, 25), dt.date(2025, 3, 3), 3),
        (dt.date(2025, 3, 4), dt.date(2025, 3, 10), 7),
    ]
    assert [w.average_worst_pain for w in weeks] == [2.0, 6.0]
    assert [w.episodes for w in weeks] == [0 + 1 + 2, sum(range(3, 10))]
    assert [w.symptom_nights for w in weeks] == [3, 7]


def test_theil_sen_ignores_one_outlier() -> None:
    flat = [(float(x), 3.0) for x in range(10)] + [(10.0, 10.0)]
    assert theil_sen_slope(flat) == 0.0
    line = [(float(x), 1.0 + 0.5 * x) for x in range(10)]
    assert theil_sen_slope(line) == pytest.approx(0.5)
    assert theil_sen_slope([(1.0, 2.0)]) == 0.0


def test_a_bad_entry_is_an_input_error_naming_it(kb: Knowledge) -> None:
    good = {"night": dt.date(2025, 3, 1), "worst_pain": 3, "episodes": 1}
    with pytest.raises(InputError) as exc:
        read_diary([good, {**good, "worst_pain": 11}], kb=kb)
    assert exc.value.field == "diary[1].worst_pain"
    with pytest.raises(InputError) as exc:
        read_diary([{**good, "findings": ["no_such_symptom"]}], kb=kb)
    assert exc.value.field == "diary[0].findings[0]"
    with pytest.raises(InputError) as exc:
        read_diary([good, "3 1"], kb=kb)  # type: ignore[list-item]  # not an entry at all
    assert exc.value.field == "diary[1]"
    with pytest.raises(InputError) as exc:
        read_diary(good, kb=kb)  # type: ignore[arg-type]
    assert exc.value.field == "diary"
    with pytest.raises(InputError) as exc:
        read_diary([good], kb=kb, today="2025-03-01")  # type: ignore[arg-type]
    assert exc.value.field == "today"


def test_bare_settings_read_trends_but_add_no_warning_signs(kb: Knowledge) -> None:
    assert kb.diary is not None
    case = next(c for c in CASES if c["id"] == "new_warning_sign_is_added")
    reading = read_diary(diary_of(case), kb=kb.diary)
    assert sorted(reading.findings) == ["frequent_symptoms"]
    assert reading.new_symptoms == ("one_leg_swollen",)
