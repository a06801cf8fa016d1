"""The phrase reading's faster pieces of round 23 give what the ones they replace gave.

Each exists only for speed (issue 12): the token columns from one `Doc.to_array` call, the
sentences found by visiting only the end marks, and medspaCy's cue pruning as an index loop.
Each is held to the plain form it replaced (kept here as the reference) on texts and matches
built from the signs and words that decide them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake.parsed import prune_longest, sentence_bounds
from legwise.intake.phrase_pipeline import _token_rows, reader
from legwise.intake.respell import respell
from legwise.kb.loader import load_knowledge

PIECES = ["calf", "Calf", "CALF", "swollen", "I", "I've", "don't", "can't", "n", "r", "achin",
          "u", "ur", "pain", "at", "night", "Dr.", "e.g.", "tender.no", "no", "3cm", "2/52",
          "(", ")", "?", "!", "...", ".", ",", ";", ":", "-", "--", "'", '"', "\u2019", "\u00e9",
          "\u2022", " ", "  ", "\n", "\n\n", "\t", " \n ", "x", "ok!?", "nope.", "wtf", "calfs",
          "\u3002", "\u0964"]  # fmt: skip
ENDS = [".", "!", "?", "...", "\u3002", "\u0964", "?!"]


def _sentences_reference(
    orth: Sequence[str], punct: Sequence[bool], ends: Collection[str]
) -> tuple[list[int], list[int]]:
    """spaCy's `Sentencizer.predict` token by token, then each token's sentence bounds: the
    code `parsed.sentence_bounds` replaced."""
    n = len(orth)
    starts = [False] * n
    if n:
        start, seen_period = 0, False
        starts[0] = True
        for i, text in enumerate(orth):
            in_ends = text in ends
            if seen_period and not punct[i] and not in_ends:
                starts[start] = True
                start, seen_period = i, False
            elif in_ends:
                seen_period = True
        starts[start] = True
    first, after = [0] * n, [n] * n
    s = 0
    for i in range(n):
        if starts[i]:
            s = i
        first[i] = s
    e = n
    for i in range(n - 1, -1, -1):
        after[i] = e
        if starts[i]:
            e = i
    return first, after


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "calf", ",", "(", ")", "-", *ENDS]), st.booleans()),
        max_size=30,
    )
)
def test_sentence_bounds_are_the_token_walk(tokens: list[tuple[str, bool]]) -> None:
    orth = [t for t, _ in tokens]
    punct = [p for _, p in tokens]  # punctuation flags free of the words: every mix is tried
    ends = frozenset(ENDS)
    assert sentence_bounds(orth, punct, ends) == _sentences_reference(orth, punct, ends)


def _prune_reference(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    from medspacy.common.util import prune_overlapping_matches

    pruned: list[tuple[int, int, int]] = prune_overlapping_matches(list(matches))
    return pruned


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 10), st.integers(1, 4)).map(
            lambda t: (t[0], t[1], t[1] + t[2])
        ),
        max_size=10,
    )
)
def test_pruning_is_medspacys_match_for_match(matches: list[tuple[int, int, int]]) -> None:
    """Overlapping, nested, repeated and same-length matches alike."""
    assert prune_longest(list(matches)) == _prune_reference(matches)


_READER: list[Any] = []


def _reader() -> Any:
    if not _READER:
        _READER.append(reader(load_knowledge()))
    return _READER[0]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.booleans())
def test_token_columns_are_the_tokens_own(text: str, fresh: bool) -> None:
    """Each token's lower_, text, idx, is_space and is_punct, with rows made as words come or
    already kept; and respell given those columns does what it does reading the doc."""
    phrases = _reader()
    doc = phrases.nlp.make_doc(text)
    rows: dict[int, Any] = {} if fresh else phrases.word_rows
    lower, orth, idx, space, punct = _token_rows(doc, rows)
    assert lower == [t.lower_ for t in doc]
    assert orth == [t.text for t in doc]
    assert idx == [t.idx for t in doc]
    assert space == [t.is_space for t in doc]
    assert punct == [t.is_punct for t in doc]
    new, where = respell(phrases.nlp.make_doc(text), lower, orth)
    old, where_old = respell(phrases.nlp.make_doc(text))
    assert where == where_old
    assert [t.text for t in new] == [t.text for t in old]
    assert [t.whitespace_ for t in new] == [t.whitespace_ for t in old]
    assert new.user_data == old.user_data


def _vetoed_reference(words: list[str], q: tuple[int, int], prev: Any, after: Any) -> bool:
    """`compose._vetoed` as it was: one slice and compare per veto sequence."""
    if q[0] > 0 and words[q[0] - 1] in prev:
        return True
    end = q[1]
    return any(tuple(words[end : end + len(seq)]) == seq for seq in after)


def _veto_words() -> list[str]:
    lex = _reader().lexicon
    return sorted({w for r in lex.rules for seq in (*r.veto_next, *r.site_veto_next) for w in seq})


@settings(max_examples=800, deadline=None)
@given(st.data())
def test_veto_sets_veto_what_the_sequences_veto(data: st.DataObject) -> None:
    """Every rule's veto_next and site_veto_next, on words drawn from those sequences."""
    from legwise.intake.compose import _vetoed

    lex = _reader().lexicon
    vocab = _veto_words()
    words = data.draw(st.lists(st.sampled_from([*vocab[:400], "calf", "hot"]), max_size=8))
    words = ["hot", *words]
    for rule in lex.rules:
        for prev, seqs, sets in (
            (rule.veto_prev, rule.veto_next, rule.veto_next_sets),
            (rule.site_veto_prev, rule.site_veto_next, rule.site_veto_next_sets),
        ):
            if seqs:  # the veto sequence itself, then the drawn words, right after the hit
                seq = data.draw(st.sampled_from(seqs))
                for text in (["hot", *seq], ["hot", *seq[:-1]], words):
                    q = (0, 1)
                    assert _vetoed(text, q, prev, sets) == _vetoed_reference(text, q, prev, seqs)
