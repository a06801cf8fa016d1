"""Wells answers given by marks and short answer lines (hW11, issue 12 round 11).

- Option rows: a label, then two or more printed options, each with a mark box before or after
  it: "Active cancer  (•) yes  ( ) no", "Calf ... ○ Yes ◉ No", "Previous DVT  Yes [x]  No [ ]".
  The one option with a filled mark answers the row; a row where no option is marked answers
  nothing (its label's words give way and the item stays unknown).
- Mark columns by position: a head line ending in a Yes and a No column word ("WELLS DVT   YES
  NO") and under it rows with one filled mark (x, a tick, a dot) standing under one of them
  ("Active cancer     .    X"). `surface.normalise` keeps the blanks of such a text.
- Dictated answers: three or more "label, answer" sentences ("Collaterals, no. Surgery, no.").
- Answer lines: three or more lines, each a short label with its answer last ("Tend Y",
  "Ca Y (colorectal, FOLFOX)", "Whole leg swollen -"); labels may be abbreviated
  (`wells_abbrev`).

The marks and option words are data (knowledge/intake/wells.yaml `option_marks`); what an
option or mark says is a table cell's answer (`wells_table.state_of`).
"""

from __future__ import annotations

import functools
import re

from legwise.intake.wells_checklist import NEGATION, _wells_data
from legwise.intake.wells_table import NO_HEAD, YES_HEAD, Tables, item_of, state_of

_MARKS = _wells_data()["option_marks"]


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


FILLED = _alternatives(_MARKS["filled"])
EMPTY = _alternatives(_MARKS["empty"])
WORDS = _alternatives(_MARKS["option_words"])
OPTION = re.compile(
    rf"(?:(?P<m1>{FILLED}|{EMPTY})[ \t]*(?P<w1>{WORDS})\b"
    rf"|\b(?P<w2>{WORDS})[ \t]*(?P<m2>{FILLED}|{EMPTY}))",
    re.I,
)
FILLED_MARK = re.compile(rf"(?:{FILLED})")
# the first signs of the ASCII marks ("(", "["): a line written in ASCII with fewer than two of
# them has no two options (OPTION tries its marks at every place of the line)
OPTION_STARTS = "".join(
    sorted({str(m)[0].lower() for m in _MARKS["filled"] + _MARKS["empty"] if str(m).isascii()})
)
LINE = re.compile(r"[^\n]+")
LABEL_TRIM = " \t.:-=|\u2026_"


def _label(out: Tables, line: str, at: int, end: int) -> tuple[str, int, int] | None:
    """The item the words of `line` before `end` name, with their span, or None."""
    label = line[:end].rstrip(LABEL_TRIM)
    lead = len(label) - len(label.lstrip(LABEL_TRIM))
    words = " ".join(label.strip(LABEL_TRIM).split())
    if not words or len(words.split()) > 16:
        return None
    item = item_of(words)
    return (item, at + lead, at + len(label)) if item else None


def read_options(text: str, out: Tables) -> None:
    """Add to `out` each option row's answer: the option whose mark is filled."""
    for line in LINE.finditer(text):
        said, at = line.group(0), line.start()
        if said.isascii() and sum(map(said.lower().count, OPTION_STARTS)) < 2:
            continue  # the cheap check first: two options, each with a mark that starts so
        options = list(OPTION.finditer(said))
        if len(options) < 2:
            continue
        named = _label(out, said, at, options[0].start())
        if named is None:
            continue
        item, a, b = named
        marked = [o for o in options if FILLED_MARK.fullmatch(o.group("m1") or o.group("m2") or "")]
        out.rows.append((at, at + len(said)))
        out.headers.append((a, b))
        if len(marked) != 1:
            continue  # no option marked (or two): the row answers nothing
        o = marked[0]
        state = state_of(o.group("w1") or o.group("w2"), item)
        if state in ("present", "absent"):
            out.answers.append((item, state, at + o.start(), at + o.end()))


# a head line ending in a Yes and a No column word, with wide gaps ("WELLS DVT   YES   NO")
HEAD = re.compile(r"^(?P<title>[^\n]*?)[ \t]{2,}(?P<a>[^\s]+)[ \t]{2,}(?P<b>[^\s]+)[ \t]*$", re.M)
# (hT13, round 13) a third column for an item not assessed ("Present  Absent  Not assessed"): a
# mark under it answers nothing, and the row's label gives way
HEAD3 = re.compile(
    r"^(?P<title>[^\n]*?)[ \t]{2,}(?P<a>[^\s]+)[ \t]{2,}(?P<b>[^\s]+)[ \t]{2,}"
    r"(?P<c>not[ \t]+(?:assessed|known|done|examined)|unknown|unk|n/?a)[ \t]*$",
    re.M | re.I,
)
COLUMN_FILLED = frozenset(str(w) for w in _MARKS["column_filled"])
COLUMN_EMPTY = frozenset(str(w) for w in _MARKS["column_empty"])
TOKEN = re.compile(r"\S+")
GAP = re.compile(r"[ \t]{2,}")


def _centre(m: re.Match[str], group: str) -> int:
    return (m.start(group) + m.end(group)) // 2 - m.start()


def _heads(text: str) -> list[tuple[re.Match[str], int, int, int | None]]:
    """Each Yes / No column head line, with the middle of its Yes, its No and its not-assessed
    column (None when it has none)."""
    out = []
    for pattern in (HEAD, HEAD3):
        for m in pattern.finditer(text):
            a, b = m.group("a").lower(), m.group("b").lower()
            unk = _centre(m, "c") if pattern is HEAD3 else None
            if a in YES_HEAD and b in NO_HEAD:
                out.append((m, _centre(m, "a"), _centre(m, "b"), unk))
            elif a in NO_HEAD and b in YES_HEAD:
                out.append((m, _centre(m, "b"), _centre(m, "a"), unk))
    return out


