"""Surface forms of Wells notes read away for the Wells readers only (hW12, issue 12 round 12).
Each is rewritten to the same length, so every offset stays.

- Spoken punctuation in a dictation left unread ("Collateral veins no full stop. Paresis or cast
  no full stop", "Active cancer yes comma she is on capecitabine", "Wells score new line"): a
  label's answer ("no") is not seen to end its item. In a text that says two or more, each is
  written as its mark with blanks after it: "full stop" -> ".", "comma" -> ",", "colon" -> ":",
  "new line" / "new paragraph" / "next line" -> a line break.
- EHR smart-list selections ("Active cancer: {YES/NO:30021::"No"}"): only the chosen value stays.
- A starred choice of two options ("Active cancer ..... Y*  N", "Previous DVT .... Y   N*", with
  "* = selected"): only the starred option stays.
- Spreadsheet cell names before the cells ("A4 DV tenderness | B4 TRUE"), in three or more lines:
  blanked, so the label and the value are read as a two-cell row.

- Drawn and typeset tables (hT13, round 13): a box-drawn table's vertical rules ("│ Active
  cancer │  N  │") and a LaTeX tabular's cells ("Active cancer & 0 \\\\", "$-2$") are written
  as a "|" table, so the table readers see their cells.

- A hard-wrapped line (hW16, round 16): a note typed or pasted at a fixed width breaks its
  sentences and a long label's line mid-phrase ("... There has been no\nbed rest of 3 days",
  "... major surgery requiring general or\nregional anaesthesia - No"), so a sentence reader
  sees two halves and a checklist's answer loses its label. A long line that ends mid-phrase
  (on a word that ends no sentence and no checklist line: "or", "of the", "has been no") before
  a line that starts with a lower-case word is joined to it with a blank.

- Dot-leader rows run together (hW16): "Localised tenderness along deep veins ..... No Pitting
  oedema (symptomatic leg) ..... No" (a form whose line breaks were lost, or read as wrapped
  text): the blank after a row's answer, before the next label's own dot leader, becomes a line
  break again; so does the blank before a keyed answer run joined to the last label ("... or
  more Answers: Q1 Y, Q2 N").

- A diff's correction (hW16): "-calf_3cm: no (2.5 cm)" then "+calf_3cm: yes (3.1 cm)": the
  removed line is blanked and the added line's "+" with it, so only the corrected answer is read.

- Headings with no colon (hW16): a tree listing's folders ("├── does_not_score/" with its items
  one a branch below) and a markdown heading ("### Doesn't score") are written as a list head
  with its colon and its items as bullets ("does_not_score:", "  - bed_or_surgery"), so the list
  readers give each item under it the heading's answer.

A reading rule only: what each form says is the answer a checklist gives.
"""

from __future__ import annotations

import re

from legwise.intake.wells_checklist import LABELS
from legwise.intake.wells_legend import legend_words

SPOKEN = re.compile(
    r"\b(?:(?P<stop>full\s+stop)|(?P<comma>comma)|(?P<colon>colon)"
    r"|(?P<line>new\s+line|new\s+paragraph|next\s+line))\b",
    re.I,
)
MARKS = {"stop": ".", "comma": ",", "colon": ":", "line": "\n"}
SMART_LIST = re.compile(r"\{[^{}\n]{0,60}?::\s*\"?(?P<value>[^\"{}\n]{1,30}?)\"?\s*\}")
OPTION = r"(?:yes|no|y|n)"
STARRED = re.compile(
    rf"\b(?P<a>{OPTION})(?P<sa>\*?)[ \t]+(?P<b>{OPTION})(?P<sb>\*?)[ \t]*\.?[ \t]*$", re.I | re.M
)
CELL = re.compile(r"(?:^|(?<=\|))[ \t]*(?P<ref>[A-Z]{1,2}\d{1,3})[ \t]+(?=\S)", re.M)


def _blank(text: str, a: int, b: int) -> str:
    return text[:a] + " " * (b - a) + text[b:]


def _spoken(text: str) -> str:
    low = text.lower()
    if "comma" not in low and "stop" not in low and "line" not in low:
        return text
    found = list(SPOKEN.finditer(text))
    if len(found) < 2:
        return text
    out, last = [], 0
    for m in found:
        mark = MARKS[str(m.lastgroup)]
        out += [text[last : m.start()], mark, " " * (m.end() - m.start() - 1)]
        last = m.end()
    return "".join([*out, text[last:]])


def _smart_lists(text: str) -> str:
    for m in SMART_LIST.finditer(text):
        text = _blank(_blank(text, m.start(), m.start("value")), m.end("value"), m.end())
    return text


def _starred(text: str) -> str:
    for m in STARRED.finditer(text):
        if bool(m.group("sa")) == bool(m.group("sb")):
            continue  # neither starred, or both: no choice
        keep = "a" if m.group("sa") else "b"
        drop = "b" if keep == "a" else "a"
        text = _blank(
            text, m.start(drop), m.end("s" + drop) if m.group("s" + drop) else m.end(drop)
        )
        text = _blank(text, m.start("s" + keep), m.end("s" + keep))
    return text


