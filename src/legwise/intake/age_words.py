"""Ages the writer says in words of their own: "I am now 55", "I have 66 years", "myself 50
years male", "a widow of 90 years", "Mrs E. Rowe, 79"; and the shapes of an age with a sex word
("50, female", "F/50", "Male 59", "man (76)", "M56"). `legwise.intake.people` reads these with
the other shapes of age and sex.
"""

from __future__ import annotations

import re

from legwise.intake.age_phone import _NOT_AGE
from legwise.intake.fast_re import fast
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import _item
from legwise.intake.result import Extracted

_SEXES = r"(man|woman|male|female|lady|gentleman|gent|guy|boy|girl|lad|lass|m|f)"

# "I am 54", "aged 54", "at my age (77)"
# hD8 (issue 12 round 8): an adverb between ("I am now 55", "I'm only 28", "I'm nearly 70")
AGE_SELF = fast(
    rf"\b(?:(?:i'?m\s|i\s+am\s)(?:\s*(?:now|only|just|nearly|almost|turning)\s)?"
    # hL20: a question answered ("Age? 46.")
    rf"|aged?\s*[:?]?\s*\(?)\s*(\d{{1,3}})\b{_NOT_AGE}",
    re.I,
)
# hB (issue 12 round 6): a number of years a person "has" in other Englishes is their age: "I
# have 66 years", "I am having 52 years" (not "I have 10 years of diabetes", "... since")
AGE_HAVE = re.compile(
    r"\b(?:i|he|she)\s+(?:have|has|am\s+having|got)\s+(\d{1,3})\s*(?:years?|yrs?)\b"
    r"(?!\s+(?:of|with|for|ago|back|experience|history|now|that)\b)"
    # "since" only when a duration follows, which starts the next clause: "i have 52 years since
    # two weeks i have pain" (hG), not "I have 10 years since my diagnosis"
    r"(?!\s+since\b(?!\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several"
    r"|couple)\s+(?:of\s+)?(?:hours?|days?|weeks?|months?|years?|yrs?)\b))",
    re.I,
)
# "50, female", "50/F", "F/50", "female, 50" (a note's opening)
# hB: also after a label's colon or an opening bracket ("Patient: F/29", "ED note: F/81")
_OPENS = r"(?:^|(?:[!?;\n(]|(?<!\d):|(?<!\d)\.|\.(?=\s))\s*)"
AGE_THEN_SEX = folded(
    _OPENS + r"(\d{1,3})\s*(?:,|/|\s)\s*\(?\s*(female|male|woman|man|f|m|bloke|fella|chap|guy"
    r"|lad|lass|girl|boy)\b(?![/\w])",
    re.I,
)
# "Older man (76)", "woman (48 y)": the age in brackets after the sex word
SEX_PAREN_AGE = folded(rf"\b{_SEXES}\s*\(\s*(\d{{1,3}})\s*(?:y|yo|yrs?|years?)?\s*\)", re.I)
# "M, 23 yrs": the years are part of the age, so that no duration is read from them
_AGE_AFTER_SEX = (
    r"(\d{1,3})\b(?!\s*(?:cm|kg|%|mm|/|\.\d|:\d|(?:min|minutes|hours?|hrs?|days?|weeks?|wks?"
    r"|months?)\b))(?:\s*(?:years?|yrs?|yo|y/o|y)\b(?:\s+old)?)?"
)
# hT20: also after a one-word label that opens the note ("Detainee, male, 49", "Prisoner, male,
# 34", "Resident, female, 88")
SEX_THEN_AGE = folded(
    _OPENS
    + r"(?:[a-z][\w'-]{2,20}\s*,\s*)?(female|male|woman|man|f|m)(?:\s*[,/]|(?<=[a-z]{3})\s)\s*"
    + _AGE_AFTER_SEX,
    re.I,
)
# hG (issue 12 round 7): a sex word, a blank and the years, anywhere ("walk-in note f 64 yrs",
# "pt male 58 years he have"; hD10 round 10: "I am man, 58 years"): the years make it an age
SEX_SPACE_AGE = re.compile(
    r"\b(female|male|woman|man|lady|guy|f|m)\s*,?\s+(\d{1,3})\s*(?:years?|yrs?|yo|y/o)\b(?:\s+old)?"
    r"(?!\s+(?:ago|back|of|since|with)\b)",
    re.I,
)
# the text's opening, without a sign between: "(M56) Heavy drinker", "M 29: low back pain"
SEX_AGE_OPENING = re.compile(r"\s*[\[(]?\s*(female|male|woman|man|f|m)\s?" + _AGE_AFTER_SEX, re.I)
# hD8 (issue 12 round 8): the years, then the sex word, without "old", as non-native writers put
# it ("myself 50 years male", "63 years man", "I am Brazilian, 57 years, woman"); not a time
# ("smoked for 40 years, male 66": a "for", "since" or "past" before the number)
AGE_YEARS_SEX = re.compile(
    r"(?=\d)"  # the digit first: the look-behinds are then tried only there (8 times faster)
    r"(?<!\bfor\s)(?<!\bsince\s)(?<!\bpast\s)(?<!\blast\s)(?<!\bfrom\s)(?<!\bover\s)(?<!\bof\s)"
    rf"(?<![\d.,])\b(\d{{1,3}})\s*(?:years?|yrs?|yr)\s*,?\s+{_SEXES}\b(?![/\w])",
    re.I,
)
# hB: a person word, then "of N years": "a retired schoolmistress of 81 years", "a widow of 90
# years" (the years are needed: "a mother of 3" is no age; "a smoker of 40 years" is no person)
PERSON_OF_YEARS = re.compile(
    r"\b(?:woman|man|lady|gentleman|gent|widow|widower|pensioner|patient|schoolmistress"
    r"|schoolmaster|headmistress|headmaster|grandmother|grandfather|granny|grandad|mother|father"
    r"|teacher|farmer|nurse|housewife|soul)\s+of\s+(\d{1,3})\s*(?:years?|yrs?)\b(?!\s+(?:ago|since))",
    re.I,
)
# hB: a title and a name, then the age: "Mrs E. Rowe, 79 years.", "Mr Patel (64)", "Mrs Jones,
# aged 80" (the name is capitalised: the case is fixed inside the pattern); hT11 (round 11): the
# name may be an initial alone, as stems anonymise it ("Mr F., 74", "Mrs A. (77)"); hT13 (round
# 13): initials run together ("Mr D.O., 58", "Mrs A.B., 67"), and "MRS" in a text in capitals
# hT14 (round 14): the age may run straight into the stem's verb ("Mrs K., 54 presents with",
# "Miss N., 7 attends"), and a boy's title is "Master" ("Master H., 7")
# hT19 (round 19): the title run on after a comma, so written small ("Spinal triage letter, mrs
# Okonjo, 57, school cook"), before a capitalised name
NAME_AGE = re.compile(
    r"\b(?-i:Mr|Mrs|Ms|Miss|Mx|MRS|MR|Master|mr|mrs|ms)\.?\s+"
    r"(?:(?:(?:(?-i:[A-Z])\.){2,3}"  # initials "A.B."
    r"|(?:(?-i:[A-Z])[a-z'-]*\.?\s+){0,2}(?-i:[A-Z])(?:[A-Za-z'-]+|\.|(?=\s*,)))"
    r"\s*(?:,\s*|\(\s*)(?:aged?\s+)?"
    r"|(?-i:[A-Z])\.?\s+(?=\d\d))"  # round 20: one initial, no comma ("Mrs K 74 ?DVT")
    r"(\d{1,3})(?:\s*(?:years?|yrs?|yo|y/o|y)\b(?:\s+old)?)?"
    r"(?=\s*[.,;:)\n]|\s*$|\s+\?(?=\w)|\s+(?:presents|presented|presenting|attends|attended|is|was|has|had"
    r"|comes|came|complains|complained|reports|reported|describes|who|with|arrives|arrived)\b)",
    re.I,
)
# hD8: a carer's or a clinic's word for the person, then the age ("Resident is 88, a lady with
# dementia", "the patient is 71"); hL20 (round 20): a helpline's, a coach's or a bystander's word
# for them too ("Caller is 63", "the lady is 80", "the boy's 7", "the student is 19")
AGE_PERSON_IS = re.compile(
    rf"\b(?:patient|resident|client|service\s+user|pt|caller|customer|lady|gentleman|gent|woman"
    rf"|man|boy|girl|lad|lass|child|kid|student|pupil|player|athlete|runner)\s+(?:is|'s)\s+"
    rf"(?:now\s+|aged\s+|only\s+|just\s+)?"
    rf"(\d{{1,3}})\b{_NOT_AGE}",
    re.I,
)


