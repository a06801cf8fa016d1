"""Re-assessing a saved result with today's knowledge: the saved one never changes, and the
difference says what moved."""

from __future__ import annotations

import copy

from legwise.engine.assess import assess_case
from legwise.kb.loader import Knowledge
from legwise.store import Store, reassess

CASE = {"age": 72, "sex": "male", "findings": {"smoker": "present", "diabetes": "present"}}


def test_same_knowledge_same_answer(store: Store, kb: Knowledge) -> None:
    me = store.local_person()
    shown = assess_case(CASE, kb=kb)
    saved = store.save_assessment(me, shown.case.to_dict(), shown.to_dict())
    again = reassess(saved, kb)
    assert again.same_knowledge
    assert not again.changed
    assert again.stored == shown.to_dict()
    assert again.current == shown.to_dict()


def test_a_result_from_older_knowledge_shows_what_changed(store: Store, kb: Knowledge) -> None:
    me = store.local_person()
    shown = assess_case(CASE, kb=kb).to_dict()
    # What an older knowledge base showed: another level, the top two causes swapped and
    # their probabilities different, one advice item that is gone now.
    old = copy.deepcopy(shown)
    old["knowledge_version"] = "2025.01+0000000"
    old["triage"]["level"] = "emergency" if shown["triage"]["level"] != "emergency" else "routine"
    first, second = old["conditions"][0], old["conditions"][1]
    first["probability"], second["probability"] = 0.10, 0.60
    old["conditions"][0], old["conditions"][1] = second, first
    old["advice"]["recommended"].append({"id": "retired_advice"})
    saved = store.save_assessment(me, CASE, old)

    diff = reassess(saved, kb)
    assert store.get_assessment(me, saved.id) == saved  # the saved result is untouched
    assert diff.stored == old
    assert diff.knowledge_before == "2025.01+0000000"
    assert diff.knowledge_after == kb.version and not diff.same_knowledge
    assert diff.level_changed and diff.level_after == shown["triage"]["level"]
    assert diff.top_changed and diff.top_after[0] == shown["conditions"][0]["id"]
    moved = {c.condition for c in diff.probability_changes}
    assert {first["id"], second["id"]} <= moved
    assert diff.advice_removed == ("retired_advice",)
    assert diff.changed
    assert diff.to_dict()["level_changed"] is True
