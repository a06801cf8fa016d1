"""Migrations: from an empty database, from every earlier revision with data in it, and the
models matching the newest schema (both backends).

`SAMPLES` holds, for each revision, rows written with plain SQL valid at that revision and
what the store must show of them at head. A new revision must add its own entry: the test
fails for a revision without samples, so the chain is always covered.
"""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from legwise.store import open_store
from legwise.store.db import MIGRATIONS, choose_url, current_revision, head_revision, make_engine
from legwise.store.db import migrate as run_migrations
from legwise.store.models import Base

NIGHT = dt.date(2026, 1, 15)
SAMPLES: dict[str, list[str]] = {
    "0001": [
        "INSERT INTO person (id, public_id, token_hash, is_local, created_at) VALUES "
        "(101, 'a3c1e0aa-0000-4000-8000-000000000001', NULL, TRUE, '2026-01-16 07:00:00')",
        "INSERT INTO diary_night (id, person_id, night, worst_pain, episodes, episode_minutes,"
        " findings, self_care, sleep_disturbed, note, created_at, updated_at) VALUES "
        "(201, 101, '2026-01-15', 7, 3, 25, '[\"getting_worse\"]', '[\"warmth\"]', TRUE,"
        " 'kept through migrations', '2026-01-16 07:00:00', '2026-01-16 07:05:00')",
        "INSERT INTO saved_assessment (id, person_id, created_at, label, knowledge_version,"
        " \"case\", result) VALUES (301, 101, '2026-01-16 07:10:00', 'old one', '2026.01',"
        ' \'{"age": 60}\', \'{"knowledge_version": "2026.01", "triage": {"level": '
        '"self_care"}}\')',
    ],
}


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory(str(MIGRATIONS))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_every_revision_has_sample_rows() -> None:
    assert revisions()[0] == "0001"
    assert set(revisions()) <= set(SAMPLES), "add SAMPLES for each new revision"


def test_an_empty_database_migrates_to_the_newest_schema(db_url: str) -> None:
    engine = make_engine(choose_url(db_url))
    assert current_revision(engine) is None
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.list_entries(store.local_person()) == []


@pytest.mark.parametrize("revision", revisions())
def test_data_written_at_each_revision_survives_to_the_newest(db_url: str, revision: str) -> None:
    engine = make_engine(choose_url(db_url))
    run_migrations(engine, revision)
    with engine.begin() as conn:
        for at in revisions()[: revisions().index(revision) + 1]:
            for statement in SAMPLES[at]:
                conn.execute(text(statement))
    engine.dispose()

    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        me = store.local_person()
        assert me.public_id == "a3c1e0aa-0000-4000-8000-000000000001"
        [night] = store.list_entries(me)
        assert night.entry.night == NIGHT
        assert night.entry.findings == ("getting_worse",)
        assert night.entry.self_care == ("warmth",)
        assert night.entry.note == "kept through migrations"
        assert night.created_at == dt.datetime(2026, 1, 16, 7, 0, tzinfo=dt.UTC)
        [saved] = store.list_assessments(me)
        assert saved.label == "old one"
        assert saved.result["triage"]["level"] == "self_care"


def test_the_models_match_the_newest_migration(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
