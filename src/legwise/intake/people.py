"""Age and sex of the person a free text describes, and the relative it is about.

"My husband is 71" describes the husband, not the writer: the relative's word is returned so
that ConText does not take it as family history.
"""

from __future__ import annotations

import re

from legwise.intake.age_phone import _NOT_AGE, _age_alone_phone, age_bare
from legwise.intake.age_words import (
    _SEXES,
    AGE_AT_I,
    AGE_COMMA_SEX,
    AGE_HAVE,
    AGE_PERSON_IS,
    AGE_SELF,
    AGE_THEN_SEX,
    AGE_YEARS_SEX,
    NAME_AGE,
    PERSON_OF_YEARS,
    SEX_AGE_OPENING,
    SEX_PAREN_AGE,
    SEX_SPACE_AGE,
    SEX_THEN_AGE,
    WORD,
    name_paren_age,
    other_ages,
    sex_near_age,
    writer_said_age,
)
from legwise.intake.child_only import ADULT_AGE as ADULT_AGE
from legwise.intake.child_only import drop_child_only as drop_child_only
from legwise.intake.fast_re import any_in
from legwise.intake.folded_re import folded
from legwise.intake.number_rules import _item, digits_in
from legwise.intake.relatives import KIN as KIN
from legwise.intake.relatives import RELATIVE_OR_PLURAL as RELATIVE_OR_PLURAL
from legwise.intake.relatives import RELATIVE_WORDS as RELATIVE_WORDS
from legwise.intake.relatives import RELATIVES as RELATIVES
from legwise.intake.relatives import SEX_WORDS as SEX_WORDS
from legwise.intake.result import Extracted
from legwise.intake.writer import blank_asides, lead_in_end

OWN = re.compile(r"(?:\b(?:my|our|mi)\s*|^\s*)$", re.I)


def _own_relative(text: str, start: int) -> bool:
    """Whether the relative named at text[start] is the writer's own ("my", "our") or opens
    the text."""
    return OWN.search(text[max(0, start - 8) : start]) is not None


_REL = "|".join(RELATIVES)
# hL20 (round 20): a word of age or order between ("my younger sister, she is 29")
_KIN_AGE = "(?:younger|older|little|big|elder|eldest|youngest|oldest|baby|twin|teenage|middle)"

