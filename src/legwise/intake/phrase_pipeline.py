"""What reads a text's target phrases and ConText cues, built once per knowledge base.

`reader(kb)` holds spaCy's tokenizer (a blank English model), one PhraseMatcher with the
findings' phrases and the generated synonyms, and the matchers for ConText's cue rules:
medspaCy's default English rules (plain-word patterns turned into phrases) plus legwise's own.
Per text, spaCy only tokenizes and matches; the longest phrases, the sentences and ConText's
scopes are then worked out on plain data (`legwise.intake.parsed`), exactly as spaCy's
sentencizer and medspaCy's ConText would. spaCy and medspaCy are imported on the first call.
How the matches are read is `legwise.intake.text` and `legwise.intake.cues`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legwise.intake.compose import composed_phrases, lexicon_for
from legwise.intake.compose_lexicon import WORDS
from legwise.intake.fillers import filler_phrases
from legwise.intake.parsed import Parsed, parse, prune_longest
from legwise.intake.phrase_tables import Target, phrase_matcher, phrase_tables
from legwise.intake.respell import corrector, respell
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from spacy.language import Language

NAMES = {
    "NEGATED_EXISTENCE": "negated",
    "HYPOTHETICAL": "hypothetical",
    "POSSIBLE_EXISTENCE": "possible",
    "FAMILY": "family",
    "OTHER_PERSON": "other person",
    "HISTORICAL": "historical",
    "PAST_EVENT": "past event",
    "RESOLVED": "resolved",
    "BOTH_SIDES": "both sides",
    "RELIEF": "relief",
}


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


def _cue_matchers(nlp: Language, rules: list[Any]) -> tuple[list[Any], dict[int, Any]]:
    """The matchers medspaCy's ConText runs for these rules, with the same match keys
    ("CATEGORY_n") added in the same order, so matches come out in the same order: a
    PhraseMatcher on lower-cased words, and a token Matcher or a RegexMatcher only when a rule
    needs one (`_phrase_form` turns every current rule into phrases)."""
    from spacy.matcher import Matcher, PhraseMatcher

    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    tokens = Matcher(nlp.vocab)
    regexes: Any = None
    by_key: dict[int, Any] = {}
    for i, rule in enumerate(rules):
        key = f"{rule.category}_{i}"
        rule._rule_id = key
        by_key[nlp.vocab.strings.add(key)] = rule
        if isinstance(rule.pattern, str):
            if regexes is None:
                from medspacy.common.regex_matcher import RegexMatcher

                regexes = RegexMatcher(nlp.vocab)
            regexes.add(key, [rule.pattern], rule.on_match)
        elif isinstance(rule.pattern, list):
            tokens.add(key, [rule.pattern], on_match=rule.on_match)
        else:
            phrases.add(key, [nlp.tokenizer(rule.literal.lower())], on_match=rule.on_match)
    run = [m for m in (tokens, phrases, regexes) if m is not None and len(m)]
    return run, by_key


WordRows = dict[int, tuple[str, str, bool, bool]]  # a word's id (orth) -> its row
MAX_WORD_ROWS = 50_000  # a bound on memory (about 12 MB): past it, rows are made, not kept
Columns = tuple[list[str], list[str], list[int], list[bool], list[bool]]


def _token_rows(doc: Any, rows: WordRows) -> Columns:
    """Each token's lower_, text, idx, is_space and is_punct, as five lists (what
    `[t.lower_ for t in doc]` and so on give): all but the offset are the word's own (its
    lexeme's), so they are looked up by the word's id, made once per word. The ids and offsets
    come from one `Doc.to_array` call: no spaCy Token object is made per token, which cost more
    than the rest. `rows`: the rows made so far, for this vocab."""
    if not len(doc):
        return [], [], [], [], []
    ids, idx = doc.to_array(["ORTH", "IDX"]).T.tolist()
    get = rows.get
    found = [get(o) for o in ids]
    if None in found:  # a word not seen before: its row from its token
        for i, row in enumerate(found):
            if row is None:
                t = doc[i]
                row = found[i] = (t.lower_, t.text, t.is_space, t.is_punct)
                if len(rows) < MAX_WORD_ROWS:
                    rows[ids[i]] = row
    lower, orth, space, punct = zip(*found, strict=True)
    return list(lower), list(orth), idx, list(space), list(punct)


@dataclass(frozen=True)
class PhraseReader:
    """Everything built once per knowledge base to read a text: spaCy's tokenizer, the target
    phrase matcher and ConText's cue matchers and rules. `read` gives the text as plain data
    (`legwise.intake.parsed`); spaCy is only used to tokenize and match."""

    nlp: Language
    phrases: Any  # spaCy PhraseMatcher
    labels: dict[int, tuple[str, str]]  # match key -> (label, key name)
    targets_of: dict[str, list[Target]]  # key name -> targets ([]: a phrase that gives nothing)
    cue_matchers: list[Any]
    rules: dict[int, Any]  # match key -> medspaCy ConTextRule
    context_rules: list[Any]
    sentence_ends: frozenset[str]
    prune: Any  # medspaCy's prune_overlapping_matches, or `parsed.prune_longest` (the same)

    lexicon: Any  # legwise.intake.compose_lexicon.Lexicon (composed reads, respelling)
    word_rows: WordRows = field(default_factory=dict)  # `_token_rows`' rows, made as words come
    # a lower-case word -> the word its typo stands for (`legwise.intake.respell.corrector`)
    correct: Callable[[str], str | None] | None = None

    def read(self, text: str) -> Parsed:
        """Tokens, sentences, the kept phrases and their ConText cues of `text` (not thread
        safe: spaCy's tokenizer and respell's corrections cache as they go). Typos and texting
        shorthand are respelled first (`legwise.intake.respell`): the Parsed then holds the
        respelled text and `where`, each token's (start, end) in `text`. Composed reads
        (`legwise.intake.compose`) join the matched phrases before the longest are kept."""
        doc = self.nlp.make_doc(text)
        tokens = _token_rows(doc, self.word_rows)
        doc, where = respell(doc, tokens[0], tokens[1])
        if where is not None:  # respelled: a new doc
            tokens = _token_rows(doc, self.word_rows)
        labels = self.labels
        found = [(s, e, *labels[k]) for k, s, e in self.phrases(doc)]
        found += filler_phrases(doc, doc.user_data[WORDS], self.phrases, labels)
        found += composed_phrases(doc.user_data[WORDS], self.lexicon, found)
        cue_matches = [m for matcher in self.cue_matchers for m in matcher(doc)]
        parsed = parse(
            text if where is None else doc.text,
            tokens, found, cue_matches, self.rules, self.sentence_ends, self.prune,
        )  # fmt: skip
        parsed.where = where
        return parsed


_READERS: dict[Knowledge, PhraseReader] = {}  # the knowledge base is hashed by identity
_BUILDING = threading.Lock()


def reader(kb: Knowledge) -> PhraseReader:
    """The phrase reader for `kb` (built on first use, then reused). Built once even when
    several threads ask at once (a server's start-up warm-up and its first text request): the
    others wait for it instead of building a second copy beside it."""
    found = _READERS.get(kb)
    if found is None:
        with _BUILDING:
            found = _READERS.get(kb)
            if found is None:
                found = _READERS[kb] = _build(kb)
    return found


def reader_ready(kb: Knowledge) -> bool:
    """Is the phrase reader for `kb` built (a text is then read at once)?"""
    return kb in _READERS


def _build(kb: Knowledge) -> PhraseReader:
    import spacy
    from medspacy.context import ConTextRule

    nlp = spacy.blank("en")
    # "tender.no fever": a full stop between words typed without a space splits them (hE)
    from spacy.util import compile_infix_regex

    tokenizer: Any = nlp.tokenizer
    infixes: list[Any] = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Za-z]{2})\.(?=[A-Za-z]{2})"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.url_match = None  # "fever.no" is no web address in a text about a leg
    # "'ve" / "'m" on their own split into "'" + "ve" while "I've" gives "I", "'ve": one token
    # as in running text, so a phrase written "i 've noticed" matches "I've noticed" (hF9)
    for clitic in ("'ve", "'m"):
        tokenizer.add_special_case(clitic, [{"ORTH": clitic}])
    sentencizer: Any = nlp.add_pipe("sentencizer")  # read by `parsed.sentences`, token for token
    own, extra = phrase_tables(kb)
    phrases, labels, targets_of = phrase_matcher(nlp, own, extra)
    import medspacy.context.context as medspacy_context

    default = Path(medspacy_context.__file__).resolve().parents[2] / "resources" / "en"
    rules = _context_rules(nlp, str(default / "context_rules.json"))
    assert all(isinstance(r, ConTextRule) for r in rules)
    cue_matchers, by_key = _cue_matchers(nlp, rules)
    lexicon = lexicon_for(nlp, kb, [*own, *extra], targets_of, Target)
    return PhraseReader(
        nlp, phrases, labels, targets_of, cue_matchers, by_key, rules,
        frozenset(sentencizer.punct_chars), prune_longest, lexicon,
        correct=corrector(lexicon),
    )  # fmt: skip


def pipeline(kb: Knowledge) -> Language:
    """The spaCy pipeline (blank English with the rule sentencizer) that reads text for `kb`,
    built with everything else on first use."""
    return reader(kb).nlp
