"""The generated condition tests (`compile_fast`, `compile_is_true`) give exactly what the
reference closures (`compile_expr`) give: the knowledge's rules, advice and priors run on them,
so a difference would silently change a level or an avoid list."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from legwise.engine.logic import Facts, compile_expr, compile_fast, compile_is_true
from legwise.kb.expr import Expr
from legwise.kb.loader import Knowledge

FINDINGS = ("a", "b", "c")
CONDITIONS = ("x", "y")


def _leaf() -> st.SearchStrategy[dict[str, Any]]:
    bound = st.sampled_from([0.0, 1.0, 2.5, 14.0])
    number = st.fixed_dictionaries(
        {"finding": st.sampled_from(("n", "m"))},
        optional={
            "min": bound,
            "max": bound,
            "gt": bound,
            "lt": bound,
            "or_unknown": st.booleans(),
        },
    ).filter(lambda d: any(k in d for k in ("min", "max", "gt", "lt")))
    return st.one_of(
        st.builds(lambda f: {"present": f}, st.sampled_from(FINDINGS)),
        st.builds(lambda f: {"absent": f}, st.sampled_from(FINDINGS)),
        st.builds(lambda t: {"number": t}, number),
        st.builds(lambda s: {"sex": s}, st.sampled_from(("female", "male"))),
        st.builds(
            lambda c, m: {"probability": {"condition": c, "min": m}},
            st.sampled_from(CONDITIONS),
            st.sampled_from([0.1, 0.5]),
        ),
        st.builds(lambda c: {"suspected": c}, st.sampled_from(CONDITIONS)),
        st.builds(lambda m: {"score": {"id": "s", "min": m}}, st.sampled_from([1.0, 2.0])),
    )


EXPRS = st.recursive(
    _leaf(),
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=8,
)
FACTS = st.builds(
    lambda states, numbers, sex, probs, suspected, upper: Facts(
        states={k: v for k, v in states.items() if v},
        numbers=numbers,
        sex=sex,
        probabilities=probs,
        suspected=frozenset(suspected),
        score_upper=upper,
    ),
    st.dictionaries(st.sampled_from(FINDINGS), st.sampled_from([-1, 0, 1])),
    st.dictionaries(st.sampled_from(("n", "m")), st.sampled_from([0.0, 1.0, 2.5, 3.0, 14.0])),
    st.sampled_from([None, "female", "male"]),
    st.dictionaries(st.sampled_from(CONDITIONS), st.sampled_from([0.05, 0.1, 0.5, 0.9])),
    st.sets(st.sampled_from(CONDITIONS)),
    st.dictionaries(st.just("s"), st.sampled_from([0.0, 1.0, 2.0])),
)


@settings(max_examples=400)
@given(EXPRS, FACTS)
def test_generated_tests_agree_with_the_closures(raw: dict[str, Any], facts: Facts) -> None:
    expr = Expr.model_validate(raw)
    expected = compile_expr(expr)(facts)
    assert compile_fast(expr)(facts) is expected
    assert compile_is_true(expr)(facts) is (expected is True)


def test_every_knowledge_expression_compiles(kb: Knowledge) -> None:
    """Every condition in the shipped knowledge compiles to a generated test and agrees with
    the closures on an empty case (where unknowns and danger windows matter most)."""
    exprs = [r.when for r in kb.rules.values()]
    exprs += [av.when for a in kb.advice.values() for av in a.avoid]
    exprs += [adj.when for c in kb.conditions.values() for adj in c.prior.adjustments]
    empty = Facts(states={}, numbers={}, sex=None)
    for expr in exprs:
        assert compile_fast(expr)(empty) is compile_expr(expr)(empty)
