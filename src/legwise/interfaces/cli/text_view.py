"""What `legwise parse` shows a person: each finding read from the text and the words behind it."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from legwise.interfaces.views import finding_label
from legwise.kb.loader import Knowledge

STATE_STYLE = {"present": "bold", "absent": "dim"}


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return {"present": "yes", "absent": "no"}.get(str(value), str(value))


def render_text_result(console: Console, result: dict[str, Any], kb: Knowledge) -> None:
    """One line a finding: label, state or value, and the quoted words that gave it."""
    items = result["items"]
    if not items:
        console.print("Nothing was recognised in the text.")
        return
    console.print(Text("Read from the text:", style="bold"))
    for item in items:
        label = finding_label(kb, item["finding"])
        line = Text("  ")
        line.append(label)
        line.append(": ")
        line.append(_value(item["value"]), style=STATE_STYLE.get(str(item["value"]), "bold"))
        line.append(f'  "{item["text"]}"', style="italic")
        console.print(line, soft_wrap=True)
    final = result["findings"]
    overridden = sorted(
        {i["finding"] for i in items if i["finding"] in final and final[i["finding"]] != i["value"]}
    )
    for fid in overridden:  # said both ways, or several numbers: say which one counts
        console.print(f"  {finding_label(kb, fid)} counts as {_value(final[fid])}.")


def render_gaps(console: Console, result: dict[str, Any], kb: Knowledge) -> None:
    """The warning-sign questions the text left unanswered, in the order to ask them, with the
    level the text alone gives (an emergency first of all)."""
    level = result.get("level")
    if level in kb.levels:
        spec = kb.levels[level]
        line = Text("Level from the text alone: ")
        line.append(spec.label, style=f"bold {spec.colour}")
        console.print(line, soft_wrap=True)
    questions = result.get("warning_questions") or []
    if not questions:
        console.print(Text("The text answers every warning-sign question.", style="dim"))
        return
    count = len(result.get("unanswered_warning_signs") or [])
    console.print(
        Text(f"Warning signs the text did not answer ({count}); ask these next:", style="yellow")
    )
    for q in questions:
        labels = ", ".join(finding_label(kb, f) for f in q["findings"])
        console.print(Text.assemble("  ", (q["text"], "bold"), f" ({labels})"), soft_wrap=True)
