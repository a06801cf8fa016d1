"""Wells items answered as lists (hW12, issue 12 round 12).

- A list head says the state of every item its list names: "Criteria met: A; B. Criteria not
  met: C; D", "Pertinent positives: ... Pertinent negatives: ...", "Scoring items: ... / Not
  scoring: ...", "Present:" / "Absent:", a head over bulleted lines. The list runs to the next
  head, a blank line, a new "Label:" line or the end of its sentence (a wrapped line goes on);
  its items are split at "," ";" "and" "nor" (not inside brackets).
- One answer for a whole list: "Other Wells items (surgery, cast, whole leg ...): all absent",
  "Q: Whole leg? Pitting? Collaterals? A: No to all.", "cancer, cast and surgery - all
  negative". Every item named before the answer in its line takes it; a bracket opened on an
  earlier line, or the question line before an "A:" line, belongs to that line.

The head and answer words are data (knowledge/intake/wells.yaml `list_heads`, `collective`); the
item a piece names is the checklist label's (`wells_checklist.LABELS`). A reading rule only.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.wells_checklist import _DATA, _alternatives, unabbreviated
from legwise.intake.wells_labels import named_item

_HEADS = _DATA["list_heads"]
_BEFORE = "|".join(rf"(?<=\b{re.escape(w)}\s)" for w in _HEADS["before"])
# a head's start: a line's or a sentence's start, an opening bracket or bullet, or a word such as
# "criteria" before it ("Criteria not met:"); the strict (short) heads only there
_START = rf"(?:(?<![^\n])|(?<=[\n.;(|/*\u2022-]\s)|(?<=[\n.;(|*\u2022])|{_BEFORE})[ \t]*"


def _head(words: list[str]) -> str:
    return _alternatives([str(w) for w in words])


LIST_HEAD = folded(
    rf"(?:{_START}(?:pertinent\s+)?(?:(?P<sneg>{_head(_HEADS['strict_absent'])})"
    rf"|(?P<spos>{_head(_HEADS['strict_present'])}))"
    rf"|\b(?P<neg>{_head(_HEADS['absent'])})|\b(?P<pos>{_head(_HEADS['present'])}))"
    r"[ \t]*:(?!//)",
    re.I,
)
LIST_SPLIT = re.compile(
    r",|;|\band\b|\bnor\b|\s[-*\u2022]\s|\n[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]", re.I
)
# a head at its line's end: one item a line under it
LINE_SPLIT = re.compile(r",|;|\band\b|\bnor\b|\n", re.I)
# a new label line ("Plan: ...", "Impression - ...") ends a list
NEW_LABEL = re.compile(r"\n[ \t]*[A-Za-z][\w /&()'-]{0,40}?[ \t]*(?::|\s-\s)")
# (normalising puts a full stop at the end of a line a bullet follows: the list goes on)
SENTENCE_END = re.compile(r"\.(?!\d)(?=\s|$)(?!\n[ \t]*(?:[-*\u2022]|\d+[.)])[ \t])|\n[ \t]*\n")
COLON = re.compile(r"(?<!\d):(?!\d|//)")
# a label's own answer after its colon: "Collateral veins present: no 0" is no list head
ITS_ANSWER = re.compile(
    r"[ \t]*(?:yes|no|y|n|0|1|\+1|-2|true|false|none|nil|absent|present|positive|negative"
    r"|[+-]ve|[+-])[ \t]*(?:$|[\n.,;|)]|[+-]?\d)",
    re.I,
)
# items a number in a bracket may date or measure ("surgery (14 weeks ago)": not a list answer)
WINDOWED = frozenset({"recent_surgery_or_bedridden", "active_cancer", "calf_difference_3cm"})
BRACKETS = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")


def _masked(text: str) -> str:
    """`text` with what brackets hold blanked (same offsets): "(metastatic prostate, ADT)"."""
    return BRACKETS.sub(lambda m: "(" + " " * (len(m.group(0)) - 2) + ")", text)


def _item_of(words: str) -> str | None:
    return named_item(words)


def _list_end(masked: str, start: int, heads: list[int]) -> tuple[int, bool]:
    """Where the list that starts at `start` ends, and whether a new label's colon ends it (its
    last piece then holds that label: "Positive: cancer, cast Impression: ...")."""
    ends = [(len(masked), False), *((h, False) for h in heads if h > start)]
    for pattern, label in ((SENTENCE_END, False), (NEW_LABEL, False), (COLON, True)):
        if (m := pattern.search(masked, start)) is not None:
            ends.append((m.start(), label))
    return min(ends)


# every head word, lower case: the cheap check before LIST_HEAD (whose long alternation, tried at
# every position, costs about 0.1 ms per note; most notes have no list head)
HEAD_WORDS = tuple(
    str(w).lower() for k in ("strict_absent", "strict_present", "absent", "present")
    for w in _HEADS[k]
)  # fmt: skip


def _head_said(masked: str) -> bool:
    """Whether a head word stands before a colon (as LIST_HEAD needs: "<head>[ \t]*:", not
    "://"). An ASCII text is checked at each colon; any other is left to LIST_HEAD (its case
    folding is not `str.lower`'s)."""
    if not masked.isascii():
        return True
    lower = masked.lower()
    at = lower.find(":")
    while at >= 0:
        end = at
        while end and lower[end - 1] in " \t":
            end -= 1
        if not lower.startswith("//", at + 1) and lower.endswith(HEAD_WORDS, 0, end):
            return True
        at = lower.find(":", at + 1)
    return False


def read_item_lists(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each Wells item named in a list under a head."""
    if ":" not in text:
        return
    masked = _masked(unabbreviated(text))
    if not _head_said(masked):
        return
    found = [m for m in LIST_HEAD.finditer(masked) if not ITS_ANSWER.match(masked, m.end())]
    starts = [m.start() for m in found]
    for head in found:
        state = "absent" if head.group("neg") or head.group("sneg") else "present"
        end, label = _list_end(masked, head.end(), starts)
        after = masked[head.end() : end]
        under = re.match(r"[ \t]*\n", after) is not None
        pieces = (LINE_SPLIT if under else LIST_SPLIT).split(after)
        if label and under and "\n" in pieces[-1]:
            pieces[-1] = pieces[-1][: pieces[-1].rindex("\n")] + "\n"  # the label's own line
        pos = head.end()
        for piece in pieces[:-1] if label else pieces:
            start = masked.find(piece, pos)
            pos = start + len(piece)
            whole = text[start : start + len(piece)]
            item = _item_of(piece) if piece.strip() else None
            item = item or (_item_of(whole) if whole.strip() else None)
            said = whole if item in WINDOWED else piece  # a bracket may date the item
            if item is None or (state == "present" and re.search(r"\d", said)):
                continue  # a number decides its own item ("calf 2 cm")
            cut = piece.find("(")  # not the bracket: its words may be other findings
            yield item, state, start, start + (cut if cut > 0 else len(piece))


_COLLECTIVE = _DATA["collective"]
COLLECTIVE = re.compile(
    rf"(?<![\w-])(?:(?P<neg>{_head(_COLLECTIVE['absent'])})|(?P<pos>{_head(_COLLECTIVE['present'])}))"
    r"(?![\w-])",
    re.I,
)
COLLECTIVE_WORDS = tuple(str(w).lower() for k in ("absent", "present") for w in _COLLECTIVE[k])
# an answer of one item before the collective one
OWN_ANSWER = re.compile(
    r"(?<![\w-])(?:yes|no|y|n|present|absent|positive|negative|pos|neg|nil|true|false|[+-]ve|[+-]1|0)"
    r"(?![\w-])"
)
QUESTION_LINE = re.compile(r"^[ \t]*(?:q|question)\s*\d*\s*[:.]", re.I)
ANSWER_LINE = re.compile(r"^[ \t]*(?:a|answer)\s*\d*\s*[:.]", re.I)


def _line_start(text: str, at: int) -> int:
    """The start of the statement that ends at `at`: its line, with an earlier line whose
    bracket it closes, or the question line before an "A:" line."""
    start = text.rfind("\n", 0, at) + 1
    while start > 0:
        line = text[start:at]
        before = text.rfind("\n", 0, start - 1) + 1
        if line.count(")") > line.count("("):
            start = before
        elif ANSWER_LINE.match(line) and QUESTION_LINE.match(text[before:start]):
            return before
        else:
            break
    sentence = text.rfind(". ", start, at)
    return start if sentence < 0 else sentence + 2


def read_collective(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each item a list answers as a whole ("...: all absent")."""
    masked = text.lower()
    if masked.isascii() and not any_in(masked, COLLECTIVE_WORDS):
        return  # the cheap check first: every collective answer is one of these words
    for m in COLLECTIVE.finditer(masked):
        start = _line_start(text, m.start())
        if OWN_ANSWER.search(masked, start, m.start()):
            continue  # items with their own answers ("cancer yes, cast no, ... none")
        state = "absent" if m.group("neg") else "present"
        named: dict[str, tuple[int, int]] = {}
        pos = start
        for piece in re.split(r"[,;/?]|\band\b|\bor\b|\bnor\b|\(|\)", text[start : m.start()]):
            at = text.find(piece, pos)
            pos = at + len(piece)
            item = _item_of(piece) if piece.strip() else None
            if item is not None:  # from its first piece to its last ("cast/paresis")
                named[item] = (named.get(item, (at, 0))[0], at + len(piece))
        if len(named) >= 2:
            for item, (a, b) in named.items():
                yield item, state, a, b


# A points sum whose terms name their items in brackets: "Wells = 1 (previous DVT, 2019) + 1 (calf
# L 38.0 vs R 35.0) + 0 (no cancer) ... - 2 (alternative: ruptured Baker's cyst) = 0". Each term's
# points answer its item: more than 0 present, 0 absent, -2 the alternative present (Wells 2003).
TERM = re.compile(r"(?P<sign>[+\-\u2212]|=|^|\n)?[ \t]*(?P<n>\d)[ \t]*\((?P<label>[^()\n]{2,80})\)")
TERM_POINTS = re.compile(r"\d[ \t]*\(")


def read_points_sum(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each bracketed term of a points sum of three or more."""
    if "(" not in text or len(TERM_POINTS.findall(text)) < 3:
        return  # the cheap check first: each term holds its own "<digit> (" (TERM: every place)
    terms = [m for m in TERM.finditer(text) if m.group("sign") is not None]
    if len(terms) < 3:
        return
    for m in terms:
        item = _item_of(m.group("label"))
        n = int(m.group("n")) * (-1 if m.group("sign") in ("-", "\u2212") else 1)
        if item is None or (n != 0 and (n < 0) != (item == "alternative_diagnosis_likely")):
            continue  # points that do not fit the item: no answer
        yield item, "present" if n else "absent", m.start("n"), m.end()


# Answers by position: a line of questions, each naming an item, and the next line the same
# number of answers ("Reg: cancer? previous clot? whole leg? collaterals?" / "GP: no, no, no, no").
SPEAKER = re.compile(r"^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[\w .'-]{1,20}:)?[ \t]*")
NO_WORDS = ("no", "n", "none", "nil", "nope", "neg", "absent")
SHORT_ANSWER = re.compile(r"(?:yes|no|y|n|none|nil|nope|yep|neg|pos|absent|present)", re.I)


def read_positional(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each question answered by its place in the next line."""
    if text.count("?") < 2:
        return
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    for (qa, q), (_, a) in itertools.pairwise(lines):
        qs = SPEAKER.match(q)
        asks = q[qs.end() if qs else 0 :].rstrip(" .").split("?")
        if len(asks) < 3 or asks[-1].strip():
            continue  # two or more questions, the line ending in the last
        head = SPEAKER.match(a)
        said = a[head.end() if head else 0 :].strip().rstrip(".")
        answers = [w.strip() for w in re.split(r"[,/]", said)]
        items = [_item_of(x) if x.strip() else None for x in asks[:-1]]
        if len(answers) != len(items) or not all(SHORT_ANSWER.fullmatch(w) for w in answers):
            continue
        at = qa + (qs.end() if qs else 0)
        for ask, item, word in zip(asks[:-1], items, answers, strict=True):
            state = (
                "absent"
                if word.lower() in ("no", "n", "none", "nil", "nope", "neg", "absent")
                else "present"
            )
            if item is not None:
                yield item, state, at, at + len(ask)
            at += len(ask) + 1
