"""Surface forms that carry no meaning, read away before a text is read (issue 12: outside
writers type on phones, with extra spaces and tabs, without capitals, with number words).
One compiled pass rewrites them, with each new character's span in the text as given, so every
item still points at the words as written (`spans_back`). Most texts have none: the pass is a
single regex scan.

- Runs of spaces and tabs become one space, none at a line's start: extra blanks make spaCy
  tokens of their own that break a phrase ("calf  swollen"), count as words between a cue and
  what it denies ("no  swelling") and defeat the number patterns ("  F/50"). Line breaks stay
  (they end a list item). A tab between the cells of a TSV table (two lines in a row with the
  same number of tabs) stays a tab: it is the table's column break (`intake.wells_table`).
- Tens in words become digits ("a fifty-eight-year-old", "twenty-four hours"), and so do small
  number words in an age ("nine-year-old boy", "seventy six yo"); "a couple of days" is 2 days.
  (Small number words before a time unit are read as they stand: `number_rules.WORDS`.)
- Apostrophes dropped on a phone, where the bare word is no other word: "dont", "cant",
  "hes", "im", "thats"; "its" before a word that only follows "it is" ("its gone"); "mums 84",
  "my husbands legs" (a relative's age or body).
- A text with no full stop at all: a capitalised word after a lower-case one starts a sentence
  (a "." is put before it), as a full stop would, so a cue's reach ends there.
- Shorthand that the readers take in capitals only, typed in lower case: "67m" / "54f" opening
  a line or after a label or comma ("hpi: 44f", "nurse, 41f"; not metres there) is "67M";
  also "67M" anywhere in lower-case text when it has two digits ("hpi 44f", "im a nurse 41f",
  "history 45 m with") unless the words around make it a distance, a time or a temperature;
  "mrs l. grant" is "Mrs L. grant" (a title; "ms" and "miss" are left: multiple sclerosis,
  to miss); "no hx ca" is "no hx CA" (Wells' "no cancer"; a lone "ca" is left).
- A relative named in more words ("my stepdad", "mother-in-law", "my little girl") is its base
  word, and a small age in words after a relative or he/she ("my daughter is six") is digits
  (`intake.kin_words`, hL17).
- A phone's "2" for "to" before a verb or "my"/"the" ("hurts 2 walk", "down 2 my foot") is
  "to" (not after another number: "1 or 2 the").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator

from legwise.intake.age_phone import age_letter
from legwise.intake.agreement import agree_piece, agree_words, agreed, may_agree
from legwise.intake.alternation import finditer, warm
from legwise.intake.bare_units import BARE_BEFORE, BARE_UNITS, bare_unit
from legwise.intake.bare_units import PIECE as BARE_PIECE
from legwise.intake.capital_words import capitalises_words, starts_sentence
from legwise.intake.dropped_aux import VERBS as AUX_VERBS
from legwise.intake.dropped_aux import piece as aux_piece
from legwise.intake.dropped_aux import with_aux
from legwise.intake.kin_words import AGE_PIECE, AGE_WORDS, kin_age, kin_word
from legwise.intake.kin_words import PIECE as KIN_PIECE
from legwise.intake.kin_words import WORDS as KIN_WORDS
from legwise.intake.people import RELATIVES
from legwise.intake.result import Extracted, TextResult
from legwise.intake.spoken_numbers import ONES, POINT, TENS, VALUE, spoken_decimal
from legwise.intake.surface_typos import _typo_table
from legwise.intake.tsv_table import is_tsv_table as _tsv
from legwise.intake.wells_marks import has_mark_columns
from legwise.intake.wraps import PIECE as WRAP
from legwise.intake.wraps import join

_UNITS = r"(?:hours?|hrs?|days?|dys|nights?|weeks?|wks?|months?|mn?ths?|years?|yrs?)"
# Apostrophes a phone drops where the word without one is no other word (not "ill", "well",
# "were", "shell"): the readers of age, sex, relatives and ConText's cues expect them.
NOT = ["do", "does", "did", "is", "was", "are", "were", "has", "have", "had", "could", "would",
       "should", "ca", "wo", "must", "need", "ai"]  # fmt: skip
CONTRACTED = {"im": "I'm", "ive": "I've", "youre": "you're", "youve": "you've", "hes": "he's",
              "shes": "she's", "thats": "that's", "theres": "there's", "whats": "what's",
              "theyre": "they're", "theyve": "they've", "weve": "we've", "itll": "it'll",
              "thatll": "that'll"}  # fmt: skip
# "its" is "it's" before these words ("its gone", "its really sore"); else it owns ("its colour")
ITS_NEXT = ["been", "gone", "not", "a", "an", "very", "really", "so", "too", "all", "just",
            "still", "getting", "got", "like", "only", "always", "never", "now", "worse",
            "better", "bad", "fine", "ok", "okay", "swollen", "red", "hot", "warm", "sore",
            "painful", "tender", "cold", "numb", "hard", "killing", "making", "driving", "more",
            "less", "quite", "pretty", "also", "starting", "started", "going", "coming", "the",
            "my", "your", "his", "her", "no", "definitely", "probably"]  # fmt: skip
# "hurts 2 walk", "have 2 get up", "down 2 my foot": a phone's "2" for "to" before these (hG)
TWO_NEXT = ["my", "the", "his", "her", "your", "their", "get", "walk", "stand", "move", "sleep",
            "be", "put", "bear", "go", "keep", "lie", "sit", "stop", "do", "see", "make", "touch",
            "bend", "lift", "work", "bed", "school", "hospital", "me", "him", "us", "them",
            "pace", "rub", "stretch", "squeeze", "press", "wee", "pee"]  # fmt: skip
_NUMBERISH = frozenset({"or", "to", "and", "x", "-", "by", "of", "1", "between", "than"})
BODY = ["legs?", "foot", "feet", "calf", "calves", "knees?", "ankles?", "hips?", "thigh", "back",
        "toes?", "age",
        # hG: "grandads right foot", "dads kidney function", "mums heart": a relative's own
        "shins?", "kidneys?", "heart", "skin", "sugars?", "blood", "bum", "been", "got", "had",
        "just", "always", "now"]  # fmt: skip
SIDES = "(?:left|right|l|r|lower|upper|bad|good)"
_AGED = r"(?=[- ]?(?:years?|yrs?)[- ]?old\b|\s*(?:yo|y/o|y\.o\.)(?!\w))"


# Capitalised words that start no sentence: a split before them would cut "since Tuesday"
NAMES = ["I", "I'm", "I've", "I'd", "Mr", "Mrs", "Ms", "Dr", "Monday", "Tuesday", "Wednesday",
         "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
         "May", "June", "July", "August", "September", "October", "November", "December",
         "Christmas", "Easter", "English", "God",
         # clinical short forms in title case inside a label: "Active Ca", "Alternative Dx",
         # "Two-level Wells" (hW14, round 14: the stress set's labels were cut in two)
         "Ca", "Dx", "Ddx", "Hx", "Sx", "Wells"]  # fmt: skip
_STOPS = re.compile(r"[.!?;](?:\s|$)")
# (calculator output puts the points after the answer: "... within 12 weeks No 0", "Yes +1")
ANSWERS = (
    r"(?:Yes|No|None|Nil|Absent|Present|Positive|Negative|Y|N)"
    r"(?:[ \t]+[+\-\u2212]?\d)?[ \t]*(?:\n|$)"
)
_SPLIT = (  # not before a checklist's answer ending its line ("Active cancer No")
    rf"|(?-i:(?<=[a-z0-9])(?P<split>)(?= (?!(?:{'|'.join(NAMES)})\b|{ANSWERS})[A-Z][a-z]))"
)


TYPOS = _typo_table()
_TYPO_WORDS = frozenset(TYPOS)  # for `_kinds`: `isdisjoint` walks every key of a dict it is given
_TENS, _ONES, _PRON, _TWO_NEXT = map(frozenset, (TENS, ONES, CONTRACTED, TWO_NEXT))  # the same
Correct = Callable[[str], "str | None"]  # a lower-case word -> the word its typo stands for
_ONES9 = "|".join(ONES[:9])
PIECES = {  # each kind of rewrite; `_kinds` picks those a text may need
    "point": POINT,  # before "tens": "forty one point five" is one number
    "split": _SPLIT[1:],
    "eol": r"(?-i:(?<=[A-Za-z0-9)%])(?P<eol>)(?=[ \t]*\n[ \t]*[A-Z0-9*\u2022-]))",
    "wrap": WRAP,  # a soft line wrap inside a sentence (`intake.wraps`)
    "letter": r"(?:^|(?<=[:,]))(?P<lead>[ \t]*)(?P<letter>\d{1,3}\s?[mf])(?=[\s,.:;]|$)",
    "age": r"(?-i:(?<![\w./+~-])(?P<age>[1-9]\d ?[mf])(?=[\s,.;:!?)]|$))",
    "two": rf"(?<![\w./:+-])(?P<two>2)(?= (?:{'|'.join(TWO_NEXT)})\b)",
    "title": r"(?-i:\b(?P<title>mrs?\.?\s+[a-z]))",
    "noca": r"(?-i:\b(?P<noca>(?:no|nil|denies)\s+"
    r"(?:(?:hx|h/o|history\s+of|known|active)\s+)?ca)\b)",
    "blank": r"(?P<blank>^[ \t]+|[ \t]{2,}|\t)",
    "tens": rf"\b(?P<tens>{'|'.join(TENS)})(?:(?:-|[ \t]+)(?P<unit>{_ONES9}))?\b",
    "small": rf"\b(?P<small>{'|'.join(ONES)}){_AGED}",
    # hL12 (round 12): a child's age in words after "aged" ("Our youngest (aged seven, a boy)"):
    # digits read it ("aged 7"); the tens are read everywhere already ("tens")
    "aged": rf"(?<=\baged )(?P<aged>{'|'.join(ONES)})\b",
    "nt": rf"\b(?P<nt>(?:{'|'.join(NOT)})nt)\b",
    "pron": rf"\b(?P<pron>{'|'.join(CONTRACTED)})\b",
    "its": rf"\b(?P<its>its)(?=\s+(?:{'|'.join(ITS_NEXT)})\b)",
    "kin": rf"\b(?P<kin>{'|'.join(RELATIVES)})s(?=\s+(?:\d|(?:{SIDES}\s+)?(?:{'|'.join(BODY)})\b))",
    "kinword": KIN_PIECE,  # "my stepdad", "mother-in-law", "my little girl" (`intake.kin_words`)
    "kinage": AGE_PIECE,  # "my daughter is six" (hL17)
    "couple": rf"\b(?P<couple>(?:a\s+)?couple(?:\s+of)?)(?=\s+{_UNITS}\b)",
    "bare": BARE_PIECE,  # "for week", "hour ago": the article put in (`intake.bare_units`)
    "aux": aux_piece(),  # "she not feel her feet": "she doesn't feel" (`intake.dropped_aux`)
    "agree": agree_piece(),  # "the muscle go hard": "goes" (`intake.agreement`, hL11)
    "typo": r"\b(?P<typo>[a-z]{3,})\b",  # last: any word, put right when it is in TYPOS
}
warm(tuple(PIECES.values()), re.I | re.M)  # each compiled once, at load
_WORD = re.compile(r"[a-z]+")
_CAPITAL = re.compile(r"[a-z0-9] [A-Z][a-z]")
_AGE_LETTER = re.compile(r"\d\s?[mf]\b")
_NT = frozenset(w + "nt" for w in NOT)
_KIN = frozenset(w + "s" for w in RELATIVES)
_AGE_WORDS = frozenset({"old", "yo", "y"})
_VERBS = agree_words()
# every word some word test of `_kinds` needs ("small" needs a word of ONES and of _AGE_WORDS;
# "two" a " 2 " first, tested apart: its next words are everyday words)
_KIND_WORDS = frozenset(
    {"point", "mr", "mrs", "ca", *TENS, *ONES, *_NT, *CONTRACTED, "its", *_KIN, "couple", *TYPOS,
     *BARE_UNITS, *_VERBS, *KIN_WORDS, *AUX_VERBS}
)  # fmt: skip


def _kinds(text: str, correct: Correct | None = None) -> tuple[str, ...]:
    """The kinds of rewrite `text` may need, by cheap tests (most texts need none)."""
    low = text.lower()
    words = set(_WORD.findall(low))
    digits = any(map(str.isdigit, text))  # (no generator: this runs on every text)
    chars = _char_tests(text, digits)
    # a typo that the phrase lexicon puts right ("puses"): the "typo" kind, as a TYPOS word is
    typo = not words.isdisjoint(_TYPO_WORDS) or (correct is not None and any(map(correct, words)))
    if " 2 " not in low and words.isdisjoint(_KIND_WORDS):  # then every word test is False
        return (*(k for k, yes in chars.items() if yes), *(("typo",) if typo else ()))
    tests = {
        "point": "point" in words,
        "split": chars["split"],
        "eol": chars["eol"],
        "wrap": chars["eol"],
        "letter": chars["letter"],
        "age": chars["age"],
        "two": " 2 " in low and not words.isdisjoint(_TWO_NEXT),
        "title": "mr" in words or "mrs" in words,
        "noca": "ca" in words,
        "blank": chars["blank"],
        "tens": not words.isdisjoint(_TENS),
        "small": not words.isdisjoint(_ONES) and not words.isdisjoint(_AGE_WORDS),
        "aged": "aged" in words and not words.isdisjoint(_ONES),
        "nt": not words.isdisjoint(_NT),
        "pron": not words.isdisjoint(_PRON),
        "its": "its" in words,
        "kin": not words.isdisjoint(_KIN),
        "kinword": not words.isdisjoint(KIN_WORDS),
        "kinage": not words.isdisjoint(AGE_WORDS) and ("is" in words or "s" in words),
        "couple": "couple" in words,
        "bare": not words.isdisjoint(BARE_UNITS) and not words.isdisjoint(BARE_BEFORE),
        "aux": ("not" in words or "no" in words) and not words.isdisjoint(AUX_VERBS),
        "agree": not words.isdisjoint(_VERBS) and (not low.isascii() or may_agree(low)),
        "typo": typo,
    }
    return tuple(k for k, yes in tests.items() if yes)


def _char_tests(text: str, digits: bool) -> dict[str, bool]:
    """`_kinds`' tests that need no word of `_KIND_WORDS`, in its order."""
    return {
        # no full stop anywhere ("No swelling calves soft Not tender Wells 0"): a capital after
        # a lower-case word starts a sentence, as a full stop would, so a cue stops there
        "split": len(text) > 40 and not _STOPS.search(text) and bool(_CAPITAL.search(text)),
        "eol": "\n" in text,
        "wrap": "\n" in text,
        "letter": digits and bool(_AGE_LETTER.search(text)),
        "age": digits and bool(_AGE_LETTER.search(text)),
        "blank": "  " in text or "\t" in text or text[:1] == " " or "\n " in text,
    }


