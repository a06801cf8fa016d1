"""Questions, their answers, and the writer's own denial after someone else's complaint.

A question asserts nothing about the person: "Could it be a DVT?" holds no past clot, "Can you
get sciatica without back pain?" no back pain, and a symptom checker's "Do you have chest pain
or trouble breathing?" no chest pain until it is answered. Here a question sentence of those
kinds gives its phrases a cue: negated when the next sentence answers it "no" ("You: no",
"Nope."), nothing when it is answered otherwise ("Any swelling? A bit, in the ankle."), and
hypothetical when nothing answers it. A question that tells of the writer ("Why does my calf
hurt at night?", "Is it normal that my legs twitch?") is left alone: it states the complaint.

A finding said of someone else and then denied for the writer ("my dad was diabetic, I'm not";
"hers was all swollen, mine isn't") is the writer's denial: `writer_denies`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legwise.intake.denial_heads import headed_denial

if TYPE_CHECKING:
    from legwise.intake.parsed import Parsed, Phrase

# Questions put to the person (a symptom checker, a doctor): answered or not
ASKING = (("do", "you"), ("did", "you"), ("have", "you"), ("are", "you"), ("any",),
          ("is", "there"), ("are", "there"), ("was", "there"), ("were", "there"),
          ("ever",), ("does", "he", "have"), ("does", "she", "have"))  # fmt: skip
# Questions about a cause or about the condition in general: never a statement
WONDERING = (("could", "it"), ("could", "this"), ("could", "that"), ("can", "it"),
             ("might", "it"), ("might", "this"), ("is", "it", "a"), ("is", "this", "a"),
             ("is", "that", "a"), ("is", "it", "an"), ("is", "this", "an"),
             ("can", "you", "get"), ("can", "you", "have"), ("can", "u", "get"),
             ("what", "are", "the"), ("what", "are", "signs"), ("what", "is", "a"),
             ("what", "'s", "a"), ("how", "do", "you", "know"), ("how", "can", "you", "tell"),
             ("does", "it", "always"), ("do", "they", "always"), ("does", "a"), ("do", "all"),
             ("can", "a"), ("is", "it", "possible"), ("would", "a"), ("would", "it"),
             ("should", "you"), ("when", "should"), ("do", "clots"), ("does", "dvt"),
             ("do", "dvts"), ("do", "you", "think"), ("do", "u", "think"), ("does", "anyone"),
             ("has", "anyone"), ("anyone",), ("is", "it", "likely"), ("would", "you"))  # fmt: skip
NO = frozenset(
    {"no", "nope", "nah", "none", "not", "never", "nil", "negative", "neither", "n", "nothing"}
)
# "Chest pain, coughing up blood, anything like that?": a list put as a question
AUX_OPEN = frozenset({"is", "are", "does", "do", "would", "should", "could", "can", "will",
                      "might"})  # fmt: skip
ASKING_ENDS = (("anything", "like", "that"), ("any", "of", "that"), ("any", "of", "those"),
               ("any", "of", "these"), ("or", "anything"))  # fmt: skip
YES = frozenset({"yes", "yeah", "yep", "yup", "ya", "yea", "y", "aye", "definitely"})
SPEAKER_GAP = 3  # "Bot:", "You:", "Dr Smith:": a label of up to this many words and a colon
# "..., mine isn't", "..., I'm not", "but I don't": the writer denies what the other person has
DENIALS = ((("mine",), ("is", "n't")), (("mine",), ("is", "not")), (("mine",), ("'s", "not")),
           (("mine",), ("is", "nt")), (("mine",), ("are", "n't")), (("i",), ("'m", "not")),
           (("i",), ("am", "not")), (("i",), ("do", "n't")), (("i",), ("do", "not")),
           (("i",), ("have", "n't")), (("i",), ("have", "not")), (("i",), ("never",)),
           (("i",), ("do", "nt")), (("im",), ("not",)), (("me",), ("not",)),
           (("i",), ("'ve", "never")), (("i",), ("was", "n't")),
           (("i",), ("'m", "fine")),
           # hD8 (issue 12 round 8): "my husband smokes but I never have", "my mum had a DVT,
           # I've never had one", "Dad has high blood pressure, not me"
           (("i",), ("never", "have")), (("i",), ("never", "did")), (("i",), ("never", "had")),
           (("i",), ("'ve", "never", "had", "one")), (("i",), ("have", "never", "had", "one")),
           (("i",), ("'ve", "never", "had", "it")), (("i",), ("have", "never", "had", "it")),
           (("not",), ("me",)))  # fmt: skip
# "... and so do I", "me too": the writer has it as well
SHARES = (("so", "do", "i"), ("so", "have", "i"), ("so", "am", "i"), ("so", "did", "i"),
          ("me", "too"), ("i", "do", "too"), ("i", "have", "too"), ("same", "here"),
          ("i", "do", "as", "well"), ("me", "as", "well"), ("i", "have", "it", "too"),
          ("i", "'ve", "got", "it", "too"), ("i", "get", "it", "too"))  # fmt: skip
DENIAL_LEAD = frozenset({",", "but", "and", ";", "-", "whereas", "while", "though", "."})


def _skip_label(p: Parsed, i: int, end: int) -> int:
    """The first word of a sentence starting at i, past white space and a speaker label."""
    while i < end and p.space[i]:
        i += 1
    for j in range(i, min(i + SPEAKER_GAP + 1, end)):
        if p.orth[j] == ":":
            return j + 1 if j > i else i
        if not p.orth[j].isalpha():
            break
    return i


def _opens(words: list[str], i: int, starts: tuple[tuple[str, ...], ...]) -> str | None:
    for start in starts:
        if tuple(words[i : i + len(start)]) == start:
            return " ".join(start)
    return None


def question_cue(p: Parsed, ent: Phrase) -> tuple[str, str] | None:
    """("negated" | "hypothetical", the words) for a phrase in a question that asserts
    nothing, or None (not a question, a question that tells of the writer, or one answered
    otherwise than "no")."""
    end = p.sent_end[ent.start]
    if "?" not in p.orth[end - 1]:
        return None
    first = _skip_label(p, p.sent_start[ent.start], end)
    words = p.lower
    wondering = _opens(words, first, WONDERING)
    if wondering is not None:
        return "hypothetical", wondering
    asked = _opens(words, first, ASKING)
    if asked is None:
        tail = tuple(words[max(first, end - 4) : end - 1])
        asked = next((" ".join(e) for e in ASKING_ENDS if tail[-len(e) :] == e), None)
    if asked is None and words[first] in AUX_OPEN and words[first + 1 : ent.start] in ([], ["a"]):
        asked = words[first]  # "Is numbness a bad sign?", "Does a red shin mean ...?": asked
    if asked is None:  # of a symptom in general (the phrase is the subject), not told
        return None
    if end >= len(p):
        return "hypothetical", asked
    reply = _skip_label(p, end, p.sent_end[end])
    said = words[reply] if reply < len(p) else ""
    unsure = words[reply + 1 : reply + 2] in (["idea"], ["sure"], ["clue"], ["know"])
    if said in NO and not unsure:
        return "negated", f"{asked} ...? {p.orth[reply]}"
    if unsure or said in ("dunno", "unsure", "maybe", "possibly", "perhaps"):
        return "hypothetical", asked  # "No idea", "not sure": no answer
    if said in YES or (said and "?" not in p.orth[p.sent_end[end] - 1]):
        return None  # "yes", or a reply that tells more ("A bit, in the ankle.")
    return "hypothetical", asked


def writer_shares(p: Parsed, ent: Phrase) -> str | None:
    """The words by which the writer says, right after it, that they have what a relative or
    another person has ("my sister has restless legs and so do I"), or None."""
    stop = min(len(p), ent.end + 8)
    words = [w.rstrip(".") or w for w in p.lower[ent.end : stop + 4]]  # "so do I." ends "i."
    for i in range(stop - ent.end):
        if words[i] in (".", "!", "?", ";"):
            return None
        for seq in SHARES:
            if tuple(words[i : i + len(seq)]) == seq:
                return p.span_text(ent.end + i, ent.end + i + len(seq))
    return None


def writer_denies(p: Parsed, ent: Phrase) -> str | None:
    """The words by which the writer denies, right after it, what a relative or another
    person has ("my dad was diabetic, I'm not"), or None."""
    words = [w.rstrip(".") or w for w in p.lower]  # "I'm not." may end on "not."
    i, stop = ent.end, min(len(p), ent.end + 8)
    while i < stop and words[i] not in DENIAL_LEAD:
        i += 1
    while i < stop and words[i] in DENIAL_LEAD:
        i += 1
    for who, verb in DENIALS:
        n, m = len(who), len(verb)
        if tuple(words[i : i + n]) == who and tuple(words[i + n : i + n + m]) == verb:
            after = words[i + n + m] if i + n + m < len(p) else "."
            if after in (".", ",", ";", "!", "though", "myself", "thankfully", "luckily", "-"):
                return p.span_text(i, i + n + m)
    return None


# The "no" that answers a question or a checklist label (moved from legwise.intake.cues)
# "Any swelling? Not that I've noticed.": a short question answered no by the next sentence
QUESTION_WORDS = 6
NO_ANSWERS = frozenset({"no", "none", "nope", "nah", "not", "never", "nil", "negative", "neither"})
CHECKLIST = frozenset({":", "=", "-", "\u2013", "\u2014"})  # "Active cancer: no." answers
# the whole label before it; so does "Chest pain - no."
CHECKLIST_NO = frozenset(
    {"no", "nil", "none", "negative", "neg", "absent", "n", "0", "nope", "nah"}
)
SENTENCE_END = frozenset({".", ";", "!", "?", ","})


def answered_no(p: Parsed, ent: Phrase) -> str | None:
    """The "no" that answers a short question the phrase is in ("Any swelling? None."), or
    None."""
    sent_start, sent_end, n = p.sent_start[ent.start], p.sent_end[ent.start], len(p)
    if "?" not in p.orth[sent_end - 1] or sent_end - sent_start > QUESTION_WORDS or sent_end >= n:
        return None
    first = sent_end
    while p.space[first] and first + 1 < n:
        first += 1
    following = p.lower[first + 1] if first + 1 < n else ""
    if following in ("idea", "clue", "sure", "certain", "doubt"):
        return None  # "No idea", "Not sure": no answer
    return p.orth[first] if p.lower[first] in NO_ANSWERS else None


def checklist_no(p: Parsed, ent: Phrase) -> str | None:
    """The denial of a checklist the phrase is in: the "no" after its label, or the denial
    heading over its list ("Not present:" over "- fever", `denial_heads`), or None."""
    return _label_no(p, ent) or headed_denial(p, ent)


def _label_no(p: Parsed, ent: Phrase) -> str | None:
    """The "no" of a checklist line the phrase is the label of ("Paralysis or plaster: no."),
    or None. The answer must end its item (a full stop, a comma or the end), so that "Calf
    swollen: no redness" stays a statement about redness."""
    end_char = p.end_char(ent.end)
    near = p.text[end_char : end_char + 120]
    if ":" not in near and "=" not in near and " -" not in near and "\u2013" not in near:
        return None  # the common case, without walking the tokens
    orth, n = p.orth, len(p)
    i = ent.end
    while i < p.sent_end[ent.start] and orth[i] not in CHECKLIST:
        if orth[i] in SENTENCE_END or i - ent.end > 12:
            return None
        i += 1
    if i + 1 >= n or orth[i] not in CHECKLIST or p.lower[i + 1] not in CHECKLIST_NO:
        return None
    if i + 2 < n and orth[i + 2] not in SENTENCE_END:
        return None
    return p.span_text(i, i + 2)
