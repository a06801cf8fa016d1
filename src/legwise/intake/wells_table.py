"""Wells checklists laid out as tables or mark columns (hW9, issue 12 round 9).

- A header row and a value row, in CSV, TSV, ";" or |-table form: each header cell is mapped
  to the item its words name, and the value in the same column answers it
  ("patient_id,cancer,immobile_or_surgery,...,alt_dx_as_likely" over "A-1092,0,0,...,1").
- A table whose head has a Yes column and a No column, a mark in one of them on each row
  ("| Active cancer |  | x |").
- Key and value rows of two cells ("active cancer,no", "Prior DVT<TAB>N").
- A mark column before the labels, one a line, in a block of three or more ("Y  Active
  malignancy", "N  Previous DVT").
- Message segments, one item a line: pipe-delimited fields, one naming the item and the last
  its answer ("OBX|1|ST|WELLS-CA^Active cancer||Y"; hW10, round 10).

The header or label words are the item's definition, not a finding, so what phrases read inside
a table's rows for the Wells items (and anything read inside a header row) gives way to the
answer. An answer that leaves the item unknown ("n/a", "not assessed", an empty cell) answers
nothing and drops what was read for it. A stated total ("wells_total", "TOT=2") is no item and
is never used: the score is the sum of the items read (docs/labelling.md, "Wells notes").
The answer words, marks and short labels are data (knowledge/intake/wells.yaml).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from legwise.intake.result import Extracted
from legwise.intake.wells_abbrev import abbreviated
from legwise.intake.wells_checklist import FINDING, LABELS, NEGATION, _wells_data
from legwise.intake.wells_labels import CACHED, named_item

_DATA = _wells_data()
_CELL = _DATA["table_cells"]
PRESENT = frozenset(str(w).lower() for w in _CELL["present"])
ABSENT = frozenset(str(w).lower() for w in _CELL["absent"])
UNKNOWN = frozenset(str(w).lower() for w in _DATA["unknown"]["words"]) | frozenset(
    str(w).lower() for w in _CELL["unknown"]
)
YES_HEAD = frozenset(str(w).lower() for w in _CELL["yes_column"])
NO_HEAD = frozenset(str(w).lower() for w in _CELL["no_column"])
SHORT: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (str(x["item"]), re.compile(rf"(?:{x['pattern']})", re.I)) for x in _DATA["short_labels"]
)
ITEMS = frozenset(i for i, _ in LABELS)
RULE = re.compile(r"^[\s|:+-]*-{2,}[\s|:+-]*$")  # a |-table's |---|---| line
# an answer cell's first word, and more words after it ("yes - THR 3/52", "no (never)")
FIRST = re.compile(r"^\s*(\S+?)\.?(?:[\s,;:(-]|$)")
UNKNOWN_VERB = re.compile(
    r"\b(?:not|unable\s+to|can'?t|cannot|could\s*n[o']t)\s+(?:be\s+)?"
    r"(?:measur|assess|examin|check|done|test|palpat)",
    re.I,
)
# ("0" and "+0" too, read only in a block that also scores "+1" or "-2": a points column; hW14)
_MARK = r"(?-i:Y|N|YES|NO|Yes|No)|\+1|-2|\u22122|\+0|0"
# the label runs to the line's end, or to a full stop before a second answer on the same line
# ("No  collaterals. No alternative dx more likely": two statements, the second read as prose)
MARK_LINE = re.compile(
    rf"^[ \t]*(?P<mark>{_MARK})(?:[ \t]{{2,}}|\t)[ \t]*"
    rf"(?P<label>\S(?:(?!\.[ \t]+(?:{_MARK})\b)[^\n])*)",
    re.M,
)
DELIMITERS = ("\t", "|", ";", ",")
# a score column's cell: "+1", "1", "0", "-2" (hW11, round 11: a label, a finding, its points)
POINTS_CELL = re.compile(r"^[+]?[01]$|^[-\u2212]2$")

Cell = tuple[str, int, int]  # words, start, end in the text
# an audit's column that says whether the item was written down, not what was found ("Item |
# Documented? | Finding in notes"): the answer is in the column after it (hW19)
META_HEAD = re.compile(
    r"(?:was\s+it\s+|item\s+)?(?:documented|recorded|assessed|asked|checked|completed|charted"
    r"|addressed|considered|in\s+(?:the\s+)?notes)\s*\??(?:\s*\(y/n\))?",
    re.I,
)


@functools.lru_cache(maxsize=CACHED)
def item_of(words: str) -> str | None:
    """The Wells item a header or label cell names, or None (kept per cell: the readers of
    tables, pairs, marks and keys ask for the same cells, as the next note of a template does)."""
    # snake_case, dotted and camelCase keys name items too: "prior_dvt", "wells.cancer",
    # "altDxAsLikely" (hW10, round 10)
    plain = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", words)
    plain = re.sub(r"[_.]+", " ", plain).strip(" :-*#\"'")
    if not plain:
        return None
    short = next((i for i, p in SHORT if p.fullmatch(plain)), None)
    if short is not None:
        return short
    named = named_item(plain)
    return named if named is not None else abbreviated(words)  # "Tend", "Imm/Sx" (hW11)


def state_of(cell: str, item: str) -> str | None:
    """The answer of a cell: present, absent or unknown; None when it is no answer."""
    words = cell.strip().lower().removesuffix(".")  # "0." (a full stop put at a line's end)
    if not words or words in UNKNOWN or UNKNOWN_VERB.search(words):
        return "unknown"
    m = FIRST.match(words)
    first = m.group(1) if m else words
    if first.isdigit() or first.lstrip("+-\u2212").isdigit():
        if first != words:
            return None  # a measure, not points ("3.5", "1 cm")
        if first in ("-2", "\u22122"):
            return "present" if item == FINDING else None
    if first in PRESENT:
        return "present"
    if first in ABSENT:
        return "absent"
    return None


# a CSV cell in double quotes may hold the delimiter: "cellulitis more likely, red and hot"
QUOTED = re.compile(r'[ \t]*"(?:[^"]|"")*"[ \t]*')


def _split(line: str, delimiter: str) -> list[str]:
    """`line` split by `delimiter`, a quoted cell kept whole (hW10, round 10)."""
    if '"' not in line:
        return line.split(delimiter)
    parts, at = [], 0
    while True:
        quoted = QUOTED.match(line, at)
        end = quoted.end() if quoted and line.startswith(delimiter, quoted.end()) else None
        if end is None and quoted and quoted.end() == len(line):
            end = len(line)
        if end is None:
            end = line.find(delimiter, at)
            end = len(line) if end < 0 else end
        parts.append(line[at:end])
        if end >= len(line):
            return parts
        at = end + len(delimiter)


def _cells(line: str, start: int, delimiter: str) -> list[Cell]:
    """The cells of a row split by `delimiter`, stripped, with their places in the text."""
    out: list[Cell] = []
    at = 0
    for part in _split(line, delimiter):
        lead = len(part) - len(part.lstrip())
        words = part.strip()
        if len(words) >= 2 and words[0] == words[-1] == '"':  # a quoted CSV cell: its words
            words, lead = (
                words[1:-1].strip(),
                lead + 1 + len(words[1:-1]) - len(words[1:-1].lstrip()),
            )
        out.append((words, start + at + lead, start + at + lead + len(words)))
        at += len(part) + len(delimiter)
    if delimiter == "|":  # the outer pipes of "| a | b |" open and close no cell
        if out and not out[0][0]:
            out = out[1:]
        if out and not out[-1][0]:
            out = out[:-1]
    return out


@dataclass
class Tables:
    """What the tables of a text answer, and where their rows are."""

    answers: list[tuple[str, str, int, int]] = field(default_factory=list)
    headers: list[tuple[int, int]] = field(default_factory=list)  # label words only
    rows: list[tuple[int, int]] = field(default_factory=list)  # rows that answer items


def _lines(text: str) -> list[tuple[str, int]]:
    out = []
    at = 0
    for line in text.split("\n"):
        out.append((line, at))
        at += len(line) + 1
    return out


def _delimiter(line: str) -> str | None:
    return next((d for d in DELIMITERS if d in line), None)


def _answer(out: Tables, item: str, value: Cell, row: tuple[int, int]) -> None:
    state = state_of(value[0], item)
    if state is None:
        return
    out.rows.append(row)
    if state != "unknown":
        out.answers.append((item, state, value[1], max(value[2], value[1] + 1)))


def _header_value(out: Tables, lines: list[tuple[str, int]], i: int, d: str) -> int:
    """Read a header row at `i` and the value row under it; the next line to look at."""
    line, start = lines[i]
    head = _cells(line, start, d)
    items = [item_of(c[0]) for c in head]
    if len({x for x in items if x}) < 3:
        return i + 1
    j = i + 1
    while j < len(lines) and RULE.match(lines[j][0]):
        j += 1
    if j >= len(lines):
        return i + 1
    values = _cells(lines[j][0], lines[j][1], d)
    if len(values) != len(head) or d not in lines[j][0]:
        return i + 1
    if any(
        item_of(v[0]) for x, v in zip(items, values, strict=True) if x and not state_of(v[0], "")
    ):
        return i + 1  # a second header, not values (a free-text comment column may name items)
    out.headers.append((start, start + len(line)))
    for item, value in zip(items, values, strict=True):
        if item is not None:
            _answer(out, item, value, (lines[j][1], lines[j][1] + len(lines[j][0])))
    return j + 1


def _columns(out: Tables, lines: list[tuple[str, int]], i: int, d: str) -> int:
    """Read a table whose head has a Yes and a No column ("| Criterion | Yes | No |")."""
    line, start = lines[i]
    head = [c[0].lower().rstrip(".") for c in _cells(line, start, d)]
    yes = next((k for k, c in enumerate(head) if c in YES_HEAD), None)
    no = next((k for k, c in enumerate(head) if c in NO_HEAD), None)
    if yes is None or no is None:
        return i + 1
    out.headers.append((start, start + len(line)))
    j = i + 1
    while j < len(lines) and d in lines[j][0]:
        row, at = lines[j]
        cells = _cells(row, at, d) if not RULE.match(row) else []
        if len(cells) == len(head):
            named = [(c, x) for c in cells if (x := item_of(c[0])) is not None]
            marked = [k for k in (yes, no) if cells[k][0]]
            if named and len(marked) == 1:
                (label, item), mark = named[0], cells[marked[0]]
                out.rows.append((at, at + len(row)))
                out.headers.append((label[1], label[2]))
                state = "present" if marked[0] == yes else "absent"
                out.answers.append((item, state, mark[1], mark[2]))
        j += 1
    return j


def _key_values(out: Tables, lines: list[tuple[str, int]], i: int, d: str) -> int:
    """Read a block of two-cell rows: a label and its answer ("active cancer,no")."""
    block = []
    j = i
    while j < len(lines) and _delimiter(lines[j][0]) == d:
        cells = _cells(lines[j][0], lines[j][1], d)
        if len(cells) not in (2, 3):
            break
        block.append((cells, lines[j]))
        j += 1
    read = []
    meta = bool(block) and any(META_HEAD.fullmatch(c[0]) for c in block[0][0][1:2])
    labels = []  # an audit's label and "Documented?" cells: the item's words, not a finding
    for cells, (words, at) in block:
        item = item_of(cells[0][0])
        if item is None or NEGATION.search(cells[0][0]):
            continue  # "- not immobilised, no recent surgery": a sentence, not a label
        if meta and len(cells) == 3:
            labels.append((cells[0][1], cells[1][2]))
        if len(cells) == 3 and (meta or POINTS_CELL.match(cells[2][0])):
            cells = [cells[0], cells[2]]  # "|tenderness|along R femoral vein|+1|": the points
        state = state_of(cells[1][0], item)
        if state is not None and (d != "," or len(cells[1][0].split()) <= 2):
            read.append((item, state, cells, (at, at + len(words))))
    if len(read) < 2 or len(read) * 2 < len(block):
        return i + 1
    out.headers.extend(labels)  # the answer in words ("Lap chole 13 weeks ago") is read as prose
    for item, state, cells, row in read:
        out.rows.append(row)
        out.headers.append((cells[0][1], cells[0][2]))
        if state != "unknown":
            out.answers.append((item, state, cells[1][1], max(cells[1][2], cells[1][1] + 1)))
    return j


def _mark_lines(text: str, out: Tables) -> None:
    """Read a block of lines with the answer before the label ("Y  Active malignancy")."""
    found = [(m, x) for m in MARK_LINE.finditer(text) if (x := item_of(m.group("label")))]
    marks = {m.group("mark") for m, _ in found}
    if not marks & {"+1", "-2", "\u22122"}:  # "0  label" only in a points column
        found = [(m, x) for m, x in found if m.group("mark") not in ("0", "+0")]
    if len(found) < 3:
        return
    for m, item in found:
        mark = m.group("mark").lower()
        if mark in ("-2", "\u22122") and item != FINDING:
            continue
        # "-2  Alternative diagnosis as likely": the alternative's points say it is there (hW14)
        state = "present" if mark in PRESENT or mark in ("-2", "\u22122") else "absent"
        out.rows.append((m.start(), m.end()))
        out.headers.append((m.start("label"), m.end("label")))
        out.answers.append((item, state, m.start("mark"), m.end("mark")))


def _segments(out: Tables, lines: list[tuple[str, int]]) -> None:
    """Read message segments, one item a line, in a block of three or more: pipe-delimited
    fields with one field naming the item and the last field its answer (HL7-style
    "OBX|4|NM|WELLS_TENDERNESS_DEEP_VEINS||1", "OBX|1|ST|WELLS-CA^Active cancer||Y"; hW10)."""
    found = []
    for line, at in lines:
        if line.lstrip().startswith("|") or line.count("|") < 3:
            continue  # a |-table's row is read by the readers above
        cells = [c for c in _cells(line, at, "|") if c[0]]
        named = [
            (k, x) for k, c in enumerate(cells) if (x := item_of(c[0])) and not state_of(c[0], "")
        ]
        if len(named) != 1 or named[0][0] == len(cells) - 1:
            continue
        state = state_of(cells[-1][0], named[0][1])
        if state is not None:
            found.append((named[0][1], state, cells[named[0][0]], cells[-1], (at, at + len(line))))
    if len({x[0] for x in found}) < 3:
        return
    for item, state, label, value, row in found:
        out.rows.append(row)
        out.headers.append((label[1], label[2]))
        if state != "unknown":
            out.answers.append((item, state, value[1], max(value[2], value[1] + 1)))


def read_tables(text: str) -> Tables:
    """Every table-shaped Wells answer in `text`."""
    out = Tables()
    if "\n" not in text:
        return out
    lines = _lines(text)
    i = 0
    while i < len(lines):
        d = _delimiter(lines[i][0])
        if d is None:
            i += 1
            continue
        nxt = max(_header_value(out, lines, i, d), _columns(out, lines, i, d))
        if nxt == i + 1:
            nxt = _key_values(out, lines, i, d)
        i = nxt
    _mark_lines(text, out)
    if text.count("|") >= 9:
        _segments(out, lines)
    return out


def _inside(i: Extracted, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i.start < b for a, b in spans)


def apply_tables(text: str, items: list[Extracted], tables: Tables) -> list[Extracted]:
    """`items` with each table answer (`tables`) in place of what was read inside its rows."""
    if not tables.answers and not tables.rows:
        return items
    kept = [
        i
        for i in items
        if not _inside(i, tables.headers)
        and not (i.finding in ITEMS and _inside(i, tables.rows))
        and not (
            i.finding in ITEMS
            and i.rule.startswith("Wells")
            and _overlaps(i, tables)
            and not _others_only(i, tables)
        )
    ]
    for item, state, a, b in tables.answers:
        kept.append(Extracted(item, state, a, b, text[a:b], f"Wells table answer: {state}"))
    return kept


def _overlaps(i: Extracted, tables: Tables) -> bool:
    return any(i.start < b and a < i.end for a, b in tables.rows + tables.headers)


def _others_only(i: Extracted, tables: Tables) -> bool:
    """Whether the table answers that `i`'s span overlaps all answer other items (hW22): a
    sentence reading of one item spanning "surgery +1, whole leg +1, ..., but post-op swelling
    explains this at least as well as a DVT, so -2" is not the answers inside it."""
    inside = [f for f, _, a, b in tables.answers if i.start < b and a < i.end]
    return bool(inside) and i.finding not in inside
