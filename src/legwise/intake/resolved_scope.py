"""How far back a resolved cue said after a phrase reaches ("a fever last week but it's gone
now", "breast ca 2009, in remission").

The cue reaches back within the phrase's clause: not across a relative clause ("AF who has gone
off ..."), nor past a new subject ("twisted my ankle, the swelling has gone down"). A cue that
takes the clause up again with "but" and a pronoun ("..., but that's gone now", "but it is
better now") speaks of the whole clause before it, its object and a "because"/"when" part
included ("he can't lift the front of his foot, but that's gone now", "I cannot get to sleep
because of it, but that is gone now"; hS14, issue 12 round 14, from the generated lay stress
set's resolved frames).

An event (a birth, a trip, an injury: context_rules.json recent_only) named only to qualify an
earlier noun through a preposition ("the swelling in my legs at the end of the pregnancy has all
gone now", "the puffiness in my ankles from the long drive has settled") is not what the cue says
is over: the earlier noun is the subject (hL16, issue 12 round 16; own_heldout15 read a birth
three weeks ago as over). A state so named stays resolved with its subject ("the red hot shin
from the insect bite is gone").
"""

from __future__ import annotations

RESOLVED_BACK = 6  # "breast ca 2009, in remission": a resolved cue reaches back over a comma
CLAUSE_BACK = 10  # "..., but that's gone now": the whole clause before the "but"
PRONOUN_BACK = frozenset({"it", "they", "this", "that", "these", "those", "'s", "'re", "is",
                          "are", "has", "have", "all"})  # fmt: skip
SUBJECTS = frozenset({"i", "i'm", "im", "i've", "ive", "he", "she", "we", "they"})
INSIDE_CLAUSE = frozenset({"because", "when", "while", "till", "until", "if", "as"})
# prepositions that attach a noun to the noun before it ("swelling at the end OF the pregnancy";
# hL18: "the jumpy legs I had all THROUGH the pregnancy")
OF_WORDS = frozenset({"of", "in", "at", "after", "during", "from", "around", "round", "near",
                      "on", "over", "by", "with", "since", "before", "through",
                      "throughout"})  # fmt: skip
EARLIER_BACK = 9  # the words between the subject's phrase and the qualifying one


def resolved_reaches(gap: list[str], determiners: frozenset[str], stops: frozenset[str]) -> bool:
    """Whether a resolved cue after a phrase reaches it over the words `gap` between them
    (`stops`: the words that end a clause; `determiners`: those that open a new subject)."""
    if any(
        w in (",", "and") and gap[i + 1 : i + 2] and gap[i + 1] in determiners | SUBJECTS
        for i, w in enumerate(gap)
    ):
        return False  # "twisted my ankle, the swelling has gone down": its own subject; "my
        # leg is swollen and I had a fever, but that's gone now": the fever's (hS14)
    subject = len(gap) > 1 and gap[0] in determiners
    whole = len(gap) > 1 and gap[-1] in PRONOUN_BACK and "but" in gap[-4:]
    while gap and gap[-1] in PRONOUN_BACK:
        gap = gap[:-1]
    if gap and gap[-1] == "but":
        gap = gap[:-1]
    elif whole:
        whole = False  # "but" said before other words: not the clause taken up again
    if gap and gap[-1] == ",":
        gap = gap[:-1] if whole else gap
    if subject and not whole:
        return False  # "id had a dvt my leg is fine now": a new subject (hG)
    if gap and gap[-1] in ("which", "that") and "," not in gap:
        gap = gap[:-1]  # "sciatica in 2019 which settled": the phrase's own clause
    if whole:  # "..., but that's gone now": the clause before the "but", to its start
        return len(gap) <= CLAUSE_BACK and "," not in gap and not (stops - INSIDE_CLAUSE) & set(gap)
    return len(gap) <= RESOLVED_BACK and gap.count(",") <= 1 and not stops & set(gap)


def qualifies_earlier(
    words: list[str],
    start: int,
    earlier_ends: list[int],
    determiners: frozenset[str],
    stops: frozenset[str],
) -> bool:
    """Whether the phrase starting at word `start` stands after a preposition (and a determiner),
    or opens with one, that ties it to a finding phrase ending at one of `earlier_ends` or to a
    determiner that opens the clause: the resolved cue after it then speaks of that earlier
    noun (see the module)."""
    before = words[max(0, start - 2) : start]
    if before and before[-1] in determiners | {"a", "an"}:
        before = before[:-1]
    if start >= len(words) or (
        words[start] not in OF_WORDS and (not before or before[-1] not in OF_WORDS)
    ):
        return False  # neither "... of the pregnancy" nor a phrase that opens so ("from the fall")
    if any(
        0 <= start - end <= EARLIER_BACK and not (stops | {","}) & set(words[end:start])
        for end in earlier_ends
    ):
        return True
    # or a subject that no phrase names opens the clause: "the puffiness in my ankles from the
    # long drive has settled" (a determiner first, the clause start within reach)
    first = next(
        (i for i in range(start - 1, max(-1, start - EARLIER_BACK - 2), -1)
         if i == 0 or words[i - 1] in stops | {","}),
        None,
    )  # fmt: skip
    return first is not None and words[first] in determiners
