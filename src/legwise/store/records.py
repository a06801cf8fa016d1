"""What the store hands back: small frozen records, not live database rows.

Interfaces can keep these as long as they like; they hold no connection and cannot write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from legwise.diary.entry import DiaryEntry


@dataclass(frozen=True, slots=True)
class Person:
    """The owner of a diary. `public_id` is a random id that exports use instead of any name
    or database id. `is_local` marks the one person of a local, account-free store."""

    id: int
    public_id: str
    is_local: bool
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """A diary entry as stored: its row id, the entry, and when it was first and last saved."""

    id: int
    entry: DiaryEntry
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SavedAssessment:
    """An assessment a person saved: the case, the result exactly as it was shown (the
    contract's JSON shape), and the version of the knowledge that produced it."""

    id: int
    created_at: dt.datetime
    label: str | None
    knowledge_version: str
    case: dict[str, Any]
    result: dict[str, Any]

    @property
    def level(self) -> str | None:
        """The triage level that was shown."""
        triage = self.result.get("triage")
        return triage.get("level") if isinstance(triage, dict) else None
