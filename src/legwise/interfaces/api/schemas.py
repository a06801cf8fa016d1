"""OpenAPI shapes of the FHIR and CDS Hooks routes, as named components.

Each shape is declared once under `components/schemas` and referenced from every media type
and route that uses it, so a generated client has one model per shape (not one per media
type), and every error response is declared with the body it really has: an
OperationOutcome on /fhir, the CDS error object on /cds-services, 413 included.
"""

from __future__ import annotations

from typing import Any

FHIR_JSON = "application/fhir+json"


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _resource(kind: str, description: str) -> dict[str, Any]:
    """A FHIR resource: its type fixed, every other element allowed (FHIR R4 JSON)."""
    return {
        "type": "object",
        "description": description,
        "required": ["resourceType"],
        "properties": {"resourceType": {"type": "string", "enum": [kind]}},
        "additionalProperties": True,
    }


COMPONENTS: dict[str, dict[str, Any]] = {
    "OperationOutcome": {
        "type": "object",
        "description": "FHIR R4 OperationOutcome: every FHIR error.",
        "required": ["resourceType", "issue"],
        "properties": {
            "resourceType": {"type": "string", "enum": ["OperationOutcome"]},
            "issue": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["severity", "code"],
                    "properties": {
                        "severity": {
                            "type": "string",
                            "enum": ["fatal", "error", "warning", "information"],
                        },
                        "code": {"type": "string"},
                        "diagnostics": {"type": "string"},
                        "expression": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
    "Questionnaire": _resource("Questionnaire", "FHIR R4 Questionnaire."),
    "QuestionnaireResponse": _resource("QuestionnaireResponse", "FHIR R4 QuestionnaireResponse."),
    "RiskAssessment": _resource("RiskAssessment", "FHIR R4 RiskAssessment."),
    "Parameters": _resource("Parameters", "FHIR R4 Parameters."),
    "Bundle": _resource("Bundle", "FHIR R4 Bundle."),
    "CapabilityStatement": _resource("CapabilityStatement", "FHIR R4 CapabilityStatement."),
    "CDSError": {
        "type": "object",
        "description": "A CDS Hooks error: what went wrong and the request field it is about.",
        "required": ["error", "field"],
        "properties": {"error": {"type": "string"}, "field": {"type": "string"}},
    },
    "CDSRequest": {
        "type": "object",
        "description": "A CDS Hooks 2.0 patient-view request.",
        "required": ["hook", "hookInstance", "context"],
        "properties": {
            "hook": {"type": "string", "enum": ["patient-view"]},
            "hookInstance": {"type": "string"},
            "fhirServer": {"type": "string"},
            "context": {
                "type": "object",
                "required": ["patientId"],
                "properties": {
                    "patientId": {"type": "string"},
                    "userId": {"type": "string"},
                    "encounterId": {"type": "string"},
                },
                "additionalProperties": True,
            },
            "prefetch": {
                "type": "object",
                "description": "Prefetched resources by key; null: the record has no data.",
                "additionalProperties": {"type": ["object", "null"]},
            },
        },
        "additionalProperties": True,
    },
    "CDSCard": {
        "type": "object",
        "required": ["summary", "indicator", "source"],
        "properties": {
            "uuid": {"type": "string", "format": "uuid"},
            "summary": {"type": "string", "maxLength": 140},
            "detail": {"type": "string", "description": "GitHub-flavoured markdown."},
            "indicator": {"type": "string", "enum": ["info", "warning", "critical"]},
            "source": {"type": "object", "additionalProperties": True},
            "links": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
        },
    },
    "CDSResponse": {
        "type": "object",
        "required": ["cards"],
        "properties": {"cards": {"type": "array", "items": ref("CDSCard")}},
    },
    "CDSFeedback": {
        "type": "object",
        "required": ["feedback"],
        "properties": {
            "feedback": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["card", "outcome", "outcomeTimestamp"],
                    "properties": {
                        "card": {"type": "string", "format": "uuid"},
                        "outcome": {"type": "string", "enum": ["accepted", "overridden"]},
                        "outcomeTimestamp": {"type": "string", "format": "date-time"},
                        "overrideReason": {"type": "object", "additionalProperties": True},
                    },
                    "additionalProperties": True,
                },
            }
        },
    },
}

CDS_REQUEST = ref("CDSRequest")
CDS_RESPONSE = ref("CDSResponse")


def fhir_content(name: str) -> dict[str, Any]:
    """Both media types of a FHIR body, sharing one schema."""
    schema = ref(name)
    return {FHIR_JSON: {"schema": schema}, "application/json": {"schema": schema}}


def _outcome(description: str) -> dict[str, Any]:
    return {"description": description, "content": {FHIR_JSON: {"schema": ref("OperationOutcome")}}}


def _cds_error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("CDSError")}},
    }


FHIR_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _outcome("The body is not JSON, or a search parameter is wrong."),
    404: _outcome("No such resource or operation."),
    413: _outcome("Request body too large (code too-costly)."),
    422: _outcome("Not a valid or usable resource; `expression` names the element."),
}
CDS_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _cds_error("Malformed request; `field` names what is wrong."),
    401: _cds_error("Missing, invalid, expired or replayed JWT (field `authorization`)."),
    404: _cds_error("No such service."),
    412: _cds_error("Required prefetch was not sent; legwise does not query the FHIR server."),
    413: _cds_error("Request body too large."),
}


def install(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the shared components to an OpenAPI document."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    return schema
