"""The interview simulation's safety figures (bench/interview_sim.py).

A simulated patient answers the adaptive interview for every vignette. The safety figures
must hold: every vignette whose acceptable range starts at consultation_24 or above ends the
interview at the same triage level as the full case, and no askable red flag that would raise
the level to consultation_24+ is left unanswered. Question counts and timing are reported by
the bench, never asserted here.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from legwise.kb.loader import Knowledge

from .conftest import load_bench


@pytest.fixture(scope="module")
def sim() -> ModuleType:
    return load_bench("interview_sim")


@pytest.fixture(scope="module")
def report(sim: ModuleType, kb: Knowledge) -> Any:
    return sim.simulate(kb)


def test_every_vignette_is_simulated(sim: ModuleType, report: Any) -> None:
    results = report.results
    assert len(results) == len(sim.load_vignettes())
    for r in results:
        assert r.reason_code != "loop_cap", f"{r.id}: interview did not finish"


def test_urgent_vignettes_keep_their_triage_level(report: Any) -> None:
    urgent = [r for r in report.results if r.urgent]
    assert urgent
    wrong = [
        f"{r.id}: interview {r.interview_level} ({r.questions} questions, {r.reason_code})"
        f" vs full {r.full_level}"
        for r in urgent
        if not r.level_agrees
    ]
    assert not wrong, "\n".join(wrong)
    assert report.triage_agreement_urgent_pct == 100.0


def test_no_red_flag_is_left_unasked(report: Any) -> None:
    missed = [
        f"{r.id}: {', '.join(r.uncovered_red_flags)} (stopped: {r.reason_code})"
        for r in report.uncovered
    ]
    assert not missed, "\n".join(missed)
    assert report.red_flag_coverage_pct == 100.0
