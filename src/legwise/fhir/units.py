"""Measured values in the knowledge base's units: UCUM codes converted with a library.

A ferritin of 0.3 mg/L is 300 ug/L; read as 0.3 it would look like empty iron stores. Units
are parsed by `ucumvert` (a UCUM grammar on top of `pint`), never a hand table, and a value
whose unit cannot be converted (20 pmol/L of ferritin: a molar unit, and legwise has no
sourced molar mass) is refused with `UnitError`, never used as it stands. The registry is
built on first use (about a second), not at import.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

from legwise.fhir import systems

SIGNIFICANT = 12  # digits kept: 1 ng/mL -> 1.0000000000000002 ug/L is rounded away
DIMENSIONLESS = ("", "1")


class UnitError(ValueError):
    """The value's unit is missing, unknown or not convertible to the expected one."""


@functools.cache
def _registry() -> Any:
    from ucumvert import PintUcumRegistry

    return PintUcumRegistry()


def _parse(code: str) -> Any:
    """The pint unit for a UCUM code; annotations alone (`{ratio}`) are the unit 1."""
    stripped = code.strip()
    if stripped in DIMENSIONLESS or (stripped.startswith("{") and stripped.endswith("}")):
        return _registry().dimensionless
    try:
        unit = _registry().from_ucum(stripped)
    except Exception:  # the parser raises its own error types on any malformed code
        raise UnitError(f"{code!r} is not a UCUM unit") from None
    if isinstance(unit, str):  # an annotation the parser keeps as text
        return _registry().dimensionless
    return unit


def ucum_code(kb_unit: str | None) -> str:
    """The UCUM code of a knowledge-base unit. `None` and units that are no UCUM unit (a
    pain score "0-10") are plain numbers, UCUM "1"."""
    if kb_unit is None:
        return "1"
    return systems.UCUM_UNITS.get(kb_unit, "1")


def convert(value: float, code: str, target: str) -> float:
    """`value` in UCUM unit `code`, expressed in UCUM unit `target`; UnitError otherwise."""
    import pint

    source_unit, target_unit = _parse(code), _parse(target)
    try:
        out = float((value * source_unit).to(target_unit).magnitude)
    except pint.DimensionalityError:
        raise UnitError(f"{code!r} cannot be converted to {target!r}") from None
    if not math.isfinite(out):
        raise UnitError(f"{value} {code} is out of range")
    return float(f"{out:.{SIGNIFICANT}g}")


def quantity_unit(quantity: Mapping[str, Any]) -> str | None:
    """The UCUM code a FHIR Quantity states: `code` when its system is UCUM (or unset), else
    `unit` when that parses as UCUM; None when it states no unit at all."""
    system, code, unit = quantity.get("system"), quantity.get("code"), quantity.get("unit")
    if isinstance(code, str) and code.strip():
        if system not in (None, systems.UCUM):
            raise UnitError(f"the unit system {system!r} is not UCUM ({systems.UCUM})")
        return code
    if isinstance(unit, str) and unit.strip():
        return unit
    return None


def quantity_value(quantity: Mapping[str, Any], kb_unit: str | None) -> float:
    """A FHIR Quantity's value in the knowledge base's unit; UnitError when it cannot be.

    A quantity with no unit is taken as already in the expected unit only where that unit
    is a plain number (the ankle-brachial index); a ferritin without a unit is refused.
    """
    value = quantity.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UnitError("the quantity has no numeric value")
    target = ucum_code(kb_unit)
    code = quantity_unit(quantity)
    if code is None:
        if target == "1":
            return float(value)
        raise UnitError(f"the quantity has no unit (expected {target} or a convertible unit)")
    return convert(float(value), code, target)


def warm() -> None:
    """Build the UCUM registry and load the FHIR models a CDS call reads, so that the first
    EHR call after start-up is not the one that pays for them (a few seconds)."""
    from legwise.fhir.model import model_class

    _registry()
    for kind in ("Patient", "Condition", "Observation", "QuestionnaireResponse"):
        model_class(kind)
