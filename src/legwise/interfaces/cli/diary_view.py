"""The diary and saved results on a terminal, drawn with Rich.

Display only: the trends, levels and differences were decided by `legwise.diary.trends`,
the engine and `legwise.store.reassess`. Knowledge texts and notes go in as `Text`, never
as markup, so brackets in a note are safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from legwise.interfaces.views import finding_label
from legwise.kb.loader import Knowledge

PAIN_BAR = 10  # one block per point of pain


def _bar(value: int, colour: str) -> Text:
    return Text("█" * value, style=colour) + Text("·" * (PAIN_BAR - value), style="dim")


def entries_table(entries: Sequence[Any]) -> Table:
    """One row a night: number, night, pain as a bar, bouts, sleep, how many symptoms."""
    table = Table(title="Your night diary", title_justify="left", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Night")
    table.add_column("Worst pain")
    table.add_column("Bouts", justify="right")
    table.add_column("Sleep")
    table.add_column("Symptoms", justify="right")
    table.add_column("Self-care", justify="right")
    for stored in entries:
        e = stored.entry
        colour = "red" if e.worst_pain >= 7 else "blue"
        table.add_row(
            str(stored.id),
            f"{e.night:%a %d %b %Y}",
            _bar(e.worst_pain, colour) + Text(f" {e.worst_pain}"),
            str(e.episodes),
            "woke" if e.sleep_disturbed else "ok",
            str(len(e.findings)),
            str(len(e.self_care)),
        )
    return table


def render_entry(console: Console, stored: Any, kb: Knowledge) -> None:
    """One night in full, with symptom and self-care names rather than ids."""
    e = stored.entry
    console.print(Text(f"Night of {e.night:%A %d %B %Y} (entry {stored.id})", style="bold"))
    console.print(Text("Worst pain: ") + _bar(e.worst_pain, "blue") + Text(f" {e.worst_pain}/10"))
    bouts = f"{e.episodes} bout{'' if e.episodes == 1 else 's'}"
    if e.episode_minutes:
        bouts += f", about {e.episode_minutes} minutes each"
    console.print(Text(bouts))
    console.print(Text("Sleep: " + ("it woke me or kept me awake" if e.sleep_disturbed else "ok")))
    if e.findings:
        console.print(Text("Symptoms: " + "; ".join(finding_label(kb, f) for f in e.findings)))
    if e.self_care:
        names = [kb.advice[a].name if a in kb.advice else a for a in e.self_care]
        console.print(Text("Self-care tried: " + "; ".join(names)))
    if e.note:
        console.print(Text("Note: ") + Text(e.note))


def saved_table(saved: Sequence[Any]) -> Table:
    """One row a saved result: number, when, label, level, most likely cause."""
    table = Table(title="Saved results", title_justify="left", show_edge=False)
    for col in ("#", "Saved (UTC)", "Label", "Level", "Most likely", "Knowledge"):
        table.add_column(col)
    for s in saved:
        result = s.result
        top = (result.get("conditions") or [{}])[0]
        level = result.get("triage", {}).get("label") or s.level or "?"
        table.add_row(
            str(s.id),
            f"{s.created_at:%Y-%m-%d %H:%M}",
            Text(s.label or ""),
            Text(str(level)),
            Text(str(top.get("name") or top.get("id") or "")),
            s.knowledge_version,
        )
    return table


def render_report(console: Console, entries: Sequence[Any], reading: Any, kb: Knowledge) -> None:
    """The diary report: what the trends show first, then week by week, then night by night."""
    summary = reading.summary
    if not summary.nights_recorded:
        console.print("The diary is empty. Add a night with `legwise diary add --pain N`.")
        return
    console.print(
        Text(
            f"Your diary: {summary.nights_recorded} nights from {summary.first_night:%d %b %Y} "
            f"to {summary.last_night:%d %b %Y}; symptoms on {summary.symptom_nights} of them.",
            style="bold",
        )
    )
    if reading.patterns:
        console.print(Text("What it shows", style="bold underline"))
        for p in reading.patterns:
            console.print(Text("  • ") + Text(p.sentence))
        console.print(
            Text(
                "A pattern like this is a reason to see a doctor. Run `legwise assess --diary` "
                "with your answers to see what it changes.",
            )
        )
    else:
        console.print(Text("No pattern yet that changes the advice."))
    if reading.new_symptoms:
        labels = ", ".join(finding_label(kb, f) for f in reading.new_symptoms)
        console.print(Text(f"New since your first week: {labels}."))
    console.print()
    weeks = Table(title="Week by week", title_justify="left", show_edge=False)
    for col in ("Week", "Nights written", "With symptoms", "Average worst pain", "Bouts"):
        weeks.add_column(col)
    for w in summary.weeks:
        avg = "-" if w.average_worst_pain is None else f"{w.average_worst_pain:.1f}"
        weeks.add_row(
            f"{w.start:%d %b} to {w.end:%d %b}",
            str(w.nights),
            str(w.symptom_nights),
            avg,
            str(w.episodes),
        )
    console.print(weeks)
    console.print()
    night_rows = Table(title="Night by night", title_justify="left", show_edge=False)
    for col in ("Night", "Worst pain", "Bouts", "Sleep"):
        night_rows.add_column(col)
    for e in sorted(entries, key=lambda e: e.night):
        colour = "red" if e.worst_pain >= 7 else "blue"
        night_rows.add_row(
            f"{e.night:%a %d %b}",
            _bar(e.worst_pain, colour) + Text(f" {e.worst_pain}"),
            str(e.episodes),
            "woke" if e.sleep_disturbed else "ok",
        )
    console.print(night_rows)


def _level_label(kb: Knowledge, level: str | None) -> str:
    info = kb.levels.get(level or "")
    return info.label if info is not None else str(level)


def _name(kb: Knowledge, cid: str) -> str:
    spec = kb.conditions.get(cid)
    return spec.name if spec is not None else cid


def render_difference(console: Console, again: Any, kb: Knowledge) -> None:
    """What changed between a saved result and the same case assessed with today's knowledge."""
    if again.same_knowledge:
        console.print(Text("The knowledge has not changed since you saved this result."))
    else:
        console.print(
            Text(f"Knowledge then: {again.knowledge_before}; now: {again.knowledge_after}.")
        )
    if not again.changed:
        console.print(Text("Assessed again, the result is the same.", style="bold"))
        return
    if again.level_changed:
        console.print(
            Text(
                f"Urgency then: {_level_label(kb, again.level_before)}. "
                f"Now: {_level_label(kb, again.level_after)}.",
                style="bold",
            )
        )
    else:
        console.print(Text(f"Urgency is the same: {_level_label(kb, again.level_after)}."))
    if again.top_changed:
        before = ", ".join(_name(kb, c) for c in again.top_before)
        after = ", ".join(_name(kb, c) for c in again.top_after)
        console.print(Text(f"Most likely then: {before}. Now: {after}."))
    if again.probability_changes:
        table = Table(title="Causes that moved", title_justify="left", show_edge=False)
        for col in ("Cause", "Then", "Now"):
            table.add_column(col)
        for c in again.probability_changes:
            table.add_row(
                Text(_name(kb, c.condition)),
                "-" if c.before is None else f"{c.before:.0%}",
                "-" if c.after is None else f"{c.after:.0%}",
            )
        console.print(table)
    for label, ids in (("New advice", again.advice_added), ("Advice gone", again.advice_removed)):
        if ids:
            names = [kb.advice[a].name if a in kb.advice else a for a in ids]
            console.print(Text(f"{label}: " + "; ".join(names) + "."))
