"""The spaCy + medspaCy pipeline that finds the target phrases and their ConText cues.

Built once per knowledge base (`pipeline`): the findings' phrases and the generated synonyms
in one PhraseMatcher, the longest phrase kept, and ConText with medspaCy's default English rules
(plain-word patterns turned into phrases) plus legwise's own. spaCy and medspaCy are imported
on the first call. How the matches are read is `legwise.intake.text` and `legwise.intake.cues`.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from legwise.intake.synonyms import IGNORE
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

SPANS = "legwise_phrases"  # the span group holding the matched phrases
NAMES = {
    "NEGATED_EXISTENCE": "negated",
    "HYPOTHETICAL": "hypothetical",
    "POSSIBLE_EXISTENCE": "possible",
    "FAMILY": "family",
    "HISTORICAL": "historical",
    "PAST_EVENT": "past event",
    "RESOLVED": "resolved",
    "BOTH_SIDES": "both sides",
}


@dataclass(frozen=True)
class _Target:
    finding: str
    kind: str  # "phrase" | "history" | "family" | "absent"


def _targets(kb: Knowledge) -> tuple[dict[str, list[_Target]], dict[str, list[_Target]]]:
    """Lower-cased phrase -> the findings it can give (one phrase may serve several): first
    the findings' own phrase lists, then the phrases generated from
    `knowledge/intake/synonyms.yaml` that the own lists do not hold (an empty list: a phrase
    to ignore)."""
    from legwise.intake.synonyms import generated

    more = generated()  # also holds IGNORE, which is no finding id
    own: dict[str, list[_Target]] = {}
    extra: dict[str, list[_Target]] = {}
    for f in kb.findings.values():
        if f.type != "state":
            continue
        gen = more.get(f.id, {})
        for table, kind, phrases in (
            (own, "phrase", f.phrases),
            (own, "history", f.history_phrases),
            (own, "family", f.family_phrases),
            (extra, "phrase", gen.get("phrases", ())),
            (extra, "history", gen.get("history_phrases", ())),
            (extra, "absent", gen.get("absent_phrases", ())),
        ):
            for phrase in phrases:
                key = " ".join(phrase.lower().split())
                if key and _Target(f.id, kind) not in table.setdefault(key, []):
                    table[key].append(_Target(f.id, kind))
    for phrase in more.get(IGNORE, {}).get("phrases", ()):
        extra.setdefault(phrase, [])  # matched, so the words inside it are not read; gives nothing
        own.pop(phrase, None)  # a reviewed "not this finding" outweighs a bare own phrase
    for key, targets in list(extra.items()):
        if key in own:
            own[key] += [t for t in targets if t not in own[key]]
            del extra[key]
    # Phone typing drops apostrophes ("cant feel", "isnt swollen", "ive lost weight"): every
    # phrase with one is also matched without it (spaCy splits "cant" as "ca nt", like "ca n't").
    for table in (own, extra):
        for key, targets in list(table.items()):
            bare = key.replace("'", "")
            if bare != key and bare not in own and bare not in extra:
                table[bare] = list(targets)
    return own, extra


def _literals(pattern: list[dict[str, Any]], limit: int = 4000) -> list[str] | None:
    """The phrases a token pattern of plain lower-case words stands for, or None.

    A pattern of `{"LOWER": word}` / `{"LOWER": {"IN": [...]}}` tokens (optionally "?")
    is the same as a handful of phrases; spaCy's PhraseMatcher finds those far faster than
    its token Matcher, which dominates the run time with medspaCy's default rules.
    """
    out = [""]
    for tok in pattern:
        if set(tok) - {"LOWER", "OP"} or tok.get("OP", "") not in ("", "?"):
            return None
        words = tok["LOWER"]
        choices = (
            [words]
            if isinstance(words, str)
            else words.get("IN")
            if isinstance(words, dict)
            else None
        )
        if not isinstance(choices, list) or not all(isinstance(w, str) for w in choices):
            return None
        options = [f" {w}" for w in choices] + ([""] if tok.get("OP") == "?" else [])
        out = [o + w for o in out for w in options]
        if len(out) > limit:
            return None
    return [o.strip() for o in out if o.strip()]


TIME_UNITS = ("hour", "hours", "hr", "hrs", "h", "day", "days", "d", "week", "weeks", "wk", "wks",
              "month", "months", "year", "years", "night", "nights")  # fmt: skip


def _phrase_form(rule: dict[str, Any]) -> Any:
    """A rule's token pattern in plain-word form where it can be: spaCy's token Matcher costs
    more per text than all the phrase rules together, and only these shapes needed it. A
    `SHAPE: dddd` token is a year (1900-2039); a REGEX token matches among time-unit words;
    an `ORTH` token is its word; a PSEUDO rule's leading number is dropped (the unit and
    "history" after it shield the cue just as well: "3-day history of" -> "day history of")."""
    pattern = rule.get("pattern")
    if not isinstance(pattern, list):
        return pattern
    import re

    out: list[dict[str, Any]] = []
    for i, tok in enumerate(pattern):
        op = {"OP": tok["OP"]} if "OP" in tok else {}
        if tok.get("SHAPE") == "dddd" and set(tok) <= {"SHAPE", "OP"}:
            out.append({"LOWER": {"IN": [str(y) for y in range(1900, 2040)]}, **op})
        elif isinstance(tok.get("ORTH"), str) and set(tok) <= {"ORTH", "OP"}:
            out.append({"LOWER": tok["ORTH"].lower(), **op})
        elif isinstance(tok.get("LOWER"), dict) and "REGEX" in tok["LOWER"]:
            regex = re.compile(str(tok["LOWER"]["REGEX"]))
            out.append({"LOWER": {"IN": [w for w in TIME_UNITS if regex.search(w)]}, **op})
        elif tok.get("LIKE_NUM") is True and i == 0 and rule.get("category") == "PSEUDO":
            continue
        else:
            out.append(tok)
    if rule.get("category") == "PSEUDO" and len(out) < len(pattern):
        out.append({"LOWER": "of", "OP": "?"})  # longer than the "history of" cue it shields
    return out


def _context_rules(nlp: Language, default_path: str) -> list[Any]:
    """medspaCy's default English ConText rules for the categories legwise reads (minus the
    ones `context_rules.json` drops), then legwise's own; plain-word patterns as phrases."""
    import json

    from medspacy.context import ConTextRule

    extra_path = resources.files("legwise").joinpath("knowledge", "intake", "context_rules.json")
    extra: dict[str, Any] = json.loads(extra_path.read_text(encoding="utf-8"))
    drop = {str(x).lower() for x in extra.get("drop_default", [])}
    with open(default_path, encoding="utf-8") as fh:
        default: list[dict[str, Any]] = json.load(fh)["context_rules"]
    keep = set(NAMES) | {"TERMINATE"}
    chosen = [
        r
        for r in default
        if (r["category"] in keep or r["direction"] == "TERMINATE")
        and r["literal"].lower() not in drop
    ]
    rules = []
    for r in [*chosen, *extra["context_rules"]]:
        pattern = _phrase_form(r)
        phrases = _literals(pattern) if isinstance(pattern, list) else None
        if phrases is None:
            rules.append(ConTextRule.from_dict(r))
            continue
        # A phrase that does not tokenize to the pattern's own tokens ("worried it's": "it's"
        # is two tokens) is one the token pattern could never match: left out.
        same = [p for p in phrases if len(nlp.make_doc(p)) == len(p.split())]
        if not same:
            rules.append(ConTextRule.from_dict(r))
        for phrase in same:
            rules.append(ConTextRule.from_dict({**r, "literal": phrase, "pattern": None}))
    return rules


