"""Three-valued evaluation of the knowledge base's condition language.

Expressions are compiled once into small closures, so a rule costs a few function calls per
case. Each closure returns True, False or None (unknown), following Kleene's logic: `all` is
false if any part is false, `any` is true if any part is true, and otherwise unknown wins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from legwise.kb.expr import Expr

Truth = bool | None
_EMPTY: Mapping[str, float] = MappingProxyType({})  # shared; Facts replaces, never mutates


@dataclass(slots=True)
class Facts:
    """What expressions can look at: answers, and (after scoring) probabilities."""

    states: Mapping[str, int]
    numbers: Mapping[str, float]
    sex: str | None
    probabilities: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    suspected: frozenset[str] = frozenset()
    score_upper: Mapping[str, float] = field(default_factory=lambda: _EMPTY)


Compiled = Callable[[Facts], Truth]


def compile_expr(expr: Expr) -> Compiled:
    """Turn an Expr tree into a closure returning True, False or None."""
    if expr.present is not None:
        fid = expr.present

        def present(f: Facts) -> Truth:
            v = f.states.get(fid, 0)
            return None if v == 0 else v > 0

        return present
    if expr.absent is not None:
        fid_a = expr.absent

        def absent(f: Facts) -> Truth:
            v = f.states.get(fid_a, 0)
            return None if v == 0 else v < 0

        return absent
    if expr.number is not None:
        test = expr.number

        def number(f: Facts) -> Truth:
            v = f.numbers.get(test.finding)
            if v is None:
                return True if test.or_unknown else None
            return test.holds(v)

        return number
    if expr.sex is not None:
        want = expr.sex

        def sex(f: Facts) -> Truth:
            return None if f.sex is None else f.sex == want

        return sex
    if expr.probability is not None:
        cond, lo = expr.probability.condition, expr.probability.min

        def probability(f: Facts) -> Truth:
            p = f.probabilities.get(cond)
            return None if p is None else p >= lo

        return probability
    if expr.suspected is not None:
        cond_s = expr.suspected

        def suspected(f: Facts) -> Truth:
            return cond_s in f.suspected

        return suspected
    if expr.score is not None:
        sid, smin = expr.score.id, expr.score.min

        def score(f: Facts) -> Truth:
            v = f.score_upper.get(sid)
            return None if v is None else v >= smin

        return score
    if expr.not_ is not None:
        inner = compile_expr(expr.not_)

        def negate(f: Facts) -> Truth:
            v = inner(f)
            return None if v is None else not v

        return negate
    if expr.all is not None:
        parts = tuple(compile_expr(e) for e in expr.all)

        def all_of(f: Facts) -> Truth:
            unknown = False
            for part in parts:
                v = part(f)
                if v is False:
                    return False
                if v is None:
                    unknown = True
            return None if unknown else True

        return all_of
    assert expr.any is not None
    options = tuple(compile_expr(e) for e in expr.any)

    def any_of(f: Facts) -> Truth:
        unknown = False
        for part in options:
            v = part(f)
            if v is True:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    return any_of


Truthy = Callable[[Facts], bool]


def _source(expr: Expr) -> str:
    """Python source of a two-valued test for a monotone expression (see compile_truth)."""
    if expr.present is not None:
        return f"(st.get({expr.present!r}, 0) > 0)"
    if expr.number is not None:
        t = expr.number
        bounds = [
            f"{op} {bound!r}"
            for op, bound in ((">=", t.min), ("<=", t.max), (">", t.gt), ("<", t.lt))
            if bound is not None
        ]
        value = f"nu.get({t.finding!r})"
        inside = " and ".join(f"({value} or 0) {b}" for b in bounds)
        if t.or_unknown:  # an unanswered value counts as inside (a danger window)
            return f"({value} is None or ({inside}))"
        return "(" + inside + f" and {value} is not None)"
    if expr.sex is not None:
        return f"(f.sex == {expr.sex!r})"
    if expr.probability is not None:
        c, m = expr.probability.condition, float(expr.probability.min)
        return f"(f.probabilities.get({c!r}, -1.0) >= {m!r})"
    if expr.score is not None:
        s, m = expr.score.id, float(expr.score.min)
        return f"(f.score_upper.get({s!r}, float('-inf')) >= {m!r})"
    if expr.all is not None:
        return "(" + " and ".join(_source(c) for c in expr.all) + ")"
    if expr.any is not None:
        return "(" + " or ".join(_source(c) for c in expr.any) + ")"
    raise ValueError("compile_truth needs a monotone expression (no absent, not, suspected)")


def compile_truth(expr: Expr) -> Truthy:
    """A fast test that is True exactly when the three-valued value is True.

    For monotone expressions (no `absent`, no `not`) the three-valued value is true if and only
    if the expression is true with every unknown read as false, so plain short-circuit Python
    gives the same answer several times faster. Ids are validated snake_case and bounds are
    numbers, so the generated source holds no outside text.
    """
    if not expr.is_monotone() or expr.conditions() - {
        n.probability.condition for n in expr.walk() if n.probability
    }:
        raise ValueError("compile_truth needs a monotone expression (no absent, not, suspected)")
    code = f"lambda f: (lambda st, nu: {_source(expr)})(f.states, f.numbers)"
    fn: Truthy = eval(code, {"__builtins__": {"float": float}})
    return fn