AGE_YEARS = re.compile(
    rf"\b(\d{{1,3}})\s*[- ]?\s*(?:years?|yrs?|yr)(?:[- ]?old|\s+of\s+age)\b"
    rf"(?:\s+{_SEXES}\b|\s+({_REL})\b)?",
    re.I,
)
# hB: a text about someone else gives the age by pronoun: "He's 66, my husband", "Writing for
# my grandson, he's 15", "... she's 5" (used when no other age is said)
AGE_PRONOUN = re.compile(
    rf"\b(he|she)(?:'s|\s+is)\s+(?:only\s+|just\s+|now\s+)?(\d{{1,3}})\b{_NOT_AGE}", re.I
)
# "At 85 I suppose ...", "Now at 58 that leg aches": a sentence opening on "at N"
AGE_AT = re.compile(
    rf"(?:^|[.!?]\s+|\bnow\s+)(?:now\s+|and\s+)?at\s+(\d{{2,3}})\b{_NOT_AGE}"
    r"(?!\s*(?:degrees|deg|°|pm|am|mmhg|m\b|metres|meters|yards|miles|km|kph|mph|o'?clock|:|bpm|per))"
    r"(?=\s*,?\s+[a-z])",
    re.I,
)
# hB: a note's label "Age/sex: 36/F", "Age/Sex 36 M", "Sex/age: F/36"
AGE_SEX_LABEL = re.compile(
    r"\bage\s*/\s*(?:sex|gender)\s*[:=]?\s*(\d{1,3})\s*[/,]?\s*(female|male|f|m)\b"
    r"|\b(?:sex|gender)\s*/\s*age\s*[:=]?\s*(female|male|f|m)\s*[/,]?\s*(\d{1,3})\b",
    re.I,
)
AGE_YO = re.compile(rf"\b(\d{{1,3}})\s*-?\s*(?:yo|y/o|y-o|y\.o\.?|y\s+old)\s*{_SEXES}?\b", re.I)
AGE_LETTER = re.compile(r"(?<![\d.,])\b(\d{1,3})\s?([MF])\b")  # "67M", "67 F" (capitals only)
# hB (issue 12 round 6): "our daughter is 12", "my son Alfie is 7" (a capitalised name),
# "my tatay (father) 75", "my dad (79, Parkinson's)", "my partner (he's 56)"
AGE_RELATIVE = re.compile(
    # hL20: "mi" as code-switched and Caribbean text has it; a caller's or a friend's relative
    rf"(?:\b(?:my|our|mi)\s+(?:[a-z]+\s+\(\s*|{_KIN_AGE}\s+)?"
    rf"|\b(?:caller|friend|neighbour|neighbor)'s\s+|^\s*|[.!?]\s+"
    # hL20: "me"/"ma" for "my" in Irish, Northern and Scots speech, before "'s N" / "is N" only
    rf"|\b(?:me|ma)\s+(?=(?:{_REL})(?:'s|\s+is)\s+\d))({_REL})\b\)?"
    # a name after: "my son Alfie is 7"; typed in lower case only before "is N" (hG)
    rf"(?:,?\s+(?-i:[A-Z][a-z\xe0-\xff]+)\b,?|\s+(?-i:[a-z]+|[A-Z]+)(?=\s+(?:is|aged?)\s+\d))?\s*"
    rf"(?:\(\s*(\d{{1,3}})\s*(?:y|yo|yrs?|years?)?\s*[),;]"
    rf"|,?\s*(?:who\s+is|who's|who\s+(?:has\s+)?(?:just\s+)?turned|is|'s|aged?|tiene|,|\s)\s*"
    rf"(\d{{1,3}})\b{_NOT_AGE}"
    # hL20: the pronoun without its verb, as Caribbean and West African English have it ("My
    # granny, she 81")
    rf"|[^.!?]{{0,30}}?\b(she|he)(?:'s|\s+is|)\s+(\d{{1,3}})\b{_NOT_AGE})",
    re.I,
)
# "Ex-smoker, 70." / "Diabetic, 64, ..." : a short opening phrase, then the age alone
# hL20 (round 20): the phrase may hold a number ("Vegan for 8 years, 24."), not as its last word;
# a decimal point is no sentence's end ("rubbish, 38.4 on the thermometer" is a temperature)
AGE_ALONE = re.compile(
    r"(?:^|[.!?]\s+)[A-Za-z][A-Za-z0-9' -]{1,25}(?:,[A-Za-z' -]{2,20})?(?<!\d),\s*(\d{2,3})\s*"
    # hL20: also before a bracket ("Retired nurse, 77 (female)"), with one comma in the phrase
    # ("G'day, bloke here, 58,", "Hi, I'm a trans woman, 38,")
    r"(?=[.,;](?!\d)|$|\()"
)
CONTINUED = folded(
    r"(?:[,.;!?]|\band\b|\bbut\b)\s*(?:(?:and|but|now|today|then|yesterday|tonight)\s+){0,2}"
    r"(?:he|she|his|her|he's|she's|hes|shes)\b"
    # hG: a run-on text without punctuation ("... from 1 week and today she is not able")
    r"|\b(?:he|she)(?:'s|\s+(?:is|was|has|had|can|can't|cant|could|won't|wont|doesn't|doesnt"
    r"|does|did|didn't|didnt|keeps|gets|got|says|said|feels|felt|cries|woke|wakes))\b"
    # hG (round 7): "... since yesterday her right calf is fat": the relative's leg, run on
    r"|(?<!\bin\s)(?<!\bof\s)(?<!\bon\s)(?<!\bto\s)\b(?:his|her)\s+(?:(?:left|right|l|r|other|bad)\s+)?"
    r"(?:legs?|calf|calves|foot|feet|knees?"
    r"|ankles?|thighs?|shins?|toes?|hips?)\b",
    re.I,
)
# Lead (issue 12 round 8): the relative's own body part right after the opening possessive ("My
# husband's calf is red and swollen", "my sons knee is hot") makes the relative the person
# described, as a later he/she does, and so (hL16b) does a present verb of theirs in a text that
# never speaks of the writer ("My dad gets cramps"); "my mum had a clot" stays family history
BODY_OF_RELATIVE = folded(
    r"'?s\s*(?:(?:left|right|l|r|other|bad|poor|little|whole|entire)\s+){0,2}(?:legs?|calf|calves|foot|feet|knees?"
    r"|ankles?|thighs?|shins?|toes?|hips?|heels?)\b|\s+(?:gets|keeps|wakes|can't|cant|cannot"
    r"|complains|says|feels|needs|struggles)\b",
    re.I,
)
# hE (issue 12): a short lead-in may come first ("Since 3 days my father is not able to walk")
RELATIVE_OPENING = folded(
    rf"(?:[^.!?\n]{{0,30}}?\b(?:my|our|mi)\s+(?:{_KIN_AGE}\s+)?|\s*(?:(?:my|our)\s+)?)({_REL})"
    rf"(?:'?s)?\b",
    re.I,
)
FIRST_PERSON = folded(rf"\b(?:i|i'm|im|i've|i'd|me|myself|mine)\b|\bmy\b(?!\s+(?:{_REL})\b)", re.I)
# (hT19: "mrs"/"mr"/"ms" written small, run on after a comma, before a capitalised name)
TITLE = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Master|MRS|mrs|mr|ms|MR(?=\.?\s+[A-Z][.A-Z]))\b\.?(?=\s+[A-Z])"
)
SEX_WORD = folded(r"\b(female|male|woman|man|lady|gentleman|guy|bloke)\b", re.I)
SEX_NOUN_WORDS = ("widow", "mistress", "housewife", "preg", "partum", "postnatal", "feeding",
                  "section", "caesarean", "cesarean", "had my", "mum of", "mom of", "mother of",
                  "new m", "hysterectomy", "menopaus", "birth", "baby", "g1", "g2", "g3", "g4",
                  "g5")  # fmt: skip
