"""Code-system and canonical URIs that every FHIR-speaking part of legwise shares."""

from __future__ import annotations

FINDING = "urn:legwise:finding"
"""Codes are finding ids from the knowledge base."""
CONDITION = "urn:legwise:condition"
"""Codes are condition ids."""
TRIAGE_LEVEL = "urn:legwise:triage-level"
"""Codes are triage level ids (self_care ... emergency_ambulance)."""
ANSWER = "urn:legwise:answer"
"""Answers to a yes/no finding: present, absent, unknown (shown as Yes, No, Not sure)."""
CHOICE = "urn:legwise:choice"
"""Answers to a choice finding other than sex: the finding's choice ids."""
QUESTIONNAIRE = "urn:legwise:questionnaire:legwise"
"""Canonical url of the legwise Questionnaire; its version is the knowledge version."""
QUESTIONNAIRE_ID = "legwise"

SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
"""WHO ICD-10 (not the US clinical modification)."""
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
"""ICD-10-CM (US): read by the WHO ICD-10 prefixes too, since its codes extend them."""
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
GENDER = "http://hl7.org/fhir/administrative-gender"

# Structure definitions and extensions (FHIR core and the SDC implementation guide).
SDC_ADAPT = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-adapt"
SDC_ADAPT_SEARCH = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-adapt-srch"
SDC_QR_ADAPT = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse-adapt"
SDC_ADAPTIVE = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-questionnaireAdaptive"
)
EXT_MIN = "http://hl7.org/fhir/StructureDefinition/minValue"
EXT_MAX = "http://hl7.org/fhir/StructureDefinition/maxValue"
EXT_UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
EXT_ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL = "http://hl7.org/fhir/questionnaire-item-control"
EXT_TRIAGE = "urn:legwise:extension:triage-level"
"""RiskAssessment extension holding the triage level as a CodeableConcept."""

UCUM_UNITS = {"years": "a", "days": "d", "ug/L": "ug/L"}
"""Knowledge-base units -> UCUM codes (units not listed here are left out)."""
