"""Subject-verb agreement read as standard English (`knowledge/intake/grammar_lay.yaml`).

Non-native and telegraphic writers often drop the third-person -s: "the muscle go hard", "it
wake him at night", "her knee have blown up". The phrase lists, the composition lexicon and
the sentence rules hold the standard forms ("goes hard", "wakes him", "knee has blown up"), so
such a text lost its finding (round-11 invariance probe: 24 of 185 dev texts read differently
with the -s of common verbs dropped). `legwise.intake.surface` rewrites a bare verb of the
reviewed list, right after a singular subject (at most one adverb between: "it always wake
me"), as its -s form before anything is read. A causative, modal or question word just before
the subject keeps the bare verb ("make it go away", "does it go away", "let the leg hang").
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml

LOOK_BACK = 3  # words before the subject searched for a blocker ("make the calf muscle go")
_WORDS = re.compile(r"[a-z']+")
COORDINATORS = frozenset({"and", "or", "nor", "&"})
PRONOUNS = frozenset({"he", "she", "it", "this"})
_CLAUSE = re.compile(r"[.,;:!?()\n]")


@functools.cache
def _grammar() -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    path = resources.files("legwise").joinpath("knowledge", "intake", "grammar_lay.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    verbs: dict[str, str] = {}
    for item in data["verbs"]:
        if isinstance(item, dict):
            verbs.update({str(k): str(v) for k, v in item.items()})
        else:
            base = str(item)
            verbs[base] = base + ("es" if base.endswith(("s", "sh", "ch", "x", "o")) else "s")
    subjects, skip, blockers = (
        frozenset(map(str, data[k])) for k in ("subjects", "skip", "blockers")
    )
    return subjects, skip, blockers, verbs


def _alternatives(words: frozenset[str] | dict[str, str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@functools.cache
def agree_piece() -> str:
    """The regex piece for `surface`: a subject (a listed word, or a word in -ing: "stretching
    help", "nothing help"), an optional relative ("thigh bone that wake him"), an optional
    adverb, the bare verb."""
    subjects, skip, _, verbs = _grammar()
    return (
        rf"\b(?P<agree>(?P<subj>(?:{_alternatives(subjects)}|(?!during\b)[a-z]{{2,}}ing)"
        rf"(?:\s+(?:that|which|who))?\s+(?:(?:{_alternatives(skip)})\s+)?)"
        rf"(?P<verb>{_alternatives(verbs)})\b(?!'))"
    )


@functools.cache
def _leads() -> frozenset[str]:
    """The words that can stand right before the verb of a match of `agree_piece`: a subject, a
    relative or an adverb (each a single word)."""
    subjects, skip, _, _ = _grammar()
    return subjects | skip | {"that", "which", "who"}


_LEAD_WORD = re.compile(r"[a-z]+$")  # the letters that end a word written before a verb
_VERB_WORD = re.compile(r"[a-z]+")  # the letters that open the word of the verb


def may_agree(low: str) -> bool:
    """Whether `agree_piece` may match in the lower-cased ASCII text `low`: only where a bare
    verb of the list opens a word (after blanks) and the word before it (blanks between) ends
    in a subject, a relative, an adverb or a word in -ing. Every match has that shape, so a text
    without one has no match (the pattern tries each of its many subjects at every word)."""
    verbs, leads = _grammar()[3], _leads()
    words = low.split()
    for k in range(1, len(words)):
        verb = _VERB_WORD.match(words[k])
        if verb is None or verb.group() not in verbs:
            continue
        lead = _LEAD_WORD.search(words[k - 1])
        if lead is not None and (
            lead.group() in leads or (len(lead.group()) >= 5 and lead.group().endswith("ing"))
        ):
            return True
    return False


def agree_words() -> frozenset[str]:
    """The bare verbs: a text needs the rewrite only if it has one."""
    return frozenset(_grammar()[3])


def agreed(m: re.Match[str]) -> str:
    """The match with its verb in the -s form, or as written after a blocker."""
    _, _, blockers, verbs = _grammar()
    clause = _CLAUSE.split(m.string[max(0, m.start() - 40) : m.start()])[-1]
    before = _WORDS.findall(clause.lower())[-LOOK_BACK:]
    if any(w in blockers or w.endswith("n't") for w in before):
        return m.group()
    # "coughing and sneezing make it worse", "the pain and swelling get worse": two subjects
    if before and before[-1] in COORDINATORS and m.group("subj").split()[0].lower() not in PRONOUNS:
        return m.group()
    verb = m.group("verb")
    new = verbs[verb.lower()]
    return m.group("subj") + (new.upper() if verb.isupper() else new)


def agreed_phrase(phrase: str) -> str | None:
    """A phrase list's phrase with the -s form wherever a text's words would get it (its first
    word a bare verb of the list: "become without feeling"; or a bare verb after a subject),
    so that a phrase written in the bare form still matches the rewritten text; else None."""
    subjects, _, _, verbs = _grammar()
    words = phrase.split()
    new = [
        verbs[w] if w in verbs and (i == 0 or words[i - 1] in subjects) else w
        for i, w in enumerate(words)
    ]
    return " ".join(new) if new != words else None
