"""The vectorised path: encoding errors name the row, results keep order and ids."""

from __future__ import annotations

import pytest

from legwise import assess, assess_batch
from legwise.errors import InputError
from legwise.kb.loader import Knowledge

CASES = [
    {"id": "a", "findings": {"one_leg_swollen": "present", "chest_pain_or_breathless": "present"}},
    {"id": "b", "age": 45, "findings": {"brief_cramp_episodes": "present"}},
    {"id": "c", "age": 8, "findings": {"child_both_legs_evening_pain": "present"}},
]


def test_batch_keeps_order_ids_and_agrees_with_single_cases(kb: Knowledge) -> None:
    result = assess_batch(CASES, kb=kb)
    assert result.ids == ["a", "b", "c"]
    for row, case in enumerate(CASES):
        single = assess(case, kb=kb)
        assert result.level(row) == single.triage.level
        assert result.top(row) == single.top


def test_a_bad_case_in_a_batch_names_its_row(kb: Knowledge) -> None:
    bad = [*CASES, {"findings": {"one_leg_swollen": "maybe"}}]
    with pytest.raises(InputError) as info:
        assess_batch(bad, kb=kb)
    assert info.value.field == "[3].findings.one_leg_swollen"


def test_conditions_that_do_not_apply_are_nan(kb: Knowledge) -> None:
    result = assess_batch(CASES, kb=kb)
    col = result.conditions.index("growing_pains")
    assert result.probabilities[1, col] != result.probabilities[1, col]  # adult: NaN
    assert result.probabilities[2, col] > 0.2  # child with the typical pattern


def test_chunks_on_threads_give_the_figures_of_one_thread(
    kb: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small chunks so 600 cases make many: threads, and the near-threshold rows recounted
    together at the end, change no figure and no row's place."""
    import numpy as np

    from legwise.engine import batch
    from tests.tables.cases import random_cases

    encoded = batch.encode(kb, random_cases(kb, 600, seed=5))
    monkeypatch.setattr(batch, "CHUNK", 64)
    one = batch.run(kb, encoded, fired=True, threads=1)
    many = batch.run(kb, encoded, fired=True, threads=3)
    monkeypatch.setattr(batch, "CHUNK", 1 << 16)
    whole = batch.run(kb, encoded, fired=True, threads=1)
    for other in (many, whole):
        assert np.array_equal(one.probabilities, other.probabilities, equal_nan=True)
        assert np.array_equal(one.level_index, other.level_index)
        assert np.array_equal(one.unexplained, other.unexplained)
        assert np.array_equal(one.tier, other.tier)  # type: ignore[arg-type]
        assert np.array_equal(one.fired, other.fired)  # type: ignore[arg-type]


def test_chunks_shared_evenly_by_threads_give_the_same_figures(
    kb: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks sized so the threads get the same number (not CHUNK rows and a short last one)
    change no figure."""
    import numpy as np

    from legwise.engine import batch
    from tests.tables.cases import random_cases

    encoded = batch.encode(kb, random_cases(kb, 1500, seed=6))
    whole = batch.run(kb, encoded, fired=True, threads=1)
    monkeypatch.setattr(batch, "CHUNK", 256)
    assert batch.chunk_rows(1500, 4) == 192  # 8 chunks of 192 (the last 156), not 6 of 256
    shared = batch.run(kb, encoded, fired=True, threads=4)
    assert np.array_equal(whole.probabilities, shared.probabilities, equal_nan=True)
    assert np.array_equal(whole.level_index, shared.level_index)
    assert np.array_equal(whole.tier, shared.tier)  # type: ignore[arg-type]
    assert np.array_equal(whole.fired, shared.fired)  # type: ignore[arg-type]
