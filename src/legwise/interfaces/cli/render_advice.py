"""The terminal result's advice sections: what to do now and what to avoid, what a doctor may
do for each likely cause, and what the night diary showed.

Split from `render.py` (which draws the whole screen) so each module holds one thing.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from legwise.interfaces.cli.render_parts import Citations, bullet, heading
from legwise.interfaces.views import avoid_name, finding_label
from legwise.kb.loader import Knowledge

LINE_LABELS = {
    "first": "first choice",
    "second": "second choice",
    "specialist": "specialist",
    "not_routine": "not routine",
    "avoid": "avoid",
}


def advice_section(result: dict[str, Any], kb: Knowledge, cite: Citations) -> list[Any]:
    advice = result["advice"]
    out: list[Any] = []
    recommended = advice.get("recommended", [])
    urgent_only = bool(recommended) and all(a.get("kind") == "urgent" for a in recommended)
    out.append(heading("What to do now" if urgent_only else "What you can do tonight"))
    if not recommended:
        out.append(Text("  Nothing to try at home for now: follow the advice at the top."))
    for a in recommended:
        out.append(
            bullet(
                Text(a["name"], style="bold"),
                Text(": " + a.get("how", "")),
                Text("\nWhy: " + a.get("why", ""), style="dim"),
                Text(cite.marks(a.get("sources", [])), style="dim"),
            )
        )
    avoid = advice.get("avoid", [])
    if avoid:
        out.append(heading("What to avoid"))
        for a in avoid:
            out.append(
                bullet(
                    Text(avoid_name(kb, a), style="bold yellow"),
                    Text(": " + a.get("why", "")),
                    Text(cite.marks(a.get("sources", [])), style="dim"),
                )
            )
    return out


def care_section(result: dict[str, Any], kb: Knowledge, cite: Citations) -> list[Any]:
    advice = result["advice"]
    by_condition: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for kind in ("tests", "treatments"):
        for item in advice.get(kind, []):
            by_condition.setdefault(item["condition"], {}).setdefault(kind, []).append(item)
    if not by_condition:
        return []
    out: list[Any] = [heading("What a doctor may do")]
    for cid, kinds in by_condition.items():
        spec = kb.conditions.get(cid)
        out.append(Text("  If it is " + (spec.name if spec else cid), style="bold underline"))
        for kind, title in (("tests", "Tests"), ("treatments", "Treatments")):
            for item in kinds.get(kind, []):
                line = LINE_LABELS.get(item.get("line") or "", "")
                tag = f" ({line})" if line else ""
                style = "bold red" if item.get("line") == "avoid" else "bold"
                parts: list[Text | str] = [
                    Text(f"{title[:-1]}: ", style="dim"),
                    Text(item["name"], style=style),
                    Text(tag, style="italic"),  # details stay in the JSON: keep this short
                    Text(cite.marks(item.get("sources", [])), style="dim"),
                ]
                if item.get("seed_differs"):
                    parts.append(Text("\nNewer evidence: ", style="bold magenta"))
                    parts.append(Text(item["seed_differs"]))
                out.append(bullet(*parts))
    return out


def diary_section(result: dict[str, Any], kb: Knowledge, cite: Citations) -> list[Any]:
    """What the night diary showed and what it changed, in a few short lines."""
    diary = result.get("from_diary")
    if not diary:
        return []
    out: list[Any] = [heading("From your diary")]
    for p in diary.get("patterns", []):
        out.append(bullet(Text(p["sentence"]), Text(cite.marks(p.get("sources", [])), "dim")))
    level = diary.get("level") or {}
    if level.get("raised"):
        before, after = (kb.levels.get(level[k]) for k in ("without", "with"))
        names = [lv.label if lv else level[k] for lv, k in ((before, "without"), (after, "with"))]
        out.append(
            bullet(Text(f"Your diary raised the advice from {names[0]} to {names[1]}.", "bold"))
        )
    for change in diary.get("overrides", []):
        label = finding_label(kb, change["finding"])
        out.append(bullet(f"You answered no to “{label}”, but your diary shows it."))
    new = diary.get("new_symptoms", [])
    if new:
        out.append(
            bullet(
                "New since your first week: " + ", ".join(finding_label(kb, f) for f in new) + "."
            )
        )
    if not diary.get("patterns") and not new:
        nights = (diary.get("summary") or {}).get("nights_recorded", 0)
        out.append(bullet(f"{nights} nights written down; no pattern that changes the advice."))
    return out
