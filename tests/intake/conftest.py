"""The shipped knowledge base with a few test phrases merged in.

The tests then pin the pipeline's behaviour (negation, history, family, hypothetical) on
known phrases, whatever the shipped phrase lists hold.
"""

from __future__ import annotations

import dataclasses

import pytest

from legwise.kb.loader import Knowledge, load_knowledge

TEST_PHRASES: dict[str, dict[str, list[str]]] = {
    "one_leg_swollen": {"phrases": ["swelling", "swollen"]},
    "chest_pain_or_breathless": {"phrases": ["chest pain", "shortness of breath"]},
    "fever_or_chills": {"phrases": ["fever"]},
    "leg_red": {"phrases": ["red", "redness"]},
    "brief_cramp_episodes": {"phrases": ["cramps"]},
    "diabetes": {"phrases": ["diabetes"]},
    "cannot_bear_weight": {"phrases": ["can't walk"]},
    "previous_dvt": {"history_phrases": ["dvt", "blood clot"]},
    "family_history_rls": {"family_phrases": ["restless legs", "rls"]},
}


def with_phrases(kb: Knowledge, extra: dict[str, dict[str, list[str]]]) -> Knowledge:
    findings = dict(kb.findings)
    for fid, lists in extra.items():
        f = findings[fid]
        update = {k: list(dict.fromkeys([*getattr(f, k), *v])) for k, v in lists.items()}
        findings[fid] = f.model_copy(update=update)
    return dataclasses.replace(kb, findings=findings)


@pytest.fixture(scope="session")
def kb_text() -> Knowledge:
    return with_phrases(load_knowledge(), TEST_PHRASES)
