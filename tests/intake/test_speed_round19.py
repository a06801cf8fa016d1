"""The speed work of round 19 (issue 12) never changes a reading.

Three mechanisms: `alternation.finditer` finds the matches of the surface pieces joined
("A|B|C") without compiling each mix; `compose._hits` visits only the rules a text chose
(`Lexicon.rule_roles`); `gaps.warning_gaps` keeps the gaps of the last answer sets. Each is
checked against the way it replaced, on texts and cases built so that matches, empty matches,
ties and repeats are common.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.intake import alternation, compose, gaps, surface
from legwise.intake.phrase_pipeline import reader
from legwise.kb.loader import load_knowledge

KB = load_knowledge()
FLAGS = re.I | re.M


def _signature(matches: Any) -> list[tuple[Any, ...]]:
    return [
        (m.span(), m.group(), m.lastgroup, sorted((k, v) for k, v in m.groupdict().items() if v))
        for m in matches
    ]


def _same_as_joined(pieces: tuple[str, ...], text: str) -> None:
    joined = re.compile("|".join(pieces), FLAGS)
    got = _signature(alternation.finditer(pieces, text, FLAGS))
    assert got == _signature(joined.finditer(text))


PROSE = ["my", "husband", "husbnad", "Mother", "mohter", "Tuesday", "weks", "swolen", "puses",
         "Spain", "calf", "dont", "its gone", "twenty five", "forty one point five", "a couple of",
         "days", "for week", "about year", "hour ago", "3", "67m", "44f", "no hx ca", "  ", "\t",
         "\n", "\nNo", ".", ",", " ", " ", " ", "I", "AND", "she have", "he dont", "im", "Mrs",
         "mum's", "step son", "aged seven", "2 ", "to", "Y", "N", "leg", "Swollen",
         "A"]  # fmt: skip
NAMES = list(surface.PIECES)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(PROSE), min_size=1, max_size=30).map("".join),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=8, unique=True),
)
def test_surface_pieces_match_as_joined(text: str, kinds: list[str]) -> None:
    """Any mix of the surface pieces, in `PIECES`' order as `_kinds` gives them, finds what
    the joined pattern finds."""
    ordered = tuple(k for k in NAMES if k in kinds)
    _same_as_joined(tuple(surface.PIECES[k] for k in ordered), text)


def test_every_surface_piece_is_read_on_its_own() -> None:
    """No surface piece falls back to the joined pattern (that would compile each mix again)."""
    assert all(alternation._piece(p, FLAGS)[1] for p in surface.PIECES.values())


# pieces that match empty, only empty, long and short at one place, and one of no fit shape
TOY = [r"(?P<b>b)", r"(?P<z>)(?=b)", r"(?:(?P<ab>ab)|(?P<c>)(?=c))", r"(?P<a>a+)", r"x*",
       r"(?P<e>)$", r"^(?P<s>)", r"(?<=a)(?P<after>)", r"(?P<w>\w+)"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(
    st.text(alphabet="abcx\n ", max_size=20),
    st.lists(st.sampled_from(TOY), min_size=1, max_size=5, unique=True),
)
def test_empty_matches_follow_python(text: str, pieces: list[str]) -> None:
    """Empty matches, ties and the text's ends as Python's own `finditer` has them."""
    _same_as_joined(tuple(pieces), text)


def test_a_piece_of_another_shape_is_read_joined() -> None:
    assert not alternation._piece(r"x*", 0)[1]  # empty or long at one place: no rule tells
    assert alternation._piece(r"(?:ab|(?=c))", 0)[1]
    assert not alternation._piece(r"(?:(?=c)|ab)", 0)[1]  # the empty branch first


def _hits_before(found: Any, rules_of: Any, lex: Any, chosen: int) -> Any:
    """`compose._hits` as it was: every (rule, role) pair of each sequence visited."""
    hits: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for (seq, starts), rules in zip(found.items(), rules_of, strict=True):
        if not rules & chosen:
            continue
        for r, role in lex.roles[seq]:
            if chosen >> r & 1:
                hits.setdefault((r, role), []).extend([(i, i + len(seq)) for i in starts])
    return hits


LEX = reader(KB).lexicon
SEQ_WORDS = sorted({w for seq in LEX.roles for w in seq})


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from([*SEQ_WORDS, ",", "and", "at", "night"]), max_size=40))
def test_hits_visit_the_chosen_rules_alike(words: list[str]) -> None:
    """The hits and their order (the order reads come out in) as every pair visited gave."""
    found, rules_of, chosen, _, _ = compose._found(words, LEX)
    for mask in (chosen, chosen | LEX.with_sites, (1 << len(LEX.rules)) - 1):
        new = compose._hits(found, rules_of, LEX, mask)
        old = _hits_before(found, rules_of, LEX, mask)
        assert list(new.items()) == list(old.items())


def test_rule_roles_keep_the_roles_order() -> None:
    for seq, pairs in LEX.roles.items():
        assert [r for r, _ in pairs] == sorted(r for r, _ in pairs)  # rules ascending
        grouped = [(r, role) for r, roles in LEX.rule_roles[seq].items() for role in roles]
        assert grouped == pairs


FINDINGS = [f.id for f in KB.findings.values() if f.type == "state"][:40]
VALUES = ["present", "absent", "unknown", 1, 1.0, True, "yes"]


@settings(max_examples=600, deadline=None)
@given(
    st.dictionaries(st.sampled_from(FINDINGS), st.sampled_from(VALUES), max_size=6),
    st.one_of(st.none(), st.sampled_from([8, 30.0, 70, 101])),
    st.one_of(st.none(), st.sampled_from(["male", "female", "other"])),
)
def test_kept_gaps_are_the_gaps_worked_out(findings: dict[str, Any], age: Any, sex: Any) -> None:
    """The same answer set asked twice, or two sets equal in Python but not in type (1 and
    True), get the gaps worked out afresh (or the same InputError)."""
    case: dict[str, Any] = {"findings": findings}
    if age is not None:
        case["age"] = age
    if sex is not None:
        case["sex"] = sex
    for _ in range(2):
        try:
            fresh = gaps._warning_gaps(KB, case)
        except Exception as error:  # (the same error either way)
            try:
                gaps.warning_gaps(KB, case)
            except Exception as again:
                assert type(again) is type(error) and str(again) == str(error)
            else:
                raise AssertionError("kept gaps for a case that is not valid") from error
            continue
        assert gaps.warning_gaps(KB, case) == fresh


def test_case_key_tells_types_apart() -> None:
    one = gaps._case_key({"findings": {"a": 1}})
    assert one != gaps._case_key({"findings": {"a": True}})
    assert one != gaps._case_key({"findings": {"a": 1.0}})
    assert gaps._case_key({"findings": {"a": [1]}}) is None  # not hashable: worked out
    assert gaps._case_key({"findings": [("a", 1)]}) is None
