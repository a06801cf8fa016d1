"""Checklist answers to the Wells DVT items: "Label: No", "cancer (-)", "[x] bedridden",
"Active ca Y / Paralysis N", "+1 active ca; 0 paralysis", "met:" / "not met:" lists.

Split from `legwise.intake.wells` (which applies them): these readers only find which item a
label names and the answer it gets; the words are data (knowledge/intake/wells.yaml).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import islice

from legwise.intake.fast_re import fast
from legwise.intake.folded_re import folded
from legwise.intake.result import Extracted
from legwise.intake.wells_labels import CAMEL as CAMEL
from legwise.intake.wells_labels import LABELS as LABELS
from legwise.intake.wells_labels import _wells_data as _wells_data
from legwise.intake.wells_labels import named_item

FINDING = "alternative_diagnosis_likely"

# "e.g." and "i.e." do not end a sentence (their dots become spaces: offsets stay the same)
ABBREVIATION = fast(r"\b(?:e\.g|i\.e|vs|approx|etc|cf)\.", re.I)


@functools.lru_cache(maxsize=16)  # each Wells reader splits the same text into sentences
def unabbreviated(text: str) -> str:
    """`text` with the dots of "e.g.", "i.e.", "vs." as spaces, for splitting sentences."""
    if "." not in text:
        return text
    return ABBREVIATION.sub(lambda m: m.group(0).replace(".", " "), text)


# --- checklist lines ---------------------------------------------------------------------------
# Calculator output and templated notes answer the items as a checklist: "Paralysis, paresis, or
# recent plaster immobilization of the lower extremity: No", "cancer - no;", "Entire leg
# swollen? Yes", "alt dx: -2", "Cancer (+)", "Active ca Y / Paralysis N", "[x] bedridden >3 d".
# The answer decides the item named by its label, whatever the label's own words say (numbers
# such as ">3 cm" or "within 12 weeks" are the item's definition, not a finding), so it replaces
# what phrases and numbers inside the label gave. The label words, answer words and checkbox
# marks are data: knowledge/intake/wells.yaml.


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DATA = _wells_data()
_POINTS = r"\(?\s*[+\-\u2212]?\d\s*(?:points?|pts?|pt)?\s*\)?"
_ANSWERS = [str(w) for w in _DATA["answers"]["present"] + _DATA["answers"]["absent"]]
_WORDS = [w for w in _ANSWERS if w[0].isalnum()]
_SIGNS = [w for w in _ANSWERS if not w[0].isalnum()]
_ANSWER_WORDS = _alternatives(_WORDS + _SIGNS)
# (a JSON brace, and "and" / "but" before the next label: "pitting edema (positive) and ...")
# (a colon before the reason: "alt dx -2: Baker's cyst on US"; hW16)
# (or a one-line run's next short label and its "?"/":" answer: "Ca? N Bed? Y Calf >3cm? N"; hW17b)
_END = (
    r"(?:\s*(?=$|[.,;\n)/|(}]|:(?!\d)|-\s|-?>|\u2192|\[|\u2610|\u2611|\u2612|(?:and|but)\s"
    r"|=\s*[-+\u2212]?\d)"  # the total after the last answer: "... alt dx neg = 4" (hW24)
    r"|\s(?=[^\W\d_][^?:.;,\n]{0,40}?(?:[?:][ \t]*[^\s?:]|\s-[ \t]*(?:y|n|yes|no)\b)))"  # hW18
)
_BARE = _alternatives([str(w) for w in _DATA["answers"]["bare"]])
# what a bare answer (or "Y", "N") starts with: a lookahead on it spares trying each word (hD)
_BARE_FIRST = "".join(
    sorted({re.escape(str(w)[:1].lower()) for w in _DATA["answers"]["bare"]} | {"y", "n"})
)


def _answer_pattern(gap: str) -> re.Pattern[str]:
    """The checklist answer pattern; `gap` adds column breaks as separators."""
    return re.compile(
        # "Label: No", "label - no", "Label? Yes", "| Label | No |", "Label ...... 0", and
        # calculator output "Label Yes +1" / "Label No 0" (the lookahead first: most positions in
        # a text are letters, rejected at once)
        rf"(?=[\s:=?(|.])(?:(?:\s*[:=?|]|\s+-|\s*\.{{2,}}{gap}"
        rf"|\s+(?=(?:yes|no)\s+{_POINTS}))\s*"
        rf"({_ANSWER_WORDS})(?:(?<=\d)\s*(?:points?|pts?)\b)?(?:\s+{_POINTS})?"
        # "Label (+)", "label (-)", "label (yes)"
        rf"|\s*\(\s*({_ANSWER_WORDS})\s*\)"
        # "label +", "label -ve" at the end of an item
        rf"|\s+({_alternatives(_SIGNS)})"
        # "Active ca Y / Paralysis N" (capitals only)
        r"|\s+(?-i:(Y|N))"
        # "Cancer no. Cast yes (POP R leg).", "active cancer absent;", "Ca neg, calf pos",
        # "cancer 0," (a short label, checked below)
        # "malignancy neg / immobile pos / ...": a slash and a blank between items, and the
        # total after the last ("... alt dx neg = 4") (hW24; not a form's unfilled options "yes /
        # no")
        rf"|\s+({_BARE})(?=\s*(?:$|[,;\n|(]|\.(?!\d)|/(?=\s)(?!\s*(?:{_BARE}|y|n)\b)"
        r"|=\s*[-+\u2212]?\d)))"
        rf"{_END}",
        re.I,
    )


ANSWER = _answer_pattern("")
# a wide gap or a tab is a column break, as in calculator exports ("Entire leg swollen    NO"):
# tried only when the text has one (hB, round 5)
ANSWER_WIDE = _answer_pattern(r"|[ \t]*\t|[ \t]{3,}")
BARE_ANSWER = 5  # the group of "Cancer no." in ANSWER
POINTS_ANSWER = re.compile(rf"\b(?:yes|no)\s+{_POINTS}", re.I)
LABEL_START = re.compile(r"[.;\n|]|\s-\s")
YES = frozenset(w.lower() for w in _DATA["answers"]["present"])
CHECKED = _alternatives(_DATA["checkbox"]["checked"])
UNCHECKED = _alternatives(_DATA["checkbox"]["unchecked"])
# the label runs to the line's end or the next box ("(x) cancer  ( ) cast  (x) bedridden")
CHECKBOX = re.compile(
    rf"(?:({CHECKED})|({UNCHECKED}))[ \t]*((?:(?!{CHECKED}|{UNCHECKED})"
    r"[^\n\[\u2610-\u2612\u2713\u2714\u2717\u2718])+)"
)
BOX_MARK = re.compile(r"[\[\u2610-\u2612\u2713\u2714\u2717\u2718]|\((?:x|X| |\u2713|\u2714)\)")
# A mark followed by a comma, a full stop or a bracket answers the label before it ("cancer \u2717,
# paralysis \u2717, surgery \u2713 (TKR 3/52)"), read by `read_checklist`, not a box before a label.
AFTER_LABEL = re.compile(r"[ \t]*(?:[,;(.]|$)", re.M)
MAYBE_CHECKLIST = re.compile(
    rf"[:?=\[(+|\u2610-\u2612]|\s-"
    rf"|\s(?=[{_BARE_FIRST}])(?:(?-i:[YN])\b|(?:{_BARE})[ \t]*(?:$|[,;/]))",
    re.I | re.M,
)


# "+1 active ca (breast); 0 paralysis; -2 alt dx as likely": the points before the label and a
# sum: "Wells = 1 pt cancer + 1 pt paralysis + 0 surgery - 2 alt dx = 1"
POINTS_FIRST = fast(
    r"(?:^|(?<=[;:\n|=,+])|(?<=\s)(?=[-\u2212]\s?2\s|\+\s?1\s))[ \t]*"
    r"(\+\s?1|1(?=\s*(?:pts?|points?)\b)|0|[-\u2212]\s?2)[ \t]*(?:pts?\b|points?\b)?[ \t]+"
    r"(?!(?:hours?|h|days?|weeks?|months?|years?|cm|mm|x)\b)"
    r"([a-z](?:[^;\n|.+,=\-\u2212]|[-\u2212](?=\S)|\.(?=\S))*)",
    re.I,
)
# "-2 cellulitis likely": only the alternative is worth -2 ("Wells -2 per triage" is a total);
# "+0 collaterals / whole leg / paresis": each item named is 0 (hW10)
WEIGHED = re.compile(r"likel|probab|favou?r|\bdx\b|diagnos|cause|explain", re.I)


def read_points_first(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each "+1 label" / "0 label" item of a points list."""
    if "0" not in text and "1" not in text and "2" not in text:
        return  # the cheap check first: every points value holds one of these digits
    for m in POINTS_FIRST.finditer(text):
        words = m.group(2).strip()
        if not words or len(words.split()) > 16:
            continue
        points = re.sub(r"[\s+]", "", m.group(1).replace("\u2212", "-"))
        end = m.start(2) + len(m.group(2).rstrip())
        weighed = points == "-2" and WEIGHED.search(words)
        item = named_item(words) or (FINDING if weighed else None)
        parts = {named_item(w) or "" for w in words.split("/")}
        if points == "0" and "" not in parts and len(parts) > 1:
            yield from ((named, "absent", m.start(1), end) for named in sorted(parts))
        elif item is not None and ((points == "-2") == (item == FINDING) or points == "0"):
            yield item, "absent" if points == "0" else "present", m.start(1), end