# hL9 (issue 12 round 9): the writer says their own age ("I'm 38", "I am 35") beside a
# relative's ("my son (he's 10 now)", "My son is 12. I get cramps"): the writer is the person
# described, unless they write for the relative or go on about them ("he has", "her leg")
SELF_AGE = folded(r"i'?m\s|i\s+am\s|i\s+(?:have|has|am\s+having|got)\s+\d", re.I)
WRITING_FOR = folded(
    r"\b(?:writing|asking|posting|enquiring|inquiring|messaging|here)\s+(?:for|on\s+behalf\s+of"
    r"|about)\b|\bon\s+behalf\s+of\b|\bi'?m\s+(?:his|her|their)\s+\w+",
    re.I,
)


def writer_said_age(text: str, ages: list[Extracted], continued: re.Pattern[str]) -> bool:
    """Whether a relative's age was read and the writer, who says their own age, is the person
    described (see SELF_AGE); `continued`: what goes on about the relative (he/she, his/her
    leg: `legwise.intake.people.CONTINUED`)."""
    kin = [a for a in ages if a.rule.startswith("age of my")]
    if not kin or WRITING_FOR.search(text):
        return False
    own = [a for a in ages if not a.rule.startswith("age of my") and SELF_AGE.match(a.text)]
    return bool(own) and not any(continued.search(text, a.end) for a in kin)


