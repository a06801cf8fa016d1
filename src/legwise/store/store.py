"""The store: a person's diary nights and saved assessments, kept in SQLite or PostgreSQL.

Every method that reads or changes what a person owns takes that `Person` and only ever sees
their rows: an id that belongs to someone else is treated like one that does not exist
(None or False), so interfaces answer 404 without a separate check. Every write is one
transaction; when a method returns, what it wrote is on disk (SQLite synchronous=FULL,
PostgreSQL commit). Database failures come out as `StoreError` with a plain message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, Engine, delete, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legwise.diary.entry import DiaryEntry
from legwise.errors import InputError, StoreError
from legwise.store import export
from legwise.store.db import WRITE, choose_url, make_engine, migrate
from legwise.store.failures import translated
from legwise.store.models import DiaryNightRow, PersonRow, SavedAssessmentRow
from legwise.store.records import Person, SavedAssessment, StoredEntry
from legwise.store.rows import (
    MAX_ROW_ID,
    fill_row,
    hash_token,
    is_row_id,
    json_object,
    night_taken,
    person_of,
    saved_of,
    stored_of,
)

MAX_LABEL = 200
MAX_TOKEN = 200


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """A person's diary and saved assessments. Make one with `open_store`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE: True})

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def backend(self) -> str:
        """The backend: "sqlite" or "postgresql"."""
        return self._engine.dialect.name

    @property
    def where(self) -> str:
        """Where the data lives, safe to show (a password in the URL is hidden)."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    @staticmethod
    def _owner(session: Session, person: Person) -> PersonRow:
        row = session.get(PersonRow, person.id)
        if row is None:
            raise StoreError("not_found", "This diary no longer exists.")
        return row

    # -- people ------------------------------------------------------------------------

    @translated
    def local_person(self) -> Person:
        """The one person of a local store (no account), created on first use."""
        for _ in range(3):
            with self._read() as session:
                row = session.scalars(select(PersonRow).where(PersonRow.is_local)).first()
                if row is not None:
                    return person_of(row)
            try:
                with self._write() as session:
                    row = PersonRow(public_id=str(uuid.uuid4()), is_local=True, created_at=_now())
                    session.add(row)
                    session.flush()
                    return person_of(row)
            except IntegrityError:
                continue  # another process made it first; read theirs
        raise StoreError("failed", "Could not create the local diary owner.")

    @translated
    def create_person(self) -> tuple[Person, str]:
        """A new person with a secret token for serving to others: (person, token).

        The token (43 URL-safe characters, 256 random bits) is shown once and kept only as
        its hash; whoever holds it reaches this person's data, nobody else does."""
        token = secrets.token_urlsafe(32)
        with self._write() as session:
            row = PersonRow(
                public_id=str(uuid.uuid4()),
                token_hash=hash_token(token),
                is_local=False,
                created_at=_now(),
            )
            session.add(row)
            session.flush()
            return person_of(row), token

    @translated
    def person_for_token(self, token: str) -> Person | None:
        """The person whose token this is, or None (unknown, empty or malformed token)."""
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN:
            return None
        with self._read() as session:
            row = session.scalars(
                select(PersonRow).where(PersonRow.token_hash == hash_token(token))
            ).first()
            return None if row is None else person_of(row)

    @translated
    def delete_person(self, person: Person) -> bool:
        """Delete the person and everything they own, in one transaction: diary nights,
        saved assessments, the person. Really deleted: SQLite overwrites the freed space
        (secure_delete) and empties its write-ahead log; PostgreSQL vacuums the tables.
        False if there was no such person."""
        with self._write() as session:
            pid = person.id
            session.execute(delete(DiaryNightRow).where(DiaryNightRow.person_id == pid))
            session.execute(delete(SavedAssessmentRow).where(SavedAssessmentRow.person_id == pid))
            gone = _delete(session, delete(PersonRow).where(PersonRow.id == pid))
        self._scrub_quietly()
        return bool(gone)

    def _scrub(self) -> None:
        """Remove old copies of deleted rows that the database keeps for a while."""
        if self.backend == "sqlite":
            with self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                for table in ("diary_night", "saved_assessment", "person"):
                    conn.execute(text(f"VACUUM {table}"))

    # -- diary -------------------------------------------------------------------------

    @translated
    def add_entry(self, person: Person, entry: DiaryEntry, replace: bool = False) -> StoredEntry:
        """Save one night. If that night already has an entry: replace it when `replace`,
        else InputError naming `night`. Returns once the entry is safely on disk.

        The ids in the entry are not checked here (the store has no knowledge base); check
        them first with `legwise.diary.entry.check_entry`."""
        if not isinstance(entry, DiaryEntry):
            raise InputError("entry", "expected a DiaryEntry")
        for _ in range(2):
            try:
                with self._write() as session:
                    self._owner(session, person)
                    row = session.scalars(
                        select(DiaryNightRow).where(
                            DiaryNightRow.person_id == person.id,
                            DiaryNightRow.night == entry.night,
                        )
                    ).first()
                    now = _now()
                    replaced = row is not None
                    if row is None:
                        row = DiaryNightRow(person_id=person.id, created_at=now)
                        session.add(row)
                    elif not replace:
                        raise night_taken(entry.night)
                    fill_row(row, entry)
                    row.updated_at = now
                    session.flush()
                    stored = stored_of(row)
                if replaced:  # the old entry's text lingers in the WAL, as a deleted one would
                    self._scrub_quietly()
                return stored
            except IntegrityError:
                # Another writer saved the same night between our check and our insert.
                if not replace:
                    raise night_taken(entry.night) from None
        raise StoreError("busy", "The diary was changed by another program. Try again.")

    @translated
    def get_entry(self, person: Person, entry_id: int) -> StoredEntry | None:
        """One of this person's entries by id, or None (no such entry, or not theirs)."""
        if not is_row_id(entry_id):
            return None
        with self._read() as session:
            row = session.get(DiaryNightRow, entry_id)
            return None if row is None or row.person_id != person.id else stored_of(row)

    @translated
    def entry_for_night(self, person: Person, night: dt.date) -> StoredEntry | None:
        """This person's entry for `night`, or None."""
        with self._read() as session:
            row = session.scalars(
                select(DiaryNightRow).where(
                    DiaryNightRow.person_id == person.id, DiaryNightRow.night == night
                )
            ).first()
            return None if row is None else stored_of(row)

    @translated
    def list_entries(
        self, person: Person, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[StoredEntry]:
        """This person's entries, oldest night first; `since` and `until` are inclusive."""
        query = select(DiaryNightRow).where(DiaryNightRow.person_id == person.id)
        if since is not None:
            query = query.where(DiaryNightRow.night >= since)
        if until is not None:
            query = query.where(DiaryNightRow.night <= until)
        with self._read() as session:
            return [stored_of(r) for r in session.scalars(query.order_by(DiaryNightRow.night))]

    @translated
    def delete_entry(self, person: Person, entry_id: int) -> bool:
        """Delete one of this person's entries; False if there is none with that id."""
        if not is_row_id(entry_id):
            return False
        with self._write() as session:
            gone = _delete(
                session,
                delete(DiaryNightRow).where(
                    DiaryNightRow.id == entry_id, DiaryNightRow.person_id == person.id
                ),
            )
        if gone:
            self._scrub_quietly()
        return bool(gone)

    # -- saved assessments -------------------------------------------------------------

    @translated
    def save_assessment(
        self,
        person: Person,
        case: Mapping[str, Any],
        result: Mapping[str, Any],
        label: str | None = None,
    ) -> SavedAssessment:
        """Keep an assessment: `case` as assessed (e.g. `Assessment.case.to_dict()`) and
        `result` exactly as shown (`Assessment.to_dict()`); reopening gives back the same
        JSON even after the knowledge changes. The knowledge version is the result's."""
        case_json = json_object("case", case)
        result_json = json_object("result", result)
        version = result_json.get("knowledge_version")
        if not isinstance(version, str) or not version or len(version) > 100:
            raise InputError("result.knowledge_version", "missing or not a version string")
        if label is not None:
            label = label.strip() or None
        if label is not None and len(label) > MAX_LABEL:
            raise InputError("label", f"too long (at most {MAX_LABEL} characters)")
        with self._write() as session:
            self._owner(session, person)
            row = SavedAssessmentRow(
                person_id=person.id,
                created_at=_now(),
                label=label,
                knowledge_version=version,
                case=case_json,
                result=result_json,
            )
            session.add(row)
            session.flush()
            return saved_of(row)

    @translated
    def list_assessments(self, person: Person) -> list[SavedAssessment]:
        """This person's saved assessments, newest first."""
        query = (
            select(SavedAssessmentRow)
            .where(SavedAssessmentRow.person_id == person.id)
            .order_by(SavedAssessmentRow.created_at.desc(), SavedAssessmentRow.id.desc())
        )
        with self._read() as session:
            return [saved_of(r) for r in session.scalars(query)]

    @translated
    def get_assessment(self, person: Person, assessment_id: int) -> SavedAssessment | None:
        """One of this person's saved assessments, or None (no such id, or not theirs)."""
        if not is_row_id(assessment_id):
            return None
        with self._read() as session:
            row = session.get(SavedAssessmentRow, assessment_id)
            return None if row is None or row.person_id != person.id else saved_of(row)

    @translated
    def delete_assessment(self, person: Person, assessment_id: int) -> bool:
        """Delete one of this person's saved assessments; False if there is none."""
        if not is_row_id(assessment_id):
            return False
        with self._write() as session:
            gone = _delete(
                session,
                delete(SavedAssessmentRow).where(
                    SavedAssessmentRow.id == assessment_id,
                    SavedAssessmentRow.person_id == person.id,
                ),
            )
        if gone:
            self._scrub_quietly()
        return bool(gone)

    def _scrub_quietly(self) -> None:
        # After a single deletion the row is already gone; scrubbing old copies is a bonus.
        with contextlib.suppress(Exception):
            self._scrub()

    # -- export ------------------------------------------------------------------------

    @translated
    def export_json(self, person: Person) -> dict[str, Any]:
        """Everything stored about this person, as one JSON object (see docs/store.md)."""
        with self._read() as session:
            entries, saved = self._everything(session, person)
        return export.to_json(person, entries, saved)

    @translated
    def export_fhir(self, person: Person) -> dict[str, Any]:
        """This person's diary as a FHIR R4 Bundle (type collection) of Observations."""
        with self._read() as session:
            entries, _saved_list = self._everything(session, person)
        return export.to_fhir(person, entries)

    def _everything(
        self, session: Session, person: Person
    ) -> tuple[list[StoredEntry], list[SavedAssessment]]:
        nights = session.scalars(
            select(DiaryNightRow)
            .where(DiaryNightRow.person_id == person.id)
            .order_by(DiaryNightRow.night)
        )
        entries = [stored_of(r) for r in nights]
        rows = session.scalars(
            select(SavedAssessmentRow)
            .where(SavedAssessmentRow.person_id == person.id)
            .order_by(SavedAssessmentRow.created_at, SavedAssessmentRow.id)
        )
        return entries, [saved_of(r) for r in rows]


def _delete(session: Session, statement: Delete) -> int:
    """Run a DELETE; how many rows it removed."""
    result = cast(CursorResult[Any], session.execute(statement))
    return result.rowcount


@translated
def open_store(url: str | None = None) -> Store:
    """Open the store, creating and migrating the database as needed.

    `url` beats $LEGWISE_DATABASE_URL, which beats a SQLite file in the user's data folder.
    Safe to call from several processes at once."""
    engine = make_engine(choose_url(url))
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


__all__ = ["MAX_ROW_ID", "Store", "hash_token", "is_row_id", "open_store"]
