"""bench/diary_fhir.py runs and reports every figure the README quotes from it."""

from __future__ import annotations

import pytest

from tests.bench.conftest import load_bench


def test_diary_fhir_bench_reports_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_bench("diary_fhir").main() == 0
    out = capsys.readouterr().out
    for label in ("save a night", "14 nights", "365 nights", "FHIR $assess", "Questionnaire"):
        assert label in out
