"""Typos and texting shorthand read as the words meant, one token for one token, before any
phrase is matched: every phrase list and the composition lexicon then see "swollen" in "swolen"
and "and" in "n". A word that no phrase or lexicon knows is corrected to the one lexicon word
one edit away (a letter dropped or added, or two swapped) that starts with the same letter and
is no other form of the same stem; shorthand comes from `knowledge/intake/compose_lay.yaml`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from legwise.intake.compose_lexicon import _LEXICONS, MAX_CACHED, WORDS, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc


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


def respell(
    doc: Doc, tokens: Sequence[tuple[Any, ...]] | None = None
) -> tuple[Doc, list[tuple[int, int]] | None]:
    """`doc` with typos and texting shorthand read as the words meant (one token each), and
    each token's (start, end) in the original text; the same doc and None when nothing
    changed (the common case). `tokens`: each token's (lower_, text, ...) when the caller has
    them already (a pass over a spaCy Doc costs more than the rest of this)."""
    lex = _LEXICONS.get(id(doc.vocab))
    if lex is None:
        return doc, None
    if tokens is None:
        tokens = [(t.lower_, t.text) for t in doc]
    words = [t[0] for t in tokens]
    written = [t[1] for t in tokens]  # unchanged words keep their case ("R calf")
    texting, keep, cache, shortest = lex.texting, lex.keep, lex.corrections, lex.min_length
    changed = False
    for i, w in enumerate(words):
        if w in keep and w not in texting:
            continue  # a known word (most of them): nothing below would change it
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
