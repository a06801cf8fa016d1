"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from $LEGWISE_TEST_POSTGRES_URL (`python3 dev.py test` starts a throwaway
server and sets it). Without it the PostgreSQL variants skip locally, but fail under CI=true
so that CI cannot pass by silently skipping them. Each test gets a fresh, empty database:
a new SQLite file, or a new PostgreSQL schema (dropped afterwards).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from legwise.diary.entry import DiaryEntry
from legwise.store import Store, open_store

PG_ENV = "LEGWISE_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]


def postgres_url() -> str | None:
    """The test server's URL, or skip (locally) / fail (CI) when there is none."""
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{PG_ENV} is not set under CI: the PostgreSQL store tests must run")
    pytest.skip(f"{PG_ENV} not set (python3 dev.py test starts a PostgreSQL server)")


def _fresh_schema(base: str) -> tuple[str, str]:
    """A new empty schema on the test server: (URL that uses it, schema name)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def _drop_schema(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL schema on the test server."""
    base = postgres_url()
    assert base is not None
    url, schema = _fresh_schema(base)
    try:
        yield url
    finally:
        _drop_schema(base, schema)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'legwise.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


def night(days_ago: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days_ago)


def entry(days_ago: int = 1, **fields: object) -> DiaryEntry:
    """A plausible diary entry for the night `days_ago` nights back."""
    values: dict[str, object] = {
        "night": night(days_ago),
        "worst_pain": 6,
        "episodes": 2,
        "episode_minutes": 20,
        "findings": ("getting_worse",),
        "self_care": (),
        "sleep_disturbed": True,
        "note": "",
    }
    values.update(fields)
    return DiaryEntry.model_validate(values)
