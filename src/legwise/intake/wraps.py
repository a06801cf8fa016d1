"""Soft line wraps: a line break inside a sentence, left by a mail client, a calculator's copy
button or an EHR text box that wraps at a fixed width (issue 12, round 10).

Every reader takes a line break as the end of a sentence, because in lists and checklists it is
one ("cancer: no" on its own line). In a wrapped paragraph it is not: "They have no" / "collateral
(nonvaricose) superficial veins." split the denial from what it denies, and the veins were read
present. Wrapping the development texts at 72 columns changed the reading of 44% of them.

So a break is read as a space when it sits inside a sentence. A break can only be one (a
*candidate*) when both lines are prose: the line before is long (wrapping happens near a fixed
width, 60-100 characters), has no tab or "|" cell, holds no label's answer ("calf 3cm+ bigger?
no", "entire leg swollen    no", "Nil"), is no row of a comma-separated table, ends in no full
stop, and the next line is no field of its own ("thigh circ: equal"). A candidate is joined when
the sentence plainly runs on: the line ends in a word that ends no sentence ("have no", "to the",
"is as"), in a comma, a colon or "=" ("immob >3d =" / "yes"), or in a word broken at its
hyphen; or when the next line goes on in lower case, with a number or a bracket, and the text
has two or more candidates (a wrapped paragraph) or the line is as wide as a wrap (60 characters
or more). It is never joined on that
last ground when the line's last clause denies something and the next line opens a statement of
its own ("no fever no cough nothing like that at all" / "left calf swollen"): kept apart, the
swelling is read, the safe way to be wrong.

The rewrite keeps every span pointing at the text as written (`legwise.intake.surface`).
"""

from __future__ import annotations

import csv
import functools
import re

from legwise.intake.tsv_table import is_tsv_table as _tsv

# a break after a word, a number, a comma or a bracket, before a line that goes on
PIECE = r"(?-i:(?<=[A-Za-z0-9,)%'\-=:])(?P<wrap>[ \t]*\n)(?=[ \t]*[A-Za-z0-9(]))"
_BREAK = re.compile(PIECE)
# a wrapped line is at least this long (mail clients wrap at 72-78, calculators and EHR boxes at
# 80-100; a list item typed by hand is shorter)
MIN_LINE = 45
MIN_WORDS = 6
WIDE = 60  # a single long line this wide is taken as wrapped when the next goes on in lower case
# a line that holds a label's answer ("whole leg swollen? no", "cancer - yes (bladder)",
# "Calf >= 3 cm: N", "entire leg swollen    no"): a checklist row, whose break ends the item
ANSWER = re.compile(
    r"(?:[?:=]|\s[-\u2013\u2014]|^[-\u2013\u2014]|\S(?P<gap>[ \t]{2,}|\t))\s*"
    # (and the answers of bilingual forms: "deep vein tenderness : non", "calf: ja"; hW14)
    r"(?:yes|no|y|n|nil|none|neg|negative|pos|positive|absent|present|true|false|unknown|n/?a"
    r"|non|nein|ja|oui|nee|sim|n[a\u00e3]o|s[i\u00ed]"
    r"|not\s+(?:assessed|examined|known|done)|cannot\s+assess|[+\-\u2212]?[0-2])(?![\w/])"
    r"(?:\s*\([^()]*\))?[\s.;,]*$",  # at the line's end (a note may hold "CA: none." inside)
    re.I,
)
# a sentence's end inside a line: a wide gap after it is typed spacing in prose ("... in 2015.
# Wells  2."), not the gap between a field's label and its answer
SENTENCE_END = re.compile(r"[a-z0-9)%][.!?][ \t]+[A-Z0-9]")
# a line's last word that answers its label ("... of the legs no"); "no" and "nil" are a denial
# that goes on in the next line when a verb or a sentence start stands before them
ANSWER_WORDS = frozenset({"yes", "no", "y", "n", "nil", "none", "true", "false", "present",
                          "absent", "positive", "negative", "neg", "pos"})  # fmt: skip
