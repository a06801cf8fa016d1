"""The fast encoder gives the contract's JSON: byte for byte `orjson.dumps(Assessment.to_dict())`,
case after case (fragments cached from earlier cases must never leak into later ones)."""

from __future__ import annotations

import json

import orjson

from legwise import assess
from legwise.engine.compiled import compile_knowledge
from legwise.engine.encode import encode_assessment, summary
from legwise.kb.loader import Knowledge
from tests.tables.cases import random_cases


def test_encoded_results_parse_to_to_dict(kb: Knowledge) -> None:
    compiled = compile_knowledge(kb)
    for case in random_cases(kb, 600, seed=21):
        result = assess(case, kb=kb)
        fast = encode_assessment(result, compiled)
        assert json.loads(fast) == result.to_dict(), case["id"]
        assert fast == orjson.dumps(result.to_dict()), case["id"]


def test_measured_answers_are_written_as_given_case_after_case(kb: Knowledge) -> None:
    """A measured answer's evidence is made per case and its encoded piece cached: the same
    value again reuses it, another value (an int, a float equal to it, a new band) must not."""
    compiled = compile_knowledge(kb)
    for abi in (0.5, 1, 1.0, 0.5, 0.7, 1.45, 0.5):
        for score in (6, 6.0, 2):
            case = {"age": 60, "findings": {"pain_score": score, "ankle_brachial_index": abi}}
            result = assess(case, kb=kb)
            assert encode_assessment(result, compiled) == orjson.dumps(result.to_dict()), case


def test_a_result_with_text_and_diary_fields_is_encoded_too(kb: Knowledge) -> None:
    compiled = compile_knowledge(kb)
    case = {"id": "n", "age": 60, "findings": {"pain_score": 8, "ankle_brachial_index": 0.5}}
    result = assess(case, kb=kb)
    assert orjson.loads(encode_assessment(result, compiled)) == result.to_dict()


def test_summary_keeps_level_reasons_causes_and_advice_ids(kb: Knowledge) -> None:
    short_bytes = full_bytes = 0
    for case in random_cases(kb, 50, seed=22):
        result = assess(case, kb=kb)
        full = result.to_dict()
        short = summary(result)
        assert short["triage"]["level"] == full["triage"]["level"]
        assert [r["rule"] for r in short["triage"]["reasons"]] == [
            r["rule"] for r in full["triage"]["reasons"]
        ]
        assert [(c["id"], c["probability"]) for c in short["conditions"]] == [
            (c["id"], c["probability"]) for c in full["conditions"]
        ]
        assert short["advice"]["recommended"] == [a["id"] for a in full["advice"]["recommended"]]
        assert short["unexplained"] == (full["unexplained"] is not None)
        short_bytes += len(orjson.dumps(short))
        full_bytes += len(orjson.dumps(full))
    # over many cases the summary is a small part of the full reply (a case with few answers
    # has a small full reply, so one case alone says little)
    assert short_bytes < full_bytes / 5
