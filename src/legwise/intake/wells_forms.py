"""Wells forms read by their SHAPE when the readers have no words for the answers or labels
(hW15, issue 12 round 15).

A calculator-style form writes one item a line: a label, a separator (":", "=", "|", a dot
leader, a wide gap, an arrow) and a short answer, maybe with a note after it ("Actieve
maligniteit / active cancer ...... nee", "活动性癌症 active cancer: 否", "Paralisi o gesso /
paralysis or cast: no (1,5 cm)"). The other readers know English answers and English labels;
a form in another language (or with a clinic's own words) then reads its labels as present and
its answers as nothing. This reader backs off:

1. Answers: a line's answer is what `wells_table.state_of` says, else a yes / no word of the
   many languages clinicians fill forms in (data: knowledge/intake/wells.yaml `form_answers`),
   else the SHAPE decides: when the form's answers are two kinds only and one of them is known,
   the other is its opposite; when neither is known, the one reading whose points equal the total
   the form states. Any other answer stays unread (the item unknown, never a guess).
2. Labels: a label that names no item by the known phrases (`wells_table.item_of`) names the item
   whose key words (`item_words`) share a long start with its own words ("maligniteit" /
   "malignancy", "Paralisi" / "paralysis", "Alternatieve" / "alternative"), when exactly one item
   does; a tie or no match leaves the line unread.

The form must show its shape: four or more item lines of three or more items. A reading rule
only: each answer is the form's own yes or no.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from legwise.intake.wells_checklist import _wells_data
from legwise.intake.wells_labels import named_items
from legwise.intake.wells_marklines import TOTAL, _points
from legwise.intake.wells_table import Tables, item_of, state_of

_DATA = _wells_data()
# a label (from its first letter in any script; no separator in it but ">=" / "<="), a
# separator, a short answer in letters of any script (one word, or "not" and one), and a note
# after it: "(1,5 cm)", "(cellulitis, red ..." (its bracket may close on the next line), " - lap
# chole", or a wide gap and more words
LINE = re.compile(
    r"^[ \t]*(?:[-*\u2022\u00b7>]|\d{1,2}[.)])?[ \t]*"
    r"(?P<label>[^\W\d_](?:[^\n:|=\uff1a]|(?<=[<>])=)*?)"
    r"(?P<sep>[ \t]*[:=|\uff1a][ \t]*|[ \t]*[.\u2026\u00b7_]{2,}[ \t]*|[ \t]{2,}|\t+"
    r"|[ \t]*(?:-+>|\u2192|=>)[ \t]*)"
    r"(?P<answer>(?:not[ \t]+)?[^\W\d_]{1,12})[.!]?"
    r"(?:[ \t]*\(.*|[ \t]+[-\u2013\u2014,;][ \t].*|[ \t]{2,}.*|[ \t]*[,;][ \t].*)?[ \t]*$",
    re.M,
)
WORD = re.compile(r"[^\W\d_]+")
SEPARATOR = re.compile(r"[:|\uff1a]|(?<![<>])=")
MARK_LETTER = re.compile(r"[A-Za-z]")
HINT = re.compile(r"[:=|\t\uff1a\u2026\u00b7\u2192>_]|\.\.|  ")
LONGEST = 240  # characters of a form line at most
DIGIT = re.compile(r"\d")
ROW = re.compile(r"^[^\n]+", re.M)
# what may follow a bare answer at a line's end: nothing, or a note in brackets or after a dash
BARE_AFTER = re.compile(r"[.!]?(?:[ \t]*\(.*|[ \t]+[-\u2013\u2014][ \t].*)?[ \t]*")
STEM = 6  # letters a label word and an item's key word share at their start to match


def _fold(word: str) -> str:
    """A word as compared: lower case, accents off ("Parálisis" -> "paralisis")."""
    plain = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in plain if not unicodedata.combining(c))


# spellings that differ between languages for one sound: "paralysis" / "paralisis", "Kollateral"
# / "collateral", "thrombosis" / "trombosis", "oedème" / "edema" (compared after `_fold`)
COGNATE = (("\u0153", "e"), ("oe", "e"), ("ph", "f"), ("th", "t"), ("y", "i"), ("k", "c"))


def _cognate(word: str) -> str:
    for a, b in COGNATE:
        word = word.replace(a, b)
    return word


@functools.cache
def _answers() -> dict[str, str]:
    words = _DATA["form_answers"]
    return {_fold(str(w)): s for s in ("present", "absent", "unknown") for w in words[s]}


@functools.cache
def _key_words() -> tuple[tuple[str, str], ...]:
    return tuple(
        (_cognate(_fold(str(w))), item)
        for item, words in _DATA["item_words"].items()
        for w in words
    )


def _shares_stem(word: str, key: str) -> bool:
    """Whether `word` is `key` (a short key: "calf", "edema", with a plural "s") or starts with
    its first STEM letters ("maligniteit" / "malignancy")."""
    if len(key) < STEM:
        return word in (key, key + "s")
    return len(word) >= STEM and word[:STEM] == key[:STEM]


def backoff_item(label: str) -> str | None:
    """The one item whose key words share a start with the words of `label`, or None when
    none or more than one item does (ties and weak matches leave the label unread)."""
    hits: dict[str, int] = {}
    for word in WORD.findall(label):
        w = _cognate(_fold(word))
        if len(w) < 4:
            continue
        items = {item for key, item in _key_words() if _shares_stem(w, key)}
        if len(items) == 1:
            item = items.pop()
            hits[item] = hits.get(item, 0) + 1
    if not hits:
        return None
    ranked = sorted(hits.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(hits, key=lambda i: hits[i])


def _state(answer: str, foreign: bool) -> str | None:
    """What an answer says; a word that is another answer in English ("na": not applicable)
    says the other language's answer in a form whose other answers are in that language."""
    if foreign and answer in _DATA["form_answers"]["foreign"]:
        return str(_DATA["form_answers"]["foreign"][answer])
    said = state_of(answer, "")
    if said is None:
        said = _answers().get(answer)
    return said if said is not None else _answer_stem(answer)