def _matches(kinds: tuple[str, ...], text: str) -> Iterator[re.Match[str]]:
    """The matches of the pieces of `kinds` joined ("A|B|C"), no mix compiled (`alternation`)."""
    return finditer(tuple(PIECES[k] for k in kinds), text, re.I | re.M)


# a Wells mark opening a line, before a wide gap ("Y  Active cancer", "No\tPrevious DVT")
MARK_BEFORE = re.compile(r"(?:^|\n)(?-i:Y|N|YES|NO|Yes|No|\+1|-2|\u22122|\+0|0)$")


INNER_BLANK = re.compile(r"[ \t]{2,}|\t")


def _squeezed(new: str, text: str) -> str:
    """A rewrite that took in a run of blanks ("makes the leg  throb") with the run made one
    space, as it would be outside a rewrite; a table's blanks stay its columns."""
    if has_mark_columns(text) or _tsv(text):
        return new
    return INNER_BLANK.sub(" ", new)


def _replacement(m: re.Match[str], correct: Correct | None = None) -> str:
    kind = m.lastgroup
    if kind == "blank":
        if m.start() == 0 or m.string[m.start() - 1] == "\n":
            return ""
        # a mark column's gap stays: "Y  palliative care", "N  paralysis / cast" (the reader of
        # mark columns, `intake.wells_table`, needs it; hW10, round 10)
        if MARK_BEFORE.search(m.string, max(0, m.start() - 4), m.start()):
            return m.group()
        # the blanks of a Yes / No mark column table are its columns (hW11, round 11)
        if has_mark_columns(m.string):
            return m.group()
        # a tab between the cells of a TSV row stays the column break (hW9, round 9)
        return "\t" * m.group().count("\t") if "\t" in m.group() and _tsv(m.string) else " "
    if kind == "point":
        return spoken_decimal(m)
    if kind in ("unit", "tens"):
        unit = m.group("unit")
        return str(VALUE[m.group("tens").lower()] + (VALUE[unit.lower()] if unit else 0))
    if kind in ("small", "aged"):
        return str(VALUE[m.group(kind).lower()])
    if kind in ("bare", "ago"):
        return bare_unit(m)
    if kind == "couple":
        return "2"
    if kind in ("step", "law", "great", "fond", "eldest", "kinage"):
        return kin_age(m) if kind == "kinage" else kin_word(m)
    if kind in ("agree", "aux"):
        return agreed(m) if kind == "agree" else with_aux(m)
    if kind == "typo":
        word = m.group()
        new = TYPOS.get(word.lower())
        if new is None and correct is not None and not _name(m):
            new = correct(word.lower())
        if new is None:
            return word
        return new.upper() if word.isupper() else new.title() if word[0].isupper() else new
    word = m.group()
    if kind == "nt":
        return word[:-1] + ("'T" if word.isupper() else "'t")
    if kind in ("pron", "its") and word.isupper() and len(word) > 1:
        return word  # "IM", "ITS": capitals are an abbreviation, not a phone's dropped '
    if kind == "pron":
        new = CONTRACTED[word.lower()]
        return new[0].upper() + new[1:] if word[0].isupper() else new
    if kind == "its":
        return word[:2] + "'s"
    if kind == "kin":  # "MUMS HEART" too: a relative's word is no abbreviation (hG)
        return word[:-1] + ("'S" if word.isupper() else "'s")
    if kind in ("eol", "wrap") and has_mark_columns(m.string):
        return m.group()  # a Yes / No mark column table's rows are its lines (hW11)
    if kind == "eol":  # a full stop, unless the sentence runs on in the next line
        at = m.string.find("\n", m.start())
        return "." if join(m.string, m.start(), at + 1) is None else ""
    if kind == "split":  # not after "the", "like" ...: `intake.capital_words` (hL19)
        return "." if starts_sentence(m.string, m.start(), capitalises_words(m.string)) else ""
    if kind == "wrap":
        new = join(m.string, m.start(), m.end())
        return m.group() if new is None else new
    if kind == "noca":
        return m.group()[:-2] + "CA"
    if kind == "two":
        before = m.string[max(0, m.start() - 8) : m.start()].split()
        if before and (before[-1].lower() in _NUMBERISH or before[-1][-1:].isdigit()):
            return "2"
        return "TO" if m.string[m.end() + 1 : m.end() + 2].isupper() else "to"
    if kind == "age":
        return age_letter(m)
    if kind == "title":
        return m.group().title()
    lead = " " if m.group("lead") and m.start() > 0 and m.string[m.start() - 1] in ":," else ""
    return lead + m.group("letter").upper()


