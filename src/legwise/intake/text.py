"""Free text -> findings, with a clinical NLP pipeline (spaCy + medspaCy).

The pipeline is a blank English spaCy model with the rule `sentencizer`, one spaCy
PhraseMatcher (lower-cased tokens) for the target phrases, and medspaCy's ConText: no
statistical model and no hand-written negation engine. Target phrases come from the knowledge
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

Age, sex, durations and measured values are read by `legwise.intake.numbers`. spaCy and
medspaCy are imported on the first call, and the pipeline is built once per knowledge base.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
import warnings
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from legwise.errors import InputError
from legwise.intake.gaps import with_gaps
from legwise.intake.numbers import number_rules, read_numbers
from legwise.intake.result import Extracted, TextResult, resolve
from legwise.intake.sections import drop_plan_phrases, mask_headers
from legwise.intake.synonyms import IGNORE
from legwise.intake.wells import apply_wells
from legwise.kb.loader import Knowledge
from legwise.kb.schema import Finding

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

MAX_CHARS = 20_000
_NLP_LOCK = threading.Lock()
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
KINDS = {"phrase": "phrase", "history": "history phrase", "family": "family phrase",
         "absent": "absent phrase"}  # fmt: skip
# Typographic quotes -> ASCII, one character for one so that offsets stay the same.
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
                        "\u201c": '"', "\u201d": '"'})  # fmt: skip
# Scope of a negation, hypothetical or possible cue (ConText runs it to the end of the
# sentence): a cue reaches a phrase only within the same clause, or along a list of
# findings ("no swelling, redness or warmth"). A false negation turns a warning sign into a
# reassuring one, so when in doubt the cue does not reach.
SCOPED = frozenset({"negated", "hypothetical", "possible", "resolved", "both sides",
                    "historical"})  # fmt: skip
# "maybe once a week at night": a hedge reaches only the next words
MAX_GAP = {
    "negated": 5,
    "hypothetical": 6,
    "possible": 2,
    "resolved": 3,
    "both sides": 4,
    "historical": 6,
}  # "smoking history complains of pain ...": not the pain's history
MAX_BACK = 3  # words between a phrase and a cue after it ("calf tenderness: none")
RESOLVED_BACK = 6  # "breast ca 2009, in remission": a resolved cue reaches back over a comma
SEPARATORS = frozenset({",", "and", "or", "nor", "/", "&", "+"})
LIST_WORDS = frozenset({"no", "nil", "any", "neither", "either", "other", "of", "signs",
                        "evidence", "new", "significant", "obvious", "associated", "recent",
                        "recently", "previous", "previously", "prior", "documented", "active",
                        "major", "localized", "localised", "entire", "known", "current",
                        "a", "the"})  # fmt: skip
NEW_COMPLAINT = frozenset({"complains", "complaining", "complained", "presents", "presenting",
                           "presented", "reports", "reporting", "reported", "describes",
                           "develops", "developed", "notices", "noticed", "now", "today",
                           "currently", "c/o"})  # fmt: skip
RELATIVE = frozenset({"who", "which", "that", "whose", "whom"})
DETERMINERS = frozenset({"the", "my", "his", "her", "their", "your", "our"})
PRONOUN_BACK = frozenset({"it", "they", "this", "that", "these", "those", "'s", "'re", "is",
                          "are", "has", "have", "all"})  # fmt: skip
# A family cue ("my mum had a clot") reaches forward only within its clause: not past a
# sentence break, a "but"/"now", or a first-person subject ("... and now I have a swollen calf").
FAMILY_BREAKS = frozenset({".", ";", "!", "?", "but", "however", "although", "though",
                           "whereas", "while", "now", "--", "i", "i'm", "im", "i've", "ive",
                           "me", "my", "myself", "we", "our"})  # fmt: skip
FAMILY_GAP = 15
# "Any swelling? Not that I've noticed.": a short question answered no by the next sentence
QUESTION_WORDS = 6
NO_ANSWERS = frozenset({"no", "none", "nope", "nah", "not", "never", "nil", "negative", "neither"})
CHECKLIST = frozenset({":", "="})  # "Active cancer: no." answers the whole label before it
CHECKLIST_NO = frozenset({"no", "nil", "none", "negative", "neg", "absent", "n", "0"})
SENTENCE_END = frozenset({".", ";", "!", "?", ","})
BREAKS = frozenset({".", ";", "!", "?", "(", ")", "but", "however", "although", "though",
                    "except", "which", "because", "so", "then", "while", "whereas", "until",
                    "till", "when", "since", "yet", "still", "just", "now", "--"})  # fmt: skip
CLAUSE = frozenset({"i", "i'm", "im", "it", "it's", "its", "he", "she", "they", "we", "you",
                    "my", "his", "her", "their", "our", "is", "are", "was", "were", "am", "be",
                    "has", "have", "had", "'s", "'m", "'re", "'ve", "feels", "feel", "felt",
                    "gets", "get", "got", "makes", "make", "made", "started", "starts",
                    "seems", "looks", "does", "did", "do", "can", "will", "there", "this",
                    "that", "who", "also"})  # fmt: skip

__all__ = ["MAX_CHARS", "Extracted", "TextResult", "extract", "pipeline"]


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
    nlp.add_pipe(_register_keep_longest())
    context: Any = nlp.add_pipe(
        "medspacy_context",
        config={"rules": None, "input_span_type": "group", "span_group_name": SPANS},
    )
    context.add(_context_rules(nlp, context.DEFAULT_RULES_FILEPATH))
    return nlp


@functools.cache
def _one_side_only() -> frozenset[str]:
    """Findings that a "both legs" cue makes absent (context_rules.json: one_side_only)."""
    import json

    path = resources.files("legwise").joinpath("knowledge", "intake", "context_rules.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(str(f) for f in data.get("one_side_only", []))


def _decide(target: _Target, cues: dict[str, str], spec: Finding) -> str | None:
    """The state a target gives under its ConText cues, or None when it is not taken."""
    if "hypothetical" in cues or "possible" in cues:
        return None
    if target.kind == "absent":  # "pulses palpable": absent, unless itself denied or kin's
        return None if "negated" in cues or "family" in cues else "absent"
    if "resolved" in cues or ("both sides" in cues and spec.id in _one_side_only()):
        return "absent"
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


def _words(doc: Any, start: int, end: int) -> list[str]:
    """Lower-cased words of doc[start:end], a line break read as a full stop (a bulleted list:
    "- no injury\n- on the pill")."""
    return ["." if "\n" in t.text else t.lower_ for t in doc[start:end]]


def _list_item(words: list[str], longest: int) -> bool:
    """Whether `words` can be one item of a list a cue runs along (numbers and signs do not
    count: "no bedridden recently >3 days or major surgery")."""
    said = [w for w in words if w not in LIST_WORDS and any(c.isalpha() for c in w)]
    return len(said) <= longest and not CLAUSE & set(words)


def _list_goes_on(ent: Span) -> bool:
    """Whether the phrase sits inside a list that goes on to an "or"/"nor" item in its sentence
    ("denies fever, chills, weight loss, or night sweats"): then it is a list item, not a new
    statement, even after a bare comma."""
    doc = ent.doc
    rest = [t.lower_ for t in doc[ent.end : ent.sent.end]]
    if not rest or rest[0] not in (",", "or", "nor"):
        return False
    for i, w in enumerate(rest):
        if w in ("or", "nor"):
            return True
        if (
            w in BREAKS
            or w in CLAUSE
            or (w == "and" and i + 1 < len(rest) and rest[i + 1] in CLAUSE)
        ):
            return False
    return False


def _reaches(modifier: Any, ent: Span, name: str) -> bool:
    """Whether a negation/hypothetical/possible cue really reaches the phrase `ent`."""
    doc = ent.doc
    start, end = modifier.modifier_span
    if end <= ent.start:  # cue before the phrase
        gap = _words(doc, end, ent.start)
        if BREAKS & set(gap):
            return False
        if name == "historical" and (CLAUSE | NEW_COMPLAINT) & set(gap):
            return False  # "a smoking history complains of calf pain": a new statement
        seps = [i for i, w in enumerate(gap) if w in SEPARATORS]
        if not seps:
            return len(gap) <= MAX_GAP[name]
        # a list: "no swelling, redness or warmth", "denies CP/SOB", "no fever or chills"
        own = {t.lower_ for t in ent}
        if len(gap) > 15 or not _list_item(gap[seps[-1] + 1 :], 0) or CLAUSE & own:
            return False  # "no fever and the calf is swollen": a new clause
        items = [gap[a + 1 : b] for a, b in zip([-1, *seps[:-1]], seps, strict=True)]
        if not all(_list_item(item, 4) for item in items):
            return False
        after = doc[ent.end].lower_ if ent.end < len(doc) else "."
        last_sep = gap[seps[-1]]
        if last_sep not in ("or", "nor", "/") and len(ent) > 1 and not _list_goes_on(ent):
            # "no SOB, calf swollen": after a bare comma a longer phrase is a new statement;
            # only "or"/"nor" lists ("no chest pain or shortness of breath") carry it on.
            return False
        return (
            last_sep in ("or", "nor", "/")
            or after in SEPARATORS | BREAKS
            or (ent.end == ent.sent.end)
        )
    if start >= ent.end:  # cue after the phrase: same clause, close by
        gap = _words(doc, ent.end, start)
        if name == "resolved":  # not across a relative clause ("AF who has gone off ...")
            # "a fever last week but it's gone now": a "but" and the pronoun that names the
            # phrase again do not stop a resolved cue
            if any(
                w in (",", "and") and gap[i + 1 : i + 2] and gap[i + 1] in DETERMINERS
                for i, w in enumerate(gap)
            ):
                return False  # "twisted my ankle, the swelling has gone down": its own subject
            while gap and gap[-1] in PRONOUN_BACK:
                gap = gap[:-1]
            if gap and gap[-1] == "but":
                gap = gap[:-1]
            return (
                len(gap) <= RESOLVED_BACK
                and gap.count(",") <= 1
                and not (BREAKS | RELATIVE) & set(gap)
            )
        return len(gap) <= MAX_BACK and not (SEPARATORS | BREAKS) & set(gap)
    return True


def _family_reaches(modifier: Any, ent: Span) -> bool:
    """Whether a family cue before the phrase still speaks of the relative (see FAMILY_BREAKS);
    a cue after the phrase ("runs in the family") is ConText's own."""
    end = modifier.modifier_span[1]
    if end > ent.start:
        return True
    gap = _words(ent.doc, end, ent.start)
    return len(gap) <= FAMILY_GAP and not FAMILY_BREAKS & set(gap)


