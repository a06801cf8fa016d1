"""A relative named in more than one word, read as the one word the readers know (hL17, issue 12
round 17), and a child's age said in words after a relative or he/she.

Why: the readers of age and sex (`legwise.intake.people`), of who a text is about and ConText's
family and reported-speech cues each know a relative by one word ("father", "mum", "girl").
Writers name the same person as a compound or with a fond or ordering word: "my stepfather who
is 61", "step-mum", "my father-in-law", "mother in law", "my little girl is 8", "our baby boy",
"my eldest son". None of those readers knew them, so the person's age and sex went unread, and
a text about "my stepdad" was read as if the writer had the symptoms. One surface rewrite
(`legwise.intake.surface`, spans kept) gives every reader the base word: the relation (step-,
-in-law, great-) or the fond word does not change whose findings they are.

Likewise a small age in words after a relative or he/she ("my daughter is six.", "he's seven
now") becomes digits, as "aged seven" and "seven-year-old" already do; the tens ("eighty-two")
are digits everywhere already. "one" is left alone ("she's one of three").

hT20 (round 20): a parent's child named in the third person with the age the text reads for the
person described ("The mother asks about her son, aged 4: ...", "brought by his father; his
daughter (6) has ..."): the child is that person, so "son" is no family-history cue for what
follows (`third_person_kin`, given to ConText as the person described, like "my son is 7").
"""

from __future__ import annotations

import re

from legwise.intake.people import RELATIVES
from legwise.intake.result import Extracted
from legwise.intake.spoken_numbers import ONES, VALUE

# relatives a prefix or suffix can join ("step-", "-in-law"); the base word is kept
_JOINED = ["father", "mother", "dad", "mum", "mom", "son", "daughter", "brother", "sister",
           "child", "kid", "kids", "children", "parent", "parents"]  # fmt: skip
# fond, ordering or age words before a child's or a young person's word ("my little girl")
_FOND = ["little", "baby", "young", "youngest", "eldest", "oldest", "middle", "teenage", "teen",
         "adopted", "foster", "grown-up", "grown up", "adult", "twin", "only"]  # fmt: skip
_CHILD = ["boy", "girl", "son", "daughter", "lad", "lass", "one"]
_GRAND = ["grandmother", "grandfather", "grandma", "grandpa", "grandad", "granddad", "gran",
          "granny", "nan", "nana", "nanna", "grandson", "granddaughter"]  # fmt: skip
_J, _F, _C, _G = ("|".join(map(re.escape, ws)) for ws in (_JOINED, _FOND, _CHILD, _GRAND))

PIECE = (
    rf"\bstep[- ]?(?P<step>{_J})\b"
    rf"|\b(?P<law>{_J})[- ]in[- ]laws?\b"
    rf"|\bgreat[- ](?:great[- ])?(?P<great>{_G})\b"
    rf"|(?:(?<=\bmy )|(?<=\bour ))(?:{_F}) (?P<fond>{_C})\b(?!-)"
    # "my eldest is 9", "our youngest (7)": the child named by order alone
    r"|(?:(?<=\bmy )|(?<=\bour ))(?P<eldest>eldest|youngest|oldest)(?=\s*(?:[,(]|(?:is|'s|who)\b))"
)
# "my daughter is six.", "her son, who is seven,", "he's nine now": the word after "is" / "'s"
AGE_PIECE = (
    rf"(?:(?<=\bis )|(?<='s )|(?<=\bis only )|(?<='s only )|(?<=\bis just )|(?<='s just ))"
    rf"(?P<kinage>{'|'.join(ONES[1:])})\b"
    r"(?![- ]?(?:years?|yrs?|y/o|yo|of|hours?|days?|weeks?|months?|minutes?|times?|foot|feet|ft"
    r"|inch\w*|stone|st|kg|o'?clock|pm|am|or|to|-)\b)"
)
# what stands before "is" / "'s" in a relative's age: the relative (with its name or "who"), or
# he / she
_BEFORE_AGE = re.compile(
    rf"(?:\bstep[- ]?|\b)(?:(?:{'|'.join(RELATIVES)}|one)(?:[- ]in[- ]law)?"
    r"(?:\s+(?-i:[A-Z][a-z]+))?(?:\s*,?\s+who)?|he|she)"
    r"\s*(?:is|'s)\s+(?:only\s+|just\s+)?$",
    re.I,
)
# the words one of PIECE's matches holds (`surface._kinds` tests them before the pattern runs)
WORDS = frozenset(
    {"step", "law", "laws", "great", "grown", *(w for w in _FOND if w.isalpha())}
    | {"step" + j for j in _JOINED}
)
AGE_WORDS = frozenset(ONES[1:])


def kin_word(m: re.Match[str]) -> str:
    """The base relative word of a "step", "in-law", "great" or fond-word match, in the case
    the match is written in (a text in capitals stays in capitals)."""
    kind = m.lastgroup or ""
    word = m.group(kind)
    if kind == "eldest" or (kind == "fond" and word.lower() == "one"):
        word = "child"
    if m.group().isupper():
        return word.upper()
    return word[0].upper() + word[1:].lower() if m.group()[0].isupper() else word.lower()


def kin_age(m: re.Match[str]) -> str:
    """Digits for an age in words after a relative or he/she; the word itself elsewhere."""
    if _BEFORE_AGE.search(m.string, max(0, m.start() - 40), m.start()) is None:
        return m.group()
    return str(VALUE[m.group("kinage").lower()])


KIN_AGED = re.compile(
    r"\b(?:her|his|their)\s+(" + "|".join(RELATIVES) + r")\s*(?:,\s*|\(\s*|\s+)"
    r"(?:aged?\s+|who\s+is\s+)?(\d{1,2})\b",
    re.I,
)


def third_person_kin(text: str, people: list[Extracted]) -> frozenset[str]:
    """The kin words said with the age read for the person described (`people`: the age and
    sex items read); see the module."""
    ages = [float(i.value) for i in people if i.finding == "age" and not isinstance(i.value, str)]
    if not ages or not any(w in text.lower() for w in ("her ", "his ", "their ")):
        return frozenset()
    return frozenset(
        m.group(1).lower() for m in KIN_AGED.finditer(text) if float(m.group(2)) == ages[0]
    )
