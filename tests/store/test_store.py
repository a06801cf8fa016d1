"""The store's API: diary nights, people and tokens, saved assessments (both backends)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from legwise.engine.assess import assess_case
from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from legwise.store import Store, open_store
from legwise.store.models import PersonRow
from tests.store.conftest import entry, night


def test_first_open_creates_the_local_person_once(db_url: str) -> None:
    with open_store(db_url) as store:
        me = store.local_person()
        assert me.is_local
        assert store.local_person() == me
    with open_store(db_url) as again:
        assert again.local_person() == me


def test_an_entry_comes_back_exactly_as_saved(store: Store) -> None:
    me = store.local_person()
    saved = entry(
        3,
        worst_pain=8,
        episodes=4,
        episode_minutes=45,
        findings=("sleep_disrupted", "getting_worse"),
        self_care=("calf_stretching", "warmth"),
        note="Woke twice; stretching helped — a bit. 痛い",
    )
    stored = store.add_entry(me, saved)
    assert stored.entry == saved
    assert stored.created_at == stored.updated_at
    assert store.get_entry(me, stored.id) == stored
    assert store.entry_for_night(me, saved.night) == stored
    assert store.list_entries(me) == [stored]


def test_a_second_entry_for_the_same_night_is_refused_naming_night(store: Store) -> None:
    me = store.local_person()
    store.add_entry(me, entry(2, worst_pain=3))
    with pytest.raises(InputError) as caught:
        store.add_entry(me, entry(2, worst_pain=9))
    assert caught.value.field == "night"
    assert store.list_entries(me)[0].entry.worst_pain == 3


def test_replace_changes_the_night_and_keeps_its_creation_time(store: Store) -> None:
    me = store.local_person()
    first = store.add_entry(me, entry(2, worst_pain=3, note="first"))
    second = store.add_entry(me, entry(2, worst_pain=9, note="second"), replace=True)
    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at >= first.updated_at
    assert [s.entry.note for s in store.list_entries(me)] == ["second"]


def test_entries_list_by_night_within_inclusive_bounds(store: Store) -> None:
    me = store.local_person()
    for days_ago in (5, 1, 3, 2, 4):
        store.add_entry(me, entry(days_ago))
    nights = [s.entry.night for s in store.list_entries(me)]
    assert nights == sorted(nights) and len(nights) == 5
    window = store.list_entries(me, since=night(4), until=night(2))
    assert [s.entry.night for s in window] == [night(4), night(3), night(2)]


def test_deleting_an_entry_removes_only_that_one(store: Store) -> None:
    me = store.local_person()
    keep = store.add_entry(me, entry(1))
    drop = store.add_entry(me, entry(2))
    assert store.delete_entry(me, drop.id) is True
    assert store.delete_entry(me, drop.id) is False
    assert store.get_entry(me, drop.id) is None
    assert store.list_entries(me) == [keep]


def test_a_token_finds_its_person_and_is_stored_only_as_a_hash(store: Store) -> None:
    alice, alice_token = store.create_person()
    bob, bob_token = store.create_person()
    assert alice_token != bob_token and len(alice_token) >= 43
    assert store.person_for_token(alice_token) == alice
    assert store.person_for_token(bob_token) == bob
    for wrong in ("", "x" * 43, alice_token[:-1], "x" * 10_000):
        assert store.person_for_token(wrong) is None
    with store.engine.connect() as conn:
        hashes = set(conn.scalars(select(PersonRow.token_hash)))
    assert hashlib.sha256(alice_token.encode()).hexdigest() in hashes
    assert alice_token not in hashes


def test_another_persons_token_reaches_none_of_my_data(store: Store, kb: Knowledge) -> None:
    alice, _ = store.create_person()
    mallory, mallory_token = store.create_person()
    mine = store.add_entry(alice, entry(1, note="alice's night"))
    result = assess_case({"age": 60, "findings": {"getting_worse": "present"}}, kb=kb)
    saved = store.save_assessment(alice, result.case.to_dict(), result.to_dict())

    other = store.person_for_token(mallory_token)
    assert other == mallory
    assert store.get_entry(other, mine.id) is None
    assert store.entry_for_night(other, mine.entry.night) is None
    assert store.list_entries(other) == []
    assert store.get_assessment(other, saved.id) is None
    assert store.list_assessments(other) == []
    assert store.delete_entry(other, mine.id) is False
    assert store.delete_assessment(other, saved.id) is False
    assert store.export_json(other)["diary"] == []
    # Alice's data is untouched by all of that.
    assert store.get_entry(alice, mine.id) == mine
    assert store.get_assessment(alice, saved.id) == saved


def test_a_saved_assessment_reopens_exactly_as_shown(store: Store, kb: Knowledge) -> None:
    me = store.local_person()
    shown = assess_case(
        {"age": 71, "sex": "male", "findings": {"smoker": "present", "diabetes": "present"}}, kb=kb
    )
    saved = store.save_assessment(me, shown.case.to_dict(), shown.to_dict(), label="  mine  ")
    reopened = store.get_assessment(me, saved.id)
    assert reopened is not None
    assert reopened.result == shown.to_dict()
    assert reopened.case == shown.case.to_dict()
    assert reopened.knowledge_version == kb.version
    assert reopened.label == "mine"
    assert reopened.level == shown.level
    assert [a.id for a in store.list_assessments(me)] == [saved.id]
    assert store.delete_assessment(me, saved.id) is True
    assert store.list_assessments(me) == []


@pytest.mark.parametrize(
    ("case", "result", "label", "field"),
    [
        ([], {"knowledge_version": "v"}, None, "case"),
        ({}, {"triage": {}}, None, "result.knowledge_version"),
        ({}, {"knowledge_version": "v", "p": float("nan")}, None, "result"),
        ({}, {"knowledge_version": "v"}, "x" * 201, "label"),
    ],
)
def test_a_bad_assessment_is_refused_naming_the_field(
    store: Store, case: object, result: object, label: str | None, field: str
) -> None:
    me = store.local_person()
    with pytest.raises(InputError) as caught:
        store.save_assessment(me, case, result, label=label)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert store.list_assessments(me) == []


def test_delete_person_removes_everything_of_theirs_only(store: Store, kb: Knowledge) -> None:
    me, token = store.create_person()
    other, _ = store.create_person()
    store.add_entry(me, entry(1))
    store.add_entry(me, entry(2))
    kept = store.add_entry(other, entry(1))
    shown = assess_case({"age": 50}, kb=kb)
    store.save_assessment(me, shown.case.to_dict(), shown.to_dict())
    assert store.delete_person(me) is True
    assert store.person_for_token(token) is None
    assert store.list_entries(me) == [] and store.list_assessments(me) == []
    assert store.list_entries(other) == [kept]
    assert store.delete_person(me) is False


def test_deleted_diary_text_is_gone_from_the_sqlite_files(tmp_path: Path) -> None:
    marker = "ZEBRA-MARKER-71"
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        me = store.local_person()
        for days_ago in range(1, 6):
            store.add_entry(me, entry(days_ago, note=f"{marker} night {days_ago}"))
        on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir())
        assert marker.encode() in on_disk  # the check below can see it when it is there
        store.delete_person(me)
        on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir())
        assert marker.encode() not in on_disk


def test_writes_for_a_deleted_person_fail_clearly(store: Store) -> None:
    from legwise.errors import StoreError

    me, _ = store.create_person()
    store.delete_person(me)
    with pytest.raises(StoreError) as caught:
        store.add_entry(me, entry(1))
    assert caught.value.reason == "not_found"