def _resolved_after(ent: Span, resolved: list[Any]) -> list[Any]:
    """Resolved cues (`resolved`: the doc's) after the phrase that ConText's own scope stops
    short of ("a fever last week but it's gone now": "but" ends the scope); `_reaches` decides
    (and never across a sentence end)."""
    after = [
        m  # a forward cue ("stopped taking warfarin") is about what follows it, not before
        for m in resolved
        if m.modifier_span[0] >= ent.end and m.direction != "FORWARD"
    ]
    if not after:
        return []
    mine = ent._.modifiers
    if any(m.category == "RESOLVED" for m in mine):
        return []
    return [
        m
        for m in after
        if m not in mine and m.allows(ent.label_.upper()) and _reaches(m, ent, "resolved")
    ]


def _inside_phrase(modifier: Any, spans: list[tuple[int, int]], ent: Span) -> bool:
    """A cue that lies inside a matched phrase ("absent" in "pulses absent") is a word of
    that finding, not a modifier of phrases elsewhere ("can't" in "can't sit through" does not
    negate "sit through a film"); only a cue that starts a phrase still reaches a phrase
    overlapping it ("non" in "non-pitting" negates "pitting oedema")."""
    start, end = modifier.modifier_span
    return any(
        a <= start and end <= b and not (a == start and ent.start < b and a < ent.end)
        for a, b in spans
    )


