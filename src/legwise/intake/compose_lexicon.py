"""The composition lexicon (`knowledge/intake/compose_lay.yaml`) built for one pipeline: the
rules (site, quality, need and veto word sequences per finding, quality verbs in every
inflection), the words a typo may be corrected to and the texting shorthand. Used by
`legwise.intake.compose` (the reads) and `legwise.intake.respell` (typos and shorthand).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from legwise.errors import KnowledgeError
from legwise.intake.synonyms import expand

if TYPE_CHECKING:
    from spacy.language import Language

Seq = tuple[str, ...]
MAX_CACHED = 50_000  # words whose correction is remembered (a bound on memory)
WORDS = "legwise_words"  # Doc.user_data key: the lower-cased (respelled) words
VOWELS = frozenset("aeiou")
# the shortest phrase-list word a typo is corrected to; real words (`_real_words`) and names
# inside a sentence are never corrected, so "stain" is no "strain" and "Spain" no "spin"
TARGET_LENGTH = 5


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
    joins: bool = True  # "and"/"," before a new subject end the clause (False: only stops do)
    # veto_next and site_veto_next as (length, the sequences of that length): one set test per
    # length instead of one slice and compare per sequence (`compose._vetoed`); made from them
    veto_next_sets: tuple[tuple[int, frozenset[Seq]], ...] = ()
    site_veto_next_sets: tuple[tuple[int, frozenset[Seq]], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "veto_next_sets", by_length(self.veto_next))
        object.__setattr__(self, "site_veto_next_sets", by_length(self.site_veto_next))


def by_length(seqs: Iterable[Seq]) -> tuple[tuple[int, frozenset[Seq]], ...]:
    """Word sequences grouped by their length, shortest first: a text's words at one place
    match one of them iff that many words there form one of that length's set."""
    out: dict[int, set[Seq]] = {}
    for seq in seqs:
        out.setdefault(len(seq), set()).add(seq)
    return tuple((n, frozenset(out[n])) for n in sorted(out))


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
    # sets of rules are bit masks (bit i: rule i; one int operation each, hS11): a quality
    # sequence -> the rules it is a quality of
    quality_of: dict[Seq, int]
    # a sequence -> (the rules it is a site of, the rules it is a need of)
    site_need_of: dict[Seq, tuple[int, int]]
    roles: dict[Seq, list[tuple[int, str]]]  # a sequence -> (rule, role) pairs
    vocab: frozenset[str]  # single lexicon words a typo may be corrected to
    texting: dict[str, str]
    unless_site_next: frozenset[str]
    site_words: frozenset[str]
    min_length: int
    keep: frozenset[str]
    corrections: dict[str, str | None]  # word -> its correction, as texts are read
    # the sequences as a word tree for the one pass over a text's words (`_trie`)
    trie: dict[str, Node] = field(default_factory=dict)
    with_sites: int = 0  # the rules that have sites (a mask)
    with_needs: int = 0  # the rules that have needs (a mask)
    # how often each target word is written in the phrase lists and cue rules: between two
    # words one edit from a typo, the far commoner one is meant ("ptting": pitting, not putting)
    weights: dict[str, int] = field(default_factory=dict)
    # a sequence -> rule -> its roles there, in `roles`' order (`_hits` visits a text's chosen
    # rules only: "not" is in 77 rules, a text chooses a few)
    rule_roles: dict[Seq, dict[int, tuple[str, ...]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.rule_roles:  # (a dict: filled in place, the dataclass is frozen)
            self.rule_roles.update({seq: _by_rule(pairs) for seq, pairs in self.roles.items()})


@functools.cache
def _data() -> dict[str, Any]:
    """`knowledge/intake/compose_lay.yaml`, read once (the lexicon and the composed findings of
    `legwise.intake.compose_findings` both use it; neither changes it)."""
    path = resources.files("legwise").joinpath("knowledge", "intake", "compose_lay.yaml")
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    named = re.findall(r"^  ([a-z_]+):\s*$", text, flags=re.M)
    twice = sorted({n for n in named if named.count(n) > 1})
    if twice:  # YAML would keep only the last list: a finding's rules go in one list
        raise KnowledgeError([f"intake compose_lay.yaml: {', '.join(twice)} named twice"])
    return data


SeqsAt = dict[str, dict[int, dict[Seq, list[tuple[int, str]]]]]  # first word -> length -> ...


def _roles(seqs_at: SeqsAt) -> dict[Seq, list[tuple[int, str]]]:
    """Each sequence -> its (rule, role) pairs."""
    return {
        seq: pairs
        for by_len in seqs_at.values()
        for d in by_len.values()
        for seq, pairs in d.items()
    }


# A word tree node: (the sequence that ends here or None, its quality, site and need rule
# masks, the mask of every rule it is in, the next word -> node); a text's pass walks on from a
# word only while a sequence goes on
Node = tuple[Seq | None, int, int, int, int, dict[str, Any]]


def _trie(
    roles: dict[Seq, list[tuple[int, str]]],
    quality_of: dict[Seq, int],
    site_need_of: dict[Seq, tuple[int, int]],
) -> dict[str, Node]:
    """First word -> the node of the word tree of every lexicon sequence (hS11: one walk per
    word instead of one slice per sequence length; "from" starts sequences of 9 lengths)."""
    root: dict[str, list[Any]] = {}
    for seq, pairs in roles.items():
        level, node = root, None
        for w in seq:
            node = level.setdefault(w, [None, 0, 0, 0, 0, {}])
            level = node[5]
        assert node is not None  # a sequence has a word
        sites, needs = site_need_of.get(seq, (0, 0))
        node[:5] = [seq, quality_of.get(seq, 0), sites, needs, _mask(r for r, _ in pairs)]

    def frozen(level: dict[str, list[Any]]) -> dict[str, Node]:
        return {w: (n[0], n[1], n[2], n[3], n[4], frozen(n[5])) for w, n in level.items()}

    return frozen(root)


def _by_rule(pairs: list[tuple[int, str]]) -> dict[int, tuple[str, ...]]:
    """A sequence's (rule, role) pairs as rule -> its roles, in the pairs' order."""
    out: dict[int, list[str]] = {}
    for r, role in pairs:
        out.setdefault(r, []).append(role)
    return {r: tuple(roles) for r, roles in out.items()}


def _mask(rules: Iterable[int]) -> int:
    """A set of rule indexes as a bit mask (bit i set: rule i is in it)."""
    out = 0
    for r in rules:
        out |= 1 << r
    return out


def _site_need_of(roles: dict[Seq, list[tuple[int, str]]]) -> dict[Seq, tuple[int, int]]:
    """Per sequence, the rules it is a site of and the rules it is a need of (masks): `composed`
    gathers hits only for rules whose sites and needs are all in the text."""
    of: dict[Seq, tuple[set[int], set[int]]] = {}
    for seq, pairs in roles.items():
        for r, role in pairs:
            if role in ("site", "need"):
                of.setdefault(seq, (set(), set()))[role == "need"].add(r)
    return {k: (_mask(a), _mask(b)) for k, (a, b) in of.items()}


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


def build(nlp: Language, known: Iterable[str], findings: set[str] | None = None,
          targets: Mapping[str, int] | None = None) -> Lexicon:  # fmt: skip
    """The lexicon for one pipeline: `known` words are never typos; only rules for `findings`
    (default: all) are kept. A typo is corrected to a lexicon word or to one of `targets` (the
    phrase lists' words, with how often each is written: that settles a two-way tie)."""
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
                    joins=bool(item.get("joins", True)),
                )
            )
    seqs_at: SeqsAt = {}
    vocab: set[str] = set()
    site_words: set[str] = set()
    quality_of: dict[Seq, list[int]] = {}  # a quality sequence -> the rules it is a quality of
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
                if role == "quality":
                    quality_of.setdefault(seq, []).append(i)
    vocab.update(w for w in targets or {} if len(w) >= TARGET_LENGTH and w.isalpha())
    typos = data.get("typos") or {}
    texting = {str(k).lower(): str(v).lower() for k, v in (data.get("texting") or {}).items()}
    keep = {str(w).lower() for w in typos.get("keep", [])} | _real_words()
    roles = _roles(seqs_at)
    quality, site_need = {k: _mask(v) for k, v in quality_of.items()}, _site_need_of(roles)
    lex = Lexicon(
        rules=tuple(rules),
        quality_of=quality,
        site_need_of=site_need,
        roles=roles,
        with_sites=_mask(i for i, rule in enumerate(rules) if rule.sites),
        with_needs=_mask(i for i, rule in enumerate(rules) if rule.needs),
        vocab=frozenset(vocab),
        texting=texting,
        unless_site_next=frozenset(str(w) for w in typos.get("unless_site_next", [])),
        site_words=frozenset(site_words),
        min_length=int(typos.get("min_length", 5)),
        keep=frozenset(keep | set(known) | vocab | set(texting.values())),
        corrections={},
        trie=_trie(roles, quality, site_need),
        weights=dict(targets or {}),
    )
    _LEXICONS[id(nlp.vocab)] = lex
    return lex


@functools.cache
def _real_words() -> frozenset[str]:
    """English words that are never typos (`knowledge/intake/real_words.yaml`, generated from
    the CMU Pronouncing Dictionary by bench/real_words.py): "stain" stays a stain."""
    path = resources.files("legwise").joinpath("knowledge", "intake", "real_words.yaml")
    if not path.is_file():
        return frozenset()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return frozenset(str(w).lower() for w in data.get("words", []))


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
