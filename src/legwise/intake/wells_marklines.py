"""Wells checklists whose answer is a MARK on each item's line (hT13, issue 12 round 13).

A checklist app, a chat message or a form often writes one item per line with a mark before or
after its label, and the mark is the only answer: ":x: cancer" / ":white_check_mark: surgery",
"○ Active cancer" / "● Bedridden ...", "■ Active cancer" / "□ Paralysis", "[OFF] Active cancer"
/ "[ON ] Entire leg swollen", "cancer 👎" / "whole leg 👍". The label alone reads as the item
present, so an unread mark turns every "no" into a point. This reader takes the FORMAT, not the
marks' wording:

1. lines that name one Wells item (`wells_table.item_of`) with a mark before the label (a
   non-word token, a `:shortcode:`, a bracketed or boxed token) or after it;
2. at least four such lines and at most two kinds of mark;
3. which kind says "yes": a legend in the note ("● = present, ○ = absent", "(■ yes  □ no)"),
   else the marks' own meaning (data: knowledge/intake/wells.yaml `line_marks`), else the one
   reading whose points equal the total the note states ("Score: 1").

A reading rule only: each mark is the checklist's own yes or no.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from legwise.intake.wells_checklist import _wells_data
from legwise.intake.wells_table import Tables, item_of

_DATA = _wells_data()["line_marks"]


BED = "recent_surgery_or_bedridden"  # the item "immobilisation" alone names
CAST = "leg_cast_or_paralysis"  # the item a "(cast/paralysis)" note names


def _key(mark: str) -> str:
    """A mark as compared: lower case, no blanks or underscores (the Wells readers see "_" as a
    blank), no emoji variation or skin-tone selectors."""
    key = re.sub(r"[\s_\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]+", "", mark.lower())
    # (hW25) the alternative's own points in a 1 / 0 coded list, "[-2] Alternative diagnosis as
    # likely", say "yes" as "[1]" does for the other items
    return POINTS_MINUS.sub(r"\g<1>1\2", key)


POINTS_MINUS = re.compile(r"^([\[(])[-\u2212]2([\])])$")


YES_MARKS = frozenset(_key(str(m)) for m in _DATA["present"])
NO_MARKS = frozenset(_key(str(m)) for m in _DATA["absent"])
# a list's bullet is no answer, unless the marks are "+" and "-" ("+ cancer", "- collaterals")
BULLETS = frozenset(_key(str(m)) for m in _DATA["bullets"])
YES_WORDS = r"(?:yes|y|present|positive|pos|true|on|met|selected|ticked)"
NO_WORDS = r"(?:no|n|absent|negative|neg|false|off|not\s+met|unselected)"

# a mark: a :shortcode:, a short bracketed token ("[ON ]", "(x)"), a run of signs outside ASCII
# (emoji, circles, squares, ticks) or a lone "+" / "-"; never ASCII punctuation (a full stop)
MARK = (
    r"(?::[a-z0-9+-](?:[a-z0-9_+ -]{0,28}[a-z0-9+-])?:|\[[^\]\n]{0,5}\]|\([^)\n\w]{0,3}\)|\([xX]\)"
    r"|\((?:[01]|[-\u2212]2)\)"
    r"|[^\x00-\x7f\w\s]{1,4}|[+-](?=[ \t]|$))"
)
# a mark and its label; several on one line ("\u2717 cancer  \u2717 surgery/bed  \u2717 prior DVT")
LEAD = re.compile(
    rf"(?:^|(?<=[ \t]))[ \t]*(?P<mark>{MARK})[ \t]*(?P<label>[A-Za-z][^\n]*?)"
    rf"(?=[ \t]+{MARK}[ \t]*[A-Za-z]|[ \t]*$)",
    re.M | re.I,  # (a shortcode in capitals: ":X: CANCER")
)
# (hW18, round 18) after a dot leader the box may have free words after it, which the box
# answers for ("Calf swelling >3 cm ...... [ ] L 38.0 / R 35.5", "Bedridden ...... [x] TKR 11/52
# ago"): the box decides the item; the words after it are its note (`NOTE_END`)
TRAIL = re.compile(
    rf"^[ \t]*(?P<label>[A-Za-z][^\n]*?)(?:[ \t]*(?P<lead>\.{{3,}}|\u2026+)[ \t]*|[ \t]+)"
    rf"(?P<mark>{MARK})[ \t]*(?(lead)(?:[ \t]*[^\s.][^\n]*?)?|(?:\([^\n]*\))?)[ \t]*$",
    re.M | re.I,
)
# a word or letter as the mark, with a key to it in the note ("Key: a = yes, b = no", "RED = item
# present"): "1  active cancer  b", "Active cancer: RED (myeloma)"
WORD_TRAIL = re.compile(
    r"^[ \t]*(?:\d{1,2}[.)]?[ \t]+)?(?P<label>[A-Za-z][^\n:]*?)(?:[ \t]*:[ \t]*|[ \t]{2,})"
    r"(?P<mark>[A-Za-z]{1,6})[ \t]*(?:\([^\n]*\))?[ \t]*$",
    re.M,
)
MARK_STARTS = ":[(+-"  # the ASCII signs a MARK can start with (a new kind of MARK: add its sign)
# the label ends at a note after it: " - lap chole 5 weeks ago", " (1.5 cm)", ": R 37 / L 36"
NOTE = re.compile(r"[ \t]+[-\u2013\u2014][ \t]|[ \t]*\(|:[ \t]")
TOTAL = re.compile(
    r"\b(?:total|score|sum|points|result|wells)\b[^\n\d\u2212-]{0,12}(?P<n>[-\u2212]?\d{1,2})\b",
    re.I,
)


@functools.cache
def _points() -> dict[str, int]:
    """Each Wells item's points, from the score itself (knowledge/scores/wells_dvt.yaml), not
    a second copy of them here."""
    path = resources.files("legwise").joinpath("knowledge", "scores", "wells_dvt.yaml")
    (score,) = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {item["when"]["present"]: int(item["points"]) for item in score["items"]}


# item, mark, mark start/end, label start/end, the row's end (a TRAIL box's note is in its row)
Line = tuple[str, str, int, int, int, int, int]


def _layouts(text: str) -> tuple[re.Pattern[str], ...]:
    """The layouts that could give four lines (most texts: none). TRAIL and WORD_TRAIL take one
    line each, so they need four lines; every LEAD match starts with a mark, whose first sign is
    one of `MARK_STARTS` or a character outside ASCII."""
    lines = text.count("\n") >= 3
    marks = sum(map(text.count, MARK_STARTS))
    if marks < 4 and not text.isascii():
        marks += sum(not c.isascii() for c in text)
    return ((LEAD,) if marks >= 4 else ()) + ((TRAIL, WORD_TRAIL) if lines else ())


def _lines(text: str) -> tuple[list[Line], bool]:
    """The item lines of the first layout that gives four, and whether its marks are words."""
    found: list[Line] = []
    trail: list[Line] = []  # fewer than four ticked lines: answered with their bare labels (hW25)
    for pattern in _layouts(text):
        for m in pattern.finditer(text):
            label = m.group("label")
            cut = NOTE.search(label)
            words = label[: cut.start()] if cut else label
            if len(words.split()) > 14 or (item := item_of(words)) is None:
                continue
            if item == BED and item_of(label) == CAST:
                item = CAST  # "Lower-limb immobilisation (cast/paralysis)": the cast's (hW16)
            a = m.start("label")
            end = m.end() if pattern is TRAIL else m.end("mark")
            found.append((item, _key(m.group("mark")), m.start("mark"), m.end("mark"), a,
                          a + len(words.rstrip()), end))  # fmt: skip
        if len(found) >= 4:
            return found, pattern is WORD_TRAIL
        trail = found if pattern is TRAIL else trail
        found = []
    return trail, False


def _legend(text: str, kinds: set[str], words: bool, rows: list[Line] | None = None) -> str | None:
    """The mark a legend in the note says is "yes", or None (a word mark needs "=", ":" or
    "means" before its meaning: "a = yes", "RED = item present"). (hW21) A legend stands
    outside the item lines: "Ca ovary - on chemo +" holds no key saying "-" is "on"."""
    said = r"[ \t]*(?:=|:|means|is|-)?[ \t]*" if not words else r"[ \t]*(?:=|:|means)[ \t]*"
    said += r"(?:(?:the\s+)?(?:item|answer|criterion|finding)\s+(?:is\s+)?)?"
    spans = [(min(a, la), max(b, end)) for _, _, a, b, la, _, end in rows or ()]

    def outside(pattern: str) -> re.Match[str] | None:
        found = re.finditer(pattern, text, re.I)
        return next((m for m in found if not any(a <= m.start() < b for a, b in spans)), None)

    for kind in kinds:
        at = rf"(?<!\w){re.escape(kind)}" if words else re.escape(kind)
        yes = outside(rf"{at}{said}{YES_WORDS}\b")
        no = outside(rf"{at}{said}{NO_WORDS}\b")
        if yes and not no:
            return kind
        if no and not yes and len(kinds) == 2:
            return next(k for k in kinds if k != kind)
    return None


def _by_total(text: str, found: list[Line], kinds: set[str]) -> str | None:
    """The one kind of mark whose reading as "yes" gives the total the note states."""
    said = [int(m.group("n").replace("\u2212", "-")) for m in TOTAL.finditer(text)]
    if len(said) != 1:
        return None
    fits = [
        k for k in kinds if sum(_points()[item] for item, mark, *_ in found if mark == k) == said[0]
    ]
    return fits[0] if len(fits) == 1 else None


def _unmarked(text: str, found: list[Line]) -> list[tuple[str, int, int]]:
    """(item, start, end) of the bare item labels among a checklist's ticked lines (hW25,
    round 25): "Active cancer \u2714" over "Calf swelling >= 3 cm" with no mark. The label
    alone reads as the item present; in a list whose marks are ticks it is an unticked item
    (docs/labelling.md: an unticked box is absent). The run of lines is the ticked lines' own,
    from the first to the last, and the bare labels just after it up to a line that is none."""
    starts = [0, *(m.end() for m in NEWLINE.finditer(text))]
    ticked = {text.count("\n", 0, a) for _, _, a, *_ in found}
    seen = {item for item, *_ in found}
    out: list[tuple[str, int, int]] = []
    first, last = min(ticked), max(ticked)
    for step, lines in ((-1, range(first - 1, -1, -1)), (1, range(first, len(starts)))):
        for n in lines:
            if n in ticked:
                continue
            a = starts[n]
            b = starts[n + 1] - 1 if n + 1 < len(starts) else len(text)
            words = text[a:b].strip()
            item = item_of(words) if words and len(words.split()) <= 10 else None
            if item is not None and ANSWERED.search(words):
                item = None  # a line with its own mark or answer word is no bare label
            if item is None or item in seen:
                if step < 0 or n > last:
                    break
                continue
            seen.add(item)
            at = a + text[a:b].find(words)
            out.append((item, at, at + len(words)))
    return out


NEWLINE = re.compile(r"\n")
# a mark of any kind, or an answer word or a colon's answer, on an item's line: "Previous DVT
# (+)." (a full stop after the mark keeps it from the mark-line layouts), "Cancer: yes", "Calf
# swelling - no"; such a line is answered, not bare (lead, round 25 merge: the hypothesis test
# of tests/intake/test_wells_shapes.py read a "(-)" list with its full stops as nine bare labels)
ANSWERED = re.compile(
    rf"{MARK}|\b(?:yes|no|y|n|present|absent|true|false|positive|negative|pos|neg|nil|none"
    r"|denied|denies|not|ticked|unticked)\b|(?<![<>])[:=]\s*\S",
    re.I,
)


def read_mark_lines(text: str, out: Tables) -> None:
    """Add to `out` the answer of each item line of a mark checklist."""
    found, words = _lines(text)
    kinds = {mark for _, mark, *_ in found}
    if 1 <= len(found) < 4 and kinds <= YES_MARKS and not words:
        bare = _unmarked(text, found)  # "Active cancer \u2714" and bare labels (hW25)
        if len(found) + len(bare) >= 5:
            _answer(out, found, next(iter(kinds)), bare)
        return
    if len(found) < 4 or len(kinds) > 2 or len({item for item, *_ in found}) < 4:
        return
    if kinds & BULLETS and kinds != {"+", "-"}:
        return
    yes = _legend(text, kinds, words, found)
    if words and yes is None:
        return  # a word is a mark only by the note's key
    known_yes, known_no = kinds & YES_MARKS, kinds & NO_MARKS
    if yes is None and (known_yes or known_no):
        if len(known_yes) > 1 or len(known_no) > 1:
            return
        others = kinds - known_no
        yes = known_yes.pop() if known_yes else (others.pop() if others else "\0")
    if yes is None:
        yes = _by_total(text, found, kinds)
    if yes is None:
        return
    _answer(out, found, yes, _unmarked(text, found) if kinds == {yes} else [])


def _answer(out: Tables, found: list[Line], yes: str, bare: list[tuple[str, int, int]]) -> None:
    """Each item line's answer, and each bare label's "absent", into `out`."""
    for item, mark, a, b, la, lb, end in found:
        out.rows.append((min(a, la), max(b, lb, end)))
        out.headers.append((la, lb))
        out.answers.append((item, "present" if mark == yes else "absent", a, b))
    for item, a, b in bare:
        out.rows.append((a, b))
        out.headers.append((a, b))
        out.answers.append((item, "absent", a, b))


# A run of labels each followed by its tick or cross on one line (hW18, round 18): "Hx: Ca breast,
# on letrozole ✓   prev DVT ✗   recent op ✗   immob ✗", "pitting R to knee ✓   superficial
# collat. veins ✓ over R shin". The mark answers the words just before it (after a wide gap, a
# head's colon or the mark before), not the label after it, when no mark on the line starts it.
# Read only where the note gives three or more such answers: the layout, not one tick in prose.
TICK = re.compile(r"(?<![\[(])[\u2713\u2714\u2717\u2718](?![\])])")  # (not a box: "[\u2713]")
TICK_YES = "\u2713\u2714"
LABEL_CUT = re.compile(r"[ \t]{2,}|\t|:[ \t]|[;|]")


WORD_START = re.compile(r"(?<!\S)\S")


def _shortest(text: str, a: int, b: int) -> tuple[int, str | None]:
    """(start, item) of the fewest words just before `b` that name the item the words since
    the last break name (the wide gaps between a run's labels may be single blanks: "(↑4)
    pitting L to mid-shin ✓"; a note after the mark before stays out: "✓ over R shin tender
    along fem. vein ✓" is the tenderness, not the "vein" alone)."""
    starts = [w.start() for w in WORD_START.finditer(text, a, b)][-8:]
    named = [(start, item_of(text[start:b])) for start in starts]
    item = next((x for _, x in named if x is not None), None)
    start = max((s for s, x in named if x == item), default=a) if item else a
    return start, item


def _tick_line(text: str, a: int, b: int) -> list[tuple[str, str, int, int, int]]:
    """(item, state, row start, mark start, mark end) for the trailing ticks of one line."""
    out: list[tuple[str, str, int, int, int]] = []
    previous = a
    for m in TICK.finditer(text, a, b):
        chunk = text[previous : m.start()]
        if not chunk.strip():
            return []  # a mark before its label: another layout
        cut = [c.end() for c in LABEL_CUT.finditer(chunk)]
        start, item = _shortest(text, previous + (cut[-1] if cut else 0), m.start())
        if item is not None:
            state = "present" if m.group(0) in TICK_YES else "absent"
            out.append((item, state, start, m.start(), m.end()))
        previous = m.end()
    return out


def read_tick_runs(text: str, out: Tables) -> None:
    """Add to `out` the answer of each label followed by its tick or cross."""
    if len(TICK.findall(text)) < 3:
        return
    found: list[tuple[str, str, int, int, int]] = []
    at = 0
    for line in text.split("\n"):
        if TICK.search(line):
            found += _tick_line(text, at, at + len(line))
        at += len(line) + 1
    if len(found) < 3:
        return
    for item, state, a, ma, mb in found:
        out.rows.append((a, mb))
        out.answers.append((item, state, ma, mb))
