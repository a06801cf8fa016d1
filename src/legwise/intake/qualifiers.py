"""Two-part findings read from a phrase that states one part (`knowledge/intake/qualifiers.yaml`).

Some findings are defined by two things at once: redness that spreads, pain on walking that
rest relieves, a loss of feeling that came suddenly. A phrase list also holds the short forms
people use when the other part is said elsewhere ("it's spreading" after "my shin is red"). Read
alone, such a short form raised the level of exam stems for a part they never gave ("pins and
needles spreading upwards" -> spreading redness -> emergency). So a phrase reading of such a
finding counts only when the phrase, its sentence or the text (as the rule says) holds a word
of the missing part; else it is dropped or read as the one-part finding the rule names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml

from legwise.errors import KnowledgeError
from legwise.intake.result import Extracted
from legwise.intake.sections import remote_spans

PHRASE_RULES = ("phrase ", "history phrase ", "family phrase ")
SENTENCE_END = re.compile(r"[!?;\n]|\.(?!\d)")  # not the point of "38.7" (hL15)
WORD = re.compile(r"[a-z][a-z'-]*")
# the few words a denial reaches ("no knock or fall", "wasn't injured"): a denied need is unsaid
DENIED = re.compile(r"\b(?:no|not|never|without|nor|n't)\s+((?:[a-z'-]+\s+){0,2}[a-z'-]+)")
LAST_WORD = re.compile(r"\b([a-z]+)\s+$")  # the word right before a reading
PREV_WORDS = 3  # `unless_prev`: how many words before a reading are looked at


@dataclass(frozen=True)
class Qualifier:
    finding: str
    within: str  # "sentence" | "text"
    needs: re.Pattern[str] | None
    instead: tuple[tuple[str, str], ...]  # (key word of the phrase, finding to read instead)
    values: frozenset[str]
    unless_next: frozenset[str]
    # hL17: the reading is dropped when one of these stands among the PREV_WORDS words before it
    # ("kidney weak", "her kidneys are weak"; with unless_next: "weak kidneys")
    unless_prev: frozenset[str]
    unless: re.Pattern[str] | None
    unless_without: re.Pattern[str] | None  # words that keep the reading despite `unless`
    unless_within: str  # the scope of `unless` and `unless_without`: "sentence" | "text"
    unless_instead: tuple[tuple[str, str], ...]  # like `instead`, when `unless` dropped it
    in_phrase: re.Pattern[str] | None  # words that qualify the phrase itself (not its scope)
    # hT18: the reading is dropped when its clause before it names one of these and no `needs`
    # word: the subject of its verb is another sign ("numbness that has been spreading up")
    unless_subject: frozenset[str] = frozenset()
    fragment: int = 0  # a sentence of at most this many words answers a question: it stands
    # findings that, read present anywhere in the text by any reader, are the missing part too
    # (hT15: "crashed at speed" is an injury whatever its words; the injury's own readers know)
    needs_read: frozenset[str] = frozenset()
    # hF21: the reading is dropped when its own clause names one of these (an activity, a habit,
    # a medicine) and no `unless_without` word: the time is that thing's ("I do spin three times
    # a week", "taking a sleeping tablet most nights"), whatever the rest of the sentence says
    unless_clause: re.Pattern[str] | None = None
    unless_clause_without: re.Pattern[str] | None = None  # the symptom said in that clause
    # hF21: dropped when the word right before the reading (no stop between) is one of these: a
    # relief said of the moment ("fine when I'm sat still", "better at night") is no worsening
    unless_before: frozenset[str] = frozenset()
    denied_unsaid: bool = False  # hF21: a text-wide need a denial reaches is unsaid (DENIED)


def _words(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alts = "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alts})\b")


@functools.cache
def qualifiers() -> dict[str, Qualifier]:
    """The reviewed rules, by finding id (loaded once)."""
    path = resources.files("legwise").joinpath("knowledge", "intake", "qualifiers.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, Qualifier] = {}
    for r in data["rules"]:
        if r["finding"] in out:  # a second entry would silently replace the first (hL17)
            raise KnowledgeError([f"qualifiers.yaml: {r['finding']} has two rules; merge them"])
        out[r["finding"]] = Qualifier(
            finding=r["finding"],
            within=r.get("within", "sentence"),
            needs=_words(r.get("needs") or []),
            instead=tuple((k.lower(), v) for k, v in (r.get("instead") or {}).items()),
            values=frozenset(r.get("values") or ["present"]),
            unless_next=frozenset(w.lower() for w in r.get("unless_next") or []),
            unless_prev=frozenset(w.lower() for w in r.get("unless_prev") or []),
            unless=_words(r.get("unless") or []),
            unless_without=_words(r.get("unless_without") or []),
            unless_within=r.get("unless_within", r.get("within", "sentence")),
            unless_instead=tuple(
                (k.lower(), v) for k, v in (r.get("unless_instead") or {}).items()
            ),
            in_phrase=_words((r.get("needs") or []) + (r.get("in_phrase") or [])),
            unless_subject=frozenset(w.lower() for w in r.get("unless_subject") or []),
            fragment=int(r.get("fragment", 0)),
            needs_read=frozenset(r.get("needs_read") or []),
            unless_clause=_words(r.get("unless_clause") or []),
            unless_clause_without=_words(r.get("unless_clause_without") or []),
            unless_before=frozenset(w.lower() for w in r.get("unless_before") or []),
            denied_unsaid=bool(r.get("denied_unsaid", False)),
        )
    return out


def _sentence(lower: str, start: int, end: int) -> str:
    a = max((m.end() for m in SENTENCE_END.finditer(lower, 0, start)), default=0)
    b = SENTENCE_END.search(lower, end)
    return lower[a : b.start() if b else len(lower)]


CLAUSE_CUT = re.compile(r"[!?;:,\n]|\.(?!\d)")
# a clause of its own for `unless_clause`: cut at punctuation and at the joining words too
OWN_CLAUSE = re.compile(
    r"[!?;:,\n]|\.(?!\d)|\b(?:and|but|so|then|because|although|though|whereas|while)\b"
)


def _own_clause(lower: str, start: int, end: int) -> str:
    a = max((m.end() for m in OWN_CLAUSE.finditer(lower, max(0, start - 100), start)), default=0)
    b = OWN_CLAUSE.search(lower, end, end + 100)
    return lower[max(a, start - 100) : b.start() if b else min(len(lower), end + 100)]


def _subject_is_other(q: Qualifier, lower: str, start: int) -> bool:
    """Whether the clause before `start` names a word of `unless_subject` and no word of
    `needs` (a red swelling spreading is still a redness)."""
    cut = max((m.end() for m in CLAUSE_CUT.finditer(lower, max(0, start - 80), start)), default=0)
    clause = lower[max(cut, start - 80) : start]
    if q.needs is not None and q.needs.search(clause):
        return False
    return not q.unless_subject.isdisjoint(WORD.findall(clause))


def _qualified(q: Qualifier, item: Extracted, lower: str, now: str | None = None) -> str | None:
    """None when the reading stands; else why it does not: "next" (a word right before or after
    it says the phrase is another thing's: "numbness spreading", "kidney weak"), "unless" (a
    word in its scope makes it another finding's), "clause" (its own clause times an activity)
    or "needs" (the missing part is not said)."""
    if q.unless_next:
        nxt = WORD.match(lower[item.end :].lstrip())
        if nxt and nxt.group() in q.unless_next:
            return "next"
    if q.unless_prev and not q.unless_prev.isdisjoint(
        WORD.findall(lower[max(0, item.start - 30) : item.start])[-PREV_WORDS:]
    ):
        return "next"
    last = LAST_WORD.search(lower, max(0, item.start - 30), item.start) if q.unless_before else None
    if last is not None and last.group(1) in q.unless_before:
        return "next"
    if q.unless_subject and _subject_is_other(q, lower, item.start):
        return "next"
    scope = (now or lower) if q.within == "text" else _sentence(lower, item.start, item.end)
    if q.unless is not None:
        near = scope
        if q.unless_within != q.within:
            near = lower if q.unless_within == "text" else _sentence(lower, item.start, item.end)
        if q.unless.search(near) and (
            q.unless_without is None or not q.unless_without.search(near)
        ):
            return "unless"
    if q.unless_clause is not None:
        clause, keep = _own_clause(lower, item.start, item.end), q.unless_clause_without
        if q.unless_clause.search(clause) and not (keep is not None and keep.search(clause)):
            return "clause"
    if q.needs is None or (q.in_phrase is not None and q.in_phrase.search(item.text.lower())):
        return None
    if q.fragment and len(WORD.findall(scope)) <= q.fragment:
        return None  # "At night." "Mostly when I sit." (hL15): an answer, its subject understood
    return None if q.needs.search(scope) is not None else "needs"


def _may_apply(q: Qualifier | None, i: Extracted) -> bool:
    """Whether rule `q` may drop or change reading `i` (`applies` below, before `needs_read`)."""
    return q is not None and str(i.value) in q.values and i.rule.startswith(PHRASE_RULES)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span made spaces (offsets kept)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def drop_unqualified(text: str, items: list[Extracted]) -> list[Extracted]:
    """`items` without the one-part phrase readings of two-part findings (see the module)."""
    table = qualifiers()
    lower = text.lower()
    # a past episode's words ("a clot in 2017 after a broken ankle") are not today's missing
    # part: a text-wide need is looked for outside the past-dated clauses, and for a rule that
    # says so outside the words a denial reaches too ("no knock or fall"; hF21, round 21). Each
    # is worked out only when a reading needs it: most texts have no reading a rule applies to,
    # and most rules look within the sentence
    past: list[tuple[int, int]] | None = None
    now: str | None = None
    unsaid: str | None = None
    read: set[str] | None = None
    out: list[Extracted] = []
    for i in items:
        q = table.get(i.finding)
        if q is None or not _may_apply(q, i):
            out.append(i)
            continue
        if q.needs_read:
            if read is None:
                past = remote_spans(text) if past is None else past
                read = {
                    j.finding
                    for j in items
                    if j.value == "present" and not any(a <= j.start < b for a, b in past)
                }
            if q.needs_read & read:
                out.append(i)
                continue
        scope = lower  # (`_qualified` reads `scope` only for a rule `within` the text)
        if q.within == "text":
            if now is None:
                past = remote_spans(text) if past is None else past
                now = _blanked(lower, past)
            if q.denied_unsaid and unsaid is None:
                unsaid = _blanked(now, [m.span(1) for m in DENIED.finditer(lower)])
            scope = unsaid if q.denied_unsaid and unsaid is not None else now
        why = _qualified(q, i, lower, scope)
        if why is None:
            out.append(i)
        else:
            words = set(WORD.findall(i.text.lower()))
            instead = () if why == "clause" else q.instead
            if why == "unless" and q.unless_instead:
                # said of the one part the rule asks for, the other part is no longer in doubt
                instead = (
                    q.unless_instead
                    if q.needs is None
                    or _qualified(
                        replace(q, unless=None, unless_next=frozenset(), unless_prev=frozenset()),
                        i,
                        lower,
                        scope,
                    )
                    is None
                    else ()
                )
            other = next((f for key, f in instead if key in words), None)
            if other is not None:
                out.append(replace(i, finding=other, rule=f"{i.rule} (one part of {q.finding})"))
    return out
