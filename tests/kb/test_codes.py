"""Outside codes in the knowledge base are well-formed and name a known terminology source."""

from __future__ import annotations

import re

import pytest

from legwise.kb.loader import Knowledge
from legwise.kb.schema import Code

SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
ICD10_CODE = re.compile(r"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$")  # WHO: A00, A00.0 (no CM suffixes)
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ICD10CM_CODE = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")  # CM: I82.4, I82.401
LOINC = "http://loinc.org"

# Verhoeff tables (dihedral group D5): multiplication, permutation.
_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_ok(number: str) -> bool:
    c = 0
    for i, digit in enumerate(reversed(number)):
        c = _D[c][_P[i % 8][int(digit)]]
    return c == 0


def snomed_ok(code: str) -> bool:
    """SCTID: 6-18 digits, no leading zero, valid Verhoeff check digit."""
    return bool(re.fullmatch(r"[1-9][0-9]{5,17}", code)) and verhoeff_ok(code)


def _all_codes(kb: Knowledge) -> list[tuple[str, Code]]:
    out = [(f"condition {c.id}", code) for c in kb.conditions.values() for code in c.codes]
    out += [(f"finding {f.id}", code) for f in kb.findings.values() for code in f.codes]
    return out


def test_the_check_digit_check_works() -> None:
    assert snomed_ok("128053003")  # deep venous thrombosis
    assert not snomed_ok("128053004")  # one digit off
    assert not snomed_ok("0128053003")


def loinc_ok(code: str) -> bool:
    """LOINC codes end in a mod-10 check digit after the hyphen."""
    body, _, check = code.partition("-")
    if not (body.isdigit() and check.isdigit() and len(check) == 1):
        return False
    total = 0
    for i, ch in enumerate(reversed(body)):
        digit = int(ch) * (2 if i % 2 == 0 else 1)
        total += digit // 10 + digit % 10
    return (10 - total % 10) % 10 == int(check)


def test_loinc_check_digit() -> None:
    assert loinc_ok("2276-4")  # ferritin, mass/volume, serum or plasma
    assert loinc_ok("718-7")  # haemoglobin
    assert not loinc_ok("2276-5")


def _well_formed(system: str, code: str) -> bool:
    if system == SNOMED:
        return snomed_ok(code)
    if system == LOINC:
        return loinc_ok(code)
    return bool((ICD10CM_CODE if system == ICD10CM else ICD10_CODE).match(code))


def test_every_code_is_well_formed(kb: Knowledge) -> None:
    codes = _all_codes(kb)
    assert codes, "the knowledge base should carry some outside codes"
    bad = [
        f"{where}: {code.system} {code.code}"
        for where, code in codes
        if not _well_formed(code.system, code.code)
    ]
    assert bad == []


@pytest.mark.parametrize("system", [SNOMED, ICD10, ICD10CM, LOINC])
def test_codes_cite_the_terminology_they_come_from(kb: Knowledge, system: str) -> None:
    expected = {SNOMED: "snomed_ct", ICD10: "who_icd10", ICD10CM: "icd10cm", LOINC: "loinc"}[system]
    refs = {code.source.ref for _, code in _all_codes(kb) if code.system == system}
    assert refs == {expected}
