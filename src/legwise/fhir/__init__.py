"""FHIR R4 and CDS Hooks faces of legwise, generated from the knowledge base.

Pure translation code, no HTTP: the Questionnaire (`questionnaire`), QuestionnaireResponse to
case (`response`), the SDC adaptive step (`adaptive`), Assessment to RiskAssessment (`risk`)
and CDS Hooks (`cds`). Resources are built and validated with `fhir.resources.R4B` (wire
compatible with R4 for every resource used here), imported lazily so that the CLI starts fast.
"""
