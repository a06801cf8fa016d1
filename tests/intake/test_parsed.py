"""The plain-data reading of a text (`legwise.intake.parsed`) against the libraries it stands
in for: spaCy's rule sentencizer and medspaCy's ConText component, run on the same tokens,
phrases and rules over every development text. Any difference in sentences, cues, scopes or
which phrases a cue modifies fails here, before it can change what the intake reads."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from legwise.intake.parsed import Cue, Phrase, _acts, _pruned, apply_context, keep_longest
from legwise.intake.phrase_pipeline import reader
from legwise.intake.sections import mask_headers
from legwise.kb.loader import Knowledge

HERE = Path(__file__).parent
GROUP = "reference"


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def development_texts() -> list[str]:
    """Every text in tests/intake/*.yaml (not the held-out folders), also lower-cased and
    with its sentences on separate lines, as the intake reads them (headers masked)."""
    out: list[str] = []
    for path in sorted(HERE.glob("*.yaml")):
        for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            out += [text, text.lower(), text.replace(". ", ".\n")]
    return [mask_headers(t) for t in dict.fromkeys(out)]


@pytest.fixture(scope="module")
def medspacy_context(kb: Knowledge) -> Any:
    from medspacy.context import ConText

    nlp = reader(kb).nlp
    context = ConText(
        nlp, name="reference_context", rules=None, input_span_type="group", span_group_name=GROUP
    )
    context.add(reader(kb).context_rules)
    return context


def test_sentences_cues_and_scopes_are_medspacys(kb: Knowledge, medspacy_context: Any) -> None:
    phrases = reader(kb)
    texts = development_texts()
    assert len(texts) > 1000
    cued = same_words = 0
    for text in texts:
        parsed = phrases.read(text)
        doc = phrases.nlp(parsed.text)  # respelled text; the blank model, spaCy's sentencizer
        found = {
            (s, e, _acts(phrases.rules[k])) for m in phrases.cue_matchers for k, s, e in m(doc)
        }
        if len({(s, e) for s, e, _ in found}) < len(found):  # settled our way (round 21)
            same_words += 1
            continue
        assert [t.is_sent_start for t in doc] == [
            parsed.sent_start[i] == i for i in range(len(parsed))
        ], text
        from spacy.tokens import Span

        doc.spans[GROUP] = [Span(doc, p.start, p.end, label=p.label) for p in parsed.phrases]
        medspacy_context(doc)
        theirs = doc._.context_graph.modifiers
        assert [(m.modifier_span, m.category, m.scope_span) for m in theirs] == [
            ((c.start, c.end), c.category, (c.scope_start, c.scope_end)) for c in parsed.cues
        ], text
        where = {id(m): i for i, m in enumerate(theirs)}
        for span, phrase in zip(doc.spans[GROUP], parsed.phrases, strict=True):
            assert [where[id(m)] for m in span._.modifiers] == [
                parsed.cues.index(c) for c in phrase.cues
            ], (text, phrase.label)
            cued += bool(phrase.cues)
    assert cued > 500  # the texts do exercise the cues
    assert same_words < len(texts) // 4  # most texts are still compared with medspaCy


class _Rule:
    """A ConText rule with only what scopes need."""

    def __init__(self, category: str, direction: str, max_targets: int | None = None) -> None:
        self.category, self.direction, self.max_targets = category, direction, max_targets
        self.max_scope = None
        self.allowed_types = self.excluded_types = None
        self.terminated_by: set[str] = set()


def test_a_terminating_cue_ends_the_scope_and_max_targets_keeps_the_closest() -> None:
    # "no fever but calf swelling and redness": tokens 0..6, one sentence
    rules = {1: _Rule("NEGATED_EXISTENCE", "FORWARD", max_targets=1), 2: _Rule("X", "TERMINATE")}
    phrases = [Phrase(1, 2, "fever", "k"), Phrase(4, 5, "swelling", "k")]
    first, after = [0] * 7, [7] * 7
    cues = apply_context([(1, 0, 1), (2, 2, 3)], rules, phrases, first, after)
    assert (cues[0].scope_start, cues[0].scope_end) == (1, 2)
    assert [p.label for p in cues[0].targets] == ["fever"]
    assert phrases[0].cues == (cues[0],) and phrases[1].cues == ()
    wide = [Phrase(1, 2, "fever", "k"), Phrase(3, 4, "chills", "k")]
    (cue,) = apply_context([(1, 0, 1)], rules, wide, first, after)
    assert [p.label for p in cue.targets] == ["fever"]  # max_targets 1: the closest
    assert isinstance(cue, Cue)


def test_keep_longest_drops_phrases_inside_a_longer_one_only() -> None:
    kept = keep_longest([(1, 2, "a", "k"), (0, 3, "b", "k"), (2, 4, "c", "k"), (0, 3, "b", "j")])
    assert [(p.start, p.end, p.label) for p in kept] == [(0, 3, "b"), (2, 4, "c")]


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 12), st.integers(1, 4)).map(
            lambda t: (t[0], t[1], t[1] + t[2])
        ),
        max_size=8,
    )
)
def test_pruning_cues_is_medspacys(matches: list[tuple[int, int, int]]) -> None:
    """On cues found on different words the pruning is medspaCy's own."""
    from medspacy.common.util import prune_overlapping_matches

    apart = list({(s, e): (k, s, e) for k, s, e in matches}.values())  # one cue per words
    rules = {k: SimpleNamespace(category="NEGATED_EXISTENCE") for k in range(4)}
    assert _pruned(list(apart), prune_overlapping_matches, rules) == prune_overlapping_matches(
        list(apart)
    )


def test_cues_on_the_same_words_keep_one_category_and_both_directions() -> None:
    """Words listed in two categories count as the first in SAME_WORDS_FIRST, whatever order
    the matchers give them in; a word listed once per direction keeps both."""
    from medspacy.common.util import prune_overlapping_matches as prune

    rules = {
        1: SimpleNamespace(category="RELIEF"),
        2: SimpleNamespace(category="NEGATED_EXISTENCE"),
        3: SimpleNamespace(category="RESOLVED", direction="BACKWARD"),
        4: SimpleNamespace(category="RESOLVED", direction="FORWARD"),
    }
    assert _pruned([(2, 0, 1), (1, 0, 1)], prune, rules) == [(1, 0, 1)]
    assert _pruned([(1, 0, 1), (2, 0, 1)], prune, rules) == [(1, 0, 1)]
    kept = _pruned([(2, 2, 3), (3, 2, 3), (4, 2, 3), (1, 1, 4)], prune, rules)
    assert kept == [(1, 1, 4)]  # a longer cue over them still wins
    assert sorted(_pruned([(2, 2, 3), (4, 2, 3), (3, 2, 3)], prune, rules)) == [
        (3, 2, 3),
        (4, 2, 3),
    ]


def test_a_held_blood_thinner_is_not_taken_whichever_side_held_is_on() -> None:
    """ "held" is listed to look back ("apixaban held") and forward ("held apixaban"); before
    round 21 only one of the two counted, chosen by the hash of its match key."""
    from legwise.intake.text import extract

    for text in ("Apixaban held for surgery.", "Held apixaban for surgery."):
        assert extract(text).findings.get("on_anticoagulant") == "absent", text
