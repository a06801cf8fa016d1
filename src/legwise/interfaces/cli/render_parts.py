"""Building blocks of the terminal result: source numbers and short citations, section
headings and bullets with hanging indents.

Split from `render.py` so the screen's sections (`render.py`, `render_advice.py`) share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from legwise.kb.loader import Knowledge


class Citations:
    """Numbers for the sources a result cites, in the order of its `sources` map."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.full = sources
        self.number = {ref: i for i, ref in enumerate(sources, start=1)}

    def marks(self, refs: Iterable[dict[str, Any]]) -> str:
        nums = sorted({self.number[r["ref"]] for r in refs if r.get("ref") in self.number})
        return f" [{','.join(map(str, nums))}]" if nums else ""


def short_citation(kb: Knowledge, ref: str, fallback: str, title_max: int = 90) -> str:
    """First author (et al.), title (cut short), year and DOI: enough to find the source."""
    src = kb.sources.get(ref)
    if src is None:
        return fallback
    parts: list[str] = []
    if src.authors:
        names = [a.strip() for a in src.authors.split(",") if a.strip()]
        parts.append(names[0] + (" et al" if len(names) > 1 else ""))
    title = src.title if len(src.title) <= title_max else src.title[: title_max - 1] + "…"
    parts += [title, str(src.year)]
    text = ". ".join(p.rstrip(".") for p in parts if p) + "."
    return text + (f" doi:{src.doi}" if src.doi else "")


def heading(title: str) -> Rule:
    return Rule(Text(title, style="bold"), align="left", style="dim")


def hanging(marker: str, body: Text, indent: int = 2) -> Table:
    """`marker body` with wrapped lines of body aligned under its first word."""
    width = indent + len(marker) + (1 if marker else 0)
    grid = Table.grid()
    grid.add_column(no_wrap=True, width=width)
    grid.add_column(ratio=1)
    grid.add_row(" " * indent + marker, body)
    return grid


def bullet(*parts: Text | str) -> Table:
    return hanging("•", Text.assemble(*parts))
