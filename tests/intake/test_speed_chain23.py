"""The cheap checks of round 23 (issue 12, speed) in the readers after the phrase lists never hide a
reading.

Two kinds of check: a pattern searched in the lower-cased text (`folded`) or over the whole text
before its sentences (a match inside a sentence is one in the text too: a sentence is bounded by
signs that are no word's), and a reader that returns its items at once when none of them is of
a finding it acts on, or works out its scopes only for a reading that needs them. Texts are
built from the patterns' own words and signs, and items from the findings the readers act on,
so that matches and readings are common and every check is put to the test.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import agreement, exam_states, qualifiers, sections, weakness_course
from legwise.intake.result import Extracted

SIGNS = ["", " ", "  ", "\t", ".", ",", ";", "!", "?", "\n", "-", "'", "2", "12", "\u00e9",
         "\u212a", "\u017f", "I", "."]  # fmt: skip
WORDS = ["yesterday", "Yday", "last night", "LAST  NIGHT", "overnight", "this morning",
         "earlier today", "over the past 2 hours", "in the last few days", "a couple of days ago",
         "3 hrs ago", "since 6 am", "since yesterday", "today", "now", "weak", "cannot lift",
         "normal", "Intact", "symmetrical", "FULL", "equal", "the pain", "it", "hurts", "is",
         "worse", "more severe", "out of keeping", "than", "with", "the injury", "would",
         "explain", "suggests", "expected", "accounts for", "pain", "no", "not", "years ago",
         "had", "was", "broke", "my ankle", "fall", "knock", "at night", "when resting",
         "spreading", "red", "swollen", "calf", "walking", "rest", "sudden", "numb"]  # fmt: skip


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS + SIGNS + [" "] * 6), min_size=1, max_size=30).map(
        "".join
    )


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[object, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(_texts())
def test_folded_patterns_find_what_they_found(text: str) -> None:
    """The patterns now searched in the lower-cased text find the matches they found before."""
    for pattern, plain in (
        (exam_states.NORMAL_WORD, re.compile(exam_states.NORMAL_WORD.pattern, re.I)),
        (exam_states.BEYOND, re.compile(exam_states.BEYOND.pattern, re.I)),
        (weakness_course.EARLIER_IN_TEXT, weakness_course.EARLIER),
    ):
        assert _spans(pattern, text) == _spans(plain, text)
        found = pattern.search(text)
        first = plain.search(text)
        assert (found and found.span()) == (first and first.span())


@settings(max_examples=1500, deadline=None)
@given(_texts())
def test_earlier_in_a_sentence_is_in_the_text(text: str) -> None:
    """`worsening_weakness` skips its sentences when the text holds no earlier moment: every
    sentence's earlier moment is one the whole text holds."""
    if any(
        weakness_course.EARLIER.search(s.group(0)) for s in weakness_course.SENTENCE.finditer(text)
    ):
        assert weakness_course.EARLIER_IN_TEXT.search(text) is not None


RULES = ["phrase 'x'", "history phrase 'x'", "family phrase 'x'", "duration 3 days", "wells x"]


def _eager(text: str, items: list[Extracted]) -> list[Extracted]:
    """`drop_unqualified` as it was (round 22): every scope worked out before the readings."""
    table = qualifiers.qualifiers()
    if not any(i.finding in table for i in items):
        return items
    lower = text.lower()
    now, past = lower, sections.remote_spans(text)
    for a, b in past:
        now = now[:a] + " " * (b - a) + now[b:]
    unsaid = now
    for a, b in (m.span(1) for m in qualifiers.DENIED.finditer(lower)):
        unsaid = unsaid[:a] + " " * (b - a) + unsaid[b:]
    read = {i.finding for i in items if i.value == "present"
            and not any(a <= i.start < b for a, b in past)}  # fmt: skip
    out: list[Extracted] = []
    for i in items:
        q = table.get(i.finding)
        phrase = i.rule.startswith(qualifiers.PHRASE_RULES)
        applies = q is not None and str(i.value) in q.values and phrase
        applies = applies and q is not None and not (q.needs_read & read)
        scope = unsaid if q is not None and q.denied_unsaid else now
        why = qualifiers._qualified(q, i, lower, scope) if q is not None and applies else None
        if q is None or why is None:
            out.append(i)
            continue
        words = set(qualifiers.WORD.findall(i.text.lower()))
        instead = () if why == "clause" else q.instead
        if why == "unless" and q.unless_instead:
            bare = replace(q, unless=None, unless_next=frozenset(), unless_prev=frozenset())
            ok = q.needs is None or qualifiers._qualified(bare, i, lower, scope) is None
            instead = q.unless_instead if ok else ()
        other = next((f for key, f in instead if key in words), None)
        if other is not None:
            out.append(replace(i, finding=other, rule=f"{i.rule} (one part of {q.finding})"))
    return out


@st.composite
def _reading(draw: st.DrawFn) -> tuple[str, list[Extracted]]:
    text = draw(_texts())
    findings = [*qualifiers.qualifiers(), "leg_red", "age", "recent_leg_injury"]
    items = []
    for _ in range(draw(st.integers(0, 5))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        value = draw(st.one_of(st.sampled_from(["present", "absent"]), st.just(5.0)))
        finding = draw(st.sampled_from(findings))
        items.append(Extracted(finding, value, a, b, text[a:b], draw(st.sampled_from(RULES))))
    return text, items


@settings(max_examples=1500, deadline=None)
@given(_reading())
def test_lazy_scopes_drop_what_eager_ones_dropped(reading: tuple[str, list[Extracted]]) -> None:
    """`drop_unqualified` works out the past, the denied words and the readings outside the
    past only for a reading that needs them: it gives what working them all out gave."""
    text, items = reading
    assert qualifiers.drop_unqualified(text, items) == _eager(text, items)


AGREE = ["it", "It", "IT", "pain", "the pain", "my calf", "that", "which", "always", "really",
         "walking", "Running", "during", "bring", "go", "GO", "goes", "help", "helps", "wake",
         "keep", "get", "feel", "have", "swell", "stretching", "nothing", "muscle", "she", "2",
         "x", "_", "3it", "it's", "go'", "(", ")", "-", "'"]  # fmt: skip
BLANKS = [" ", "  ", "\t", "\n", "\x0b", "\x1c", "", ",", "."]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(AGREE + BLANKS + [" "] * 8), min_size=1, max_size=24).map("".join))
def test_agreement_rewrite_needs_a_lead_before_its_verb(text: str) -> None:
    """`surface` leaves the agreement piece out of an ASCII text where no bare verb follows a
    subject, relative, adverb or -ing word: the piece finds no match in such a text."""
    piece = re.compile(agreement.agree_piece(), re.I | re.M)
    if piece.search(text) is not None:
        assert agreement.may_agree(text.lower())