# where the first of them stands (a scan finds the leftmost, as the least of each word's `find`)
SEX_NOUN_AT = re.compile("|".join(map(re.escape, SEX_NOUN_WORDS)))
# "Sex: M", "Gender: female" (a note's header line)
# hD8: also without the colon ("Age 66, sex M", "gender female")
# hL20: a question answered ("Sex? F.") and a word for a child ("Sex: girl")
SEX_LABEL = re.compile(r"\b(?:sex|gender)\s*(?:[:=?]\s*|\s)(male|female|m|f|girl|boy)\b", re.I)
# hB: words that give the sex of the person described when nothing else does: a self-described
# widow, a pregnancy or a birth ("22 wks preg", "10 days postpartum", "pregnant of 7 months")
SEX_NOUN = re.compile(
    r"\b(?:(widower)|(widow|schoolmistress|headmistress|housewife|pregnan\w*|preg|postpartum"
    r"|post-partum|postnatal|breastfeeding|breast-feeding|hysterectomy|menopaus\w*|gave\s+birth"
    # hL20: a section of one's own, a baby had or a mum of one ("Had my little girl by c-section")
    r"|c-section|caesarean|cesarean|had\s+my\s+(?:little|baby)\s+(?:girl|boy)"
    r"|(?:mum|mom|mother)\s+of\s+(?:a|an|one|two|three|\d)"
    r"|had\s+(?:(?:my|a|the)\s+)?baby|new\s+(?:mum|mom|mother)|g\d\s*p\d))\b",
    re.I,
)


