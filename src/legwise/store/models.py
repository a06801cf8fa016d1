"""The tables of the store, as typed SQLAlchemy models.

Three tables: a person (the owner of a diary; locally one person with no account), the
nights of their diary, and the assessments they chose to save. Everything a person owns
hangs off `person.id` with ON DELETE CASCADE, so deleting the person deletes it all.

The schema itself is made by the Alembic migrations in `migrations/`; these models must
match the newest migration (a test compares them on SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Fixed constraint names, so migrations can name what they change on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A point in time, always given back timezone-aware in UTC.

    SQLite keeps no time zone, PostgreSQL does; this makes both hand back the same thing."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PersonRow(Base):
    """Who owns a diary. `token_hash` is the SHA-256 (hex) of their secret token when the
    store is served to others; the token itself is never stored. The one local person (no
    account) has `is_local` true; a partial unique index keeps it to one, even when several
    processes create it at once. `public_id` is a random id used in exports (FHIR subject)
    so that no database id or name leaves the machine."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index(
            "uq_person_one_local",
            "is_local",
            unique=True,
            sqlite_where=is_local == true(),
            postgresql_where=is_local == true(),
        ),
    )


class DiaryNightRow(Base):
    """One night of one person's diary; the fields of `legwise.diary.entry.DiaryEntry`.
    At most one entry a night per person (`night` is the evening's date)."""

    __tablename__ = "diary_night"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    night: Mapped[dt.date] = mapped_column(Date)
    worst_pain: Mapped[int] = mapped_column(Integer)
    episodes: Mapped[int] = mapped_column(Integer)
    episode_minutes: Mapped[int] = mapped_column(Integer)
    findings: Mapped[list[str]] = mapped_column(JSON)
    self_care: Mapped[list[str]] = mapped_column(JSON)
    sleep_disturbed: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("person_id", "night"),)


class SavedAssessmentRow(Base):
    """An assessment a person chose to keep: the case as assessed, the result exactly as it
    was shown (the contract's JSON shape), and the knowledge version that produced it."""

    __tablename__ = "saved_assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    label: Mapped[str | None] = mapped_column(String(200))
    knowledge_version: Mapped[str] = mapped_column(String(100))
    case: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
