"""`frozen.maker` builds the same records as the dataclasses' own constructors."""

from __future__ import annotations

import dataclasses

import pytest

from legwise.engine.assessment import ConditionResult
from legwise.engine.explain import Contribution
from legwise.engine.frozen import maker
from legwise.engine.triage import Reason


def test_made_records_equal_the_constructed_ones_and_stay_frozen() -> None:
    make = maker(ConditionResult)
    args = ("dvt", "Deep vein clot", 0.31, 0.05, True, ())
    made, built = make(*args, supported=True), ConditionResult(*args, supported=True)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert made.named_by_rule is False  # defaults as in the class
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.probability = 0.9  # type: ignore[misc]
    why = maker(Contribution)("age", 70, 2.0, 0.69, "prior", (), None)
    assert why == Contribution("age", 70, 2.0, 0.69, "prior", (), None)
    reason = maker(Reason)(
        rule="r",
        level="emergency",
        title="t",
        text="x",
        action=None,
        suspects=(),
        outside=None,
        sources=(),
    )
    assert reason.to_dict() == Reason("r", "emergency", "t", "x", None, (), None, ()).to_dict()


def test_a_missing_field_is_an_error_as_with_the_constructor() -> None:
    with pytest.raises(TypeError):
        maker(ConditionResult)("dvt", "Deep vein clot", 0.31)


def test_refuses_records_it_could_build_wrongly() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            if self.x < 0:
                raise ValueError("x")

    for cls in (NoSlots, Checked):
        with pytest.raises(TypeError):
            maker(cls)