def _cells(text: str) -> str:
    refs = list(CELL.finditer(text))
    if len({text.count("\n", 0, m.start()) for m in refs}) < 3:
        return text
    for m in refs:
        text = _blank(text, m.start("ref"), m.end("ref"))
    return text


BOX_RULES = str.maketrans({"\u2502": "|", "\u2503": "|", "\u2551": "|"})
# a LaTeX tabular row: cells split by "&", ended by "\\\\"
LATEX_ROW = re.compile(
    r"^(?P<row>[^\n&]+(?:&[^\n&]*)+?)(?P<end>\\\\)[ \t]*(?:\\hline)?[ \t]*$", re.M
)
LATEX_MATH = re.compile(r"\$(?P<v>[-+\u2212]?\d{1,2})\$")


def _latex(text: str) -> str:
    rows = list(LATEX_ROW.finditer(text))
    if len(rows) < 3:
        return text
    for m in rows:
        row = m.group("row").replace("&", "|")
        row = LATEX_MATH.sub(lambda v: " " + v.group("v") + " ", row)
        text = text[: m.start()] + row + "  " + text[m.end("end") :]
    return text


# a line of a wrapped paragraph: long, no tab or column gap, ending mid-phrase on a word that
# cannot end a sentence or a checklist's line ("general or", "of the", "there has been no"), and
# the next line starting with a lower-case word ("There has been no" / "bed rest of 3 days")
WRAPPED = re.compile(
    r"^(?P<line>[^\n\t]{8,}?)[ \t]*\n(?=[ \t]?(?P<next>[a-z][\w'-]*)[ \t]+\S)", re.M
)
# a next line that starts with a verb or joining word goes on the line before ("The whole of the
# right leg" / "is swollen and pits on pressure")
GOES_ON = re.compile(r"(?:is|are|was|were|has|have|had|and|or|than|of|to|with)$")
ENDED = re.compile(r"[.:;!?|)\]=]\s*$")
CONTINUES = re.compile(
    r"(?:(?<![ \t]{2})\b(?:or|and|nor|but|of|the|a|an|to|with|for|in|on|at|by|from|than|as|into"
    r"|over|under|after|since|within|without|is|are|was|were|be|been|has|have|had|his|her"
    r"|their|its|this|these|that|which|who|any|some|more|less|very|both|either|neither|general)"
    r"|\b(?:been|is|are|was|were|has|have|had|and|or|with|there|but)[ \t]+(?:no|not))$",
    re.I,
)
WRAP_WIDTH = 50
# a checklist row's answer at its line's end ("... anaesthesia - No", "...: yes"), and a cell or
# answer anywhere in a line
CELL_END = re.compile(r"(?:[:=|]|\s[-\u2013]|\.{2,})[ \t]*[\w+\-\u2212]{1,8}\.?[ \t]*$")
SEPARATOR = re.compile(r"[:=|]|\s[-\u2013]\s|\.{2,}|\(|\)")


def _label(m: re.Match[str]) -> bool:
    """Whether the wrapped line is a long label with no answer whose next line ends with one and
    names no item of its own ("... within the previous twelve weeks needing" / "general or
    regional anaesthesia - No"; not "... after a caesarean section" / "cancer - no")."""
    end = m.string.find("\n", m.end())
    after = m.string[m.end() : end if end >= 0 else len(m.string)]
    if SEPARATOR.search(m.group("line")) or not (cell := CELL_END.search(after)):
        return False
    return not any(p.search(after, 0, cell.start()) for _, p in LABELS)  # it names no item


def _wrapped(text: str) -> str:
    found = [
        m
        for m in WRAPPED.finditer(text)
        if CONTINUES.search(m.group("line"))
        or (len(m.group("line")) >= WRAP_WIDTH and _label(m))
        or (GOES_ON.match(m.group("next")) and not ENDED.search(m.group("line")))
    ]
    for m in found:
        text = text[: m.end() - 1] + " " + text[m.end() :]
    return text


# a |-separated record wrapped inside a field, its label at one line's end and its answer first
# on the next ("... | Pitting N | Collaterals" / "N | Prev DVT N | ..."; hW19): one field
WRAPPED_FIELD = re.compile(
    r"^(?P<line>[^\n|]*\|[^\n]*\|[^\n|]*?[A-Za-z][^\n|]*?)[ \t]*(?P<end>\.?\n)"
    r"(?=[ \t]*(?:[YN]|yes|no|Yes|No|YES|NO|\+?[01]|-2)[ \t]*(?:\([^\n)]*\)[ \t]*)?(?:\||$))",
    re.M,
)


def _wrapped_fields(text: str) -> str:
    for m in list(WRAPPED_FIELD.finditer(text)):  # (a full stop put at the line's end too)
        a, b = m.span("end")
        text = text[:a] + " " * (b - a) + text[b:]
    return text