def read_checkboxes(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each ticked ("[x] label") or empty ("[ ] label") box."""
    if BOX_MARK.search(text) is None:
        return
    for m in CHECKBOX.finditer(text):
        if AFTER_LABEL.match(text, m.end(2) if m.group(2) else m.end(1)):
            continue
        words = m.group(3).strip()
        if not words or len(words.split()) > 16:
            continue
        item = named_item(words)
        if item is not None:
            state = "present" if m.group(1) else "absent"
            yield item, state, m.start(), m.start(3) + len(m.group(3).rstrip())


# A bare answer ("Pitting edema, confined to symptomatic leg No", "no pitting, calf tender
# present") answers the clause just before it; the whole label is tried when that names no item.
NEGATION = re.compile(
    r"\b(?:no|not|without|denies|denied|nil|never|none|neither|nor)\b|n't\b", re.I
)
CLAUSE_START = re.compile(r"[,:(]|\band\b", re.I)


def _item_of(label: str, bare: bool, whole: bool) -> tuple[str | None, int]:
    """The item `label` names and where its words start in it. A bare answer answers the
    clause just before it, or the whole label when that is its own line (`whole`)."""
    if bare:
        cut = [c.end() for c in CLAUSE_START.finditer(label)]
        at = cut[-1] if cut else 0
        clause = label[at:].strip(" ,-:/|")
        item = named_item(clause) if clause else None
        if item is not None or not cut or not whole:
            return item, at
    return named_item(label), 0


# a label that names one side and ends with the other: the answer is that other leg's
OTHER_SIDE = re.compile(
    r"(?:\b(?:r|rt|right)\b.*[,;/]\s*(?:l|lt|left)|\b(?:l|lt|left)\b.*[,;/]\s*(?:r|rt|right))"
    r"(?:\s+(?:leg|calf|side|lower\s+leg))?$",
    re.I,
)
LONGEST = {True: 24, False: 16}  # the most words of a label: on its own line, or in a run


def read_checklist(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, "present"/"absent", start, end) for each checklist answer to a Wells item; the
    span runs from the label's start to the answer's end."""
    previous = 0
    wide = "\t" in text or "   " in text
    for m in (ANSWER_WIDE if wide else ANSWER).finditer(text):
        before = text[previous : m.start()]
        cut = [c for c in LABEL_START.finditer(before)]
        start = previous + (cut[-1].end() if cut else 0)
        own_line = (not cut and previous == 0) or (bool(cut) and cut[-1].group(0) in "\n|")
        label = text[start : m.start()]
        previous = m.end()
        words = label.strip(" ,-:/|")
        bare = m.lastindex == BARE_ANSWER
        # a bare "no" answers only a short label ("Cancer no."), or a calculator's line in
        # capitals ("Calf swelling at least 3 cm larger than the asymptomatic side NO")
        shouted = bare and own_line and m.group(BARE_ANSWER).isupper()
        # (a calculator's label on its own line may be long, NICE's bed-rest item is 17 words;
        # hW16)
        # (a colon ends a head, not a label; commas join a run-on's clauses, not a label's)
        longest = LONGEST[own_line and ":" not in words and words.count(",") <= 1]
        if not words or len(words.split()) > (10 if bare and not shouted else longest):
            continue
        if not re.search(r"[a-z]", words, re.I) or re.search("[\u2713-\u2718][ \t]+\\w", words):
            continue  # (or a run of ticked labels: `wells_marklines.read_tick_runs`, hW18)
        item, at = _item_of(label, bare, own_line)
        if OTHER_SIDE.search(words):
            continue  # "pitting R shin, L none": the other leg's answer, not the item's (hW16)
        if item is None or (bare and NEGATION.search(words)):
            continue  # "They have no collateral veins present": a sentence, not a checklist line
        if not own_line or (bare and at):  # its own clause only ("..., distal pulses present")
            start, label = start + at, label[at:]
        answer = next(g for g in m.groups() if g).lower()
        if answer in ("-2", "\u22122") and item != FINDING:
            continue
        if answer.isdigit() and UNIT_LABEL.search(words):
            continue  # a value, not points: "immobilised_days=1", "calf_diff_cm=1"
        state = "present" if answer in YES else "absent"
        yield item, state, start + len(label) - len(label.lstrip(" ,-")), m.end()


# An answer that more words follow, after a label's colon, "=" or dash: "hx_dvt=yes 2017", "Prev
# DVT - yes x2 (R leg)", "Cancer: no evidence of recurrence" (the words after it say more about the
# answer, never another item: "and" / "but" and clause ends are read by `read_checklist`)
LEADING = re.compile(
    r"(?:[:=?]|\s-)[ \t]*(yes|no|denies|denied|never)\b"
    r"(?![ \t]*(?:[-/.,;:)|(\n]|$|and\b|but\b))(?=[ \t]+[\w(])",
    re.I,
)


SIGN_LABEL = re.compile(
    r"\b(?:swollen|tender|red|warm|hot|painful|sore|large|larger|bigger|enlarged|present)\b", re.I
)


def read_leading(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each answer that more words follow ("hx_dvt=yes 2017")."""
    for m in LEADING.finditer(text):
        cut = [c for c in LABEL_START.finditer(text, max(0, m.start() - 120), m.start())]
        start = cut[-1].end() if cut else max(0, m.start() - 120)
        label = text[start : m.start()]
        words = label.strip(" ,-:/|")
        if not words or len(words.split()) > 8 or NEGATION.search(words):
            continue
        if m.group(1).lower() != "yes" and SIGN_LABEL.search(words):
            continue  # "Calf swollen: no redness or warmth": a sign, then a list of others
        item = named_item(words)
        if item is None or item == FINDING:
            continue  # (the alternative's answer is read from its whole sentence)
        state = "present" if m.group(1).lower() == "yes" else "absent"
        yield item, state, start + len(label) - len(label.lstrip(" ,-|")), m.end(1)


# A dictated or typed run of labels each followed by its answer, with no colons and no full stops:
# "calf swelling more than 3 cm yes whole leg swollen no pitting oedema yes ... alternative
# diagnosis no", "cancer n, immob y (hosp 5 days), paralysis n, tender y". Read as a checklist
# only when the run shows that shape: 3+ answers, a label before the first, an answer last, and
# most stretches between answers naming an item ("no" there is the answer before it, not a
# negation of the label after it).
RUN_ANSWER = folded(r"\b(yes|no|y|n|positive|negative|pos|neg|present|absent)\b", re.I)
RUN_SENTENCE = re.compile(r"(?:[^.;!?\n]|\.(?=\d))+")
RUN_CUT = re.compile(r"[,(:]|\s-\s")


def _nearest(label: str) -> str | None:
    """The item named last in `label`, nearest its answer ("patient in bed four active cancer"):
    the one whose words end last (a pattern may match from the label's start: "^.*oedema")."""
    found = [(m.end(), i) for i, p in LABELS for m in [*p.finditer(label)][-1:]]
    return max(found)[1] if found else None


def read_run(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(item, state, start, end) for each label and answer of a run with no punctuation."""
    for sentence in RUN_SENTENCE.finditer(text):
        said = sentence.group(0)
        found = list(RUN_ANSWER.finditer(said))
        if len(found) < 3 or said[found[-1].end() :].strip(" ,)"):
            continue  # an answer last: the answer-after shape
        pairs: list[tuple[str, str, int, int]] = []
        previous = 0
        for m in found:
            stretch = said[previous : m.start()]
            cut = [c.end() for c in RUN_CUT.finditer(stretch)]
            at = previous + (cut[-1] if cut else 0)
            label = said[at : m.start()]
            if len(label.split()) > 10:  # words that explain the answer before, then the label
                tail = re.search(r"(?:\S+\s+){10}$", label)
                at += tail.start() if tail else 0
                label = said[at : m.start()]
            previous = m.end()
            words = label.split()
            item = _nearest(label) if words else None
            if item is not None:
                state = (
                    "present" if m.group(1).lower() in YES or m.group(1)[0] in "pP" else "absent"
                )
                if m.group(1).lower() in ("negative", "neg"):
                    state = "absent"
                a = sentence.start() + at + len(label) - len(label.lstrip())
                pairs.append((item, state, a, sentence.start() + m.end()))
        first = said[: found[0].start()].strip()
        if len(pairs) >= 3 and first and len(pairs) * 4 >= len(found) * 3:
            yield from pairs


# a unit that ends a label with no number before it ("immobilised days", not "calf >= 3 cm")
UNIT_LABEL = re.compile(
    r"(?<![\d.])(?<![\d.]\s)\b(?:days?|d|hours?|hrs?|h|weeks?|wks?|months?|years?|cm|mm)\W*$", re.I
)


# Column heads and item ids, not answers: "Cancer Y/N: N", "| Criterion | Yes/No |",
# "active_cancer: 1" (blanked, so that only the answer after them is read)
# a character a checklist answer needs (else it is a bare one: "Active cancer No")
GATE = ":?=[(+|-\u2610\u2611\u2612\u2713\u2714\u2717\u2718"
GATE_SAID = re.compile(f"[{re.escape(GATE)}]")  # one of them anywhere: one scan, not one each
HEADERS = fast(r"\(?\b(?:y\s*/\s*n|yes\s*/\s*no)\b\)?|_", re.I)
# How to answer, not an answer: "Wells (1 = yes, 0 = no): ...", "alt dx as likely (-2 if yes) 0"
# and the points an item is worth, before its answer: "Active cancer (+1) - yes" (hW9, round 9)
LEGEND = re.compile(
    r"\([^()\n]{0,30}?(?:=\s*(?:yes|no|present|absent)|\bif\s+(?:yes|present))[^()\n]{0,15}\)"
    r"|\(\s*[+\-\u2212]?\d\s*(?:pts?|points?)?\s*\)(?=[ \t]*(?:[:=]|-[ \t]))",
    re.I,
)


def _beyond(i: Extracted, answer: tuple[str, str, int, int]) -> bool:
    """Whether `i` is another item's sentence reading that runs past `answer`'s line: "tender
    along the deep veins (+1), but a tear is at least as likely (-2)" (hW12)."""
    return i.finding == FINDING != answer[0] and i.end > answer[3] and i.rule.startswith("Wells:")


def apply_checklist(
    text: str, items: list[Extracted], lists: list[tuple[str, str, int, int]]
) -> list[Extracted]:
    """`items` with each checklist answer (and each answer of the `lists`: `wells_lists`) in
    place of what was read inside its line."""
    if GATE_SAID.search(text) is None and not MAYBE_CHECKLIST.search(text) and not lists:
        return items  # no label can be answered here
    if "/" in text or "_" in text:
        text = HEADERS.sub(lambda m: " " * len(m.group(0)), text)  # same offsets
    if "(" in text and ("=" in text or " if " in text or ") -" in text or "):" in text):
        text = LEGEND.sub(lambda m: " " * len(m.group(0)), text)
    answers = [*read_checklist(text), *read_checkboxes(text), *read_points_first(text)]
    if ":" in text or "=" in text or " -" in text or "?" in text:
        answers += read_leading(text)
    if len(list(islice(RUN_ANSWER.finditer(text), 3))) >= 3:  # (three found: no more sought)
        answers += read_run(text)
    answers += lists
    if not answers:
        return items
    out = []
    for i in items:
        # inside an answer's line, or the same item read over it ("| Alternative dx ... | No |")
        line = next(
            (
                a
                for a in answers
                if (a[2] <= i.start < a[3] and not _beyond(i, a))
                or (a[0] == i.finding and i.start < a[3] and i.end > a[2])
            ),
            None,
        )
        if line is None:
            out.append(i)
        else:
            continue  # the answer decides the item; the label's words are its definition
    for item, state, a, b in answers:
        out.append(Extracted(item, state, a, b, text[a:b], f"Wells checklist answer: {state}"))
    return out
