"""Wells checklists whose answers are KEYED: by a legend, by an item number, or by the last
token of each item's line (hW14, issue 12 round 14; the generated stress set
bench/wells_stress.py showed these formats unread).

1. Numbered legend and answers elsewhere: "Q1. Active cancer" ... "Q10. Alternative dx" over
   "Answers: Q1 Y, Q2 N, ...", "Q1y Q2n", or a positional string "Q1-Q10: Y N N Y ...";
   or a legend in brackets, "Q1-Q10 (ca, bed/op, calf, ...): Q1y Q2y ...". The legend lines
   name the items only (their words are no finding); the keyed answer decides each.
2. A code legend: "Key: 1=yes 0=no 9=unknown", "Coding: 1 = present, 0 = absent, 9 = not
   assessed", "U = unknown". Its codes answer the lines of the note; a code whose meaning is
   unknown leaves the item unknown (Wells counts it 0) and drops what the label's words read.
3. Line-final answers in a block: one item a line, its answer the line's last token after any
   separator (":", "=", "->", "=>", an arrow, a dash, a tab, blanks, or none), including answer
   words of other languages in bilingual forms ("ja" / "nein", "oui" / "non", "sí") and points
   ("(+1)", "0", "-2"). Read only in a block of three or more such lines, a label that names one
   item and denies nothing.

Answer words are data (knowledge/intake/wells.yaml: `table_cells`, `answers`, `keyed`). A
reading rule only: each answer is the checklist's own yes or no (Wells 2003 / NICE NG158 items).
"""

from __future__ import annotations

import re

from legwise.intake.folded_re import folded
from legwise.intake.wells_checklist import FINDING, NEGATION, _wells_data
from legwise.intake.wells_marks import has_mark_columns
from legwise.intake.wells_table import ABSENT, PRESENT, UNKNOWN, Tables, item_of

_KEYED = _wells_data()["keyed"]
YES = PRESENT | frozenset(str(w).lower() for w in _wells_data()["answers"]["present"])
NO = ABSENT | frozenset(str(w).lower() for w in _wells_data()["answers"]["absent"])
YES |= frozenset(str(w).lower() for w in _KEYED["present"])
NO |= frozenset(str(w).lower() for w in _KEYED["absent"])
DONT_KNOW = UNKNOWN | frozenset(str(w).lower() for w in _KEYED["unknown"])
LINE = re.compile(r"[^\n]+")
DIGIT = re.compile(r"\d")
WORD = re.compile(r"\w+")
# --- 1. numbered legend -------------------------------------------------------------------------
LEGEND_LINE = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*)?(?:Q|#|item[ \t]*|question[ \t]*)?(?P<key>\d{1,2})[ \t]*"
    r"(?:[.):=\]\-\u2013]|[ \t])[ \t]*(?P<label>[^\n]*?)[ \t.]*$",
    re.I,
)
BRACKET_LEGEND = re.compile(  # (each look-ahead: the first letter, tried first, spares the rest)
    r"(?=[q1])\bQ?1[ \t]*[-\u2013][ \t]*Q?(?P<n>\d{1,2})[ \t]*"
    r"\((?P<legend>[^()]{0,200}?(?:\([^()\n]*\)[^()]{0,100}?)*)\)",
    re.I,
)
# a legend written on one line: "Legend: Q1 active cancer, Q2 paralysis or cast, Q3 ..." (each
# label runs to the next key)
INLINE_KEY = re.compile(r"(?=q)(?<![\w/])Q(?P<key>\d{1,2})\b[ \t]*[.):=\-]?[ \t]*", re.I)
KEYED_ANSWER = re.compile(
    r"(?=q)(?<![\w/])Q(?P<key>\d{1,2})[ \t]*[:=.)\-]?[ \t]*(?P<ans>[^\s,;.]+)(?=[\s,;.]|$)", re.I
)
STRING_ANSWERS = re.compile(
    r"(?:\bQ?1[ \t]*[-\u2013][ \t]*Q?\d{1,2}|\banswers?|\bresponses?)[ \t]*[:=][ \t]*"
    r"(?P<run>[^\n]+)",
    re.I,
)
# --- 2. code legend -----------------------------------------------------------------------------
CODE = folded(
    r"(?<![\w.])(?P<code>[+\-]?\w{1,2})[ \t]*(?:=|:|\u2192|->)[ \t]*"
    r"(?P<meaning>not[ \t]+\w+|n/a|[a-z]+)",
    re.I,
)
# --- 3. line-final answers ----------------------------------------------------------------------
FINAL = re.compile(
    r"^(?P<label>[^\n]*?\S)(?P<sep>[ \t]*(?::|=|->|=>|\u2192|\u21d2|>>)[ \t]*"
    r"|[ \t]+[-\u2013\u2014][ \t]+|[ \t]+)"
    r"(?P<ans>\(?[^\s()]+\)?)[ \t.;,]*"
    # a comment in brackets after the answer: "No  (vasectomy under LA 10 days ago)", "non (2,0 cm)"
    r"(?:[ \t]\((?P<note>(?![ \t]*[+\-\u2212]?\d[ \t]*\)|[YN]\))[^()\n]*)\)[ \t.;,]*)?$"
)
# a printed option pair with one circled, and a comment after it: "3  Paralysis, paresis or
# recent plaster   (Y)  N    L hemiparesis since stroke" (own_heldout13 h13w_20)
CIRCLED = re.compile(
    r"^(?P<label>[^\n]*?\S)[ \t]+(?P<a>\(?(?:Y|Yes|YES)\)?)[ \t]+(?P<b>\(?(?:N|No|NO)\)?)"
    r"(?:[ \t]+[^\n]*|[ \t.]*)$"
)
BRACKET = re.compile(r"\([^()\n]*\)")
LABEL_CUT = re.compile(r"[;:][ \t]|\.[ \t]+(?=[A-Z])")
# an answer inside a label: "localised tenderness [N] entire leg swollen [Y]" (two items)
LABEL_ANSWER = re.compile(
    r"(?<!\w)(?:yes|y)(?!\w)|[\[(](?:x|y|n|yes|no|\+|-|\u2713|\u2717)[\])]", re.I
)
BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7>]+|\d{1,2}[.)]|Q\d{1,2}[.):]?)[ \t]+", re.I)
LESS = re.compile(r"\bless\s+likely\b|\bunlikely\b|\bnot\s+as\b", re.I)
NOT_DONE = re.compile(
    r"not (?:assessed|known|done|measured|examined|checked|applicable|available|recorded|asked)"
)
POINTS = {"+1": "present", "1": "present", "0": "absent", "-2": "present", "\u22122": "present"}


