"""The calf item from two side-labelled measurements with no unit (hW17, issue 12 round 17).

Why: `wells_values.read_calf` reads the calf difference from numbers in centimetres; notes also
give the two circumferences with their sides and no unit ("Calf girth R 42 L 38", "10 cm below
tibial tuberosity: right 42, left 38", "Calves: L 35, R 35"). A sentence that names the calf
(or where it is measured: girth, circumference, below the tibial tuberosity) and gives exactly
one value for each side, both in the range of a calf's circumference, gives the difference
(Wells 2003: calf swelling at least 3 cm larger than the other side). A reading rule only.

Here too (hW22): the bounds of a sentence in a note hard-wrapped at a width (`wrapped`,
`unwrapped`), which the Wells readers that read a sentence as a whole share; the general
unwrapping (`legwise.intake.wraps`) keeps a break that follows a label's answer anywhere on the
line, so "Calves R 36" / "/ L 33 cm" and "... explains this" / "at least as well as a DVT"
reach these readers still cut.
"""

from __future__ import annotations

import functools
import re

from legwise.intake.number_rules import number_rules
from legwise.intake.result import Extracted

MEASURED = re.compile(
    r"\b(?:calf|calves|mid-?calf|girth|circ(?:umference)?s?|tibial\s+tuberosity|tt)\b", re.I
)
_SIDES = r"l|r|lt|rt|left|right|lle|rle"
_NUM = r"\d{2}(?:\.\d+)?"
# "R 42", "left: 38", "right calf girth 39", "42 (L)", "39.5 L" (a unit after the number is
# another reader's); a slash before the other side joins the two ("R 41 / L 37.5", hW18), not one
# before a number ("41/52")
SIDE_VALUE = re.compile(
    rf"\b(?P<side>{_SIDES})\.?\s*(?:(?:calf|girth|circ\w*)\s+){{0,2}}[:=-]?\s*(?P<n>{_NUM})\b"
    rf"(?!\s*(?:cm|mm|%|/\s*\d|years?|yrs?|y\b|kg|\.\d))"
    rf"|\b(?P<n2>{_NUM})\s*(?:\(\s*(?P<side2>{_SIDES})\s*\)|(?P<side3>{_SIDES})\b)(?!\s*(?:cm|mm))",
    re.I,
)
# (a line wrapped mid-sentence goes on: "Left calf girth 35,\nright 34"; hW18)
# (hW25) nor a measure's abbreviation, "Calf circ. (10cm distal to tib. tuberosity): R 34.5, L 38"
ABBREVIATIONS = ("circ", "tib", "approx", "meas")
_ABBREV_BEFORE = [rf"\b[{w[0]}{w[0].upper()}]{w[1:]}" for w in ABBREVIATIONS]
ABBREVIATED = "|".join(rf"(?<={a})\." for a in _ABBREV_BEFORE)
SENTENCE = re.compile(rf"(?:[^;!?\n.]|\.(?=\d)|{ABBREVIATED}|(?<=[,\w])\n(?=[ \t]*[a-z]))+")
WHERE = re.compile(r"\d+\s*cm\s+(?:below|above|distal|under|from)\b", re.I)
CALF_RANGE = (15.0, 80.0)  # calf circumferences in cm


DIGIT = re.compile(r"\d")  # the digits SIDE_VALUE's numbers are made of (any script's)


def read_side_values(text: str) -> list[tuple[Extracted, int, int]]:
    """calf_difference_3cm for each sentence with one unit-less value for each side."""
    if DIGIT.search(text) is None:
        return []  # the cheap check first (round 26): every value SIDE_VALUE reads is digits
    return _side_values(text)


def _side_values(text: str) -> list[tuple[Extracted, int, int]]:
    """`read_side_values`, worked out."""
    finding, limit = number_rules().calf
    out: list[tuple[Extracted, int, int]] = []
    for s in SENTENCE.finditer(text):
        # "10 cm below the tibial tuberosity": where, not a value (blanked: the same offsets)
        said = WHERE.sub(lambda w: " " * len(w.group(0)), s.group(0))
        if "cm" in said.lower() or not MEASURED.search(said):
            continue  # with a unit: `read_calf` reads it
        sides: dict[str, list[float]] = {"l": [], "r": []}
        last = 0
        for m in SIDE_VALUE.finditer(said):
            last = m.end()
            side = (m.group("side") or m.group("side2") or m.group("side3")).lower()
            value = float(m.group("n") or m.group("n2"))
            sides[side[0]].append(value)
        left, right = sides["l"], sides["r"]
        if len(left) != 1 or len(right) != 1:
            continue
        if not all(CALF_RANGE[0] <= v <= CALF_RANGE[1] for v in (left[0], right[0])):
            continue
        cm = abs(left[0] - right[0])
        state = "present" if cm >= limit else "absent"
        a, b = s.span()
        why = f"Wells: calf difference {cm:g} cm from the two sides (>= {limit:g}: {state})"
        # the reading spans the measure's word to its last value (not the sentence's other
        # answers: "calf R 41 / L 37.5   pitting ✓", hW18); it replaces others in the sentence
        first = MEASURED.search(said)
        x, y = (a + first.start() if first else a), a + last
        out.append((Extracted(finding, state, x, y, text[x:y], why), a, b))
    return out


