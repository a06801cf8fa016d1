"""Free text -> findings, with a clinical NLP pipeline (spaCy + medspaCy).

The pipeline is a blank English spaCy model with the rule `sentencizer`, medspaCy's
TargetMatcher and ConText: no statistical model and no hand-written negation engine.
Target rules come from the knowledge base: every yes/no finding's `phrases` (label: the
finding id), `history_phrases` (given only when said about the past) and `family_phrases`
(given only when said about a relative). ConText uses medspaCy's default English rules plus
legwise's own (`knowledge/intake/context_rules.json`). What a modifier means here:

    negated              -> "absent"
    hypothetical, possible -> not taken (neither present nor absent)
    family               -> only family_phrases count (present); anything else is not taken
    historical           -> present for history findings and history_phrases;
                            not taken for a current symptom
    none                 -> present

Age, sex, durations and measured values are read by `legwise.intake.numbers`. spaCy and
medspaCy are imported on the first call, and the pipeline is built once per knowledge base.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from legwise.errors import InputError
from legwise.intake.numbers import number_rules, read_numbers
from legwise.intake.result import Extracted, TextResult, resolve
from legwise.kb.loader import Knowledge
from legwise.kb.schema import Finding

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

MAX_CHARS = 20_000
NAMES = {
    "NEGATED_EXISTENCE": "negated",
    "HYPOTHETICAL": "hypothetical",
    "POSSIBLE_EXISTENCE": "possible",
    "FAMILY": "family",
    "HISTORICAL": "historical",
    "PAST_EVENT": "past event",
}
KINDS = {"phrase": "phrase", "history": "history phrase", "family": "family phrase"}

__all__ = ["MAX_CHARS", "Extracted", "TextResult", "extract", "pipeline"]


@dataclass(frozen=True)
class _Target:
    finding: str
    kind: str  # "phrase" | "history" | "family"


def _targets(kb: Knowledge) -> dict[str, list[_Target]]:
    """Lower-cased phrase -> the findings it can give (one phrase may serve several)."""
    out: dict[str, list[_Target]] = {}
    for f in kb.findings.values():
        if f.type != "state":
            continue
        for kind, phrases in (
            ("phrase", f.phrases),
            ("history", f.history_phrases),
            ("family", f.family_phrases),
        ):
            for phrase in phrases:
                key = " ".join(phrase.lower().split())
                if key and _Target(f.id, kind) not in out.setdefault(key, []):
                    out[key].append(_Target(f.id, kind))
    return out


@functools.cache
def pipeline(kb: Knowledge) -> Language:
    """The spaCy pipeline for `kb` (built on first use, then reused)."""
    import medspacy  # noqa: F401  (registers the medspaCy factories and extensions)
    import spacy
    from medspacy.context import ConTextRule
    from medspacy.target_matcher import TargetRule

    # medspaCy runs spaCy's token Matcher even when every rule is a phrase: W036 on each text
    warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher: Any = nlp.add_pipe("medspacy_target_matcher")  # medspaCy is untyped
    rules = []
    for phrase, targets in _targets(kb).items():
        label = targets[0].finding + ("" if targets[0].kind == "phrase" else f"@{targets[0].kind}")
        rules.append(TargetRule(phrase, label, metadata={"targets": targets}))
    matcher.add(rules)
    context: Any = nlp.add_pipe("medspacy_context", config={"rules": "default"})
    extra = resources.files("legwise").joinpath("knowledge", "intake", "context_rules.json")
    with resources.as_file(extra) as path:
        context.add(ConTextRule.from_json(str(path)))
    return nlp


def _decide(target: _Target, cues: dict[str, str], spec: Finding) -> str | None:
    """The state a target gives under its ConText cues, or None when it is not taken."""
    if "hypothetical" in cues or "possible" in cues:
        return None
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


def _overlapping(ent: Span) -> list[Any]:
    """Cues that overlap the phrase itself and point into it.

    A phrase list may hold cue words ("history of dvt"); ConText then leaves the overlapping
    cue ("no history of") off the phrase, and "No history of DVT" would read as present.
    """
    out = []
    for modifier in ent.doc._.context_graph.modifiers:
        start, end = modifier.modifier_span
        if end <= ent.start or start >= ent.end or modifier in ent._.modifiers:
            continue
        direction = modifier.direction
        before = start < ent.start and direction in ("FORWARD", "BIDIRECTIONAL")
        after = end > ent.end and direction in ("BACKWARD", "BIDIRECTIONAL")
        if before or after:
            out.append(modifier)
    return out


def _cues(ent: Span, subject: frozenset[str]) -> dict[str, str]:
    """ConText cue name -> the words that set it, for one matched phrase."""
    cues: dict[str, str] = {}
    doc = ent.doc
    for modifier in [*ent._.modifiers, *_overlapping(ent)]:
        name = NAMES.get(modifier.category)
        if name is None:
            continue
        start, end = modifier.modifier_span
        words = doc[start:end].text
        if name == "family" and words.lower().removesuffix("'s").rstrip("'") in subject:
            continue  # "my husband is 71 ... he has cramps": the husband is the person described
        cues.setdefault(name, words)
        if name == "negated" and "family" in words.lower():  # "no family history of"
            cues.setdefault("family", words)
    return cues


def _phrase_items(nlp: Language, text: str, kb: Knowledge, subject: frozenset[str]) -> list[Any]:
    items: list[Extracted] = []
    for ent in nlp(text).ents:
        rule = ent._.target_rule
        cues = _cues(ent, subject)
        for target in rule.metadata["targets"]:
            state = _decide(target, cues, kb.findings[target.finding])
            if state is None:
                continue
            why = "".join(f" + {name} (ConText: {w!r})" for name, w in cues.items())
            desc = f"{KINDS[target.kind]} {rule.literal!r}{why}"
            items.append(
                Extracted(target.finding, state, ent.start_char, ent.end_char, ent.text, desc)
            )
    return items


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
    characters. Nothing found is not an error here: see `TextResult.recognised`.
    """
    text = check_text(text)
    if kb is None:
        from legwise.kb.loader import load_knowledge

        kb = load_knowledge()
    numbers, subject = read_numbers(text, kb)
    items = numbers + _phrase_items(pipeline(kb), text, kb, subject)
    return resolve(items, number_rules().keep)