def _answer_stem(answer: str) -> str | None:
    """The answer a word's start says: most of it shared with known answers of one side only
    ("deny" / "denies", "affirm" / "affirmative"); else None."""
    if len(answer) < 4 or " " in answer:
        return None
    sides = {
        side
        for word, side in _stems()
        if (common := _shared(answer, word)) >= 3 and common * 4 >= min(len(answer), len(word)) * 3
    }
    return sides.pop() if len(sides) == 1 else None


def _shared(a: str, b: str) -> int:
    """How many letters `a` and `b` share at their start."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@functools.cache
def _stems() -> tuple[tuple[str, str], ...]:
    cells = _DATA["table_cells"]
    known = [(str(w), "present") for w in cells["present"]]
    known += [(str(w), "absent") for w in cells["absent"]]
    known += [(w, s) for w, s in _answers().items()]
    return tuple((_fold(w), s) for w, s in known if len(w) >= 4 and " " not in w)


Found = tuple[str | None, str, int, int, int, int, bool]  # item, answer, spans, backed off


def _found(label: str, a: int, answer: str, at: int) -> Found:
    """A form line: the item its label names (None: no item), its answer and their spans, and
    whether only the back-off named the item."""
    words = label.strip()
    a += len(label) - len(label.lstrip())
    plain = words.replace("_", " ")
    n = len(words.split())
    if n > 16 or (n > 6 and len(named_items(plain)) > 1):
        return None, "\0", at, at + len(answer), a, a + len(words), False  # two items: no row
    item = item_of(words)
    backed = False
    if item is None:
        item = backoff_item(words)
        backed = item is not None
    return item, _fold(answer), at, at + len(answer), a, a + len(words), backed


def _form_lines(text: str) -> list[Found]:
    """The form's lines: first those with a separator before their answer; then, once the form
    shows its answers, the lines that end in one of them after a blank only ("grote operatie
    <= 12 wk nee (2 dagen ...)": the text's runs of blanks are one blank by then)."""
    found: list[Found] = []
    taken: set[int] = set()
    for line in ROW.finditer(text):
        # a form line is short and holds a separator (a cheap look before the full pattern)
        if line.end() - line.start() > LONGEST or not HINT.search(line.group(0)):
            continue
        m = LINE.match(text, line.start(), line.end())
        if m is None:
            continue
        if MARK_LETTER.fullmatch(m.group("answer")) and not m.group("sep").strip():
            continue  # a mark under a Yes or No column head ("Active cancer   .   X")
        found.append(
            _found(m.group("label"), m.start("label"), m.group("answer"), m.start("answer"))
        )
        taken.add(m.start())
    kinds = {f[1] for f in found if f[0] is not None}
    if not kinds:
        return found
    kinds |= _answers().keys()  # and the yes and no words of the languages forms are in
    for line in ROW.finditer(text):
        if line.start() in taken:
            continue
        said = line.group(0)
        for w in WORD.finditer(said):
            if SEPARATOR.search(said, 0, w.start()):
                break  # a line with a separator is no bare-answer line ("Pitting: R +, L none")
            if w.start() and _fold(w.group(0)) in kinds and BARE_AFTER.fullmatch(said, w.end()):
                found.append(
                    _found(said[: w.start()], line.start(), w.group(0), line.start() + w.start())
                )
                break
    return found


def _by_shape(text: str, found: list[Found], states: dict[str, str | None]) -> None:
    """Fill in the one unread kind of answer of a two-kind form: the opposite of the other kind,
    else the reading whose points equal the form's stated total (`states` is changed)."""
    kinds = set(states)
    unread = [k for k in kinds if states[k] is None]
    if len(kinds) != 2 or not unread or any(" " in k or len(k) > 8 for k in unread):
        return
    if len(unread) == 1:
        other = next(k for k in kinds if k != unread[0])
        if states[other] in ("present", "absent"):
            lines = sum(1 for f in found if f[1] == unread[0])
            if lines >= 2:
                states[unread[0]] = "absent" if states[other] == "present" else "present"
        return
    said = [int(m.group("n").replace("\u2212", "-")) for m in TOTAL.finditer(text)]
    if len(said) != 1:
        return
    fits = [k for k in kinds if sum(_points()[str(f[0])] for f in found if f[1] == k) == said[0]]
    if len(fits) == 1:
        for k in kinds:
            states[k] = "present" if k == fits[0] else "absent"


def _clashing(found: list[Found], states: dict[str, str | None]) -> set[str]:
    """Items that back-off lines answer both ways: none of their back-off lines is read."""
    seen: dict[str, set[str | None]] = {}
    for item, answer, *_, backed in found:
        if item is not None and backed:
            seen.setdefault(item, set()).add(states.get(answer))
    return {i for i, said in seen.items() if len(said) > 1}


def read_forms(text: str, out: Tables) -> None:
    """Add to `out` each answer of a form's item lines that its shape lets be read; a line
    whose label names no item but holds a number and whose answer is "no" only blanks what was
    read in it (the number is the question's, not a finding: "Kuitomvang >= 3 cm ... nee")."""
    found = _form_lines(text)
    named = [f for f in found if f[0] is not None]
    foreign = any(
        _answers().get(f[1]) in ("present", "absent") and state_of(f[1], "") is None for f in named
    )
    said = [f for f in found if f[0] is None and _state(f[1], foreign) in ("present", "absent")]
    if len(named) + len(said) < 4 or len({f[0] for f in named}) < 3:
        return
    states = {f[1]: _state(f[1], foreign) for f in named}
    if all(s is None for s in states.values()) and len(states) > 2:
        return  # no answer known and no two-kind shape: not a form of answers
    _by_shape(text, named, states)
    clash = _clashing(named, states)
    done = [(x, y) for *_, x, y in out.answers] + out.rows  # what the other readers answered
    for item, answer, a, b, la, lb, backed in found:
        if any(x < b and la < y for x, y in done):
            continue  # a back-off only: a line another reader answered keeps its answer
        state = states.get(answer) if item is not None else _state(answer, foreign)
        if item is None:
            if state == "absent" and DIGIT.search(text, la, lb):
                out.rows.append((la, b))  # its numbers are the question's ("Kuitomvang >= 3 cm")
            continue
        if state not in ("present", "absent", "unknown") or (backed and item in clash):
            continue
        out.rows.append((min(a, la), max(b, lb)))
        out.headers.append((la, lb))
        if state != "unknown":
            out.answers.append((item, state, a, b))