WORD = re.compile(r"[a-z]+")


def word_said(text: str, lower: str, words: frozenset[str]) -> bool:
    """Whether a pattern that needs one of `words` as a whole word can match (people's
    `AGE_RELATIVE`): in an ASCII text such a word is a run of letters of its lower-cased copy,
    and this check costs a tenth of the pattern, which tries its words at every position. A text
    that is not ASCII is left to the pattern."""
    return not text.isascii() or not words.isdisjoint(WORD.findall(lower))


# hL20 (issue 12 round 20): a first name, then the age in brackets ("Reece (12) is up again",
# "Cheers, Liam (34)", "Amara (7) has ..."), as a parent, a sign-off or a helpline note puts it;
# a capitalised word that names a day, a month or a measure is no name ("Monday (3)")
NOT_NAMES = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "day", "days", "week", "weeks", "step", "room", "bed", "ward", "page",
     "question", "score", "temp", "temperature", "pain", "level", "number", "no", "bp", "pulse",
     "weight", "height", "age", "aged", "years", "times", "flight", "bus", "route", "version",
     "part", "item", "point", "stage", "grade", "type", "table", "figure"))  # fmt: skip
NAME_PAREN_AGE = re.compile(r"\b((?-i:[A-Z][a-z\xe0-\xff]{2,}))\s*\(\s*(\d{1,3})\s*\)")
# hL20: "at 63 I should know better", "..., and at 70 you'd think": "at N" inside a sentence,
# when the writer goes on with a present or modal verb of their own (not "at 40 I had a clot", an
# age then, nor "at 10 I took ...", a time)
AGE_AT_I = re.compile(
    r"(?:,|\band|\bbut|\bnow|\bwell)\s+at\s+(\d{2,3})\s*,?\s+(?:I'm|I\s+am|you'd|you\s+would"
    r"|I\s+(?:should|shouldn't|ought|know|guess|suppose|reckon|can|can't|cannot|still|really"
    r"|probably|expect|just|need|must|think)\b)",
    re.I,
)
# hL20: the age between commas before a sex word, inside a sentence ("2nd year student in halls,
# 20, male", "night porter, 58, female"): both commas, so "walked 100 m" is no age
AGE_COMMA_SEX = re.compile(
    r"(?:,\s*|(?<=[a-z])\s+)(\d{2,3})\s*(?:,\s*(female|male|woman|man|f|m|bloke|fella|chap|guy|lad|lass|girl|boy)"
    r"|\s+(female|male|woman|man))\b(?![/\w'])",
    re.I,
)