DENIALS = frozenset({"no", "none", "nil"})
# words that end no sentence: a line ending in one goes on in the next ("have no", "is as")
RUNS_ON = frozenset({"the", "a", "an", "of", "to", "with", "and", "or", "but", "in", "on", "at",
                     "for", "from", "by", "as", "than", "is", "are", "was", "were", "be", "been",
                     "has", "have", "had", "having", "no", "not", "nor", "his", "her", "their",
                     "my", "your", "its", "our", "this", "that", "these", "those", "very", "more",
                     "less", "into", "onto", "over", "under", "after", "before", "since",
                     "about", "around", "between", "both", "either", "any", "some", "there",
                     "which", "who", "whose", "when", "while", "because", "if", "shows",
                     "showed", "reports", "reported", "denies", "denied", "without", "along",
                     "across", "below", "above", "within", "per", "x", "just", "also", "so",
                     "then", "up", "down", "left", "right", "l", "r", "feels",
                     "felt", "got", "gets", "get", "can't", "cannot", "can", "will", "would",
                     "could", "does", "do", "did", "doesn't", "don't", "didn't", "isn't",
                     "wasn't", "i", "i'm", "i've", "he", "she", "they", "we", "it", "it's",
                     "he's", "she's", "they're", "being", "mild", "mildly", "slightly",
                     "quite", "really", "non", "other", "unless", "until", "although",
                     "though", "whether", "where", "like", "through", "during", "against",
                     "towards", "toward", "near", "such", "same", "most", "much",
                     "equally", "prior", "previous", "previously", "recent", "recently",
                     "active", "entire", "whole", "deep", "superficial", "major", "alternative",
                     "localized", "localised", "collateral", "documented", "hx", "h/o", "c/o",
                     "s/p", "pmhx", "known",
                     # a verb of finding or judging, which needs its object: "We did not find" /
                     # "the entire leg swollen" (hW12, round 12; own_heldout11 h11w_01)
                     "find", "see", "feel", "note", "notice", "detect", "elicit", "demonstrate",
                     "appreciate", "palpate", "observe", "think", "believe", "consider",
                     "suspect", "identify"})  # fmt: skip
DENIES = re.compile(r"\b(?:no|not|nil|denies|denied|without|never|none|neither|nor)\b|n't\b", re.I)
# words that open a statement of its own (a new subject, side, time or link word)
OPENS = frozenset({"my", "his", "her", "their", "our", "the", "left", "right", "l", "r", "both",
                   "i", "i'm", "i've", "im", "ive", "he", "she", "they", "we", "it", "its",
                   "it's", "this", "there", "now", "but", "and", "also", "today", "yesterday",
                   "since", "then", "still", "just", "mum", "dad", "pt", "patient"})  # fmt: skip
# a line that opens with a short label and a colon: a field of a form or an exam list
LABEL = re.compile(r"[^:.!?\n]{1,60}:(?!//)")
POINTS = re.compile(r"[+\-\u2212]?[0-3]")
_HYPHENATED = re.compile(r"[A-Za-z]-$")


def _lines(text: str, at: int, end: int) -> tuple[str, str]:
    """The line that ends at `at` and the one that starts at `end` (a break's two sides)."""
    stop = text.find("\n", end)
    return text[text.rfind("\n", 0, at) + 1 : at].strip(), text[end : stop if stop >= 0 else None]


def _candidate(before: str, after: str, table: bool = False) -> bool:
    """Whether a break between these lines may sit inside a sentence (both are prose). `table`:
    the text holds a TSV table, whose tabs are its columns; elsewhere a tab is a blank."""
    after = after.strip()
    if _width(before) < MIN_LINE or len(re.split(r"[\s/]+", before)) < MIN_WORDS or not after:
        return False
    if "|" in before or "|" in after or (table and ("\t" in before or "\t" in after)):
        return False
    if before.count(",") == after.count(",") >= 3:  # rows of a comma-separated table
        return False
    if after.count(",") >= 3 and _csv_row(before, after):
        return False
    if _answers(before) or _ends_in_answer(before):
        return False
    # a line that stops on a word that ends no sentence runs on, whatever the next one holds
    if _runs_on(before):
        return True
    fields = LABEL.match(before) and LABEL.match(after)  # "calf circ: ..." / "thigh circ: equal"
    return not (fields or _answers(after))


