"""The SDC adaptive interview ($next-question) reaches what the library interview reaches.

A client that knows only FHIR answers each added item from a vignette; the questions asked,
the triage level and every probability must equal the library interview driven with the
same answers (bench/interview_sim.py's simulated patient).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.engine.assess import assess_case
from legwise.engine.question_choice import next_step
from legwise.fhir.adaptive import next_question
from legwise.fhir.model import validate_resource
from legwise.kb.loader import Knowledge, load_knowledge
from tests.fhir import sdc_driver

VIGNETTES = Path(__file__).resolve().parents[1] / "vignettes"


def _sample() -> list[dict[str, Any]]:
    """The first vignette of every file (one per theme keeps the suite quick)."""
    out = []
    for path in sorted(VIGNETTES.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if items:
            out.append(items[0])
    return out


def _audience(kb: Knowledge, case: dict[str, Any]) -> str:
    clinician = any(
        kb.findings[f].asked_by == "clinician" for f in case.get("findings", {}) if f in kb.findings
    )
    return "clinician" if clinician else "patient"


def _library(kb: Knowledge, vcase: dict[str, Any], audience: str) -> tuple[list[str], Any]:
    case: dict[str, Any] = {"findings": {}}
    asked: list[str] = []
    for _ in range(sdc_driver.LOOP_CAP):
        step = next_step(case, audience=audience, kb=kb)
        if step.done:
            return asked, assess_case(case, kb=kb)
        assert step.question is not None
        asked.append(step.question.id)
        for fid in step.question.findings:
            value = sdc_driver._stated(vcase, fid)
            case["findings"][fid] = "unknown" if value is None else value
    raise AssertionError("library interview did not finish")


@pytest.mark.parametrize("vignette", _sample(), ids=lambda v: str(v["id"]))
def test_the_sdc_loop_reaches_the_library_result(vignette: dict[str, Any]) -> None:
    kb = load_knowledge()
    vcase = vignette["case"]
    audience = _audience(kb, vcase)
    final, asked, largest = sdc_driver.run(lambda qr: next_question(kb, qr, audience), vcase)
    lib_asked, lib = _library(kb, vcase, audience)
    assert asked == lib_asked
    risk = next(r for r in final["contained"] if r["resourceType"] == "RiskAssessment")
    level = risk["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
    assert level == lib.level
    got = {p["outcome"]["coding"][0]["code"]: p["probabilityDecimal"] for p in risk["prediction"]}
    assert got == {c.id: round(c.probability, 4) for c in lib.conditions}
    validate_resource(final)
    assert largest < 64 * 1024  # the last request still fits the API's body limit
