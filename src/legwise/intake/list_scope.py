"""Lists a negation runs along when their items are whole findings said in lay words.

Lay text denies several findings at once in noun phrases that carry their own small words
("no swelling in my leg, blood when I cough or a cold foot", "I don't have any numbness around
my bottom, bowel trouble or a fever"); the words of a matched phrase are then one list item,
whatever they hold ("my", "when"), as long as the list goes on to an "or"/"nor" item (a bare
comma list still ends at a longer phrase: "no fever, calf swollen"). A denial said after the
list closes it ("varicose veins, night sweats, cramps: none of those"; "redness (none)").

hS14 (issue 12 round 14), from the generated lay stress set's denial-list frames (bench/
lay_stress.py, dev part) and own_heldout13's "redness (none), back pain (none)".

Both denials said after a list live here: the "none" that closes any list (`closes_list`) and
the post-posed "absent" / "not seen" that denies an "or" list (`denied_list_before`, below).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legwise.intake.parsed import Cue, Parsed, Phrase

ITEM = "a"  # a list word: a matched phrase's words count as one item with nothing said
POSSESSIVES = frozenset({"my", "his", "her", "their", "our", "your"})
PREPOSITIONS = frozenset({"in", "on", "around", "round", "of", "under", "behind", "down", "up",
                          "to", "from", "at", "over", "between", "across", "inside", "near",
                          "below", "above", "into", "along"})  # fmt: skip
OR_WORDS = ("or", "nor")
# "none of those", "none of the above", "none of them": the denial closes the list before it
CLOSER_NEXT = frozenset({"of"})
CLOSER_LEAD = frozenset({":", "-", "(", "?", "--"})
MAX_LIST = 24


def masked(p: Parsed, start: int, end: int) -> list[str]:
    """The words [start, end) with each word of a matched phrase, and a possessive after a
    preposition ("numbness in his leg", "all the way up my leg": a noun phrase, no new
    subject), given as a bare list word."""
    inside: set[int] = set()
    for q in p.phrases:
        if q.start < end and start < q.end:
            inside.update(range(max(q.start, start), min(q.end, end)))
    words = p.words
    return [
        ITEM
        if i in inside or (words[i] in POSSESSIVES and i > 0 and words[i - 1] in PREPOSITIONS)
        else words[i]
        for i in range(start, end)
    ]


def or_list(
    p: Parsed, end: int, ent: Phrase, name: str, goes_on: Callable[[Parsed, Phrase], bool]
) -> tuple[bool, list[str]] | None:
    """For a negation ending at `end` before `ent`: (True, the gap's words with each matched
    phrase as a bare list word) when they are a list that ends on, or goes on to, an
    "or"/"nor" item; else None (the gap is read word by word)."""
    if name != "negated":
        return None
    words = masked(p, end, ent.start)
    seps = [w for w in words if w in (",", "and", *OR_WORDS, "/")]
    if seps and (seps[-1] in OR_WORDS or goes_on(p, ent) or goes_on(p, _whole_item(p, ent))):
        return True, words
    return None


# hT18 (issue 12 round 18): advice on when to come back names the person before its list ("if
# you develop chest pain or become short of breath", "should he get a fever or calf swelling"):
# the subject after a hypothetical cue belongs to the cue, as a negated verb does to "not"
IF_SUBJECTS = frozenset({"you", "he", "she", "they", "i", "we", "patient"})


def lead_stripped(item: list[str], name: str, verbs: frozenset[str]) -> list[str]:
    """The first item of a list a cue runs along, without the words that belong to the cue:
    the negated verb ("doesn't get worse lying down or at night"), or the subject after a
    hypothetical one ("if you develop chest pain or become short of breath")."""
    if name == "hypothetical" and item and item[0] in IF_SUBJECTS:
        item = item[1:]
    while item and item[0] in verbs:
        item = item[1:]
    # a possessive inside the item names whose thing it is, no new subject: "never been off his
    # food or had a temperature", "no swelling in my calf or redness" (hF22, round 22)
    return item[:1] + [w for w in item[1:] if w not in POSSESSIVES]


POSSESSIVES = frozenset({"my", "his", "her", "their", "our", "your"})


def item_end(p: Parsed, ent: Phrase) -> int:
    """Where the list item a phrase heads ends: past a place said after it ("no swelling in my
    ankle, heat in my calf or numbness": the item is "heat in my calf")."""
    words, i = p.words, ent.end
    if i >= len(words) or words[i] not in PREPOSITIONS:
        return i
    for j in range(i + 1, min(i + 5, len(words))):
        if words[j] in (",", *OR_WORDS, ".", ";", "!", "?"):
            return j
    return i


def _whole_item(p: Parsed, ent: Phrase) -> Phrase:
    from legwise.intake.parsed import Phrase

    return Phrase(ent.start, item_end(p, ent), ent.label, ent.key, ent.cues)


def next_word(p: Parsed, ent: Phrase, relaxed: bool) -> str:
    """The word after the phrase, or after its whole item in an "or" list (`relaxed`)."""
    end = item_end(p, ent) if relaxed else ent.end
    return p.lower[end] if end < len(p.lower) else "."


def own_words(p: Parsed, ent: Phrase, relaxed: bool) -> set[str]:
    """The phrase's own words that may start a clause; in an "or" list only its first word
    ("warmth in my leg", "blood when I cough" are items; "my leg is swollen" is a clause)."""
    return {p.lower[ent.start]} if relaxed else set(p.lower[ent.start : ent.end])


def closes_list(
    p: Parsed,
    modifier: Cue,
    ent: Phrase,
    item_ok: Callable[[list[str], int], bool],
    separators: frozenset[str],
    breaks: frozenset[str],
) -> bool:
    """Whether a "none" said after the phrase denies it: right after it in brackets or after a
    colon ("redness (none)", "fever: none"), or at the end of a list it closes ("varicose veins,
    swelling of the whole leg, night sweats: none of those")."""
    start = modifier.start
    if p.lower[start] != "none" or start < ent.end:
        return False
    gap = masked(p, ent.end, start)
    if gap in ([], ["("], [":"], ["-"]):
        return True
    follows = p.lower[start + 1] if start + 1 < len(p.lower) else "."
    if follows not in CLOSER_NEXT or len(gap) > MAX_LIST or ent.start < p.sent_start[start]:
        return False
    while gap and gap[-1] in CLOSER_LEAD:
        gap = gap[:-1]
    if breaks & set(gap):
        return False
    items: list[list[str]] = [[]]
    for w in gap:
        if w in separators:
            items.append([])
        else:
            items[-1].append(w)
    return all(item_ok(item, 4) for item in items)


# The whole leg named as one item of a denied "or" list ("No bites, pain on walking or swelling
# of the whole leg", "I do not have bowel trouble, swelling all the way up my leg or any
# fever"): the list's negation reaches it as it reaches a phrase; not past a "but" or an item
# with its own verb ("no fever, my whole leg is swollen"), nor from "not sure"
LIST_OR = re.compile(r"\b(?:or|nor)\b", re.I)
LIST_ENDS = re.compile(r"\b(?:but|however|although|though|whereas|while|is|are|was|were|has|"
                       r"have|had|looks|feels|went|gone)\b|'s\b", re.I)  # fmt: skip
NOT_A_DENIAL = re.compile(r"\s+(?:sure|certain|only|just)\b", re.I)


def denied_clause(text: str, clause: str, sentence: int, at: int, denial: re.Pattern[str]) -> bool:
    """Whether the clause of the words at `at` (in the sentence starting at `sentence`) holds a
    `denial` word, or is a later item of an "or" list that one before it opens."""
    if denial.search(clause):
        return True
    found = [
        m for m in denial.finditer(text, sentence, at) if not NOT_A_DENIAL.match(text, m.end())
    ]
    if not found:
        return False
    opens = found[-1].end()
    comma = text.find(",", opens, at)
    if comma < 0:
        return False
    end = min([e for e in (text.find(c, at) for c in ".;\n|") if e >= 0] or [len(text)])
    return bool(LIST_OR.search(text, opens, end)) and not LIST_ENDS.search(text, comma, at)


# --- a denial written AFTER an "or" list (hT14, issue 12 round 14) ---------------------------
# A denial written after a list of findings joined by "or": it denies every item.
#
# hT14 (issue 12 round 14, 2026-12-06; a reading rule, no clinical fact). Exam stems deny a list
# AFTER naming it: "Calf tenderness, swelling or erythema absent", "Fever or rigors not seen",
# "Tender calf, swollen right calf or skin break on the leg absent". A list joined by "or"
# (or "nor") is read as one alternative denied as a whole only when the denial closes the clause;
# a list joined by "and" or a bare comma is not ("red swollen calf, pulses absent": only the
# pulses are absent), so a warning sign is never denied by a cue that may speak of another.
BACK_OR = frozenset({"or", "nor"})
LIST_SEPS = frozenset({",", "or", "nor", "/"})
OTHER_SEPS = frozenset({"and", "&", "+"})
STOPS = frozenset({".", ";", "!", "?", "(", ")", "but", "however", "although", "though",
                   "which", "because", "so", "then", "while", "whereas", "when", "since",
                   "i", "he", "she", "they", "we", "it", "is", "are", "was", "were", "has",
                   "have", "had", "there", "this", "that", "who", "also"})  # fmt: skip
BACK_CLOSERS = frozenset({".", ";", ",", "!", "?", ")"})
MAX_BACK_LIST = 16  # words from the first item to the denial
MAX_ITEM = 5  # words of one later item ("skin break on the leg")


def denied_list_before(p: Parsed, modifier: Cue, ent: Phrase) -> bool:
    """Whether a negation cue after the phrase `ent` closes an "or" list that `ent` heads."""
    gap = p.words[ent.end : modifier.start]
    seps = [i for i, w in enumerate(gap) if w in LIST_SEPS]
    if not seps or not BACK_OR & {gap[i] for i in seps} or len(gap) > MAX_BACK_LIST:
        return False
    if (STOPS | OTHER_SEPS) & set(gap):
        return False
    ends = [*seps[1:], len(gap)]
    items = [gap[a + 1 : b] for a, b in zip(seps, ends, strict=True)]
    if any(not item or len(item) > MAX_ITEM for item in items):
        return False
    after = p.words[modifier.end] if modifier.end < len(p) else "."
    return after in BACK_CLOSERS or modifier.end >= p.sent_end[ent.start]


def forward_out_of_reach(p: Parsed, modifier: Cue) -> bool:
    """Whether a post-posed denial ("not seen", context_rules.json metadata `after_colon_only`)
    may not reach forward: only a list it heads after a colon ("have NOT seen: any cuts, a
    fever") is denied; "fever not present, calf tender and swollen" says nothing of the calf."""
    meta = getattr(modifier.rule, "metadata", None) or {}
    if not meta.get("after_colon_only"):
        return False
    return not (modifier.end < len(p) and p.words[modifier.end] == ":")


# --- a negation cut short by a negation word inside a term (hT16, issue 12 round 16) ---------
# medspaCy ends a negation's scope at the next negation cue, even one that is part of a matched
# term ("non" in "non-varicose collateral veins"); `legwise.intake.parsed` keeps that scope as
# medspaCy gives it. "No prominent non-varicose collateral veins or unilateral pitting oedema"
# denies both: the cue before the term still reaches the phrases of its sentence, through the
# same list checks as any other negation (`cues._reaches`).
def cut_by_term(p: Parsed, ent: Phrase) -> list[Cue]:
    """Forward negation cues before `ent` in its sentence whose scope ended where a negation
    word inside a matched phrase begins."""
    inner = p.inner_negations
    if inner is None:  # the same for every phrase of the text: made at its first phrase
        inner = p.inner_negations = frozenset(
            c.start
            for c in p.cues
            if c.category == "NEGATED_EXISTENCE"
            and any(q.start <= c.start and c.end <= q.end for q in p.phrases)
        )
    if not inner:
        return []
    return [
        c
        for c in p.cues
        if c.category == "NEGATED_EXISTENCE"
        and c.direction == "FORWARD"
        and c.end <= ent.start
        and c.scope_end <= ent.start
        and c.scope_end in inner
        and c.start not in inner
        and p.sent_end[c.start] >= ent.end
    ]