def name_paren_age(text: str) -> list[Extracted]:
    """ "Reece (12) is up again", "Liam (34)": the first name before an age in brackets
    (hL20)."""
    out = []
    for m in NAME_PAREN_AGE.finditer(text) if "(" in text else ():
        if m.group(1).lower() in NOT_NAMES or not 1 <= int(m.group(2)) <= 110:
            continue
        out.append(_item("age", float(m.group(2)), m, "age 'Name (N)'"))
    return out


# hL20: the sex word said right beside the age, in brackets or after a comma ("I'm 17 (girl)",
# "I'm 44, F", "40 yo fella", "Amateur boxer, 19, lad", "I am 10 and a boy", "77 (female)"):
# the sex of the person whose age it is, when no other shape gave one
SEX_NEAR = re.compile(
    r"(?:^|[\s,(/])(?:and\s+)?(?:a\s+|an\s+)?(girl|boy|lad|lass|fella|feller|bloke|chap|guy|gent"
    r"|man|woman|female|male|femail|lady|gentleman|homem|mulher|hombre|mujer|se[nñ]ora|se[nñ]or"
    r"|postman|fisherman|policeman|fireman|tradesman|workman|postwoman|policewoman)\b"
    r"|[,(/]\s*(?-i:([FM]))\b(?![/.\w])",
    re.I,
)
NEAR_SEX = {"femail": "female", "fella": "male", "feller": "male", "chap": "male", "homem": "male",
            "mulher": "female", "hombre": "male", "mujer": "female", "señora": "female",
            "senora": "female", "señor": "male", "senor": "male", "postman": "male",
            "fisherman": "male", "policeman": "male", "fireman": "male", "tradesman": "male",
            "workman": "male", "postwoman": "female", "policewoman": "female"}  # fmt: skip
NEAR = 16  # characters either side of the age


def sex_near_age(text: str, age: Extracted, words: dict[str, str]) -> list[Extracted]:
    """The sex word nearest the age within a few characters either side (hL20); `words`: the
    sex words' sexes (`legwise.intake.people.SEX_WORDS`)."""
    lo, hi = max(0, age.start - NEAR), min(len(text), age.end + NEAR)
    best = None
    for m in SEX_NEAR.finditer(text, lo, hi):
        word = (m.group(1) or m.group(2)).lower()
        sex = NEAR_SEX.get(word) or words.get(word)
        gap = min(abs(m.start() - age.end), abs(age.start - m.end()))
        if sex and (best is None or gap < best[0]):
            best = (gap, sex, m)
    if best is None:
        return []
    return [_item("sex", best[1], best[2], "sex word beside the age")]