# A cheap necessary condition per age pattern: a short regex that every match of the pattern
# holds, and that starts with a plain character or character class, which Python's re skips
# to at C speed (a pattern that starts with \b or a case-insensitive word is tried at every
# position). Where the gate finds nothing the pattern cannot match, so it is not run.
GATES = {
    AGE_SELF: re.compile(r"[mMeEdD:(wWyYtTgG?]\s*\d"),  # "i'm 54", "age (77)", "I'm now 55"
    AGE_HAVE: re.compile(r"[eEgG]\s+\d{1,3}\s*[yY]"),  # "I have 66 years"
    AGE_SEX_LABEL: re.compile(r"/\s*[sSgGaA][eEgG]"),  # "Age/sex: 36/F", "Sex/age"
    PERSON_OF_YEARS: re.compile(r"[fF]\s+\d{1,3}\s*[yY]"),  # "schoolmistress of 81 years"
    NAME_AGE: re.compile(r"[Mm][rsxRSai]"),  # "Mrs E. Rowe, 79", "MRS A.B., 67", "Miss", "Master"
    AGE_PRONOUN: re.compile(r"[eE](?:'[sS]|\s+[iI][sS])\s+(?:\w+\s+)?\d"),  # "he's 66"
    AGE_AT: re.compile(r"[tT]\s+\d\d"),  # "At 85 I"
    AGE_YEARS: re.compile(r"\d[\s-]*[yY]"),  # "54-year-old", "54 yrs old"
    AGE_YEARS_SEX: re.compile(r"\d\s*[yY]"),  # "50 years male"
    AGE_PERSON_IS: re.compile(r"[sS]\s+(?:\w+\s+)?\d"),  # "resident is 88"
    AGE_YO: re.compile(r"\d\s*-?\s*[yY]"),  # "54yo", "54 y/o"
    AGE_LETTER: re.compile(r"\d\s?[MF]"),  # "67M" (capitals only, as the pattern)
    AGE_ALONE: re.compile(r",\s*\d\d"),  # "Ex-smoker, 70."
    AGE_THEN_SEX: re.compile(r"\d[\s,/]+\(?\s*[fmwbglcFMWBGLC]"),  # "50, female", "50/F", "54 (M)"
    SEX_THEN_AGE: re.compile(r"[,/]\s*\d|[eEnN]\s+\d"),  # "F/50", "female, 50", "Male 59"
    SEX_SPACE_AGE: re.compile(r"[eEfFmMnNyY],?\s+\d{1,3}\s*[yY]"),  # "f 64 yrs", "man, 58 years"
}


AT = re.compile(r"[tT]\s+\d\d")  # AGE_AT_I's gate: "at 63"
# hN23 (issue 12 round 23): a gate whose every match holds a match of another's (its parent) is
# tried only where the parent found something: the "N years" shapes' gates each hold AGE_YEARS'
# "\d[\s-]*[yY]"; "he's 66" holds "s 66" (AGE_PERSON_IS'), "At 85" and "at 63" hold "t 85"
# (AGE_SELF's), ", 70" holds SEX_THEN_AGE's. AGE_COMMA_SEX (no gate of its own) is read only where
# AGE_THEN_SEX's gate finds a digit, signs and a sex word's first letter (", 20, male").
UNDER = {AGE_HAVE: AGE_YEARS, PERSON_OF_YEARS: AGE_YEARS, AGE_YEARS_SEX: AGE_YEARS,
         AGE_YO: AGE_YEARS, SEX_SPACE_AGE: AGE_YEARS, AGE_ALONE: SEX_THEN_AGE,
         AGE_PRONOUN: AGE_PERSON_IS, AGE_AT: AGE_SELF, AGE_AT_I: AGE_SELF}  # fmt: skip
# parents first; the weaker shapes' gates (AGE_PRONOUN, AGE_AT, AT) only when they are needed
EAGER = (AGE_YEARS, AGE_PERSON_IS, AGE_SELF, SEX_THEN_AGE, AGE_HAVE, PERSON_OF_YEARS, NAME_AGE,
         AGE_YEARS_SEX, AGE_YO, AGE_LETTER, AGE_ALONE, AGE_THEN_SEX, SEX_SPACE_AGE,
         AGE_SEX_LABEL)  # fmt: skip
