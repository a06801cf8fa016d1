"""The diary chart: worst pain and bouts night by night, as server-rendered SVG.

The layout is data for a template (`_diary_chart.html`): every night from the first entry to
the last has a slot, so gaps show as gaps; positions are percentages of the chart's width and
the template draws them, so no pixel sums live in Python beyond the bar heights on a 0-10
scale. The same SVG is on the web diary page and in `legwise diary report --svg`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from legwise.diary.entry import MIN_NIGHT, DiaryEntry

PAIN_HEIGHT = 150  # pixels for pain 10
EPISODE_HEIGHT = 60  # pixels for the night with the most bouts
MAX_NIGHTS = 120  # the most recent nights charted; older ones stay in the table
MIN_NIGHTS = 14  # a short diary still gets two weeks of width, so one night is one slim bar


def diary_chart(entries: Sequence[DiaryEntry]) -> dict[str, Any]:
    """The chart's layout: one slot per night from first to last, bars where there is an entry."""
    # The last entry given for a night wins; nights stored before the earliest allowed one
    # are left out (as the trends leave them out): date sums near year 1 overflow.
    by_night = {e.night: e for e in entries if e.night >= MIN_NIGHT}
    if not by_night:
        return {
            "nights": [],
            "slots": 0,
            "ticks": [],
            "most_episodes": 0,
            "pain_height": PAIN_HEIGHT,
            "episode_height": EPISODE_HEIGHT,
        }
    last = max(by_night)
    first = max(min(by_night), last - dt.timedelta(days=MAX_NIGHTS - 1))
    first = min(first, last - dt.timedelta(days=MIN_NIGHTS - 1))
    slots = (last - first).days + 1
    width = 100 / slots
    most = max((e.episodes for e in by_night.values()), default=0) or 1
    nights = []
    for i in range(slots):
        night = first + dt.timedelta(days=i)
        entry = by_night.get(night)
        if entry is None:
            continue
        nights.append(
            {
                "date": night.isoformat(),
                "label": f"{night:%d %b}",
                "x": round(i * width + width * 0.15, 3),
                "width": round(width * 0.7, 3),
                "pain": entry.worst_pain,
                "pain_height": round(entry.worst_pain / 10 * PAIN_HEIGHT, 1),
                "episodes": entry.episodes,
                "episode_height": round(entry.episodes / most * EPISODE_HEIGHT, 1),
                "woke": entry.sleep_disturbed,
            }
        )
    # Two date labels, at the chart's two ends (its first and last slot, not the first and
    # last entry): two nights side by side would put their labels on top of each other.
    ticks = [
        {"label": f"{first:%d %b}", "x": 0.0, "width": 0.0},
        {"label": f"{last:%d %b}", "x": 100.0, "width": 0.0},
    ]
    return {
        "nights": nights,
        "slots": slots,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "most_episodes": most,
        "ticks": ticks,
        "pain_height": PAIN_HEIGHT,
        "episode_height": EPISODE_HEIGHT,
    }


def diary_svg(entries: Sequence[DiaryEntry]) -> str:
    """A standalone SVG file of the diary chart."""
    from legwise.interfaces.templates import templates

    body = templates().get_template("_diary_chart.html").render(chart=diary_chart(entries))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body.strip() + "\n"
