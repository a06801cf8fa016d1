"""QuestionnaireResponse -> case: every answer form, and errors that name the element."""

from __future__ import annotations

from typing import Any

import pytest

from legwise.errors import InputError
from legwise.fhir import systems
from legwise.fhir.response import read_response
from legwise.kb.loader import Knowledge


def _qr(*items: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": systems.QUESTIONNAIRE,
        "status": "completed",
        "item": list(items),
        **more,
    }


def _state(code: str) -> list[dict[str, Any]]:
    return [{"valueCoding": {"system": systems.ANSWER, "code": code}}]


def test_answers_of_every_type_become_the_case(kb: Knowledge) -> None:
    qr = _qr(
        {"linkId": "age", "answer": [{"valueInteger": 70}]},
        {"linkId": "sex", "answer": [{"valueCoding": {"system": systems.GENDER, "code": "male"}}]},
        {
            "linkId": "leg_skin_and_swelling",
            "item": [
                {"linkId": "one_leg_swollen", "answer": _state("present")},
                {"linkId": "leg_red", "answer": [{"valueBoolean": False}]},
                {"linkId": "leg_warm"},
            ],
        },
        {"linkId": "ankle_brachial_index", "answer": [{"valueQuantity": {"value": 0.6}}]},
        {"linkId": "pain_score", "answer": [{"valueDecimal": 7.5}]},
        id="qr-1",
    )
    case = read_response(kb, qr).case
    assert case == {
        "id": "qr-1",
        "age": 70,
        "sex": "male",
        "findings": {
            "one_leg_swollen": "present",
            "leg_red": "absent",
            "leg_warm": "unknown",  # shown, left blank: not sure
            "ankle_brachial_index": 0.6,
            "pain_score": 7.5,
        },
    }


@pytest.mark.parametrize(
    ("qr", "field"),
    [
        ({"resourceType": "Patient"}, "QuestionnaireResponse.resourceType"),
        (
            _qr({"linkId": "age", "answer": [{"valueInteger": 400}]}),
            "QuestionnaireResponse.item[0]",
        ),
        (
            _qr({"linkId": "no_such_finding", "answer": _state("present")}),
            "QuestionnaireResponse.item[0].linkId",
        ),
        (
            _qr({"linkId": "leg_red", "answer": [{"valueString": "yes"}]}),
            "QuestionnaireResponse.item[0].answer[0]",
        ),
        (
            _qr({"linkId": "leg_red", "answer": _state("maybe")}),
            "QuestionnaireResponse.item[0].answer[0]",
        ),
        (
            _qr({"linkId": "sex", "answer": [{"valueCoding": {"code": "robot"}}]}),
            "QuestionnaireResponse.item[0]",
        ),
        (
            _qr({"linkId": "leg_red", "answer": _state("present") + _state("absent")}),
            "QuestionnaireResponse.item[0].answer",
        ),
        (_qr(status=7), "QuestionnaireResponse.status"),
        (
            {**_qr(), "questionnaire": "http://example.org/other"},
            "QuestionnaireResponse.questionnaire",
        ),
    ],
)
def test_bad_responses_name_the_element(kb: Knowledge, qr: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as err:
        read_response(kb, qr)
    assert err.value.field == field


def test_an_answer_given_twice_is_refused(kb: Knowledge) -> None:
    qr = _qr(
        {"linkId": "leg_red", "answer": _state("present")},
        {"linkId": "g", "item": [{"linkId": "leg_red", "answer": _state("absent")}]},
    )
    with pytest.raises(InputError) as err:
        read_response(kb, qr)
    assert "twice" in err.value.message
