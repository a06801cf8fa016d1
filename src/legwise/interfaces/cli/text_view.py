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


def _quotes(group: list[dict[str, Any]]) -> list[str]:
    """The distinct words behind one finding, leaving out a quote that a longer one of the same
    finding already holds ("5 weeks" inside "I had a hip op 5 weeks ago")."""
    said: list[str] = []
    for item in group:
        held = any(
            o is not item
            and o["start"] <= item["start"]
            and item["end"] <= o["end"]
            and o["end"] - o["start"] > item["end"] - item["start"]
            for o in group
        )
        if not held and item["text"] not in said:
            said.append(item["text"])
    return said


def render_text_result(console: Console, result: dict[str, Any], kb: Knowledge) -> None:
    """One line a finding: label, state or value, and the quoted words that gave it."""
    items = result["items"]
    if not items:
        console.print("Nothing was recognised in the text.")
        return
    console.print(Text("Read from the text:", style="bold"))
    # One line per finding and value, however many places said it: a person reads "Recent
    # surgery: yes" once, with every quote behind it, not twice.
    spans: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item in items:
        spans.setdefault((item["finding"], str(item["value"])), []).append(item)
    values = {(i["finding"], str(i["value"])): i["value"] for i in items}
    for (fid, key), group in spans.items():
        said = _quotes(group)
        line = Text("  ")
        line.append(finding_label(kb, fid))
        line.append(": ")
        line.append(_value(values[(fid, key)]), style=STATE_STYLE.get(key, "bold"))
        line.append("  " + ", ".join(f'"{words}"' for words in said), style="italic")
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
