"""What the diary pages show: the summary in plain words, the nights, the "From your diary"
block of a result. Display only: the trend rules and the level come from the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from legwise.diary.entry import MIN_NIGHT, DiaryEntry
from legwise.interfaces import views as view
from legwise.interfaces.charts import diary_chart
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from legwise.store import StoredEntry


def _labels(kb: Knowledge, ids: Sequence[str]) -> list[str]:
    return [view.finding_label(kb, f) for f in ids]


def summary(kb: Knowledge, entries: Sequence[DiaryEntry], today: dt.date) -> dict[str, Any]:
    """The diary's summary: the patterns it shows, warning signs written down, the level the
    diary alone calls for and what to do, and the figures of the last week."""
    from legwise import assess

    result = assess({"findings": {}}, kb=kb, diary=list(entries), today=today).to_dict()
    diary = result["from_diary"]
    level = view.level(kb, result["triage"]["level"])
    recorded = [f for f, by in diary["findings"].items() if by == "recorded"]
    weeks = diary["summary"]["weeks"]
    return {
        "patterns": [p["sentence"] for p in diary["patterns"]],
        "warnings": _labels(kb, recorded),
        "new_symptoms": _labels(kb, diary["new_symptoms"]),
        "level": level,
        "act": level["rank"] > kb.level_rank("self_care"),
        "figures": diary["summary"],
        "last_week": weeks[-1] if weeks else None,
    }


def night_row(kb: Knowledge, stored: StoredEntry) -> dict[str, Any]:
    """One night as the table and the night's own page show it."""
    e = stored.entry
    care = {aid: a.name for aid, a in kb.advice.items()}
    return {
        "id": stored.id,
        "night": e.night.isoformat(),
        "label": f"{e.night:%a %d %b %Y}",
        "short": f"{e.night:%d %b}",  # fits a phone's table column
        "pain": e.worst_pain,
        "episodes": e.episodes,
        "minutes": e.episode_minutes,
        "symptoms": _labels(kb, e.findings),
        "self_care": [care.get(a, a.replace("_", " ")) for a in e.self_care],
        "sleep": "Yes" if e.sleep_disturbed else "No",
        "note": e.note,
    }


def diary_page(kb: Knowledge, stored: Sequence[StoredEntry], today: dt.date) -> dict[str, Any]:
    """Everything the diary page needs: summary, chart and table (newest night first)."""
    entries = usable([s.entry for s in stored])
    return {
        "summary": summary(kb, entries, today) if entries else None,
        "chart": diary_chart(entries),
        "nights": [night_row(kb, s) for s in reversed(stored)],
    }


def from_diary(kb: Knowledge, result: dict[str, Any]) -> dict[str, Any] | None:
    """The result page's "From your diary" block: the patterns, and whether the diary raised
    the level (from what to what). None when the result was made without a diary."""
    diary = result.get("from_diary")
    if not diary:
        return None
    level = diary.get("level") or {}
    names = {k: kb.levels[level[k]].label for k in ("without", "with") if level.get(k) in kb.levels}
    recorded = [f for f, by in (diary.get("findings") or {}).items() if by == "recorded"]
    return {
        "patterns": [p["sentence"] for p in diary.get("patterns", [])],
        "raised": bool(level.get("raised")),
        "without": names.get("without"),
        "with": names.get("with"),
        "warnings": _labels(kb, recorded),
        "overrides": _labels(kb, [c["finding"] for c in diary.get("overrides", [])]),
        "new_symptoms": _labels(kb, diary.get("new_symptoms", [])),
        "nights": (diary.get("summary") or {}).get("nights_recorded", 0),
    }


def report_diary(
    kb: Knowledge, entries: Sequence[DiaryEntry], today: dt.date
) -> dict[str, Any] | None:
    """The doctor's report's diary section: the summary and the chart (None: no night the
    trends can use)."""
    entries = usable(entries)
    if not entries:
        return None
    return {"summary": summary(kb, entries, today), "chart": diary_chart(entries)}


def usable(entries: Sequence[DiaryEntry]) -> list[DiaryEntry]:
    """The nights the trends and the chart read: not before MIN_NIGHT (an older one can only
    be a row stored before the bound existed; the table still lists it, to be deleted)."""
    return [e for e in entries if e.night >= MIN_NIGHT]


def form_values(stored: StoredEntry) -> dict[str, Any]:
    """A stored night as the night form's values, to change it in place."""
    e = stored.entry
    return {
        "night": e.night.isoformat(),
        "worst_pain": str(e.worst_pain),
        "episodes": str(e.episodes) if e.episodes else "",
        "episode_minutes": str(e.episode_minutes) if e.episode_minutes else "",
        "findings": list(e.findings),
        "self_care": list(e.self_care),
        "sleep_disturbed": "yes" if e.sleep_disturbed else "no",
        "note": e.note or "",
    }