def _state(token: str, codes: dict[str, str]) -> str | None:
    """What an answer token says: present, absent, unknown, or None (no answer)."""
    t = token.strip().strip("()[]").rstrip(".").lower()
    if t in codes:
        return codes[t]
    if t in YES:
        return "present"
    if t in NO:
        return "absent"
    if t in DONT_KNOW:
        return "unknown"
    return None


def _meaning(word: str) -> str | None:
    """What a legend says a code means: present, absent, unknown, or None."""
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w in YES:
        return "present"
    if w in NO:
        return "absent"
    if w in DONT_KNOW or NOT_DONE.fullmatch(w):
        return "unknown"
    return None


def read_codes(text: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """The code legend of a note (a line with two or more "code = meaning" pairs, one of them
    yes and one no), and where its lines are."""
    codes: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for line in LINE.finditer(text):
        pairs = list(CODE.finditer(line.group()))
        got = {m.group("code").lower(): s for m in pairs if (s := _meaning(m.group("meaning")))}
        rest = CODE.sub(" ", line.group())
        # a legend line holds its pairs and at most a head ("Key:", "Coding (circle one):")
        if len(WORD.findall(rest)) > 3:
            continue
        if len(got) >= 2 and {"present", "absent"} <= set(got.values()):
            codes.update(got)
            spans.append((line.start(), line.end()))
    return codes, spans


def _item(label: str) -> str | None:
    words = BULLET.sub("", label).strip(" \t.:-=|*")
    # a bracket defines the item ("Collateral veins (not varicose)"): its "not" denies nothing
    if not words or len(words.split()) > 16 or NEGATION.search(BRACKET.sub(" ", words)):
        return None
    item = item_of(words)
    if item == FINDING and LESS.search(words):
        return None  # "Alternative diagnosis less likely than DVT: yes" is the other way round
    return item


def _add(out: Tables, item: str, state: str, row: tuple[int, int], ans: tuple[int, int]) -> None:
    out.rows.append(row)
    if state != "unknown":
        out.answers.append((item, state, ans[0], max(ans[1], ans[0] + 1)))


def read_legend(text: str, out: Tables, codes: dict[str, str]) -> None:
    """Read a numbered legend and the answers keyed to it (1 above)."""
    if DIGIT.search(text) is None:
        return  # the cheap check first: every legend key is a number (most texts have none)
    legend: dict[str, tuple[str, tuple[int, int]]] = {}
    for line in LINE.finditer(text):
        m = LEGEND_LINE.match(line.group())
        if m is None or not m.group("label"):
            continue
        label = m.group("label")
        last = label.split()[-1] if label.split() else ""
        if len(label.split()) > 1 and _state(last, codes) is not None:
            continue  # "1. Active cancer: yes": a line with its own answer
        item = _item(label)
        if item is not None:
            legend[m.group("key")] = (item, (line.start(), line.end()))
    _inline_legend(text, legend, codes)
    for b in BRACKET_LEGEND.finditer(text):
        pieces = [p for p in re.split(r"[,;]", b.group("legend"))]
        if len(pieces) == int(b.group("n")):
            for k, piece in enumerate(pieces, 1):
                item = item_of(piece.strip())
                if item is not None:
                    legend[str(k)] = (item, (b.start("legend"), b.end("legend")))
    if len(legend) < 3:
        return
    lines = [span for _, span in legend.values()]
    keyed = [
        (m.group("key"), m.group("ans"), m.span("ans"))
        for m in KEYED_ANSWER.finditer(text)
        if m.group("key") in legend
        and _state(m.group("ans"), codes) is not None
        and not any(a <= m.start() < b for a, b in lines)  # ("Q3. Active Ca": a legend line)
    ]
    if len(keyed) < 3:
        keyed = _string_answers(text, legend, codes)
    if len(keyed) < 3:
        return
    for _, (_, span) in legend.items():
        out.headers.append(span)
    for key, ans, span in keyed:
        item, row = legend[key]
        state = _state(ans, codes)
        if state is not None and not (item != FINDING and ans.strip("()") in ("-2", "\u22122")):
            _add(out, item, state, row, span)


def _inline_legend(
    text: str, legend: dict[str, tuple[str, tuple[int, int]]], codes: dict[str, str]
) -> None:
    """A legend on one line, "Q1 active cancer, Q2 paralysis or cast, ...": each key's label runs
    to the next key; an answer ("Q1 N, Q2 Y") is no label. Three labelled keys or more."""
    for line in LINE.finditer(text):
        keys = list(INLINE_KEY.finditer(line.group()))
        found: dict[str, tuple[str, tuple[int, int]]] = {}
        for k, m in enumerate(keys):
            end = keys[k + 1].start() if k + 1 < len(keys) else len(line.group())
            label = line.group()[m.end() : end].strip(" \t,;.")
            if len(label.split()) < 1 or _state(label, codes) is not None:
                continue
            item = _item(label)
            if item is not None:
                found[m.group("key")] = (item, (line.start() + m.start(), line.start() + end))
        if len(found) >= 3:
            for key, entry in found.items():
                legend.setdefault(key, entry)


def _string_answers(
    text: str, legend: dict[str, tuple[str, tuple[int, int]]], codes: dict[str, str]
) -> list[tuple[str, str, tuple[int, int]]]:
    """Answers given in legend order on one line: "Q1-Q10: Y N N Y ...", "Answers: 1,0,0,1"."""
    for m in STRING_ANSWERS.finditer(text):
        run = m.group("run")
        tokens = list(re.finditer(r"[^\s,;/|]+", run))
        if len(tokens) == len(legend) and all(_state(t.group(), codes) for t in tokens):
            base = m.start("run")
            keys = sorted(legend, key=int)
            return [
                (k, t.group(), (base + t.start(), base + t.end()))
                for k, t in zip(keys, tokens, strict=True)
            ]
    return []


def _circled(label: str, ans: str, codes: dict[str, str]) -> tuple[str, str] | None:
    """A printed option pair at the line's end, one circled: "Y  (N)", "(Y)  N" (the circled
    one answers); the label without the option before the last. None when not such a pair."""
    parts = label.rsplit(None, 1)
    if len(parts) != 2 or _state(parts[1], codes) is None:
        return None
    first, last = parts[1], ans.rstrip(".")
    ring = [x for x in (first, last) if x.startswith("(") and x.endswith(")")]
    if not ring and _state(first, codes) == _state(last, codes):
        return parts[0], last  # a flowsheet's columns, "No    No": the latest answers
    if len(ring) != 1:
        return parts[0], ""  # "Y N" with neither (or both) circled: no answer
    return parts[0], ring[0]


def _final(line: str, codes: dict[str, str]) -> tuple[str, str, int, int, int] | None:
    """(item, state, label start, answer start, answer end) of a line that ends in its answer,
    or None."""
    c = CIRCLED.match(line)
    if c is not None and (c.group("a").startswith("(") != c.group("b").startswith("(")):
        side = "a" if c.group("a").startswith("(") else "b"
        label = c.group("label")
        item = _item(label) if not LABEL_ANSWER.search(label) else None
        ringed = "present" if side == "a" else "absent"
        return (item, ringed, 0, *c.span(side)) if item is not None else None
    m = FINAL.match(line)
    if m is None:
        return None
    label, ans = m.group("label"), m.group("ans")
    sep = m.group("sep").strip()
    a, b = m.span("ans")
    if not sep and (circled := _circled(label, ans, codes)) is not None:
        if not circled[1]:
            return None
        label, ans = circled
        a = line.rfind(ans, 0, b)
        b = a + len(ans)
    state = _state(ans, codes)
    if state is None:
        return None
    # the label starts the line, or follows a colon ("Pitting oedema: R +, L none" answers per
    # side: no label before "none"); after a semicolon or a full stop the line is a wrapped
    # sentence or list, not one item's line (`wells_checklist` reads those)
    cuts = list(LABEL_CUT.finditer(label))
    if not sep and any(c.group().strip() != ":" for c in cuts):
        return None  # (with its own separator the line stays one item: "Ganzes. Bein ...: nein")
    at = cuts[-1].end() if cuts else 0
    label = label[at:]
    if (not sep and len(WORD.findall(label)) > 10) or LABEL_ANSWER.search(label):
        return None  # (another answer inside the label: the line holds two items)
    item = _item(label)
    if item is None:
        return None
    plain = ans.strip("()").rstrip(".").replace("\u2212", "-")
    if plain in POINTS:
        if plain == "-2" and item != FINDING:
            return None
        if item == FINDING and plain == "+1":
            return None  # an item worth -2 is not answered "+1"
    return item, state, at, a, b


def read_final(text: str, out: Tables, codes: dict[str, str], circled_only: bool = False) -> None:
    """Read a block of lines each naming one item with its answer last (3 above): at least
    three lines, three items, and half the note's lines (a checklist, not wrapped prose)."""
    found = []
    lines = list(LINE.finditer(text))
    for line in lines:
        if circled_only and not CIRCLED.match(line.group()):
            continue
        got = _final(line.group(), codes)
        if got is not None:
            item, state, at, a, b = got
            x = line.start()
            found.append((item, state, (x + at, line.end()), (x + a, x + b)))
    filled = sum(1 for line in lines if line.group().strip(" \t."))
    if len(found) < 3 or len({f[0] for f in found}) < 3 or len(found) * 2 < filled:
        return
    said = {text[a:b].strip("()").replace("\u2212", "-") for *_, (a, b) in found}
    if said & {"-2", "+1"}:  # a points list: the alternative's "1" is no answer (it is -2 or 0)
        found = [f for f in found if not (f[0] == FINDING and text[f[3][0] : f[3][1]] == "1")]
    for item, state, row, ans_span in found:
        _add(out, item, state, row, ans_span)


def read_keyed(text: str, out: Tables) -> None:
    """Every keyed Wells answer of `text` (legend, code legend, line-final answers)."""
    if "\n" not in text:
        read_legend(text, out, {})  # a legend and its keyed answers may share one line
        return
    codes, spans = read_codes(text)
    out.headers.extend(spans)
    read_legend(text, out, codes)
    # (a mark under a Yes or a No column is `wells_marks`'s; a circled option is read here)
    read_final(text, out, codes, circled_only=has_mark_columns(text))