def sentence_around(text: str, at: int) -> tuple[int, int]:
    """The bounds of the sentence holding text[at] (a dot before a digit does not end one, nor
    does the end of a hard-wrapped line, `wrapped`)."""
    start = 0
    for m in SENTENCE_BREAK.finditer(text, 0, at):
        if not wrapped(text, m.start()):
            start = m.end()
    end = next((m for m in SENTENCE_BREAK.finditer(text, at) if not wrapped(text, m.start())), None)
    return start, end.start() if end else len(text)


_NOT_ABBREVIATED = "".join(rf"(?<!{a})" for a in _ABBREV_BEFORE)
SENTENCE_BREAK = re.compile(rf"[;!?\n]|{_NOT_ABBREVIATED}\.(?!\d)")
# (hW22) a note typed or pasted with its lines wrapped at a width: the sentence runs on when the
# line is long, does not end with a stop or a colon, and the next line goes on with a small word
# or a slash ("... Calves R 36\n/ L 33 cm", "... the circumference is 2 cm more than on the
# left\nside"; not a number or a capital, which may open the next sentence)
ANSWER_END = re.compile(
    r"\s*(?:yes|no|y|n|nil|none|absent|present|negative|positive|neg|pos|not\s+\w+|[-+\u2713\u2717])"
    r"\W*$",
    re.I,
)
NEXT_LINE_GOES_ON = re.compile(r"[ \t]*[a-z/(&+,]")
SLASH_NEXT = re.compile(r"[ \t]*/[ \t]*(?:[LR]\b|\d)")


def wrapped(text: str, at: int) -> bool:
    """Whether the newline at text[at] only wraps a long line inside a sentence."""
    if text[at] != "\n" or at == 0 or text[at - 1] in ".:;!?":
        return False
    line = text[text.rfind("\n", 0, at) + 1 : at]
    if ":" in line and ANSWER_END.match(line.rsplit(":", 1)[1]):
        return False  # a label's answer ends the line ("... Previous DVT: no")
    if (
        line.rstrip()[-1:] in "/|-"
        or line.count(" / ") >= 2
        or "\t" in line
        or "  " in line.strip()
    ):
        return False  # a list or a table row ("cancer n / paresis-cast n / ... entire leg y /")
    stop = text.find("\n", at + 1)
    if line.split()[:1] == text[at + 1 : stop if stop >= 0 else len(text)].split()[:1]:
        return False  # parallel lines of a list ("item 2, ..." / "item 3, ...")
    if SLASH_NEXT.match(text, at + 1):
        return True  # "Calf R 41" / "/ L 38 cm": a slash opens no sentence, whatever the width
    return len(line) >= 60 and NEXT_LINE_GOES_ON.match(text, at + 1) is not None


NEWLINE = re.compile("\n")


# two Wells readers unwrap the same note (the alternative's sentences, the pressed clause)
@functools.lru_cache(maxsize=8)
def unwrapped(text: str) -> str:
    """`text` with each newline that only wraps a long line (`wrapped`) made a blank (the same
    offsets), so that a sentence read as a whole is not cut at the wrap."""
    if "\n" not in text:
        return text
    cuts = [m.start() for m in NEWLINE.finditer(text) if wrapped(text, m.start())]
    if not cuts:
        return text
    chars = list(text)
    for i in cuts:
        chars[i] = " "
    return "".join(chars)


# (hW25, round 25) a circumference in millimetres or inches, as a tape or a form may give it
# ("right 372 mm, left 345 mm", "Calf girths L 15.5 in, R 14 in"): the calf readers measure in
# cm, so such a length is read as its cm ("in" as the inch only before a list's comma, a stop, a
# slash, "vs" or the other side: "38 in the morning" is no length)
OTHER_UNIT = re.compile(
    r"(?<![\w.])(?P<n>\d{1,3}(?:\.\d+)?)\s*(?P<u>mm\b|millimet(?:re|er)s?\b|inch(?:es)?\b|[\"\u2033]"
    r"|in\b(?=\s*(?:[,;./)]|$|\s(?:[LR]\b|left|right|vs\b|versus|and\b|on\b))))",
    re.I | re.M,
)
PER_CM = {"m": 1 / 10, "i": 2.54, '"': 2.54, "\u2033": 2.54}


def in_cm(text: str) -> str:
    """`text` with each length in mm or inches written in cm (its offsets may move: the caller
    reads the numbers, not the spans)."""

    def cm(m: re.Match[str]) -> str:
        size = float(m.group("n")) * PER_CM[m.group("u")[0].lower()]
        return f"{size:.1f} cm"

    return OTHER_UNIT.sub(cm, text)
