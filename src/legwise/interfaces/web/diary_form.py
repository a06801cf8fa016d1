"""The "add a night" form: which symptoms it offers, and reading what was posted.

The symptoms and self-care on offer come from `legwise.diary.choices` (the CLI asks the same).
Errors are InputError naming the form field, with a sentence for people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from legwise.diary.choices import self_care_options, symptom_options
from legwise.diary.entry import MAX_NOTE, DiaryEntry, check_entry, parse_entry
from legwise.errors import InputError
from legwise.kb.loader import Knowledge

MAX_EPISODES = 50
MAX_MINUTES = 720


def last_night(today: dt.date) -> dt.date:
    """The night a morning entry is about: the evening before."""
    return today - dt.timedelta(days=1)


def _whole(form: Mapping[str, Any], name: str, low: int, high: int, what: str) -> int:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return 0
    try:
        value = int(raw)
    except ValueError:
        raise InputError(name, f"Type {what} as a whole number, like 2.") from None
    if not low <= value <= high:
        raise InputError(name, f"Type {what} from {low} to {high}.")
    return value


def read_night(
    kb: Knowledge, form: Mapping[str, Any], findings: Sequence[str], self_care: Sequence[str]
) -> DiaryEntry:
    """The diary entry the form describes; InputError naming the field when it is not valid.

    `findings` and `self_care` are the ticked checkboxes (the form's repeated fields)."""
    raw_night = str(form.get("night") or "").strip()
    try:
        night = dt.date.fromisoformat(raw_night)
    except ValueError:
        raise InputError("night", "Choose the date of the night, like 2026-11-24.") from None
    raw_pain = str(form.get("worst_pain") or "").strip()
    if raw_pain not in {str(n) for n in range(11)}:
        raise InputError("worst_pain", "Choose how bad the worst pain was, from 0 to 10.")
    note = str(form.get("note") or "").replace("\x00", "")  # PostgreSQL cannot keep NUL
    if len(note) > MAX_NOTE:
        raise InputError("note", f"Please keep the note under {MAX_NOTE} characters.")
    sleep = str(form.get("sleep_disturbed") or "")
    if sleep not in ("yes", "no"):
        raise InputError("sleep_disturbed", "Choose yes or no: did your legs disturb your sleep?")
    allowed_findings = {o["id"] for o in symptom_options(kb)}
    allowed_care = {o["id"] for o in self_care_options(kb)}
    if any(f not in allowed_findings for f in findings):
        raise InputError("findings", "That symptom is not one of the choices. Choose again.")
    if any(a not in allowed_care for a in self_care):
        raise InputError("self_care", "That is not one of the choices. Choose again.")
    episodes = _whole(form, "episodes", 0, MAX_EPISODES, "the number of bouts")
    minutes = _whole(form, "episode_minutes", 0, MAX_MINUTES, "the minutes")
    try:
        entry = parse_entry(
            {
                "night": night,
                "worst_pain": int(raw_pain),
                "episodes": episodes,
                "episode_minutes": minutes,
                "findings": tuple(findings),
                "self_care": tuple(self_care),
                "sleep_disturbed": sleep == "yes",
                "note": note,
            }
        )
    except InputError as exc:
        field = exc.field.split("[")[0]
        if field == "night":
            raise InputError("night", "The night cannot be in the future.") from None
        raise InputError(field, "Please check this answer.") from None
    return check_entry(kb, entry)
