"""Compact one-line Wells checklists (hW9, issue 12 round 9): short labels each with its answer,
three or more to a line.

- key=value tokens: "CA=0 PARA=0 BED/SURG=0 TEND=1 WHOLE=0 ... TOT=2"
- a sign after each label: "Ca+ Immob+ Calf+ (3.5cm) Colat- Whole+ ... Alt-.", "Ca(-) tend(+)"
- comma pieces of a label and an answer: "ca y, para n, immob y, tender dv n, ... alt dx n = 4"

The labels are the items' short forms (knowledge/intake/wells.yaml `short_labels`, then the
item labels); the answers are those of table cells (`wells_table.state_of`). A stated total
("TOT=2", "= 4") answers no item and is not used.
"""

from __future__ import annotations

import re

from legwise.intake.wells_table import Tables, item_of, state_of

KEY_VALUE = re.compile(
    r"(?<![^\s,;(])([A-Za-z][^\s=:,;]*)[ \t]*=[ \t]*([^\s,;]+?)(?=[\s,;.]*(?:\s|$))", re.M
)
# (the sign may stand in brackets: "Ca(-) para(-) tend(+)"; hW11, round 11)
SIGNED = re.compile(
    r"(?<![^\s,;(])([A-Za-z][\w/]*)(?:([+\-\u2212])|\(([+\-\u2212])\))(?=[\s,;.]|$)", re.M
)
PIECE = re.compile(r"[^,;\n]+")
# "ca y", "tender dv n", "prev dvt neg"; an opening label ("wells:") and a total ("= 4") are cut
LABEL_ANSWER = re.compile(
    r"^(?:[^:]{0,30}:)?\s*(?P<label>[A-Za-z][\w/ >=.\u2265-]{0,30}?)\s+"
    r"(?P<answer>y|n|yes|no|pos|neg|\+|-|\+1|0|1|-2|\u22122|\u2713|\u2717)"
    r"\s*(?:=\s*[-+\u2212]?\d+\s*(?:points?|pts?)?)?\s*$",
    re.I,
)
LINE = re.compile(r"[^\n]+")


def _add(out: Tables, found: list[tuple[str, str, int, int]]) -> None:
    """Keep the pairs of a line that holds three or more items; each pair's own words give way
    to its answer (other words of the line keep their readings)."""
    if len({item for item, *_ in found}) >= 3:
        out.answers.extend(found)
        out.rows.extend((a, b) for _, _, a, b in found)


def read_compact(text: str, out: Tables) -> None:
    """Add to `out` the answers of each line that holds three or more compact pairs."""
    for line in LINE.finditer(text):
        said, at = line.group(0), line.start()
        # three items or none (`_add`), and each match holds its own "=" or sign (hS11)
        if said.count("=") >= 3:
            found = []
            for m in KEY_VALUE.finditer(said):
                item = item_of(m.group(1))
                state = state_of(m.group(2), item) if item else None
                if item and state in ("present", "absent"):
                    found.append((item, state, at + m.start(), at + m.end()))
            _add(out, found)
        if ("+" in said or "-" in said) and sum(map(said.count, "+-\u2212")) >= 3:
            found = []
            for m in SIGNED.finditer(said):
                item = item_of(m.group(1))
                if item is not None:
                    state = "present" if (m.group(2) or m.group(3)) == "+" else "absent"
                    found.append((item, state, at + m.start(), at + m.end()))
            _add(out, found)
        if said.count(",") + said.count(";") >= 2:
            found = []
            for m in PIECE.finditer(said):
                pair = LABEL_ANSWER.match(m.group(0))
                item = item_of(pair.group("label")) if pair else None
                state = state_of(pair.group("answer"), item) if pair and item else None
                if pair and item and state in ("present", "absent"):
                    a = at + m.start() + pair.start("label")
                    found.append((item, state, a, at + m.start() + pair.end("answer")))
            _add(out, found)
