"""What the FHIR endpoint offers: the CapabilityStatement and the Questionnaire search.

A FHIR client first reads /fhir/metadata, then finds a form by its canonical url
(`Questionnaire?url=`). Both are generated here, validated against the R4 model.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from legwise.fhir import systems
from legwise.fhir.model import validate_resource
from legwise.fhir.questionnaire import build_questionnaire
from legwise.kb.loader import Knowledge

SDC_NEXT_QUESTION = "http://hl7.org/fhir/uv/sdc/OperationDefinition/Questionnaire-next-question"
ASSESS_OPERATION = "urn:legwise:operation:assess"


def capability_statement(kb: Knowledge, base: str) -> dict[str, Any]:
    """The CapabilityStatement of the FHIR endpoint at `base` (an instance statement)."""
    from legwise import __version__

    statement = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": dt.date.today().isoformat(),
        "publisher": "legwise",
        "kind": "instance",
        "software": {"name": "legwise", "version": __version__},
        "implementation": {
            "description": f"legwise FHIR endpoint, knowledge version {kb.version}",
            "url": base,
        },
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": (
                    "Read the legwise Questionnaire or find it by url; run it adaptively with "
                    "Questionnaire/$next-question (SDC) or send a completed response to "
                    "QuestionnaireResponse/$assess for a RiskAssessment. Errors are "
                    "OperationOutcome resources."
                ),
                "resource": [
                    {
                        "type": "Questionnaire",
                        "supportedProfile": [systems.SDC_ADAPT_SEARCH],
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {
                                "name": "url",
                                "definition": "http://hl7.org/fhir/SearchParameter/Questionnaire-url",
                                "type": "uri",
                            }
                        ],
                        "operation": [{"name": "next-question", "definition": SDC_NEXT_QUESTION}],
                    },
                    {
                        "type": "QuestionnaireResponse",
                        "supportedProfile": [systems.SDC_QR_ADAPT],
                        "operation": [{"name": "assess", "definition": ASSESS_OPERATION}],
                    },
                ],
            }
        ],
    }
    return validate_resource(statement)


def search_questionnaire(kb: Knowledge, url: str | None, self_url: str) -> dict[str, Any]:
    """A searchset Bundle: the legwise Questionnaire when `url` names it (any version, or
    this knowledge version), else empty."""
    matches = url is None
    if url is not None:
        canonical, _, version = url.partition("|")
        matches = canonical == systems.QUESTIONNAIRE and version in ("", kb.version)
    entries = []
    if matches:
        q = build_questionnaire(kb)
        entries.append(
            {
                "fullUrl": f"{self_url.split('?')[0].rstrip('/')}/{q['id']}",
                "resource": q,
                "search": {"mode": "match"},
            }
        )
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(entries),
        "link": [{"relation": "self", "url": self_url}],
        "entry": entries,
    }
    if not entries:
        bundle.pop("entry")
    return bundle
