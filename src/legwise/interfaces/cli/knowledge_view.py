"""`legwise knowledge`: what the knowledge base holds, as Rich tables or JSON.

Lets a clinician or knowledge author browse ids, labels and sources without reading YAML,
and gives tools the records exactly as validated (`model_dump`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from legwise.kb.loader import Knowledge

WHATS = ("conditions", "findings", "rules", "advice", "scores", "sources")


def _records(kb: Knowledge, what: str) -> dict[str, BaseModel]:
    table: dict[str, BaseModel] = getattr(kb, what)
    return table


def dump(kb: Knowledge, what: str | None) -> Any:
    """Machine output: the summary, or the records of one kind as validated."""
    if what is None:
        return summary(kb)
    return [
        rec.model_dump(mode="json", by_alias=True, exclude_none=True)
        for rec in _records(kb, what).values()
    ]


def summary(kb: Knowledge) -> dict[str, Any]:
    """Counts per kind and the knowledge version (a content hash)."""
    counts = {what: len(_records(kb, what)) for what in WHATS}
    counts["links"] = sum(len(v) for v in kb.links.values())
    return {
        "knowledge_version": kb.version,
        "meta_version": kb.meta.version,
        "counts": counts,
        "levels": [lv.id for lv in kb.levels.values()],
    }


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for i, col in enumerate(columns):
        # ids are what people type next, so never break them across lines
        table.add_column(col, no_wrap=i == 0, overflow="fold")
    return table


def _conditions(kb: Knowledge) -> Table:
    t = _table("Conditions", "id", "name", "group", "dangerous", "prior")
    for c in kb.conditions.values():
        t.add_row(c.id, c.name, c.group, "yes" if c.dangerous else "", f"{c.prior.probability:.0%}")
    return t


def _findings(kb: Knowledge) -> Table:
    t = _table("Findings", "id", "label", "type", "group", "asked by")
    for f in kb.findings.values():
        kind: str = f.type
        if f.type == "number":
            kind = f"number {f.min:g}-{f.max:g}" + (f" {f.unit}" if f.unit else "")
        elif f.type == "choice":
            kind = "choice: " + ", ".join(f.choices or ())
        t.add_row(f.id, f.label, kind, f.group, f.asked_by)
    return t


def _rules(kb: Knowledge) -> Table:
    t = _table("Triage rules", "id", "level", "title")
    for r in kb.rules.values():
        t.add_row(r.id, r.level, r.title)
    return t


def _advice(kb: Knowledge) -> Table:
    t = _table("Advice", "id", "kind", "name", "helps")
    for a in kb.advice.values():
        t.add_row(a.id, a.kind, a.name, ", ".join(h.condition for h in a.helps))
    return t


def _scores(kb: Knowledge) -> Table:
    t = _table("Scores", "id", "kind", "name")
    for s in kb.scores.values():
        t.add_row(s.id, s.kind, s.name)
    return t


def _sources(kb: Knowledge) -> Table:
    t = _table("Sources", "id", "kind", "year", "title")
    for s in kb.sources.values():
        t.add_row(s.id, s.kind, str(s.year), s.title)
    return t


VIEWS: dict[str, Callable[[Knowledge], Table]] = {
    "conditions": _conditions,
    "findings": _findings,
    "rules": _rules,
    "advice": _advice,
    "scores": _scores,
    "sources": _sources,
}


def render(console: Console, kb: Knowledge, what: str | None) -> None:
    """Print the summary or one kind of record as a table."""
    if what is not None:
        console.print(VIEWS[what](kb))
        return
    info = summary(kb)
    t = _table(f"Knowledge version {info['knowledge_version']}", "kind", "count")
    for kind, count in info["counts"].items():
        t.add_row(kind, str(count))
    console.print(t)
    console.print("Levels, least to most urgent: " + ", ".join(info["levels"]))
    console.print("Show one kind with: legwise knowledge " + "|".join(WHATS), highlight=False)
