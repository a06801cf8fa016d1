"""Exports: legwise's JSON (everything) and a FHIR R4 Bundle of Observations."""

from __future__ import annotations

import json

from fhir.resources.R4B.bundle import Bundle

from legwise.engine.assess import assess_case
from legwise.kb.loader import Knowledge
from legwise.store import Store
from tests.store.conftest import entry


def test_json_export_holds_every_night_and_saved_result(store: Store, kb: Knowledge) -> None:
    me = store.local_person()
    nights = [store.add_entry(me, entry(d, note=f"note {d}")) for d in (3, 1, 2)]
    shown = assess_case({"age": 44}, kb=kb)
    saved = store.save_assessment(me, shown.case.to_dict(), shown.to_dict(), label="first")
    data = json.loads(json.dumps(store.export_json(me)))  # plain JSON all the way down
    assert data["format"] == "legwise-export" and data["format_version"] == 1
    assert data["person"]["id"] == me.public_id
    assert [n["note"] for n in data["diary"]] == ["note 3", "note 2", "note 1"]
    by_id = {n["id"]: n for n in data["diary"]}
    for stored in nights:
        row = by_id[stored.id]
        assert row["night"] == stored.entry.night.isoformat()
        assert row["worst_pain"] == stored.entry.worst_pain
        assert row["findings"] == list(stored.entry.findings)
    [exported] = data["assessments"]
    assert exported["id"] == saved.id and exported["label"] == "first"
    assert exported["result"] == shown.to_dict()


def test_fhir_export_is_a_valid_r4_bundle_of_observations(store: Store) -> None:
    me = store.local_person()
    store.add_entry(
        me,
        entry(
            2,
            worst_pain=7,
            episodes=3,
            findings=("getting_worse", "sleep_disrupted"),
            self_care=("warmth",),
            note="cold feet",
        ),
    )
    store.add_entry(me, entry(1, worst_pain=2, findings=(), sleep_disturbed=False))
    bundle = store.export_fhir(me)
    Bundle.model_validate(bundle)  # raises if not valid R4
    assert bundle["type"] == "collection"
    resources = [e["resource"] for e in bundle["entry"]]
    [patient] = [r for r in resources if r["resourceType"] == "Patient"]
    assert patient == {"resourceType": "Patient", "id": me.public_id}  # no name, nothing else
    observations = [r for r in resources if r["resourceType"] == "Observation"]
    assert all(o["subject"]["reference"] == f"urn:uuid:{me.public_id}" for o in observations)

    night = entry(2).night.isoformat()
    that_night = [o for o in observations if o["effectiveDateTime"] == night]
    codes = {(c["system"], c["code"]) for o in that_night for c in o["code"]["coding"]}
    assert ("http://loinc.org", "72514-3") in codes
    assert ("urn:legwise:finding", "getting_worse") in codes
    assert ("urn:legwise:finding", "sleep_disrupted") in codes
    assert ("urn:legwise:advice", "warmth") in codes
    [pain] = [o for o in that_night if o["code"]["coding"][0]["code"] == "72514-3"]
    assert pain["valueInteger"] == 7
    assert pain["note"] == [{"text": "cold feet"}]
    [bouts] = [o for o in that_night if o["code"]["coding"][0]["code"] == "episodes"]
    assert bouts["valueInteger"] == 3
    # The second night had no findings: four observations only (pain, bouts, length, sleep).
    assert len(observations) - len(that_night) == 4


def test_fhir_export_of_an_empty_diary_is_still_valid(store: Store) -> None:
    me = store.local_person()
    bundle = store.export_fhir(me)
    Bundle.model_validate(bundle)
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient"]
