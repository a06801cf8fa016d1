"""Database rows to records and back, and the small checks around them (row ids, tokens).

Kept apart from `Store` (the transactions) so each module holds one thing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from legwise.diary.entry import DiaryEntry
from legwise.errors import InputError
from legwise.store.models import DiaryNightRow, PersonRow, SavedAssessmentRow
from legwise.store.records import Person, SavedAssessment, StoredEntry


def person_of(row: PersonRow) -> Person:
    return Person(row.id, row.public_id, row.is_local, row.created_at)


def stored_of(row: DiaryNightRow) -> StoredEntry:
    # Checked when it was saved; not checked again on the way out, so that a rule made
    # stricter later (the earliest night, say) never locks a person out of their diary.
    entry = DiaryEntry.model_construct(
        night=row.night,
        worst_pain=row.worst_pain,
        episodes=row.episodes,
        episode_minutes=row.episode_minutes,
        findings=tuple(row.findings),
        self_care=tuple(row.self_care),
        sleep_disturbed=row.sleep_disturbed,
        note=row.note,
    )
    return StoredEntry(row.id, entry, row.created_at, row.updated_at)


def saved_of(row: SavedAssessmentRow) -> SavedAssessment:
    return SavedAssessment(
        row.id, row.created_at, row.label, row.knowledge_version, row.case, row.result
    )


def fill_row(row: DiaryNightRow, entry: DiaryEntry) -> None:
    row.night = entry.night
    row.worst_pain = entry.worst_pain
    row.episodes = entry.episodes
    row.episode_minutes = entry.episode_minutes
    row.findings = list(entry.findings)
    row.self_care = list(entry.self_care)
    row.sleep_disturbed = entry.sleep_disturbed
    row.note = entry.note


def json_object(field: str, value: Any) -> dict[str, Any]:
    """A plain JSON copy of `value` (an object), or InputError naming `field`."""
    if not isinstance(value, Mapping):
        raise InputError(field, "expected a JSON object")
    try:
        copied = json.loads(json.dumps(dict(value), allow_nan=False))
    except (TypeError, ValueError):
        raise InputError(field, "must be plain JSON (text, numbers, lists, objects)") from None
    assert isinstance(copied, dict)
    return copied


def night_taken(night: dt.date) -> InputError:
    return InputError(
        "night",
        f"there is already an entry for the night of {night.isoformat()}; "
        "change that entry instead, or replace it",
    )


MAX_ROW_ID = 2**63 - 1  # the largest id a database's row-id column holds


def is_row_id(value: int) -> bool:
    """Whether `value` could name a row at all; a larger number would make the database
    itself fail (PostgreSQL: out of range for bigint) rather than find nothing."""
    return 1 <= value <= MAX_ROW_ID


def hash_token(token: str) -> str:
    """How a token is kept: its SHA-256, in hex. The token itself is never stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


__all__ = [
    "MAX_ROW_ID",
    "fill_row",
    "hash_token",
    "is_row_id",
    "json_object",
    "night_taken",
    "person_of",
    "saved_of",
    "stored_of",
]
