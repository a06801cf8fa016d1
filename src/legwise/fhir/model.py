"""Validation against the FHIR R4 model, using the `fhir.resources.R4B` classes.

fhir.resources' root package is FHIR R5; its R4B package is wire compatible with R4 for every
resource legwise reads or writes (Questionnaire, QuestionnaireResponse, RiskAssessment,
Patient, Condition, Observation, Bundle, Parameters, OperationOutcome), so R4 clients get
what they expect. The library is imported here only, on first use.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from legwise.errors import InputError

RESOURCES = {
    "Questionnaire": "questionnaire",
    "QuestionnaireResponse": "questionnaireresponse",
    "RiskAssessment": "riskassessment",
    "Patient": "patient",
    "Condition": "condition",
    "Observation": "observation",
    "Bundle": "bundle",
    "Parameters": "parameters",
    "OperationOutcome": "operationoutcome",
}


def model_class(resource_type: str) -> Any:
    module = importlib.import_module(f"fhir.resources.R4B.{RESOURCES[resource_type]}")
    return getattr(module, resource_type)


def element_path(resource_type: str, loc: tuple[Any, ...]) -> str:
    """pydantic's error location as a FHIRPath-like element path: `Item.item[2].answer[0]`."""
    out = resource_type
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part) != "__root__":
            out += f".{part}"
    return out


def check(resource: Any, expected: str, where: str = "") -> dict[str, Any]:
    """Validate a resource from outside; an InputError names the element that is wrong."""
    from pydantic import ValidationError

    prefix = where or expected
    if not isinstance(resource, dict):
        raise InputError(prefix, f"expected a {expected} resource (a JSON object)")
    kind = resource.get("resourceType")
    if kind != expected:
        raise InputError(f"{prefix}.resourceType", f"expected {expected!r}, got {kind!r}")
    try:
        model = model_class(expected).model_validate(resource)
    except ValidationError as exc:
        err = exc.errors()[0]
        path = element_path(prefix, tuple(err["loc"]))
        raise InputError(path, _message(err)) from None
    except (ValueError, TypeError) as exc:  # the library raises these on some bad values
        raise InputError(prefix, f"not a valid {expected}: {type(exc).__name__}") from None
    out: dict[str, Any] = json.loads(model.model_dump_json(exclude_none=True))
    return out


def _message(err: Any) -> str:
    msg = str(err.get("msg", "invalid value"))
    return msg[:200]


def validate_resource(resource: dict[str, Any]) -> dict[str, Any]:
    """Validate one of legwise's own resources; a failure here is a bug in legwise."""
    kind = str(resource.get("resourceType"))
    model = model_class(kind).model_validate(resource)
    out: dict[str, Any] = json.loads(model.model_dump_json(exclude_none=True))
    return out
