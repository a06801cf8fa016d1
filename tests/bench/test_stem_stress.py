"""The stem stress generator (bench/stem_stress.py): deterministic, known ids, a clean split.

No accuracy floor: the held part is measured by the bench at the start and the end of a round,
never asserted or tuned on.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from legwise.kb.loader import Knowledge

from .conftest import load_bench


@pytest.fixture(scope="module")
def ss() -> ModuleType:
    return load_bench("stem_stress")


def test_generation_is_deterministic(ss: ModuleType) -> None:
    for part in ("dev", "held"):
        first = ss.generate(part)
        assert first == ss.generate(part)
        assert len(first) >= 1000
        assert len({s["id"] for s in first}) == len(first)


def test_phrasings_name_known_findings(ss: ModuleType, kb: Knowledge) -> None:
    ph = ss.load_phrasings()
    known = set(kb.findings)
    assert set(ph["findings"]) <= known
    assert set(ph["numbers"]) <= known
    for part in ("dev", "held"):
        for stem in ss.generate(part):
            assert set(stem["case"]["findings"]) <= known, stem["id"]


def test_parts_use_disjoint_options(ss: ModuleType) -> None:
    options = list(range(9))
    dev = {o for o in options if not ss.held(o)}
    held = {o for o in options if ss.held(o)}
    assert dev.isdisjoint(held) and held == {2, 5, 8}
    import random

    rng = random.Random(1)
    assert {ss.pick(rng, options, "dev") for _ in range(200)} <= dev
    assert {ss.pick(rng, options, "held") for _ in range(200)} <= held
    assert ss.pick(rng, ["only"], "held") is None


def test_templates_split(ss: ModuleType) -> None:
    dev = [t for i, t in enumerate(ss.TEMPLATES) if not ss.held(i)]
    assert len(dev) == 4 and len(ss.TEMPLATES) == 6