# a dot leader's answer, then the next row's label with its own dot leader (or a field's colon:
# "... No Wells DVT score: 0") on the same line
LEADER_ROWS = re.compile(
    r"\.{3,}[ \t]*(?:yes|no|y|n|present|absent|\+1|0|1|-2)\b\.?(?P<gap>[ \t]+)"
    r"(?=[A-Z][^.\n:]{2,90}?(?:[ \t]\.{3,}|:))",
    re.I,
)


# a dot leader's box and maybe its note, then the next row's label with its own dot leader on the
# same line, where wrapped-text reading joined two rows (hW18: "... [x] L TKR 11/52 ago Localised
# tenderness along deep veins ..... [x]"): the break goes back before the shortest run of words
# that names an item (the note's words are the row before's)
BOX_ROWS = re.compile(
    r"\.{3,}[ \t]*(?:\[[^\]\n]{0,3}\]|[\u2610-\u2612])"
    r"(?P<rest>[ \t]+(?:[^\n.]|\.(?=\d))*?)(?=[ \t]*\.{3,})"
)


def _box_rows(text: str) -> str:
    for m in BOX_ROWS.finditer(text):
        blanks = [b.start() for b in re.finditer(r"[ \t]", m.group("rest"))]
        for b in reversed(blanks[1:]):
            label = m.group("rest")[b:]
            if re.search(r"[a-z]{3}", label, re.I) and any(p.search(label) for _, p in LABELS):
                a = m.start("rest") + b
                text = text[:a] + "\n" + text[a + 1 :]
                break
    return text


# a keyed answer run joined to the last label's line ("... of 3 cm or more Answers: Q1 Y, Q2 N")
KEYED_RUN = re.compile(r"(?<=\S)[ \t](?=(?:answers?|responses?)[ \t]*[:=][ \t]*Q\d)", re.I)


def _leaders(text: str) -> str:
    for m in LEADER_ROWS.finditer(text):
        a = m.start("gap")
        text = text[:a] + "\n" + text[a + 1 :]
    return text


def _keyed_run(text: str) -> str:
    for m in KEYED_RUN.finditer(text):
        text = text[: m.start()] + "\n" + text[m.end() :]
    return text


# a removed line just before an added line, each sign straight before its text (a diff's change;
# "- cancer: no" with a blank is a bullet, not a removal)
REMOVED = re.compile(r"^-(?=[^\s-])[^\n]*\n(?=\+[^\s+])", re.M)
ADDED = re.compile(r"^\+(?=[^\s+])", re.M)


def _diff(text: str) -> str:
    found = list(REMOVED.finditer(text))
    if not found:
        return text
    for m in found:
        text = _blank(text, m.start(), m.end() - 1)
    return ADDED.sub(" ", text)


BRANCH = re.compile(r"[\u251c\u2514]\u2500\u2500[ \t]?")  # "├── ", "└── "
FOLDER = re.compile(r"(?<=[A-Za-z_])/(?=\.?[ \t]*$)", re.M)  # "does_not_score/" at a line's end
BOX_TABLE = re.compile(r"[\u250c\u2510\u252c\u253c\u2524\u2518]")  # a table's corners, crossings
MD_HEAD = re.compile(r"^(?P<hashes>#{1,6}[ \t]+)(?P<name>[^\n:#.]{2,40}?)\.?[ \t]*$", re.M)


def _heads(text: str) -> str:
    if "\u2500" in text and not BOX_TABLE.search(text):  # a tree, not a box-drawn table
        text = BRANCH.sub(lambda m: " " * (len(m.group(0)) - 2) + "- ", text)
        text = text.replace("\u2502", " ")
        text = FOLDER.sub(":", text)
    if "#" in text:
        text = MD_HEAD.sub(
            lambda m: m.group("name") + ":" + " " * (len(m.group(0)) - len(m.group("name")) - 1),
            text,
        )
    return text


def wells_surface(text: str) -> str:
    """`text` with the forms above read away (same length); most texts have none."""
    text = _spoken(text)
    if "\n" in text:
        text = _wrapped(text)
    if "...." in text:
        text = _box_rows(_leaders(text))
    if "nswer" in text or "esponse" in text or "NSWER" in text or "ESPONSE" in text:
        text = _keyed_run(text)
    if "\n-" in text and "\n+" in text:
        text = _diff(text)
    if "::" in text and "{" in text:
        text = _smart_lists(text)
    if "*" in text:
        text = _starred(text)
    if "\u2502" in text or "\u2503" in text or "\u2551" in text:
        text = text.translate(BOX_RULES)
    if "&" in text and "\\\\" in text:
        text = _latex(text)
    if "=" in text or "means" in text:  # "Legend: RED = item present, GREEN = absent" (hW17)
        text = legend_words(text)
    if "|" in text:
        text = _wrapped_fields(_cells(text))
    if "\u2500" in text or "#" in text:
        text = _heads(text)
    return text