# The phrases, per pipeline (keyed by its vocab): tens of thousands of phrases, which
# medspaCy's TargetMatcher (one match key, so one new lexeme, per rule) takes seconds to add; a
# spaCy PhraseMatcher with one key per set of targets takes a fraction. Match key -> the span
# label ConText sees (its rules' `allowed_types`) and the targets.
_GENERATED: dict[int, tuple[Any, dict[str, tuple[str, list[_Target]]]]] = {}


def _add_generated(
    nlp: Language, own: dict[str, list[_Target]], extra: dict[str, list[_Target]]
) -> None:
    """Add the findings' own phrases (labelled by their first finding, "@kind" added when it is
    not a plain phrase) and the generated ones (labelled by all their targets)."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_key: dict[str, list[str]] = {}
    labels: dict[str, tuple[str, list[_Target]]] = {}
    for table, is_own in ((own, True), (extra, False)):
        for phrase, targets in table.items():
            every = "+".join(f"{t.finding}@{t.kind}" for t in targets) or IGNORE
            first = targets[0] if targets else None
            label = (
                first.finding + ("" if first.kind == "phrase" else f"@{first.kind}")
                if is_own and first is not None
                else every
            )
            key = f"{label}|{every}"
            by_key.setdefault(key, []).append(phrase)
            labels[key] = (label, targets)
    tokenizer: Any = nlp.tokenizer
    for key, phrases in by_key.items():
        matcher.add(key, list(tokenizer.pipe(phrases)))
    _GENERATED[id(nlp.vocab)] = (matcher, labels)


@functools.cache
def _register_generated() -> str:
    """Register the component that adds the generated synonym phrases to the span group."""
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    name = "legwise_generated_phrases"

    @Language.component(name)
    def add_generated(doc: Doc) -> Doc:
        found = _GENERATED.get(id(doc.vocab))
        if found is None:
            return doc
        spans = list(doc.spans[SPANS]) if SPANS in doc.spans else []
        matcher, labels = found
        strings = doc.vocab.strings
        for key, start, end in matcher(doc):
            label = labels[strings[key]][0]
            spans.append(Span(doc, start, end, label=label, kb_id=key))
        doc.spans[SPANS] = spans
        return doc

    return name


def _rule_of(ent: Span) -> tuple[str, list[_Target]]:
    """The phrase and the targets behind a matched span."""
    labels = _GENERATED[id(ent.doc.vocab)][1]
    found = labels.get(ent.kb_id_)
    return ent.text.lower(), found[1] if found else []


@functools.cache
def _register_keep_longest() -> str:
    """Register the component that keeps, of the phrases found, all but those lying inside a
    longer one ("swelling" in "calf swelling"); phrases that only partly overlap ("calf is
    swollen" and "swollen and red") are both kept, so neither finding is lost."""
    from spacy.language import Language
    from spacy.tokens import Doc

    name = "legwise_keep_longest"

    @Language.component(name)
    def keep_longest(doc: Doc) -> Doc:
        spans = (
            sorted(doc.spans[SPANS], key=lambda s: (s.start, -s.end)) if SPANS in doc.spans else []
        )
        kept: list[Span] = []
        seen: set[tuple[int, int, str]] = set()
        for span in spans:
            key = (span.start, span.end, span.label_)
            inside = any(
                k.start <= span.start
                and span.end <= k.end
                and (k.start, k.end) != (span.start, span.end)
                for k in kept
            )
            if key in seen or inside:
                continue
            seen.add(key)
            kept.append(span)
        doc.spans[SPANS] = kept
        return doc

    return name


@functools.cache
def pipeline(kb: Knowledge) -> Language:
    """The spaCy pipeline for `kb` (built on first use, then reused)."""
    import medspacy  # noqa: F401  (registers the medspaCy factories and extensions)
    import spacy

    # medspaCy runs spaCy's token Matcher even when every rule is a phrase: W036 on each text
    warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # The findings' own phrases and the generated ones go into one spaCy PhraseMatcher: the
    # same matches medspaCy's TargetMatcher gave, without a Span extension set per match and
    # without running the pipeline once per phrase when it is built.
    own, extra = _targets(kb)
    nlp.add_pipe(_register_generated())
    _add_generated(nlp, own, extra)
    from legwise.intake.compose import attach  # site + quality words in one clause

    attach(nlp, kb, [*own, *extra], _GENERATED[id(nlp.vocab)][1], SPANS, _Target)
    nlp.add_pipe(_register_keep_longest())
    context: Any = nlp.add_pipe(
        "medspacy_context",
        config={"rules": None, "input_span_type": "group", "span_group_name": SPANS},
    )
    context.add(_context_rules(nlp, context.DEFAULT_RULES_FILEPATH))
    return nlp