def normalise(
    text: str, correct: Correct | None = None
) -> tuple[str, list[tuple[int, int]] | None]:
    """`text` with the surface forms above rewritten, and each character's (start, end) in
    `text`; None when nothing was rewritten (the common case). `correct`: a lower-case word ->
    the word a typo of it stands for, or None (`legwise.intake.respell.corrector`), so that every
    reader, not only the phrase lists, reads "puses palpable" and "3 cm largr"."""
    parts: list[str] = []
    where: list[tuple[int, int]] = []
    last = 0
    kinds = _kinds(text, correct)
    if not kinds:
        return text, None
    for m in _matches(kinds, text):
        w = m.group().lower() if m.lastgroup == "typo" else ""
        if w and w not in TYPOS and (correct is None or correct(w) is None):
            continue  # no typo: `_replacement` keeps such a word as written (most words)
        new = _replacement(m, correct)
        if "blank" in kinds and m.lastgroup != "blank" and INNER_BLANK.search(new):
            new = _squeezed(new, text)
        if new == m.group():
            continue
        parts.append(text[last : m.start()])
        where.extend(zip(range(last, m.start()), range(last + 1, m.start() + 1), strict=True))
        parts.append(new)
        where.extend(_spans(m, new))
        last = m.end()
    if not parts:
        return text, None
    parts.append(text[last:])
    where.extend(zip(range(last, len(text)), range(last + 1, len(text) + 1), strict=True))
    return "".join(parts), where