def _width(line: str) -> int:
    """A line's width with each run of blanks counted as one, as the blank rewrite leaves it
    (`legwise.intake.surface`): typed spacing does not make a short line a wrapped one."""
    return len(" ".join(line.split()))


def _answers(line: str) -> bool:
    """Whether the line ends in a label's answer (`ANSWER`). An answer after a wide gap or a
    tab counts only where no sentence ends before it on the line: "entire leg swollen    no",
    "Calf swelling\t1" are fields, "... A DVT in 2015. Wells  2." is prose with a blank typed
    twice (round 27: such blanks changed how a wrapped note was joined, and its reading)."""
    m = ANSWER.search(line)
    if m is None:
        return False
    return not (m.group("gap") and SENTENCE_END.search(line, 0, m.start()))


def _csv_row(before: str, after: str) -> bool:
    """Whether two lines are rows of one comma-separated table: as many cells each, counted
    with a quoted cell ("Pitting oedema, affected leg") as one (hW14, round 14: a CSV export's
    header over its value row was joined as a wrap)."""
    head, row = next(csv.reader([before])), next(csv.reader([after]))
    return len(head) == len(row) >= 4


def _runs_on(before: str) -> bool:
    """Whether the line stops where no sentence ends: on a word like "the", "no", "is", or a
    word broken at its hyphen."""
    last = before.split()[-1].lower()
    return last in RUNS_ON or last[-1:] in "=:" or bool(_HYPHENATED.search(before))


def _ends_in_answer(line: str) -> bool:
    """A line that ends in an answer word after its label ("... of the legs no", "entire leg
    swollen yes"); "no" after a verb, a comma or a full stop is a denial ("They have no",
    "No trauma. No")."""
    words = line.lower().split()
    if len(words) > 2 and POINTS.fullmatch(words[-1]):  # "... major surgery  no  0", "yes +1"
        words.pop()
    last = words[-1].rstrip(",")
    if last not in ANSWER_WORDS or words[-1].endswith(","):
        return False
    if last not in DENIALS or len(words) < 2:
        return True
    before = words[-2]
    return before[-1:] not in ".,;:!?" and before not in RUNS_ON


@functools.lru_cache(maxsize=8)
def candidates(text: str) -> int:
    """How many line breaks of `text` may sit inside a sentence."""
    table = _tsv(text)
    return sum(_candidate(*_lines(text, m.start(), m.end()), table) for m in _BREAK.finditer(text))


def join(text: str, start: int, end: int) -> str | None:
    """What the break text[start:end] (blanks and a line break) becomes inside a sentence: a
    space, or nothing after a word broken at its hyphen ("non-" / "varicose"); None where it
    ends a sentence or a list item."""
    before, after = _lines(text, start, end)
    if not _candidate(before, after, _tsv(text)):
        return None
    first = after.lstrip()[:1]
    if _HYPHENATED.search(before) and first.islower():
        return ""
    if _runs_on(before) or before.endswith(","):
        return " " * (end - start)
    # a long line that goes on in lower case or with a number: inside a wrapped paragraph, or
    # near a wrap width (60 or more characters)
    if not (first.islower() or first.isdigit() or first == "(") or not (
        candidates(text) >= 2 or _width(before) >= WIDE
    ):
        return None
    # never when its last clause denies something and the next line opens a statement of its
    # own ("no travel" / "left calf swollen"): kept apart, the swelling is read, the safe way
    # to be wrong
    if DENIES.search(re.split(r"[.,;:!?]", before)[-1]) and after.split()[0].lower() in OPENS:
        return None
    return " " * (end - start)
