"""The assessment screen for a person, drawn with Rich from the result's contract shape.

It reads `Assessment.to_dict()` plus the knowledge base, through the view models the web
pages and the report use (`interfaces.views`): the same causes with the same cut-offs, the
same finding labels, the reasons in words for the person and the avoid list as things to
avoid. The screen shows exactly what the JSON says and nothing the engine did not decide.
Every knowledge text goes in as `Text`, never as markup, so brackets in it are safe.

A person's screen (audience "patient", the default) shows no rule titles, score names or
likelihood ratios; the clinician's screen (`legwise interview --audience clinician`) keeps them.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from legwise.interfaces.cli.render_advice import advice_section, care_section, diary_section
from legwise.interfaces.cli.render_parts import Citations, hanging, heading, short_citation
from legwise.interfaces.views import (
    EMERGENCY_LEVELS,
    SHOWN_MIN,
    finding_label,
    reasons,
    shown,
    unanswered,
)
from legwise.kb.loader import Knowledge

BAR_WIDTH = 12
WHY_CONDITIONS = 3
WHY_FINDINGS = 3
UNANSWERED_SHOWN = 5


def _answer(kb: Knowledge, finding: str, answer: Any) -> str:
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        spec = kb.findings.get(finding)
        unit = f" {spec.unit}" if spec is not None and spec.unit else ""
        return f"{answer:g}{unit}"
    return {"present": "yes", "absent": "no"}.get(str(answer), str(answer))


def _ratio(value: float) -> str:
    return f"{value:.2g}" if value < 10 else f"{value:.0f}"


def _bar(p: float) -> str:
    filled = max(0, min(BAR_WIDTH, round(p * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _urgency_panel(
    result: dict[str, Any],
    colour: str,
    cite: Citations,
    told: list[dict[str, Any]],
    clinician: bool,
) -> Panel:
    """The level, what to do and why. A person reads each reason in words for them (naming
    only the risk factors they have, under "In your answers"); a clinician reads the rule's
    title and its full reason."""
    tri = result["triage"]
    head = Text(tri.get("action", ""), style="bold")
    # At an emergency the level's "go now" is the one voice (as on the web's banner): a rule's
    # own action ("today, within a few hours") would soften it.
    top_action = told[0].get("action") if told else None
    if top_action and tri["level"] not in EMERGENCY_LEVELS:
        head.append("\n" + top_action)
    parts: list[Any] = [head]
    if told:
        parts.append(Text(""))
    for reason in told:
        if clinician:
            words = Text.assemble((reason.get("title", ""), "bold"), ": " + reason.get("text", ""))
        else:
            words = Text(reason.get("patient") or reason.get("text", ""))
            if reason.get("because"):
                words.append(" In your answers: " + ", ".join(reason["because"]) + ".")
        words.append(" (shown by your diary)" if reason.get("from_diary") else "", "italic")
        words.append(cite.marks(reason.get("sources", [])), "dim")
        parts.append(hanging("•", words, indent=0))
    return Panel(
        Group(*parts),
        title=Text(tri.get("label", tri["level"]), style=f"bold {colour}"),
        title_align="left",
        border_style=colour,
        padding=(0, 1),
    )


def _causes(result: dict[str, Any]) -> Group | Text:
    listed = shown(result["conditions"])
    if not listed:
        return Text(f"  No cause stands out: each is under {SHOWN_MIN:.0%}.")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=False, max_width=44)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    for c in listed:
        danger = Text("! can be serious", style="bold red") if c.get("dangerous") else Text("")
        grid.add_row(
            Text(c.get("name", c["id"])),
            Text(_bar(c["probability"]), style="red" if c.get("dangerous") else "cyan"),
            f"{c['probability']:.0%}",
            danger,
        )
    return Group(Padding(grid, (0, 0, 0, 2)))


def _why(
    result: dict[str, Any], kb: Knowledge, clinician: bool, case: dict[str, Any] | None
) -> list[Any]:
    out: list[Any] = [heading("Why")]
    for c in result["conditions"][:WHY_CONDITIONS]:
        moved = [e for e in c.get("evidence", []) if e.get("likelihood_ratio", 1.0) != 1.0]
        line = Text()
        line.append(c.get("name", c["id"]), style="bold")
        line.append(": ")
        if not moved:
            line.append("no answer moved it much; this is how common it is.", style="dim")
        else:
            bits = []
            for e in moved[:WHY_FINDINGS]:
                label = finding_label(kb, e["finding"])
                ratio = float(e["likelihood_ratio"])
                if not clinician:  # a person reads which way an answer points, not a ratio
                    way = "points to it" if ratio > 1 else "points away from it"
                    if e.get("kind") == "prior":
                        bits.append(f"{label} ({way})")
                    else:
                        answer = _answer(kb, e["finding"], e.get("answer"))
                        bits.append(f"{label}: {answer} ({way})")
                elif e.get("kind") == "prior":
                    bits.append(f"{label} (odds x{_ratio(ratio)})")
                else:
                    answer = _answer(kb, e["finding"], e.get("answer"))
                    bits.append(f"{label}: {answer} (LR {_ratio(ratio)})")
            line.append("; ".join(bits))
        out.append(hanging("", line))
    level_reasons = result["triage"].get("reasons", [])
    if level_reasons and clinician:  # a rule's title is for the clinician
        out.append(
            hanging("", Text.assemble("Level set by: ", (level_reasons[0]["title"], "bold")))
        )
    open_signs = unanswered(kb, result, case)  # only those that can apply to this person
    if case is not None and not clinician:
        # A person is shown the signs whose "yes" would change what to do (as on the web),
        # not every unasked one: "Cancer" listed to a woman who just gave birth alarms her.
        from legwise.interfaces.unsure import open_warning_signs

        by_label = {kb.findings[f].label: f for f in open_signs}
        groups = open_warning_signs(kb, case, open_signs)
        open_signs = [by_label[s] for g in groups for s in g["signs"] if s in by_label]
    if open_signs:
        labels = [finding_label(kb, f) for f in open_signs[:UNANSWERED_SHOWN]]
        more = len(open_signs) - UNANSWERED_SHOWN
        tail = f", and {more} more" if more > 0 else ""
        text = Text(f"Warning signs not answered: {', '.join(labels)}{tail}.", style="yellow")
        out.append(hanging("", text))
    else:
        out.append(Text("  Every warning-sign question was answered.", style="dim"))
    return out


def _score_line(score: dict[str, Any]) -> Table:
    line = Text()
    line.append(score.get("name", ""), style="bold")
    kind = score.get("kind")
    if kind == "points":
        parts = []
        for variant in score.get("variants", {}).values():
            text = f"{variant['name']}: {variant['value']:g}"
            if variant.get("band"):
                text += f" – {variant['band']}"
            if variant.get("worst_case") != variant.get("value"):
                text += f", up to {variant['worst_case']:g} if the unanswered items apply"
            parts.append(text)
        line.append(": " + "; ".join(parts))
    elif kind == "criteria":
        status = str(score.get("status", "")).replace("_", " ")
        line.append(f": {status} ({score.get('met', 0)} of {score.get('of', 0)} criteria met)")
    else:
        line.append(f": {score.get('value', 0):g}")
        if score.get("band"):
            line.append(f" – {score['band']}")
    meaning = score.get("meaning")
    if kind == "points":
        meanings = [v.get("meaning") for v in score.get("variants", {}).values()]
        meaning = next((m for m in meanings if m), None)
    if meaning:
        line.append("\n" + meaning, style="dim")
    return hanging("", line)


def render_assessment(
    console: Console,
    result: dict[str, Any],
    kb: Knowledge,
    case: dict[str, Any] | None = None,
    audience: str = "patient",
) -> None:
    """Print the full screen for one assessment. `case` (the answers) lets a reason name the
    person's own risk factors; without it the reason names none."""
    clinician = audience == "clinician"
    cite = Citations(result.get("sources", {}))
    level = result["triage"]["level"]
    colour = kb.levels[level].colour if level in kb.levels else "white"
    if result.get("id"):
        console.print(Text(f"Case {result['id']}", style="dim"))
    told = reasons(kb, result, case)
    console.print(_urgency_panel(result, colour, cite, told, clinician))
    for block in diary_section(result, kb, cite):
        console.print(block)
    unexplained = result.get("unexplained")
    if unexplained:
        console.print(
            Text.assemble(("No known cause fits well. ", "bold yellow"), unexplained["reason"])
        )
    console.print(heading("Likely causes"))
    if level in ("emergency", "emergency_ambulance"):
        suspects = {c for r in result["triage"]["reasons"] for c in r.get("suspects", [])}
        names = [kb.conditions[c].name for c in sorted(suspects) if c in kb.conditions]
        note = "The warning signs matter more than this list, which may rest on few answers."
        if names:
            note = f"The warning signs point to: {', '.join(names)}. " + note
        console.print(Text(note, style="bold"))
    console.print(_causes(result))
    for block in (
        advice_section(result, kb, cite)
        + care_section(result, kb, cite)
        + _why(result, kb, clinician, case)
    ):
        console.print(block)
    scores = result.get("scores") or {}
    if scores and clinician:  # score names and points are for the clinician (and the report)
        console.print(heading("Scores"))
        for score in scores.values():
            console.print(_score_line(score))
    sources = result.get("sources") or {}
    if sources:
        console.print(heading("Sources"))
        for ref, n in cite.number.items():
            citation = Text(short_citation(kb, ref, sources[ref]), style="dim")
            console.print(hanging(f"{n}.", citation))
    console.print()
    console.print(Text(result.get("disclaimer", ""), style="italic dim"))


def batch_line(result: dict[str, Any], row: int, kb: Knowledge) -> Text:
    """One compact line for a case of a batch: id, level, top cause with its probability."""
    if result.get("status") == "needs_answers":  # its text gave nothing clinical
        asks = "; ".join(q["id"] for q in result["questions"])
        return Text.assemble(
            (result.get("id") or f"#{row}", "bold"),
            "  ",
            ("needs answers", "yellow"),
            f"  nothing clinical in the text; ask: {asks}",
        )
    level = result["triage"]["level"]
    colour = kb.levels[level].colour if level in kb.levels else "white"
    label = result["triage"].get("label", level)
    case_id = result.get("id") or f"#{row}"
    top = result["conditions"][0] if result["conditions"] else None
    cause = f"{top['name']} {top['probability']:.0%}" if top else "no cause"
    return Text.assemble(
        (case_id, "bold"),
        "  ",
        (label, colour),
        "  ",
        cause,
        (" (unexplained)" if result.get("unexplained") else "", "yellow"),
    )
