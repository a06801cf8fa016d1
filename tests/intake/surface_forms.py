"""Meaning-preserving rewrites of a text, the way outside writers type (issue 12): the
metamorphic relations of tests/intake/test_surface_forms.py and bench/intake_surface.py.

Each transform takes a text and a seeded `random.Random` and returns the text as someone else
might have typed the same account: in lower case or ALL CAPS, without punctuation, without
apostrophes, with a typo or two, with number words for digits, in the other spelling
(oedema/edema), with filler, emojis, extra spaces or line breaks, or as one run-on sentence.
The reading (findings with values, age, sex) should not change. The word lists here are the
test's own, written apart from the respelling table in the knowledge, so the test does not just
read the table back.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
# own_heldout3, own_heldout4 and own_heldout5 were demoted to development (their READMEs)
DEV_FOLDERS = (HERE, HERE / "own_heldout3", HERE / "own_heldout4", HERE / "own_heldout5")

Transform = Callable[[str, random.Random], str]
Reading = tuple[tuple[tuple[str, Any], ...], float | None, str | None]


def dev_texts() -> list[tuple[str, str]]:
    """(id, text) of every development text: tests/intake/*.yaml and the demoted
    own_heldout3, own_heldout4 and own_heldout5 (never the frozen held-out folders)."""
    out: list[tuple[str, str]] = []
    for folder in DEV_FOLDERS:
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if not isinstance(data, list):
                continue
            for i, row in enumerate(data):
                if isinstance(row, dict) and isinstance(row.get("text"), str):
                    key = row.get("id") or row.get("vignette_id") or f"{path.stem}#{i}"
                    out.append((f"{path.parent.name}/{path.stem}/{key}", row["text"]))
    return out


def reading(result: Any) -> Reading:
    """What a TextResult says about the person: findings with values, age and sex."""
    found = tuple(sorted((k, round(v, 2) if isinstance(v, float) else v)
                         for k, v in result.findings.items()))  # fmt: skip
    return found, result.age, result.sex


def seeded(name: str, key: str, salt: int = 0) -> random.Random:
    """A random source fixed by transform, text and salt (the same rewrite on every run)."""
    return random.Random(zlib.crc32(f"{name}|{key}|{salt}".encode()))


# --- case and punctuation --------------------------------------------------------------------


def lower(text: str, rng: random.Random) -> str:
    return text.lower()


def upper(text: str, rng: random.Random) -> str:
    return text.upper()


_NUMBER_DOT = re.compile(r"(?<=\d)[.,](?=\d)")


def no_punctuation(text: str, rng: random.Random) -> str:
    """Every mark of punctuation dropped but those inside a number (38.5, 1,000), a ratio
    (8/10) or a word (follow-up, don't)."""
    kept = _NUMBER_DOT.sub(lambda m: "\0" if m.group() == "." else "\1", text)
    kept = re.sub(r"[.,;:!?()\[\]\"]", "", kept)
    return kept.replace("\0", ".").replace("\1", ",")


def no_commas(text: str, rng: random.Random) -> str:
    return re.sub(r",(?!\d)", "", re.sub(r"(?<=\d),(?=\d)", "", text))


def run_on(text: str, rng: random.Random) -> str:
    """Sentences spliced with commas, the next one started in lower case."""
    return re.sub(r"(?<=[a-z)])[.!?]+\s+([A-Z])(?=[a-z ])",
                  lambda m: ", " + m.group(1).lower(), text)  # fmt: skip


def no_apostrophes(text: str, rng: random.Random) -> str:
    return re.sub(r"['\u2019]", "", text)


def phone(text: str, rng: random.Random) -> str:
    """Lower case, no apostrophes, no full stops or commas: a message typed on a phone."""
    return no_punctuation(no_apostrophes(lower(text, rng), rng), rng)


# --- spacing, filler, emojis -----------------------------------------------------------------


def extra_spaces(text: str, rng: random.Random) -> str:
    """Doubled spaces here and there, a tab, a space before some commas, spaces at both ends
    (a line break inside a sentence is left out: "no hx<break>DVT" may be two lines)."""
    out = []
    for part in re.split(r"( )", text):
        if part == " ":
            part = rng.choice([" ", " ", " ", "  ", "   ", "\t", " \t "])
        out.append(part)
    return "  " + re.sub(r"(?<=[a-z]),", lambda m: rng.choice([",", " ,"]), "".join(out)) + " \n"


def line_breaks(text: str, rng: random.Random) -> str:
    """Each sentence on its own line, some without their full stop."""
    parts = re.split(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[A-Z0-9])", text)  # not "Mr A." nor "e.g."
    return "\n".join(p[:-1] if p.endswith(".") and rng.random() < 0.5 else p for p in parts)


FILLER = ("lol", "idk", "tbh", "anyway", "ugh", "so yeah", "honestly", "haha", "ok so", "help")
EMOJIS = ("\U0001f629", "\U0001f62d", "\U0001f64f", "\U0001f937\u200d\u2640\ufe0f", "\U0001f622",
          "\u2639\ufe0f", "\U0001f605", "\U0001f9b5", "!!", "...")  # fmt: skip


_SENTENCE_END = re.compile(r"(?<=[a-z]{3}[.!])\s+(?=[A-Z])")  # not "Mr A." nor "? No"


def _between_sentences(text: str, rng: random.Random, words: tuple[str, ...]) -> str:
    """`words` dropped in at the start, between some sentences and at the end (never between a
    question and its answer, nor inside a checklist line)."""
    parts = _SENTENCE_END.split(text)
    out = [rng.choice(words).capitalize() + " " + parts[0]] if rng.random() < 0.5 else [parts[0]]
    for p in parts[1:]:
        if rng.random() < 0.5:
            out.append(rng.choice(words))
        out.append(p)
    return " ".join(out) + " " + rng.choice(words)


def filler(text: str, rng: random.Random) -> str:
    """Chat filler between sentences and at the end ("tbh", "idk", "lol", "anyway")."""
    return _between_sentences(text, rng, FILLER)


def emojis(text: str, rng: random.Random) -> str:
    return _between_sentences(text, rng, EMOJIS)


# --- words -----------------------------------------------------------------------------------

# British and American spellings of words that people write about legs (the test's own list).
SPELLINGS = {
    "oedema": "edema", "oedematous": "edematous", "haemorrhage": "hemorrhage",
    "haematoma": "hematoma", "anaemia": "anemia", "anaemic": "anemic",
    "anaesthetic": "anesthetic", "anaesthesia": "anesthesia", "ischaemia": "ischemia",
    "ischaemic": "ischemic", "haemoglobin": "hemoglobin", "oestrogen": "estrogen",
    "paediatric": "pediatric", "orthopaedic": "orthopedic", "diarrhoea": "diarrhea",
    "leukaemia": "leukemia", "tumour": "tumor", "colour": "color", "discoloured": "discolored",
    "discolouration": "discoloration", "coloured": "colored", "behaviour": "behavior",
    "centre": "center", "litre": "liter", "litres": "liters", "paralysed": "paralyzed",
    "immobilised": "immobilized", "immobilisation": "immobilization", "localised": "localized",
    "generalised": "generalized", "hospitalised": "hospitalized", "realised": "realized",
    "travelled": "traveled", "travelling": "traveling", "ageing": "aging", "grey": "gray",
    "tyre": "tire", "haematuria": "hematuria", "haemoptysis": "hemoptysis",
    "faeces": "feces", "gynaecological": "gynecological", "mum": "mom", "programme": "program",
"favour": "favor", "neighbour": "neighbor", "sulphate": "sulfate",
    "catheterised": "catheterized", "apologise": "apologize", "recognise": "recognize",
    "oesophagus": "esophagus", "metres": "meters",
}  # fmt: skip
AMERICAN = {b: a for b, a in SPELLINGS.items() if a != b}
BRITISH = {a: b for b, a in AMERICAN.items()}


def _swap_words(text: str, table: Mapping[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        w = m.group()
        new = table.get(w.lower())
        if new is None:
            return w
        if w.isupper() and len(w) > 1:
            return new.upper()
        return new.capitalize() if w[0].isupper() else new

    return re.sub(r"[A-Za-z]+", one, text)


def american(text: str, rng: random.Random) -> str:
    return _swap_words(text, AMERICAN)


def british(text: str, rng: random.Random) -> str:
    return _swap_words(text, BRITISH)


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen"]  # fmt: skip
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    if n < 20:
        return NUMBER_WORDS[n]
    tens, ones = divmod(n, 10)
    return TENS[tens] + ("" if ones == 0 else "-" + NUMBER_WORDS[ones])


_COUNTED = re.compile(
    r"(?<![\w./])(\d{1,2})(\s*|-)(hours?|days?|nights?|weeks?|months?|years?)\b(?![/\d])", re.I
)


def number_words(text: str, rng: random.Random) -> str:
    """Counts of time in words: "3 days" -> "three days", "a 45-year-old" -> "a
    forty-five-year-old"."""

    def one(m: re.Match[str]) -> str:
        gap = m.group(2) if m.group(2) else " "
        return in_words(int(m.group(1))) + gap + m.group(3)

    return _COUNTED.sub(one, text)


def couple(text: str, rng: random.Random) -> str:
    """Two of a time unit said loosely: "2 weeks" -> "a couple of weeks" / "a fortnight",
    "2 days" -> "a couple of days", "1 week" -> "a week"."""

    def one(m: re.Match[str]) -> str:
        n, gap, unit = int(m.group(1)), m.group(2), m.group(3).lower()
        if m.group().lower() == "2day":
            return m.group()  # a phone's "today", not two days
        if n == 1 and gap.strip() != "-":
            return "a " + unit.rstrip("s")
        if n == 2 and gap.strip() != "-":
            if unit.startswith("week") and rng.random() < 0.5:
                return "a fortnight"
            return f"a couple of {unit}"
        if n == 14 and unit.startswith("day") and gap.strip() != "-":
            return "a fortnight"
        return m.group()

    return _COUNTED.sub(one, text)


_TYPO_WORD = re.compile(r"\b[a-z]{6,}\b")


def typos(text: str, rng: random.Random) -> str:
    """One slip of the thumb in one longer word (seven letters or more hit more often): a
    letter doubled, dropped or two swapped, never the first letter."""
    words = list(_TYPO_WORD.finditer(text))
    if not words:
        return text
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("double", "drop", "swap"))
    if kind == "double":
        new = w[: i + 1] + w[i] + w[i + 1 :]
    elif kind == "drop":
        new = w[:i] + w[i + 1 :]
    else:
        new = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return text[: m.start()] + new + text[m.end() :]


TRANSFORMS: dict[str, Transform] = {
    "lower": lower,
    "upper": upper,
    "no_punctuation": no_punctuation,
    "no_commas": no_commas,
    "run_on": run_on,
    "no_apostrophes": no_apostrophes,
    "phone": phone,
    "extra_spaces": extra_spaces,
    "line_breaks": line_breaks,
    "filler": filler,
    "emojis": emojis,
    "american": american,
    "british": british,
    "number_words": number_words,
    "couple": couple,
    "typos": typos,
}


def apply(names: tuple[str, ...], text: str, key: str, salt: int = 0) -> str:
    """`text` rewritten by each named transform in turn."""
    for name in names:
        text = TRANSFORMS[name](text, seeded(name, key, salt))
    return text


def one_line_texts(
    glob: str, keep: Callable[[str], object] = bool, notes: bool = True
) -> list[str]:
    """The one-line texts of the development files in tests/intake matching `glob`, in file
    order, that `keep` accepts (`notes`: False leaves out the Wells notes): the texts the
    invariance tests rewrite (test_articles, test_agreement, test_typos)."""
    out = []
    for path in sorted(HERE.glob(glob)):
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data if isinstance(data, list) else []:
            text = entry.get("text") if isinstance(entry, dict) else None
            if not isinstance(text, str) or "\n" in text.strip():
                continue
            if (notes or "wells" not in entry) and keep(text):
                out.append(text)
    return out