_EAGER = [(id(p), GATES[p], id(UNDER[p]) if p in UNDER else None) for p in EAGER]
WEAKER = [(p, name, GATES.get(p, AT), id(UNDER[p])) for p, name in ((AGE_PRONOUN, "age 'he's N'"),
          (AGE_AT, "age 'At N, I'"), (AGE_AT_I, "age 'At N, I'"))]  # fmt: skip


def open_gates(text: str) -> set[int]:
    """The ids of the age patterns of `EAGER` whose gate finds something in `text`; one under a
    parent whose gate found nothing is not tried (it cannot find anything either). (Ids: a
    compiled pattern's hash is worked out anew from its code at every look-up.)"""
    found: set[int] = set()
    for key, gate, parent in _EAGER:
        if (parent is None or parent in found) and gate.search(text) is not None:
            found.add(key)
    return found


KIN_WORD = folded(rf"\b(?:{_REL})\b", re.I)


def _people(text: str) -> tuple[list[Extracted], frozenset[str]]:
    """Age and sex of the person described; the relative's word when it is someone else."""
    out, subject, _ = people(text)
    return out, subject


def people(text: str) -> tuple[list[Extracted], frozenset[str], list[tuple[int, int]]]:
    """As `_people`, with the span of every age said: a person's years are never a
    duration ("M, 23 yrs", "my father 68 years")."""
    ages: list[Extracted] = []
    sexes: list[Extracted] = []
    subject: set[str] = set()
    # "My son broke his leg and ..., his toes are tingly": a text that opens on a relative, goes
    # on about them ("and his foot", ", she") and never speaks of the writer describes that
    # relative; one statement ("my mother had restless legs") stays family history
    lower = text.lower()
    words = WORD.findall(lower) if text.isascii() else None  # hN23: no relative's word: skip
    said = words is None or not RELATIVE_OR_PLURAL.isdisjoint(words)
    start = lead_in_end(text, KIN_WORD) if said else 0  # after "Hi doctor, hope you are well."
    opening = RELATIVE_OPENING.match(text, start) if said else None
    if (
        opening is not None
        and not FIRST_PERSON.search(" ".join(text[start : opening.start(1)].split()[:-1]))
        and not FIRST_PERSON.search(blank_asides(text), opening.end())
        and (CONTINUED.search(text, opening.end()) or BODY_OF_RELATIVE.match(text, opening.end(1)))
    ):
        word = opening.group(1).lower()
        subject.add(word)
        if RELATIVES[word]:
            sexes.append(_item("sex", str(RELATIVES[word]), opening, f"sex of my {word}"))
    digits = digits_in(text)  # every age pattern below needs a digit
    kin = digits and (words is None or not RELATIVE_WORDS.isdisjoint(words))  # (`word_said`)
    for m in AGE_RELATIVE.finditer(text) if kin else ():
        word = m.group(1).lower()
        subject.add(word)
        age = m.group(2) or m.group(3) or m.group(5)
        ages.append(_item("age", float(age), m, f"age of my {word}"))
        if RELATIVES[word]:
            sexes.append(_item("sex", str(RELATIVES[word]), m, f"sex of my {word}"))
        elif m.group(4):  # "my partner (he's 56)"
            sex = "male" if m.group(4).lower() == "he" else "female"
            sexes.append(_item("sex", sex, m, f"sex of my {word}: {m.group(4)!r}"))
    gates = open_gates(text) if digits else set()  # every age pattern needs a digit
    for pattern, name in (
        (
            (AGE_SELF, "age 'I am N'"),
            (AGE_HAVE, "age 'I have N years'"),
            (AGE_YEARS, "age 'N years old'"),
            (AGE_YEARS_SEX, "age 'N years male'"),
            (AGE_PERSON_IS, "age 'resident is N'"),
            (PERSON_OF_YEARS, "age 'a widow of N years'"),
            (NAME_AGE, "age 'Mrs Name, N'"),
            (AGE_YO, "age 'N yo'"),
            (AGE_LETTER, "age and sex 'NM/NF'"),  # capitals only
            (AGE_ALONE, "age 'phrase, N.'"),
        )
        if digits
        else ()
    ):
        if id(pattern) not in gates:
            continue  # the cheap check first: the pattern cannot match
        for m in pattern.finditer(text):
            ages.append(_item("age", float(m.group(1)), m, name))
            extra = next((g for g in m.groups()[1:] if g), None)
            if extra and extra.lower() in KIN and not _own_relative(text, m.start()):
                continue  # "A 34-year-old woman ...; her 3-year-old son has chickenpox"
            if extra and extra.lower() in RELATIVES:  # "my 8-year-old son"
                subject.add(extra.lower())
                extra = None if RELATIVES[extra.lower()] is None else extra.lower()
                if extra is not None:
                    sexes.append(_item("sex", str(RELATIVES[extra]), m, f"sex of my {extra}"))
                continue
            if extra:
                sexes.append(_item("sex", SEX_WORDS[extra.lower()], m, f"sex word {extra!r}"))
    for m in AGE_THEN_SEX.finditer(text) if id(AGE_THEN_SEX) in gates else ():
        ages.append(_item("age", float(m.group(1)), m, "age and sex 'N, female'"))
        sexes.append(_item("sex", SEX_WORDS[m.group(2).lower()], m, "age and sex 'N, female'"))
    for m in AGE_COMMA_SEX.finditer(text) if id(AGE_THEN_SEX) in gates else ():  # hL20
        ages.append(_item("age", float(m.group(1)), m, "age and sex ', N, male'"))
        sex = SEX_WORDS[(m.group(2) or m.group(3)).lower()]
        sexes.append(_item("sex", sex, m, "age and sex ', N, male'"))
    for m in SEX_SPACE_AGE.finditer(text) if id(SEX_SPACE_AGE) in gates else ():
        ages.append(_item("age", float(m.group(2)), m, "age and sex 'f 64 yrs'"))
        sexes.append(_item("sex", SEX_WORDS[m.group(1).lower()], m, "age and sex 'f 64 yrs'"))
    for m in SEX_THEN_AGE.finditer(text) if id(SEX_THEN_AGE) in gates else ():
        ages.append(_item("age", float(m.group(2)), m, "age and sex 'F/N'"))
        sexes.append(_item("sex", SEX_WORDS[m.group(1).lower()], m, "age and sex 'F/N'"))
    opening_age = SEX_AGE_OPENING.match(text) if digits else None
    if opening_age is not None:
        ages.append(_item("age", float(opening_age.group(2)), opening_age, "age and sex 'M56'"))
        sex = SEX_WORDS[opening_age.group(1).lower()]
        sexes.append(_item("sex", sex, opening_age, "age and sex 'M56'"))
    for m in SEX_PAREN_AGE.finditer(text) if "(" in text and digits else ():
        ages.append(_item("age", float(m.group(2)), m, "age and sex 'man (76)'"))
        sexes.append(_item("sex", SEX_WORDS[m.group(1).lower()], m, "age and sex 'man (76)'"))
    for m in AGE_SEX_LABEL.finditer(text) if id(AGE_SEX_LABEL) in gates else ():
        age, sex = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        ages.append(_item("age", float(age), m, "age and sex 'Age/sex: N/F'"))
        sexes.append(_item("sex", SEX_WORDS[sex.lower()], m, "age and sex 'Age/sex: N/F'"))
    if digits and not ages:  # the weaker shapes, only when no other age is said
        for pattern, name, gate, parent in WEAKER:
            said_age = pattern.search(text) if parent in gates and gate.search(text) else None
            if said_age is not None:
                ages.append(_item("age", float(said_age.groups()[-1]), said_age, name))
                break
    if digits and not ages:
        ages += name_paren_age(text) or other_ages(text) or _age_alone_phone(text) or age_bare(text)
    if writer_said_age(text, ages, CONTINUED):  # "my son (he's 10 now) ... I'm 38": the writer's
        ages = [a for a in ages if not a.rule.startswith("age of my")]
        sexes = [s for s in sexes if not s.rule.startswith("sex of my")]
        subject.clear()
    for m in SEX_LABEL.finditer(text) if ("sex" in lower or "gender" in lower) else ():
        sexes.append(_item("sex", SEX_WORDS[m.group(1).lower()], m, "sex label 'Sex: M'"))
    if not sexes:
        sexes = _sex_said(text, lower)
    if not sexes and ages:  # hL20: "I'm 17 (girl)", "Amateur boxer, 19, lad"
        sexes = sex_near_age(text, min(ages, key=lambda a: a.start), SEX_WORDS)
    sexes += [] if sexes or not ages else _pronoun_sex(text, ages[0])
    # One age and one sex: a relative's stated age/sex first (they are the person described),
    # then the first said.
    out: list[Extracted] = []
    for found in (ages, sexes):
        if found:
            found.sort(key=lambda i: (not i.rule.startswith(("age of my", "sex of my")), i.start))
            out.append(found[0])
    return out, frozenset(subject), [(i.start, i.end) for i in ages]


