"""What many nights show: the diary trend rules (pure, no I/O).

A single assessment cannot see time; a diary can. `read_diary` turns diary entries into the
course findings they show (symptoms on most nights despite self-care, a rising trend in worst
pain, broken sleep on several nights a week, symptoms on 2+ nights a week), each with a plain
sentence and the figures behind it, plus new symptoms and summary figures for a report.

Every threshold comes from `knowledge/diary.yaml` (with its source). The diary only ever sets
findings *present*: a short or quiet diary is not evidence against anything.

Conventions, chosen so the answer never depends on how entries arrive:
- entries are taken in any order; for a night given twice the last one given wins;
- nights after `today` are ignored (counted in `summary.ignored_future`);
- windows end at `today` when given, else at the latest recorded night; a night with no entry
  counts as neither a night with symptoms nor one without.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from legwise.diary.entry import MIN_NIGHT, DiaryEntry, check_entry, parse_entry
from legwise.diary.reading import DiaryReading, Figure, Pattern, Summary, Week
from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from legwise.kb.schema_diary import (
    DiaryRule,
    DiarySettings,
    FrequencyRule,
    PersistenceRule,
    SleepRule,
    WorseningRule,
)
from legwise.signatures import case_first

# --- reading -------------------------------------------------------------------------------


@case_first("kb", "entries", "today")
def read_diary(
    entries: Iterable[DiaryEntry | Mapping[str, Any]],
    *,
    kb: Knowledge | DiarySettings,
    today: dt.date | None = None,
) -> DiaryReading:
    """The findings, patterns, new symptoms and summary figures a diary shows.

    `entries` are DiaryEntry objects or dicts of the same shape (checked; errors name the
    entry, e.g. `diary[3].worst_pain`). Given a knowledge base, the ids in entries are checked
    too and warning signs ticked in the recent nights are added to `findings`; given bare
    settings, neither (there is nothing to check them against).
    """
    knowledge = kb if isinstance(kb, Knowledge) else None
    settings = knowledge.diary_settings() if knowledge is not None else kb
    if not isinstance(settings, DiarySettings):
        raise TypeError("read_diary needs a Knowledge or DiarySettings")
    if today is not None and not isinstance(today, dt.date):
        raise InputError("today", "expected a date")
    if today is not None and today < MIN_NIGHT:
        raise InputError("today", f"cannot be before {MIN_NIGHT.isoformat()}")
    nights, duplicates = _by_night(knowledge, entries)
    future = 0
    if today is not None:
        future = sum(1 for night in nights if night > today)
        nights = {n: e for n, e in nights.items() if n <= today}
    # Nights from before the lower bound can only be old rows: leave them out, counted.
    too_old = sum(1 for night in nights if night < MIN_NIGHT)
    if too_old:
        nights = {n: e for n, e in nights.items() if n >= MIN_NIGHT}
    if not nights:
        empty = Summary(
            duplicates_replaced=duplicates, ignored_future=future, ignored_out_of_range=too_old
        )
        return DiaryReading(summary=empty)

    diary = _Diary(nights, today)
    patterns = [
        p
        for p in (
            _persistence(diary, settings.persistence),
            _worsening(diary, settings.worsening),
            _sleep(diary, settings.sleep_disruption),
            _frequency(diary, settings.frequency),
        )
        if p is not None
    ]
    found: dict[str, str] = {p.finding: p.id for p in patterns}
    new_rule = settings.new_symptoms
    recent = diary.ticked(diary.end - dt.timedelta(days=new_rule.recent_days - 1), diary.end)
    baseline_end = diary.first + dt.timedelta(days=new_rule.baseline_days - 1)
    baseline = diary.ticked(diary.first, baseline_end)
    after_baseline = diary.ticked(
        max(
            baseline_end + dt.timedelta(days=1),
            diary.end - dt.timedelta(days=new_rule.recent_days - 1),
        ),
        diary.end,
    )
    if knowledge is not None:
        for fid in sorted(recent & _warning_signs(knowledge)):
            found.setdefault(fid, "recorded")
    return DiaryReading(
        findings=found,
        patterns=tuple(patterns),
        new_symptoms=tuple(sorted(after_baseline - baseline)),
        recent_symptoms=tuple(sorted(recent)),
        summary=diary.summary(duplicates, future, too_old),
    )


@functools.cache  # Knowledge is hashed by identity: once per loaded knowledge base
def _warning_signs(kb: Knowledge) -> frozenset[str]:
    from legwise.kb.checks import red_flag_findings

    return frozenset(red_flag_findings(kb))


def _by_night(
    kb: Knowledge | None, entries: Iterable[DiaryEntry | Mapping[str, Any]]
) -> tuple[dict[dt.date, DiaryEntry], int]:
    """Entries checked and keyed by night; a night given twice keeps the last one given."""
    if isinstance(entries, str | bytes | Mapping) or not isinstance(entries, Iterable):
        raise InputError("diary", "expected a list of diary entries")
    out: dict[dt.date, DiaryEntry] = {}
    duplicates = 0
    for i, raw in enumerate(entries):
        entry = parse_entry(raw, f"diary[{i}]")
        if kb is not None:
            try:
                check_entry(kb, entry)
            except InputError as exc:
                raise InputError(f"diary[{i}].{exc.field}", exc.message) from None
        duplicates += entry.night in out
        out[entry.night] = entry
    return out, duplicates


MAX_GAP_WEEKS = 12  # empty weeks shown between recorded ones (a longer gap is left out)


# --- the diary as nights -------------------------------------------------------------------


def _has_symptoms(entry: DiaryEntry) -> bool:
    return entry.worst_pain > 0 or entry.episodes > 0 or bool(entry.findings)


class _Diary:
    """Recorded nights by date, with the window end, and small queries the rules share."""

    def __init__(self, nights: dict[dt.date, DiaryEntry], today: dt.date | None) -> None:
        self.nights = nights
        self.dates = sorted(nights)  # once: every rule and every week asks for a range
        self.first = self.dates[0]
        self.last = self.dates[-1]
        self.end = today if today is not None else self.last

    def between(self, start: dt.date, end: dt.date) -> list[DiaryEntry]:
        """Recorded nights from `start` to `end` inclusive, oldest first."""
        lo, hi = bisect.bisect_left(self.dates, start), bisect.bisect_right(self.dates, end)
        return [self.nights[n] for n in self.dates[lo:hi]]

    def window(self, days: int) -> tuple[dt.date, list[DiaryEntry]] | None:
        """The last `days` nights up to the end, or None when the diary does not reach back
        that far (its first night is later than the window's first night)."""
        start = self.end - dt.timedelta(days=days - 1)
        if self.first > start:
            return None
        return start, self.between(start, self.end)

    def ticked(self, start: dt.date, end: dt.date) -> set[str]:
        return {f for e in self.between(start, end) for f in e.findings}

    def _week_ends(self) -> list[dt.date]:
        """The last night of each week the summary shows, oldest first."""
        week = dt.timedelta(days=7)
        recorded = sorted({self.end - week * ((self.end - d).days // 7) for d in self.dates})
        ends: list[dt.date] = []
        for here, following in zip(recorded, [*recorded[1:], self.end + week], strict=True):
            ends.append(here)
            empty = (following - here).days // 7 - 1
            if 0 < empty <= MAX_GAP_WEEKS:
                ends.extend(here + week * (i + 1) for i in range(empty))
        return ends

    def summary(self, duplicates: int, future: int, too_old: int = 0) -> Summary:
        """Counts, and the weeks (7 nights counted back from the end): every week that holds
        a recorded night, and the empty weeks of a gap up to MAX_GAP_WEEKS long (a diary
        that went quiet shows it). A gap of years is left out: a diary costs its recorded
        weeks, not its calendar span."""
        weeks: list[Week] = []
        for week_end in reversed(self._week_ends()):
            start = week_end - dt.timedelta(days=6)
            got = self.between(start, week_end)
            weeks.append(
                Week(
                    start=start,
                    end=week_end,
                    nights=len(got),
                    symptom_nights=sum(map(_has_symptoms, got)),
                    average_worst_pain=(
                        statistics.fmean(e.worst_pain for e in got) if got else None
                    ),
                    episodes=sum(e.episodes for e in got),
                )
            )
        entries = list(self.nights.values())
        return Summary(
            nights_recorded=len(entries),
            first_night=self.first,
            last_night=self.last,
            end=self.end,
            span_days=(self.last - self.first).days + 1,
            symptom_nights=sum(map(_has_symptoms, entries)),
            weeks=tuple(reversed(weeks)),
            duplicates_replaced=duplicates,
            ignored_future=future,
            ignored_out_of_range=too_old,
        )


def _pattern(pid: str, rule: DiaryRule, figures: dict[str, Figure]) -> Pattern:
    return Pattern(
        id=pid,
        finding=rule.finding,
        sentence=" ".join(rule.sentence.format(**figures).split()),
        figures=figures,
        sources=tuple(rule.sources),
    )


def _median_pain(entries: list[DiaryEntry]) -> float:
    return float(statistics.median(e.worst_pain for e in entries))


def _points(value: float) -> Figure:
    """A pain level for a sentence: whole numbers without a decimal point."""
    return int(value) if value == int(value) else round(value, 1)


# --- the rules -------------------------------------------------------------------------------


def _persistence(diary: _Diary, rule: PersistenceRule) -> Pattern | None:
    got = diary.window(rule.window_days)
    if got is None:
        return None
    start, nights = got
    if len(nights) < rule.min_recorded_nights:
        return None
    with_symptoms = [e for e in nights if _has_symptoms(e)]
    if len(with_symptoms) <= rule.min_symptom_share * len(nights):
        return None
    despite = sum(1 for e in with_symptoms if e.self_care)
    if despite < rule.min_self_care_nights:
        return None
    week = dt.timedelta(days=rule.week_days - 1)
    first = diary.between(start, start + week)
    last = diary.between(diary.end - week, diary.end)
    eased = _median_pain(first) - _median_pain(last) if first and last else 0.0
    if eased >= rule.min_improvement:
        return None  # getting better with home care: not this pattern
    return _pattern(
        "persistence",
        rule,
        {
            "symptom_nights": len(with_symptoms),
            "recorded_nights": len(nights),
            "window_days": rule.window_days,
            "self_care_nights": despite,
            "eased_by": _points(eased),
        },
    )


def theil_sen_slope(points: list[tuple[float, float]]) -> float:
    """The median of the slopes between every pair of points with different x (Sen 1968).

    Robust: a minority of outlying points barely moves it, unlike a least-squares line.
    """
    slopes = [
        (y2 - y1) / (x2 - x1)
        for i, (x1, y1) in enumerate(points)
        for x2, y2 in points[i + 1 :]
        if x2 != x1
    ]
    return float(statistics.median(slopes)) if slopes else 0.0


def _worsening(diary: _Diary, rule: WorseningRule) -> Pattern | None:
    if (diary.end - diary.first).days + 1 < rule.min_window_days:
        return None
    start = max(diary.first, diary.end - dt.timedelta(days=rule.max_window_days - 1))
    nights = diary.between(start, diary.end)
    if len(nights) < rule.min_recorded_nights:
        return None
    week = dt.timedelta(days=rule.week_days - 1)
    first = diary.between(start, start + week)
    last = diary.between(diary.end - week, diary.end)
    if len(first) < rule.min_week_nights or len(last) < rule.min_week_nights:
        return None
    slope = theil_sen_slope([((e.night - start).days, e.worst_pain) for e in nights])
    span = (nights[-1].night - nights[0].night).days
    first_week, last_week = _median_pain(first), _median_pain(last)
    if slope * span < rule.min_rise or last_week - first_week < rule.min_rise:
        return None
    return _pattern(
        "worsening",
        rule,
        {
            "first_week": _points(first_week),
            "last_week": _points(last_week),
            "span_days": (diary.end - start).days + 1,
            "recorded_nights": len(nights),
            "rise_per_week": round(slope * 7, 1),
        },
    )


def _sleep(diary: _Diary, rule: SleepRule) -> Pattern | None:
    lookback_start = diary.end - dt.timedelta(days=rule.lookback_days - 1)
    disturbed = {e.night for e in diary.between(lookback_start, diary.end) if e.sleep_disturbed}
    best = 0
    for offset in range(rule.lookback_days - rule.week_days + 1):
        week_start = lookback_start + dt.timedelta(days=offset)
        week_end = week_start + dt.timedelta(days=rule.week_days - 1)
        best = max(best, sum(1 for n in disturbed if week_start <= n <= week_end))
    if best < rule.min_disturbed_nights:
        return None
    return _pattern(
        "sleep_disruption",
        rule,
        {
            "disturbed_nights": best,
            "week_days": rule.week_days,
            "lookback_days": rule.lookback_days,
        },
    )


def _frequency(diary: _Diary, rule: FrequencyRule) -> Pattern | None:
    got = diary.window(rule.window_days)
    if got is None:
        return None
    _, nights = got
    count = sum(map(_has_symptoms, nights))
    per_week = count * 7 / rule.window_days
    if per_week < rule.min_per_week:
        return None
    return _pattern(
        "frequency",
        rule,
        {
            "symptom_nights": count,
            "window_days": rule.window_days,
            "per_week": _points(round(per_week, 1)),
        },
    )


__all__ = ["DiaryReading", "Pattern", "Summary", "Week", "read_diary", "theil_sen_slope"]
