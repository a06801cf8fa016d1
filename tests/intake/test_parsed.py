"""The plain-data reading of a text (`legwise.intake.parsed`) against the libraries it stands
in for: spaCy's rule sentencizer and medspaCy's ConText component, run on the same tokens,
phrases and rules over every development text. Any difference in sentences, cues, scopes or
which phrases a cue modifies fails here, before it can change what the intake reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from legwise.intake.parsed import Cue, Phrase, _pruned, apply_context, keep_longest
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
    cued = 0
    for text in texts:
        parsed = phrases.read(text)
        doc = phrases.nlp(parsed.text)  # respelled text; the blank model, spaCy's sentencizer
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
    from medspacy.common.util import prune_overlapping_matches

    assert _pruned(list(matches), prune_overlapping_matches) == prune_overlapping_matches(
        list(matches)
    )