@functools.lru_cache(maxsize=8)
def has_mark_columns(text: str) -> bool:
    """Whether `text` holds a Yes / No column head (its blanks are columns, not spacing)."""
    return ("  " in text or "\t" in text) and bool(_heads(text))


def _marks_gap(row: str) -> re.Match[str] | None:
    """The first wide gap after which the row holds only marks: the label may have a double
    blank of its own ("Active  cancer     .    X")."""
    for gap in GAP.finditer(row):
        marks = TOKEN.findall(row, gap.end())
        if marks and all(t in COLUMN_FILLED or t in COLUMN_EMPTY for t in marks):
            return gap
    return None


def read_mark_columns(text: str, out: Tables) -> None:
    """Add to `out` each row's answer under a Yes / No column head: the column of its mark."""
    if not has_mark_columns(text):
        return
    for head, yes, no, unk in _heads(text):
        at = head.end() + 1
        for line in LINE.finditer(text, at):
            if line.start() != at:
                break  # a blank line ends the table
            at = line.end() + 1
            said = line.group(0)
            gap = _marks_gap(said)
            if gap is None:
                if GAP.search(said) is None:
                    break
                continue
            named = _label(out, said, line.start(), gap.start())
            if named is None:
                continue
            item, a, b = named
            marks = [t for t in TOKEN.finditer(said, gap.end())]
            out.rows.append((line.start(), line.end()))
            out.headers.append((a, b))
            filled = [t for t in marks if t.group() in COLUMN_FILLED]
            if len(filled) != 1:
                continue
            t = filled[0]
            centre = (t.start() + t.end()) // 2
            if unk is not None:  # three columns: the nearest head, not the cells' order
                near = min((abs(centre - c), c) for c in (yes, no, unk))[1]
                if near == unk:
                    continue  # not assessed: no answer
                state = "present" if near == yes else "absent"
            elif len(marks) == 2:  # one cell per column: the order says which, not the width
                state = "present" if (t is marks[0]) == (yes < no) else "absent"
            else:
                state = "present" if abs(centre - yes) < abs(centre - no) else "absent"
            out.answers.append((item, state, line.start() + t.start(), line.start() + t.end()))


# "Tend Y", "Ca Y (colorectal, FOLFOX)", "Whole leg swollen -", "- Pitting: yes" is another
# reader's (a colon)
ANSWER_LINE = re.compile(
    r"^[ \t]*(?:[*\u2022][ \t]*)?(?P<label>[A-Za-z][^\n:=?()]{0,38}?)[ \t]+"
    r"(?P<answer>(?-i:Y|N|YES|NO|Yes|No|yes|no)|\+ve|-ve|pos|neg|[+\-\u2212\u2713\u2714\u2717\u2718])"
    r"[ \t]*(?:\([^\n]*\))?[ \t]*\.?[ \t]*$",  # (a full stop `surface` put at a line's end)
    re.M,
)
SIGN = {"+": "present", "\u2713": "present", "\u2714": "present", "-": "absent",
        "\u2212": "absent", "\u2717": "absent", "\u2718": "absent"}  # fmt: skip


def read_answer_lines(text: str, out: Tables) -> None:
    """Add to `out` the answers of three or more "label answer" lines."""
    found = []
    for m in ANSWER_LINE.finditer(text):
        label = m.group("label").strip()
        item = item_of(label) if not NEGATION.search(label) else None
        if item is None:
            continue
        answer = m.group("answer")
        state = SIGN.get(answer) or state_of(answer, item)
        if state in ("present", "absent"):
            found.append((item, state, m))
    if len({item for item, _, _ in found}) < 3:
        return
    for item, state, m in found:
        out.rows.append((m.start(), m.end()))
        out.headers.append((m.start("label"), m.end("label")))
        out.answers.append((item, state, m.start("answer"), m.end("answer")))


# Dictated answers, the label and its answer set apart by a comma: "Collaterals, no. Surgery, no.
# Previous clot, yes, 2020." (a sentence or a line that starts with the label)
DICTATED = re.compile(
    r"(?:^|(?<=[.;:\n]))[ \t]*(?P<label>[A-Za-z][^.;:,\n]{0,40}?),[ \t]*"
    r"(?P<answer>yes|no|none|nil|negative|positive|present|absent)[ \t]*(?=[.;,\n]|$)",
    re.I,
)


def read_dictated(text: str, out: Tables) -> None:
    """Add to `out` the answers of three or more "label, answer" sentences."""
    found = []
    for m in DICTATED.finditer(text):
        label = m.group("label").strip()
        item = item_of(label) if not NEGATION.search(label) else None
        state = state_of(m.group("answer"), item) if item else None
        if item and state in ("present", "absent"):
            found.append((item, state, m))
    if len({item for item, _, _ in found}) < 3:
        return
    for item, state, m in found:  # (the label is prose: other findings in it stay)
        out.rows.append((m.start("label"), m.end()))
        out.answers.append((item, state, m.start("answer"), m.end("answer")))


def read_marks(text: str, out: Tables) -> None:
    """Add to `out` the answers of option rows, mark columns and answer lines."""
    if text.count(",") >= 3:
        read_dictated(text, out)
    if "\n" not in text and "(" not in text and "[" not in text and text.isascii():
        return
    read_options(text, out)
    if "\n" in text:
        read_mark_columns(text, out)
        read_answer_lines(text, out)
