"""A denial said as a heading over a list: every item of the list is denied.

People and clinicians write what is NOT there as a heading and then a list, on the same line
("What he does NOT have: a temperature, pain in the chest, trouble breathing"; "He has none of
these: fever, chest pain") or on the lines below it ("Not present:" over "- fever" / "- redness";
"He doesn't have:" over "1. a limp" / "2. a fever"). ConText's negation stops at the colon or
after the first bare-comma item, so the later items read as present: a reassuring list read as a
list of warning signs. Here the heading's denial reaches each item of its list while the list
goes on as a list (short items, no new clause, no "but"), and no further.

A heading counts only when it is short, holds a denial word, names no finding itself ("No
swelling: just pain" is a checklist line, `answers.checklist_no`), and ends on a word that
makes it a heading of things had or not had ("have", "present", "these", "following", "negatives"
...): "It was not what I expected: my calf is swollen" and "No change: her calf is still red"
deny nothing.

The lead, issue 12 round 27 (2026-12-08): a reading rule, no clinical fact. From the
first-contact misses of the earlier writers' sets and the lead's probe bank
(tests/intake/dev37_lead_bank.yaml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legwise.intake.parsed import Parsed, Phrase

DENY = frozenset({"not", "n't", "nt", "no", "none", "never", "nil", "negative", "negatives",
                  "denies", "denied", "deny", "denying", "absent", "without",
                  "neither"})  # fmt: skip
# the last word of a heading of things had or not had
HEAD_ENDS = frozenset({"have", "has", "had", "got", "get", "gets", "getting", "present", "seen",
                       "noticed", "found", "experienced", "experiencing", "these", "those",
                       "following", "below", "above", "negatives", "negative", "denies",
                       "denied", "deny", "absent", "none", "nil", "no", "not", "symptoms",
                       "signs", "problems", "any", "of", "for", "there", "reported", "mentioned",
                       "complained", "suffered", "suffer"})  # fmt: skip
# a hedge in the heading: "Not sure about: fever, rash" denies nothing
HEDGES = frozenset({"sure", "certain", "know", "knows", "only", "just", "unless", "if", "?"})
MAX_HEAD = 8  # words of a heading
# where the heading's clause starts: a sentence's end, or a clause break before it
HEAD_OPENS = frozenset({".", "!", "?", ":", ";", ",", "and", "but", "so", "then", "(", "--"})
SEPARATORS = frozenset({",", "and", "or", "nor", "/", ";", "&"})
BULLETS = frozenset({"-", "*", "\u2022", "\u2013", "\u2014", "\u00b7", "+", ">", "o", "\u25cf"})
STOPS = frozenset({".", "!", "?", ":"})
# a word that opens a new statement: the list ends before the item that holds it
CLAUSE = frozenset({"i", "i'm", "im", "it", "it's", "he", "she", "they", "we", "you", "my", "his",
                    "her", "their", "our", "is", "are", "was", "were", "am", "be", "but",
                    "however", "although", "though", "except", "which", "because", "so",
                    "then", "while", "whereas", "until", "when", "since", "yet", "still",
                    "now", "yes", "y", "present", "positive", "has", "have", "had", "does",
                    "do", "did", "'s"})  # fmt: skip
MAX_ITEM = 4  # words of one item beside its matched phrases


def _line_break(orth: str) -> bool:
    return "\n" in orth


def _heading(p: Parsed, colon: int) -> int | None:
    """Where the denial heading ending at the colon `colon` starts, or None."""
    s = colon
    while s > 0 and not _line_break(p.orth[s - 1]) and p.lower[s - 1] not in HEAD_OPENS:
        s -= 1  # the clause the colon closes: "She asked and I have none of these:"
    while s < colon and p.lower[s] in BULLETS:
        s += 1
    head = [w for w in p.lower[s:colon] if not w.isspace()]
    if not head or len(head) > MAX_HEAD or head[-1] not in HEAD_ENDS:
        return None
    if not DENY & set(head) or HEDGES & set(head):
        return None
    if any(q.start < colon and s < q.end for q in p.phrases):
        return None  # "No swelling: just pain": a checklist line, not a heading
    return s


def _region(p: Parsed, colon: int, inside: set[int]) -> list[list[int]]:
    """The list after the heading's colon, as items (each the token indexes it holds): to the
    end of its sentence, and on over the lines below while each starts with a bullet or a
    number ("- fever", "1. a limp"), or while a line ends with no full stop of its own; not
    past a blank line."""
    n, i = len(p), colon + 1
    items: list[list[int]] = [[]]
    while i < n:
        o, w = p.orth[i], p.lower[i]
        if not items[-1] and (skip := _marker(p, i)):
            i += skip  # "- fever", "1. a limp", "2) swelling"
            continue
        stop = w in (".", ";") and i + 1 < n and _line_break(p.orth[i + 1])
        if _line_break(o) or stop:
            nxt = i + 2 if stop else i + 1
            if p.orth[nxt - 1].count("\n") > 1 or nxt >= n:
                break  # a blank line ends the list
            if stop and not _marker(p, nxt):
                break  # a line that ends on its own full stop, then a line of another kind
            items.append([])
            i = nxt
            continue
        if w in STOPS:
            break
        if w in SEPARATORS and i not in inside:  # "pain and swelling" is one item
            items.append([])
        else:
            items[-1].append(i)
        i += 1
    return [item for item in items if item]


def _marker(p: Parsed, i: int) -> int:
    """How many tokens a list marker at `i` takes: a bullet 1, a number and its "." / ")" 2."""
    w = p.lower[i]
    if w in BULLETS:
        return 1
    return 2 if w.isdigit() and i + 1 < len(p) and p.lower[i + 1] in (".", ")") else 0


def _said_part(p: Parsed, item: list[int], inside: set[int]) -> list[int]:
    """The part of an item that is still a list: up to a word that opens a statement, with at
    most MAX_ITEM words beside each matched phrase (items run together when their commas are
    left out: "an operation a long flight an injury to the leg")."""
    out: list[int] = []
    loose = 0
    for i in item:
        w = p.lower[i]
        if i not in inside and w in CLAUSE:
            break
        if i in inside and (i - 1) not in inside:
            loose = 0  # a new phrase: its own few words
        elif i not in inside and not w.isspace():
            loose += 1
            if loose > MAX_ITEM:
                break
        out.append(i)
    return out


def _heads(p: Parsed) -> tuple[tuple[int, int, str], ...]:
    """Every denial heading's reach: (first token, end token, the heading's words)."""
    out: list[tuple[int, int, str]] = []
    for colon, w in enumerate(p.lower):
        if w != ":":
            continue
        start = _heading(p, colon)
        if start is None:
            continue
        inside = {i for q in p.phrases if q.start > colon for i in range(q.start, q.end)}
        reach = colon + 1
        for item in _region(p, colon, inside):
            said = _said_part(p, item, inside)
            if said:
                reach = said[-1] + 1
            if len(said) < len(item):
                break  # the list turns into a statement: "fever back pain but my leg is red"
        if reach > colon + 1:
            out.append((colon + 1, reach, p.span_text(start, colon + 1)))
    return tuple(out)


def headed_denial(p: Parsed, ent: Phrase) -> str | None:
    """The denial heading whose list holds the phrase, as its words, or None."""
    if ":" not in p.text:
        return None  # the common case
    heads = p.denial_heads
    if heads is None:  # the same for every phrase of the text: made at its first phrase
        heads = p.denial_heads = _heads(p)
    for first, end, words in heads:
        if first <= ent.start and ent.end <= end:
            return words
    return None
