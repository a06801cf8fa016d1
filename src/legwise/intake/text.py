"""Free text -> findings, with a clinical NLP pipeline (spaCy + medspaCy).

The pipeline is a blank English spaCy model with the rule `sentencizer`, one spaCy
PhraseMatcher (lower-cased tokens) for the target phrases, and medspaCy's ConText: no
statistical model and no hand-written negation engine (per text spaCy tokenizes and matches;
sentences and ConText's scopes are then worked out on plain data, `legwise.intake.parsed`,
exactly as the sentencizer and medspaCy would). Target phrases come from the knowledge
base and `knowledge/intake/synonyms.yaml`: every yes/no finding's `phrases` (label: the finding
id), `history_phrases` (given only when said about the past) and `family_phrases`
(given only when said about a relative). Phrases that lie inside a longer phrase are dropped;
phrases that only partly overlap are both kept. ConText uses medspaCy's default English rules
for the categories below (plain-word patterns turned into phrases, which is much faster) plus
legwise's own (`knowledge/intake/context_rules.json`). A negation, hypothetical or possible cue
reaches a phrase only within its clause or along a list ("no swelling, redness or warmth"; not
"no fever, swelling in calf"), and a cue word inside a phrase ("can't sleep") is part of it.
Text is read with typographic apostrophes made plain (offsets unchanged). What a modifier means:

    negated              -> "absent"
    hypothetical, possible -> not taken (neither present nor absent)
    family               -> only family_phrases count (present); anything else is not taken
    historical           -> present for history findings and history_phrases;
                            not taken for a current symptom
    resolved             -> "absent" ("breast ca 2009, in remission")
    both sides           -> "absent" for one-side-only signs (bilateral pitting oedema)
    none                 -> present

The phrases are found by `legwise.intake.phrase_pipeline` and the reach of each cue is decided
in `legwise.intake.cues`. Age, sex, durations and measured values are read by
`legwise.intake.numbers`. spaCy and medspaCy are imported on the first call, and the phrase
reader is built once per knowledge base.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from legwise.errors import InputError
from legwise.intake.anaphora import add_same_in_family
from legwise.intake.bed_scope import drop_felt_in_bed
from legwise.intake.bilateral import both_sides
from legwise.intake.breath_scope import scoped_breath_denials
from legwise.intake.compose_findings import combined, drop_changes
from legwise.intake.context_lists import capitals_only
from legwise.intake.cues import _cues, _decide
from legwise.intake.drug_reason import drop_class_condition
from legwise.intake.exam_states import (
    drop_angles,
    normal_lists,
    pain_beyond_injury,
    perfused_foot,
    pulse_sites,
    slr_provokes,
)
from legwise.intake.feeling_less import feeling_less
from legwise.intake.gaps import with_gaps
from legwise.intake.growing_pains import add_child_pattern, drop_child_waking
from legwise.intake.heat_likeness import drop_heat_likeness
from legwise.intake.mental_test import mental_scores
from legwise.intake.movement_relief import movement_relief
from legwise.intake.numbers import dated_over_phrases, number_rules, read_numbers
from legwise.intake.one_leg_said import one_leg_said
from legwise.intake.onset import recent_onset
from legwise.intake.other_side import other_side_contrast
from legwise.intake.people import drop_child_only
from legwise.intake.person_pallor import limb_asleep, person_pallor
from legwise.intake.phrase_pipeline import pipeline, reader
from legwise.intake.position_colour import dependent_colour
from legwise.intake.proportion import pain_unexplained
from legwise.intake.qualifiers import drop_unqualified
from legwise.intake.query_mark import drop_queried
from legwise.intake.result import Extracted, TextResult, extracted, resolve
from legwise.intake.sections import (
    drop_history_sections,
    drop_plan_phrases,
    drop_remote_past,
    mask_headers,
)
from legwise.intake.stopped_after import drop_after_stop
from legwise.intake.surface import normalise, spans_back
from legwise.intake.swelling_scope import scoped_swelling
from legwise.intake.thinner_denied import thinner_denied
from legwise.intake.time_scope import drop_denied_night_pain, drop_night_of_telling
from legwise.intake.trailing_denial import trailing_denials
from legwise.intake.vital_signs import heart_rate, implied, low_pressure
from legwise.intake.weakness_course import worsening_weakness
from legwise.intake.wells import apply_wells
from legwise.kb.loader import Knowledge

MAX_CHARS = 20_000
_NLP_LOCK = threading.Lock()
KINDS = {"phrase": "phrase", "history": "history phrase", "family": "family phrase",
         "absent": "absent phrase", "denied": "denied phrase"}  # fmt: skip
# Typographic quotes -> ASCII, one character for one so that offsets stay the same.
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
                        "\u201c": '"', "\u201d": '"'})  # fmt: skip

__all__ = ["MAX_CHARS", "Extracted", "TextResult", "extract", "pipeline"]


def _plain_quotes(text: str) -> str:
    """`text` with typographic quotes made plain (an ASCII text without a backtick has none)."""
    return text if text.isascii() and "`" not in text else text.translate(QUOTES)


# capitals that `intake.surface` itself writes into a text typed in lower case: an age letter
# ("68m" -> "68M") and a title ("mrs grant" -> "Mrs Grant")
_MADE_CAPITALS = re.compile(r"\d\s?[MF]\b|\bMrs?\.?\s+[A-Z]")


def _writes_capitals(text: str) -> bool:
    """Whether the writer uses capitals anywhere (not counting those `intake.surface` made)."""
    if text == text.lower():
        return False
    rest = _MADE_CAPITALS.sub("", text)
    return rest != rest.lower()


def _lower_initialism(literal: str, written: str, plain: str) -> bool:
    """Whether a shorthand that is also an ordinary word is written as the word: "MI" and
    "AF" are shorthands in capitals, but "mi" / "Mi" is "my" in Spanish, Italian and Jamaican
    English ("mi hijo", "Mi granddaddy") and "af" is slang ("sore af"). Only a writer who uses
    no capitals at all (in `plain`, the text read) writes them in lower case as shorthands
    ("dad is 79 with af") (context_rules.json: capitals_only; hF20, issue 12 round 20). The
    whole text is looked at only for such a shorthand: most phrases are none."""
    return literal in capitals_only() and not written.isupper() and _writes_capitals(plain)


def _phrase_items(
    text: str, kb: Knowledge, subject: frozenset[str], quoted: str | None = None
) -> list[Any]:
    """The phrase readings of `text` (`quoted`: the text with plain quotes, when the caller
    has it already)."""
    items: list[Extracted] = []
    phrases = reader(kb)
    plain = mask_headers(_plain_quotes(text) if quoted is None else quoted)
    if plain.isupper() and len(low := plain.lower()) == len(plain):
        plain = low  # all capitals ("I CANT WALK"): read as typed in lower case
    with _NLP_LOCK:  # one shared tokenizer; spaCy does not promise it is thread-safe
        parsed = phrases.read(plain)
    spans = [(e.start, e.end) for e in parsed.phrases]
    resolved = [m for m in parsed.cues if m.category == "RESOLVED"]
    for ent in parsed.phrases:
        targets = phrases.targets_of.get(ent.key) or []
        if not targets:
            continue  # a phrase that only stops the words inside it being read
        a, b = parsed.start_char(ent.start), parsed.end_char(ent.end)
        literal = parsed.text[a:b].lower()  # respelled words, when respell changed any
        if parsed.where is not None:  # the words as written
            a, b = parsed.where[ent.start][0], parsed.where[ent.end - 1][1]
        if _lower_initialism(literal, text[a:b], plain):
            continue
        cues = _cues(parsed, ent, subject, spans, resolved)
        why: str | None = None  # the same for every target of the phrase: made once
        for target in targets:
            state = _decide(target, cues, kb.findings[target.finding])
            if state is None:
                continue
            if why is None:
                why = "".join(f" + {name} (ConText: {w!r})" for name, w in cues.items())
            desc = f"{KINDS[target.kind]} {literal!r}{why}"
            items.append(extracted(target.finding, state, a, b, text[a:b], desc))
    return items


def _applicable(items: list[Extracted], kb: Knowledge) -> list[Extracted]:
    """Items without the findings that do not apply to the person described (the finding's
    `applies`: "legs ache at night" in a 52-year-old are no growing pains)."""
    age = next((float(i.value) for i in items if i.finding == "age"), None)
    sex = next((str(i.value) for i in items if i.finding == "sex"), None)
    if age is None and sex is None:
        return items
    out = []
    for i in items:
        spec = kb.findings.get(i.finding)
        if spec is None or spec.applies is None or spec.applies.allows(age, sex):
            out.append(i)
    return out


def check_text(text: Any) -> str:
    """`text` if it is acceptable free text, else InputError naming the field "text"."""
    if not isinstance(text, str):
        raise InputError("text", "expected a string")
    if len(text) > MAX_CHARS:
        raise InputError(
            "text", f"is {len(text):,} characters; give at most {MAX_CHARS:,} characters"
        )
    return text


def extract(text: Any, kb: Knowledge | None = None) -> TextResult:
    """Read findings, age, sex and measured values from free text.

    Raises InputError("text", ...) when `text` is not a string or is longer than 20,000
    characters. Nothing found is not an error here: see `TextResult.recognised`. The result
    also says which warning-sign questions the text left unanswered (`TextResult.gaps`).
    """
    text = check_text(text)
    if kb is None:
        from legwise.kb.loader import load_knowledge

        kb = load_knowledge()
    # blanks, number words, typos (`intake.surface`); spans mapped back
    plain, where = normalise(text, reader(kb).correct)
    if where is not None:
        return spans_back(extract(plain, kb), text, where)
    quoted = _plain_quotes(text)
    numbers, subject = read_numbers(quoted, kb)
    if quoted != text:  # the words as written, with their typographic quotes
        numbers = [
            Extracted(i.finding, i.value, i.start, i.end, text[i.start : i.end], i.rule)
            for i in numbers
        ]
    phrases = dated_over_phrases(numbers, _phrase_items(text, kb, subject, quoted))
    items = drop_felt_in_bed(text, apply_wells(text, numbers + phrases))  # "cramp in bed"
    items = drop_unqualified(text, drop_plan_phrases(text, items))
    items = _applicable(drop_child_only(text, items), kb)
    items = drop_class_condition(text, items, kb)  # "a statin for her heart failure"
    items = drop_child_waking(text, add_child_pattern(text, items, kb), kb)  # growing pains
    items = drop_remote_past(text, drop_history_sections(text, items, kb), kb)
    items = drop_after_stop(text, items)  # "stopped his warfarin ... the INR checks" (hT12)
    # both legs are not one swollen leg (hC), nor a swollen knee or "legs" (hT11); "my mum had
    # the same" (hG)
    items = add_same_in_family(text, scoped_swelling(text, both_sides(text, items)))
    # restless legs said with a moment at rest or at night; "swelled up overnight" (hA)
    items = combined(text, drop_changes(text, items))
    items = recent_onset(text, items)  # "about an hour ago my foot went white" (hB)
    items = other_side_contrast(text, items)  # "icy ..., the left one is pink and warm" (hL18)
    items = drop_heat_likeness(text, items)  # "like standing on a hot pavement" (hG25)
    items = person_pallor(text, items)  # a child's "bone pain at night and pallor" (hT16b)
    items = limb_asleep(text, items)  # "his leg ... won't wake up": numb, not drowsy (hT20)
    items = thinner_denied(text, items)  # "AF but I don't take anything for it" (hR26)
    # "right kneecap only", "the left foot is warm and pink"; "a walk round the block shifts it";
    # "feels like a lump of wood" (hR27)
    items = feeling_less(text, movement_relief(text, one_leg_said(text, items)))
    items = implied(heart_rate(text, items), kb)  # "HR 128", "pain 9/10" (hT12)
    items = low_pressure(text, items)  # "BP 83/47": very unwell (hT27)
    items = mental_scores(text, items)  # "AMT 6/10", "4AT score 7" (hS24)
    items = worsening_weakness(text, items)  # "slapped yesterday, today cannot lift" (hT12)
    # an angle is no temperature, a pink foot is perfused, "power and tone are normal" (hT15)
    items = pain_beyond_injury(text, perfused_foot(text, drop_angles(text, items)))
    items = pain_unexplained(text, items)  # "needing repeated morphine" after a fracture
    items = dependent_colour(text, items)  # "hanging it down, it goes a dusky red" (hT21)
    items = drop_queried(text, items)  # "?septic arthritis": a question, not a sign (hT27)
    items = pulse_sites(text, slr_provokes(text, items))
    items = normal_lists(text, items, lambda s: extract(s, kb).items)
    items = trailing_denials(text, items)  # "calf 4 cm greater ... not seen" (hT15)
    items = scoped_breath_denials(items)  # "no breathing problems": one question (hL16b)
    items = drop_denied_night_pain(text, items)  # "no pain as such ... every night"
    items = drop_night_of_telling(text, items)  # "since last night", "it's gone midnight"
    return with_gaps(resolve(items, number_rules().keep), kb)
