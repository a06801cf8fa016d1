"""One night in the diary, as a person records it.

The shape is shared by the store (which keeps entries), the trend rules (which read them)
and the interfaces (which take them from people). Ids of findings and self-care measures are
checked against a knowledge base by `check_entry`, because the model alone cannot know them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from legwise.errors import InputError
from legwise.kb.loader import Knowledge

MAX_NOTE = 2000
# The earliest night a diary takes. Nothing clinical reads nights this old, and a date near
# year 1 once broke every page that showed the diary (date arithmetic below 0001-01-01).
MIN_NIGHT = dt.date(2000, 1, 1)


class DiaryEntry(BaseModel):
    """What one night was like. `night` is the date the night began (the evening's date)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    night: dt.date
    worst_pain: int = Field(ge=0, le=10, description="worst pain that night, 0 (none) to 10")
    episodes: int = Field(ge=0, le=50, description="how many bouts of pain or leg trouble")
    episode_minutes: int = Field(
        default=0, ge=0, le=720, description="about how long a bout lasted, in minutes"
    )
    findings: tuple[str, ...] = Field(
        default=(), description="finding ids present that night (symptoms and signs)"
    )
    self_care: tuple[str, ...] = Field(
        default=(), description="advice ids of the self-care measures tried that night"
    )
    sleep_disturbed: bool = False
    note: str = Field(default="", max_length=MAX_NOTE)

    @field_validator("findings", "self_care")
    @classmethod
    def _unique_sorted(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        """Stored in one order so that equal entries compare and serialise equal."""
        return tuple(sorted(set(ids)))

    @field_validator("night")
    @classmethod
    def _sane_night(cls, night: dt.date) -> dt.date:
        # One day of slack for time zones: a night is recorded the morning after at latest.
        if night > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("the night cannot be in the future")
        if night < MIN_NIGHT:
            raise ValueError(f"the night cannot be before {MIN_NIGHT.isoformat()}")
        return night


def parse_entry(data: Any, where: str = "") -> DiaryEntry:
    """A DiaryEntry from plain data; InputError naming the field (`where` + its path, e.g.
    `diary[3].worst_pain`) with pydantic's message when the data is not one."""
    if isinstance(data, DiaryEntry):
        return data
    if not isinstance(data, Mapping):
        raise InputError(where or "entry", "expected a diary entry (an object)")
    try:
        return DiaryEntry.model_validate(dict(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        raise InputError((where + loc).lstrip(".") or "entry", err["msg"]) from None


def check_entry(kb: Knowledge, entry: DiaryEntry) -> DiaryEntry:
    """`entry` if every id it names is known to `kb`; otherwise InputError naming the field."""
    _check_ids("findings", entry.findings, _symptom_ids(kb))
    _check_ids("self_care", entry.self_care, _measure_ids(kb))
    return entry


# Knowledge bases are immutable and hash by identity: the id sets are built once per base
# (a year of nights checks 365 entries against the same sets).
@functools.lru_cache(maxsize=8)
def _symptom_ids(kb: Knowledge) -> frozenset[str]:
    return frozenset(fid for fid, f in kb.findings.items() if f.type == "state")


@functools.lru_cache(maxsize=8)
def _measure_ids(kb: Knowledge) -> frozenset[str]:
    return frozenset(aid for aid, a in kb.advice.items() if a.kind == "measure")


def _check_ids(field: str, ids: Iterable[str], known: frozenset[str]) -> None:
    for i, value in enumerate(ids):
        if value not in known:
            raise InputError(f"{field}[{i}]", f"unknown id {value!r}")
