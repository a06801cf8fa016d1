"""Which ConText cues reach a matched phrase, and the state a phrase gives under them.

ConText runs a cue to the end of its sentence; here a negation, hypothetical or possible cue
reaches a phrase only within its clause or along a list, a family cue only while it still speaks
of the relative, and a cue word inside a phrase is part of it. A false negation turns a warning
sign into a reassuring one, so when in doubt a cue does not reach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legwise.intake.answers import (
    answered_no,
    checklist_no,
    question_cue,
    writer_denies,
    writer_shares,
)
from legwise.intake.context_lists import one_side_only as _one_side_only
from legwise.intake.context_lists import past_counts, said_over
from legwise.intake.context_lists import recent_only as _recent_only
from legwise.intake.context_lists import stopped as _stopped
from legwise.intake.kin_clause import kin_clause_closed
from legwise.intake.list_scope import (
    closes_list,
    cut_by_term,
    denied_list_before,
    forward_out_of_reach,
    lead_stripped,
    next_word,
    or_list,
    own_words,
)
from legwise.intake.phrase_pipeline import NAMES
from legwise.intake.phrase_tables import Target
from legwise.intake.resolved_scope import qualifies_earlier, resolved_reaches
from legwise.intake.run_on import PERSONS, new_clause, qualifies_before
from legwise.kb.schema import Finding

if TYPE_CHECKING:
    from legwise.intake.parsed import Cue, Parsed, Phrase

# Scope of a negation, hypothetical or possible cue (ConText runs it to the end of the
# sentence): a cue reaches a phrase only within the same clause, or along a list of
# findings ("no swelling, redness or warmth"). A false negation turns a warning sign into a
# reassuring one, so when in doubt the cue does not reach.
SCOPED = frozenset({"negated", "hypothetical", "possible", "resolved", "both sides",
                    "historical", "relief"})  # fmt: skip
# cues that say nothing of a "when/where" phrase qualifying the phrase they reach ("no cramps
# at night", "used to get cramps at night"); a "both legs" cue still does
QUALIFIED = frozenset({"negated", "hypothetical", "possible", "resolved", "historical"})
# "maybe once a week at night": a hedge reaches only the next words
MAX_GAP = {
    "negated": 5,
    "hypothetical": 6,
    "possible": 2,
    "resolved": 3,
    "both sides": 4,
    "historical": 6,
    "relief": 3,  # "it stops when I rest", "eases off if I sit down"
}  # "smoking history complains of pain ...": not the pain's history
SOFTENERS = frozenset({"a", "bit", "little", "slightly", "tad", "kind", "sort", "of", "quite",
                       "somewhat", "teeny", "tiny"})  # fmt: skip
# "maybe my calf is a little swollen": the subject a hedge opens does not count as distance
SUBJECT_WORDS = frozenset({"my", "the", "his", "her", "their", "is", "are", "was", "it", "it's",
                           "'s", "looks", "seems", "feels", "i", "i'm", "im"})  # fmt: skip
MAX_BACK = 3  # words between a phrase and a cue after it ("calf tenderness: none")
SEPARATORS = frozenset({",", "and", "or", "nor", "/", "&", "+"})
LIST_WORDS = frozenset({"no", "nil", "any", "neither", "either", "other", "of", "signs",
                        "evidence", "new", "significant", "obvious", "associated", "recent",
                        "recently", "previous", "previously", "prior", "documented", "active",
                        "major", "localized", "localised", "entire", "known", "current",
                        "a", "the", "cm", "mm", "kg", "mg", "ml"})  # fmt: skip
NEW_COMPLAINT = frozenset({"complains", "complaining", "complained", "presents", "presenting",
                           "presented", "reports", "reporting", "reported", "describes",
                           "develops", "developed", "notices", "noticed", "now", "today",
                           "currently", "c/o"})  # fmt: skip
RELATIVE = frozenset({"who", "which", "that", "whose", "whom"})
NEGATING = frozenset({"not", "no", "n't", "nt", "never", "cannot", "unable", "without"})
DETERMINERS = frozenset({"the", "my", "his", "her", "their", "your", "our"})
# A family cue ("my mum had a clot") reaches forward only within its clause: not past a
# sentence break, a "but"/"now", or a first-person subject ("... and now I have a swollen calf");
# nor past a "too" that closes what the relative has ("my mother had it too, urge to move").
FAMILY_BREAKS = frozenset({".", ";", "!", "?", "but", "however", "although", "though",
                           "whereas", "while", "now", "--", "i", "i'm", "im", "i've", "ive",
                           "me", "my", "myself", "mine", "we", "our", "too"})  # fmt: skip
FAMILY_GAP = 15
BREAKS = frozenset({".", ";", "!", "?", "(", ")", "but", "however", "although", "though",
                    "except", "which", "because", "so", "then", "while", "whereas", "until",
                    "till", "when", "since", "yet", "still", "just", "now", "--"})  # fmt: skip
# The verb right after a negation belongs to it, not to the list's first item ("it doesn't
# get worse lying down or at night", "I don't feel hot, shivery or sick")
NEGATED_VERBS = frozenset({"get", "gets", "feel", "feels", "have", "has", "go", "goes", "seem",
                           "seems", "look", "looks", "become", "becomes"})  # fmt: skip
# "I haven't flown or had surgery": a participle after "or" takes the same negated "have"
PERFECT = frozenset({"had", "been", "got", "felt", "noticed", "seen", "taken", "done"})
# A negation that opens a pertinent-negatives list ("ROS: negative for fever, chest pain,
# leg swelling", "denies chest pain, haemoptysis"): it runs along bare commas over longer items
# too, where a bare "no" does not ("no SOB, calf swollen").
LIST_OPENERS = frozenset({"negative", "neg", "denies", "denied", "deny", "denying"})
# "no calf swelling or tenderness": a "no" opening a matched phrase reaches the list after it
OPENING_NO = frozenset({"no", "nil", "without"})
RECENT = frozenset({"recent", "recently"})  # a history cue before these speaks of now
CLAUSE = frozenset({"i", "i'm", "im", "it", "it's", "its", "he", "she", "they", "we", "you",
                    "my", "his", "her", "their", "our", "is", "are", "was", "were", "am", "be",
                    "has", "have", "had", "'s", "'m", "'re", "'ve", "feels", "feel", "felt",
                    "gets", "get", "got", "makes", "make", "made", "started", "starts",
                    "seems", "looks", "does", "did", "do", "can", "will", "there", "this",
                    "that", "who", "also"})  # fmt: skip


def _decide(target: Target, cues: dict[str, str], spec: Finding) -> str | None:
    """The state a target gives under its ConText cues, or None when it is not taken."""
    if "hypothetical" in cues or "possible" in cues or "relief" in cues or "qualifies" in cues:
        return None
    if "writer denies" in cues and target.kind != "family":
        return "absent"  # "my dad was diabetic, I'm not"
    if "writer shares" in cues and target.kind != "family" and "negated" not in cues:
        return "present"  # "my sister has restless legs and so do I"
    if "other person" in cues:
        return None  # "my neighbour had a DVT": not the person described, not family either
    if "historical" in cues and spec.id in _recent_only():
        return None
    if target.kind == "absent":  # "pulses palpable": absent, unless itself denied or kin's
        return None if "negated" in cues or "family" in cues else "absent"
    if target.kind == "denied":  # "no recent flights": absent when denied, else not taken;
        # "stopped the pill", "came off the pill": a medicine over, so absent too (hL9); not
        # a trip ("puffed up after the flight but it's back to normal")
        denied = "negated" in cues or ("resolved" in cues and spec.id in _stopped())
        return "absent" if denied and "family" not in cues else None
    if "family" in cues and target.kind != "family" and not spec.family_phrases:
        return None  # "my wife has swollen ankles": hers, whatever both sides or resolved say
    if spec.id in past_counts() and said_over(cues):
        return "present"  # "I used to have clots but not any more": still had one (hS14)
    if "resolved" in cues or ("both sides" in cues and spec.id in _one_side_only()):
        return "absent"
    if target.kind == "family":
        if "family" not in cues:
            return None
        return "absent" if "negated" in cues else "present"
    if "family" in cues and not spec.family_phrases:  # a family-history finding is about kin
        return None
    if target.kind == "phrase" and spec.group != "history" and "historical" in cues:
        return None  # a past episode is not a current symptom
    if "negated" in cues:
        return "absent"
    if target.kind == "history" and "historical" not in cues and "past event" not in cues:
        return None
    return "present"


def _overlapping(p: Parsed, ent: Phrase) -> list[Cue]:
    """Cues that overlap the phrase itself and point into it.

    A phrase list may hold cue words ("history of dvt"); ConText then leaves the overlapping
    cue ("no history of") off the phrase, and "No history of DVT" would read as present.
    """
    out = []
    for modifier in p.cues:
        start, end = modifier.start, modifier.end
        if end <= ent.start or start >= ent.end or modifier in ent.cues:
            continue
        if not modifier.allows(ent.label.upper()):
            continue  # medspaCy's allowed_types ("eases it" relieves only a rest phrase)
        direction = modifier.direction
        if NEGATING & set(p.lower[max(start, ent.start) : min(end, ent.end)]):
            continue  # "is not" on "not able to pass": the phrase's own negation, said once
        before = start < ent.start and direction in ("FORWARD", "BIDIRECTIONAL")
        after = end > ent.end and direction in ("BACKWARD", "BIDIRECTIONAL")
        if before or after:
            out.append(modifier)
    return out


def _list_item(words: list[str], longest: int) -> bool:
    """Whether `words` can be one item of a list a cue runs along (numbers, signs and units do
    not count: "no bedridden recently >3 days or major surgery", "no 3.5 cm difference in ...")."""
    said = [w for w in words if w not in LIST_WORDS and any(c.isalpha() for c in w)]
    return len(said) <= longest and not CLAUSE & set(words)


def _list_goes_on(p: Parsed, ent: Phrase) -> bool:
    """Whether the phrase sits inside a list that goes on to an "or"/"nor" item in its sentence
    ("denies fever, chills, weight loss, or night sweats"): then it is a list item, not a new
    statement, even after a bare comma."""
    rest = p.lower[ent.end : p.sent_end[ent.start]]
    if not rest or rest[0] not in (",", "or", "nor"):
        return False
    for i, w in enumerate(rest):
        if w in ("or", "nor"):
            return True
        if i > 0 and w in OPENING_NO:
            return False  # "no operations, calf ache at night, no swelling or redness" (hG)
        if (
            w in BREAKS
            or w in CLAUSE
            or (w == "and" and i + 1 < len(rest) and rest[i + 1] in CLAUSE)
        ):
            return False
    return False


def _last_item(p: Parsed, gap: list[str], sep: int, ent: Phrase) -> tuple[list[str], set[str]]:
    """The words of a list's last item before the phrase, and the phrase's own words, without
    the negated verb said again after "or" ("I don't have a fever, chills or feel unwell",
    "haven't been on a plane or had surgery")."""
    last, own = gap[sep + 1 :], set(p.lower[ent.start : ent.end])
    if gap[sep] in ("or", "nor") and last and last[0] in NEGATED_VERBS | PERFECT:
        last = last[1:]
    elif gap[sep] in ("or", "nor") and not last and p.lower[ent.start] in PERFECT:
        own -= {p.lower[ent.start]}
    return last, own


def _reaches(p: Parsed, modifier: Cue, ent: Phrase, name: str) -> bool:
    """Whether a negation/hypothetical/possible cue really reaches the phrase `ent`. Words
    are read lower-cased with a line break as a full stop (a bulleted list: "- no injury\n-
    on the pill")."""
    start, end = modifier.start, modifier.end
    if end <= ent.start:  # cue before the phrase
        if forward_out_of_reach(p, modifier):
            return False  # "fever not present, calf swollen" (hT14)
        gap = p.words[end : ent.start]
        if name == "negated" and NEGATING & set(p.lower[ent.start : ent.end]):
            return False  # "she won't let anyone touch it won't walk": its own negation (hG)
        relaxed, gap = or_list(p, end, ent, name, _list_goes_on) or (False, gap)  # (hS14)
        if BREAKS & set(gap) and not (name == "historical" and BREAKS & set(gap) == {"just"}):
            return False  # "used to be just bedtime": "just" narrows the past, not a new clause
        if name == "historical" and (CLAUSE | NEW_COMPLAINT) & set(gap):
            return False  # "a smoking history complains of calf pain": a new statement
        seps = [i for i, w in enumerate(gap) if w in SEPARATORS]
        opener = bool(LIST_OPENERS & set(p.lower[start:end]))
        if not seps:  # softeners do not count: "possibly a bit red" hedges the redness
            if new_clause(p, end, ent, opener, _list_goes_on):
                return False  # run-on text: "not having fever i am diabetic" (hG)
            skip = SOFTENERS | SUBJECT_WORDS if name == "possible" else SOFTENERS
            return len([w for w in gap if w not in skip]) <= MAX_GAP[name]
        # a list: "no swelling, redness or warmth", "denies CP/SOB", "no fever or chills"
        goes_on = opener or _list_goes_on(p, ent)  # "no limp, joint swelling, or fever"
        # the last item of an "or" list may have one word before its phrase ("no fever, rash
        # or joint swelling"); after "and" or a comma that word starts a new clause
        longest = 1 if goes_on or gap[seps[-1]] in ("or", "nor") else 0
        last, own = _last_item(p, gap, seps[-1], ent)
        if longest and len(last) == 2 and last[-1].endswith("ing"):
            longest = 2  # "no limp or pain persisting through the day": noun + participle (hT16)
        own = own_words(p, ent, relaxed) & own
        if len(gap) > 15 or not _list_item(last, longest) or CLAUSE & own:
            return False  # "no fever and the calf is swollen": a new clause
        items = [gap[a + 1 : b] for a, b in zip([-1, *seps[:-1]], seps, strict=True)]
        items[0] = lead_stripped(items[0], name, NEGATED_VERBS)  # the cue's verb or subject
        if not all(_list_item(item, 4) for item in items):
            return False
        after = next_word(p, ent, relaxed)  # "heat in my calf, or": its whole item (hS14)
        last_sep = gap[seps[-1]]
        goes_on = goes_on or (name == "both sides" and last_sep == "and")  # "bilateral X and Y"
        if last_sep not in ("or", "nor", "/") and ent.end - ent.start > 1 and not goes_on:
            # "no SOB, calf swollen": after a bare comma a longer phrase is a new statement;
            # only "or"/"nor" lists ("no chest pain or shortness of breath") carry it on.
            return False
        return (
            last_sep in ("or", "nor", "/")
            or (name == "both sides" and last_sep == "and")
            or after in SEPARATORS | BREAKS
            or (ent.end == p.sent_end[ent.start])
        )
    if start >= ent.end:  # cue after the phrase: same clause, close by
        if name == "negated" and closes_list(p, modifier, ent, _list_item, SEPARATORS, BREAKS):
            return True  # "redness (none)", "fever, cramps: none of those" (hS14)
        if name == "negated" and denied_list_before(p, modifier, ent):
            return True  # "calf tenderness, swelling or erythema absent" (hT14)
        gap = p.words[ent.end : start]
        if name == "resolved":  # `legwise.intake.resolved_scope`
            ends = [q.end for q in p.phrases if q.end <= ent.start]
            event = ent.label.lower() in _recent_only()  # a birth, a trip, an injury: events
            if event and qualifies_earlier(
                p.words, ent.start, ends, DETERMINERS, BREAKS | RELATIVE
            ):
                return False  # "the swelling at the end of the pregnancy has gone" (hL16)
            return resolved_reaches(gap, DETERMINERS, BREAKS | RELATIVE)
        if len(gap) > 1 and gap[0] in DETERMINERS:
            return False  # "id had a dvt my leg is fine now": a new subject (hG)
        if gap and gap[-1] in PERSONS:
            return False  # "legs ache most nights she is fine by breakfast": her, not them (hG)
        if any(ent.end <= q.start and q.end <= start for q in p.phrases):
            return False  # "pitting oedema l leg only previous dvt none": the nearer one (hG)
        return len(gap) <= MAX_BACK and not (SEPARATORS | BREAKS) & set(gap)
    return True


def _family_reaches(p: Parsed, modifier: Cue, ent: Phrase) -> bool:
    """Whether a family cue before the phrase still speaks of the relative (see FAMILY_BREAKS,
    kin_clause); a cue after the phrase ("runs in the family") is ConText's own."""
    end = modifier.end
    if end > ent.start:
        return True
    gap, closed = p.words[end : ent.start], kin_clause_closed(p.words, modifier, ent)
    return len(gap) <= FAMILY_GAP and not FAMILY_BREAKS & set(gap) and not closed


def _resolved_after(p: Parsed, ent: Phrase, resolved: list[Cue]) -> list[Cue]:
    """Resolved cues (`resolved`: the text's) after the phrase that ConText's own scope stops
    short of ("a fever last week but it's gone now": "but" ends the scope); `_reaches` decides
    (and never across a sentence end)."""
    after = [
        m  # a forward cue ("stopped taking warfarin") is about what follows it, not before
        for m in resolved
        if m.start >= ent.end and m.direction != "FORWARD"
    ]
    if not after:
        return []
    mine = ent.cues
    if any(m.category == "RESOLVED" for m in mine):
        return []
    return [
        m
        for m in after
        if m not in mine and m.allows(ent.label.upper()) and _reaches(p, m, ent, "resolved")
    ]


def _inside_phrase(p: Parsed, modifier: Cue, spans: list[tuple[int, int]], ent: Phrase) -> bool:
    """A cue that lies inside a matched phrase ("absent" in "pulses absent") is a word of
    that finding, not a modifier of phrases elsewhere ("can't" in "can't sit through" does not
    negate "sit through a film"); only a cue that starts a phrase still reaches a phrase
    overlapping it ("non" in "non-pitting" negates "pitting oedema")."""
    start, end = modifier.start, modifier.end
    opening = p.lower[start] in OPENING_NO
    return any(
        a <= start
        and end <= b
        and not (a == start and ent.start < b and a < ent.end)
        and not (opening and a == start and b <= ent.start)  # "no calf swelling or tenderness"
        for a, b in spans
    )


def _cues(
    p: Parsed,
    ent: Phrase,
    subject: frozenset[str],
    spans: list[tuple[int, int]],
    resolved: list[Cue],
) -> dict[str, str]:
    """ConText cue name -> the words that set it, for one matched phrase."""
    cues: dict[str, str] = {}
    for modifier in ent.cues:
        name = NAMES.get(modifier.category)
        start, end = modifier.start, modifier.end
        if name is None or (start < ent.end and ent.start < end):
            continue  # a cue word inside the phrase is part of it ("can't sleep"): see below
        if _inside_phrase(p, modifier, spans, ent):
            continue
        if name in SCOPED and not _reaches(p, modifier, ent, name):
            continue
        if name == "historical" and RECENT & set(p.lower[end : ent.end]):
            continue  # "History of a recent long-haul flight": recent, not past (hT16)
        if name in QUALIFIED and qualifies_before(p, end, ent):
            name = "qualifies"  # "no cramps at night": nothing said of the night alone
        if name in ("family", "other person") and not _family_reaches(p, modifier, ent):
            continue
        _add_cue(cues, name, p.span_text(start, end), subject)
    for modifier in cut_by_term(p, ent):  # "no non-varicose veins or oedema" (hT16)
        if _reaches(p, modifier, ent, "negated"):
            _add_cue(cues, "negated", p.span_text(modifier.start, modifier.end), subject)
    for modifier in _resolved_after(p, ent, resolved):
        _add_cue(cues, "resolved", p.span_text(modifier.start, modifier.end), subject)
    for modifier in _overlapping(p, ent):
        name = NAMES.get(modifier.category)
        if name is not None:
            _add_cue(cues, name, p.span_text(modifier.start, modifier.end), subject)
    checklist = checklist_no(p, ent)
    if checklist is not None:
        _add_cue(cues, "negated", checklist, subject)
    answer = answered_no(p, ent)
    if answer is not None:
        _add_cue(cues, "negated", answer, subject)
    asked = question_cue(p, ent)  # "Could it be a DVT?", "Do you have chest pain? You: no"
    if asked is not None:
        _add_cue(cues, *asked, subject)
    if "family" in cues or "other person" in cues:
        denied = writer_denies(p, ent)
        if denied is not None:
            cues["writer denies"] = denied
        shared = writer_shares(p, ent)
        if shared is not None:
            cues["writer shares"] = shared
    return cues


def _who(words: str) -> str:
    return words.lower().removesuffix("'s").rstrip("'")


def _add_cue(cues: dict[str, str], name: str, words: str, subject: frozenset[str]) -> None:
    if name in ("family", "other person") and subject & {_who(words), _who(words)[:-1]}:
        return  # "my husband is 71 ... he has cramps" (or "my sons leg" unapostrophed, hB)
    cues.setdefault(name, words)
    if name == "negated" and "family" in words.lower():  # "no family history of"
        cues.setdefault("family", words)
