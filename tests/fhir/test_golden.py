"""Golden files: the FHIR and CDS Hooks documents legwise writes, compared exactly.

Made from the small test knowledge base (tests/interfaces/kb_fixture) so that they stay short
enough to review and change only when the generators change. Ids and dates are fixed here.
After an intended change, regenerate and review the diff:

    LEGWISE_REGEN_GOLDEN=1 uv run pytest tests/fhir/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from legwise.fhir.adaptive import next_question
from legwise.fhir.cds import patient_view
from legwise.fhir.model import validate_resource
from legwise.fhir.questionnaire import build_questionnaire
from legwise.fhir.service import assess_response
from legwise.kb.loader import Knowledge, load_from
from tests.fhir import sdc_driver

GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURE = Path(__file__).resolve().parents[1] / "interfaces" / "kb_fixture"
REGEN = os.environ.get("LEGWISE_REGEN_GOLDEN") == "1"
TODAY = dt.date(2026, 11, 15)
CASE = {"age": 67, "sex": "male", "findings": {"one_leg_swollen": "present"}}


@pytest.fixture(scope="module")
def small_kb() -> Knowledge:
    return load_from(FIXTURE)


def _check(name: str, made: Any) -> None:
    path = GOLDEN / name
    text = json.dumps(made, indent=2, ensure_ascii=False) + "\n"
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{name} missing; run with LEGWISE_REGEN_GOLDEN=1"
    assert json.loads(path.read_text(encoding="utf-8")) == made, f"{name} differs from golden"


def _final_response(kb: Knowledge) -> dict[str, Any]:
    final, _, _ = sdc_driver.run(lambda qr: next_question(kb, qr), CASE)
    return {**final, "id": "qr-golden", "authored": "2026-11-15T09:30:00Z"}


def test_questionnaire(small_kb: Knowledge) -> None:
    q = build_questionnaire(small_kb)
    assert validate_resource(q) == q
    _check("questionnaire.json", q)


def test_questionnaire_response_from_the_adaptive_loop(small_kb: Knowledge) -> None:
    qr = _final_response(small_kb)
    assert validate_resource(qr) == qr
    _check("questionnaire_response.json", qr)


def test_risk_assessment(small_kb: Knowledge) -> None:
    qr = _final_response(small_kb)
    ra = assess_response(small_kb, qr, resource_id="ra-golden", occurrence="2026-11-15T09:31:00Z")
    _check("risk_assessment.json", ra)


def test_cds_hooks_request_and_response(small_kb: Knowledge) -> None:
    request = json.loads((GOLDEN / "cds_request.json").read_text(encoding="utf-8"))
    response = patient_view(request, base_url="http://legwise.test/", today=TODAY, kb=small_kb)
    _check("cds_response.json", response)