def _cues(
    ent: Span,
    subject: frozenset[str],
    spans: list[tuple[int, int]],
    text: str,
    resolved: list[Any],
) -> dict[str, str]:
    """ConText cue name -> the words that set it, for one matched phrase."""
    cues: dict[str, str] = {}
    doc = ent.doc
    for modifier in ent._.modifiers:
        name = NAMES.get(modifier.category)
        start, end = modifier.modifier_span
        if name is None or (start < ent.end and ent.start < end):
            continue  # a cue word inside the phrase is part of it ("can't sleep"): see below
        if _inside_phrase(modifier, spans, ent):
            continue
        if name in SCOPED and not _reaches(modifier, ent, name):
            continue
        if name == "family" and not _family_reaches(modifier, ent):
            continue
        _add_cue(cues, name, doc[slice(*modifier.modifier_span)].text, subject)
    for modifier in _resolved_after(ent, resolved):
        _add_cue(cues, "resolved", doc[slice(*modifier.modifier_span)].text, subject)
    for modifier in _overlapping(ent):
        name = NAMES.get(modifier.category)
        if name is not None:
            _add_cue(cues, name, doc[slice(*modifier.modifier_span)].text, subject)
    checklist = _checklist_no(ent, text)
    if checklist is not None:
        _add_cue(cues, "negated", checklist, subject)
    answer = _answered_no(ent)
    if answer is not None:
        _add_cue(cues, "negated", answer, subject)
    return cues


