"""Validation against the FHIR R4 model, using the `fhir.resources.R4B` classes.

fhir.resources' root package is FHIR R5; its R4B package is wire compatible with R4 for every
resource legwise reads or writes (Questionnaire, QuestionnaireResponse, RiskAssessment,
Patient, Condition, Observation, Bundle, Parameters, OperationOutcome), so R4 clients get
what they expect. The library is imported here only, on first use.
"""

from __future__ import annotations

import copy
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
    "CapabilityStatement": "capabilitystatement",
}
MAX_UNKNOWN_ROUNDS = 8  # rounds of dropping unknown elements before giving up


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


def check(resource: Any, expected: str, where: str = "", lenient: bool = False) -> dict[str, Any]:
    """Validate a resource from outside; an InputError names the element that is wrong.

    `lenient`: elements the R4 model does not know (an EHR's extensions written as plain
    elements, elements of later FHIR versions) are dropped instead of refused; a known
    element with a wrong value is still an error.
    """
    from pydantic import ValidationError

    prefix = where or expected
    if not isinstance(resource, dict):
        raise InputError(prefix, f"expected a {expected} resource (a JSON object)")
    kind = resource.get("resourceType")
    if kind != expected:
        raise InputError(f"{prefix}.resourceType", f"expected {expected!r}, got {kind!r}")
    data = resource
    for _ in range(MAX_UNKNOWN_ROUNDS):
        try:
            model = model_class(expected).model_validate(data)
            break
        except ValidationError as exc:
            errors = exc.errors()
            unknown = [e for e in errors if e["type"] == "extra_forbidden"]
            if not lenient or len(unknown) < len(errors):
                err = next(e for e in errors if not lenient or e["type"] != "extra_forbidden")
                raise InputError(element_path(prefix, tuple(err["loc"])), _message(err)) from None
            data = _without(data, [tuple(e["loc"]) for e in unknown])
        except (ValueError, TypeError) as exc:  # the library raises these on some bad values
            raise InputError(prefix, f"not a valid {expected}: {type(exc).__name__}") from None
    else:
        raise InputError(prefix, f"not a valid {expected}: too many unknown elements")
    out: dict[str, Any] = json.loads(model.model_dump_json(exclude_none=True))
    return out


def _without(data: dict[str, Any], locs: list[tuple[Any, ...]]) -> dict[str, Any]:
    """A copy of `data` without the elements at `locs` (pydantic error locations)."""
    out = copy.deepcopy(data)
    for loc in locs:
        node: Any = out
        for part in loc[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
                break
        if isinstance(node, dict):
            node.pop(loc[-1], None)
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
