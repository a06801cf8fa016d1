"""Properties of the diary trend rules over random diaries (hypothesis).

* The order in which entries arrive never matters (nights are distinct).
* One outlying night added to a flat diary never makes it "getting worse".
* A diary never lowers the triage level of any vignette case.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legwise
from legwise.diary.trends import read_diary
from legwise.kb.checks import red_flag_findings
from legwise.kb.loader import load_knowledge
from legwise.kb.schema import LEVELS

KB = load_knowledge()
START = dt.date(2025, 1, 1)
SYMPTOMS = sorted(f.id for f in KB.findings.values() if f.type == "state")
# Mostly everyday symptoms, with warning signs among them, so random diaries can tick both.
# (A diary night ticks yes/no findings only: a measured number such as the ankle-brachial
# index is never a tick, even when a warning-sign rule reads it.)
WARNING_TICKS = sorted(f for f in red_flag_findings(KB) if KB.findings[f].type == "state")
TICKABLE = sorted(set(SYMPTOMS[::7]) | set(WARNING_TICKS[::3]))
MEASURES = sorted(a.id for a in KB.advice.values() if a.kind == "measure")
VIGNETTES = [
    v["case"]
    for path in sorted((Path(__file__).parents[1] / "vignettes").glob("*.yaml"))
    if path.name != "coverage.yaml"
    for v in yaml.safe_load(path.read_text()) or []
    if isinstance(v, dict) and "case" in v
]

STATES = sorted(f.id for f in KB.findings.values() if f.type == "state")
random_cases = st.builds(
    lambda findings, age: {"findings": findings, "age": age},
    st.dictionaries(st.sampled_from(STATES), st.sampled_from(["present", "absent"]), max_size=8),
    st.integers(0, 100),
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def entries(draw: st.DrawFn, pain: int | None = None, max_days: int = 40) -> list[dict[str, Any]]:
    """A diary of distinct nights within `max_days`; with `pain`, every night has that pain."""
    days = draw(st.sets(st.integers(0, max_days - 1), max_size=max_days))
    out = []
    for day in sorted(days):
        out.append(
            {
                "night": START + dt.timedelta(days=day),
                "worst_pain": pain if pain is not None else draw(st.integers(0, 10)),
                "episodes": draw(st.integers(0, 4)),
                "sleep_disturbed": draw(st.booleans()),
                "self_care": draw(st.lists(st.sampled_from(MEASURES), max_size=2)),
                "findings": draw(st.lists(st.sampled_from(TICKABLE), max_size=2)),
            }
        )
    return out


@FAST
@given(entries(), st.randoms(use_true_random=False))
def test_order_of_entries_never_matters(diary: list[dict[str, Any]], rnd: random.Random) -> None:
    shuffled = list(diary)
    rnd.shuffle(shuffled)
    assert read_diary(shuffled, kb=KB).to_dict() == read_diary(diary, kb=KB).to_dict()


@FAST
@given(
    entries(pain=None, max_days=45).filter(lambda d: len(d) > 0),
    st.integers(0, 50),
    st.integers(0, 10),
)
def test_one_outlier_never_makes_a_flat_diary_worse(
    diary: list[dict[str, Any]], day: int, outlier: int
) -> None:
    level = diary[0]["worst_pain"]
    flat = [dict(e, worst_pain=level) for e in diary]
    assert "getting_worse" not in read_diary(flat, kb=KB).findings
    night = START + dt.timedelta(days=day)
    if any(e["night"] == night for e in flat):
        flat = [e for e in flat if e["night"] != night]  # the outlier takes that night
    bad = dict(flat[0] if flat else diary[0], night=night, worst_pain=outlier)
    assert "getting_worse" not in read_diary([*flat, bad], kb=KB).findings


def _rank(case: dict[str, Any], diary: list[dict[str, Any]] | None = None) -> int:
    return LEVELS.index(legwise.assess(case, kb=KB, diary=diary).level)


def test_the_vignettes_are_there() -> None:
    assert len(VIGNETTES) > 50


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.sampled_from(VIGNETTES), random_cases), entries(max_days=30))
def test_a_diary_never_lowers_the_level(case: dict[str, Any], diary: list[dict[str, Any]]) -> None:
    result = legwise.assess(case, kb=KB, diary=diary)
    assert result.from_diary is not None
    assert LEVELS.index(result.level) >= _rank(case)
    level = result.from_diary["level"]
    assert level["without"] == legwise.assess(case, kb=KB).level
    assert level["raised"] == (level["with"] != level["without"])
