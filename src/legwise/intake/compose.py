"""Findings composed from a body-site word and a quality word in one clause, and typo-tolerant
words, for lay text that no literal phrase list foresaw.

Phrase lists generalise poorly: "my calf has swelled", "the skin over my shin is quite red" and
"foots are numbing" each need their own phrase. Here a finding is read when one of its site
words ("calf", "shin") and one of its quality words ("swelled", "red") stand in the same clause
within a few words (lexicons in `knowledge/intake/compose_lay.yaml`, with their review note);
quality verbs match in every inflection. The read span is only the quality word (with any
`needs` words), added to the same span group as the phrases, so ConText decides negation,
hedging, history and other people exactly as it does for a phrase ("calf is not swollen" is
absent), and a longer phrase that holds the word wins (`keep_longest`).

`respell` reads common typos and texting shorthand as the word meant, one token for one token,
so that every phrase list and lexicon sees "swollen" in "swolen" and "and" in "n": a word that
no phrase or lexicon knows is corrected to the one lexicon word one edit away that starts with
the same letter. Everything is built once per pipeline; a text costs a pass over its tokens.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from legwise.errors import KnowledgeError
from legwise.intake.synonyms import expand
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Seq = tuple[str, ...]
NAME = "legwise_composed_phrases"
MAX_CACHED = 50_000  # words whose correction is remembered (a bound on memory)
WORDS = "legwise_words"  # Doc.user_data key: the lower-cased (respelled) words
KEY = "compose:"  # match-key prefix of a composed span (its kb_id)
VOWELS = frozenset("aeiou")
# A clause ends at these words; "and"/"," end it only before a new subject ("... and my shin").
CLAUSE_END = frozenset({".", ";", "!", "?", ":", "but", "however", "although",
                        "though", "whereas", "while", "because", "so", "--", "\n"})  # fmt: skip
HEDGES = frozenset({"maybe", "perhaps", "possibly", "probably", "might", "may", "could", "if",
                    "whether", "think", "sure", "should", "would"})  # fmt: skip
NEGATIONS = frozenset({"not", "n't", "nt", "never", "no", "nothing", "none", "without"})
LIST_SEPARATORS = frozenset({",", "and", "or", "&", "/", "n"})
JOINS = frozenset({"and", ",", "&", "then", "n"})
SUBJECTS = frozenset({"i", "i'm", "im", "he", "she", "it", "it's", "its", "they", "we", "you",
                      "my", "his", "her", "their", "our", "the", "this", "that", "there",
                      "now"})  # fmt: skip


@dataclass(frozen=True)
class Rule:
    finding: str
    sites: frozenset[Seq]
    qualities: frozenset[Seq]
    needs: frozenset[Seq]
    veto_next: tuple[Seq, ...]
    veto_prev: frozenset[str]
    site_veto_next: tuple[Seq, ...]
    site_veto_prev: frozenset[str]
    veto: frozenset[Seq]
    gap: int
    reads: str  # "present", or "absent" for words that deny the finding ("bp is fine")
    span: str  # "quality" (the quality alone), "needs" (with the needs), "with_site" (the site too)
    swallows: bool  # the read words mean this finding, not a phrase inside them
    across_commas: bool  # a need may stand past a comma


@dataclass(frozen=True)
class Read:
    """One composed read: the span [start, end) read as `finding` with the value `reads`;
    `swallows`: it may hide a phrase inside it; `quality`: the quality words alone, the span
    used when the longer one would hide a phrase."""

    start: int
    end: int
    finding: str
    reads: str
    swallows: bool
    quality: tuple[int, int]


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[Rule, ...]
    # first word -> (length, sequence -> (rule, role) pairs) for each length of sequence
    first: dict[str, list[tuple[int, dict[Seq, list[tuple[int, str]]]]]]
    quality_of: dict[Seq, tuple[int, ...]]  # a quality sequence -> the rules it is a quality of
    roles: dict[Seq, list[tuple[int, str]]]  # a sequence -> (rule, role) pairs
    vocab: frozenset[str]  # single lexicon words a typo may be corrected to
    texting: dict[str, str]
    unless_site_next: frozenset[str]
    site_words: frozenset[str]
    min_length: int
    keep: frozenset[str]
    corrections: dict[str, str | None]  # word -> its correction, as texts are read


def _data() -> dict[str, Any]:
    path = resources.files("legwise").joinpath("knowledge", "intake", "compose_lay.yaml")
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    named = re.findall(r"^  ([a-z_]+):\s*$", text, flags=re.M)
    twice = sorted({n for n in named if named.count(n) > 1})
    if twice:  # YAML would keep only the last list: a finding's rules go in one list
        raise KnowledgeError([f"intake compose_lay.yaml: {', '.join(twice)} named twice"])
    return data


def inflections(verb: str, irregular: dict[str, list[str]]) -> list[str]:
    """Every form of a verb (or of a phrasal verb's first word): swell -> swells, swelled,
    swelling, swollen; throb -> throbbed; numb -> numbed, numbing."""
    head, _, rest = verb.partition(" ")
    sibilant = head.endswith(("s", "x", "z", "ch", "sh", "o"))
    forms = {head, head + ("es" if sibilant else "s")}
    if head.endswith("e"):
        forms |= {head + "d", head[:-1] + "ing"}
    else:
        forms |= {head + "ed", head + "ing"}
    if head.endswith("y") and head[-2:-1] not in VOWELS:
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if (
        len(head) >= 3
        and head[-1] not in VOWELS | set("wxy")
        and head[-2] in VOWELS
        and head[-3] not in VOWELS
    ):
        forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    forms |= set(irregular.get(head, []))
    return sorted(f"{f} {rest}".strip() for f in forms)


_LEXICONS: dict[int, Lexicon] = {}


def _tokens(nlp: Language, phrases: Iterable[str]) -> list[Seq]:
    out: list[Seq] = []
    for p in phrases:
        seq = tuple(t.lower_ for t in nlp.make_doc(p))
        if seq and seq not in out:
            out.append(seq)
    return out


def _ref(entry: Any) -> str:
    """A lexicon entry as a template: a bare "@set" names the set ("{@set}")."""
    text = str(entry)
    return "{" + text + "}" if text.startswith("@") else text


def build(nlp: Language, known: Iterable[str], findings: set[str] | None = None) -> Lexicon:
    """The lexicon for one pipeline: `known` are the words the phrase lists already hold
    (never corrected as typos); only rules for `findings` (default: all) are kept."""
    data = _data()
    sets = {str(k): [_ref(w) for w in v] for k, v in (data.get("sets") or {}).items()}
    irregular = {str(k): [str(w) for w in v] for k, v in (data.get("irregular") or {}).items()}

    def seqs(entries: Iterable[Any]) -> tuple[Seq, ...]:
        return tuple(_tokens(nlp, [p for e in entries for p in expand(_ref(e), sets)]))

    rules: list[Rule] = []
    for fid, items in (data.get("findings") or {}).items():
        if findings is not None and str(fid) not in findings:
            continue
        for item in items:
            verbs = [f for v in item.get("verbs", []) for f in inflections(str(v), irregular)]
            rules.append(
                Rule(
                    finding=str(fid),
                    sites=frozenset(seqs(item.get("sites", []))),
                    qualities=frozenset(seqs([*item.get("words", []), *verbs])),
                    needs=frozenset(seqs(item.get("needs", []))),
                    veto_next=seqs(item.get("veto_next", [])),
                    veto_prev=frozenset(str(w).lower() for w in item.get("veto_prev", [])),
                    site_veto_next=seqs(item.get("site_veto_next", [])),
                    site_veto_prev=frozenset(
                        str(w).lower() for w in item.get("site_veto_prev", [])
                    ),
                    veto=frozenset(seqs(item.get("veto", []))),
                    gap=int(item.get("gap", 5)),
                    reads=str(item.get("reads", "present")),
                    span=str(item.get("span", "needs")),
                    swallows=bool(item.get("swallows", False)),
                    across_commas=bool(item.get("across_commas", False)),
                )
            )
    seqs_at: dict[str, dict[int, dict[Seq, list[tuple[int, str]]]]] = {}
    vocab: set[str] = set()
    site_words: set[str] = set()
    for i, rule in enumerate(rules):
        for role, group in (("site", rule.sites), ("quality", rule.qualities),
                            ("need", rule.needs), ("veto", rule.veto)):  # fmt: skip
            for seq in group:
                by_len = seqs_at.setdefault(seq[0], {}).setdefault(len(seq), {})
                by_len.setdefault(seq, []).append((i, role))
                if role != "veto":
                    vocab.update(w for w in seq if w.isalpha())
                if role == "site" and len(seq) == 1:
                    site_words.add(seq[0])
    typos = data.get("typos") or {}
    texting = {str(k).lower(): str(v).lower() for k, v in (data.get("texting") or {}).items()}
    keep = {str(w).lower() for w in typos.get("keep", [])}
    first = {w: [(n, by_len[n]) for n in sorted(by_len)] for w, by_len in seqs_at.items()}
    quality_of: dict[Seq, list[int]] = {}
    for i, rule in enumerate(rules):
        for seq in rule.qualities:
            quality_of.setdefault(seq, []).append(i)
    lex = Lexicon(
        rules=tuple(rules),
        first=first,
        quality_of={k: tuple(v) for k, v in quality_of.items()},
        roles={
            seq: pairs
            for by_len in seqs_at.values()
            for d in by_len.values()
            for seq, pairs in d.items()
        },
        vocab=frozenset(vocab),
        texting=texting,
        unless_site_next=frozenset(str(w) for w in typos.get("unless_site_next", [])),
        site_words=frozenset(site_words),
        min_length=int(typos.get("min_length", 5)),
        keep=frozenset(keep | set(known) | vocab | set(texting.values())),
        corrections={},
    )
    _LEXICONS[id(nlp.vocab)] = lex
    return lex


# --- typos and texting shorthand -------------------------------------------------------------


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@functools.cache
def _deletion_index(vocab: frozenset[str]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for w in vocab:
        for d in _deletions(w):
            index.setdefault(d, set()).add(w)
    return {k: frozenset(v) for k, v in index.items()}


def correction(word: str, lex: Lexicon) -> str | None:
    """The lexicon word a typo stands for, or None: one edit away (a letter dropped or added, or
    two swapped; a changed letter too often makes another real word: "boxes" -> "bones"), the
    same first letter, no other form of the same stem, and the only such word."""
    if len(word) < lex.min_length or not word.isalpha() or word in lex.keep:
        return None
    index = _deletion_index(lex.vocab)
    found = set(index.get(word, ()))  # a letter dropped: "swolen"
    found |= _deletions(word) & lex.vocab  # a letter added: "moveing"
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    found |= swaps & lex.vocab  # two letters swapped: "tinlging"
    found = {w for w in found if w[0] == word[0] and not _siblings(word, w)}
    return next(iter(found)) if len(found) == 1 else None


SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "y", "ly", "en", "n")


def _siblings(a: str, b: str) -> bool:
    """Whether two words are forms of one stem ("flushes", "flushed"): a real word, no typo."""
    return any(
        a.endswith(x) and b.endswith(y) and a[: len(a) - len(x)] == b[: len(b) - len(y)]
        for x in SUFFIXES
        for y in SUFFIXES
        if x != y
    )


def respell(doc: Doc) -> tuple[Doc, list[tuple[int, int]] | None]:
    """`doc` with typos and texting shorthand read as the words meant (one token each), and
    each token's (start, end) in the original text; the same doc and None when nothing
    changed (the common case)."""
    lex = _LEXICONS.get(id(doc.vocab))
    if lex is None:
        return doc, None
    words = [t.lower_ for t in doc]
    written = [t.text for t in doc]  # unchanged words keep their case ("R calf")
    texting, keep, cache, shortest = lex.texting, lex.keep, lex.corrections, lex.min_length
    changed = False
    for i, w in enumerate(words):
        new: str | None = None
        if w in texting:
            if len(w) > 2 or written[i] == w:  # "R calf": a side, not "are"
                new = texting[w]
            if w in lex.unless_site_next and i + 1 < len(words) and words[i + 1] in lex.site_words:
                new = None
        elif w.endswith("in") and w not in keep and w + "g" in keep:
            new = w + "g"  # a dropped g: "jumpin", "crawlin", "achin"
        elif len(w) >= shortest and w not in keep:
            new = cache[w] if w in cache else correction(w, lex)
            if len(cache) < MAX_CACHED:
                cache[w] = new
        if new is not None and new != w:
            words[i] = written[i] = new
            changed = True
    if not changed:
        doc.user_data[WORDS] = words
        return doc, None
    from spacy.tokens import Doc

    spaces = [bool(t.whitespace_) for t in doc]
    where = [(t.idx, t.idx + len(t.text)) for t in doc]
    fixed = Doc(doc.vocab, words=written, spaces=spaces)
    fixed.user_data[WORDS] = words
    return fixed, where


# --- composition -------------------------------------------------------------------------------


def _clause(words: list[str], i: int) -> tuple[int, int]:
    """The clause around token i: [start, end)."""
    a = i
    while a > 0:
        w = words[a - 1]
        if w in CLAUSE_END or "\n" in w or (w in JOINS and words[a] in SUBJECTS):
            break
        a -= 1
    b = i + 1
    while b < len(words):
        w = words[b]
        if (
            w in CLAUSE_END
            or "\n" in w
            or (w in JOINS and b + 1 < len(words) and words[b + 1] in SUBJECTS)
        ):
            break
        b += 1
    return a, b


def _near(
    hits: list[tuple[int, int]],
    q: tuple[int, int],
    span: tuple[int, int],
    gap: int,
    words: list[str] | None = None,
) -> tuple[int, int] | None:
    """The hit (start, end) within the clause `span` and `gap` words of the quality `q`; with
    `words`, none of them a list separator (a need is read together with the quality, so it
    must not take in a neighbouring item: "never smoked, drink only socially")."""
    best: tuple[int, int] | None = None
    for s, e in hits:
        if s < span[0] or e > span[1] or (s < q[1] and q[0] < e):
            continue
        between = words[min(e, q[1]) : max(s, q[0])] if words is not None else []
        if LIST_SEPARATORS & set(between):
            continue
        dist = q[0] - e if e <= q[0] else s - q[1]
        if dist <= gap and (best is None or dist < _dist(best, q)):
            best = (s, e)
    return best


def _dist(hit: tuple[int, int], q: tuple[int, int]) -> int:
    return q[0] - hit[1] if hit[1] <= q[0] else hit[0] - q[1]


def composed(words: list[str], lex: Lexicon) -> list[Read]:
    """Every composed read in a text's lower-cased tokens."""
    found: dict[Seq, list[int]] = {}  # each lexicon sequence in the text -> where it starts
    first = lex.first
    for i, w in enumerate(words):
        if w not in first:
            continue
        for n, by_seq in first[w]:
            seq = tuple(words[i : i + n])
            if seq in by_seq:
                found.setdefault(seq, []).append(i)
    chosen = {r for seq in found for r in lex.quality_of.get(seq, ())}
    if not chosen:
        return []
    hits: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for seq, starts in found.items():
        for r, role in lex.roles[seq]:
            if r in chosen:
                hits.setdefault((r, role), []).extend((i, i + len(seq)) for i in starts)
    out: list[Read] = []
    clauses: dict[int, tuple[int, int]] = {}
    for (r, role), qualities in hits.items():
        if role != "quality":
            continue
        rule = lex.rules[r]
        sites = hits.get((r, "site"), [])
        needs = hits.get((r, "need"), [])
        if (rule.sites and not sites) or (rule.needs and not needs):
            continue  # the common case: a quality word with no site or need in the text
        sites = [
            h for h in sites if not _vetoed(words, h, rule.site_veto_prev, rule.site_veto_next)
        ]
        for q in qualities:
            if _vetoed(words, q, rule.veto_prev, rule.veto_next):
                continue
            clause = clauses.get(q[0]) or clauses.setdefault(q[0], _clause(words, q[0]))
            if any(clause[0] <= s and e <= clause[1] for s, e in hits.get((r, "veto"), [])):
                continue
            site = _near(sites, q, clause, rule.gap) if rule.sites else None
            if rule.sites and site is None:
                continue
            start, end = q
            if rule.needs:
                need = _near(needs, q, clause, rule.gap, None if rule.across_commas else words)
                if need is None:
                    continue
                gap = words[min(need[1], q[1]) : max(need[0], q[0])]
                if NEGATIONS & set(gap):
                    continue  # "stretching doesn't help": a denial inside the read words
                if rule.span != "quality":
                    start, end = min(start, need[0]), max(end, need[1])
            if rule.span == "with_site" and site is not None:
                between = words[min(site[1], q[1]) : max(site[0], q[0])]
                if not (NEGATIONS | HEDGES) & set(between):  # else a cue must reach the quality
                    start, end = min(start, site[0]), max(end, site[1])
            out.append(Read(start, end, rule.finding, rule.reads, rule.swallows, q))
    return out


def _vetoed(
    words: list[str], q: tuple[int, int], prev: frozenset[str], after: tuple[Seq, ...]
) -> bool:
    """Whether the word before the hit `q` or the words after it give it another meaning."""
    if q[0] > 0 and words[q[0] - 1] in prev:
        return True
    return any(tuple(words[q[1] : q[1] + len(seq)]) == seq for seq in after)


@functools.lru_cache(maxsize=4096)
def _ids(key: str, label: str) -> frozenset[str]:
    """The finding ids (and "_ignore") a phrase span's match key and label name."""
    return frozenset(re.split(r"[|+@]", key)) | {label}


@functools.cache
def register() -> str:
    """Register the component that adds the composed reads to the phrase span group."""
    from spacy.language import Language
    from spacy.tokens import Span

    from legwise.intake.phrase_pipeline import SPANS
    from legwise.intake.synonyms import IGNORE

    @Language.component(NAME)
    def add_composed(doc: Any) -> Any:
        lex = _LEXICONS.get(id(doc.vocab))
        if lex is None:
            return doc
        words = doc.user_data.get(WORDS) or [t.lower_ for t in doc]  # respell's, when it ran
        found = composed(words, lex)
        if not found:
            return doc
        spans = list(doc.spans[SPANS]) if SPANS in doc.spans else []
        said = [(sp.start, sp.end, _ids(sp.kb_id_, sp.label_)) for sp in spans]
        for read in found:
            for start, end in dict.fromkeys([(read.start, read.end), read.quality]):
                if not any(
                    (a <= start and end <= b and (read.finding in ids or IGNORE in ids))
                    or (start <= a and b <= end and not read.swallows)
                    for a, b, ids in said
                ):
                    key = f"{KEY}{read.reads}:{read.finding}"
                    spans.append(Span(doc, start, end, label=read.finding, kb_id=key))
                    break  # else: a phrase says it already, or the read would hide one
        doc.spans[SPANS] = spans
        return doc

    return NAME


def _knowledge_words() -> set[str]:
    """Every word written anywhere in the knowledge YAML (questions, advice, explanations): real
    words, never read as typos."""
    import re

    words: set[str] = set()
    root = resources.files("legwise").joinpath("knowledge")
    stack = [root]
    while stack:
        for item in stack.pop().iterdir():
            if item.is_dir():
                stack.append(item)
            elif item.name.endswith(".yaml") and item.name != "compose_lay.yaml":
                words.update(re.findall(r"[a-z]+", item.read_text(encoding="utf-8").lower()))
    return words


def attach(nlp: Language, kb: Knowledge, phrases: Iterable[str], labels: dict[str, Any]) -> None:
    """Build the lexicon for `nlp` and add the component (call it after the phrase matcher and
    before `keep_longest`: a composed read inside a longer phrase is left out, as a shorter
    phrase is; the phrase lists decide what "hot, swollen knee" means).

    `phrases`: the phrase lists' phrases, whose words are never read as typos; `labels`: the
    phrase pipeline's match key -> (label, targets), given the composed keys. A lexicon
    finding that `kb` does not hold as a yes/no finding is left out (a test or reduced knowledge
    base); tests/intake/test_compose.py checks that the shipped one holds them all."""
    from legwise.intake.phrase_pipeline import _Target

    known = {w for p in phrases for w in p.split()} | _knowledge_words()
    lex = build(nlp, known, {f.id for f in kb.findings.values() if f.type == "state"})
    for rule in lex.rules:
        kind = "absent" if rule.reads == "absent" else "phrase"
        labels[f"{KEY}{rule.reads}:{rule.finding}"] = (rule.finding, [_Target(rule.finding, kind)])
    nlp.add_pipe(register())