def _answered_no(ent: Span) -> str | None:
    """The "no" that answers a short question the phrase is in ("Any swelling? None."), or
    None."""
    sent, doc = ent.sent, ent.doc
    last = doc[sent.end - 1]
    if "?" not in last.text or len(sent) > QUESTION_WORDS or sent.end >= len(doc):
        return None
    first = doc[sent.end]
    while first.is_space and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    following = doc[first.i + 1].lower_ if first.i + 1 < len(doc) else ""
    if following in ("idea", "clue", "sure", "certain", "doubt"):
        return None  # "No idea", "Not sure": no answer
    return first.text if first.lower_ in NO_ANSWERS else None


def _checklist_no(ent: Span, text: str) -> str | None:
    """The "no" of a checklist line the phrase is the label of ("Paralysis or plaster: no."),
    or None. The answer must end its item (a full stop, a comma or the end), so that "Calf
    swollen: no redness" stays a statement about redness."""
    doc = ent.doc
    near = text[ent.end_char : ent.end_char + 120]  # `text`: the doc's own (`doc.text` joins
    if ":" not in near and "=" not in near:  # every token); the common case, without walking
        return None
    i = ent.end
    while i < ent.sent.end and doc[i].text not in CHECKLIST:
        if doc[i].text in SENTENCE_END or i - ent.end > 12:
            return None
        i += 1
    if i + 1 >= len(doc) or doc[i].text not in CHECKLIST or doc[i + 1].lower_ not in CHECKLIST_NO:
        return None
    if i + 2 < len(doc) and doc[i + 2].text not in SENTENCE_END:
        return None
    return doc[i : i + 2].text


def _add_cue(cues: dict[str, str], name: str, words: str, subject: frozenset[str]) -> None:
    if name == "family" and words.lower().removesuffix("'s").rstrip("'") in subject:
        return  # "my husband is 71 ... he has cramps": the husband is the person described
    cues.setdefault(name, words)
    if name == "negated" and "family" in words.lower():  # "no family history of"
        cues.setdefault("family", words)


def _phrase_items(nlp: Language, text: str, kb: Knowledge, subject: frozenset[str]) -> list[Any]:
    items: list[Extracted] = []
    with _NLP_LOCK:  # one shared pipeline; spaCy does not promise it is thread-safe
        plain = mask_headers(text.translate(QUOTES))
        doc = nlp.make_doc(plain)  # the components in turn: nlp(...) adds per-call overhead
        for _name, component in nlp.pipeline:
            doc = component(doc)
    ents = list(doc.spans[SPANS]) if SPANS in doc.spans else []
    spans = [(e.start, e.end) for e in ents]
    resolved = [m for m in doc._.context_graph.modifiers if m.category == "RESOLVED"]
    for ent in ents:
        literal, targets = _rule_of(ent)
        if not targets:
            continue  # a phrase that only stops the words inside it being read
        cues = _cues(ent, subject, spans, plain, resolved)
        for target in targets:
            state = _decide(target, cues, kb.findings[target.finding])
            if state is None:
                continue
            why = "".join(f" + {name} (ConText: {w!r})" for name, w in cues.items())
            desc = f"{KINDS[target.kind]} {literal!r}{why}"
            a, b = ent.start_char, ent.end_char
            items.append(Extracted(target.finding, state, a, b, text[a:b], desc))
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
    characters. Nothing found is not an error here: see `TextResult.recognised`. The result
    also says which warning-sign questions the text left unanswered (`TextResult.gaps`).
    """
    text = check_text(text)
    if kb is None:
        from legwise.kb.loader import load_knowledge

        kb = load_knowledge()
    numbers, subject = read_numbers(text.translate(QUOTES), kb)
    numbers = [dataclasses.replace(i, text=text[i.start : i.end]) for i in numbers]
    items = apply_wells(text, numbers + _phrase_items(pipeline(kb), text, kb, subject))
    items = drop_plan_phrases(text, items)
    return with_gaps(resolve(items, number_rules().keep), kb)