def _sex_said(text: str, lower: str) -> list[Extracted]:
    """The sex from a sex word, a title or a word for a woman's state (when no age-and-sex
    shape gave it): the cheap checks first (a sex word holds one of these; a title an "M")."""
    sexes: list[Extracted] = []
    said = any_in(lower, ("male", "man", "lady", "guy", "bloke"))
    for m in SEX_WORD.finditer(text) if said else ():
        sexes.append(_item("sex", SEX_WORDS[m.group(1).lower()], m, f"sex word {m.group(1)!r}"))
    titled = "M" in text or "mr" in text or "ms" in text  # TITLE's words, capitals or small
    for m in TITLE.finditer(text) if titled else ():
        sexes.append(_item("sex", SEX_WORDS[m.group(1).lower()], m, f"title {m.group(1)!r}"))
    said_at = None if sexes else SEX_NOUN_AT.search(lower)
    if said_at is not None:  # from just before the first of the words ("had my baby"): the
        noun = SEX_NOUN.search(text, max(0, said_at.start() - 12))  # cheap check first
        if noun is not None:
            sex = "male" if noun.group(1) else "female"
            sexes.append(_item("sex", sex, noun, f"sex noun {noun.group(0)!r}"))
    return sexes


# "A 19-year-old sprinter felt a pain in the back of his thigh": a third-person stem that names
# the patient by a word without a sex gives it by the first pronoun that follows, when no other
# person (a relative, a friend) is named before it and the writer does not speak of themselves.
OPENING = 40  # characters: the stem's opening words ("A 19-year-old sprinter ...")
PRONOUN = folded(rf"\b(?:(he|his|him|himself)|(she|her|hers|herself)|({_REL}))\b", re.I)


SELF_AGES = ("age 'I am N'", "age 'I have N years'", "age 'At N, I'")


def _pronoun_sex(text: str, said: Extracted) -> list[Extracted]:
    """hB (issue 12 round 6): also for the writer's own child or relative of no stated sex ("my
    4yo ... his shins", "my toddler (2) ... his leg") and any third-person age ("Sam, aged 7
    ... He", "he's 15")."""
    own = _own_relative(text, said.start) or said.rule.startswith(("age of my", "age 'he's N'"))
    itself = said.rule in SELF_AGES and not said.text.lower().startswith("age")  # not "aged 7"
    if itself or (said.start > OPENING and not own):
        return []
    if said.rule == "age 'he's N'":  # the pronoun that gives the age gives the sex
        sex = "male" if said.text.lower().startswith("he") else "female"
        word = said.text.split()[0]
        return [
            Extracted("sex", sex, said.start, said.start + len(word), word, f"pronoun {word!r}")
        ]
    if FIRST_PERSON.search(text) and not own:
        return []
    m = PRONOUN.search(text, said.end)
    if m is None or m.group(3) is not None:
        return []
    return [_item("sex", "male" if m.group(1) else "female", m, f"pronoun {m.group(0)!r}")]