def _name(m: re.Match[str]) -> bool:
    """Whether a capitalised word stands inside a sentence: a name ("a coach trip to Spain"),
    never a typo."""
    word = m.group()
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    before = m.string[: m.start()].rstrip(" \t")
    return bool(before) and before[-1] not in '.!?:;(\n"-'


def _spans(m: re.Match[str], new: str) -> list[tuple[int, int]]:
    """Each new character's span in the text: one for one when the words kept their length
    ("67m" -> "67M"; a letter after dropped blanks too), else the whole match."""
    start, end = m.span()
    if m.lastgroup == "letter":
        blanks = len(new) - (end - m.start("letter"))
        start = m.start("letter")
        return [(m.start(), start)] * blanks + [(i, i + 1) for i in range(start, end)]
    if len(new) == end - start:
        return [(i, i + 1) for i in range(start, end)]
    return [(start, end)] * len(new)


def spans_back(res: TextResult, text: str, where: list[tuple[int, int]]) -> TextResult:
    """A result read from `normalise(text)` with every span pointing into `text` again."""
    items = []
    for i in res.items:
        a = where[i.start][0] if i.start < len(where) else len(text)
        b = where[i.end - 1][1] if i.end > i.start else a
        items.append(Extracted(i.finding, i.value, a, b, text[a:b], i.rule))
    return dataclasses.replace(res, items=tuple(items))
