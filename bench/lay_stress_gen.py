"""The generator behind bench/lay_stress.py: lay texts composed from (finding phrasing) x (frame)
x (voice), with the labels that follow from the frame mechanically.

Pieces: bench/lay_stress_phrasings.yaml (findings' clauses, nouns, negated clauses, adjectives;
frame templates by kind; fillers; carers), each list split into `dev` and `held`. A dev text uses
dev pieces only; a held text draws from both and holds at least one held piece.

Frame kinds and their label rules:
  aff  affirmed                      -> present
  den  one finding denied            -> absent
  dl   a denial list ("no A, B or C", "neither A nor B", "A isn't x and nothing is y") -> absent
  mx   a denial and an affirmation in one sentence ("no A, but B") -> A absent, B present
  rs   over or in the past           -> time now: absent; ever: present; recent: absent
  ot   someone else has it           -> not labelled
  hd   hedged or asked               -> not labelled
  du   an affirmed complaint with a duration -> present, symptom_duration_days = the number
Voices: plain, phone (lower case, no punctuation, "u", digits), non-native (no contractions,
articles dropped), carer (a parent or carer writes about the patient, third person), formal
letter.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "lay_stress_phrasings.yaml"
SEED = 14
KIND_WEIGHTS = {"aff": 30, "den": 18, "dl": 9, "mx": 9, "rs": 10, "ot": 7, "hd": 7, "du": 10}
VOICES = ("plain", "phone", "nonnative", "carer", "formal")
KEEP_ANY = {"den_donthave", "dl_donthave", "den_havenot", "mx_not_but"}  # "any X" reads well
BARE = {"den_no", "den_beenno", "dl_list", "dl_nor", "mx_no_but", "mx_but_no"}  # "no X"
RS_NOW_ONLY = {"rs_gone", "rs_wentaway", "rs_cleared", "rs_nolonger", "rs_before"}
RS_PAST = {"rs_years": {"now": "absent", "ever": "present", "recent": "absent"},
           "rs_usedto": {"now": "absent", "ever": "present"}}  # fmt: skip
UNITS = (
    ("days", 1, (2, 3, 4, 5, 6, 10)),
    ("weeks", 7, (2, 3, 4, 6, 8)),
    ("months", 30, (2, 3, 4, 6)),
)
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten"}


@dataclass
class Text:
    id: str
    text: str
    voice: str
    expect: dict[str, Any]
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (finding, frame kind)
    frames: list[str] = field(default_factory=list)
    frame_of: dict[str, str] = field(default_factory=dict)  # finding -> the frame that said it

    def as_entry(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "expect": self.expect}


@dataclass
class Built:
    """One sentence: its words, labels, defensible extras, mentions and frame."""

    text: str
    labels: dict[str, Any]
    also: dict[str, Any]
    mentions: list[tuple[str, str]]
    frame: str
    held: bool


def load_data(path: Path = DATA) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _noun_for(noun: str, frame: str) -> str:
    if frame not in KEEP_ANY and noun.startswith("any "):
        noun = noun[4:]
    if frame in BARE:
        noun = re.sub(r"^(a|an) ", "", noun)
    return noun


class Composer:
    """Draws the pieces of one text (dev pieces only, or dev + held for the held part)."""

    def __init__(self, data: dict[str, Any], rng: random.Random, held: bool, person: str) -> None:
        self.data, self.rng, self.held_part, self.person = data, rng, held, person
        self.used: set[str] = set()
        self.groups: set[str] = set()
        self.used_held = False

    def pool(self, items: dict[str, list[Any]] | None) -> list[tuple[Any, bool]]:
        if not items:
            return []
        out = [(x, False) for x in items.get("dev") or []]
        if self.held_part:
            out += [(x, True) for x in items.get("held") or []]
        return out

    def take(self, pool: list[tuple[Any, bool]]) -> Any:
        item, held = self.rng.choice(pool)
        self.used_held |= held
        return item

    def fits(self, fid: str) -> bool:
        spec = self.data["findings"][fid]
        if fid in self.used or (spec.get("group") and spec["group"] in self.groups):
            return False
        who = spec.get("who", "any")
        if who == "female":
            return self.person in ("self", "wife", "mum")
        return who != "adult" or self.person not in ("son", "daughter")

    def claim(self, fid: str) -> None:
        self.used.add(fid)
        group = self.data["findings"][fid].get("group")
        if group:
            self.groups.add(group)

    def candidates(self, need: str, extra: Any = None) -> list[str]:
        out = []
        for fid, spec in self.data["findings"].items():
            if not self.fits(fid) or not self.pool(spec.get(need)):
                continue
            if extra is not None and not extra(spec):
                continue
            out.append(fid)
        return out

    def piece(self, fid: str, need: str) -> Any:
        return self.take(self.pool(self.data["findings"][fid][need]))

    def frame(self, kind: str) -> tuple[str, str]:
        pool = [((f["id"], f["t"]), bool(f["held"])) for f in self.data["frames"][kind]]
        if not self.held_part:
            pool = [p for p in pool if not p[1]]
        result: tuple[str, str] = self.take(pool)
        return result

    def also_of(self, fid: str, value: str) -> dict[str, Any]:
        also = self.data["findings"][fid].get("also") or {}
        return (
            {k: v for k, v in also.items() if v == value}
            if value == "present"
            else {k: "absent" for k, v in also.items() if v == "present"}
        )

    def affirmed(self, exclude: str | None = None) -> tuple[str, str] | None:
        cands = [f for f in self.candidates("clauses") if f != exclude]
        if not cands:
            return None
        fid = self.rng.choice(cands)
        self.claim(fid)
        return fid, self.piece(fid, "clauses")


def _has_nouns(spec: dict[str, Any]) -> bool:
    return spec.get("have", True) and spec.get("time") not in ("recent", "event")


def _nouns_without_my(c: Composer, spec: dict[str, Any]) -> bool:
    return all(" my " not in f" {n} " for n, _ in c.pool(spec.get("nouns")))


def build(c: Composer, kind: str) -> Built | None:
    """One sentence of the given frame kind, or None when no finding fits."""
    fid_frame = c.frame(kind)
    frame, tmpl = fid_frame
    held_before = c.used_held
    out = _fill(c, kind, frame, tmpl)
    if out is None:
        c.used_held = held_before
    return out


def _fill(c: Composer, kind: str, frame: str, tmpl: str) -> Built | None:
    labels: dict[str, Any] = {}
    also: dict[str, Any] = {}
    mentions: list[tuple[str, str]] = []
    slots: dict[str, str] = {}

    def pick(need: str, value: str | None, extra: Any = None, slot: str = "") -> bool:
        cands = c.candidates(need, extra)
        if not cands:
            return False
        fid = c.rng.choice(cands)
        c.claim(fid)
        piece = c.piece(fid, need)
        if need == "adj":
            slots["S" + slot], slots["a" + slot] = cap(piece[0]), piece[1]
            slots["s" + slot] = piece[0]
        elif need in ("nouns", "past"):
            noun = _noun_for(piece, frame)
            slots["n" + slot], slots["N" + slot], slots["p" + slot] = noun, cap(noun), noun
        else:
            slots["c" + slot], slots["C" + slot] = piece, cap(piece)
            if need == "neg":
                slots["neg" + slot] = piece
        mentions.append((fid, kind))
        if value is not None:
            labels[fid] = value
            also.update(c.also_of(fid, value))
        return True

    ok = _pick_for(kind, frame, tmpl, pick, c)
    if not ok:
        return None
    if kind == "du":
        unit, mult, ks = c.rng.choice(UNITS)
        k = 1 if frame == "du_since" else c.rng.choice(ks)
        word = NUMBER_WORDS.get(k) if c.rng.random() < 0.3 else None
        slots["k"], slots["u"] = word or str(k), unit
        labels["symptom_duration_days"] = k * mult if frame != "du_since" else 1
    text = tmpl
    for key in sorted(slots, key=len, reverse=True):
        text = text.replace("{" + key + "}", slots[key])
    text = cap(text)
    return Built(text, labels, also, mentions, frame, c.used_held)


def _pick_for(kind: str, frame: str, tmpl: str, pick: Any, c: Composer) -> bool:
    if kind == "aff":
        if "{c}" in tmpl:
            return bool(
                pick("clauses", "present")
                and ("{c2}" not in tmpl or pick("clauses", "present", slot="2"))
            )
        return bool(pick("nouns", "present", _has_nouns))
    if kind == "den":
        return bool(pick("neg" if "{neg}" in tmpl else "nouns", "absent"))
    if kind == "dl":
        need = "adj" if "{a1}" in tmpl else "nouns"
        n = 3 if "{n3}" in tmpl else 2
        return all(pick(need, "absent", slot=str(i)) for i in range(1, n + 1))
    if kind == "mx":
        first = pick("neg" if "{neg}" in tmpl else "nouns", "absent")
        return bool(first and pick("clauses", "present", slot="2"))
    if kind == "rs":
        if frame in RS_NOW_ONLY:
            need = "clauses" if "{c}" in tmpl else "nouns"
            return bool(
                pick(need, "absent", lambda s: s.get("time") == "now" and s.get("have", True))
            )
        rule = RS_PAST[frame]
        fid_time = c.rng.choice(sorted(rule))
        need = "past" if fid_time == "recent" else "nouns"

        def ok_spec(s: dict[str, Any]) -> bool:
            return bool(s.get("time") == fid_time and (need == "past" or s.get("have", True)))

        return bool(pick(need, rule[fid_time], ok_spec))
    if kind == "ot":  # someone else's: no noun that says "my"
        return bool(pick("nouns", None, lambda s: _has_nouns(s) and _nouns_without_my(c, s)))
    if kind == "hd":
        return bool(pick("nouns", None, _has_nouns))
    if kind == "du":
        return bool(pick("clauses", "present", lambda s: s.get("complaint")))
    raise ValueError(kind)


# --- voices ------------------------------------------------------------------------------------

CONTRACTIONS = [
    (r"\b(it|that|there|he|she)'s been\b", r"\1 has been"), (r"\bI'm\b", "I am"),
    (r"\bI've\b", "I have"), (r"\bI'd\b", "I would"), (r"\bcan't\b", "cannot"),
    (r"\bwon't\b", "will not"), (r"\b(\w+)n't\b", r"\1 not"), (r"\b(it|that|there|he|she)'s\b",
    r"\1 is"), (r"\bthey're\b", "they are"),
]  # fmt: skip
NUM_TO_DIGIT = {w: str(n) for n, w in NUMBER_WORDS.items()}
KEEP_VERB = frozenset(
    re.findall(
        r"\S+",
        "can can't cannot could couldn't will won't would had was wasn't did didn't must should "
        "might may used got fell flew drove gave brought felt took went came woke just also still "
        "often really never always",
    )
)
AUX = {"should", "could", "would", "can", "will", "do", "did", "may", "might", "shall"}
IRREGULAR = {"have": "has", "am": "is", "do": "does", "don't": "doesn't", "haven't": "hasn't",
             "go": "goes", "'m": "'s", "'ve": "'s"}  # fmt: skip


def expand(text: str) -> str:
    for pat, rep in CONTRACTIONS:
        text = re.sub(pat, rep, text, flags=re.IGNORECASE)
    return text


def _verb3(word: str) -> str:
    low = word.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low in KEEP_VERB or (low.endswith("ed") and not low.endswith("eed")):
        return word
    if re.search(r"(s|sh|ch|x|z|o)$", low):
        return word + "es"
    if re.search(r"[^aeiou]y$", low):
        return word[:-1] + "ies"
    return word + "s"


def third_person(text: str, sex: str) -> str:
    """First person -> third person, for a carer writing about the patient."""
    he, his, him = ("he", "his", "him") if sex == "male" else ("she", "her", "her")
    text = re.sub(r"\bI'(m|ve)\b", he + "'s", text)
    text = re.sub(r"\bI'd\b", he + "'d", text)
    text = re.sub(r"\bmyself\b", him + "self", text)
    text = re.sub(r"\bof mine\b", "of " + (his if sex == "male" else "hers"), text)
    text = re.sub(r"\b[Mm]y\b", his, text)
    text = re.sub(r"\bme\b", him, text)

    adverbs = r"((?: (?:just|also|still|often|really|never|always|nearly|hardly|usually))*)"

    def verb(m: re.Match[str]) -> str:
        before = m.string[: m.start()].split()
        asked = bool(before) and before[-1].lower() in AUX  # "should I worry" keeps "worry"
        return he + m.group(1) + " " + (m.group(2) if asked else _verb3(m.group(2)))

    return re.sub(r"\bI" + adverbs + r" ([\w']+)", verb, text)


def phone(text: str) -> str:
    text = text.lower().replace("'", "").replace("’", "")
    text = re.sub(r"\byou\b", "u", text)
    for w, d in NUM_TO_DIGIT.items():
        text = re.sub(rf"\b{w}\b", d, text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)|[,?!:;]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def nonnative(text: str, rng: random.Random) -> str:
    text = expand(text)
    return re.sub(r"\b(the|a|an) (?=\w)", lambda m: "" if rng.random() < 0.5 else m.group(0),
                  text, flags=re.IGNORECASE)  # fmt: skip


def voiced(body: list[str], voice: str, rng: random.Random, carer: list[Any] | None) -> str:
    """The sentences joined and said in a voice."""
    if voice == "carer":
        assert carer is not None
        rel, age, sex = carer
        head = rng.choice(
            [
                f"I'm writing about my {rel} ({age}).",
                f"My {rel}, {age},:".replace(",:", " here."),
                f"Asking for my {rel} who is {age}.",
            ]
        )
        body = [
            s[1:]
            if s.startswith(FILLER)
            else cap(third_person(s.replace("My husband", "My brother"), sex))
            for s in body
        ]
        return head + " " + " ".join(body)
    text = " ".join(s.lstrip(FILLER) for s in body)
    if voice == "phone":
        return phone(text)
    if voice == "nonnative":
        return nonnative(text, rng)
    if voice == "formal":
        return (
            "Dear Doctor,\n\nI am writing to ask for your advice. "
            + expand(text)
            + ("\n\nYours sincerely,\nA. Smith")
        )
    return text


def compose(data: dict[str, Any], rng: random.Random, held: bool, tid: str) -> Text:
    """One text: 2-5 sentences of mixed frames and up to 2 fillers, in one voice."""
    while True:
        voice = rng.choice(VOICES)
        carer = rng.choice(data["carers"]) if voice == "carer" else None
        c = Composer(data, rng, held, carer[0] if carer else "self")
        built: list[Built] = []
        want = rng.randint(2, 5)
        kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
        tries = 0
        while len(built) < want and tries < 30:
            tries += 1
            kind = rng.choices(kinds, weights)[0]
            if kind == "du" and any(b.frame.startswith("du_") for b in built):
                continue
            b = build(c, kind)
            if b is not None:
                built.append(b)
        if held and not c.used_held:
            continue
        break
    body = [b.text for b in built]
    for _ in range(rng.choice((0, 0, 1, 2))):
        body.insert(rng.randint(0, len(body)), FILLER + rng.choice(data["fillers"]))
    expect: dict[str, Any] = {}
    if carer:
        expect["age"], expect["sex"] = carer[1], carer[2]
    findings: dict[str, Any] = {}
    also: dict[str, Any] = {}
    for b in built:
        findings.update(b.labels)
        also.update(b.also)
    expect["findings"] = findings
    also = {k: v for k, v in also.items() if k not in findings}
    if any(k == "ot" and f in RLS for b in built for f, k in b.mentions):
        also["family_history_rls"] = "present"
    if also:
        expect["also_ok"] = also
    mentions = [m for b in built for m in b.mentions]
    frame_of = {f: b.frame for b in built for f, _ in b.mentions}
    frames = [b.frame for b in built]
    return Text(tid, voiced(body, voice, rng, carer), voice, expect, mentions, frames, frame_of)


RLS = {"urge_to_move_legs", "crawling_sensation"}
FILLER = "\x00"  # marks a filler sentence until the voice is applied


def generate(part: str, n: int, data: dict[str, Any] | None = None) -> list[Text]:
    """n texts of the dev or the held part; the same every run (fixed seed per part)."""
    data = data or load_data()
    rng = random.Random(f"{SEED}-{part}")
    return [compose(data, rng, part == "held", f"{part}{i:04d}") for i in range(n)]