# hL20: the age as a sentence's opening number and a comma ("63, retired chap", "17, play
# rugby.", "64, retired teacher, woman"): a number then words is how a writer gives the age
LEAD_AGE = re.compile(rf"(?:^|[.!?]\s+|\n\s*)(\d{{2,3}})\s*,\s+(?=[a-z]){_NOT_AGE}", re.I)
# hL20: Spanish and Portuguese years ("tengo 67 años", "woman of 29 anos", "45 anos, homem"),
# not a time ago or since ("hace 3 años", "for 2 años")
FOREIGN_YEARS = re.compile(
    r"(?<!\bhace\s)(?<!\bfor\s)(?<!\bsince\s)(?<!\bdesde\s)(?<!\bh\xe1\s)(?<!\bover\s)"
    r"(?<![\d.,])\b(\d{1,3})\s*(?:a\xf1os|anos)\b",
    re.I,
)
# hL20: a capitalised first name and "is N" ("Gary is 35, has a learning disability"); a word
# for a measure or a day is no name (NOT_NAMES)
NAME_IS_AGE = re.compile(
    rf"\b((?-i:[A-Z][a-z]{{2,}}))\s+(?:is|'s)\s+(?:now\s+)?(\d{{1,3}})\b{_NOT_AGE}"
)
NOT_NAMES_TOO = frozenset(("sugar", "glucose", "ferritin", "iron", "inr", "reading", "count",
                           "oxygen", "sats", "heart", "rate", "she", "he", "it", "this", "that",
                           "mine", "his", "hers", "there", "here", "what", "which"))  # fmt: skip
# hL20: a dropped "I" at the opening ("Am 49, a guy, and ...")
AM_AGE = re.compile(rf"\s*am\s+(\d{{1,3}})\b{_NOT_AGE}", re.I)
# hL20: a nurse's or a form's question answered ("How old are you, sir? CALLER: Forty-five.")
HOW_OLD = folded(r"\bhow\s+old\s+(?:are\s+you|is\s+(?:he|she))\b[^0-9]{0,40}?(\d{1,3})\b", re.I)


# hL20: "a woman of 63", "an old lady of 96", "a man of 44 with MS": a person of N without
# "years" (PERSON_OF_YEARS); two or three digits, so "a mother of 3" is no age
PERSON_OF_N = re.compile(
    rf"\b(?:a|an)\s+(?:old\s+|young\s+|elderly\s+)?(?:woman|man|lady|gentleman|gent|widow|widower"
    rf"|pensioner|chap|fella|bloke|guy)\s+of\s+(\d{{2,3}})\b{_NOT_AGE}(?!\s+(?:children|kids))",
    re.I,
)


def other_ages(text: str) -> list[Extracted]:
    """The weaker shapes of an age (hL20), used only when no other age is said: a first name
    with "(N)" or "is N", a Spanish or Portuguese "N años", "How old ...? N", a sentence that
    opens on "N, "."""
    for m in NAME_IS_AGE.finditer(text):
        word = m.group(1).lower()
        if word not in NOT_NAMES and word not in NOT_NAMES_TOO and 1 <= int(m.group(2)) <= 110:
            return [_item("age", float(m.group(2)), m, "age 'Name is N'")]
    opening = AM_AGE.match(text)
    if opening is not None:
        return [_item("age", float(opening.group(1)), opening, "age 'I am N'")]
    # hN23 (round 23): "anos"/"años" is in every match of FOREIGN_YEARS; in an ASCII text (no
    # "ñ", no long s folding to "s") the cheap check of the lower-cased text says it is absent
    foreign = not text.isascii() or "anos" in text.lower()
    for pattern, name in (
        (PERSON_OF_N, "age 'a woman of N'"),
        *(((FOREIGN_YEARS, "age 'N años'"),) if foreign else ()),
        (HOW_OLD, "age 'How old? N'"),
        (LEAD_AGE, "age 'N, ...' opening"),
    ):
        said = pattern.search(text)
        if said is not None and 1 <= int(said.group(1)) <= 110:
            return [_item("age", float(said.group(1)), said, name)]
    return []
